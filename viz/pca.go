package viz

import (
	"math"
	"runtime"
	"strconv"
	"sync"

	"gonum.org/v1/gonum/mat"

	"embedlab/internal/usermsg"
)

// PCAOptions configures PCAWith and ComputeBasis. The zero value does not
// centre; PCA uses Center: true.
type PCAOptions struct {
	// Center subtracts the mean vector before finding the axes, which gives
	// the usual principal components. Without it the axes are the right
	// singular vectors of the raw rows, so the first axis tends to point at
	// the common offset that all word vectors share.
	Center bool
}

// Basis is a fixed 2-D projection: a point x maps to
// ((x−Mean)·Components[0], (x−Mean)·Components[1]). Keep a Basis from one
// set of embeddings, such as the first epoch's, and project later epochs
// onto it with Project, so that a map shows the words moving instead of the
// axes turning.
type Basis struct {
	// Mean is the vector subtracted before projecting, of length dim. It is
	// all zeros when the basis was computed without centring.
	Mean []float64
	// Components are orthonormal axes of length dim, most variance first.
	// An axis the data has no variance along, such as the second one for
	// points on a line, is all zeros and so maps every point to 0.
	Components [2][]float64
	// Explained is the share of the data's total variance along each axis,
	// 0..1, for the data the basis was computed from.
	Explained [2]float64
}

// PCA projects the rows of data (len(words)×dim) onto their first two
// principal components after centring them. It is PCAWith with
// PCAOptions{Center: true}, without the basis.
func PCA(words []string, dim int, data []float32) (Projection, error) {
	p, _, err := PCAWith(words, dim, data, PCAOptions{Center: true})
	return p, err
}

// PCAWith projects the rows of data (len(words)×dim) onto their first two
// principal components and also returns the basis, so that other vectors of
// the same dimension can be projected onto the same axes with
// Basis.Project. ComputeBasis describes the method, its accuracy and the
// sign rule.
//
// Explained[i] is the variance along axis i divided by the total variance,
// 0 when the total is 0. Without centring, "variance" is the sum of squares
// of the raw rows. PCAWith returns an error when dim < 1, when
// len(data) != len(words)*dim or when data contains NaN or ±Inf. No words
// give an empty projection. The result shares the words slice.
func PCAWith(words []string, dim int, data []float32, opts PCAOptions) (Projection, Basis, error) {
	if err := checkVectors("PCA", words, dim, data); err != nil {
		return Projection{}, Basis{}, err
	}
	if len(data) != len(words)*dim {
		return Projection{}, Basis{}, usermsg.Errorf("viz: PCA: %d values for %d words of dimension %d, want %d; "+
			"pass one vector of dim values per word", len(data), len(words), dim, len(words)*dim)
	}
	b, pc, err := computeAxes(dim, data, opts)
	if err != nil {
		return Projection{}, Basis{}, err
	}
	p := b.project(words, dim, data)
	if pc.rough {
		// The coordinates are the projections that axisSumSquares would
		// compute, so their squares give the measured sums for free.
		for c := range pc.axes {
			var sum float64
			for _, x := range [2][]float64{p.X, p.Y}[c] {
				sum += x * x
			}
			b.Explained[c] = sum / pc.total
		}
	}
	p.Explained = b.Explained
	return p, b, nil
}

