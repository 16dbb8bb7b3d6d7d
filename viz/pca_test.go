package viz

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func wordList(n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = "w" + strconv.Itoa(i)
	}
	return w
}

func randomData(seed uint64, n, dim int) []float32 {
	rng := rand.New(rand.NewPCG(seed, seed))
	data := make([]float32, n*dim)
	for i := range data {
		data[i] = float32(rng.NormFloat64())
	}
	return data
}

// centreOf returns the column means of the n×dim rows of data.
func centreOf(n, dim int, data []float32) []float64 {
	mean := make([]float64, dim)
	columnMeans(mean, n, dim, data)
	return mean
}

func closeSlices(t *testing.T, name string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s has %d values, want %d", name, len(got), len(want))
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol {
			t.Errorf("%s[%d] = %.9g, want %.9g ± %g", name, i, got[i], want[i], tol)
		}
	}
}

func TestPCAKnownMaps(t *testing.T) {
	cos30, sin30 := math.Sqrt(3)/2, 0.5
	rotate := func(x, y float64) []float32 {
		return []float32{float32(x*cos30 - y*sin30), float32(x*sin30 + y*cos30)}
	}
	var rotated []float32
	for _, p := range [][2]float64{{2, 0}, {0, 1}, {-2, 0}, {0, -1}} {
		rotated = append(rotated, rotate(p[0], p[1])...)
	}

	tests := []struct {
		name      string
		dim       int
		data      []float32
		x, y      []float64
		explained [2]float64
		tol       float64
	}{
		{
			// Points t·(1, 2, 2) for t = -1..2: the centred rows are
			// (t-0.5)·(1, 2, 2), whose length along the unit axis is 3(t-0.5).
			name: "points on a line", dim: 3,
			data:      []float32{-1, -2, -2, 0, 0, 0, 1, 2, 2, 2, 4, 4},
			x:         []float64{-4.5, -1.5, 1.5, 4.5},
			y:         []float64{0, 0, 0, 0},
			explained: [2]float64{1, 0},
			tol:       1e-12,
		},
		{
			// A cross with arms 2 and 1 rotated by 30°: PCA undoes the
			// rotation. Sums of squares 8 and 2 give shares 0.8 and 0.2. The
			// float32 input limits the tolerance.
			name: "rotated cross", dim: 2,
			data:      rotated,
			x:         []float64{2, 0, -2, 0},
			y:         []float64{0, 1, 0, -1},
			explained: [2]float64{0.8, 0.2},
			tol:       1e-6,
		},
		{
			// Covariance by hand. The rows ±(4, 6, 12) and ±(3, -6, 2) have mean 0
			// and XᵀX = [[50 12 108] [12 144 120] [108 120 296]] (trace 490).
			// Its eigenpairs are 392 for (2, 3, 6)/7, 98 for (3, -6, 2)/7 and 0
			// for (6, 2, -3)/7; check: XᵀX·(2, 3, 6) = (784, 1176, 2352) = 392·(2, 3, 6).
			// Shares are 392/490 = 0.8 and 98/490 = 0.2. The sign rule keeps
			// (2, 3, 6)/7 and flips the second axis to (-3, 6, -2)/7, so the
			// coordinates are row·axis.
			name: "hand-computed covariance", dim: 3,
			data:      []float32{4, 6, 12, -4, -6, -12, 3, -6, 2, -3, 6, -2},
			x:         []float64{14, -14, 0, 0},
			y:         []float64{0, 0, -7, 7},
			explained: [2]float64{0.8, 0.2},
			tol:       1e-12,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := PCA(wordList(len(tc.x)), tc.dim, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			closeSlices(t, "X", p.X, tc.x, tc.tol)
			closeSlices(t, "Y", p.Y, tc.y, tc.tol)
			closeSlices(t, "Explained", p.Explained[:], tc.explained[:], tc.tol)
		})
	}
}

