// Package onnx runs the face models that ship as ONNX files through the ONNX runtime C library
// (libonnxruntime.so, loaded at run time from a path in the configuration, via github.com/yalue/onnxruntime_go):
// the ArcFace-style embedding fr_feature.onnx and the passive liveness classifiers MiniFASNetV2-SE and
// fr_liveness.onnx. It turns face crops into tensors, runs them and turns logits into embeddings or scores.
//
// The runtime environment is process-wide in the C library; Runtime reference-counts it so engines can be
// opened and closed independently. It must not import other packages of this module except
// internal/face/raster; face detection and alignment points come from the caller.
package onnx
