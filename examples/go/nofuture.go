// Package nofuture is a thin Go wrapper over libnofuture.so, the C ABI of NoFuture.Memory and NoFuture.Crypto
// (include/nofuture.h): secrets in locked, guard-paged, never-dumped native memory, enclaves (secrets encrypted at
// rest), the process-wide purge, and the crypto functions (crypto.go and the files it names: KEMs, HPKE, Argon2id,
// X25519, signatures) whose private keys stay in the library and whose shared secrets come back as *Secret.
//
// Build: cgo needs the header (found through ${SRCDIR}/../../include) and the library:
//
//	CGO_LDFLAGS="-L$OUT -Wl,-rpath,$OUT" go test -race ./...
//
// where $OUT holds libnofuture.so and its SONAME link libnofuture.so.0 (see docs/native.md).
//
// Secret bytes never live on the Go heap unless the caller copies them there (Read, ReadInto): WithRead and
// WithWrite hand the callback a slice over the secret memory itself, valid only during the call.
//
// Every type is safe for concurrent use: a handle is an immutable 64-bit value checked by the library on each
// call, so a Destroy racing with a use gives that use nil (it finished first) or an error, never a crash.
package nofuture

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: -lnofuture
#include <stdlib.h>
#include "nofuture.h"

*/
import "C"

import (
	"unsafe"
)

// HeaderVersion is NF_VERSION of the nofuture.h this package was compiled against; Version should report the same
// (a library built from the same sources).
const HeaderVersion uint32 = C.NF_VERSION

// Version returns the library's version as 0x00MMmmpp.
func Version() (uint32, error) {
	var v C.uint32_t
	if err := check("version", C.nf_version(&v)); err != nil {
		return 0, err
	}
	return uint32(v), nil
}

// Flags choose a secret's memory tier and policy (NF_SECRET_* in nofuture.h); 0 means the defaults.
type Flags uint32

const (
	Guarded         Flags = C.NF_SECRET_GUARDED
	Pooled          Flags = C.NF_SECRET_POOLED
	NoAccessAtRest  Flags = C.NF_SECRET_NO_ACCESS_AT_REST
	Strict          Flags = C.NF_SECRET_STRICT
	BestEffort      Flags = C.NF_SECRET_BEST_EFFORT
	MaxSecretLength       = 1 << 30
)

// Secret is a handle to secret memory. Call Destroy when done (defer secret.Destroy()): nothing frees it for you
// (no finalizer: runtime.SetFinalizer would triple the cost of NewSecret+Destroy, see bench/RESULTS.md), and a
// leaked Secret stays allocated, locked and wiped-on-purge until the process exits.
type Secret struct {
	h C.nf_handle
}

// NewSecret allocates a zeroed secret of length bytes with the default flags.
func NewSecret(length int) (*Secret, error) { return NewSecretWithFlags(length, 0) }

// NewSecretWithFlags allocates a zeroed secret of length bytes (1..MaxSecretLength).
func NewSecretWithFlags(length int, flags Flags) (*Secret, error) {
	if length < 0 {
		return nil, newError("secret_new", C.NF_E_INVALID)
	}
	var h C.nf_handle
	if err := check("secret_new", C.nf_secret_new(C.size_t(length), C.uint32_t(flags), &h)); err != nil {
		return nil, err
	}
	return newSecret(h), nil
}

// RandomSecret allocates a secret of length bytes filled from the OS CSPRNG.
func RandomSecret(length int, flags Flags) (*Secret, error) {
	if length < 0 {
		return nil, newError("secret_random", C.NF_E_INVALID)
	}
	var h C.nf_handle
	if err := check("secret_random", C.nf_secret_random(C.size_t(length), C.uint32_t(flags), &h)); err != nil {
		return nil, err
	}
	return newSecret(h), nil
}

// SecretFromBytes copies source into a new secret, then wipes source (on success only).
func SecretFromBytes(source []byte, flags Flags) (*Secret, error) {
	var h C.nf_handle
	if err := check("secret_from_bytes", C.nf_secret_from_bytes((*C.uint8_t)(bytesPtr(source)), C.size_t(len(source)), C.uint32_t(flags), &h)); err != nil {
		return nil, err
	}
	return newSecret(h), nil
}

func newSecret(h C.nf_handle) *Secret { return &Secret{h: h} }

// Destroy wipes and frees the secret. A second Destroy, and any use after it, returns an *Error with
// CodeBadHandle (the handle is never reissued).
func (s *Secret) Destroy() error {
	err := check("secret_free", C.nf_secret_free(s.h))
	return err
}

// Len returns the secret's length in bytes.
func (s *Secret) Len() (int, error) {
	var n C.size_t
	err := check("secret_length", C.nf_secret_length(s.h, &n))
	if err != nil {
		return 0, err
	}
	return int(n), nil
}

// Read returns a copy of the secret's bytes on the Go heap: wipe it when done (or prefer WithRead).
func (s *Secret) Read() ([]byte, error) {
	n, err := s.Len()
	if err != nil {
		return nil, err
	}
	out := make([]byte, n)
	if _, err := s.ReadInto(out); err != nil {
		return nil, err
	}
	return out, nil
}

// ReadInto copies the whole secret into out and returns its length. If out is too short, nothing is written and
// the error has CodeBufferSmall; the returned count is then the length needed (ReadInto(nil) asks for it).
func (s *Secret) ReadInto(out []byte) (int, error) {
	var written C.size_t
	var zero [1]byte
	p := bytesPtr(out)
	if p == nil {
		p = unsafe.Pointer(&zero[0]) // an empty buffer is a size query (CodeBufferSmall), not a NULL pointer
	}
	rc := C.nf_secret_read(s.h, (*C.uint8_t)(p), C.size_t(len(out)), &written)
	if rc == C.NF_E_BUFFER_SMALL {
		return int(written), newError("secret_read", rc)
	}
	if err := check("secret_read", rc); err != nil {
		return 0, err
	}
	return int(written), nil
}

