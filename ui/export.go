package ui

import (
	"encoding/csv"
	"image"
	"image/png"
	"io"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/model/wordvec"
	"embedlab/viz"
)

// exportButtons are the buttons of an Export row. A button whose action is
// nil is left out of the row and stays nil.
type exportButtons struct {
	png, svg, csv *widget.Button
}

// newExportRow returns an "Export:" row with the buttons "Chart as PNG…",
// "Chart as SVG…" and "Table as CSV…" for the actions that are not nil.
func newExportRow(onPNG, onSVG, onCSV func()) (exportButtons, fyne.CanvasObject) {
	var b exportButtons
	row := container.NewHBox(widget.NewLabel(lang.X("export.label", "Export:")))
	if onPNG != nil {
		b.png = widget.NewButton(lang.X("export.chart_png", "Chart as PNG…"), onPNG)
		row.Add(b.png)
	}
	if onSVG != nil {
		b.svg = widget.NewButton(lang.X("export.chart_svg", "Chart as SVG…"), onSVG)
		row.Add(b.svg)
	}
	if onCSV != nil {
		b.csv = widget.NewButton(lang.X("export.table_csv", "Table as CSV…"), onCSV)
		row.Add(b.csv)
	}
	return b, row
}

// setEnabled enables or disables the buttons of the row.
func (b exportButtons) setEnabled(on bool) {
	for _, btn := range []*widget.Button{b.png, b.svg, b.csv} {
		switch {
		case btn == nil:
		case on:
			btn.Enable()
		default:
			btn.Disable()
		}
	}
}

// chartWriter draws one chart at w×h pixels, as an image for PNG or as SVG
// to dst. Both run on a goroutine, so they must only read data that
// nothing else changes.
type chartWriter struct {
	image func(w, h int) (image.Image, error)
	svg   func(dst io.Writer, w, h int) error
}

// exportChart requests a path, suggesting name plus "."+format, and writes
// the chart of c there as "png" or "svg" at px, the chart's size on screen
// in device pixels, raised to viz's minimum chart size.
func (a *App) exportChart(name, format string, px image.Point, c chartWriter) {
	w, h := max(px.X, viz.MinChartWidth), max(px.Y, viz.MinChartHeight)
	a.exportFile(name+"."+format, func(dst io.Writer) error {
		if format == "svg" {
			return c.svg(dst, w, h)
		}
		img, err := c.image(w, h)
		if err != nil {
			return err
		}
		return png.Encode(dst, img)
	})
}

// writeCSV writes header and records to dst as CSV.
func writeCSV(dst io.Writer, header []string, records [][]string) error {
	w := csv.NewWriter(dst)
	if err := w.Write(header); err != nil {
		return err
	}
	if err := w.WriteAll(records); err != nil {
		return err
	}
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

// exportFile requests a path with the SaveFile option, suggesting name, and
// writes it atomically with write on a goroutine. The status line reports
// the result, and an error also shows in a dialog.
func (a *App) exportFile(name string, write func(dst io.Writer) error) {
	a.saveWith(name, func(path string) error { return wordvec.WriteFileAtomic(path, write) }, nil)
}

// saveWith requests a path with the SaveFile option, suggesting name, and
// runs write on it on a goroutine. The status line reports the result, an
// error also shows in a dialog, and done, when not nil, gets the path and
// the error on the main goroutine. A cancelled request does nothing.
func (a *App) saveWith(name string, write func(path string) error, done func(path string, err error)) {
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
			err := write(path)
			a.post(func() {
				if err != nil {
					a.setActivity("")
					a.showError(err)
				} else {
					a.flashActivity(lang.X("status.exported", "Wrote {{.Path}}", map[string]any{"Path": path}))
				}
				if done != nil {
					done(path, err)
				}
			})
		}()
	})
}
