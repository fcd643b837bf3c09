package nofuture

// The crypto functions of the C ABI (nofuture.h: nf_kem_*, nf_hpke_*, nf_argon2*, nf_x25519_*, nf_sig_*), as thin
// as the secret functions: a key is an immutable handle (Destroy it when done; there is no finalizer), private keys
// never leave the library, and shared secrets and derived keys come back as *Secret. Public values (public keys,
// ciphertexts, signatures, HPKE plaintexts) are ordinary Go slices.

/*
#include "nofuture.h"
*/
import "C"

import "unsafe"

// in returns a C pointer for an input slice: never NULL, so an empty slice is a length-0 input (the library takes
// NULL only with length 0 for optional inputs, and answers NF_E_NULL for required ones).
func in(b []byte, zero *[1]byte) *C.uint8_t {
	if len(b) == 0 {
		return (*C.uint8_t)(unsafe.Pointer(&zero[0]))
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0]))
}

// sized runs call with a 1-byte buffer to learn the output size (NF_E_BUFFER_SMALL reports it in *written), then
// with a buffer of that size; it returns the written prefix. Every caller's function checks the size before doing
// any work, so the first call costs a handle lookup.
func sized(op string, call func(out *C.uint8_t, outLen C.size_t, written *C.size_t) C.int) ([]byte, error) {
	var probe [1]byte
	var written C.size_t
	rc := call((*C.uint8_t)(unsafe.Pointer(&probe[0])), 1, &written)
	if rc != C.NF_E_BUFFER_SMALL {
		if err := check(op, rc); err != nil {
			return nil, err
		}
		return probe[:written], nil
	}
	out := make([]byte, int(written))
	if err := check(op, call((*C.uint8_t)(unsafe.Pointer(&out[0])), C.size_t(len(out)), &written)); err != nil {
		return nil, err
	}
	return out[:written], nil
}

// handleOf is the handle of a *Secret, or 0 (none) for nil.
func handleOf(s *Secret) C.nf_handle {
	if s == nil {
		return 0
	}
	return s.h
}
