package viz

import (
	"math"
	"math/rand/v2"
	"testing"
)

// bruteNearest is the reference Nearest: a scan of every point.
func bruteNearest(xs, ys []float64, x, y, radius float64) int {
	best, bestD2 := -1, radius*radius
	for i := range xs {
		if !isFinite(xs[i]) || !isFinite(ys[i]) {
			continue
		}
		dx, dy := xs[i]-x, ys[i]-y
		if d2 := dx*dx + dy*dy; d2 < bestD2 || (d2 == bestD2 && best < 0) {
			best, bestD2 = i, d2
		}
	}
	return best
}

func TestPointIndexMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	layouts := []struct {
		name   string
		xs, ys []float64
	}{
		{name: "gaussian cloud"},
		{name: "horizontal line"},
		{name: "one position"},
		{name: "thin strip with outlier"},
	}
	for i := range layouts {
		n := 2000
		xs, ys := make([]float64, n), make([]float64, n)
		for j := range n {
			switch i {
			case 0:
				xs[j], ys[j] = rng.NormFloat64(), 2*rng.NormFloat64()
			case 1:
				xs[j], ys[j] = rng.Float64()*10, 3
			case 2:
				xs[j], ys[j] = 1, 1
			case 3:
				xs[j], ys[j] = rng.Float64()*1000, rng.Float64()*1e-6
			}
		}
		if i == 3 {
			xs[0], ys[0] = 1e6, -1e6
		}
		layouts[i].xs, layouts[i].ys = xs, ys
	}

	for _, l := range layouts {
		t.Run(l.name, func(t *testing.T) {
			ix := NewPointIndex(l.xs, l.ys)
			for q := range 500 {
				// Queries around a random point, so that most find something.
				j := rng.IntN(len(l.xs))
				x := l.xs[j] + rng.NormFloat64()*0.05
				y := l.ys[j] + rng.NormFloat64()*0.05
				radius := []float64{0, 0.01, 0.1, 1}[q%4]
				got := ix.Nearest(x, y, radius)
				want := bruteNearest(l.xs, l.ys, x, y, radius)
				if got != want {
					t.Fatalf("Nearest(%g, %g, %g) = %d, want %d (found by scanning every point)", x, y, radius, got, want)
				}
			}
		})
	}
}

func TestPointIndexEdgeCases(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	xs := []float64{0, 1, nan, 5, inf}
	ys := []float64{0, 0, 0, nan, 0}
	ix := NewPointIndex(xs, ys)
	cases := []struct {
		name         string
		x, y, radius float64
		want         int
	}{
		{"exact hit", 1, 0, 0, 1},
		{"tie goes to the lower number", 0.5, 0, 1, 0},
		{"out of reach", 3, 3, 1, -1},
		{"far outside the grid", -100, -100, 1, -1},
		{"negative radius", 0, 0, -1, -1},
		{"NaN radius", 0, 0, nan, -1},
		{"NaN position", nan, 0, 1, -1},
		{"non-finite points are left out", 5, 0, 0.5, -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ix.Nearest(tc.x, tc.y, tc.radius); got != tc.want {
				t.Errorf("Nearest(%g, %g, %g) = %d, want %d", tc.x, tc.y, tc.radius, got, tc.want)
			}
		})
	}

	if got := NewPointIndex(nil, nil).Nearest(0, 0, 1); got != -1 {
		t.Errorf("empty index: Nearest = %d, want -1", got)
	}
	if got := NewPointIndex([]float64{nan}, []float64{0}).Nearest(0, 0, 1); got != -1 {
		t.Errorf("index of one NaN point: Nearest = %d, want -1", got)
	}
	huge := NewPointIndex([]float64{-1e308, 1e308}, []float64{0, 0})
	if got := huge.Nearest(1e308, 0, 1); got != 1 {
		t.Errorf("points whose spread overflows: Nearest = %d, want 1", got)
	}
}

func BenchmarkPointIndexNearest(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	n := 10000
	xs, ys := make([]float64, n), make([]float64, n)
	for i := range n {
		xs[i], ys[i] = rng.NormFloat64(), rng.NormFloat64()
	}
	ix := NewPointIndex(xs, ys)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		j := i % n
		ix.Nearest(xs[j]+0.001, ys[j], 0.02)
	}
}
