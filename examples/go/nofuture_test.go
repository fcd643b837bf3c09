package nofuture

// The C scenarios of tests/NoFuture.Native.Tests/c/scenarios.c, through cgo and this wrapper. Run by the xunit test
// GoWrapperTests against the library the fixture publishes; by hand:
//   CGO_LDFLAGS="-L$OUT -Wl,-rpath,$OUT" go test -race ./...

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"testing"
)

func mustCode(t *testing.T, err error, want *Error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v, want an *Error with code %d", err, want.Code)
	}
	if !errors.Is(err, want) {
		t.Fatalf("got %v (code %d), want code %d", err, e.Code, want.Code)
	}
	if e.Message == "" || e.Message != e.Code.String() {
		t.Fatalf("message %q is not nf_strerror's %q", e.Message, e.Code.String())
	}
}

func TestVersion(t *testing.T) {
	v, err := Version()
	if err != nil || v != HeaderVersion {
		t.Fatalf("Version() = %#x, %v", v, err)
	}
}

func TestErrorText(t *testing.T) {
	_, err := NewSecret(0)
	mustCode(t, err, ErrInvalid)
	var e *Error
	errors.As(err, &e)
	if e.Op != "secret_new" || e.Code != CodeInvalid || e.Error() == "" {
		t.Fatalf("error %#v", e)
	}
	if Code(12345).String() == "" {
		t.Fatal("nf_strerror gave nothing for an unknown code")
	}
}