// TestPCAMatchesEigenSym checks the SVD route against an eigen-decomposition
// of the covariance matrix built directly from its definition.
func TestPCAMatchesEigenSym(t *testing.T) {
	const n, dim = 40, 6
	data := randomData(7, n, dim)

	means := make([]float64, dim)
	for i := range n {
		for j := range dim {
			means[j] += float64(data[i*dim+j]) / n
		}
	}
	cov := mat.NewSymDense(dim, nil)
	for a := range dim {
		for b := a; b < dim; b++ {
			var s float64
			for i := range n {
				s += (float64(data[i*dim+a]) - means[a]) * (float64(data[i*dim+b]) - means[b])
			}
			cov.SetSym(a, b, s/(n-1))
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(cov, true) {
		t.Fatal("EigenSym did not converge")
	}
	values := eig.Values(nil) // ascending
	var vectors mat.Dense
	eig.VectorsTo(&vectors)
	var trace float64
	for _, v := range values {
		trace += v
	}

	p, err := PCA(wordList(n), dim, data)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := principalComponents(n, dim, data, centreOf(n, dim, data), 2)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-10
	for c := range 2 {
		want := values[dim-1-c] / trace
		if math.Abs(p.Explained[c]-want) > tol {
			t.Errorf("Explained[%d] = %.12f, want %.12f from EigenSym", c, p.Explained[c], want)
		}
		// Eigenvectors are unique up to sign: compare |cos| of the angle.
		ev := mat.Col(nil, dim-1-c, &vectors)
		cos := math.Abs(mat.Dot(mat.NewVecDense(dim, ev), mat.NewVecDense(dim, pc.axes[c])))
		if math.Abs(cos-1) > tol {
			t.Errorf("axis %d: |cos| with the EigenSym vector = %.12f, want 1", c, cos)
		}
	}
}

func TestPCAAxesOrthonormal(t *testing.T) {
	const n, dim = 50, 8
	pc, err := principalComponents(n, dim, randomData(11, n, dim), centreOf(n, dim, randomData(11, n, dim)), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(pc.axes) != 2 {
		t.Fatalf("got %d axes, want 2", len(pc.axes))
	}
	const tol = 1e-12
	for a := range 2 {
		for b := range 2 {
			got := mat.Dot(mat.NewVecDense(dim, pc.axes[a]), mat.NewVecDense(dim, pc.axes[b]))
			want := 0.0
			if a == b {
				want = 1
			}
			if math.Abs(got-want) > tol {
				t.Errorf("axis %d · axis %d = %.15f, want %v", a, b, got, want)
			}
		}
	}
}

func TestPCASignRule(t *testing.T) {
	const n, dim = 30, 5
	data := randomData(13, n, dim)
	pc, err := principalComponents(n, dim, data, centreOf(n, dim, data), 2)
	if err != nil {
		t.Fatal(err)
	}
	for c, axis := range pc.axes {
		largest := 0
		for i := range axis {
			if math.Abs(axis[i]) > math.Abs(axis[largest]) {
				largest = i
			}
		}
		if axis[largest] <= 0 {
			t.Errorf("axis %d: largest loading %v at %d is not positive", c, axis[largest], largest)
		}
	}

	// Negating every vector leaves the covariance, and so the axes, unchanged,
	// so the sign rule must mirror the map through the origin.
	negated := make([]float32, len(data))
	for i, x := range data {
		negated[i] = -x
	}
	p, err := PCA(wordList(n), dim, data)
	if err != nil {
		t.Fatal(err)
	}
	q, err := PCA(wordList(n), dim, negated)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-9
	for i := range n {
		if math.Abs(p.X[i]+q.X[i]) > tol || math.Abs(p.Y[i]+q.Y[i]) > tol {
			t.Errorf("point %d: (%v, %v) for data but (%v, %v) for -data, want the negation",
				i, p.X[i], p.Y[i], q.X[i], q.Y[i])
		}
	}
}

func TestPCADegenerate(t *testing.T) {
	tests := []struct {
		name      string
		n, dim    int
		data      []float32
		explained [2]float64
	}{
		{"no points", 0, 3, nil, [2]float64{0, 0}},
		{"one point", 1, 3, []float32{1, 2, 3}, [2]float64{0, 0}},
		{"two points", 2, 3, []float32{1, 2, 3, 3, 2, 1}, [2]float64{1, 0}},
		{"identical points", 3, 2, []float32{5, 5, 5, 5, 5, 5}, [2]float64{0, 0}},
		{"all zero", 4, 3, make([]float32, 12), [2]float64{0, 0}},
		{"dim 1", 3, 1, []float32{1, 2, 4}, [2]float64{1, 0}},
		// Three points span a plane, so two axes carry all the variance.
		{"fewer points than dims", 3, 10, randomData(17, 3, 10), [2]float64{math.NaN(), math.NaN()}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := PCA(wordList(tc.n), tc.dim, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.X) != tc.n || len(p.Y) != tc.n || len(p.Words) != tc.n {
				t.Fatalf("got %d words, %d X, %d Y, want %d each", len(p.Words), len(p.X), len(p.Y), tc.n)
			}
			for i := range tc.n {
				if !isFinite(p.X[i]) || !isFinite(p.Y[i]) {
					t.Errorf("point %d = (%v, %v), want finite", i, p.X[i], p.Y[i])
				}
			}
			const tol = 1e-12
			if math.IsNaN(tc.explained[0]) {
				if sum := p.Explained[0] + p.Explained[1]; math.Abs(sum-1) > tol {
					t.Errorf("Explained = %v, sum %v, want sum 1", p.Explained, sum)
				}
				return
			}
			closeSlices(t, "Explained", p.Explained[:], tc.explained[:], tol)
			if tc.explained[1] == 0 {
				for i, y := range p.Y {
					if y != 0 {
						t.Errorf("Y[%d] = %v, want exactly 0 on the missing axis", i, y)
					}
				}
			}
		})
	}
}

func TestPCAErrors(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		dim   int
		data  []float32
	}{
		{"short data", wordList(2), 3, []float32{1, 2, 3, 4, 5}},
		{"long data", wordList(1), 2, []float32{1, 2, 3}},
		{"dim 0", wordList(1), 0, nil},
		{"negative dim", wordList(1), -2, nil},
		{"NaN", wordList(2), 1, []float32{1, float32(math.NaN())}},
		{"Inf", wordList(2), 1, []float32{float32(math.Inf(-1)), 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := PCA(tc.words, tc.dim, tc.data); err == nil {
				t.Errorf("PCA(%d words, dim %d, %d values) returned no error", len(tc.words), tc.dim, len(tc.data))
			}
		})
	}
}

func BenchmarkPCA(b *testing.B) {
	const n, dim = 2000, 64
	words, data := wordList(n), randomData(1, n, dim)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PCA(words, dim, data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPCA100kx300 times the covariance route at the size of a large
// pretrained vocabulary.
func BenchmarkPCA100kx300(b *testing.B) {
	const n, dim = 100_000, 300
	words, data := wordList(n), randomData(1, n, dim)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PCA(words, dim, data); err != nil {
			b.Fatal(err)
		}
	}
}

// gramMethods lists both ways of summing XᵀX with the tolerance to which
// each must match the thin SVD when the eigenvalues are well apart. The
// float32 tolerance is five times the largest axis difference measured on
// these inputs, 2e-7. The float64 route agrees to float64 rounding,
// amplified by the condition of XᵀX.
var gramMethods = []struct {
	name    string
	method  gramMethod
	axisTol float64
}{
	{"float32 blocks", gramFloat32, 1e-6},
	{"float64", gramFloat64, 1e-9},
}

// TestCovarianceMatchesSVD checks the covariance route against the thin SVD
// on the same rows. Scaling column j by dim−j spreads the eigenvalues apart,
// so the axes are well defined. The sums of squares must agree to float64
// rounding for both methods, because the float32 one measures them on the
// rows in float64.
func TestCovarianceMatchesSVD(t *testing.T) {
	const n, dim = covarianceMinRows + 500, 20
	data := randomData(19, n, dim)
	for i := range data {
		data[i] *= float32(dim - i%dim)
	}
	mean := centreOf(n, dim, data)
	bySVD, err := svdComponents(n, dim, data, mean, 2)
	if err != nil {
		t.Fatal(err)
	}

	for _, m := range gramMethods {
		t.Run(m.name, func(t *testing.T) {
			byCov, err := covarianceComponents(n, dim, data, mean, 2, m.method)
			if err != nil {
				t.Fatal(err)
			}
			byCov.measureSums(n, dim, data, mean)
			if len(byCov.axes) != 2 || len(bySVD.axes) != 2 {
				t.Fatalf("got %d axes by covariance and %d by SVD, want 2 each", len(byCov.axes), len(bySVD.axes))
			}
			const tol = 1e-9
			if rel := math.Abs(byCov.total-bySVD.total) / bySVD.total; rel > tol {
				t.Errorf("total: covariance %v, SVD %v, relative difference %g > %g", byCov.total, bySVD.total, rel, tol)
			}
			for c := range 2 {
				if rel := math.Abs(byCov.sumSquares[c]-bySVD.sumSquares[c]) / bySVD.sumSquares[c]; rel > tol {
					t.Errorf("axis %d sum of squares: covariance %v, SVD %v, relative difference %g > %g",
						c, byCov.sumSquares[c], bySVD.sumSquares[c], rel, tol)
				}
				// Both went through fixSign, so the signs must match too.
				closeSlices(t, "axis "+strconv.Itoa(c), byCov.axes[c], bySVD.axes[c], m.axisTol)
			}
		})
	}
}

// TestGram32MatchesGram64 compares the two ways of summing XᵀX on random
// rows that share an offset of 10, so that centring matters. Each entry
// C[i][j] may differ by gram32Noise·√(C[i][i]·C[j][j]), the rounding of a
// float32 sum of gram32BlockRows terms. The largest difference measured on
// this input was 1.9e-7 of that scale.
func TestGram32MatchesGram64(t *testing.T) {
	const n, dim = 20000, 50
	data := randomData(43, n, dim)
	for i := range data {
		data[i] += 10
	}
	mean := centreOf(n, dim, data)
	c32, total32 := covarianceMatrix(n, dim, data, mean, gramFloat32)
	c64, total64 := covarianceMatrix(n, dim, data, mean, gramFloat64)

	if total32 != total64 {
		t.Errorf("total: float32 route %v, float64 route %v, want equal (both sum in float64)", total32, total64)
	}
	for i := range dim {
		for j := i; j < dim; j++ {
			scale := math.Sqrt(c64.At(i, i) * c64.At(j, j))
			if diff := math.Abs(c32.At(i, j) - c64.At(i, j)); diff > gram32Noise*scale {
				t.Errorf("C[%d][%d]: float32 route %v, float64 route %v, difference %g > %g",
					i, j, c32.At(i, j), c64.At(i, j), diff, gram32Noise*scale)
			}
		}
	}
}

// TestGram32Fallback sends values too large and too small for float32
// products through the float32 route: it must switch to float64 sums and
// give the axes of the same rows at ordinary scale.
func TestGram32Fallback(t *testing.T) {
	const n, dim = covarianceMinRows, 6
	base := randomData(47, n, dim)
	for i := range base {
		base[i] *= float32(dim - i%dim)
	}
	want, err := covarianceComponents(n, dim, base, centreOf(n, dim, base), 2, gramFloat64)
	if err != nil {
		t.Fatal(err)
	}

	for _, scale := range []float32{1e20, 1e-22} {
		t.Run(strconv.FormatFloat(float64(scale), 'g', -1, 32), func(t *testing.T) {
			data := make([]float32, len(base))
			for i, v := range base {
				data[i] = v * scale
			}
			mean := centreOf(n, dim, data)
			_, total := covarianceMatrix(n, dim, data, mean, gramFloat32)
			if float32GramSafe(total, n*dim) {
				t.Fatalf("float32GramSafe(%g, %d) = true, want false at scale %g", total, n*dim, scale)
			}
			got, err := covarianceComponents(n, dim, data, mean, 2, gramFloat32)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.axes) != 2 {
				t.Fatalf("got %d axes, want 2", len(got.axes))
			}
			// Scaling by a float32 number rounds each value, so the axes
			// move by about 2⁻²⁴ times the condition of the problem.
			const tol = 1e-6
			for c := range 2 {
				closeSlices(t, "axis "+strconv.Itoa(c), got.axes[c], want.axes[c], tol)
			}
		})
	}
}

// TestGram32DropsNoiseAxis puts points on a line in a random direction of
// 50 dimensions. Float32 sums leave a false second eigenvalue of about 1e-7
// of the total, which the route must drop as rounding noise, as the float64
// route does with its own, smaller, noise.
func TestGram32DropsNoiseAxis(t *testing.T) {
	const n, dim = covarianceMinRows, 50
	direction, offset := randomData(53, 1, dim), randomData(59, 1, dim)
	steps := randomData(61, n, 1)
	data := make([]float32, n*dim)
	for i, s := range steps {
		for j := range dim {
			data[i*dim+j] = 5*offset[j] + s*direction[j]
		}
	}
	for _, m := range gramMethods {
		t.Run(m.name, func(t *testing.T) {
			mean := centreOf(n, dim, data)
			pc, err := covarianceComponents(n, dim, data, mean, 2, m.method)
			if err != nil {
				t.Fatal(err)
			}
			pc.measureSums(n, dim, data, mean)
			if len(pc.axes) != 1 {
				t.Fatalf("got %d axes, want 1 for points on a line", len(pc.axes))
			}
			if share := pc.sumSquares[0] / pc.total; math.Abs(share-1) > 1e-12 {
				t.Errorf("first axis share = %.15f, want 1 ± 1e-12", share)
			}
		})
	}
}

func TestPCAWithoutCentring(t *testing.T) {
	tests := []struct {
		name      string
		dim       int
		data      []float32
		x, y      []float64
		explained [2]float64
	}{
		{
			// Rows t·(3, 4) for t = 1..3 lie on a line through the origin, so
			// the axis is (3, 4)/5 and the coordinate is 5t.
			name: "line through origin", dim: 2,
			data:      []float32{3, 4, 6, 8, 9, 12},
			x:         []float64{5, 10, 15},
			y:         []float64{0, 0, 0},
			explained: [2]float64{1, 0},
		},
		{
			// Rows (10, ±1): the raw sums of squares are 200 along x and 2
			// along y, of 202, so the offset becomes the first axis. The sign
			// rule turns the second axis to (0, 1). Centred, the only spread
			// would be along y.
			name: "offset dominates", dim: 2,
			data:      []float32{10, 1, 10, -1},
			x:         []float64{10, 10},
			y:         []float64{1, -1},
			explained: [2]float64{200.0 / 202, 2.0 / 202},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, b, err := PCAWith(wordList(len(tc.x)), tc.dim, tc.data, PCAOptions{})
			if err != nil {
				t.Fatal(err)
			}
			const tol = 1e-12
			closeSlices(t, "X", p.X, tc.x, tol)
			closeSlices(t, "Y", p.Y, tc.y, tol)
			closeSlices(t, "Explained", p.Explained[:], tc.explained[:], tol)
			closeSlices(t, "Mean", b.Mean, make([]float64, tc.dim), 0)
		})
	}
}

