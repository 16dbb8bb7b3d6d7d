package viz

import (
	"math"
	"testing"

	"gonum.org/v1/plot/plotter"
)

func TestQuantile(t *testing.T) {
	// Expected values worked by hand from position q·(n−1) and linear
	// interpolation between its neighbours.
	tests := []struct {
		name   string
		sorted []float64
		q      float64
		want   float64
	}{
		{"minimum", []float64{1, 2, 3, 4, 5}, 0, 1},
		{"median", []float64{1, 2, 3, 4, 5}, 0.5, 3},
		{"between ranks", []float64{1, 2, 3, 4, 5}, 0.98, 4.92}, // position 3.92
		{"maximum", []float64{1, 2, 3, 4, 5}, 1, 5},
		{"one value", []float64{7}, 0.02, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := quantile(tc.sorted, tc.q); math.Abs(got-tc.want) > 1e-12 {
				t.Errorf("quantile(%v, %v) = %.15g, want %.15g", tc.sorted, tc.q, got, tc.want)
			}
		})
	}
}

// series returns the points (i+1, ys[i]).
func series(ys ...float64) plotter.XYs {
	pts := make(plotter.XYs, len(ys))
	for i, y := range ys {
		pts[i] = plotter.XY{X: float64(i + 1), Y: y}
	}
	return pts
}

// spiked returns the values 1..100 with 50 replaced by a spike of 1000.
func spiked() []float64 {
	ys := make([]float64, 100)
	for i := range ys {
		ys[i] = float64(i + 1)
	}
	ys[49] = 1000
	return ys
}

func TestRobustLossRange(t *testing.T) {
	// spiked sorted is 1..49, 51..100, 1000. The 0.02 quantile sits at
	// position 1.98, between 2 and 3: 2.98. The 0.98 quantile sits at
	// 97.02, between 99 and 100: 99.02. The margin is 0.1 of the span
	// 96.04, so the range is −6.624 to 108.624.
	// For the log case, 100 values 10^(2i/99) have log10 values evenly from
	// 0 to 2; the quantiles sit at 1.98·2/99 = 0.04 and 1.96, and the
	// margin of 0.192 gives 10^−0.152 to 10^2.152.
	logSpaced := make([]float64, 100)
	for i := range logSpaced {
		logSpaced[i] = math.Pow(10, 2*float64(i)/99)
	}
	tests := []struct {
		name   string
		batch  []float64
		epoch  []float64
		logY   bool
		lo, hi float64
		ok     bool
	}{
		{"spike left out", spiked(), nil, false, -6.624, 108.624, true},
		{"epoch loss kept in view", spiked(), []float64{150, -10}, false, -10, 150, true},
		// With the first value 500, sorted is 2..49, 51..100, 500, 1000:
		// quantiles 3.98 and 108, margin 10.402, and the top widens to 500.
		{"first batch kept in view", append([]float64{500}, spiked()[1:]...), nil, false, -6.422, 500, true},
		{"log axis", logSpaced, nil, true, math.Pow(10, -0.152), math.Pow(10, 2.152), true},
		{"too few points", spiked()[:minRobustPoints-1], nil, false, 0, 0, false},
		{"constant loss", make([]float64, 100), nil, false, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi, ok := robustLossRange(series(tc.batch...), series(tc.epoch...), tc.logY)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (range %g to %g)", ok, tc.ok, lo, hi)
			}
			if !ok {
				return
			}
			if math.Abs(lo-tc.lo) > 1e-9 || math.Abs(hi-tc.hi) > 1e-9 {
				t.Errorf("range = %.12g to %.12g, want %.12g to %.12g", lo, hi, tc.lo, tc.hi)
			}
		})
	}
}

// TestLossPlotIgnoreOutliers checks the loss axis of a run like the demo's,
// where one batch loss of 5.3 among losses below 0.7 flattened the curve.
func TestLossPlotIgnoreOutliers(t *testing.T) {
	losses := make([]float64, 400)
	for i := range losses {
		losses[i] = 0.1 + 0.6*math.Exp(-float64(i)/50)
	}
	losses[150] = 5.3
	epochs := []EpochPoint{{Loss: 0.4, ValLoss: 0.3}, {Loss: 0.2, ValLoss: 0.25}}

	tests := []struct {
		name     string
		opts     ChartOptions
		min, max float64 // bounds that the axis must stay within
	}{
		{"linear", ChartOptions{IgnoreOutliers: true}, 0, 1},
		{"smoothed", ChartOptions{IgnoreOutliers: true, Smoothing: 0.6}, 0, 1},
		{"log", ChartOptions{IgnoreOutliers: true, LogY: true}, 0.05, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := Curves{BatchLoss: losses, BatchesPerEpoch: 200, Epochs: epochs, Options: tc.opts}
			p := lossPlot(currentText(), c, newXMap(c))
			if p.Y.Min < tc.min || p.Y.Max > tc.max {
				t.Errorf("loss axis = %g to %g, want within %g to %g without the spike", p.Y.Min, p.Y.Max, tc.min, tc.max)
			}
			// The curve itself stays in view: the first loss is 0.7.
			if p.Y.Max < 0.7 {
				t.Errorf("loss axis ends at %g, below the first loss 0.7", p.Y.Max)
			}

			c.Options.IgnoreOutliers = false
			p = lossPlot(currentText(), c, newXMap(c))
			if p.Y.Max < 5.3 {
				t.Errorf("without IgnoreOutliers the loss axis ends at %g, want at least the spike 5.3", p.Y.Max)
			}
		})
	}
}
