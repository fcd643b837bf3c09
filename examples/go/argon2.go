package nofuture

/*
#include "nofuture.h"
*/
import "C"

import "unsafe"

// Argon2Cost is Argon2id's cost (RFC 9106 §3.1): memory in KiB (at least 8 × Parallelism), passes, lanes.
type Argon2Cost struct {
	MemoryKiB, Iterations, Parallelism uint32
}

// Argon2id derives length bytes (4..MaxSecretLength) from the password (nil: the empty password) and salt (at
// least 8 bytes) into a new secret; key (the secret value K, nil for none) and ad (associated data X) are the
// optional inputs of RFC 9106 §3.1. The password and key stay unchanged. CodeInvalid for any parameter out of range.
func Argon2id(password *Secret, salt []byte, cost Argon2Cost, length int, key *Secret, ad []byte) (*Secret, error) {
	if length < 0 {
		return nil, newError("argon2id", C.NF_E_INVALID)
	}
	var z1, z2 [1]byte
	var h C.nf_handle
	rc := C.nf_argon2id(handleOf(password), in(salt, &z1), C.size_t(len(salt)), handleOf(key), in(ad, &z2),
		C.size_t(len(ad)), C.uint32_t(cost.MemoryKiB), C.uint32_t(cost.Iterations), C.uint32_t(cost.Parallelism),
		C.size_t(length), &h)
	if err := check("argon2id", rc); err != nil {
		return nil, err
	}
	return newSecret(h), nil
}

// Argon2idHash hashes the password (nil: empty) with a fresh 16-byte salt into a PHC string
// ("$argon2id$v=19$m=...,t=...,p=...$salt$hash").
func Argon2idHash(password *Secret, cost Argon2Cost) (string, error) {
	var buf [C.NF_ARGON2_PHC_MAX_LENGTH]C.char
	var written C.size_t
	rc := C.nf_argon2id_phc_hash(handleOf(password), C.uint32_t(cost.MemoryKiB), C.uint32_t(cost.Iterations),
		C.uint32_t(cost.Parallelism), &buf[0], C.size_t(len(buf)), &written)
	if err := check("argon2id_phc_hash", rc); err != nil {
		return "", err
	}
	return C.GoStringN(&buf[0], C.int(written)-1), nil
}

// Argon2Verify checks the password (nil: empty) against a PHC string, in constant time over the tag. The string
// is untrusted: CodeRejected when it is malformed, CodeLimit when its cost is above the library's cap.
func Argon2Verify(phc string, password *Secret) (bool, error) {
	b := []byte(phc)
	var zero [1]byte
	var match C.int
	p := (*C.char)(unsafe.Pointer(in(b, &zero)))
	if err := check("argon2_phc_verify", C.nf_argon2_phc_verify(p, C.size_t(len(b)), handleOf(password), &match)); err != nil {
		return false, err
	}
	return match == 1, nil
}