// TestBasisProjectSameData checks that projecting the data a basis came from
// reproduces PCAWith, Explained included, for both centring modes and both
// routes (the larger case uses the covariance route).
func TestBasisProjectSameData(t *testing.T) {
	for _, n := range []int{30, covarianceMinRows + 100} {
		for _, center := range []bool{true, false} {
			t.Run(strconv.Itoa(n)+" rows, centre "+strconv.FormatBool(center), func(t *testing.T) {
				const dim = 7
				words, data := wordList(n), randomData(23, n, dim)
				for i := range data {
					data[i] += 3 // an offset, so that centring matters
				}
				p, b, err := PCAWith(words, dim, data, PCAOptions{Center: center})
				if err != nil {
					t.Fatal(err)
				}
				q, err := b.Project(words, dim, data)
				if err != nil {
					t.Fatal(err)
				}
				const tol = 1e-9
				closeSlices(t, "X", q.X, p.X, tol)
				closeSlices(t, "Y", q.Y, p.Y, tol)
				closeSlices(t, "Explained", q.Explained[:], p.Explained[:], tol)
			})
		}
	}
}

// TestBasisProjectShifted moves every vector by the same offset v and
// projects onto the old basis: each point must move by (v·axis₀, v·axis₁),
// which is what a map of words moving across epochs relies on.
func TestBasisProjectShifted(t *testing.T) {
	const n, dim = 40, 5
	words, data := wordList(n), randomData(29, n, dim)
	p, b, err := PCAWith(words, dim, data, PCAOptions{Center: true})
	if err != nil {
		t.Fatal(err)
	}
	offset := []float32{0.5, -1, 2, 0, 0.25}
	shifted := make([]float32, len(data))
	for i, x := range data {
		shifted[i] = x + offset[i%dim]
	}
	q, err := b.Project(words, dim, shifted)
	if err != nil {
		t.Fatal(err)
	}

	var dx, dy float64
	for j, v := range offset {
		dx += float64(v) * b.Components[0][j]
		dy += float64(v) * b.Components[1][j]
	}
	// float32 rounding of the shifted input limits the tolerance.
	const tol = 1e-6
	for i := range n {
		if math.Abs(q.X[i]-(p.X[i]+dx)) > tol || math.Abs(q.Y[i]-(p.Y[i]+dy)) > tol {
			t.Errorf("point %d = (%.9g, %.9g), want (%.9g, %.9g)", i, q.X[i], q.Y[i], p.X[i]+dx, p.Y[i]+dy)
		}
	}
	// The offset adds spread about the old mean, so the shares must not sum to more than 1.
	if sum := q.Explained[0] + q.Explained[1]; sum > 1+1e-12 || q.Explained[0] <= 0 {
		t.Errorf("Explained = %v, want positive shares summing to at most 1", q.Explained)
	}
}