// ComputeBasis returns the first two principal axes of the rows of data
// (len(data)/dim rows of dim values), centred when opts.Center is set.
//
// Tall inputs (at least covarianceMinRows rows and four times as many rows
// as columns) use the eigen-decomposition of the dim×dim matrix XᵀX of the
// centred rows, summed across GOMAXPROCS goroutines. Other inputs use a
// thin SVD of the centred rows, exact up to float64 rounding. On CPUs with
// AVX, XᵀX is summed in float32 within blocks of 1,024 rows and in float64
// across blocks, which moves the axes by up to about 1e-6. Explained is
// then measured on the rows in float64, so it matches the exact figure to
// about 1e-12. Elsewhere, and for values too large or too small for
// float32 products, every product is summed in float64.
//
// Each axis's sign is chosen so that its loading of largest magnitude is
// positive (the first one on a tie), so the same input always gives the
// same map on the same kind of CPU. An axis whose singular value is at
// rounding level is left all zeros with Explained 0 rather than noise. For
// the SVD that level is max(n, dim)·ε·σ₁. The covariance route applies the
// matching bound to the eigenvalue, raised to 1.9e-6 of the total for
// float32 sums.
//
// ComputeBasis returns an error when dim < 1, when len(data) is not a
// multiple of dim or when data contains NaN or ±Inf. No rows give all-zero
// axes and a zero mean.
func ComputeBasis(dim int, data []float32, opts PCAOptions) (Basis, error) {
	if err := checkVectors("ComputeBasis", nil, dim, data); err != nil {
		return Basis{}, err
	}
	if len(data)%dim != 0 {
		return Basis{}, usermsg.Errorf("viz: ComputeBasis: %d values is not a whole number of vectors of dimension %d; "+
			"pass one vector of dim values per row", len(data), dim)
	}
	return computeBasis(dim, data, opts)
}

// computeBasis is ComputeBasis on checked input.
func computeBasis(dim int, data []float32, opts PCAOptions) (Basis, error) {
	b, pc, err := computeAxes(dim, data, opts)
	if err != nil || !pc.rough {
		return b, err
	}
	pc.measureSums(len(data)/dim, dim, data, b.Mean)
	for c, s := range pc.sumSquares {
		b.Explained[c] = s / pc.total
	}
	return b, nil
}

// computeAxes is computeBasis without measuring rough sums of squares: when
// pc.rough is set, b.Explained is only an estimate, and the caller must
// measure it on the rows.
func computeAxes(dim int, data []float32, opts PCAOptions) (b Basis, pc components, err error) {
	n := len(data) / dim

	mean := make([]float64, dim)
	if opts.Center && n > 0 {
		columnMeans(mean, n, dim, data)
	}
	b = Basis{Mean: mean, Components: [2][]float64{make([]float64, dim), make([]float64, dim)}}
	if n == 0 {
		return b, components{}, nil
	}

	pc, err = principalComponents(n, dim, data, mean, 2)
	if err != nil {
		return Basis{}, components{}, err
	}
	for c, axis := range pc.axes {
		copy(b.Components[c], axis)
		b.Explained[c] = pc.sumSquares[c] / pc.total
	}
	return b, pc, nil
}

// Project maps the rows of data (len(words)×dim) onto the fixed basis b.
//
// Explained[i] is the share of the new data's spread along axis i: the sum
// over rows of ((x−Mean)·Components[i])² divided by the sum of |x−Mean|²,
// 0 when that total is 0. It is measured about b.Mean, not about the new
// data's own mean, so projecting the data the basis came from reproduces
// its Explained, and a drift of the whole cloud away from b.Mean counts as
// spread. The two shares need not be the largest possible for the new data.
//
// Project returns an error when dim differs from len(b.Mean) (a zero Basis
// has no dimension and always fails), when len(data) != len(words)*dim or
// when data contains NaN or ±Inf. It is safe for concurrent use.
func (b Basis) Project(words []string, dim int, data []float32) (Projection, error) {
	if len(b.Mean) == 0 || len(b.Components[0]) != len(b.Mean) || len(b.Components[1]) != len(b.Mean) {
		return Projection{}, usermsg.Errorf("viz: Project: the basis is empty; compute it with ComputeBasis or PCAWith first")
	}
	if dim != len(b.Mean) {
		return Projection{}, usermsg.Errorf("viz: Project: vectors of dimension %d cannot use a basis of dimension %d; "+
			"compute the basis from vectors of the same model", dim, len(b.Mean))
	}
	if err := checkVectors("Project", words, dim, data); err != nil {
		return Projection{}, err
	}
	if len(data) != len(words)*dim {
		return Projection{}, usermsg.Errorf("viz: Project: %d values for %d words of dimension %d, want %d; "+
			"pass one vector of dim values per word", len(data), len(words), dim, len(words)*dim)
	}

	p := b.project(words, dim, data)
	total := sumSquares(len(words), dim, data, b.Mean)
	if total > 0 {
		for c, coords := range [2][]float64{p.X, p.Y} {
			var s float64
			for _, v := range coords {
				s += v * v
			}
			p.Explained[c] = min(s/total, 1)
		}
	}
	return p, nil
}