// Write copies data into the secret at offset. offset+len(data) must not exceed the secret's length (CodeInvalid).
func (s *Secret) Write(offset int, data []byte) error {
	if offset < 0 {
		return newError("secret_write", C.NF_E_INVALID)
	}
	var zero [1]byte
	p := bytesPtr(data)
	if p == nil {
		p = unsafe.Pointer(&zero[0]) // the library wants a non-NULL source even for length 0
	}
	err := check("secret_write", C.nf_secret_write(s.h, C.size_t(offset), (*C.uint8_t)(p), C.size_t(len(data))))
	return err
}

// WithRead calls f with the secret's bytes, in place (not copied). The slice is valid only until f returns: do not
// keep it or let it escape, and do not write to it. While f runs the secret cannot be wiped. An error from f is
// returned as is; a panic in f is re-raised after the library call has returned.
func (s *Secret) WithRead(f func(data []byte) error) error {
	return s.with("secret_with_read", f, false)
}

// WithWrite is WithRead with writable bytes; CodeFrozen if the secret is frozen.
func (s *Secret) WithWrite(f func(data []byte) error) error {
	return s.with("secret_with_write", f, true)
}

// Freeze makes the secret read-only (CodeBusy while a write is in progress).
func (s *Secret) Freeze() error {
	err := check("secret_freeze", C.nf_secret_freeze(s.h))
	return err
}

// Melt makes a frozen secret writable again.
func (s *Secret) Melt() error {
	err := check("secret_melt", C.nf_secret_melt(s.h))
	return err
}

// IsFrozen reports whether the secret is frozen.
func (s *Secret) IsFrozen() (bool, error) {
	var v C.int
	err := check("secret_is_frozen", C.nf_secret_is_frozen(s.h, &v))
	return v != 0, err
}

// Protection returns the NF_PROT_* bits the OS granted the secret and its tier (NF_TIER_*).
func (s *Secret) Protection() (protection uint32, tier uint32, err error) {
	var p, t C.uint32_t
	err = check("secret_protection", C.nf_secret_protection(s.h, &p, &t))
	return uint32(p), uint32(t), err
}

// Equal reports, in time that depends only on the lengths, whether the two secrets hold the same bytes.
func (s *Secret) Equal(other *Secret) (bool, error) {
	if other == nil {
		return false, newError("secret_equal", C.NF_E_NULL)
	}
	var v C.int
	err := check("secret_equal", C.nf_secret_equal(s.h, other.h, &v))
	return v != 0 && err == nil, err
}

// Seal encrypts a copy of the secret into a new enclave; the secret stays valid.
func (s *Secret) Seal() (*Enclave, error) {
	var h C.nf_handle
	err := check("enclave_seal", C.nf_enclave_seal(s.h, &h))
	if err != nil {
		return nil, err
	}
	return &Enclave{h: h}, nil
}

// Enclave is a secret encrypted at rest (ChaCha20-Poly1305 under a split process key). Destroy it when done.
type Enclave struct {
	h C.nf_handle
}

// Open decrypts the enclave into a new secret created with flags; the enclave stays valid.
func (e *Enclave) Open(flags Flags) (*Secret, error) {
	var h C.nf_handle
	err := check("enclave_open", C.nf_enclave_open(e.h, C.uint32_t(flags), &h))
	if err != nil {
		return nil, err
	}
	return newSecret(h), nil
}

// Len returns the sealed secret's length.
func (e *Enclave) Len() (int, error) {
	var n C.size_t
	err := check("enclave_length", C.nf_enclave_length(e.h, &n))
	return int(n), err
}

// Destroy frees the enclave; a second Destroy returns CodeBadHandle.
func (e *Enclave) Destroy() error {
	err := check("enclave_free", C.nf_enclave_free(e.h))
	return err
}

// Purge wipes every secret and the enclave key at once: every existing Secret and Enclave then returns
// CodePurged (only Destroy still succeeds). New secrets work normally.
func Purge() error { return check("purge", C.nf_purge()) }

// Capabilities is what the OS grants this process (nf_caps, version 1).
type Capabilities struct {
	Flags                  uint32
	PageSize               int
	GuardMechanism         int
	ForkProtection         int
	Policy                 int
	MemlockLimitBytes      int64
	LockedBytes            int64
	LockableBytesRemaining int64
	LiveGuardedSecrets     int64
	LivePooledSecrets      int64
	PooledSlots            int64
	Refusals               int64
	Platform               string
}

// GetCapabilities fills a Capabilities from nf_capabilities.
func GetCapabilities() (Capabilities, error) {
	var c C.nf_caps
	c.size = C.uint32_t(unsafe.Sizeof(c))
	if err := check("capabilities", C.nf_capabilities(&c)); err != nil {
		return Capabilities{}, err
	}
	return Capabilities{
		Flags: uint32(c.flags), PageSize: int(c.page_size), GuardMechanism: int(c.guard_mechanism),
		ForkProtection: int(c.fork_protection), Policy: int(c.policy),
		MemlockLimitBytes: int64(c.memlock_limit_bytes), LockedBytes: int64(c.locked_bytes),
		LockableBytesRemaining: int64(c.lockable_bytes_remaining), LiveGuardedSecrets: int64(c.live_guarded_secrets),
		LivePooledSecrets: int64(c.live_pooled_secrets), PooledSlots: int64(c.pooled_slots),
		Refusals: int64(c.refusals), Platform: C.GoString(&c.platform[0]),
	}, nil
}

func bytesPtr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(&b[0])
}