func TestBasisDegenerate(t *testing.T) {
	tests := []struct {
		name   string
		n, dim int
		data   []float32
	}{
		{"no points", 0, 3, nil},
		{"one point", 1, 3, []float32{1, 2, 3}},
		{"two points", 2, 3, []float32{1, 2, 3, 3, 2, 1}},
		{"identical points", 3, 2, []float32{5, 5, 5, 5, 5, 5}},
		{"all zero", 4, 3, make([]float32, 12)},
		{"dim 1", 3, 1, []float32{1, 2, 4}},
		{"fewer points than dims", 3, 10, randomData(17, 3, 10)},
		{"many identical points", covarianceMinRows, 3, repeatRow([]float32{1, -2, 3}, covarianceMinRows)},
		{"many points on a line", covarianceMinRows, 2, lineRows(covarianceMinRows)},
	}
	for _, tc := range tests {
		for _, center := range []bool{true, false} {
			t.Run(tc.name+", centre "+strconv.FormatBool(center), func(t *testing.T) {
				b, err := ComputeBasis(tc.dim, tc.data, PCAOptions{Center: center})
				if err != nil {
					t.Fatal(err)
				}
				for c, axis := range b.Components {
					if len(axis) != tc.dim {
						t.Fatalf("axis %d has length %d, want %d", c, len(axis), tc.dim)
					}
					for j, x := range axis {
						if !isFinite(x) {
							t.Errorf("axis %d[%d] = %v, want finite", c, j, x)
						}
					}
				}
				if e := b.Explained; !isFinite(e[0]) || !isFinite(e[1]) || e[0] < 0 || e[1] < 0 || e[0]+e[1] > 1+1e-12 {
					t.Errorf("basis Explained = %v, want finite shares in 0..1", e)
				}

				// Project onto the basis both its own data and a fresh point.
				for _, input := range [][]float32{tc.data, randomData(31, 1, tc.dim)} {
					n := len(input) / tc.dim
					p, err := b.Project(wordList(n), tc.dim, input)
					if err != nil {
						t.Fatal(err)
					}
					for i := range n {
						if !isFinite(p.X[i]) || !isFinite(p.Y[i]) {
							t.Errorf("point %d = (%v, %v), want finite", i, p.X[i], p.Y[i])
						}
					}
					if e := p.Explained; !isFinite(e[0]) || !isFinite(e[1]) {
						t.Errorf("projection Explained = %v, want finite", e)
					}
				}
			})
		}
	}
}

