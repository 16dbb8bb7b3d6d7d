package viz

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// legendWidthShare and legendHeightShare estimate the share of the plot's
// width and height that a legend of a few short entries covers at the chart
// sizes the app draws. A larger legend covers points that its corner did
// not count.
const (
	legendWidthShare  = 0.45
	legendHeightShare = 0.3
)

// placeLegend puts the legend of p in the corner where the fewest of pts
// fall: top right, bottom right, top left or bottom left, the first of
// them on a tie. It reads the axis ranges of p, so it runs after they are
// set. With logY it compares heights on the log scale that the axis draws.
func placeLegend(p *plot.Plot, pts plotter.XYs, logY bool) {
	y := func(v float64) float64 {
		if logY {
			return math.Log(v)
		}
		return v
	}
	xMin, xMax := p.X.Min, p.X.Max
	yMin, yMax := y(p.Y.Min), y(p.Y.Max)
	if !(xMax > xMin) || !(yMax > yMin) {
		return
	}

	corners := []struct{ top, left bool }{{true, false}, {false, false}, {true, true}, {false, true}}
	best, bestCount := 0, math.MaxInt
	for i, c := range corners {
		count := 0
		for _, pt := range pts {
			fx := (pt.X - xMin) / (xMax - xMin)
			fy := (y(pt.Y) - yMin) / (yMax - yMin)
			inX := fx >= 1-legendWidthShare
			if c.left {
				inX = fx <= legendWidthShare
			}
			inY := fy >= 1-legendHeightShare
			if !c.top {
				inY = fy <= legendHeightShare
			}
			if inX && inY && fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1 {
				count++
			}
		}
		if count < bestCount {
			best, bestCount = i, count
		}
	}
	p.Legend.Top, p.Legend.Left = corners[best].top, corners[best].left
}