func TestNewSecretIsZeroed(t *testing.T) {
	for _, flags := range []Flags{0, Guarded, Pooled, Guarded | NoAccessAtRest} {
		s, err := NewSecretWithFlags(32, flags)
		if err != nil {
			t.Fatalf("flags %d: %v", flags, err)
		}
		b, err := s.Read()
		if err != nil || !bytes.Equal(b, make([]byte, 32)) {
			t.Fatalf("flags %d: read %x, %v", flags, b, err)
		}
		if n, err := s.Len(); n != 32 || err != nil {
			t.Fatalf("Len = %d, %v", n, err)
		}
		if err := s.Destroy(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWrongSizesAndFlags(t *testing.T) {
	_, err := NewSecret(0)
	mustCode(t, err, ErrInvalid)
	_, err = NewSecret(-1)
	mustCode(t, err, ErrInvalid)
	_, err = NewSecret(MaxSecretLength + 1)
	mustCode(t, err, ErrInvalid)
	_, err = NewSecretWithFlags(16, Guarded|Pooled)
	mustCode(t, err, ErrInvalid)
	_, err = NewSecretWithFlags(16, Strict|BestEffort)
	mustCode(t, err, ErrInvalid)
	_, err = NewSecretWithFlags(16, 1<<20)
	mustCode(t, err, ErrInvalid)
	_, err = NewSecretWithFlags(4097, Pooled)
	mustCode(t, err, ErrInvalid)
	_, err = RandomSecret(0, 0)
	mustCode(t, err, ErrInvalid)
	_, err = SecretFromBytes(nil, 0) // a nil slice is a NULL source
	mustCode(t, err, ErrNull)

	s, err := NewSecret(16)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	mustCode(t, s.Write(1, make([]byte, 16)), ErrInvalid)
	mustCode(t, s.Write(17, nil), ErrInvalid)
	mustCode(t, s.Write(-1, []byte{1}), ErrInvalid)
	if err := s.Write(16, nil); err != nil { // length 0 at the end is allowed
		t.Fatal(err)
	}
	for size := 0; size < 16; size++ {
		buf := bytes.Repeat([]byte{0xA5}, size)
		n, err := s.ReadInto(buf)
		mustCode(t, err, ErrBufferSmall)
		if n != 16 || !bytes.Equal(buf, bytes.Repeat([]byte{0xA5}, size)) {
			t.Fatalf("size %d: needed %d, buffer changed to %x", size, n, buf)
		}
	}
	big := make([]byte, 20)
	if n, err := s.ReadInto(big); n != 16 || err != nil {
		t.Fatalf("ReadInto(20 bytes) = %d, %v", n, err)
	}
	_, err = s.Equal(nil)
	mustCode(t, err, ErrNull)
	mustCode(t, s.WithRead(nil), ErrNull)
}

func TestWriteReadAndFromBytes(t *testing.T) {
	src := []byte("0123456789abcdef0123456789abcdef")
	want := append([]byte(nil), src...)
	s, err := SecretFromBytes(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Destroy()
	if !bytes.Equal(src, make([]byte, len(src))) {
		t.Fatalf("source not wiped: %x", src)
	}
	got, err := s.Read()
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read %q, %v", got, err)
	}
	if err := s.Write(4, []byte("WXYZ")); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Read()
	if string(got) != "0123WXYZ89abcdef0123456789abcdef" {
		t.Fatalf("after write: %q", got)
	}
	r1, _ := RandomSecret(32, 0)
	r2, _ := RandomSecret(32, Guarded)
	defer r1.Destroy()
	defer r2.Destroy()
	b1, _ := r1.Read()
	b2, _ := r2.Read()
	if bytes.Equal(b1, b2) || bytes.Equal(b1, make([]byte, 32)) {
		t.Fatal("random secrets are equal or zero")
	}
}

func TestCallbacks(t *testing.T) {
	s, _ := NewSecret(8)
	defer s.Destroy()
	if err := s.WithWrite(func(b []byte) error { copy(b, "abcdefgh"); return nil }); err != nil {
		t.Fatal(err)
	}
	var seen string
	if err := s.WithRead(func(b []byte) error { seen = string(b); return nil }); err != nil || seen != "abcdefgh" {
		t.Fatalf("WithRead saw %q, %v", seen, err)
	}
	mine := errors.New("mine")
	if err := s.WithRead(func([]byte) error { return mine }); err != mine {
		t.Fatalf("callback error came back as %v", err)
	}
	// A nested call on the same handle, from inside the callback.
	if err := s.WithRead(func([]byte) error { _, err := s.Read(); return err }); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			if r := recover(); r != "boom" {
				t.Fatalf("recovered %v", r)
			}
		}()
		_ = s.WithRead(func([]byte) error { panic("boom") })
		t.Fatal("no panic")
	}()
	// The library is still usable after the panic went around it.
	if got, err := s.Read(); err != nil || string(got) != "abcdefgh" {
		t.Fatalf("after panic: %q, %v", got, err)
	}
}

func TestFreezeMelt(t *testing.T) {
	for _, flags := range []Flags{Pooled, Guarded} {
		s, _ := NewSecretWithFlags(16, flags)
		if err := s.Freeze(); err != nil {
			t.Fatal(err)
		}
		if f, err := s.IsFrozen(); !f || err != nil {
			t.Fatalf("IsFrozen = %v, %v", f, err)
		}
		mustCode(t, s.Write(0, []byte{1}), ErrFrozen)
		mustCode(t, s.WithWrite(func([]byte) error { return nil }), ErrFrozen)
		if _, err := s.Read(); err != nil {
			t.Fatal(err)
		}
		if err := s.Melt(); err != nil {
			t.Fatal(err)
		}
		if err := s.Melt(); err != nil { // no-op when not frozen
			t.Fatal(err)
		}
		if err := s.Write(0, []byte{1}); err != nil {
			t.Fatal(err)
		}
		s.Destroy()
	}
}

func TestEqualAndProtection(t *testing.T) {
	a, _ := SecretFromBytes([]byte("same bytes"), 0)
	b, _ := SecretFromBytes([]byte("same bytes"), Guarded)
	c, _ := SecretFromBytes([]byte("diff bytes"), 0)
	d, _ := SecretFromBytes([]byte("same bytes!"), 0)
	defer a.Destroy()
	defer b.Destroy()
	defer c.Destroy()
	defer d.Destroy()
	for _, tc := range []struct {
		x, y *Secret
		want bool
	}{{a, b, true}, {a, a, true}, {a, c, false}, {a, d, false}} {
		if eq, err := tc.x.Equal(tc.y); eq != tc.want || err != nil {
			t.Fatalf("Equal = %v, %v; want %v", eq, err, tc.want)
		}
	}
	_, tier, err := b.Protection()
	if err != nil || tier != 2 {
		t.Fatalf("guarded secret: tier %d, %v", tier, err)
	}
	if _, tier, _ := a.Protection(); tier != 1 {
		t.Fatalf("small default secret: tier %d, want pooled", tier)
	}
}

func TestEnclave(t *testing.T) {
	s, _ := SecretFromBytes([]byte("sealed away"), 0)
	e, err := s.Seal()
	if err != nil {
		t.Fatal(err)
	}
	if n, err := e.Len(); n != 11 || err != nil {
		t.Fatalf("enclave Len = %d, %v", n, err)
	}
	if err := s.Destroy(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ { // opening leaves the enclave valid
		o, err := e.Open(Guarded)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := o.Read(); string(got) != "sealed away" {
			t.Fatalf("opened %q", got)
		}
		o.Destroy()
	}
	_, err = e.Open(Guarded | Pooled)
	mustCode(t, err, ErrInvalid)
	if err := e.Destroy(); err != nil {
		t.Fatal(err)
	}
	mustCode(t, e.Destroy(), ErrBadHandle)
	_, err = e.Open(0)
	mustCode(t, err, ErrBadHandle)
	_, err = e.Len()
	mustCode(t, err, ErrBadHandle)
}

func TestDoubleDestroyAndUseAfterDestroy(t *testing.T) {
	s, _ := NewSecret(32)
	if err := s.Destroy(); err != nil {
		t.Fatal(err)
	}
	mustCode(t, s.Destroy(), ErrBadHandle)
	_, err := s.Read()
	mustCode(t, err, ErrBadHandle)
	_, err = s.ReadInto(make([]byte, 32))
	mustCode(t, err, ErrBadHandle)
	mustCode(t, s.Write(0, []byte{1}), ErrBadHandle)
	mustCode(t, s.WithRead(func([]byte) error { t.Fatal("callback ran"); return nil }), ErrBadHandle)
	mustCode(t, s.WithWrite(func([]byte) error { t.Fatal("callback ran"); return nil }), ErrBadHandle)
	mustCode(t, s.Freeze(), ErrBadHandle)
	mustCode(t, s.Melt(), ErrBadHandle)
	_, err = s.IsFrozen()
	mustCode(t, err, ErrBadHandle)
	_, _, err = s.Protection()
	mustCode(t, err, ErrBadHandle)
	_, err = s.Seal()
	mustCode(t, err, ErrBadHandle)
	live, _ := NewSecret(32) // may reuse the slot: the old handle stays dead
	defer live.Destroy()
	_, err = s.Equal(live)
	mustCode(t, err, ErrBadHandle)
	_, err = live.Equal(s)
	mustCode(t, err, ErrBadHandle)
	if _, err := live.Read(); err != nil {
		t.Fatal(err)
	}
}

func TestZeroForgedAndWrongTypeHandles(t *testing.T) {
	if err := (&Secret{}).Destroy(); err != nil { // 0 is accepted by every free
		t.Fatalf("Destroy of the zero handle: %v", err)
	}
	_, err := (&Secret{}).Read()
	mustCode(t, err, ErrBadHandle)
	_, err = (&Secret{h: 1<<56 | 0xFFFFFF<<32 | 7}).Len()
	mustCode(t, err, ErrBadHandle)
	s, _ := NewSecret(8)
	defer s.Destroy()
	e, _ := s.Seal()
	defer e.Destroy()
	_, err = (&Secret{h: e.h}).Len() // an enclave handle used as a secret
	mustCode(t, err, ErrWrongType)
	_, err = (&Enclave{h: s.h}).Open(0)
	mustCode(t, err, ErrWrongType)
	mustCode(t, (&Enclave{h: s.h}).Destroy(), ErrWrongType)
	if _, err := s.Len(); err != nil { // the wrong-type free did not free it
		t.Fatal(err)
	}
}

func TestCapabilities(t *testing.T) {
	c, err := GetCapabilities()
	if err != nil || c.PageSize < 4096 || c.Platform == "" || c.Policy != 0 {
		t.Fatalf("capabilities %+v, %v", c, err)
	}
}

// Purge affects every handle of the process, so it runs in a child process (this test binary, re-executed).
func TestPurge(t *testing.T) {
	if os.Getenv("NOFUTURE_GO_PURGE_CHILD") == "1" {
		purgeChild(t)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPurge$", "-test.v")
	cmd.Env = append(os.Environ(), "NOFUTURE_GO_PURGE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("purge child: ok")) {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func purgeChild(t *testing.T) {
	s, _ := SecretFromBytes([]byte("wiped"), 0)
	e, _ := s.Seal()
	if err := Purge(); err != nil {
		t.Fatal(err)
	}
	_, err := s.Read()
	mustCode(t, err, ErrPurged)
	mustCode(t, s.WithRead(func([]byte) error { return nil }), ErrPurged)
	_, err = e.Open(0)
	mustCode(t, err, ErrPurged)
	if err := s.Destroy(); err != nil {
		t.Fatal(err)
	}
	if err := e.Destroy(); err != nil {
		t.Fatal(err)
	}
	n, err := SecretFromBytes([]byte("after"), 0)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := n.Read(); string(got) != "after" {
		t.Fatalf("new secret after purge: %q", got)
	}
	n.Destroy()
	t.Log("purge child: ok")
}
