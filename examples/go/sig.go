package nofuture

/*
#include "nofuture.h"
*/
import "C"

// SignatureAlgorithm is an NF_SIG_* id of nofuture.h.
type SignatureAlgorithm uint32

const (
	Ed25519              SignatureAlgorithm = C.NF_SIG_ED25519           // RFC 8032, no context
	Ed448                SignatureAlgorithm = C.NF_SIG_ED448             // RFC 8032, context 0..255 bytes
	Ed448ph              SignatureAlgorithm = C.NF_SIG_ED448PH           // RFC 8032, context 0..255 bytes
	EcdsaP256Sha256      SignatureAlgorithm = C.NF_SIG_ECDSA_P256_SHA256 // DER signatures
	EcdsaP384Sha384      SignatureAlgorithm = C.NF_SIG_ECDSA_P384_SHA384
	EcdsaP521Sha512      SignatureAlgorithm = C.NF_SIG_ECDSA_P521_SHA512
	EcdsaP256Sha256P1363 SignatureAlgorithm = C.NF_SIG_ECDSA_P256_SHA256_P1363 // r || s signatures
	EcdsaP384Sha384P1363 SignatureAlgorithm = C.NF_SIG_ECDSA_P384_SHA384_P1363
	EcdsaP521Sha512P1363 SignatureAlgorithm = C.NF_SIG_ECDSA_P521_SHA512_P1363
	MLDsa44              SignatureAlgorithm = C.NF_SIG_MLDSA44 // FIPS 204, 32-byte seed, hedged, context 0..255 bytes
	MLDsa65              SignatureAlgorithm = C.NF_SIG_MLDSA65
	MLDsa87              SignatureAlgorithm = C.NF_SIG_MLDSA87
)

// Sizes returns the public key size, the largest signature and the private key size (CodeInvalid for an unknown
// algorithm).
func (a SignatureAlgorithm) Sizes() (publicKey, signatureMax, privateKey int, err error) {
	var pk, sig, sk C.size_t
	if err := check("sig_sizes", C.nf_sig_sizes(C.uint32_t(a), &pk, &sig, &sk)); err != nil {
		return 0, 0, 0, err
	}
	return int(pk), int(sig), int(sk), nil
}

// SigningKey is a private signing key; it never leaves the library. Destroy it when done.
type SigningKey struct {
	h C.nf_handle
}

// GenerateSigningKey generates a key.
func GenerateSigningKey(algorithm SignatureAlgorithm) (*SigningKey, error) {
	var h C.nf_handle
	if err := check("sig_generate", C.nf_sig_generate(C.uint32_t(algorithm), &h)); err != nil {
		return nil, err
	}
	return &SigningKey{h: h}, nil
}

// ImportSigningKey is the key of a private key held in a secret (left unchanged): the EdDSA seed, the big-endian
// ECDSA scalar (CodeRejected for 0 or >= n) or the 32-byte ML-DSA seed.
func ImportSigningKey(algorithm SignatureAlgorithm, privateKey *Secret) (*SigningKey, error) {
	var h C.nf_handle
	if err := check("sig_import_private", C.nf_sig_import_private(C.uint32_t(algorithm), handleOf(privateKey), &h)); err != nil {
		return nil, err
	}
	return &SigningKey{h: h}, nil
}

// PublicKey returns a copy of the public key.
func (k *SigningKey) PublicKey() ([]byte, error) {
	return sized("sig_export_public", func(out *C.uint8_t, n C.size_t, w *C.size_t) C.int {
		return C.nf_sig_export_public(k.h, out, n, w)
	})
}

// Algorithm returns the key's algorithm.
func (k *SigningKey) Algorithm() (SignatureAlgorithm, error) {
	var a C.uint32_t
	err := check("sig_algorithm", C.nf_sig_algorithm(k.h, &a))
	return SignatureAlgorithm(a), err
}

// Sign signs message under context (nil for none; only Ed448, Ed448ph and ML-DSA take one, else CodeInvalid).
// ML-DSA signing is hedged: two signatures of one message differ.
func (k *SigningKey) Sign(message, context []byte) ([]byte, error) {
	var z1, z2 [1]byte
	return sized("sig_sign", func(out *C.uint8_t, n C.size_t, w *C.size_t) C.int {
		return C.nf_sig_sign(k.h, in(message, &z1), C.size_t(len(message)), in(context, &z2), C.size_t(len(context)), out, n, w)
	})
}

// Destroy frees the key (its secrets are wiped); a second Destroy returns CodeBadHandle.
func (k *SigningKey) Destroy() error { return check("sig_free", C.nf_sig_free(k.h)) }

// Verify reports whether signature is a valid signature of message under publicKey and context. A wrong or
// malformed signature, or a public key that is not a valid point, is false with a nil error; a public key of the
// wrong size or a context the algorithm does not take is CodeInvalid.
func Verify(algorithm SignatureAlgorithm, publicKey, message, signature, context []byte) (bool, error) {
	var z1, z2, z3, z4 [1]byte
	var valid C.int
	rc := C.nf_sig_verify(C.uint32_t(algorithm), in(publicKey, &z1), C.size_t(len(publicKey)), in(message, &z2),
		C.size_t(len(message)), in(signature, &z3), C.size_t(len(signature)), in(context, &z4), C.size_t(len(context)),
		&valid)
	if err := check("sig_verify", rc); err != nil {
		return false, err
	}
	return valid == 1, nil
}