func repeatRow(row []float32, n int) []float32 {
	var data []float32
	for range n {
		data = append(data, row...)
	}
	return data
}

// lineRows returns n points t·(1, 2) for t = 0..n-1.
func lineRows(n int) []float32 {
	data := make([]float32, 0, 2*n)
	for i := range n {
		data = append(data, float32(i), float32(2*i))
	}
	return data
}

// TestPCALargeLine sends points on a line through the covariance route: the
// second axis must be dropped as rounding noise, as the SVD route does.
func TestPCALargeLine(t *testing.T) {
	n := covarianceMinRows
	p, err := PCA(wordList(n), 2, lineRows(n))
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	closeSlices(t, "Explained", p.Explained[:], []float64{1, 0}, tol)
	for i, y := range p.Y {
		if y != 0 {
			t.Fatalf("Y[%d] = %v, want exactly 0 on the missing axis", i, y)
		}
	}
}

func TestBasisErrors(t *testing.T) {
	good, err := ComputeBasis(2, []float32{1, 2, 3, 5}, PCAOptions{Center: true})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		basis Basis
		words []string
		dim   int
		data  []float32
	}{
		{"zero basis", Basis{}, wordList(1), 2, []float32{1, 2}},
		{"other dimension", good, wordList(1), 3, []float32{1, 2, 3}},
		{"short data", good, wordList(2), 2, []float32{1, 2, 3}},
		{"NaN", good, wordList(1), 2, []float32{1, float32(math.NaN())}},
		{"Inf", good, wordList(1), 2, []float32{float32(math.Inf(1)), 1}},
	}
	for _, tc := range tests {
		t.Run("Project "+tc.name, func(t *testing.T) {
			if _, err := tc.basis.Project(tc.words, tc.dim, tc.data); err == nil {
				t.Errorf("Project(%d words, dim %d, %d values) returned no error", len(tc.words), tc.dim, len(tc.data))
			}
		})
	}

	computeTests := []struct {
		name string
		dim  int
		data []float32
	}{
		{"partial vector", 2, []float32{1, 2, 3}},
		{"dim 0", 0, nil},
		{"NaN", 1, []float32{float32(math.NaN())}},
	}
	for _, tc := range computeTests {
		t.Run("ComputeBasis "+tc.name, func(t *testing.T) {
			if _, err := ComputeBasis(tc.dim, tc.data, PCAOptions{}); err == nil {
				t.Errorf("ComputeBasis(dim %d, %d values) returned no error", tc.dim, len(tc.data))
			}
		})
	}
}

