package viz

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"embedlab/internal/sgemm"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"

	"embedlab/internal/usermsg"
)

// gramMethod selects how covarianceComponents sums C = XᵀX.
type gramMethod int

const (
	// gramFloat32 rounds the centred rows to float32, multiplies blocks of
	// gram32BlockRows rows with sgemm.Gemm and adds each block's product
	// into float64 sums, so only the sums within one block are float32.
	gramFloat32 gramMethod = iota
	// gramFloat64 converts the centred rows to float64 and sums every
	// product in float64 with gonum's Dger.
	gramFloat64
)

// defaultGramMethod returns gramFloat32 where the CPU runs the AVX kernel of
// sgemm and gramFloat64 elsewhere. Without the kernel, sgemm falls back to
// gonum's Sgemm, and the float32 route then took 1.2 times as long as the
// float64 one on 20,000×300 rows.
func defaultGramMethod() gramMethod {
	if sgemm.HaveKernel() {
		return gramFloat32
	}
	return gramFloat64
}

// covarianceComponents is principalComponents by the eigen-decomposition of
// C = XᵀX, X being the centred rows, with C summed by method.
//
// Both methods subtract the mean in float64 before any product is formed.
// Forming the raw XᵀX and subtracting n·mean·meanᵀ afterwards would cancel
// most of the digits when the rows share a large offset, as word vectors
// often do. Centred first, a float32 value carries the full 24 bits of its
// own deviation from the mean.
//
// gramFloat32 falls back to gramFloat64 when the centred values are too
// large or too small for float32 products (see float32GramSafe), so the
// method changes speed and rounding, never the outcome. With gramFloat32
// the result is rough, and its sums of squares need measureSums.
//
// NOTE: on a busy 2-core AMD EPYC, PCA of 100,000×300 rows took 0.25 to
// 0.75 s, faster than scikit-learn 1.2's randomized PCA in the same session
// but slower than numpy's float32 covariance and eigh. The float64 passes
// over the rows (centring, Basis.project, the NaN check) took about a
// fifth of the CPU time.
func covarianceComponents(n, dim int, data []float32, mean []float64, k int, method gramMethod) (components, error) {
	cov, total := covarianceMatrix(n, dim, data, mean, method)
	if method == gramFloat32 && !float32GramSafe(total, n*dim) {
		method = gramFloat64
		cov, total = covarianceMatrix(n, dim, data, mean, method)
	}
	if total == 0 {
		return components{}, nil
	}

	values, vectors, ok := topEigen(cov, k) // values ascending, vectors largest first
	if !ok {
		return components{}, usermsg.Errorf("viz: PCA: the eigen-decomposition of the covariance matrix did not converge; " +
			"check the vectors for extreme values")
	}

	// Squaring the SVD tolerance max(n, dim)·ε·σ₁ would give a bound far
	// below the rounding error of C itself, so the bound on λ = σ² is
	// max(n, dim)·ε·λ₁ instead.
	pc := components{total: total}
	largest := values[dim-1]
	tolerance := float64(max(n, dim)) * eps * largest
	if method == gramFloat32 {
		tolerance = max(tolerance, gram32Noise*total)
	}
	for c := 0; c < k && c < dim && values[dim-1-c] > tolerance; c++ {
		axis := vectors[c]
		fixSign(axis)
		pc.axes = append(pc.axes, axis)
		pc.sumSquares = append(pc.sumSquares, values[dim-1-c])
	}

	// An eigenvalue of the float32 sums is off by up to gram32Noise of the
	// total, which would show in Explained and could push it above 1.
	// Measuring the variance along each axis on the rows themselves, in
	// float64, leaves an error second order in the axis error. The caller
	// does that, because PCAWith gets the measurement from its projection.
	pc.rough = method == gramFloat32 && len(pc.axes) > 0
	return pc, nil
}

// axisSumSquares returns for each axis the sum over the n×dim rows of
// ((row−mean)·axis)², summed in float64 over a fixed number of row segments
// that are added in order, so that the result does not depend on
// GOMAXPROCS.
func axisSumSquares(n, dim int, data []float32, mean []float64, axes [][]float64) []float64 {
	segments := min(covarianceSegments, n)
	partials := make([][]float64, segments)
	parallelRows(segments, n*dim/segments, func(_, first, last int) {
		for seg := first; seg < last; seg++ {
			sums := make([]float64, len(axes))
			for i := n * seg / segments; i < n*(seg+1)/segments; i++ {
				row := data[i*dim : (i+1)*dim]
				for c, axis := range axes {
					axis = axis[:len(row)]
					mean := mean[:len(row)]
					var x float64
					for j, v := range row {
						x += (float64(v) - mean[j]) * axis[j]
					}
					sums[c] += x * x
				}
			}
			partials[seg] = sums
		}
	})

	result := make([]float64, len(axes))
	for _, sums := range partials {
		for c, s := range sums {
			result[c] += s
		}
	}
	return result
}

