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
)

// maxBatchPoints bounds the points of the batch loss line. More points than
// a chart has pixels across only cost drawing time.
const maxBatchPoints = 2000

// XAxis is the unit of the training chart's x axis.
type XAxis int

const (
	// XSteps counts global batch numbers; the first batch is step 1.
	XSteps XAxis = iota
	// XEpochs counts epochs: step / batches per epoch.
	XEpochs
	// XSeconds counts training seconds, from Curves.BatchSeconds.
	XSeconds
)

// ChartOptions sets how TrainingChart draws the curves. The zero value
// draws the raw batch loss on a linear y axis against steps.
type ChartOptions struct {
	// Smoothing is the weight w of the moving average drawn over the batch
	// loss (see smoothEMA), from 0 (off) to 0.999; values outside are
	// clamped. With smoothing on, the raw curve stays behind it, faint.
	Smoothing float64
	// LogY draws the loss on a log10 scale. Values ≤ 0 cannot be shown
	// there and are left out.
	LogY bool
	// XAxis is the unit of the x axis. XSeconds falls back to XSteps
	// unless Curves.BatchSeconds has a time for every batch loss.
	XAxis XAxis
	// IgnoreOutliers ends the loss axis at the 98th percentile of the batch
	// loss points plus a margin, and on a log axis also starts it at the
	// 2nd percentile, so that a few extreme batches do not flatten the
	// curve. The first batch and the epoch losses stay in view. Lines
	// beyond the axis are cut at the plot's edge. With fewer than 50 batch
	// points it changes nothing.
	IgnoreOutliers bool
}

// rawLossColor is the raw batch loss behind the smoothed one: the batch
// loss colour, mostly transparent.
var rawLossColor = color.NRGBA{R: 31, G: 119, B: 180, A: 64}

// TrainingChart draws the training history as a w×h pixel image with two
// plots sharing the x axis (c.Options.XAxis). The top plot "Loss" shows the
// loss of every batch as a thin BatchLossColor line, or, with smoothing,
// its moving average in that colour over the raw line drawn faint. Beyond
// 2,000 batches, each point of a batch line is the mean of a run of
// consecutive batches. The same plot shows the per-epoch training
// (TrainColor) and validation (ValidationColor) loss at the step that ends
// each epoch. The bottom plot "Accuracy" shows the per-epoch training and
// validation accuracy on a fixed 0..1 axis. c.Options.IgnoreOutliers lets
// the loss axis leave out extreme batch losses.
//
// When c.BatchesPerEpoch < 1, it is estimated as len(c.BatchLoss) divided by
// len(c.Epochs). NaN and ±Inf values are left out. Empty curves give empty
// axes. c.Events are drawn as dashed vertical lines on both plots, with a
// legend entry per label on the loss plot. TrainingChart returns an error
// only for a size below 240×180 or above 8192×8192 pixels, or if gonum/plot
// fails. It is safe for concurrent use.
func TrainingChart(c Curves, w, h int) (image.Image, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	return render(w, h, trainingDrawer(c))
}

// WriteTrainingSVG writes the chart that TrainingChart draws at w×h pixels
// to dst as SVG, with the same layout: one pixel is one SVG unit scaled by
// 72 / the chart's DPI. Fonts are named, not embedded, so a viewer without
// them substitutes its own. The errors are TrainingChart's and dst's.
func WriteTrainingSVG(dst io.Writer, c Curves, w, h int) error {
	return writeSVG(dst, w, h, trainingDrawer(c))
}

