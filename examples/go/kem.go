package nofuture

/*
#include "nofuture.h"
*/
import "C"

// KemAlgorithm names a KEM by its HPKE KEM id (NF_KEM_* in nofuture.h).
type KemAlgorithm uint32

const (
	MLKem512  KemAlgorithm = C.NF_KEM_MLKEM512  // FIPS 203, public key 800, ciphertext 768
	MLKem768  KemAlgorithm = C.NF_KEM_MLKEM768  // FIPS 203, public key 1184, ciphertext 1088
	MLKem1024 KemAlgorithm = C.NF_KEM_MLKEM1024 // FIPS 203, public key 1568, ciphertext 1568
	XWing     KemAlgorithm = C.NF_KEM_XWING     // draft-connolly-cfrg-xwing-kem, public key 1216, ciphertext 1120
)

// KemSharedSecretSize is the length of every KEM shared secret.
const KemSharedSecretSize = C.NF_KEM_SHARED_SECRET_BYTES

// Sizes returns the algorithm's public key, ciphertext and seed sizes (CodeInvalid for an unknown algorithm).
func (a KemAlgorithm) Sizes() (publicKey, ciphertext, seed int, err error) {
	var pk, ct, sd C.size_t
	if err := check("kem_sizes", C.nf_kem_sizes(C.uint32_t(a), &pk, &ct, &sd)); err != nil {
		return 0, 0, 0, err
	}
	return int(pk), int(ct), int(sd), nil
}

// KemKey is a KEM key pair, or a peer's public key (ImportKemPublicKey). Destroy it when done.
type KemKey struct {
	h C.nf_handle
}

// GenerateKem generates a key pair.
func GenerateKem(algorithm KemAlgorithm) (*KemKey, error) {
	var h C.nf_handle
	if err := check("kem_generate", C.nf_kem_generate(C.uint32_t(algorithm), &h)); err != nil {
		return nil, err
	}
	return &KemKey{h: h}, nil
}

// ImportKemSeed derives the key pair of a seed held in a secret (ML-KEM: d || z, 64 bytes; X-Wing: the 32-byte
// private key); the seed stays valid and unchanged.
func ImportKemSeed(algorithm KemAlgorithm, seed *Secret) (*KemKey, error) {
	var h C.nf_handle
	if err := check("kem_import_seed", C.nf_kem_import_seed(C.uint32_t(algorithm), handleOf(seed), &h)); err != nil {
		return nil, err
	}
	return &KemKey{h: h}, nil
}

// ImportKemPublicKey checks a peer's public key (FIPS 203 §7.2: CodeRejected when it fails) and returns a key that
// can encapsulate only.
func ImportKemPublicKey(algorithm KemAlgorithm, publicKey []byte) (*KemKey, error) {
	var zero [1]byte
	var h C.nf_handle
	rc := C.nf_kem_import_public(C.uint32_t(algorithm), in(publicKey, &zero), C.size_t(len(publicKey)), &h)
	if err := check("kem_import_public", rc); err != nil {
		return nil, err
	}
	return &KemKey{h: h}, nil
}

// PublicKey returns a copy of the public (encapsulation) key.
func (k *KemKey) PublicKey() ([]byte, error) {
	return sized("kem_export_public", func(out *C.uint8_t, n C.size_t, w *C.size_t) C.int {
		return C.nf_kem_export_public(k.h, out, n, w)
	})
}

// Algorithm returns the key's algorithm.
func (k *KemKey) Algorithm() (KemAlgorithm, error) {
	var a C.uint32_t
	err := check("kem_algorithm", C.nf_kem_algorithm(k.h, &a))
	return KemAlgorithm(a), err
}

// HasPrivate reports whether the key can decapsulate (false for an imported public key).
func (k *KemKey) HasPrivate() (bool, error) {
	var v C.int
	err := check("kem_has_private", C.nf_kem_has_private(k.h, &v))
	return v != 0 && err == nil, err
}

// Encapsulate returns a ciphertext for the key's owner and the 32-byte shared secret (Destroy it when done).
func (k *KemKey) Encapsulate() (ciphertext []byte, sharedSecret *Secret, err error) {
	var h C.nf_handle
	ciphertext, err = sized("kem_encapsulate", func(out *C.uint8_t, n C.size_t, w *C.size_t) C.int {
		return C.nf_kem_encapsulate(k.h, out, n, w, &h)
	})
	if err != nil {
		return nil, nil, err
	}
	return ciphertext, newSecret(h), nil
}

// Decapsulate returns the shared secret of a ciphertext (exactly the algorithm's size, else CodeInvalid). A
// modified ciphertext is not an error: implicit rejection (FIPS 203) gives another, pseudorandom secret.
// CodeNoPrivate for a key imported from its public key.
func (k *KemKey) Decapsulate(ciphertext []byte) (*Secret, error) {
	var zero [1]byte
	var h C.nf_handle
	rc := C.nf_kem_decapsulate(k.h, in(ciphertext, &zero), C.size_t(len(ciphertext)), &h)
	if err := check("kem_decapsulate", rc); err != nil {
		return nil, err
	}
	return newSecret(h), nil
}

// Destroy frees the key (its secrets are wiped); a second Destroy returns CodeBadHandle.
func (k *KemKey) Destroy() error { return check("kem_free", C.nf_kem_free(k.h)) }