func TestParallelRowsCoversEachRowOnce(t *testing.T) {
	for _, n := range []int{0, 1, 5, 1 << 20, 1<<20 + 3} {
		seen := make([]int32, n)
		parallelRows(n, 1, func(_, lo, hi int) {
			for i := lo; i < hi; i++ {
				seen[i]++ // ranges are disjoint, so no two goroutines write the same entry
			}
		})
		for i, s := range seen {
			if s != 1 {
				t.Fatalf("n %d: row %d visited %d times, want 1", n, i, s)
			}
		}
	}
}

// TestCovarianceParallelMatchesSVD repeats TestCovarianceMatchesSVD on enough
// values (over 2²⁰) for the sums to be split across goroutines.
func TestCovarianceParallelMatchesSVD(t *testing.T) {
	const n, dim = 1<<17 + 11, 8
	data := randomData(37, n, dim)
	for i := range data {
		data[i] *= float32(dim - i%dim)
	}
	mean := centreOf(n, dim, data)
	bySVD, err := svdComponents(n, dim, data, mean, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range gramMethods {
		t.Run(m.name, func(t *testing.T) {
			byCov, err := covarianceComponents(n, dim, data, mean, 2, m.method)
			if err != nil {
				t.Fatal(err)
			}
			byCov.measureSums(n, dim, data, mean)
			const tol = 1e-9
			for c := range 2 {
				closeSlices(t, "axis "+strconv.Itoa(c), byCov.axes[c], bySVD.axes[c], m.axisTol)
				if rel := math.Abs(byCov.sumSquares[c]-bySVD.sumSquares[c]) / bySVD.sumSquares[c]; rel > tol {
					t.Errorf("axis %d sum of squares: relative difference %g > %g", c, rel, tol)
				}
			}
		})
	}
}

// TestPCARepeatable runs the parallel covariance route again and on one
// thread: goroutines finish in any order, yet the sums are combined in a
// fixed order, so the maps must be bit-identical.
func TestPCARepeatable(t *testing.T) {
	const n, dim = 4096, 256 // 2²⁰ values, enough for the parallel passes
	words, data := wordList(n), randomData(41, n, dim)
	p, err := PCA(words, dim, data)
	if err != nil {
		t.Fatal(err)
	}
	for run, procs := range []int{runtime.GOMAXPROCS(0), 1} {
		previous := runtime.GOMAXPROCS(procs)
		q, err := PCA(words, dim, data)
		runtime.GOMAXPROCS(previous)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if q.X[i] != p.X[i] || q.Y[i] != p.Y[i] {
				t.Fatalf("run %d, point %d = (%v, %v), first run gave (%v, %v)", run, i, q.X[i], q.Y[i], p.X[i], p.Y[i])
			}
		}
		if q.Explained != p.Explained {
			t.Errorf("run %d: Explained = %v, first run gave %v", run, q.Explained, p.Explained)
		}
	}
}

