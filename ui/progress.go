package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// progressBar is a widget.ProgressBar whose unfilled part has the colour
// of an input field's background. Fyne v2.7.1 draws that part in the
// primary colour at half opacity, so on the dark theme a bar at 0% looks
// almost full.
type progressBar struct {
	widget.ProgressBar
}

// newProgressBar returns an empty progressBar from 0 to 1.
func newProgressBar() *progressBar {
	p := &progressBar{}
	p.Max = 1
	p.ExtendBaseWidget(p)
	return p
}

// CreateRenderer wraps the renderer of widget.ProgressBar so that each
// refresh sets the colours of the unfilled part and of the label again.
func (p *progressBar) CreateRenderer() fyne.WidgetRenderer {
	r := &progressBarRenderer{WidgetRenderer: p.ProgressBar.CreateRenderer(), bar: p}
	r.recolor()
	return r
}

type progressBarRenderer struct {
	fyne.WidgetRenderer
	bar *progressBar
}

func (r *progressBarRenderer) Refresh() {
	r.WidgetRenderer.Refresh()
	r.recolor()
}

// recolor paints the track, the first rectangle of the Fyne renderer
// (drawn under the filled bar), in the input background colour. The label
// is centred, so it is drawn over the track until the bar reaches the
// middle, and until then it has the colour of text on the track.
func (r *progressBarRenderer) recolor() {
	th := r.bar.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	track := th.Color(theme.ColorNameInputBackground, v)
	label := th.Color(theme.ColorNameForegroundOnPrimary, v)
	if r.bar.fraction() < 0.5 {
		label = th.Color(theme.ColorNameForeground, v)
	}

	var trackSet bool
	for _, o := range r.Objects() {
		switch o := o.(type) {
		case *canvas.Rectangle:
			if !trackSet {
				setFill(o, track)
				trackSet = true
			}
		case *canvas.Text:
			if o.Color != label {
				o.Color = label
				o.Refresh()
			}
		}
	}
}

// fraction returns how much of the bar is filled, from 0 to 1.
func (p *progressBar) fraction() float64 {
	if p.Max <= p.Min {
		return 0
	}
	f := (p.Value - p.Min) / (p.Max - p.Min)
	return min(max(f, 0), 1)
}

func setFill(r *canvas.Rectangle, c color.Color) {
	if r.FillColor != c {
		r.FillColor = c
		r.Refresh()
	}
}
