package aadhaarqr

// Caps that bound the memory and time spent on one QR, whatever its content.
const (
	// MaxQRText is the longest QR text accepted: a version 40 QR holds at most
	// 7089 numeric digits, so anything longer did not come from a QR symbol.
	MaxQRText = 8000

	// MaxDecompressed caps the gunzipped payload (a gzip bomb defence). Real
	// Secure QR payloads are 1-3 KiB; 64 KiB leaves a wide margin.
	MaxDecompressed = 64 << 10

	// MaxPhotoPixels caps the decoded photo's declared width x height. UIDAI's
	// photos are about 60x80 to 200x250 pixels; a declared size above this is
	// refused before any pixel buffer is allocated. Kept near real sizes
	// (512x512), because libopenjp2's decode time grows with the declared
	// geometry: fuzzing found inputs within a 1 Mpx cap that took seconds.
	MaxPhotoPixels = 512 * 512

	// MaxPhotoComponents caps the declared colour components (gray, RGB, RGBA).
	MaxPhotoComponents = 4
)
