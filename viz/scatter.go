package viz

import (
	"fmt"
	"image"
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"embedlab/internal/usermsg"
)

// wordLabelSize is the size in points of the word labels. At 7 pt (9 px)
// a few hundred labels stay legible where they do not overlap.
const wordLabelSize = 7

// ScatterChart draws the projection p as a w×h pixel image: one
// BatchLossColor dot per word with the word written to its right. The axis
// labels read "PC1 (xx.x%)" and "PC2 (xx.x%)" from p.Explained.
//
// Points with a NaN or ±Inf coordinate are left out. An empty projection
// gives empty axes. ScatterChart returns an error when p.Words, p.X and p.Y
// differ in length, for a size below 240×180 or above 8192×8192 pixels, or if
// gonum/plot fails. It is safe for concurrent use.
//
// NOTE: labels are not moved apart, so in dense regions they overlap.
func ScatterChart(p Projection, w, h int) (image.Image, error) {
	pl, err := scatterPlot(p, axisLabel(1, p.Explained[0]), axisLabel(2, p.Explained[1]))
	if err != nil {
		return nil, err
	}
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	return render(w, h, drawPlot(pl))
}

// WriteScatterSVG writes the chart that ScatterChart draws for p at w×h
// pixels to dst as SVG, with the same layout. A zero p.Explained means
// unknown variance shares and labels the axes "PC1" and "PC2" alone. The
// errors are ScatterChart's and dst's.
func WriteScatterSVG(dst io.Writer, p Projection, w, h int) error {
	xLabel, yLabel := "PC1", "PC2"
	if p.Explained != [2]float64{} {
		xLabel, yLabel = axisLabel(1, p.Explained[0]), axisLabel(2, p.Explained[1])
	}
	pl, err := scatterPlot(p, xLabel, yLabel)
	if err != nil {
		return err
	}
	return writeSVG(dst, w, h, drawPlot(pl))
}

// scatterPlot builds the plot of ScatterChart with the axis labels given.
func scatterPlot(p Projection, xLabel, yLabel string) (*plot.Plot, error) {
	if len(p.X) != len(p.Words) || len(p.Y) != len(p.Words) {
		return nil, usermsg.Errorf("viz: projection has %d words but %d x and %d y coordinates; "+
			"pass the Projection that PCA returned", len(p.Words), len(p.X), len(p.Y))
	}
	ct := currentText()

	pl := newPlot(ct, "", xLabel, yLabel)

	var pts plotter.XYs
	var labels []string
	for i, word := range p.Words {
		if isFinite(p.X[i]) && isFinite(p.Y[i]) {
			pts = append(pts, plotter.XY{X: p.X[i], Y: p.Y[i]})
			labels = append(labels, word)
		}
	}

	if len(pts) > 0 {
		dots := &plotter.Scatter{XYs: pts, GlyphStyle: draw.GlyphStyle{
			Color: BatchLossColor, Radius: vg.Points(2), Shape: draw.CircleGlyph{},
		}}
		pl.Add(dots)
		pl.Add(wordLabels(ct, pts, labels))
	} else {
		pl.X.Min, pl.X.Max = -1, 1
		pl.Y.Min, pl.Y.Max = -1, 1
	}

	return pl, nil
}

// axisLabel returns the label of principal component n, such as
// "PC1 (42.0%)", for a share of the variance between 0 and 1.
func axisLabel(n int, share float64) string {
	return fmt.Sprintf("PC%d (%.1f%%)", n, 100*share)
}

// wordLabels returns labels that start just right of their point and are
// centred on it vertically, in the chart font.
func wordLabels(ct *chartText, pts plotter.XYs, labels []string) *plotter.Labels {
	style := text.Style{
		Color:   color.Gray{Y: 40}, // near-black reads better than the dot colour
		Font:    font.From(ct.font, wordLabelSize),
		Handler: ct.handler,
	}
	style.YAlign = centredYAlign(style)
	styles := make([]text.Style, len(labels))
	for i := range styles {
		styles[i] = style
	}
	return &plotter.Labels{
		XYs:       pts,
		Labels:    labels,
		TextStyle: styles,
		Offset:    vg.Point{X: vg.Points(3.5)},
	}
}

// centredYAlign returns the YAlign that puts the middle of a capital letter
// level with the anchor point. gonum/plot's draw.YCenter centres the font's
// full line height, which for fonts with a tall ascent such as Noto Sans CJK
// puts the text visibly below the point. text.Plain draws the baseline at
// anchor + YAlign·Height − Ascent + Size, and a capital is about 0.7 em high.
func centredYAlign(s text.Style) draw.YAlignment {
	ext := s.FontExtents()
	if ext.Height <= 0 {
		return draw.YCenter
	}
	const halfCap = 0.35
	return draw.YAlignment((ext.Ascent - (1+halfCap)*s.Font.Size) / ext.Height)
}
