package face

import (
	"fmt"
	"runtime/debug"
)

// recovered turns a panic of the engine code run on a goroutine of our own into that call's error, so that a
// bad image or an engine bug fails one verification (which the pipeline retries, then sends to review), never
// the process: a panic on a goroutine nobody recovers ends the whole program. Use as `defer recovered(&err)`.
func recovered(err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("face: engine panic: %v\n%s", p, debug.Stack())
	}
}
