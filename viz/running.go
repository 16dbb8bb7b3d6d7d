package viz

import (
	"image"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"embedlab/internal/usermsg"
)

// SkippedColor marks the words of RunningProbability that the model did not
// read (red, from the Tableau 10 palette like the other chart colours).
var SkippedColor = color.RGBA{R: 214, G: 39, B: 40, A: 255}

// maxTokenLabels bounds the word labels on the x axis; longer texts label
// every k-th word, because more labels than this overlap.
const maxTokenLabels = 40

// RunningProbability draws the probability of class after each token of a
// text as a w×h pixel line chart, the tokens along the x axis in order.
// probs[i] belongs to tokens[i]; a NaN marks a word the model skipped (not
// in the vocabulary, or cut off by maxlen). Such a word gets a SkippedFill
// column from 0 to 1 and a SkippedColor label that starts with
// "× ", and the line joins the other words. A dashed line marks 0.5.
// The title, the y axis label and the legend name class. Callers that plot
// the same class for every text of a model give charts that read alike:
// high always means that class.
//
// It returns an error when tokens and probs differ in length, for a
// probability outside [0, 1], for a size below 240×180 or above 8192×8192
// pixels, or if gonum/plot fails. No tokens give empty axes. It is safe for
// concurrent use.
func RunningProbability(tokens []string, probs []float64, class string, w, h int) (image.Image, error) {
	p, err := runningProbabilityPlot(tokens, probs, class)
	if err != nil {
		return nil, err
	}
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	return render(w, h, drawPlot(p))
}

// WriteRunningProbabilitySVG writes the chart that RunningProbability draws
// at w×h pixels to dst as SVG, with the same layout. The errors are
// RunningProbability's and dst's.
func WriteRunningProbabilitySVG(dst io.Writer, tokens []string, probs []float64, class string, w, h int) error {
	p, err := runningProbabilityPlot(tokens, probs, class)
	if err != nil {
		return err
	}
	return writeSVG(dst, w, h, drawPlot(p))
}

// runningProbabilityPlot builds the plot of RunningProbability.
func runningProbabilityPlot(tokens []string, probs []float64, class string) (*plot.Plot, error) {
	if len(tokens) != len(probs) {
		return nil, usermsg.Errorf("viz: %d tokens but %d probabilities; pass one per token", len(tokens), len(probs))
	}
	for i, p := range probs {
		if !math.IsNaN(p) && !(p >= 0 && p <= 1) {
			return nil, usermsg.Errorf("viz: probability %g of token %q is outside 0 to 1", p, tokens[i])
		}
	}
	ct := currentText()

	named := map[string]any{"Class": class}
	p := newPlot(ct, tr("chart.running_title", "P({{.Class}}) after each word", named), "",
		tr("chart.running_axis", "probability of {{.Class}}", named))
	p.Y.Min, p.Y.Max = 0, 1.15 // room above 1 for the legend
	p.X.Min, p.X.Max = -0.5, math.Max(float64(len(tokens))-0.5, 0.5)
	p.X.Tick.Marker = tokenTicks(tokens, probs)
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign = draw.XRight
	p.X.Tick.Label.YAlign = centredYAlign(p.X.Tick.Label)
	p.X.Tick.Label.Handler = wordTickLabels{Handler: ct.handler, rotation: p.X.Tick.Label.Rotation}

	half := &plotter.Line{XYs: plotter.XYs{{X: p.X.Min, Y: 0.5}, {X: p.X.Max, Y: 0.5}},
		LineStyle: draw.LineStyle{Color: color.Gray{Y: 150}, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}}

	var read plotter.XYs
	var skipped skippedColumns
	for i, v := range probs {
		if math.IsNaN(v) {
			skipped.xs = append(skipped.xs, float64(i))
		} else {
			read = append(read, plotter.XY{X: float64(i), Y: v})
		}
	}
	if len(skipped.xs) > 0 {
		p.Add(skipped) // before the lines, so that they stay on top
	}
	p.Add(half)
	if len(read) > 0 {
		addLine(p, "P("+class+")", read, BatchLossColor, vg.Points(1.8), draw.CircleGlyph{})
	}
	if len(skipped.xs) > 0 {
		p.Legend.Add(tr("chart.not_read", "not read", nil), skipped)
	}
	p.Legend.Top = true

	return p, nil
}

// tokenTicks labels the x positions 0..len(tokens)-1 with the tokens, every
// k-th one when there are more than maxTokenLabels. The label of a word
// whose probability is NaN starts with skippedMark.
func tokenTicks(tokens []string, probs []float64) plot.Ticker {
	return plot.TickerFunc(func(_, _ float64) []plot.Tick {
		step := (len(tokens) + maxTokenLabels - 1) / maxTokenLabels
		ticks := make([]plot.Tick, 0, len(tokens))
		for i, tok := range tokens {
			t := plot.Tick{Value: float64(i)}
			switch {
			case i%max(step, 1) != 0:
			case math.IsNaN(probs[i]):
				t.Label = skippedMark + tok
			default:
				t.Label = tok
			}
			ticks = append(ticks, t)
		}
		return ticks
	})
}
