// Package dlib binds Debian's dlib 19.24 (libdlib-dev) through a small C++ shim (shim.cc, written for this
// project): HOG frontal face detection, the 5-point landmark model and the 128-d ResNet face descriptor.
//
// A dlib detector and network keep scratch state and are not safe for concurrent use, so a Pool owns one
// independent copy of the models per worker and lends them out. C++ exceptions are caught in the shim and
// come back as Go errors. Compiled without -march=native so the binary runs on any x86-64.
//
// It must not import other packages of this module except internal/face/raster.
package dlib
