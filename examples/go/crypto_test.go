package nofuture

// The crypto scenarios of tests/NoFuture.Native.Tests/c/scenarios.c (kem, hpke, argon2, x25519, signatures, mldsa)
// through this wrapper: round trips, tampered input rejected with the right code, wrong sizes, destroyed and
// wrongly typed handles.

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func secretOf(t *testing.T, b []byte) *Secret {
	t.Helper()
	s, err := SecretFromBytes(append([]byte(nil), b...), 0)
	must(t, err)
	t.Cleanup(func() { _ = s.Destroy() }) // CodeBadHandle when the test destroyed it already
	return s
}

func sameSecret(t *testing.T, a, b *Secret) bool {
	t.Helper()
	eq, err := a.Equal(b)
	must(t, err)
	return eq
}

func unhex(s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

func TestKem(t *testing.T) {
	want := map[KemAlgorithm][3]int{MLKem512: {800, 768, 64}, MLKem768: {1184, 1088, 64}, MLKem1024: {1568, 1568, 64}, XWing: {1216, 1120, 32}}
	for alg, sizes := range want {
		pkN, ctN, seedN, err := alg.Sizes()
		must(t, err)
		if [3]int{pkN, ctN, seedN} != sizes {
			t.Fatalf("%#x: sizes %d %d %d", alg, pkN, ctN, seedN)
		}
		key, err := GenerateKem(alg)
		must(t, err)
		if got, err := key.Algorithm(); got != alg || err != nil {
			t.Fatalf("Algorithm = %#x, %v", got, err)
		}
		pk, err := key.PublicKey()
		must(t, err)
		if len(pk) != pkN {
			t.Fatalf("public key %d bytes", len(pk))
		}
		ct, ss, err := key.Encapsulate()
		must(t, err)
		if n, _ := ss.Len(); len(ct) != ctN || n != KemSharedSecretSize {
			t.Fatalf("ciphertext %d, shared secret %d", len(ct), n)
		}
		back, err := key.Decapsulate(ct)
		must(t, err)
		if !sameSecret(t, ss, back) {
			t.Fatal("decapsulation gave another shared secret")
		}
		// Tampered ciphertext: implicit rejection, another secret, no error.
		ct[ctN/2] ^= 1
		other, err := key.Decapsulate(ct)
		must(t, err)
		if sameSecret(t, ss, other) {
			t.Fatal("a tampered ciphertext gave the same shared secret")
		}
		_, err = key.Decapsulate(ct[:ctN-1])
		mustCode(t, err, ErrInvalid)
		_, err = key.Decapsulate(nil)
		mustCode(t, err, ErrInvalid)

		// The peer's side: import the public key, encapsulate; it cannot decapsulate.
		peer, err := ImportKemPublicKey(alg, pk)
		must(t, err)
		if has, err := peer.HasPrivate(); has || err != nil {
			t.Fatalf("HasPrivate = %v, %v", has, err)
		}
		if has, err := key.HasPrivate(); !has || err != nil {
			t.Fatalf("HasPrivate = %v, %v", has, err)
		}
		ct2, ss2, err := peer.Encapsulate()
		must(t, err)
		back2, err := key.Decapsulate(ct2)
		must(t, err)
		if !sameSecret(t, ss2, back2) {
			t.Fatal("peer encapsulation did not agree")
		}
		_, err = peer.Decapsulate(ct2)
		mustCode(t, err, ErrNoPrivate)
		_, err = ImportKemPublicKey(alg, pk[:pkN-1])
		mustCode(t, err, ErrInvalid)
		bad := bytes.Repeat([]byte{0xFF}, pkN) // coefficients >= q: FIPS 203 §7.2's modulus check fails
		_, err = ImportKemPublicKey(alg, bad)
		mustCode(t, err, ErrRejected)

		// A seed gives the same key every time; a seed of the wrong size is refused.
		seed := secretOf(t, bytes.Repeat([]byte{7}, seedN))
		a, err := ImportKemSeed(alg, seed)
		must(t, err)
		b, err := ImportKemSeed(alg, seed)
		must(t, err)
		pa, _ := a.PublicKey()
		pb, _ := b.PublicKey()
		if !bytes.Equal(pa, pb) || bytes.Equal(pa, pk) {
			t.Fatal("seed import is not deterministic")
		}
		short := secretOf(t, make([]byte, seedN-1))
		_, err = ImportKemSeed(alg, short)
		mustCode(t, err, ErrInvalid)
		_, err = ImportKemSeed(alg, nil)
		mustCode(t, err, ErrBadHandle)

		// Wrongly typed handles both ways, then destroyed handles.
		_, _, err = (&KemKey{h: seed.h}).Encapsulate()
		mustCode(t, err, ErrWrongType)
		_, err = ImportKemSeed(alg, &Secret{h: key.h})
		mustCode(t, err, ErrWrongType)
		for _, s := range []*Secret{ss, back, other, ss2, back2, seed, short} {
			must(t, s.Destroy())
		}
		for _, k := range []*KemKey{key, peer, a, b} {
			must(t, k.Destroy())
		}
		mustCode(t, key.Destroy(), ErrBadHandle)
		_, _, err = key.Encapsulate()
		mustCode(t, err, ErrBadHandle)
		_, err = key.Decapsulate(ct)
		mustCode(t, err, ErrBadHandle)
		_, err = key.PublicKey()
		mustCode(t, err, ErrBadHandle)
	}
	_, err := GenerateKem(0x1234)
	mustCode(t, err, ErrInvalid)
	_, _, _, err = KemAlgorithm(0).Sizes()
	mustCode(t, err, ErrInvalid)
}

func TestHpke(t *testing.T) {
	suites := []HpkeSuite{
		{HpkeKemX25519, HpkeKdfHkdfSha256, HpkeAeadChaCha20Poly1305},
		{HpkeKemP256, HpkeKdfHkdfSha256, HpkeAeadAes128Gcm},
		{HpkeKemMLKem768, HpkeKdfShake256, HpkeAeadAes256Gcm},
		{HpkeKemXWing, HpkeKdfHkdfSha512, HpkeAeadChaCha20Poly1305},
	}
	msg, info, aad := []byte("hpke plaintext"), []byte("info"), []byte("aad")
	for _, s := range suites {
		key, err := GenerateHpkeKey(s.Kem)
		must(t, err)
		if kem, err := key.Kem(); kem != s.Kem || err != nil {
			t.Fatalf("Kem = %#x, %v", kem, err)
		}
		pk, err := key.PublicKey()
		must(t, err)
		enc, ct, err := s.Seal(pk, msg, info, aad, nil)
		must(t, err)
		if len(ct) <= len(msg) {
			t.Fatalf("ciphertext %d bytes", len(ct))
		}
		pt, err := s.Open(key, enc, ct, info, aad, nil)
		must(t, err)
		if !bytes.Equal(pt, msg) {
			t.Fatalf("%v: opened %q", s, pt)
		}
		// An empty message and no info or aad.
		enc0, ct0, err := s.Seal(pk, nil, nil, nil, nil)
		must(t, err)
		pt0, err := s.Open(key, enc0, ct0, nil, nil, nil)
		must(t, err)
		if len(pt0) != 0 {
			t.Fatal("empty plaintext did not round-trip")
		}

		// Anything altered does not authenticate: CodeRejected.
		for i, f := range []func() ([]byte, error){
			func() ([]byte, error) {
				c := append([]byte(nil), ct...)
				c[0] ^= 1
				return s.Open(key, enc, c, info, aad, nil)
			},
			func() ([]byte, error) {
				c := append([]byte(nil), ct...)
				c[len(c)-1] ^= 1
				return s.Open(key, enc, c, info, aad, nil)
			},
			func() ([]byte, error) { return s.Open(key, enc, ct, []byte("other"), aad, nil) },
			func() ([]byte, error) { return s.Open(key, enc, ct, info, nil, nil) },
			func() ([]byte, error) { return s.Open(key, enc, ct[:len(ct)-1], info, aad, nil) },
			func() ([]byte, error) { return s.Open(key, enc, ct[:3], info, aad, nil) },
		} {
			pt, err := f()
			if pt != nil {
				t.Fatalf("%v case %d: plaintext returned", s, i)
			}
			mustCode(t, err, ErrRejected)
		}
		// Wrong sizes: enc and public key one byte short; the KEM of another suite.
		_, err = s.Open(key, enc[:len(enc)-1], ct, info, aad, nil)
		mustCode(t, err, ErrInvalid)
		_, _, err = s.Seal(pk[:len(pk)-1], msg, info, aad, nil)
		mustCode(t, err, ErrInvalid)
		wrong := s
		wrong.Kem = HpkeKemX448
		_, err = wrong.Open(key, enc, ct, info, aad, nil)
		mustCode(t, err, ErrInvalid)
		bad := s
		bad.Aead = 0x7777
		_, _, err = bad.Seal(pk, msg, info, aad, nil)
		mustCode(t, err, ErrInvalid)
		must(t, key.Destroy())
		_, err = s.Open(key, enc, ct, info, aad, nil)
		mustCode(t, err, ErrBadHandle)
		mustCode(t, key.Destroy(), ErrBadHandle)
	}

	// psk mode (RFC 9180 §5.1): psk and psk id together; the wrong psk does not authenticate.
	s := suites[0]
	key, err := DeriveHpkeKey(s.Kem, secretOf(t, bytes.Repeat([]byte{1}, 32)))
	must(t, err)
	defer key.Destroy()
	pk, _ := key.PublicKey()
	psk := &Psk{Key: secretOf(t, bytes.Repeat([]byte{9}, 32)), ID: []byte("id")}
	enc, ct, err := s.Seal(pk, msg, info, aad, psk)
	must(t, err)
	pt, err := s.Open(key, enc, ct, info, aad, psk)
	must(t, err)
	if !bytes.Equal(pt, msg) {
		t.Fatal("psk round trip")
	}
	_, err = s.Open(key, enc, ct, info, aad, nil)
	mustCode(t, err, ErrRejected)
	_, err = s.Open(key, enc, ct, info, aad, &Psk{Key: secretOf(t, bytes.Repeat([]byte{8}, 32)), ID: []byte("id")})
	mustCode(t, err, ErrRejected)
	_, _, err = s.Seal(pk, msg, info, aad, &Psk{Key: psk.Key})
	mustCode(t, err, ErrInvalid)
	_, err = s.Open(key, enc, ct, info, aad, &Psk{Key: &Secret{h: key.h}, ID: []byte("id")})
	mustCode(t, err, ErrWrongType)

	// The same ikm derives the same key; an import of a serialized private key works.
	ikm := secretOf(t, bytes.Repeat([]byte{1}, 32))
	again, err := DeriveHpkeKey(s.Kem, ikm)
	must(t, err)
	pk2, _ := again.PublicKey()
	must(t, again.Destroy())
	if !bytes.Equal(pk, pk2) {
		t.Fatal("DeriveKeyPair is not deterministic")
	}
	imported, err := ImportHpkeKey(s.Kem, secretOf(t, bytes.Repeat([]byte{5}, 32)))
	must(t, err)
	must(t, imported.Destroy())
	_, err = GenerateHpkeKey(0x9999)
	mustCode(t, err, ErrInvalid)
}

func TestArgon2id(t *testing.T) {
	cost := Argon2Cost{MemoryKiB: 64, Iterations: 2, Parallelism: 1}
	password := secretOf(t, []byte("password"))
	defer password.Destroy()
	salt := []byte("somesalt")
	a, err := Argon2id(password, salt, cost, 32, nil, nil)
	must(t, err)
	b, err := Argon2id(password, salt, cost, 32, nil, nil)
	must(t, err)
	if !sameSecret(t, a, b) {
		t.Fatal("Argon2id is not deterministic")
	}
	c, err := Argon2id(password, []byte("othersalt"), cost, 32, nil, nil)
	must(t, err)
	k := secretOf(t, []byte("pepper"))
	d, err := Argon2id(password, salt, cost, 32, k, []byte("ad"))
	must(t, err)
	empty, err := Argon2id(nil, salt, cost, 32, nil, nil)
	must(t, err)
	if sameSecret(t, a, c) || sameSecret(t, a, d) || sameSecret(t, a, empty) {
		t.Fatal("another input gave the same tag")
	}
	// RFC 9106 §5.3 (Argon2id, with K and X): the tag.
	rfcPassword := secretOf(t, bytes.Repeat([]byte{1}, 32))
	rfcK := secretOf(t, bytes.Repeat([]byte{3}, 8))
	tag, err := Argon2id(rfcPassword, bytes.Repeat([]byte{2}, 16), Argon2Cost{32, 3, 4}, 32, rfcK, bytes.Repeat([]byte{4}, 12))
	must(t, err)
	got, _ := tag.Read()
	if want := unhex("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"); !bytes.Equal(got, want) {
		t.Fatalf("RFC 9106 §5.3: %x", got)
	}
	for _, bad := range []func() (*Secret, error){
		func() (*Secret, error) { return Argon2id(password, salt[:7], cost, 32, nil, nil) },
		func() (*Secret, error) { return Argon2id(password, salt, cost, 3, nil, nil) },
		func() (*Secret, error) { return Argon2id(password, salt, cost, -1, nil, nil) },
		func() (*Secret, error) { return Argon2id(password, salt, Argon2Cost{7, 1, 1}, 32, nil, nil) },
		func() (*Secret, error) { return Argon2id(password, salt, Argon2Cost{64, 0, 1}, 32, nil, nil) },
		func() (*Secret, error) { return Argon2id(password, salt, Argon2Cost{64, 1, 0}, 32, nil, nil) },
	} {
		s, err := bad()
		if s != nil {
			t.Fatal("a secret for bad parameters")
		}
		mustCode(t, err, ErrInvalid)
	}
	_, err = Argon2id(&Secret{h: 0x42}, salt, cost, 32, nil, nil)
	mustCode(t, err, ErrBadHandle)
	enclave, err := password.Seal()
	must(t, err)
	_, err = Argon2id(&Secret{h: enclave.h}, salt, cost, 32, nil, nil)
	mustCode(t, err, ErrWrongType)
	must(t, enclave.Destroy())

	// PHC strings: hash, verify with the right and a wrong password; a malformed string and an absurd cost.
	phc, err := Argon2idHash(password, cost)
	must(t, err)
	if !strings.HasPrefix(phc, "$argon2id$v=19$m=64,t=2,p=1$") {
		t.Fatalf("PHC string %q", phc)
	}
	ok, err := Argon2Verify(phc, password)
	if !ok || err != nil {
		t.Fatalf("verify = %v, %v", ok, err)
	}
	wrong := secretOf(t, []byte("passwore"))
	ok, err = Argon2Verify(phc, wrong)
	if ok || err != nil {
		t.Fatalf("wrong password: %v, %v", ok, err)
	}
	ok, err = Argon2Verify(phc, nil)
	if ok || err != nil {
		t.Fatalf("empty password: %v, %v", ok, err)
	}
	_, err = Argon2Verify("$argon2id$v=19$m=64,t=2,p=1$not a salt", password)
	mustCode(t, err, ErrRejected)
	_, err = Argon2Verify("$argon2id$v=19$m=4194304,t=1,p=1$c29tZXNhbHQ$"+strings.Repeat("A", 43), password)
	mustCode(t, err, ErrLimit)
	_, err = Argon2Verify("", password)
	mustCode(t, err, ErrInvalid)
	_, err = Argon2idHash(password, Argon2Cost{64, 0, 1})
	mustCode(t, err, ErrInvalid)
	for _, s := range []*Secret{a, b, c, d, k, empty, rfcPassword, rfcK, tag, wrong} {
		must(t, s.Destroy())
	}
}

func TestX25519(t *testing.T) {
	// RFC 7748 §6.1.
	alice, err := ImportX25519(secretOf(t, unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")))
	must(t, err)
	bob, err := ImportX25519(secretOf(t, unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")))
	must(t, err)
	pa, err := alice.PublicKey()
	must(t, err)
	pb, err := bob.PublicKey()
	must(t, err)
	if !bytes.Equal(pa, unhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")) ||
		!bytes.Equal(pb, unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")) {
		t.Fatalf("public keys %x %x", pa, pb)
	}
	k1, err := alice.Agree(pb)
	must(t, err)
	k2, err := bob.Agree(pa)
	must(t, err)
	shared, _ := k1.Read()
	if !sameSecret(t, k1, k2) || !bytes.Equal(shared, unhex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")) {
		t.Fatalf("shared secret %x", shared)
	}
	fresh, err := GenerateX25519()
	must(t, err)
	pf, _ := fresh.PublicKey()
	k3, err := fresh.Agree(pa)
	must(t, err)
	k4, err := alice.Agree(pf)
	must(t, err)
	if !sameSecret(t, k3, k4) {
		t.Fatal("fresh key did not agree")
	}
	_, err = alice.Agree(make([]byte, 32)) // small order: all-zero result
	mustCode(t, err, ErrRejected)
	_, err = alice.Agree(pb[:31])
	mustCode(t, err, ErrInvalid)
	_, err = alice.Agree(nil)
	mustCode(t, err, ErrInvalid)
	_, err = ImportX25519(secretOf(t, make([]byte, 31)))
	mustCode(t, err, ErrInvalid)
	_, err = ImportX25519(&Secret{h: fresh.h})
	mustCode(t, err, ErrWrongType)
	_, err = (&X25519Key{h: k1.h}).Agree(pb)
	mustCode(t, err, ErrWrongType)
	for _, s := range []*Secret{k1, k2, k3, k4} {
		must(t, s.Destroy())
	}
	for _, k := range []*X25519Key{alice, bob, fresh} {
		must(t, k.Destroy())
	}
	_, err = alice.Agree(pb)
	mustCode(t, err, ErrBadHandle)
	_, err = alice.PublicKey()
	mustCode(t, err, ErrBadHandle)
	mustCode(t, alice.Destroy(), ErrBadHandle)
}

func TestSignatures(t *testing.T) {
	msg, ctx := []byte("the message"), []byte("ctx")
	algorithms := []SignatureAlgorithm{Ed25519, Ed448, Ed448ph, EcdsaP256Sha256, EcdsaP384Sha384, EcdsaP521Sha512,
		EcdsaP256Sha256P1363, EcdsaP384Sha384P1363, EcdsaP521Sha512P1363, MLDsa44, MLDsa65, MLDsa87}
	for _, alg := range algorithms {
		pkN, sigMax, skN, err := alg.Sizes()
		must(t, err)
		withCtx := alg == Ed448 || alg == Ed448ph || alg >= MLDsa44
		c := []byte(nil)
		if withCtx {
			c = ctx
		}
		key, err := GenerateSigningKey(alg)
		must(t, err)
		if got, err := key.Algorithm(); got != alg || err != nil {
			t.Fatalf("Algorithm = %d, %v", got, err)
		}
		pk, err := key.PublicKey()
		must(t, err)
		if len(pk) != pkN {
			t.Fatalf("%d: public key %d bytes", alg, len(pk))
		}
		sig, err := key.Sign(msg, c)
		must(t, err)
		if len(sig) == 0 || len(sig) > sigMax {
			t.Fatalf("%d: signature %d bytes", alg, len(sig))
		}
		verify := func(pk, m, s, c []byte) bool {
			t.Helper()
			ok, err := Verify(alg, pk, m, s, c)
			must(t, err)
			return ok
		}
		if !verify(pk, msg, sig, c) {
			t.Fatalf("%d: signature does not verify", alg)
		}
		// Tampered: message, signature, context, public key; empty and truncated signatures.
		tampered := append([]byte(nil), sig...)
		tampered[len(tampered)/2] ^= 1
		other := append([]byte(nil), pk...)
		other[len(other)-1] ^= 1
		if verify(pk, msg[1:], sig, c) || verify(pk, msg, tampered, c) || verify(pk, msg, nil, c) ||
			verify(pk, msg, sig[:len(sig)-1], c) || verify(other, msg, sig, c) ||
			verify(bytes.Repeat([]byte{0xFF}, pkN), msg, sig, c) {
			t.Fatalf("%d: a tampered input verified", alg)
		}
		if withCtx && verify(pk, msg, sig, []byte("ctX")) {
			t.Fatalf("%d: another context verified", alg)
		}
		// Caller mistakes: public key size, a context the algorithm does not take or of 256 bytes.
		_, err = Verify(alg, pk[:pkN-1], msg, sig, c)
		mustCode(t, err, ErrInvalid)
		_, err = Verify(alg, nil, msg, sig, c)
		mustCode(t, err, ErrInvalid)
		if withCtx {
			long := make([]byte, 256)
			_, err = key.Sign(msg, long)
			mustCode(t, err, ErrInvalid)
			_, err = Verify(alg, pk, msg, sig, long)
			mustCode(t, err, ErrInvalid)
		} else {
			_, err = key.Sign(msg, ctx)
			mustCode(t, err, ErrInvalid)
			_, err = Verify(alg, pk, msg, sig, ctx)
			mustCode(t, err, ErrInvalid)
		}
		// ML-DSA is hedged; the other algorithms may be deterministic (EdDSA) or not (ECDSA).
		if alg >= MLDsa44 {
			again, err := key.Sign(msg, c)
			must(t, err)
			if len(sig) != sigMax || bytes.Equal(sig, again) || !verify(pk, msg, again, c) {
				t.Fatalf("%d: hedged signing", alg)
			}
		}
		// Import: a chosen private key gives one public key every time; sizes and types are checked.
		seed := secretOf(t, bytes.Repeat([]byte{1}, skN))
		a, err := ImportSigningKey(alg, seed)
		must(t, err)
		b, err := ImportSigningKey(alg, seed)
		must(t, err)
		pa, _ := a.PublicKey()
		pb, _ := b.PublicKey()
		sa, err := a.Sign(msg, c)
		must(t, err)
		if !bytes.Equal(pa, pb) || bytes.Equal(pa, pk) || !verify(pb, msg, sa, c) || verify(pk, msg, sa, c) {
			t.Fatalf("%d: import", alg)
		}
		short := secretOf(t, make([]byte, skN-1))
		_, err = ImportSigningKey(alg, short)
		mustCode(t, err, ErrInvalid)
		if alg >= EcdsaP256Sha256 && alg <= EcdsaP521Sha512P1363 {
			zero, err := NewSecret(skN)
			must(t, err)
			_, err = ImportSigningKey(alg, zero)
			mustCode(t, err, ErrRejected)
			must(t, zero.Destroy())
		}
		_, err = ImportSigningKey(alg, &Secret{h: key.h})
		mustCode(t, err, ErrWrongType)
		_, err = (&SigningKey{h: seed.h}).Sign(msg, c)
		mustCode(t, err, ErrWrongType)
		_, err = (*Secret)(&Secret{h: key.h}).Read()
		mustCode(t, err, ErrWrongType)

		for _, s := range []*Secret{seed, short} {
			must(t, s.Destroy())
		}
		for _, k := range []*SigningKey{key, a, b} {
			must(t, k.Destroy())
		}
		mustCode(t, key.Destroy(), ErrBadHandle)
		_, err = key.Sign(msg, c)
		mustCode(t, err, ErrBadHandle)
		_, err = key.PublicKey()
		mustCode(t, err, ErrBadHandle)
		_, err = key.Algorithm()
		mustCode(t, err, ErrBadHandle)
	}
	_, err := GenerateSigningKey(13)
	mustCode(t, err, ErrInvalid)
	_, _, _, err = SignatureAlgorithm(0).Sizes()
	mustCode(t, err, ErrInvalid)
	_, err = Verify(99, make([]byte, 32), nil, make([]byte, 64), nil)
	mustCode(t, err, ErrInvalid)
}

// ML-DSA-44: the public key of the seed 0x2a x 32 (Wycheproof mldsa_44_sign_seed, source gendx) starts so.
func TestMLDsaSeedGivesTheKnownPublicKey(t *testing.T) {
	seed := secretOf(t, bytes.Repeat([]byte{0x2a}, 32))
	defer seed.Destroy()
	key, err := ImportSigningKey(MLDsa44, seed)
	must(t, err)
	defer key.Destroy()
	pk, err := key.PublicKey()
	must(t, err)
	if !bytes.HasPrefix(pk, unhex("db9ac67708f2ba0fac1f92bd802f9be8")) || len(pk) != 1312 {
		t.Fatalf("public key %x...", pk[:16])
	}
}
