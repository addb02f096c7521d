// Package raster holds the small, dependency-free image operations the face engines share: a packed RGB
// buffer (the layout dlib and the ONNX models read), conversion from image.Image, area-averaging resize,
// square crops with padding, and similarity transforms (fit from landmarks, warp with bilinear sampling).
//
// It owns pixels and geometry only: it must not import dlib, ONNX or any other package of this module, so
// that it stays testable in pure Go.
package raster
