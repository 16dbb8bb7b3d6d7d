package ui

import (
	"encoding/csv"
	"errors"
	"image/png"
	"io"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
	"embedlab/model/wordvec"
	"embedlab/viz"
)

// newExportButtons returns the row of buttons that save the chart as PNG
// or SVG and the epoch table as CSV.
func (v *TrainView) newExportButtons() fyne.CanvasObject {
	v.exportPNG = widget.NewButton(lang.X("train.export_png", "Chart as PNG…"), func() { v.exportChart("png") })
	v.exportSVG = widget.NewButton(lang.X("train.export_svg", "Chart as SVG…"), func() { v.exportChart("svg") })
	v.exportCSV = widget.NewButton(lang.X("train.export_csv", "Table as CSV…"), v.exportTable)
	return container.NewHBox(widget.NewLabel(lang.X("train.export", "Export:")), v.exportPNG, v.exportSVG, v.exportCSV)
}

// exportChart requests a path and writes the chart shown, at its size on
// screen and with its settings, as "png" or "svg".
func (v *TrainView) exportChart(format string) {
	p := v.shownProgress
	if len(p.BatchLoss) == 0 {
		v.app.showError(errors.New(lang.X("train.no_chart", "There is no chart to export yet; start a training run first")))
		return
	}
	curves := trainingCurves(p, v.chartOptions())
	px := v.chart.pixelSize()
	w, h := max(px.X, viz.MinChartWidth), max(px.Y, viz.MinChartHeight)
	v.saveAs("training."+format, func(dst io.Writer) error {
		if format == "svg" {
			return viz.WriteTrainingSVG(dst, curves, w, h)
		}
		img, err := viz.TrainingChart(curves, w, h)
		if err != nil {
			return err
		}
		return png.Encode(dst, img)
	})
}

// exportTable requests a path and writes the epoch table as CSV, with the
// table's header and more digits than the table shows.
func (v *TrainView) exportTable() {
	if len(v.rows) == 0 {
		v.app.showError(errors.New(lang.X("train.no_table", "There is no epoch to export yet; train at least one epoch first")))
		return
	}
	header := make([]string, len(epochColumns))
	for c := range header {
		header[c] = v.epochHeader(c)
	}
	rows := v.rows // showProgress replaces the slice, it never changes one
	v.saveAs("epochs.csv", func(dst io.Writer) error { return writeEpochCSV(dst, header, rows) })
}

// writeEpochCSV writes header and one record per epoch. An empty cell is
// a metric that was not measured, such as the validation loss without a
// validation set.
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
		if err := w.Write(record); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// csvNumber formats x with digits after the point, or "" when x is not
// finite.
func csvNumber(x float64, digits int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return strconv.FormatFloat(x, 'f', digits, 64)
}

// saveAs requests a path with the SaveFile option, suggesting name, and
// writes it atomically with write on a goroutine. The status line reports
// the result, and an error also shows in a dialog.
func (v *TrainView) saveAs(name string, write func(dst io.Writer) error) {
	a := v.app
	save := a.opts.SaveFile
	if save == nil {
		save = ShowFileSave
	}
	save(a.win, name, func(path string, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if path == "" {
			return // cancelled
		}
		a.setActivity(lang.X("status.exporting", "Writing {{.Path}}…", map[string]any{"Path": path}))
		go func() {
			err := wordvec.WriteFileAtomic(path, write)
			a.post(func() {
				if err != nil {
					a.setActivity("")
					a.showError(err)
					return
				}
				a.setActivity(lang.X("status.exported", "Wrote {{.Path}}", map[string]any{"Path": path}))
			})
		}()
	})
}