// trainingDrawer builds the two plots of c and returns the function that
// draws them, stacked, on a canvas of any back end.
func trainingDrawer(c Curves) func(draw.Canvas) {
	ct := currentText()
	x := newXMap(c)
	loss := lossPlot(ct, c, x)

	accuracy := newPlot(ct, tr("chart.accuracy_title", "Accuracy", nil), x.label(), tr("chart.accuracy", "accuracy", nil))
	if c.LanguageModel {
		accuracy.Title.Text = tr("chart.next_word_accuracy", "Next-word accuracy", nil)
	}
	if !c.SampledSoftmax {
		epochLine(accuracy, tr("chart.train_accuracy", "train accuracy", nil), c.Epochs, x, false, TrainColor, draw.CircleGlyph{},
			func(e EpochPoint) float64 { return e.Accuracy })
	}
	epochLine(accuracy, tr("chart.val_accuracy", "validation accuracy", nil), c.Epochs, x, false, ValidationColor, draw.TriangleGlyph{},
		func(e EpochPoint) float64 { return e.ValAccuracy })
	accuracy.Y.Min, accuracy.Y.Max = 0, 1 // a fixed scale keeps the live chart from jumping

	xMax := x.at(x.lastStep)
	if !(xMax > 0) {
		xMax = 1
	}
	for _, p := range []*plot.Plot{loss, accuracy} {
		p.X.Min, p.X.Max = 0, xMax
		p.X.Tick.Marker = plainTicker{}
	}
	addMarkers(loss, c.Events, true, x.at)
	addMarkers(accuracy, c.Events, false, x.at)

	return func(dc draw.Canvas) {
		tiles := draw.Tiles{
			Rows: 2, Cols: 1,
			PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8),
			PadY: vg.Points(8),
		}
		canvases := plot.Align([][]*plot.Plot{{loss}, {accuracy}}, tiles, dc)
		loss.Draw(canvases[0][0])
		accuracy.Draw(canvases[1][0])
	}
}

// lossPlot builds the top plot of the training chart, without the event
// markers, which need the x range.
func lossPlot(ct *chartText, c Curves, x xMap) *plot.Plot {
	opts := c.Options
	loss := newPlot(ct, tr("chart.loss_title", "Loss", nil), "", tr("chart.loss", "loss", nil))
	batchPts := addBatchLoss(loss, c, x)
	trainLoss := tr("chart.train_loss", "train loss (epoch)", nil)
	if c.SampledSoftmax {
		trainLoss = tr("chart.train_loss_sampled", "train loss (sampled softmax)", nil)
	}
	epochPts := epochLine(loss, trainLoss, c.Epochs, x, opts.LogY, TrainColor, draw.CircleGlyph{},
		func(e EpochPoint) float64 { return e.Loss })
	epochPts = append(epochPts, epochLine(loss, tr("chart.val_loss", "validation loss", nil), c.Epochs, x, opts.LogY, ValidationColor, draw.TriangleGlyph{},
		func(e EpochPoint) float64 { return e.ValLoss })...)
	setLossRange(loss, opts.LogY)
	if opts.IgnoreOutliers {
		narrowLossRange(loss, batchPts, epochPts, opts.LogY)
	}
	// Loss falls, so the legend usually goes top right. Early in a run the
	// curve is still high there, and the legend moves to an emptier corner.
	placeLegend(loss, append(batchPts, epochPts...), opts.LogY)
	return loss
}

// addBatchLoss adds the batch loss line of c to p: raw, or smoothed over a
// faint raw line. It returns the points of the lines it added.
func addBatchLoss(p *plot.Plot, c Curves, x xMap) plotter.XYs {
	w := min(max(c.Options.Smoothing, 0), 0.999)
	if !(w > 0) { // also catches NaN
		pts := keepPositive(batchSeries(c.BatchLoss, x.at), c.Options.LogY)
		if len(pts) > 0 {
			addLine(p, tr("chart.batch_loss", "batch loss", nil), pts, BatchLossColor, vg.Points(1.2), nil)
		}
		return pts
	}
	raw := keepPositive(batchSeries(c.BatchLoss, x.at), c.Options.LogY)
	smooth := keepPositive(batchSeries(smoothEMA(c.BatchLoss, w), x.at), c.Options.LogY)
	if len(raw) > 0 {
		p.Add(&plotter.Line{XYs: raw, LineStyle: draw.LineStyle{Color: rawLossColor, Width: vg.Points(1)}})
	}
	if len(smooth) > 0 {
		name := tr("chart.batch_loss_smoothed", "batch loss (smoothed {{.Weight}})", map[string]any{"Weight": fmt.Sprintf("%.2f", w)})
		addLine(p, name, smooth, BatchLossColor, vg.Points(1.5), nil)
	}
	return append(raw, smooth...)
}

