package viz

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/lapack/gonum"
	"gonum.org/v1/gonum/mat"
)

// topEigen returns all eigenvalues of the symmetric matrix s in ascending
// order and unit eigenvectors for the k largest, largest first. It returns
// ok false when the eigenvalue iteration does not converge.
//
// mat.EigenSym computes every eigenvector, and accumulating their rotations
// took about three quarters of its time for a 300×300 covariance matrix.
// topEigen instead reduces s to a tridiagonal T = QᵀSQ with Householder
// reflections (gonum's Dsytrd), finds the eigenvalues of T without vectors
// (Dsterf, the Pal–Walker–Kahan variant of QL/QR), and then finds each
// wanted eigenvector y of T by inverse iteration and maps it back as Qy.
// Every vector is orthogonalised against the earlier ones, so that close or
// equal eigenvalues still give orthonormal axes.
func topEigen(s *mat.SymDense, k int) (values []float64, vectors [][]float64, ok bool) {
	n := s.SymmetricDim()
	var impl gonum.Implementation

	// Work on s divided by its largest entry, so that neither the shifted
	// matrices nor the solutions overflow or fall into subnormals. gonum
	// 0.17's Dsterf also panics when it rescales a matrix of tiny norm
	// itself.
	raw := s.RawSymmetric()
	var scale float64
	for i := range n {
		for _, v := range raw.Data[i*raw.Stride+i : i*raw.Stride+n] {
			scale = max(scale, math.Abs(v))
		}
	}
	if scale == 0 {
		scale = 1
	}
	a := make([]float64, n*n)
	for i := range n {
		for j := i; j < n; j++ {
			a[i*n+j] = raw.Data[i*raw.Stride+j] / scale
		}
	}

	// Reduce to tridiagonal form. a holds the reflectors afterwards.
	diag, off, tau := make([]float64, n), make([]float64, max(n-1, 0)), make([]float64, max(n-1, 0))
	work := []float64{0}
	impl.Dsytrd(blas.Upper, n, a, n, diag, off, tau, work, -1)
	work = make([]float64, int(work[0]))
	impl.Dsytrd(blas.Upper, n, a, n, diag, off, tau, work, len(work))

	scaled := append([]float64(nil), diag...)
	if !impl.Dsterf(n, scaled, append([]float64(nil), off...)) {
		return nil, nil, false
	}
	values = make([]float64, n)
	for i, v := range scaled {
		values[i] = v * scale
	}

	rng := rand.New(rand.NewPCG(1, 1))
	for c := 0; c < k && c < n; c++ {
		y := tridiagonalEigenvector(impl, diag, off, scaled[n-1-c], vectors, rng)
		if y == nil {
			return nil, nil, false
		}
		vectors = append(vectors, y)
	}

	// Map each vector of T back to one of s. With Upper, Q is
	// H(n−2)···H(1)·H(0), where H(i) = I − tau[i]·v·vᵀ, v[i] = 1, v[i+1:] = 0
	// and v[:i] is stored in column i+1 of a above the diagonal.
	for c, y := range vectors {
		x := append([]float64(nil), y...)
		for i := 0; i < n-1; i++ {
			if tau[i] == 0 {
				continue
			}
			dot := x[i]
			for r := range i {
				dot += a[r*n+i+1] * x[r]
			}
			dot *= tau[i]
			x[i] -= dot
			for r := range i {
				x[r] -= dot * a[r*n+i+1]
			}
		}
		vectors[c] = x
	}
	return values, vectors, true
}

// tridiagonalEigenvector returns a unit eigenvector of the symmetric
// tridiagonal matrix with diagonal diag and off-diagonal off for the
// eigenvalue lambda, orthogonal to the unit vectors in earlier, or nil when
// inverse iteration fails. It solves (T − σI)y = z three times from a
// random start z, with σ = lambda moved by a few rounding units whenever
// T − σI is exactly singular.
func tridiagonalEigenvector(impl gonum.Implementation, diag, off []float64, lambda float64, earlier [][]float64, rng *rand.Rand) []float64 {
	n := len(diag)
	y := make([]float64, n)
	restart := func() {
		for i := range y {
			y[i] = rng.Float64() - 0.5
		}
	}
	restart()
	dl, d, du := make([]float64, len(off)), make([]float64, n), make([]float64, len(off))
	shift := lambda
	for solves, attempts := 0, 0; solves < 3; attempts++ {
		if attempts == 20 {
			return nil
		}
		copy(dl, off)
		copy(du, off)
		for i, v := range diag {
			d[i] = v - shift
		}
		if !impl.Dgtsv(n, 1, dl, d, du, y, 1) {
			// T − σI is singular to working precision, which only means
			// that σ is an eigenvalue: move it slightly and solve again.
			shift += 4 * eps * max(1, math.Abs(shift))
			restart()
			continue
		}
		// Gram–Schmidt twice keeps orthogonality at the rounding level.
		for range 2 {
			for _, u := range earlier {
				p := floats64Dot(u, y)
				for i := range y {
					y[i] -= p * u[i]
				}
			}
		}
		norm := math.Sqrt(floats64Dot(y, y))
		if norm == 0 || math.IsInf(norm, 0) || math.IsNaN(norm) {
			// The solution lay in the span of the earlier vectors, or the
			// solve overflowed: start again from another random vector.
			restart()
			continue
		}
		for i := range y {
			y[i] /= norm
		}
		solves++
	}
	return y
}

func floats64Dot(a, b []float64) float64 {
	var s float64
	for i, x := range a {
		s += x * b[i]
	}
	return s
}
