// dlib shim: HOG face detection, 5-point landmarks and the ResNet face descriptor behind the C interface in
// shim.h. One kyc_dlib handle is used by one thread at a time (dlib's detector and network keep scratch state);
// the Go side pools handles. Nothing here may throw past the extern "C" boundary.
#include "shim.h"

#include <dlib/dnn.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <malloc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

namespace {

// The layer stack of dlib_face_recognition_resnet_model_v1.dat: a ResNet-34-like network with 29 convolution
// layers whose 128-d output is trained for Euclidean distance. The file only deserializes into exactly this
// stack, so the structure below is dictated by the model; the names are ours.
using namespace dlib;

template <int K, template <typename> class Norm, int S, typename In>
using conv_pair = Norm<con<K, 3, 3, 1, 1, relu<Norm<con<K, 3, 3, S, S, In>>>>>;

template <template <int, template <typename> class, int, typename> class Body, int K,
          template <typename> class Norm, typename In>
using same_size_block = add_prev1<Body<K, Norm, 1, tag1<In>>>;

template <template <int, template <typename> class, int, typename> class Body, int K,
          template <typename> class Norm, typename In>
using halving_block = add_prev2<avg_pool<2, 2, 2, 2, skip1<tag2<Body<K, Norm, 2, tag1<In>>>>>>;

template <int K, typename In> using unit = relu<same_size_block<conv_pair, K, affine, In>>;
template <int K, typename In> using unit_down = relu<halving_block<conv_pair, K, affine, In>>;

template <typename In> using stage256a = unit_down<256, In>;
template <typename In> using stage256b = unit<256, unit<256, unit_down<256, In>>>;
template <typename In> using stage128 = unit<128, unit<128, unit_down<128, In>>>;
template <typename In> using stage64 = unit<64, unit<64, unit<64, unit_down<64, In>>>>;
template <typename In> using stage32 = unit<32, unit<32, unit<32, In>>>;

using descriptor_net = loss_metric<fc_no_bias<128, avg_pool_everything<
    stage256a<stage256b<stage128<stage64<stage32<
    max_pool<3, 3, 2, 2, relu<affine<con<32, 7, 7, 2, 2, input_rgb_image_sized<150>>>>>>>>>>>>>;

// Size and padding of the aligned face chip the descriptor network was trained on.
constexpr unsigned long kChipSize = 150;
constexpr double kChipPadding = 0.25;

void set_error(char** err, const char* msg) {
	if (err != nullptr) *err = strdup(msg);
}

matrix<rgb_pixel> to_matrix(const uint8_t* rgb, int width, int height) {
	if (rgb == nullptr || width <= 0 || height <= 0) throw error("empty image");
	matrix<rgb_pixel> img(height, width);
	static_assert(sizeof(rgb_pixel) == 3, "rgb_pixel must be packed RGB");
	std::memcpy(&img(0, 0), rgb, size_t(width) * size_t(height) * 3);
	return img;
}

}  // namespace

struct kyc_dlib {
	frontal_face_detector detector = get_frontal_face_detector();
	shape_predictor landmarks;
	descriptor_net net;
	bool has_net = false;
};