// covarianceMatrix returns the upper triangle of C = XᵀX for the n×dim rows
// of data minus mean, and the sum of squares of those centred rows, which
// is the trace of C up to rounding.
//
// Rows are split into a fixed number of segments, each summed into its own
// matrix in row order, and the matrices are added in segment order.
// Goroutines claim segments as they finish, so one descheduled thread does
// not hold up the rest. The rounding does not depend on which goroutine took
// which segment or on GOMAXPROCS.
func covarianceMatrix(n, dim int, data []float32, mean []float64, method gramMethod) (*mat.SymDense, float64) {
	blockRows := covarianceBlockRows
	if method == gramFloat32 {
		blockRows = gram32BlockRows
	}
	segments := min(covarianceSegments, (n+blockRows-1)/blockRows)
	sums := make([][]float64, segments)
	totals := make([]float64, segments)
	sumSegment := func(s int) {
		lo, hi := n*s/segments, n*(s+1)/segments
		if method == gramFloat32 {
			sums[s], totals[s] = sumGram32(lo, hi, dim, data, mean)
		} else {
			sums[s], totals[s] = sumGram64(lo, hi, dim, data, mean)
		}
	}

	var next atomic.Int64
	claimSegments := func() {
		for s := int(next.Add(1)) - 1; s < segments; s = int(next.Add(1)) - 1 {
			sumSegment(s)
		}
	}
	if n*dim < parallelMinValues {
		claimSegments()
	} else {
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(claimSegments)
		}
		wg.Wait()
	}

	cov := mat.NewSymDense(dim, nil)
	craw := cov.RawSymmetric().Data
	var total float64
	for s, c := range sums {
		for i, v := range c {
			craw[i] += v
		}
		total += totals[s]
	}
	return cov, total
}

// sumGram64 returns the upper triangle of XᵀX and the sum of squares of X,
// X being rows lo..hi−1 of data minus mean, summed in float64 by addGram.
func sumGram64(lo, hi, dim int, data []float32, mean []float64) ([]float64, float64) {
	c := make([]float64, dim*dim)
	block := make([]float64, covarianceBlockRows*dim)
	var total float64
	for start := lo; start < hi; start += covarianceBlockRows {
		rows := min(covarianceBlockRows, hi-start)
		x := block[:rows*dim]
		for r := range rows {
			in, out := data[(start+r)*dim:(start+r+1)*dim], x[r*dim:(r+1)*dim]
			for j, v := range in {
				d := float64(v) - mean[j]
				out[j] = d
				total += d * d
			}
		}
		addGram(c, x, rows, dim)
	}
	return c, total
}

// sumGram32 is sumGram64 with the products of each block of gram32BlockRows
// rows formed in float32 by addGram32. The sum of squares is taken in
// float64 before the values are rounded to float32.
func sumGram32(lo, hi, dim int, data []float32, mean []float64) ([]float64, float64) {
	c := make([]float64, dim*dim)
	block := make([]float32, gram32BlockRows*dim)
	product := make([]float32, dim*dim)
	var total float64
	for start := lo; start < hi; start += gram32BlockRows {
		rows := min(gram32BlockRows, hi-start)
		x := block[:rows*dim]
		for r := range rows {
			in, out := data[(start+r)*dim:(start+r+1)*dim], x[r*dim:(r+1)*dim]
			for j, v := range in {
				d := float64(v) - mean[j]
				out[j] = float32(d)
				total += d * d
			}
		}
		addGram32(c, product, x, rows, dim)
	}
	return c, total
}