// project computes the coordinates of every row in one parallel pass. It
// leaves Explained zero.
func (b Basis) project(words []string, dim int, data []float32) Projection {
	n := len(words)
	p := Projection{Words: words, X: make([]float64, n), Y: make([]float64, n)}
	a0, a1 := b.Components[0], b.Components[1]
	parallelRows(n, dim, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			row := data[i*dim : (i+1)*dim]
			var x, y float64
			for j, v := range row {
				d := float64(v) - b.Mean[j]
				x += d * a0[j]
				y += d * a1[j]
			}
			p.X[i], p.Y[i] = x, y
		}
	})
	return p
}

// checkVectors validates dim and rejects NaN and ±Inf. words names the row
// in the message when it is long enough.
func checkVectors(fn string, words []string, dim int, data []float32) error {
	if dim < 1 {
		return usermsg.Errorf("viz: %s: vector dimension is %d; it must be at least 1", fn, dim)
	}
	i := firstNonFinite(data)
	if i < 0 {
		return nil
	}
	var row any = usermsg.Sprintf("row %d", i/dim)
	if i/dim < len(words) {
		row = strconv.Quote(words[i/dim])
	}
	return usermsg.Errorf("viz: %s: vector of %s has the value %v at position %d; "+
		"this happens when training diverges, so retrain with a lower learning rate", fn, row, data[i], i%dim)
}

// firstNonFinite returns the index of the first NaN or ±Inf in data, or -1.
// It tests the exponent bits, all ones only for NaN and ±Inf in IEEE 754
// binary32, because math.IsNaN and math.IsInf took about ten times as long
// in the profile of BenchmarkPCA100kx300. Large inputs are scanned in
// parallel ranges, and the first hit of the earliest range wins.
func firstNonFinite(data []float32) int {
	firsts := make([]int, max(runtime.GOMAXPROCS(0), 1))
	for w := range firsts {
		firsts[w] = -1 // also for the workers that parallelRows does not start
	}
	parallelRows(len(data), 1, func(worker, lo, hi int) {
		for i, x := range data[lo:hi] {
			if math.Float32bits(x)&nonFiniteExponent == nonFiniteExponent {
				firsts[worker] = lo + i
				return
			}
		}
	})
	for _, i := range firsts {
		if i >= 0 {
			return i
		}
	}
	return -1
}

// nonFiniteExponent is the exponent field of IEEE 754 binary32, all ones
// only in NaN and ±Inf.
const nonFiniteExponent = 0x7f800000

// components is the result of principalComponents.
type components struct {
	axes       [][]float64 // unit vectors of length dim, most variance first
	sumSquares []float64   // squared singular value of each axis
	total      float64     // sum of squares of the centred rows, that is the sum of all squared singular values
	// rough marks sumSquares taken from float32 sums, off by up to
	// gram32Noise of total. measureSums replaces them with sums measured on
	// the rows.
	rough bool
}

// measureSums replaces rough sums of squares with ones measured on the n×dim
// rows of data minus mean by axisSumSquares.
func (pc *components) measureSums(n, dim int, data []float32, mean []float64) {
	if pc.rough {
		pc.sumSquares = axisSumSquares(n, dim, data, mean, pc.axes)
		pc.rough = false
	}
}

// covarianceMinRows is the smallest row count for which principalComponents
// forms XᵀX. Below it the thin SVD is fast enough and keeps full accuracy
// in the minor axes.
const covarianceMinRows = 2048

