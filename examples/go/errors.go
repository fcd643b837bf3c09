package nofuture

// #include "nofuture.h"
import "C"

import "strconv"

// Code is a status code of the C ABI (NF_E_* in nofuture.h); the numbers are stable.
type Code int

const (
	CodeNull        Code = C.NF_E_NULL
	CodeInvalid     Code = C.NF_E_INVALID
	CodeBufferSmall Code = C.NF_E_BUFFER_SMALL
	CodeBadHandle   Code = C.NF_E_BAD_HANDLE
	CodeWrongType   Code = C.NF_E_WRONG_TYPE
	CodePurged      Code = C.NF_E_PURGED
	CodeFrozen      Code = C.NF_E_FROZEN
	CodeBusy        Code = C.NF_E_BUSY
	CodeRefused     Code = C.NF_E_REFUSED
	CodeTampered    Code = C.NF_E_TAMPERED
	CodeNoMemory    Code = C.NF_E_NOMEM
	CodeTooMany     Code = C.NF_E_TOO_MANY
	CodeCallback    Code = C.NF_E_CALLBACK
	CodeUnsupported Code = C.NF_E_UNSUPPORTED
	CodeInternal    Code = C.NF_E_INTERNAL
	CodeNoPrivate   Code = C.NF_E_NO_PRIVATE
	CodeRejected    Code = C.NF_E_REJECTED
	CodeLimit       Code = C.NF_E_LIMIT
)

// String is nf_strerror's text for the code.
func (c Code) String() string { return C.GoString(C.nf_strerror(C.int(c))) }

// Error is a non-zero status from the library: the function (Op), the code and nf_strerror's text.
// Compare with errors.Is(err, nofuture.ErrBadHandle) or errors.As and Code.
type Error struct {
	Op      string
	Code    Code
	Message string
}

func (e *Error) Error() string {
	return "nofuture: nf_" + e.Op + ": " + e.Message + " (" + strconv.Itoa(int(e.Code)) + ")"
}

// Is matches any *Error with the same code, so the Err* values below work with errors.Is.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels for errors.Is.
var (
	ErrNull        = &Error{Code: CodeNull}
	ErrInvalid     = &Error{Code: CodeInvalid}
	ErrBufferSmall = &Error{Code: CodeBufferSmall}
	ErrBadHandle   = &Error{Code: CodeBadHandle}
	ErrWrongType   = &Error{Code: CodeWrongType}
	ErrPurged      = &Error{Code: CodePurged}
	ErrFrozen      = &Error{Code: CodeFrozen}
	ErrBusy        = &Error{Code: CodeBusy}
	ErrRefused     = &Error{Code: CodeRefused}
	ErrTampered    = &Error{Code: CodeTampered}
	ErrCallback    = &Error{Code: CodeCallback}
	ErrNoPrivate   = &Error{Code: CodeNoPrivate}
	ErrRejected    = &Error{Code: CodeRejected}
	ErrLimit       = &Error{Code: CodeLimit}
)

func newError(op string, rc C.int) *Error {
	return &Error{Op: op, Code: Code(rc), Message: Code(rc).String()}
}

func check(op string, rc C.int) error {
	if rc == C.NF_OK {
		return nil
	}
	return newError(op, rc)
}
