package ui

import (
	"encoding/csv"
	"errors"
	"image"
	"io"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"embedlab/model"
	"embedlab/viz"
)

// newExportButtons returns the row of buttons that save the chart as PNG
// or SVG and the epoch table as CSV.
func (v *TrainView) newExportButtons() fyne.CanvasObject {
	buttons, row := newExportRow(func() { v.exportChart("png") }, func() { v.exportChart("svg") }, v.exportTable)
	v.exportPNG, v.exportSVG, v.exportCSV = buttons.png, buttons.svg, buttons.csv
	return row
}

// slideWidth is the minimum width in pixels of an exported PNG chart. A
// chart exported at its size on screen, 676 pixels wide at the default
// window size, turns blurry when a slide stretches it across a 1920-pixel
// projector.
const slideWidth = 1600

// exportScale returns the smallest whole scale that makes a w×h pixel chart
// at least slideWidth wide, at most viz.MaxChartScale and small enough for
// viz.MaxChartSide.
func exportScale(w, h int) int {
	if w < 1 || h < 1 {
		return 1
	}
	scale := min(max((slideWidth+w-1)/w, 1), viz.MaxChartScale)
	for scale > 1 && (w*scale > viz.MaxChartSide || h*scale > viz.MaxChartSide) {
		scale--
	}
	return scale
}

// exportChart requests a path and writes the chart shown, with its
// settings, as "png" or "svg". The SVG has the chart's size on screen. The
// PNG has its layout at exportScale times as many pixels, so that its text
// keeps its share of the image on a slide.
func (v *TrainView) exportChart(format string) {
	p := v.shownProgress
	if len(p.BatchLoss) == 0 {
		v.app.showError(errors.New(lang.X("train.no_chart", "There is no chart to export yet; start a training run first")))
		return
	}
	curves := trainingCurves(p, v.chartOptions())
	v.app.exportChart("training", format, v.chart.pixelSize(), chartWriter{
		image: func(w, h int) (image.Image, error) { return viz.ScaledTrainingChart(curves, w, h, exportScale(w, h)) },
		svg:   func(dst io.Writer, w, h int) error { return viz.WriteTrainingSVG(dst, curves, w, h) },
	})
}

// exportTable requests a path and writes the epoch table as CSV, with the
// Keras History names as its header and more digits than the table shows.
func (v *TrainView) exportTable() {
	if len(v.rows) == 0 {
		v.app.showError(errors.New(lang.X("train.no_table", "There is no epoch to export yet; train at least one epoch first")))
		return
	}
	header := make([]string, v.epochColumnCount())
	for c := range header {
		header[c] = v.epochKey(c)
	}
	rows := v.rows // showProgress replaces the slice, it never changes one
	v.app.exportFile("epochs.csv", func(dst io.Writer) error { return writeEpochCSV(dst, header, rows) })
}

// writeEpochCSV writes header and one record per epoch, with the first
// len(header) of epochColumns. An empty cell is a metric that was not
// measured, such as the validation loss without a validation set.
func writeEpochCSV(dst io.Writer, header []string, epochs []model.EpochStats) error {
	w := csv.NewWriter(dst)
	if err := w.Write(header); err != nil {
		return err
	}
	for _, e := range epochs {
		perplexity := e.ValPerplexity
		if perplexity == 0 {
			perplexity = math.NaN() // a classifier has none
		}
		record := []string{
			strconv.Itoa(e.Epoch),
			csvNumber(e.Loss, 6), csvNumber(e.Accuracy, 6), csvNumber(e.ValLoss, 6), csvNumber(e.ValAccuracy, 6),
			csvNumber(e.Seconds, 3), csvNumber(e.SamplesPerSec, 1), csvNumber(perplexity, 4),
		}
		if err := w.Write(record[:len(header)]); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
