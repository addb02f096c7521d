// Package envelope encrypts objects at rest with envelope encryption: AES-256-GCM under a fresh random data key
// per object, the data key wrapped (AES-256-GCM) by a master key from a Keyring that names keys by id, so master
// keys can be rotated while older objects stay readable.
//
// Encryption is streaming: the plaintext is cut into segments (64 KiB by default), each sealed on its own with a
// nonce of prefix || segment counter || last-segment flag, so neither side holds a whole file and truncation,
// reordering or any flipped byte is detected. The ciphertext size is a pure function of the plaintext size
// (SealedSize), so a store that needs the length up front can be given it.
//
// Layout of a sealed object (all integers big-endian):
//
//	"KYCE" | version (1) | segment size (4) | nonce prefix (7) | key id length (1) | key id | wrap nonce (12) |
//	wrapped data key (48) | segment 0 ... segment n-1 (each plaintext + 16-byte tag)
//
// The wrapped data key is authenticated together with everything before the wrap nonce and with caller-chosen
// associated data (the object's storage key), so a sealed object moved to another key does not open.
//
// It must not import storage, transport or domain packages, and never logs key material or plaintext.
package envelope