extern "C" {

kyc_dlib* kyc_dlib_open(const char* shape_path, const char* net_path, char** err) {
	try {
		auto h = new kyc_dlib();
		try {
			deserialize(shape_path) >> h->landmarks;
			if (h->landmarks.num_parts() != KYC_DLIB_LANDMARKS) throw error("landmark model is not the 5-point model");
			if (net_path != nullptr && net_path[0] != 0) {
				deserialize(net_path) >> h->net;
				h->has_net = true;
			}
		} catch (...) {
			delete h;
			throw;
		}
		return h;
	} catch (const std::exception& e) {
		set_error(err, e.what());
	} catch (...) {
		set_error(err, "unknown C++ exception while loading dlib models");
	}
	return nullptr;
}

kyc_dlib* kyc_dlib_clone(const kyc_dlib* src, char** err) {
	try {
		if (src == nullptr) throw error("nil handle");
		return new kyc_dlib(*src);
	} catch (const std::exception& e) {
		set_error(err, e.what());
	} catch (...) {
		set_error(err, "unknown C++ exception while copying dlib models");
	}
	return nullptr;
}

void kyc_dlib_close(kyc_dlib* h) { delete h; }

int kyc_dlib_detect(kyc_dlib* h, const uint8_t* rgb, int width, int height, double adjust_threshold,
                    kyc_dlib_face* out, int max, char** err) {
	try {
		if (h == nullptr) throw error("nil handle");
		const matrix<rgb_pixel> img = to_matrix(rgb, width, height);
		std::vector<rect_detection> dets;
		h->detector(img, dets, adjust_threshold);
		std::sort(dets.begin(), dets.end(), [](const rect_detection& a, const rect_detection& b) {
			return a.detection_confidence > b.detection_confidence;
		});
		const int n = int(dets.size());
		for (int i = 0; i < n && i < max; i++) {
			const rectangle r = dets[i].rect;
			const full_object_detection shape = h->landmarks(img, r);
			kyc_dlib_face& f = out[i];
			f.left = int32_t(r.left());
			f.top = int32_t(r.top());
			f.right = int32_t(r.right());
			f.bottom = int32_t(r.bottom());
			f.confidence = dets[i].detection_confidence;
			for (unsigned long p = 0; p < KYC_DLIB_LANDMARKS; p++) {
				f.points[2 * p] = float(shape.part(p).x());
				f.points[2 * p + 1] = float(shape.part(p).y());
			}
		}
		return n;
	} catch (const std::exception& e) {
		set_error(err, e.what());
	} catch (...) {
		set_error(err, "unknown C++ exception in face detection");
	}
	return -1;
}

int kyc_dlib_shape(kyc_dlib* h, const uint8_t* rgb, int width, int height, kyc_dlib_face* face, char** err) {
	try {
		if (h == nullptr || face == nullptr) throw error("nil handle or face");
		const matrix<rgb_pixel> img = to_matrix(rgb, width, height);
		const full_object_detection shape =
			h->landmarks(img, rectangle(face->left, face->top, face->right, face->bottom));
		for (unsigned long p = 0; p < KYC_DLIB_LANDMARKS; p++) {
			face->points[2 * p] = float(shape.part(p).x());
			face->points[2 * p + 1] = float(shape.part(p).y());
		}
		return 0;
	} catch (const std::exception& e) {
		set_error(err, e.what());
	} catch (...) {
		set_error(err, "unknown C++ exception in landmark fitting");
	}
	return -1;
}

int kyc_dlib_describe(kyc_dlib* h, const uint8_t* rgb, int width, int height, const kyc_dlib_face* face,
                      float* out, char** err) {
	try {
		if (h == nullptr || face == nullptr || out == nullptr) throw error("nil argument");
		if (!h->has_net) throw error("descriptor model not loaded");
		const matrix<rgb_pixel> img = to_matrix(rgb, width, height);
		std::vector<point> parts;
		for (int p = 0; p < KYC_DLIB_LANDMARKS; p++) {
			parts.emplace_back(std::lround(face->points[2 * p]), std::lround(face->points[2 * p + 1]));
		}
		const full_object_detection shape(rectangle(face->left, face->top, face->right, face->bottom), parts);
		matrix<rgb_pixel> chip;
		extract_image_chip(img, get_face_chip_details(shape, kChipSize, kChipPadding), chip);
		const matrix<float, 0, 1> d = h->net(chip);
		if (d.size() != KYC_DLIB_DESCRIPTOR) throw error("descriptor has an unexpected size");
		for (long i = 0; i < d.size(); i++) out[i] = d(i);
		return 0;
	} catch (const std::exception& e) {
		set_error(err, e.what());
	} catch (...) {
		set_error(err, "unknown C++ exception in face description");
	}
	return -1;
}

int kyc_dlib_tune_malloc(int mmap_threshold, int arena_max) {
	const int ok1 = mallopt(M_MMAP_THRESHOLD, mmap_threshold);
	const int ok2 = mallopt(M_ARENA_MAX, arena_max);
	return (ok1 == 1 && ok2 == 1) ? 0 : -1;
}

}  // extern "C"
