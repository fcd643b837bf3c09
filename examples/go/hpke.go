package nofuture

/*
#include "nofuture.h"
*/
import "C"

// HPKE registry ids (RFC 9180 §7, draft-ietf-hpke-pq) accepted by the library.
const (
	HpkeKemP256          uint16 = 0x0010
	HpkeKemP384          uint16 = 0x0011
	HpkeKemP521          uint16 = 0x0012
	HpkeKemX25519        uint16 = 0x0020
	HpkeKemX448          uint16 = 0x0021
	HpkeKemMLKem512      uint16 = 0x0040
	HpkeKemMLKem768      uint16 = 0x0041
	HpkeKemMLKem1024     uint16 = 0x0042
	HpkeKemMLKem768P256  uint16 = 0x0050
	HpkeKemMLKem1024P384 uint16 = 0x0051
	HpkeKemXWing         uint16 = 0x647A

	HpkeKdfHkdfSha256 uint16 = 0x0001
	HpkeKdfHkdfSha384 uint16 = 0x0002
	HpkeKdfHkdfSha512 uint16 = 0x0003
	HpkeKdfShake128   uint16 = 0x0010
	HpkeKdfShake256   uint16 = 0x0011

	HpkeAeadAes128Gcm        uint16 = 0x0001
	HpkeAeadAes256Gcm        uint16 = 0x0002
	HpkeAeadChaCha20Poly1305 uint16 = 0x0003
)

// HpkeSuite is a KEM, KDF and AEAD by their registry ids.
type HpkeSuite struct {
	Kem, Kdf, Aead uint16
}

// Psk is a pre-shared key for HPKE's psk mode (RFC 9180 §5.1): the key (at least 32 bytes) and its id, both required.
type Psk struct {
	Key *Secret
	ID  []byte
}

// HpkeKey is an HPKE recipient key pair. Destroy it when done.
type HpkeKey struct {
	h C.nf_handle
}

// GenerateHpkeKey generates a key pair of the KEM.
func GenerateHpkeKey(kem uint16) (*HpkeKey, error) {
	var h C.nf_handle
	if err := check("hpke_key_generate", C.nf_hpke_key_generate(C.uint16_t(kem), &h)); err != nil {
		return nil, err
	}
	return &HpkeKey{h: h}, nil
}

// DeriveHpkeKey is DeriveKeyPair(ikm) (RFC 9180 §7.1.3); ikm stays unchanged.
func DeriveHpkeKey(kem uint16, ikm *Secret) (*HpkeKey, error) {
	var h C.nf_handle
	if err := check("hpke_key_derive", C.nf_hpke_key_derive(C.uint16_t(kem), handleOf(ikm), &h)); err != nil {
		return nil, err
	}
	return &HpkeKey{h: h}, nil
}

// ImportHpkeKey imports a serialized private key (DeserializePrivateKey) held in a secret (left unchanged).
func ImportHpkeKey(kem uint16, privateKey *Secret) (*HpkeKey, error) {
	var h C.nf_handle
	if err := check("hpke_key_import", C.nf_hpke_key_import(C.uint16_t(kem), handleOf(privateKey), &h)); err != nil {
		return nil, err
	}
	return &HpkeKey{h: h}, nil
}

// PublicKey returns a copy of the serialized public key.
func (k *HpkeKey) PublicKey() ([]byte, error) {
	return sized("hpke_key_export_public", func(out *C.uint8_t, n C.size_t, w *C.size_t) C.int {
		return C.nf_hpke_key_export_public(k.h, out, n, w)
	})
}

// Kem returns the key's KEM id.
func (k *HpkeKey) Kem() (uint16, error) {
	var v C.uint16_t
	err := check("hpke_key_kem", C.nf_hpke_key_kem(k.h, &v))
	return uint16(v), err
}

// Destroy frees the key (its secrets are wiped); a second Destroy returns CodeBadHandle.
func (k *HpkeKey) Destroy() error { return check("hpke_key_free", C.nf_hpke_key_free(k.h)) }

func (p *Psk) parts() (C.nf_handle, []byte) {
	if p == nil {
		return 0, nil
	}
	return handleOf(p.Key), p.ID
}

// Seal encrypts plaintext to the recipient's public key in one shot (SealBase, or SealPSK when psk is not nil):
// the encapsulated key and the ciphertext (plaintext plus the AEAD tag). CodeRejected when the public key fails
// the KEM's check.
func (s HpkeSuite) Seal(recipientPublicKey, plaintext, info, aad []byte, psk *Psk) (enc, ciphertext []byte, err error) {
	var encN, ctN C.size_t
	if err := check("hpke_sizes", C.nf_hpke_sizes(C.uint16_t(s.Kem), C.uint16_t(s.Kdf), C.uint16_t(s.Aead),
		C.size_t(len(plaintext)), &encN, &ctN)); err != nil {
		return nil, nil, err
	}
	enc, ciphertext = make([]byte, int(encN)), make([]byte, int(ctN))
	var z1, z2, z3, z4, z5, z6, z7 [1]byte
	pskKey, pskID := psk.parts()
	rc := C.nf_hpke_seal(C.uint16_t(s.Kem), C.uint16_t(s.Kdf), C.uint16_t(s.Aead),
		in(recipientPublicKey, &z1), C.size_t(len(recipientPublicKey)), in(info, &z2), C.size_t(len(info)),
		in(aad, &z3), C.size_t(len(aad)), pskKey, in(pskID, &z4), C.size_t(len(pskID)),
		in(plaintext, &z5), C.size_t(len(plaintext)), in(enc, &z6), encN, in(ciphertext, &z7), ctN, nil)
	if err := check("hpke_seal", rc); err != nil {
		return nil, nil, err
	}
	return enc, ciphertext, nil
}

// Open decrypts a single-shot ciphertext with the recipient key (OpenBase, or OpenPSK when psk is not nil); the
// suite's Kem must be the key's (CodeInvalid otherwise). A ciphertext, enc, info, aad or psk that does not
// authenticate gives CodeRejected.
func (s HpkeSuite) Open(recipient *HpkeKey, enc, ciphertext, info, aad []byte, psk *Psk) ([]byte, error) {
	kem, err := recipient.Kem()
	if err != nil {
		return nil, err
	}
	if kem != s.Kem {
		return nil, newError("hpke_open", C.NF_E_INVALID)
	}
	var encN, ctN C.size_t
	if err := check("hpke_sizes", C.nf_hpke_sizes(C.uint16_t(s.Kem), C.uint16_t(s.Kdf), C.uint16_t(s.Aead), 0,
		&encN, &ctN)); err != nil {
		return nil, err
	}
	n := len(ciphertext) - int(ctN) // ctN is the tag size here; shorter than a tag is the library's CodeRejected
	if n < 0 {
		n = 0
	}
	plaintext := make([]byte, n)
	var z1, z2, z3, z4, z5, z6 [1]byte
	var written C.size_t
	pskKey, pskID := psk.parts()
	rc := C.nf_hpke_open(recipient.h, C.uint16_t(s.Kdf), C.uint16_t(s.Aead), in(enc, &z1), C.size_t(len(enc)),
		in(info, &z2), C.size_t(len(info)), in(aad, &z3), C.size_t(len(aad)), pskKey, in(pskID, &z4),
		C.size_t(len(pskID)), in(ciphertext, &z5), C.size_t(len(ciphertext)), in(plaintext, &z6),
		C.size_t(len(plaintext)), &written)
	if err := check("hpke_open", rc); err != nil {
		return nil, err
	}
	return plaintext[:written], nil
}
