package viz

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// plainTicker places labelled ticks at multiples of 1, 2 or 5 times a
// power of ten, about five across the axis, with an unlabelled tick
// halfway between them, and labels them in the shortest form. gonum/plot
// v0.17.0's DefaultTicks picks steps such as 90 or 250 and labels a 0..500
// axis "0.00, 250.00, 500.00", taking the decimals from the step's mantissa.
type plainTicker struct{}

// plainTickCount is the number of steps plainTicker aims at across an axis;
// the nice step it picks gives between 2.5 and 5 of them.
const plainTickCount = 5

// Ticks implements plot.Ticker.
func (plainTicker) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return []plot.Tick{{Value: min, Label: plainNumber(min)}}
	}
	step := niceStep((max - min) / plainTickCount)
	var ticks []plot.Tick
	// Counting in half steps from a whole multiple of step keeps the
	// values exact multiples, without a sum of rounding errors.
	for k := math.Ceil(min / step * 2); k <= math.Floor(max/step*2); k++ {
		v := k * step / 2
		label := ""
		if math.Mod(k, 2) == 0 {
			label = plainNumber(v)
		}
		ticks = append(ticks, plot.Tick{Value: v, Label: label})
	}
	return ticks
}

// niceStep returns the smallest of 1, 2, 5 and 10 times a power of ten
// that is at least raw, for raw > 0.
func niceStep(raw float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// plainNumber formats a whole v (below 10¹⁵) with every digit and no
// point, and any other v with four significant digits.
func plainNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}
