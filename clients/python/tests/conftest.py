import os
import sys
import uuid

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))
sys.path.insert(0, os.path.dirname(__file__))

from helpers import Env  # noqa: E402

import enxtai_kyc  # noqa: E402


@pytest.fixture(scope="session")
def env() -> Env:
    e = Env()
    if not (e.grpc_addr and e.api_key and e.docs):
        pytest.skip("no test server: run under internal/testkit/cmd/testenv (make test-sdk-python)")
    return e


@pytest.fixture
def client(env):
    with enxtai_kyc.Client(env.grpc_addr, env.api_key) as c:
        yield c


@pytest.fixture(scope="session")
def pipeline_present(env) -> bool:
    """VerifyKyc answers UNIMPLEMENTED until the verification pipeline (issue 6) is in."""
    with enxtai_kyc.Client(env.grpc_addr, env.api_key) as c:
        try:
            c.verify(str(uuid.uuid4()))
        except enxtai_kyc.UnimplementedError:
            return False
        except enxtai_kyc.KycError:
            return True
    return True
