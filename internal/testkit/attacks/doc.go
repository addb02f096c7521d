// Package attacks makes synthetic presentation attacks for liveness tests and evaluations: a live selfie
// re-captured by a camera as a printed photo or as a photo shown on a screen. Each attack combines the cues
// passive liveness models look for: the medium's texture (halftone dots of a print, the pixel grid of a screen
// and the moiré it makes with the camera), colour loss (faded print inks, a screen's gamma and white point),
// the medium's border (paper edge or bezel on a background), glare (glossy paper, glass) and the camera's
// blur, noise and JPEG compression.
//
// These are stand-ins: real attacks vary more, so APCER measured on them is a sanity check of a model, not
// proof of its strength. Deterministic for a given rand source. Test and evaluation code only; it must not
// import the code it is used to evaluate (internal/face).
package attacks