// principalComponents returns at most k principal axes of the n×dim rows of
// data minus mean. It drops axes whose singular value is below the common
// rank tolerance max(n, dim)·ε·σ₁, because their direction is rounding noise.
func principalComponents(n, dim int, data []float32, mean []float64, k int) (components, error) {
	if n >= covarianceMinRows && n >= 4*dim {
		return covarianceComponents(n, dim, data, mean, k, defaultGramMethod())
	}
	return svdComponents(n, dim, data, mean, k)
}

// svdComponents is principalComponents by a thin SVD of the centred rows.
func svdComponents(n, dim int, data []float32, mean []float64, k int) (components, error) {
	centred := mat.NewDense(n, dim, nil)
	raw := centred.RawMatrix().Data
	for i, x := range data {
		raw[i] = float64(x) - mean[i%dim]
	}
	var pc components
	for _, x := range raw {
		pc.total += x * x
	}
	if pc.total == 0 {
		return pc, nil
	}

	var svd mat.SVD
	if !svd.Factorize(centred, mat.SVDThinV) {
		return components{}, usermsg.Errorf("viz: PCA: the singular value decomposition did not converge; " +
			"check the vectors for extreme values")
	}
	values := svd.Values(nil)
	var v mat.Dense
	svd.VTo(&v)

	tolerance := float64(max(n, dim)) * eps * values[0]
	for c := 0; c < k && c < len(values) && values[c] > tolerance; c++ {
		axis := mat.Col(nil, c, &v)
		fixSign(axis)
		pc.axes = append(pc.axes, axis)
		pc.sumSquares = append(pc.sumSquares, values[c]*values[c])
	}
	return pc, nil
}

// columnMeans sets mean to the column means of the n×dim rows of data, n > 0,
// summing in float64 across goroutines.
func columnMeans(mean []float64, n, dim int, data []float32) {
	// Partial sums over a fixed number of row segments are added in segment
	// order, so that the rounding is the same on every run and every machine.
	segments := min(covarianceSegments, n)
	partials := make([][]float64, segments)
	parallelRows(segments, n*dim/segments, func(_, first, last int) {
		for seg := first; seg < last; seg++ {
			s := make([]float64, dim)
			for i := n * seg / segments; i < n*(seg+1)/segments; i++ {
				for j, v := range data[i*dim : (i+1)*dim] {
					s[j] += float64(v)
				}
			}
			partials[seg] = s
		}
	})
	for _, s := range partials {
		for j, v := range s {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
}

// sumSquares returns the sum over the n×dim rows of |row−mean|².
func sumSquares(n, dim int, data []float32, mean []float64) float64 {
	var total float64
	for i, v := range data[:n*dim] {
		d := float64(v) - mean[i%dim]
		total += d * d
	}
	return total
}

// parallelRows splits rows [0, n) into one contiguous range per goroutine,
// up to GOMAXPROCS of them, and calls fn(worker, lo, hi) for each. Inputs
// under parallelMinValues values run on the calling goroutine, because
// starting goroutines would cost more than it saves.
func parallelRows(n, dim int, fn func(worker, lo, hi int)) {
	workers := runtime.GOMAXPROCS(0)
	if n*dim < parallelMinValues || workers < 2 || n < workers {
		fn(0, 0, n)
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { fn(w, lo, hi) })
	}
	wg.Wait()
}

// parallelMinValues is the input size, in values, from which the passes over
// the rows use several goroutines.
const parallelMinValues = 1 << 20

// eps is the float64 machine epsilon, 2⁻⁵².
const eps = 0x1p-52

// fixSign negates axis unless its entry of largest magnitude is positive.
// Singular vectors are unique only up to sign, so without this a small
// change to the data or a row reordering could mirror the map.
func fixSign(axis []float64) {
	largest := 0
	for i, x := range axis {
		if math.Abs(x) > math.Abs(axis[largest]) {
			largest = i
		}
	}
	if axis[largest] < 0 {
		for i := range axis {
			axis[i] = -axis[i]
		}
	}
}

func isFinite(x float64) bool {
	return !math.IsNaN(x) && !math.IsInf(x, 0)
}
