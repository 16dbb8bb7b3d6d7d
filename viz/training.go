package viz

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxBatchPoints bounds the points of the batch loss line. More points than
// a chart has pixels across only cost drawing time.
const maxBatchPoints = 2000

// TrainingChart draws the training history as a w×h pixel image with two
// plots sharing the x axis in steps (global batch numbers, the first batch
// is step 1). The top plot "Loss" shows the loss of every batch as a thin
// BatchLossColor line. Beyond 2,000 batches, each point of that line is the
// mean of a run of consecutive batches. The same plot shows the per-epoch
// training (TrainColor) and validation (ValidationColor) loss at the step
// that ends each epoch. The bottom plot "Accuracy" shows the per-epoch
// training and validation accuracy on a fixed 0..1 axis.
//
// When c.BatchesPerEpoch < 1, it is estimated as len(c.BatchLoss) divided by
// len(c.Epochs). NaN and ±Inf values are left out. Empty curves give empty
// axes. c.Events are drawn as dashed vertical lines on both plots, with a
// legend entry per label on the loss plot. TrainingChart returns an error only for a size below 240×180 or above
// 8192×8192 pixels, or if gonum/plot fails. It is safe for concurrent use.
func TrainingChart(c Curves, w, h int) (image.Image, error) {
	if err := checkSize(w, h); err != nil {
		return nil, err
	}
	ct := currentText()

	perEpoch := c.BatchesPerEpoch
	if perEpoch < 1 && len(c.Epochs) > 0 {
		perEpoch = len(c.BatchLoss) / len(c.Epochs)
	}
	perEpoch = max(perEpoch, 1)
	lastStep := float64(max(len(c.BatchLoss), len(c.Epochs)*perEpoch, 1))

	loss := newPlot(ct, "Loss", "", "loss")
	batch := batchSeries(c.BatchLoss)
	if len(batch) > 0 {
		addLine(loss, "batch loss", batch, BatchLossColor, vg.Points(1.2), nil)
	}
	addEpochLine(loss, "train loss (epoch)", c.Epochs, perEpoch, TrainColor, draw.CircleGlyph{},
		func(e EpochPoint) float64 { return e.Loss })
	addEpochLine(loss, "validation loss", c.Epochs, perEpoch, ValidationColor, draw.TriangleGlyph{},
		func(e EpochPoint) float64 { return e.ValLoss })
	loss.Legend.Top = true // loss falls, so the top right corner is usually empty
	if math.IsInf(loss.Y.Min, 0) {
		loss.Y.Min, loss.Y.Max = 0, 1
	}
	loss.Y.Min = math.Min(loss.Y.Min, 0)

	accuracy := newPlot(ct, "Accuracy", "step (batch)", "accuracy")
	addEpochLine(accuracy, "train accuracy", c.Epochs, perEpoch, TrainColor, draw.CircleGlyph{},
		func(e EpochPoint) float64 { return e.Accuracy })
	addEpochLine(accuracy, "validation accuracy", c.Epochs, perEpoch, ValidationColor, draw.TriangleGlyph{},
		func(e EpochPoint) float64 { return e.ValAccuracy })
	accuracy.Y.Min, accuracy.Y.Max = 0, 1 // a fixed scale keeps the live chart from jumping

	for _, p := range []*plot.Plot{loss, accuracy} {
		p.X.Min, p.X.Max = 0, lastStep
	}
	addMarkers(loss, c.Events, true)
	addMarkers(accuracy, c.Events, false)

	return render(w, h, func(dc draw.Canvas) {
		tiles := draw.Tiles{
			Rows: 2, Cols: 1,
			PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8),
			PadY: vg.Points(8),
		}
		canvases := plot.Align([][]*plot.Plot{{loss}, {accuracy}}, tiles, dc)
		loss.Draw(canvases[0][0])
		accuracy.Draw(canvases[1][0])
	})
}

// batchSeries returns the batch losses as (step, loss) points, step i+1 for
// losses[i]. Beyond maxBatchPoints it returns the mean step and mean loss of
// runs of consecutive batches instead. Non-finite losses are skipped.
func batchSeries(losses []float64) plotter.XYs {
	run := max((len(losses)+maxBatchPoints-1)/maxBatchPoints, 1)
	pts := make(plotter.XYs, 0, min(len(losses), maxBatchPoints))
	for start := 0; start < len(losses); start += run {
		var sumX, sumY float64
		var n int
		for i := start; i < min(start+run, len(losses)); i++ {
			if isFinite(losses[i]) {
				sumX += float64(i + 1)
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

// addEpochLine adds the finite values of metric, epoch e (from 0) at step
// (e+1)·perEpoch, as a line with markers. It adds nothing when no value is
// finite, so a metric that was never measured gets no legend entry.
func addEpochLine(p *plot.Plot, name string, epochs []EpochPoint, perEpoch int,
	c color.Color, shape draw.GlyphDrawer, metric func(EpochPoint) float64) {
	var pts plotter.XYs
	for e, ep := range epochs {
		if v := metric(ep); isFinite(v) {
			pts = append(pts, plotter.XY{X: float64((e + 1) * perEpoch), Y: v})
		}
	}
	if len(pts) > 0 {
		addLine(p, name, pts, c, vg.Points(1.8), shape)
	}
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
