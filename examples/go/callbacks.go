package nofuture

/*
#include <stdint.h>
#include "nofuture.h"
int nf_go_with_read(nf_handle secret, uintptr_t context);
int nf_go_with_write(nf_handle secret, uintptr_t context);
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// call carries a WithRead/WithWrite closure through the library as a cgo.Handle (a Go pointer may not be kept by
// C), and brings back its error or panic. A panic must not unwind through the library's frames (as with longjmp,
// nofuture.h forbids it), so the trampoline recovers it and WithRead re-raises it once the C call has returned.
type call struct {
	f        func([]byte) error
	err      error
	panicked bool
	panicVal interface{}
}

//export nofutureGoRead
func nofutureGoRead(data *C.uint8_t, length C.size_t, context unsafe.Pointer) C.int {
	return run(data, length, context)
}

//export nofutureGoWrite
func nofutureGoWrite(data *C.uint8_t, length C.size_t, context unsafe.Pointer) C.int {
	return run(data, length, context)
}

func run(data *C.uint8_t, length C.size_t, context unsafe.Pointer) (rc C.int) {
	c := cgo.Handle(uintptr(context)).Value().(*call)
	defer func() {
		if r := recover(); r != nil {
			c.panicked, c.panicVal, rc = true, r, 1
		}
	}()
	c.err = c.f(unsafe.Slice((*byte)(unsafe.Pointer(data)), int(length)))
	if c.err != nil {
		return 1
	}
	return 0
}

func (s *Secret) with(op string, f func([]byte) error, write bool) error {
	if f == nil {
		return newError(op, C.NF_E_NULL)
	}
	c := &call{f: f}
	h := cgo.NewHandle(c)
	defer h.Delete()
	var rc C.int
	if write {
		rc = C.nf_go_with_write(s.h, C.uintptr_t(h))
	} else {
		rc = C.nf_go_with_read(s.h, C.uintptr_t(h))
	}
	if c.panicked {
		panic(c.panicVal)
	}
	if rc == C.NF_E_CALLBACK && c.err != nil {
		return c.err
	}
	return check(op, rc)
}
