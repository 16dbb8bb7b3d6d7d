package viz

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// PCA projects the rows of data (len(words)×dim) onto their first two
// principal components. It centres the rows and takes the right singular
// vectors of the centred matrix from an exact SVD in float64, which equals
// the eigen-decomposition of the covariance matrix without forming it.
//
// Explained[i] is the variance along component i divided by the total
// variance, 0 when the total is 0. Each component's sign is chosen so that
// its loading of largest magnitude is positive (the first one on a tie), so
// the same input always gives the same map. A component whose singular value
// is at rounding level, such as the second one for points on a line, one
// point or dim 1, gets coordinates and Explained 0 rather than noise.
//
// PCA returns an error when dim < 1, when len(data) != len(words)*dim or when
// data contains NaN or ±Inf. No words give an empty projection. The result
// shares the words slice.
func PCA(words []string, dim int, data []float32) (Projection, error) {
	if dim < 1 {
		return Projection{}, fmt.Errorf("viz: PCA: vector dimension is %d; it must be at least 1", dim)
	}
	n := len(words)
	if len(data) != n*dim {
		return Projection{}, fmt.Errorf("viz: PCA: %d values for %d words of dimension %d, want %d; "+
			"pass one vector of dim values per word", len(data), n, dim, n*dim)
	}
	for i, x := range data {
		if !isFinite(float64(x)) {
			return Projection{}, fmt.Errorf("viz: PCA: vector of %q has the value %v at position %d; "+
				"this happens when training diverges, so retrain with a lower learning rate", words[i/dim], x, i%dim)
		}
	}

	p := Projection{Words: words, X: make([]float64, n), Y: make([]float64, n)}
	if n == 0 {
		return p, nil
	}
	pc, err := principalComponents(n, dim, data, 2)
	if err != nil {
		return Projection{}, err
	}

	coords := [2][]float64{p.X, p.Y}
	for c, axis := range pc.axes {
		mat.NewVecDense(n, coords[c]).MulVec(pc.centred, mat.NewVecDense(dim, axis))
		p.Explained[c] = pc.sumSquares[c] / pc.total
	}
	return p, nil
}

// components is the result of principalComponents.
type components struct {
	centred    *mat.Dense  // n×dim, each column minus its mean
	axes       [][]float64 // unit vectors of length dim, most variance first
	sumSquares []float64   // squared singular value of each axis
	total      float64     // sum of squares of centred, that is the sum of all squared singular values
}

// principalComponents returns at most k principal axes of the n×dim rows of
// data. It drops axes whose singular value is below the common rank
// tolerance max(n, dim)·ε·σ₁, because their direction is rounding noise.
func principalComponents(n, dim int, data []float32, k int) (components, error) {
	centred := mat.NewDense(n, dim, nil)
	for j := range dim {
		var mean float64
		for i := range n {
			mean += float64(data[i*dim+j])
		}
		mean /= float64(n)
		for i := range n {
			centred.Set(i, j, float64(data[i*dim+j])-mean)
		}
	}
	pc := components{centred: centred}
	for _, x := range centred.RawMatrix().Data {
		pc.total += x * x
	}
	if pc.total == 0 {
		return pc, nil
	}

	var svd mat.SVD
	if !svd.Factorize(centred, mat.SVDThinV) {
		return components{}, errors.New("viz: PCA: the singular value decomposition did not converge; " +
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
