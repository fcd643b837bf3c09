package nofuture

/*
#include "nofuture.h"
*/
import "C"

import "unsafe"

// X25519Key is an X25519 key pair (RFC 7748); the scalar stays in secret memory. Destroy it when done.
type X25519Key struct {
	h C.nf_handle
}

// GenerateX25519 generates a key pair.
func GenerateX25519() (*X25519Key, error) {
	var h C.nf_handle
	if err := check("x25519_generate", C.nf_x25519_generate(&h)); err != nil {
		return nil, err
	}
	return &X25519Key{h: h}, nil
}

// ImportX25519 is the key of a 32-byte scalar held in a secret (left unchanged).
func ImportX25519(scalar *Secret) (*X25519Key, error) {
	var h C.nf_handle
	if err := check("x25519_import", C.nf_x25519_import(handleOf(scalar), &h)); err != nil {
		return nil, err
	}
	return &X25519Key{h: h}, nil
}

// PublicKey returns the 32-byte public key.
func (k *X25519Key) PublicKey() ([]byte, error) {
	out := make([]byte, C.NF_X25519_KEY_BYTES)
	if err := check("x25519_export_public", C.nf_x25519_export_public(k.h, (*C.uint8_t)(unsafe.Pointer(&out[0])), C.size_t(len(out)), nil)); err != nil {
		return nil, err
	}
	return out, nil
}

// Agree returns X25519(scalar, peer) as a new 32-byte secret. CodeInvalid unless the peer key is 32 bytes;
// CodeRejected for an all-zero result (a small-order peer key, RFC 7748 §6.1).
func (k *X25519Key) Agree(peer []byte) (*Secret, error) {
	var zero [1]byte
	var h C.nf_handle
	if err := check("x25519_agree", C.nf_x25519_agree(k.h, in(peer, &zero), C.size_t(len(peer)), &h)); err != nil {
		return nil, err
	}
	return newSecret(h), nil
}

// Destroy frees the key (its secret is wiped); a second Destroy returns CodeBadHandle.
func (k *X25519Key) Destroy() error { return check("x25519_free", C.nf_x25519_free(k.h)) }
