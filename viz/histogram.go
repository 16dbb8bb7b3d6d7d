package viz

import (
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"embedlab/internal/usermsg"
)

// maxHistogramBins bounds the bars of LengthHistogram: more bars than about
// 40 get thinner than a few pixels on a chart in a side panel.
const maxHistogramBins = 40

// whiteLine outlines bars so that neighbouring bars stay apart.
var whiteLine = color.Gray{Y: 255}

// LengthHistogram draws the distribution of document lengths in tokens as
// a w×h pixel histogram in BatchLossColor, with the y axis counting
// documents. Bins start at 0 and are 1, 2 or 5 times a power of ten tokens
// wide, at most 40 of them. When maxlen > 0 a vertical TrainColor line
// marks it, and the legend gives the share of documents no longer than
// maxlen, which padding to maxlen keeps whole; the x axis reaches maxlen
// even when every document is shorter.
//
// No lengths give empty axes. LengthHistogram returns an error for a
// negative length, for a size below 240×180 or above 8192×8192 pixels, or
// if gonum/plot fails. It is safe for concurrent use.
func LengthHistogram(lengths []int, maxlen int, w, h int) (image.Image, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	p, err := lengthHistogramPlot(lengths, maxlen)
	if err != nil {
		return nil, err
	}
	return render(w, h, drawPlot(p))
}

// WriteLengthHistogramSVG writes the chart that LengthHistogram draws at
// w×h pixels to dst as SVG, with the same layout. The errors are
// LengthHistogram's and dst's.
func WriteLengthHistogramSVG(dst io.Writer, lengths []int, maxlen int, w, h int) error {
	p, err := lengthHistogramPlot(lengths, maxlen)
	if err != nil {
		return err
	}
	return writeSVG(dst, w, h, drawPlot(p))
}

// lengthHistogramPlot builds the plot of LengthHistogram.
func lengthHistogramPlot(lengths []int, maxlen int) (*plot.Plot, error) {
	for i, n := range lengths {
		if n < 0 {
			return nil, usermsg.Errorf("viz: document %d has length %d; lengths must be 0 or more", i, n)
		}
	}
	ct := currentText()

	p := newPlot(ct, tr("chart.doc_length", "Document length", nil), tr("chart.tokens", "tokens", nil),
		tr("chart.documents", "documents", nil))
	p.X.Tick.Marker = wholeTicks{}
	p.Y.Tick.Marker = wholeTicks{}
	bins, width := lengthBins(lengths, maxlen)
	top := 1.0
	if len(bins) > 0 {
		p.Add(&plotter.Histogram{
			Bins:      bins,
			Width:     width,
			FillColor: BatchLossColor,
			LineStyle: draw.LineStyle{Color: whiteLine, Width: vg.Points(0.5)},
		})
		for _, b := range bins {
			top = math.Max(top, b.Weight)
		}
	}
	// Headroom above the highest bar keeps the legend off the bars.
	p.X.Min, p.Y.Min, p.Y.Max = 0, 0, top*1.05
	if maxlen > 0 {
		p.Y.Max = top * 1.18
	}
	if len(bins) > 0 {
		p.X.Max = bins[len(bins)-1].Max
	} else {
		p.X.Max = 1
	}

	if maxlen > 0 {
		line := &plotter.Line{
			XYs:       plotter.XYs{{X: float64(maxlen), Y: 0}, {X: float64(maxlen), Y: p.Y.Max}},
			LineStyle: draw.LineStyle{Color: TrainColor, Width: vg.Points(2)},
		}
		p.Add(line)
		p.Legend.Add(maxlenLegend(lengths, maxlen), line)
		p.Legend.Top = true
		// Leave room right of a maxlen beyond the longest document.
		p.X.Max = math.Max(p.X.Max, float64(maxlen)*1.05)
		p.Legend.Left = legendOnLeft(float64(maxlen), p.X.Min, p.X.Max)
	}

	return p, nil
}

// legendOnLeft reports whether the legend of the maxlen line goes in the
// top left corner of an x axis from xMin to xMax. It does when the line
// lies in the right half, so that the legend sits on the side away from
// the line. The headroom above the highest bar keeps the legend off the
// bars on either side.
//
// NOTE: a legend wider than half the plot, as at the minimum chart width
// of 240 pixels, can still reach a line near the middle.
func legendOnLeft(maxlen, xMin, xMax float64) bool {
	if xMax <= xMin {
		return false
	}
	return (maxlen-xMin)/(xMax-xMin) > 0.5
}

// lengthBins returns the histogram bins of lengths, from 0 to past the
// longest, and their width. The width suits an axis that reaches the
// longest length or maxlen, whichever is larger, so that the bars do not
// shrink to slivers beside a far maxlen. It returns no bins for no lengths.
func lengthBins(lengths []int, maxlen int) ([]plotter.HistogramBin, float64) {
	if len(lengths) == 0 {
		return nil, 0
	}
	longest := 0
	for _, n := range lengths {
		longest = max(longest, n)
	}
	width := binWidth(max(longest, maxlen)+1, maxHistogramBins)
	bins := make([]plotter.HistogramBin, longest/width+1)
	for i := range bins {
		bins[i].Min = float64(i * width)
		bins[i].Max = float64((i + 1) * width)
	}
	for _, n := range lengths {
		bins[n/width].Weight++
	}
	return bins, float64(width)
}

// binWidth returns the smallest width of 1, 2 or 5 times a power of ten
// that splits span values into at most maxBins bins.
func binWidth(span, maxBins int) int {
	for scale := 1; ; scale *= 10 {
		for _, m := range []int{1, 2, 5} {
			width := m * scale
			if (span+width-1)/width <= maxBins {
				return width
			}
		}
	}
}

// maxlenLegend returns the legend of the maxlen line, such as
// "maxlen 57: 95.2% of documents fit".
func maxlenLegend(lengths []int, maxlen int) string {
	if len(lengths) == 0 {
		return tr("chart.maxlen", "maxlen {{.MaxLen}}", map[string]any{"MaxLen": maxlen})
	}
	fit := 0
	for _, n := range lengths {
		if n <= maxlen {
			fit++
		}
	}
	return tr("chart.maxlen_fit", "maxlen {{.MaxLen}}: {{.Share}} of documents fit",
		map[string]any{"MaxLen": maxlen, "Share": fmt.Sprintf("%.1f%%", 100*float64(fit)/float64(len(lengths)))})
}

// wholeTicks are gonum/plot's default ticks, labelled as whole numbers, for
// axes that count tokens or documents. A major tick at a fraction, which a
// short axis such as 0 to 1 gets, loses its label.
type wholeTicks struct{}

// Ticks implements plot.Ticker.
func (wholeTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(min, max)
	for i, t := range ticks {
		if t.Label == "" {
			continue
		}
		if t.Value == math.Trunc(t.Value) {
			ticks[i].Label = strconv.FormatFloat(t.Value, 'f', 0, 64)
		} else {
			ticks[i].Label = ""
		}
	}
	return ticks
}
