package viz

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

const (
	// robustTail is the share of the batch loss points that
	// ChartOptions.IgnoreOutliers may leave above the loss axis, and again
	// below it. One spike of a few batches is far less than 2% of a run of
	// a few hundred batches, while the first, steep batches of a run stay
	// mostly inside together with the margin.
	robustTail = 0.02
	// robustMargin widens the percentile range by this share of its span
	// at each end, so that the curve does not touch the plot's edges and
	// values just beyond the percentiles stay visible.
	robustMargin = 0.1
	// minRobustPoints is the fewest batch points whose percentiles set the
	// axis. With fewer, one point is more than robustTail of them, so no
	// single value is an outlier.
	minRobustPoints = 50
)

// robustLossRange returns the y range of the loss plot with the outliers
// of batch left out. The range runs from the robustTail to the
// 1−robustTail quantile of the y values of batch, widened by robustMargin
// of that span at each end. It then grows to cover the first point of
// batch and every point of epoch. On a log axis (logY) the quantiles and
// the margin are taken of log10(y), and every y must be positive.
//
// The first batch loss comes from the untrained weights, before any update
// could cause a spike, and shows where training started. Epoch losses are
// means over a whole epoch, and a rising validation loss must stay in view.
//
// ok is false when batch has fewer than minRobustPoints points or the
// range has no span; the caller then keeps the range of every value.
func robustLossRange(batch, epoch plotter.XYs, logY bool) (lo, hi float64, ok bool) {
	if len(batch) < minRobustPoints {
		return 0, 0, false
	}
	scale, unscale := func(y float64) float64 { return y }, func(y float64) float64 { return y }
	if logY {
		scale, unscale = math.Log10, func(y float64) float64 { return math.Pow(10, y) }
	}

	ys := make([]float64, len(batch))
	for i, p := range batch {
		ys[i] = scale(p.Y)
	}
	slices.Sort(ys)
	lo, hi = quantile(ys, robustTail), quantile(ys, 1-robustTail)
	margin := robustMargin * (hi - lo)
	lo, hi = lo-margin, hi+margin

	for _, p := range append(batch[:1:1], epoch...) {
		y := scale(p.Y)
		lo, hi = math.Min(lo, y), math.Max(hi, y)
	}
	if !(hi > lo) {
		return 0, 0, false
	}
	return unscale(lo), unscale(hi), true
}

// quantile returns the q quantile of sorted, which must not be empty, by
// linear interpolation between the closest ranks (NumPy's default, type 7
// of Hyndman & Fan 1996).
func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	i := int(math.Floor(pos))
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	frac := pos - float64(i)
	return sorted[i] + frac*(sorted[i+1]-sorted[i])
}

// narrowLossRange narrows the y range that setLossRange gave the loss plot
// p to robustLossRange of its points. It only narrows, and on a linear axis
// it moves only the top, so that the axis still starts at 0 and shows
// how far the loss has fallen.
func narrowLossRange(p *plot.Plot, batch, epoch plotter.XYs, logY bool) {
	lo, hi, ok := robustLossRange(batch, epoch, logY)
	if !ok {
		return
	}
	newMin, newMax := p.Y.Min, math.Min(p.Y.Max, hi)
	if logY {
		newMin = math.Max(p.Y.Min, lo)
	}
	if newMax > newMin {
		p.Y.Min, p.Y.Max = newMin, newMax
	}
}
