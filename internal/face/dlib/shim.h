// C interface of the dlib shim: plain C types only, so cgo can call it. Every function catches C++ exceptions
// and reports them through *err (a malloc'ed message the caller frees), never by unwinding into Go.
#ifndef KYC_DLIB_SHIM_H
#define KYC_DLIB_SHIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Number of landmarks of dlib's shape_predictor_5_face_landmarks model and of the descriptor.
#define KYC_DLIB_LANDMARKS 5
#define KYC_DLIB_DESCRIPTOR 128

typedef struct kyc_dlib kyc_dlib;

// One detected face in the coordinates of the image passed in.
typedef struct {
	int32_t left, top, right, bottom;   // HOG detection rectangle, right/bottom inclusive
	double confidence;                 // HOG detector score (higher = surer), 0 is dlib's default threshold
	float points[2 * KYC_DLIB_LANDMARKS]; // x0,y0,x1,y1,...: eye corners 0-1 and 2-3, nose base 4
} kyc_dlib_face;

// kyc_dlib_open loads the landmark model and, when net_path is non-empty, the ResNet descriptor model.
kyc_dlib* kyc_dlib_open(const char* shape_path, const char* net_path, char** err);

// kyc_dlib_clone copies loaded models into an independent handle (one handle per worker thread).
kyc_dlib* kyc_dlib_clone(const kyc_dlib* src, char** err);

void kyc_dlib_close(kyc_dlib* h);

// kyc_dlib_detect finds faces in a packed RGB image (stride = 3*width) and fits the 5 landmarks to each.
// It writes at most max faces to out, strongest first, and returns how many were found (possibly more than max),
// or -1 with *err set.
int kyc_dlib_detect(kyc_dlib* h, const uint8_t* rgb, int width, int height, double adjust_threshold,
                    kyc_dlib_face* out, int max, char** err);

// kyc_dlib_shape fits the 5 landmarks to a face box found by another detector (face->left..bottom set);
// it fills face->points and leaves the box and confidence. Returns 0, or -1 with *err set.
int kyc_dlib_shape(kyc_dlib* h, const uint8_t* rgb, int width, int height, kyc_dlib_face* face, char** err);

// kyc_dlib_describe computes the 128-d descriptor of one face found by kyc_dlib_detect in the same image.
// Returns 0, or -1 with *err set.
int kyc_dlib_describe(kyc_dlib* h, const uint8_t* rgb, int width, int height, const kyc_dlib_face* face,
                      float* out, char** err);

// kyc_dlib_tune_malloc makes glibc return large freed blocks to the system (fixed mmap threshold) and
// bounds its per-thread arenas; process-wide. Returns 0 when glibc accepted both settings.
int kyc_dlib_tune_malloc(int mmap_threshold, int arena_max);

#ifdef __cplusplus
}
#endif

#endif
