package sgemm

import (
	"sync/atomic"
	"time"
)

// Stats is the work Gemm did while counting was on.
type Stats struct {
	Calls int64 // Gemm calls
	// Flops counts 2·m·n·k per call, one multiply and one add per term.
	// The β·C scaling is not counted.
	Flops    int64
	Duration time.Duration // wall-clock time inside Gemm, summed over calls
}

// GFLOPS returns the rate in 10⁹ floating-point operations per second of
// wall-clock time inside Gemm, or 0 when no time was counted.
func (s Stats) GFLOPS() float64 {
	if s.Duration <= 0 {
		return 0
	}
	return float64(s.Flops) / s.Duration.Seconds() / 1e9
}

var (
	counting                           atomic.Bool
	countCalls, countFlops, countNanos atomic.Int64
)

// CountStats turns the counting of calls, operations and time in Gemm on
// or off and returns the previous setting. While it is off, Gemm pays one
// atomic load per call. Calls that overlap in time each add their own
// duration, so Stats.Duration can exceed the elapsed time when several
// goroutines multiply at once.
func CountStats(on bool) (was bool) {
	return counting.Swap(on)
}

// ReadStats returns the counts since the last ResetStats.
func ReadStats() Stats {
	return Stats{
		Calls:    countCalls.Load(),
		Flops:    countFlops.Load(),
		Duration: time.Duration(countNanos.Load()),
	}
}

// ResetStats sets the counts to zero.
func ResetStats() {
	countCalls.Store(0)
	countFlops.Store(0)
	countNanos.Store(0)
}

// gemmCounted runs gemm and adds the call to the counts.
func gemmCounted(transA bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	start := time.Now()
	gemm(transA, m, n, k, a, lda, b, ldb, beta, c, ldc)
	countNanos.Add(int64(time.Since(start)))
	countCalls.Add(1)
	countFlops.Add(2 * int64(m) * int64(n) * int64(k))
}
