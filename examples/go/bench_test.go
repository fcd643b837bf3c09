package nofuture

// Benchmarks (not tests: nothing asserts a time); bench/RESULTS.md has the figures and the C side's.
//   CGO_LDFLAGS="-L$OUT -Wl,-rpath,$OUT" go test -run '^$' -bench . -benchtime 200000x -count 5

import (
	"os"
	"sort"
	"strconv"
	"testing"
	"time"
)

// The cost of a cgo call alone (an empty C function).
func BenchmarkCgoCall(b *testing.B) {
	for i := 0; i < b.N; i++ {
		cgoNoop()
	}
}

// nf_version through the wrapper: a cgo call plus the library's cheapest export.
func BenchmarkVersion(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Version(); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkNewFree(b *testing.B, size int) {
	for i := 0; i < b.N; i++ {
		s, err := NewSecret(size)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Destroy(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNewDestroy32(b *testing.B)   { benchmarkNewFree(b, 32) }
func BenchmarkNewDestroy1024(b *testing.B) { benchmarkNewFree(b, 1024) }

// TestBenchMedians prints medians over small batches, the method of bench/native/bench.c, so the Go and C figures
// compare on a loaded host (go test -bench reports means, which include every descheduling). Runs only with
// NOFUTURE_GO_BENCH=1.
func TestBenchMedians(t *testing.T) {
	if os.Getenv("NOFUTURE_GO_BENCH") != "1" {
		t.Skip("a benchmark: set NOFUTURE_GO_BENCH=1")
	}
	row := func(name string, perBatch int, op func()) {
		const batches = 1001
		times := make([]float64, batches)
		for i := 0; i < 100*perBatch; i++ {
			op() // warm up
		}
		for b := range times {
			start := time.Now()
			for i := 0; i < perBatch; i++ {
				op()
			}
			times[b] = float64(time.Since(start).Nanoseconds()) / float64(perBatch)
		}
		sort.Float64s(times)
		t.Logf("%-28s %8.1f ns (median of %d batches of %d)", name, times[batches/2], batches, perBatch)
	}
	row("cgo call (empty C function)", 1000, cgoNoop)
	row("Version (nf_version)", 1000, func() { _, _ = Version() })
	for _, size := range []int{32, 1024} {
		size := size
		row("NewSecret+Destroy "+strconv.Itoa(size)+" B", 200, func() {
			s, err := NewSecret(size)
			if err != nil {
				t.Fatal(err)
			}
			_ = s.Destroy()
		})
	}
}
