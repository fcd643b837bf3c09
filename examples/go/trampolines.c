// C halves of WithRead/WithWrite: the library calls the exported Go functions (callbacks.go) with the cgo.Handle
// of the Go closure as its context. In C because a Go function pointer must be taken on the C side.
#include <stdint.h>
#include "nofuture.h"
#include "_cgo_export.h"

int nf_go_with_read(nf_handle secret, uintptr_t context)
{
    return nf_secret_with_read(secret, (nf_read_fn)nofutureGoRead, (void *)context);
}

int nf_go_with_write(nf_handle secret, uintptr_t context)
{
    return nf_secret_with_write(secret, (nf_write_fn)nofutureGoWrite, (void *)context);
}
