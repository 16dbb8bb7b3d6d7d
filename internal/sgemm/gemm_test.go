package sgemm

import (
	"fmt"
	"math/rand/v2"
	"testing"

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