// addGram adds the upper triangle of xᵀx to c, both row-major, x being
// rows×dim and c dim×dim. It is a rank-k update like BLAS Dsyrk, but it walks
// c in panels of gramPanel rows and adds each row of x to a panel as one
// rank-1 update (Dger), so that the panel stays in the L1 cache. The square
// blocks on the diagonal also get their lower triangle, which is not read.
// Gonum's Dsyrk instead streams all of c through the cache once per row of x.
func addGram(c, x []float64, rows, dim int) {
	impl := blas64.Implementation()
	for i0 := 0; i0 < dim; i0 += gramPanel {
		i1 := min(i0+gramPanel, dim)
		for l := range rows {
			row := x[l*dim : (l+1)*dim]
			impl.Dger(i1-i0, dim-i0, 1, row[i0:i1], 1, row[i0:], 1, c[i0*dim+i0:], dim)
		}
	}
}

// addGram32 adds the upper triangle of xᵀx to the float64 matrix c, x being
// rows×dim float32 and c dim×dim, both row-major. product is dim×dim
// scratch. sgemm.Gemm forms the product one strip of gram32StripRows rows
// of c at a time, from about the diagonal to the right, so that little of
// the lower triangle is computed, and none of it is added.
//
// Each strip starts up to 15 columns left of the diagonal, so that its
// width is a multiple of Gemm's 16-column tile where dim allows. A
// narrower last panel goes through Gemm's padded copies, which took a
// quarter of Gemm's time when every strip had one.
func addGram32(c []float64, product, x []float32, rows, dim int) {
	for i0 := 0; i0 < dim; i0 += gram32StripRows {
		i1 := min(i0+gram32StripRows, dim)
		j0 := max(0, dim-(dim-i0+15)/16*16)
		sgemm.Gemm(true, i1-i0, dim-j0, rows, x[i0:], dim, x[j0:], dim, 0, product[i0*dim+j0:], dim)
		for i := i0; i < i1; i++ {
			sums, terms := c[i*dim+i:(i+1)*dim], product[i*dim+i:(i+1)*dim]
			for j, v := range terms {
				sums[j] += float64(v)
			}
		}
	}
}

// float32GramSafe reports whether centred values whose squares sum to total
// over count values can be multiplied and summed in float32 without
// overflow or loss to subnormals. Every sum of products within a block is at
// most total in magnitude (Cauchy–Schwarz), so total ≤ gram32MaxTotal keeps
// it well below float32's maximum of 3.4e38. A mean square of at least
// gram32MinMeanSquare keeps the products of values near the root mean
// square far above float32's smallest normal number, 1.2e-38. Products that
// still fall below it come from values so small that their share of C is
// below float32 rounding anyway.
func float32GramSafe(total float64, count int) bool {
	return total <= gram32MaxTotal && total >= gram32MinMeanSquare*float64(count)
}

const (
	gram32MaxTotal      = 1e36
	gram32MinMeanSquare = 1e-28
)

// gram32BlockRows is the number of rows whose products addGram32 sums in
// float32 before adding them to the float64 matrix. A float32 sum of m terms
// carries a relative rounding error of about √m·2⁻²⁴ for terms of random
// sign, about 2e-6 for 1,024 rows. The block of 1,024 rows of 300 values is
// 1.2 MB, which stays in a 2 MB L2 cache while Gemm reads it once per tile.
// With 4,096 rows the sums took 1.7 times as long on a 2-core AMD EPYC.
const gram32BlockRows = 1024

// gram32Noise is the share of the total sum of squares below which an
// eigenvalue of C summed by gramFloat32 counts as rounding noise: the
// relative error √m·2⁻²⁴ of a float32 sum of m = gram32BlockRows terms. On
// points along one line, the false second eigenvalue measured up to 1.2e-7
// of the total, a sixteenth of this bound.
var gram32Noise = math.Sqrt(gram32BlockRows) * 0x1p-24

// gram32StripRows is the height of the strips of C that addGram32 computes
// from the diagonal rightwards. Taller strips waste more of the lower
// triangle, and shorter ones call Gemm more often. Strips of 32 and 64
// rows timed within the noise of each other.
const gram32StripRows = 64

// gramPanel rows of a 300-wide c are 19 KB, which fits a 32 KB L1 cache.
const gramPanel = 8

// covarianceSegments is the number of row segments summed separately by
// covarianceMatrix. It bounds the parallelism, and its dim×dim float64
// matrices (5.8 MB in all for dim 300) bound the extra memory.
const covarianceSegments = 8

// covarianceBlockRows is the number of rows converted to float64 at a time.
// 256 rows of 300 values are 600 KB, which stays in the L2 or L3 cache while
// addGram reads it once per panel.
const covarianceBlockRows = 256
