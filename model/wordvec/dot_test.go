package wordvec

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDotBlockMatchesFloat64 checks the kernels, including every remainder
// of rows mod 4, queries mod 3 and dim mod 8, against float64 sums.
func TestDotBlockMatchesFloat64(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, dim := range []int{1, 7, 8, 9, 16, 23, 300} {
		for n := 1; n <= 9; n++ {
			for nq := 1; nq <= 7; nq++ {
				var rows []float32
				// NaN right after the rows would poison the sums if the
				// masked tail read past a row's end.
				backing := make([]float32, n*dim+8)
				rows = backing[:n*dim]
				for i := range backing {
					backing[i] = float32(math.NaN())
				}
				for i := range rows {
					rows[i] = float32(rng.NormFloat64())
				}
				stride := paddedDim(dim)
				qs := make([]float32, nq*stride)
				for j := range nq {
					for i := range dim {
						qs[j*stride+i] = float32(rng.NormFloat64())
					}
				}
				out := make([]float32, n*nq)
				dotBlock(rows, n, dim, qs, nq, out)
				for r := range n {
					for j := range nq {
						var want, bound float64
						for i := range dim {
							p := float64(rows[r*dim+i]) * float64(qs[j*paddedDim(dim)+i])
							want += p
							bound += math.Abs(p)
						}
						// The float32 rounding bound γ_dim·Σ|a_i·b_i|.
						tol := float64(dim+2) * 0x1p-24 * bound
						if got := float64(out[j*n+r]); math.Abs(got-want) > tol {
							t.Fatalf("dim %d n %d nq %d: out[%d,%d] = %v, want %v ± %g", dim, n, nq, r, j, got, want, tol)
						}
					}
				}
			}
		}
	}
}