// TestFirstNonFinite places NaN and ±Inf in inputs large enough to be
// scanned in parallel ranges: the lowest index must win whichever range
// holds it.
func TestFirstNonFinite(t *testing.T) {
	const n = 1<<21 + 5
	nan, inf := float32(math.NaN()), float32(math.Inf(1))
	tests := []struct {
		name string
		at   map[int]float32
		want int
	}{
		{"none", nil, -1},
		{"first value", map[int]float32{0: nan}, 0},
		{"last value", map[int]float32{n - 1: inf}, n - 1},
		{"both halves", map[int]float32{n/2 + 3: nan, n - 2: -inf}, n/2 + 3},
		{"early and late", map[int]float32{7: -inf, n/2 + 3: nan}, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := make([]float32, n)
			for i, v := range tc.at {
				data[i] = v
			}
			if got := firstNonFinite(data); got != tc.want {
				t.Errorf("firstNonFinite = %d, want %d", got, tc.want)
			}
		})
	}
	if got := firstNonFinite([]float32{1, inf}); got != 1 {
		t.Errorf("firstNonFinite of a short input = %d, want 1", got)
	}
}

// TestExplainedMeasuredOnRows checks that PCAWith and ComputeBasis replace
// the float32 route's rough variances with ones measured on the rows: on
// points along a line in 50 dimensions the first axis must carry the whole
// variance to 1e-12, where the float32 eigenvalue alone is off by about
// 1e-7, and both functions must agree.
func TestExplainedMeasuredOnRows(t *testing.T) {
	const n, dim = covarianceMinRows, 50
	direction, offset := randomData(67, 1, dim), randomData(71, 1, dim)
	steps := randomData(73, n, 1)
	data := make([]float32, n*dim)
	for i, s := range steps {
		for j := range dim {
			data[i*dim+j] = 3*offset[j] + s*direction[j]
		}
	}
	p, _, err := PCAWith(wordList(n), dim, data, PCAOptions{Center: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := ComputeBasis(dim, data, PCAOptions{Center: true})
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	closeSlices(t, "PCAWith Explained", p.Explained[:], []float64{1, 0}, tol)
	closeSlices(t, "ComputeBasis Explained", b.Explained[:], []float64{1, 0}, tol)
}
