package viz

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"embedlab/internal/usermsg"
)

// maxClassBars bounds the bars of ClassBalance; smaller classes are drawn
// as one bar, because more names than about 25 overlap on the axis.
const maxClassBars = 25

// ClassBalance draws the number of documents of each class as a w×h pixel
// chart of horizontal BatchLossColor bars, the first class on top, each
// labelled with its count and its share of all documents. names[i] is the
// class of counts[i]. Beyond 25 classes, the smallest ones are drawn as one
// bar named "other (N classes)".
//
// No classes give empty axes. ClassBalance returns an error when names and
// counts differ in length, for a negative count, for a size below 240×180
// or above 8192×8192 pixels, or if gonum/plot fails. It is safe for
// concurrent use.
func ClassBalance(names []string, counts []int, w, h int) (image.Image, error) {
	p, err := classBalancePlot(names, counts)
	if err != nil {
		return nil, err
	}
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	return render(w, h, drawPlot(p))
}

// WriteClassBalanceSVG writes the chart that ClassBalance draws at w×h
// pixels to dst as SVG, with the same layout. The errors are
// ClassBalance's and dst's.
func WriteClassBalanceSVG(dst io.Writer, names []string, counts []int, w, h int) error {
	p, err := classBalancePlot(names, counts)
	if err != nil {
		return err
	}
	return writeSVG(dst, w, h, drawPlot(p))
}

// classBalancePlot builds the plot of ClassBalance.
func classBalancePlot(names []string, counts []int) (*plot.Plot, error) {
	if len(names) != len(counts) {
		return nil, usermsg.Errorf("viz: %d class names but %d counts; pass one count per class", len(names), len(counts))
	}
	for i, n := range counts {
		if n < 0 {
			return nil, usermsg.Errorf("viz: class %q has count %d; counts must be 0 or more", names[i], n)
		}
	}
	ct := currentText()

	names, counts = mergeSmallClasses(names, counts, maxClassBars)
	total := 0
	largest := 1
	for _, n := range counts {
		total += n
		largest = max(largest, n)
	}

	p := newPlot(ct, tr("chart.class_balance", "Class balance", nil), tr("chart.documents", "documents", nil), "")
	p.X.Tick.Marker = wholeTicks{}
	p.X.Min, p.X.Max = 0, float64(largest)*1.3 // room for the labels right of the bars
	if len(names) == 0 {
		p.Y.Min, p.Y.Max = 0, 1
	} else {
		// Category i sits at y = n-1-i so that the first class is on top.
		reversed := slices.Clone(names)
		slices.Reverse(reversed)
		p.NominalY(reversed...)
		p.Y.Min, p.Y.Max = -0.6, float64(len(names))-0.4

		bars := &classBars{counts: counts, color: BatchLossColor}
		p.Add(bars)
		p.Add(countLabels(ct, counts, total))
	}

	return p, nil
}

// mergeSmallClasses returns names and counts unchanged when there are at
// most limit classes. Otherwise it keeps the limit-1 largest classes in
// their order and adds one "other" class with the sum of the rest.
func mergeSmallClasses(names []string, counts []int, limit int) ([]string, []int) {
	if len(names) <= limit {
		return names, counts
	}
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(x, y int) int { return cmp.Compare(counts[y], counts[x]) })
	keep := make([]bool, len(names))
	for _, i := range order[:limit-1] {
		keep[i] = true
	}

	var outNames []string
	var outCounts []int
	other := 0
	for i := range names {
		if keep[i] {
			outNames = append(outNames, names[i])
			outCounts = append(outCounts, counts[i])
		} else {
			other += counts[i]
		}
	}
	outNames = append(outNames, tr("chart.other_classes", "other ({{.N}} classes)", map[string]any{"N": len(names) - limit + 1}))
	outCounts = append(outCounts, other)
	return outNames, outCounts
}

// countLabels returns the labels "count (share%)" right of each bar.
func countLabels(ct *chartText, counts []int, total int) *plotter.Labels {
	style := text.Style{
		Color:   color.Gray{Y: 40},
		Font:    font.From(ct.font, tickSize),
		Handler: ct.handler,
	}
	style.YAlign = centredYAlign(style)
	pts := make(plotter.XYs, len(counts))
	labels := make([]string, len(counts))
	styles := make([]text.Style, len(counts))
	for i, n := range counts {
		pts[i] = plotter.XY{X: float64(n), Y: float64(len(counts) - 1 - i)}
		share := 0.0
		if total > 0 {
			share = 100 * float64(n) / float64(total)
		}
		labels[i] = fmt.Sprintf("%d (%.1f%%)", n, share)
		styles[i] = style
	}
	return &plotter.Labels{XYs: pts, Labels: labels, TextStyle: styles, Offset: vg.Point{X: vg.Points(3)}}
}

// classBars draws count i as a bar from x = 0 along y = len(counts)-1-i,
// with a thickness in data units, so that bars fill the same share of
// their row at any chart size (plotter.BarChart takes a width in points).
type classBars struct {
	counts []int
	color  color.Color
}

// barThickness is the share of its row that a bar fills.
const barThickness = 0.7

// Plot implements plot.Plotter.
func (b *classBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for i, n := range b.counts {
		y := float64(len(b.counts) - 1 - i)
		x0, x1 := trX(0), trX(float64(n))
		y0, y1 := trY(y-barThickness/2), trY(y+barThickness/2)
		pts := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
		c.FillPolygon(b.color, c.ClipPolygonXY(pts))
	}
}

// DataRange implements plot.DataRanger.
func (b *classBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	largest := 0
	for _, n := range b.counts {
		largest = max(largest, n)
	}
	return 0, math.Max(float64(largest), 1), -0.5, float64(len(b.counts)) - 0.5
}
