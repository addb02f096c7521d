// Package cmalloc lets nativemem's test allocate and free C memory (cgo is not allowed in test files).
package cmalloc

/*
#include <stdlib.h>
#include <string.h>
*/
import "C"

import "unsafe"

// Alloc mallocs size bytes and writes them, so that their pages are resident.
func Alloc(size int) unsafe.Pointer {
	p := C.malloc(C.size_t(size))
	C.memset(p, 1, C.size_t(size))
	return p
}

// Free frees a block from Alloc.
func Free(p unsafe.Pointer) { C.free(p) }
