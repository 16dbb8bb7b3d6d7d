package sgemm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
)

func TestGemmMatchesGonum(t *testing.T) {
	// gemm promises gonum's summation order for these cases, so the results
	// must be equal, not merely close. The shapes cover whole tiles, edge
	// rows and columns, the two-goroutine split and k = 1.
	shapes := []struct{ m, n, k int }{
		{4, 16, 1}, {4, 16, 7}, {5, 17, 3}, {3, 5, 9}, {32, 512, 128}, {100, 100, 512}, {23, 64, 200}, {0, 16, 4}, {4, 16, 0},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(n int) []float32 {
		s := make([]float32, n)
		for i := range s {
			s[i] = float32(rng.NormFloat64())
		}
		return s
	}
	for _, sh := range shapes {
		for _, transA := range []bool{false, true} {
			for _, beta := range []float32{0, 1} {
				t.Run(fmt.Sprintf("%dx%dx%d trans %v beta %g", sh.m, sh.n, sh.k, transA, beta), func(t *testing.T) {
					// Leading dimensions larger than the widths test the strides.
					lda := sh.k + 3
					aRows := sh.m
					if transA {
						lda, aRows = sh.m+2, sh.k
					}
					ldb, ldc := sh.n+1, sh.n+5
					a := fill(max(aRows*lda, 1))
					b := fill(max(sh.k*ldb, 1))
					c := fill(max(sh.m*ldc, 1))
					want := append([]float32(nil), c...)

					tA := blas.NoTrans
					if transA {
						tA = blas.Trans
					}
					blasImpl.Sgemm(tA, blas.NoTrans, sh.m, sh.n, sh.k, 1, a, lda, b, ldb, beta, want, ldc)
					Gemm(transA, sh.m, sh.n, sh.k, a, lda, b, ldb, beta, c, ldc)
					for i := range want {
						if c[i] != want[i] {
							t.Fatalf("element %d (row %d, col %d) = %g, want %g", i, i/ldc, i%ldc, c[i], want[i])
						}
					}
				})
			}
		}
	}
}

func BenchmarkGemmStep(b *testing.B) {
	// One recurrent step of the default model: (32×128)·(128×512).
	m, n, k := 32, 512, 128
	a, bm, c := make([]float32, m*k), make([]float32, k*n), make([]float32, m*n)
	b.ReportAllocs()
	for b.Loop() {
		Gemm(false, m, n, k, a, k, bm, n, 1, c, n)
	}
	b.ReportMetric(float64(2*m*n*k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

// gemmReference is the straightforward product that Gemm promises to equal:
// each element summed over l in order, with a rounded multiply and a
// rounded add per term.
func gemmReference(transA bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	for i := range m {
		for j := range n {
			var s float32
			if beta == 1 {
				s = c[i*ldc+j]
			}
			for l := range k {
				var av float32
				if transA {
					av = a[l*lda+i]
				} else {
					av = a[i*lda+l]
				}
				s += float32(av * b[l*ldb+j])
			}
			c[i*ldc+j] = s
		}
	}
}

// kernelPaths returns the settings of UseKernel that this machine can run:
// the vector kernel where the CPU has it, and always the fallback.
func kernelPaths() []bool {
	if HaveKernel() {
		return []bool{true, false}
	}
	return []bool{false}
}

func TestGemmRandomShapesMatchReference(t *testing.T) {
	// Most drawn shapes are not multiples of the 16-column tile, the
	// 8-lane vector or the 4-row tile. Every tenth shape is large enough
	// for the two-goroutine split. The sums must be bit-equal to the
	// reference because both paths keep its summation order.
	rng := rand.New(rand.NewPCG(7, 11))
	for _, vector := range kernelPaths() {
		was := UseKernel(vector)
		for trial := range 120 {
			m, n, k := 1+rng.IntN(37), 1+rng.IntN(53), 1+rng.IntN(70)
			if trial%10 == 0 {
				m, n, k = 30+rng.IntN(40), 100+rng.IntN(300), 60+rng.IntN(140)
			}
			transA, beta := rng.IntN(2) == 1, float32(rng.IntN(2))
			lda, aRows := k+rng.IntN(3), m
			if transA {
				lda, aRows = m+rng.IntN(3), k
			}
			ldb, ldc := n+rng.IntN(3), n+rng.IntN(3)
			a := randomMatrix(rng, aRows*lda)
			b := randomMatrix(rng, k*ldb)
			c := randomMatrix(rng, m*ldc)
			want := append([]float32(nil), c...)

			gemmReference(transA, m, n, k, a, lda, b, ldb, beta, want, ldc)
			Gemm(transA, m, n, k, a, lda, b, ldb, beta, c, ldc)
			for i := range want {
				if c[i] != want[i] {
					t.Errorf("kernel %s, %d×%d×%d, transA %v, β %g: C[%d][%d] = %g, want %g",
						Kernel(), m, n, k, transA, beta, i/ldc, i%ldc, c[i], want[i])
					break
				}
			}
		}
		UseKernel(was)
	}
}

func TestGemmLeavesPaddingAlone(t *testing.T) {
	// Columns between n and ldc belong to the caller, so no path may write them.
	rng := rand.New(rand.NewPCG(3, 4))
	const m, n, k, ldc = 9, 21, 13, 29
	for _, vector := range kernelPaths() {
		was := UseKernel(vector)
		a, b := randomMatrix(rng, m*k), randomMatrix(rng, k*n)
		c := make([]float32, m*ldc)
		for i := range c {
			c[i] = -7
		}
		Gemm(false, m, n, k, a, k, b, n, 0, c, ldc)
		for i := range m {
			for j := n; j < ldc; j++ {
				if got := c[i*ldc+j]; got != -7 {
					t.Errorf("kernel %s: padding C[%d][%d] = %g, want -7 (untouched)", Kernel(), i, j, got)
				}
			}
		}
		UseKernel(was)
	}
}

func TestStatsCountCalls(t *testing.T) {
	defer CountStats(CountStats(false))
	ResetStats()
	// A is 6×5, and the second call reads it as the transpose of a 5×6 matrix.
	a, b, c := make([]float32, 6*5), make([]float32, 6*7), make([]float32, 6*7)
	Gemm(false, 6, 7, 5, a, 5, b, 7, 0, c, 7)
	if got := ReadStats(); got.Calls != 0 {
		t.Errorf("with counting off, Calls = %d, want 0", got.Calls)
	}

	CountStats(true)
	Gemm(false, 6, 7, 5, a, 5, b, 7, 0, c, 7)
	Gemm(true, 5, 7, 6, a, 5, b, 7, 1, c, 7)
	got := ReadStats()
	if got.Calls != 2 {
		t.Errorf("Calls = %d, want 2", got.Calls)
	}
	// 2·m·n·k for each call: 2·6·7·5 + 2·5·7·6.
	if want := int64(2*6*7*5 + 2*5*7*6); got.Flops != want {
		t.Errorf("Flops = %d, want %d", got.Flops, want)
	}
	if got.Duration <= 0 {
		t.Errorf("Duration = %v, want > 0", got.Duration)
	}

	ResetStats()
	if got := ReadStats(); got != (Stats{}) {
		t.Errorf("after ResetStats, ReadStats() = %+v, want zero", got)
	}
}

func TestStatsGFLOPS(t *testing.T) {
	tests := []struct {
		name string
		s    Stats
		want float64
	}{
		{"no time", Stats{Flops: 100}, 0},
		{"3e9 flops in 1.5 s", Stats{Flops: 3e9, Duration: 1500 * time.Millisecond}, 2},
	}
	for _, tc := range tests {
		if got := tc.s.GFLOPS(); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: GFLOPS() = %g, want %g", tc.name, got, tc.want)
		}
	}
}

func TestKernelName(t *testing.T) {
	was := UseKernel(false)
	defer UseKernel(was)
	if got := Kernel(); got != "gonum" {
		t.Errorf("with the kernel off, Kernel() = %q, want gonum", got)
	}
	UseKernel(true)
	want := "gonum"
	if HaveKernel() {
		want = "avx"
	}
	if got := Kernel(); got != want {
		t.Errorf("with the kernel on, Kernel() = %q, want %q", got, want)
	}
}

func randomMatrix(rng *rand.Rand, n int) []float32 {
	s := make([]float32, max(n, 1))
	for i := range s {
		s[i] = float32(rng.NormFloat64())
	}
	return s
}

// BenchmarkGemm times the products of one training batch of the default
// model (batch 32, 50 steps, 100 dimensions, 128 units) on each path.
func BenchmarkGemm(b *testing.B) {
	shapes := []struct {
		name    string
		transA  bool
		m, n, k int
	}{
		{"recurrent 32x512x128", false, 32, 512, 128},
		{"input projection 1600x512x100", false, 1600, 512, 100},
		{"recurrent grad T 128x512x32", true, 128, 512, 32},
		{"kernel grad T 100x512x1600", true, 100, 512, 1600},
		{"dh 32x128x512", false, 32, 128, 512},
		{"odd 37x53x29", false, 37, 53, 29},
	}
	for _, vector := range kernelPaths() {
		for _, sh := range shapes {
			b.Run(fmt.Sprintf("%s/%s", map[bool]string{true: "avx", false: "gonum"}[vector], sh.name), func(b *testing.B) {
				was := UseKernel(vector)
				defer UseKernel(was)
				// Random values, because gonum skips the terms of zero
				// elements of A and would look faster on zeros.
				rng := rand.New(rand.NewPCG(1, 1))
				a, bm, c := randomMatrix(rng, sh.m*sh.k), randomMatrix(rng, sh.k*sh.n), make([]float32, sh.m*sh.n)
				lda := sh.k
				if sh.transA {
					lda = sh.m
				}
				b.ReportAllocs()
				for b.Loop() {
					Gemm(sh.transA, sh.m, sh.n, sh.k, a, lda, bm, sh.n, 1, c, sh.n)
				}
				b.ReportMetric(float64(2*sh.m*sh.n*sh.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
