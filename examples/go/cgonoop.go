package nofuture

/*
static void nofuture_go_noop(void) {}
*/
import "C"

// cgoNoop calls an empty C function: the cost of a cgo call alone, for BenchmarkCgoCall (bench_test.go).
func cgoNoop() { C.nofuture_go_noop() }