// setLossRange fixes the y range of the loss plot after its lines are
// added: from 0 on a linear scale, and a positive range on a log scale.
func setLossRange(p *plot.Plot, logY bool) {
	empty := math.IsInf(p.Y.Min, 0) || math.IsInf(p.Y.Max, 0)
	if !logY {
		if empty {
			p.Y.Min, p.Y.Max = 0, 1
		}
		p.Y.Min = math.Min(p.Y.Min, 0)
		return
	}
	if empty || !(p.Y.Min > 0) {
		p.Y.Min, p.Y.Max = 0.01, 1
	}
	if p.Y.Max <= p.Y.Min {
		p.Y.Max = p.Y.Min * 10
	}
	p.Y.Scale = plot.LogScale{}
	p.Y.Tick.Marker = logTicker{}
}

// logTicker places log-axis ticks at d·10ᵏ for d = 1..9 within the range.
// It labels the powers of ten, and also 2·10ᵏ and 5·10ᵏ, or every tick,
// until at least two labels fall in the range. gonum/plot v0.17.0's LogTicks
// labels only powers of ten, which leaves a loss curve within one decade,
// such as 0.2 to 0.7, without any label.
type logTicker struct{}

// Ticks implements plot.Ticker; min and max must be positive.
func (logTicker) Ticks(min, max float64) []plot.Tick {
	var values []float64
	var digits []int
	for k := math.Floor(math.Log10(min)); math.Pow(10, k) <= max; k++ {
		for d := 1; d <= 9; d++ {
			if v := float64(d) * math.Pow(10, k); v >= min && v <= max {
				values, digits = append(values, v), append(digits, d)
			}
		}
	}
	for _, labelled := range []func(d int) bool{
		func(d int) bool { return d == 1 },
		func(d int) bool { return d == 1 || d == 2 || d == 5 },
		func(int) bool { return true },
	} {
		n := 0
		for _, d := range digits {
			if labelled(d) {
				n++
			}
		}
		if n < 2 && len(values) >= 2 {
			continue
		}
		ticks := make([]plot.Tick, len(values))
		for i, v := range values {
			ticks[i] = plot.Tick{Value: v}
			if labelled(digits[i]) {
				ticks[i].Label = strconv.FormatFloat(v, 'g', 3, 64)
			}
		}
		return ticks
	}
	return nil
}

// smoothEMA returns the debiased exponential moving average of values with
// weight w in [0, 1), the smoothing of TensorBoard's scalar charts:
//
//	m₀ = 0,  mₜ = w·mₜ₋₁ + (1−w)·xₜ,  sₜ = mₜ / (1 − wᵗ)
//
// where t counts the finite values so far. Dividing by 1 − wᵗ removes the
// pull towards the starting 0, so s₁ = x₁. A non-finite value is copied to
// the result and left out of the average.
func smoothEMA(values []float64, w float64) []float64 {
	out := make([]float64, len(values))
	var m, wt float64 = 0, 1 // wt is wᵗ
	for i, v := range values {
		if !isFinite(v) {
			out[i] = v
			continue
		}
		m = w*m + (1-w)*v
		wt *= w
		out[i] = m / (1 - wt)
	}
	return out
}

// xMap converts steps (global batch numbers) to the x axis of a chart.
type xMap struct {
	axis     XAxis
	perEpoch int       // batches per epoch, at least 1
	seconds  []float64 // training seconds at the end of each step, for XSeconds
	lastStep int       // the last step the chart spans, at least 1
}

