package viz

import (
	"math"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// TestPlaceLegendAvoidsCurve checks that the legend goes to the corner that
// the curve leaves empty, top right when several are.
func TestPlaceLegendAvoidsCurve(t *testing.T) {
	line := func(n int, y func(f float64) float64) plotter.XYs {
		pts := make(plotter.XYs, n)
		for i := range pts {
			f := float64(i) / float64(n-1)
			pts[i].X, pts[i].Y = f*100, y(f)
		}
		return pts
	}
	cases := []struct {
		name      string
		pts       plotter.XYs
		logY      bool
		top, left bool
	}{
		{"falling loss", line(50, func(f float64) float64 { return 0.1 + 0.6*(1-f) }), false, true, false},
		{"flat high loss", line(50, func(float64) float64 { return 0.68 }), false, false, false},
		{"rising curve", line(50, func(f float64) float64 { return 0.1 + 0.6*f }), false, false, false},
		{"falling on a log axis", line(50, func(f float64) float64 { return 0.7 * math.Exp(-4.5*f) }), true, true, false},
		{"high on the right of a log axis", line(50, func(f float64) float64 { return 0.7 * (1 - 0.99*f) }), true, false, true},
	}
	for _, c := range cases {
		p := plot.New()
		p.X.Min, p.X.Max = 0, 100
		p.Y.Min, p.Y.Max = 0, 0.75
		if c.logY {
			p.Y.Min = 0.005
		}
		placeLegend(p, c.pts, c.logY)
		if p.Legend.Top != c.top || p.Legend.Left != c.left {
			t.Errorf("%s: legend top %v, left %v; want top %v, left %v", c.name, p.Legend.Top, p.Legend.Left, c.top, c.left)
		}
	}
}
