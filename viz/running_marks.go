package viz

import (
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SkippedFill is the grey of the columns that RunningProbability draws
// behind the words the model did not read. The Predict view's word strip
// uses it for the cells of those words, so that the two read alike.
var SkippedFill = color.Gray{Y: 215}

// skippedMark starts the x axis label of a word the model did not read.
// With the default split on spaces no token contains a space, so no read
// word's label starts with it. A tokenizer that splits on another
// character could give such a token, which would then be drawn in red.
const skippedMark = "× "

// skippedColumns draws a SkippedFill column from y = 0 to 1 at each x. A
// column over every probability shows that the word has no probability of
// its own, where a point at some y would read as one. It stops at 1 so
// that it stays clear of the legend above.
type skippedColumns struct {
	xs []float64
}

// Columns of skippedColumns cover columnShare of the space between two
// words, and at most maxColumnWidth, so that few words do not give wide
// blocks.
const (
	columnShare    = 0.5
	maxColumnWidth = vg.Length(18) // points
)

// Plot implements plot.Plotter.
func (s skippedColumns) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	c.SetColor(SkippedFill)
	for _, x := range s.xs {
		half := min(trX(x+columnShare/2)-trX(x), maxColumnWidth/2)
		mid := trX(x)
		rect := vg.Rectangle{Min: vg.Point{X: mid - half, Y: trY(0)}, Max: vg.Point{X: mid + half, Y: trY(1)}}
		c.Fill(rect.Path())
	}
}

// Thumbnail implements plot.Thumbnailer with a column-shaped swatch.
func (skippedColumns) Thumbnail(c *draw.Canvas) {
	mid := (c.Min.X + c.Max.X) / 2
	half := (c.Max.Y - c.Min.Y) / 3
	rect := vg.Rectangle{Min: vg.Point{X: mid - half, Y: c.Min.Y}, Max: vg.Point{X: mid + half, Y: c.Max.Y}}
	c.SetColor(SkippedFill)
	c.Fill(rect.Path())
}

// wordLabelGap is the space between the lower end of a tick and the
// right end of its rotated word label, in font sizes.
const wordLabelGap = 0.25

// wordTickLabels is the text.Handler of the rotated word labels under
// RunningProbability's x axis. gonum/plot v0.17.0 (axis.go, the draw
// method of horizontalAxis) anchors a tick label one font descent above
// the lower end of the tick, so the end of a label that is rotated about
// that anchor runs into the tick. With the deep descent and tall
// ideographs of Noto Sans CJK, the tick goes through the last character.
//
// Draw moves the anchor to wordLabelGap below the lower end of the tick.
// A label with XAlign draw.XRight then lies entirely left of its anchor
// in its own direction. For a rotation between 0 and 90 degrees, such a
// label never reaches above the anchor on the tick's vertical line,
// whatever the font. Box reports the extra depth that the lower anchor
// needs, so gonum/plot makes room for it under the axis.
//
// Labels that start with skippedMark are drawn in SkippedColor.
type wordTickLabels struct {
	text.Handler
	rotation float64 // of the labels, in radians
}

// drop returns how far Draw moves the anchor of a label in fnt down.
func (h wordTickLabels) drop(fnt font.Font) vg.Length {
	return h.Handler.Extents(fnt).Descent + wordLabelGap*fnt.Size
}

// Box implements text.Handler. The depth grows so that the rotated box
// that gonum/plot reserves is as much taller as Draw moves the text down.
func (h wordTickLabels) Box(txt string, fnt font.Font) (width, height, depth vg.Length) {
	width, height, depth = h.Handler.Box(txt, fnt)
	if cos := math.Cos(h.rotation); cos > 0.1 {
		depth += h.drop(fnt) / vg.Length(cos)
	}
	return width, height, depth
}

// Draw implements text.Handler.
func (h wordTickLabels) Draw(c vg.Canvas, txt string, sty text.Style, pt vg.Point) {
	pt.Y -= h.drop(sty.Font)
	if strings.HasPrefix(txt, skippedMark) {
		sty.Color = SkippedColor
	}
	sty.Handler = h.Handler
	h.Handler.Draw(c, txt, sty, pt)
}