func newXMap(c Curves) xMap {
	perEpoch := c.BatchesPerEpoch
	if perEpoch < 1 && len(c.Epochs) > 0 {
		perEpoch = len(c.BatchLoss) / len(c.Epochs)
	}
	x := xMap{axis: c.Options.XAxis, perEpoch: max(perEpoch, 1)}
	x.lastStep = max(len(c.BatchLoss), len(c.Epochs)*x.perEpoch, 1)
	if x.axis == XSeconds {
		if len(c.BatchSeconds) == 0 || len(c.BatchSeconds) < len(c.BatchLoss) {
			x.axis = XSteps
		} else {
			x.seconds = c.BatchSeconds
		}
	}
	return x
}

// at returns the x coordinate of step, where step 0 is the start. In
// seconds, a step beyond the recorded times gets the last time.
func (x xMap) at(step int) float64 {
	switch x.axis {
	case XEpochs:
		return float64(step) / float64(x.perEpoch)
	case XSeconds:
		if step <= 0 {
			return 0
		}
		return x.seconds[min(step, len(x.seconds))-1]
	}
	return float64(step)
}

// label returns the x axis label.
func (x xMap) label() string {
	switch x.axis {
	case XEpochs:
		return tr("chart.x_epochs", "epoch", nil)
	case XSeconds:
		return tr("chart.x_seconds", "training time (s)", nil)
	}
	return tr("chart.x_steps", "step (batch)", nil)
}

// batchSeries returns the batch losses as (x(step), loss) points, step i+1
// for losses[i]. Beyond maxBatchPoints it returns the mean x and mean loss
// of runs of consecutive batches instead. Non-finite losses are skipped.
func batchSeries(losses []float64, x func(step int) float64) plotter.XYs {
	run := max((len(losses)+maxBatchPoints-1)/maxBatchPoints, 1)
	pts := make(plotter.XYs, 0, min(len(losses), maxBatchPoints))
	for start := 0; start < len(losses); start += run {
		var sumX, sumY float64
		var n int
		for i := start; i < min(start+run, len(losses)); i++ {
			if isFinite(losses[i]) {
				sumX += x(i + 1)
				sumY += losses[i]
				n++
			}
		}
		if n > 0 {
			pts = append(pts, plotter.XY{X: sumX / float64(n), Y: sumY / float64(n)})
		}
	}
	return pts
}

// keepPositive returns pts without the points of y ≤ 0 when logY is set,
// and pts unchanged otherwise.
func keepPositive(pts plotter.XYs, logY bool) plotter.XYs {
	if !logY {
		return pts
	}
	out := pts[:0:0]
	for _, p := range pts {
		if p.Y > 0 {
			out = append(out, p)
		}
	}
	return out
}

// epochLine adds the finite values of metric, epoch e (from 0) at step
// (e+1)·perEpoch, as a line with markers. With logY, values ≤ 0 are left
// out too. It adds nothing when no value remains, so a metric that was
// never measured gets no legend entry. It returns the points it added.
func epochLine(p *plot.Plot, name string, epochs []EpochPoint, x xMap, logY bool,
	c color.Color, shape draw.GlyphDrawer, metric func(EpochPoint) float64) plotter.XYs {
	var pts plotter.XYs
	for e, ep := range epochs {
		if v := metric(ep); isFinite(v) {
			pts = append(pts, plotter.XY{X: x.at((e + 1) * x.perEpoch), Y: v})
		}
	}
	if pts = keepPositive(pts, logY); len(pts) > 0 {
		addLine(p, name, pts, c, vg.Points(1.8), shape)
	}
	return pts
}

// addLine adds pts as a line of colour c, with markers when shape is not nil,
// and a legend entry. pts must be finite.
func addLine(p *plot.Plot, name string, pts plotter.XYs, c color.Color, width vg.Length, shape draw.GlyphDrawer) {
	line := &plotter.Line{XYs: pts, LineStyle: draw.LineStyle{Color: c, Width: width}}
	p.Add(line)
	if shape == nil {
		p.Legend.Add(name, line)
		return
	}
	markers := &plotter.Scatter{XYs: pts, GlyphStyle: draw.GlyphStyle{Color: c, Radius: vg.Points(2.5), Shape: shape}}
	p.Add(markers)
	p.Legend.Add(name, line, markers)
}
