package viz

import (
	"math"
	"strconv"

	"gonum.org/v1/plot"
)

// plainTicker places ticks where plot.DefaultTicks does and labels them in
// the shortest form: whole numbers without decimals. gonum/plot v0.17.0
// labels a 0..500 axis "0.00, 250.00, 500.00" because it takes the number
// of decimals from the step's mantissa (2.5).
type plainTicker struct{}

// Ticks implements plot.Ticker.
func (plainTicker) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = plainNumber(t.Value)
		}
	}
	return ticks
}

// plainNumber formats a whole v (below 10¹⁵) with every digit and no
// point, and any other v with four significant digits.
func plainNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}
