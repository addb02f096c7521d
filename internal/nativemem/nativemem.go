// Package nativemem gives back to the operating system the memory that the C and C++ engines (Tesseract, dlib,
// ONNX Runtime, libopenjp2) have freed but glibc's allocator still holds.
//
// glibc keeps freed blocks inside its arenas for reuse and returns a page only when it is at the top of an arena;
// after a burst of recognition work the worker's resident size therefore stays near its peak, and how far above
// its resting size it stays depends on where the last live blocks happen to sit (the soak saw one worker
// incarnation rest 70 MiB above another after the same work, with a Go heap of 6 MiB in both). malloc_trim(0)
// walks every arena and releases the free pages inside it too (madvise), so a trim once the work has stopped
// brings the resident size back to what is live. It never frees live memory: a leak still shows.
package nativemem

/*
#include <malloc.h>

static int kyc_malloc_trim(void) {
#ifdef __GLIBC__
	return malloc_trim(0);
#else
	return 0;
#endif
}
*/
import "C"

// Trim releases the free memory of every malloc arena and reports whether any was released. It costs a walk of
// the arenas (milliseconds for a worker's few hundred MiB), so call it when work has stopped, not per job.
func Trim() bool {
	return C.kyc_malloc_trim() == 1
}
