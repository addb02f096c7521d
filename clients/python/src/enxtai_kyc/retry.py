"""When and how long to wait before sending a failed call again."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from typing import Callable, Optional, TypeVar

from .errors import KycError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """Retries UNAVAILABLE, and RESOURCE_EXHAUSTED that carries a retry-after (a rate limit, not "file too
    large"); never client errors. The defaults follow the API guide: about 1 s, 2 s, 4 s, 8 s, five attempts."""

    max_attempts: int = 5  # attempts in all, the first included; 1 disables retries
    initial_backoff: float = 1.0  # seconds before the first retry
    max_backoff: float = 30.0
    multiplier: float = 2.0
    max_retry_after: float = 120.0  # a longer retry-after is raised to the caller instead of waited for

    def wait(self, err: KycError, attempt: int, deadline: Optional[float]) -> Optional[float]:
        """Seconds to wait before attempt+1 after err failed attempt (1-based), or None: do not retry (not
        retryable, attempts used up, or the wait would pass the deadline, a time.monotonic() value)."""
        if attempt >= self.max_attempts or not err.retryable:
            return None
        if err.retry_after:
            if err.retry_after > self.max_retry_after:
                return None
            delay = err.retry_after + random.uniform(0, 0.1)  # spread clients waking together
        else:
            delay = self.backoff(attempt)
        if deadline is not None and time.monotonic() + delay > deadline:
            return None
        return delay

    def backoff(self, attempt: int) -> float:
        """Exponential wait after the given attempt with "equal jitter": half fixed, half random."""
        b = min(self.initial_backoff * self.multiplier ** (attempt - 1), self.max_backoff)
        return b / 2 + random.uniform(0, b / 2)

    def run(self, attempt: Callable[[Optional[float]], T], deadline: Optional[float],
            may_retry: Optional[Callable[[], bool]] = None) -> T:
        """Calls attempt(seconds left or None) until it returns, or raises its KycError for good."""
        n = 0
        while True:
            n += 1
            try:
                return attempt(None if deadline is None else max(deadline - time.monotonic(), 0.001))
            except KycError as err:
                delay = self.wait(err, n, deadline)
                if delay is None or (may_retry is not None and not may_retry()):
                    raise
                time.sleep(delay)
