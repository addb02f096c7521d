package pipeline

import (
	"fmt"
	"runtime/debug"
)

// safely runs f, turning a panic into its error, for the goroutines a step starts (the errgroup children of
// readcards.go): the step then fails like any other failure (retried, then the session goes to review) instead
// of the panic crossing into errgroup.Wait, where River would see it as the whole job's panic, or ending the
// process on a goroutine nobody recovers.
func safely(f func() error) func() error {
	return func() (err error) {
		defer func() {
			if p := recover(); p != nil {
				err = fmt.Errorf("panic: %v\n%s", p, debug.Stack())
			}
		}()
		return f()
	}
}
