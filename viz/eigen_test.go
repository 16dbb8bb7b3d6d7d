package viz

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// rotatedSym returns QΛQᵀ for a random orthogonal Q and the eigenvalues
// lambda, so that the eigenvalues are known exactly up to rounding.
func rotatedSym(seed uint64, lambda []float64) *mat.SymDense {
	n := len(lambda)
	rng := rand.New(rand.NewPCG(seed, seed))
	g := mat.NewDense(n, n, nil)
	for i := range n {
		for j := range n {
			g.Set(i, j, rng.NormFloat64())
		}
	}
	var qr mat.QR
	qr.Factorize(g)
	var q mat.Dense
	qr.QTo(&q)
	s := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			var v float64
			for l := range n {
				v += q.At(i, l) * lambda[l] * q.At(j, l)
			}
			s.SetSym(i, j, v)
		}
	}
	return s
}

// TestTopEigen checks topEigen against mat.EigenSym and against the
// definition: each vector x must be a unit vector with |Sx − λx| at the
// rounding level of |S|, orthogonal to the others, also when the largest
// eigenvalues are equal and when S is zero or 1×1.
func TestTopEigen(t *testing.T) {
	random := func(seed uint64, n int) *mat.SymDense {
		rng := rand.New(rand.NewPCG(seed, seed))
		s := mat.NewSymDense(n, nil)
		for i := range n {
			for j := i; j < n; j++ {
				s.SetSym(i, j, rng.NormFloat64())
			}
		}
		return s
	}
	// want, ascending, is given for the matrices of extreme norm, because
	// gonum 0.17's Dsterf panics inside EigenSym on the tiny one.
	tests := []struct {
		name string
		s    *mat.SymDense
		want []float64
	}{
		{"random 40", random(3, 40), nil},
		{"random 300", random(5, 300), nil},
		{"equal top pair", rotatedSym(7, []float64{5, 5, 1, 0.5, 0.25, 0}), nil},
		{"equal top three", rotatedSym(9, []float64{2, 2, 2, 1, 1}), nil},
		{"rank one", rotatedSym(11, []float64{3, 0, 0, 0}), nil},
		{"zero", mat.NewSymDense(4, nil), nil},
		{"1×1", mat.NewSymDense(1, []float64{-2}), nil},
		{"2×2 diagonal", mat.NewSymDense(2, []float64{1, 0, 0, 4}), nil},
		{"tiny", rotatedSym(13, []float64{1e-300, 5e-301, 1e-301}), []float64{1e-301, 5e-301, 1e-300}},
		{"huge", rotatedSym(15, []float64{1e300, -5e299, 1e299}), []float64{-5e299, 1e299, 1e300}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := tc.s.SymmetricDim()
			k := min(2, n)
			values, vectors, ok := topEigen(tc.s, k)
			if !ok {
				t.Fatal("topEigen did not converge")
			}
			want := tc.want
			if want == nil {
				var eig mat.EigenSym
				if !eig.Factorize(tc.s, false) {
					t.Fatal("EigenSym did not converge")
				}
				want = eig.Values(nil)
			}
			size := max(math.Abs(want[0]), math.Abs(want[n-1]))
			tol := 1e-12 * max(size, math.SmallestNonzeroFloat64)
			for i := range want {
				if math.Abs(values[i]-want[i]) > tol {
					t.Errorf("eigenvalue %d = %v, EigenSym %v", i, values[i], want[i])
				}
			}
			if len(vectors) != k {
				t.Fatalf("got %d vectors, want %d", len(vectors), k)
			}
			for c, x := range vectors {
				lambda := values[n-1-c]
				sx := mat.NewVecDense(n, nil)
				sx.MulVec(tc.s, mat.NewVecDense(n, x))
				var residual float64
				for i := range n {
					residual = max(residual, math.Abs(sx.AtVec(i)-lambda*x[i]))
				}
				if residual > tol {
					t.Errorf("vector %d: |Sx − λx| = %g > %g", c, residual, tol)
				}
				for d := range c + 1 {
					want := 0.0
					if d == c {
						want = 1
					}
					if got := floats64Dot(x, vectors[d]); math.Abs(got-want) > 1e-12 {
						t.Errorf("vector %d · vector %d = %v, want %v", c, d, got, want)
					}
				}
			}
		})
	}
}

func BenchmarkTopEigen300(b *testing.B) {
	for _, name := range []string{"topEigen", "EigenSym"} {
		b.Run(name, func(b *testing.B) {
			const n, dim = 3000, 300
			data := randomData(1, n, dim)
			cov, _ := covarianceMatrix(n, dim, data, centreOf(n, dim, data), gramFloat64)
			b.ReportAllocs()
			for b.Loop() {
				if name == "topEigen" {
					topEigen(cov, 2)
					continue
				}
				var eig mat.EigenSym
				eig.Factorize(cov, true)
			}
		})
	}
}
