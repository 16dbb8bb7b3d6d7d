package ui

import (
	"errors"
	"fmt"
	"image"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/lang"

	"embedlab/viz"
)

// Snapshot draws the map's current view, its points and labels, into a new
// opaque image at pxPerUnit device pixels per Fyne unit, so that an export
// can have more pixels than the screen. Everything else is the screen's:
// the view, the frame, the selection, the hovered word, the highlights, the
// colours, the label size and the places of the labels. So the dots and
// the text keep their share of the image. pxPerUnit is lowered when a side
// would be longer than viz.MaxChartSide pixels.
//
// Snapshot renders a copy of the map on Fyne's software canvas, so it needs
// no window and works headless. It must be called on the main goroutine.
// It returns an error when the map shows no words, has not been laid out,
// or pxPerUnit is not positive.
func (m *PCAMap) Snapshot(pxPerUnit float32) (image.Image, error) {
	if len(m.words) == 0 {
		return nil, errors.New(lang.X("explore.map_export_empty", "The map shows no words yet; train a model or import vectors first"))
	}
	size := m.Size()
	if size.Width < 1 || size.Height < 1 {
		return nil, errors.New(lang.X("explore.map_export_hidden", "The map is not on screen; open the Explore step and try again"))
	}
	if !(pxPerUnit > 0) || math.IsInf(float64(pxPerUnit), 1) {
		return nil, fmt.Errorf("ui: map snapshot scale %g is invalid; pass a positive number of pixels per unit", pxPerUnit)
	}
	pxPerUnit = min(pxPerUnit, viz.MaxChartSide/size.Width, viz.MaxChartSide/size.Height)

	img, _ := m.renderCopy(pxPerUnit)
	return img, nil
}

// renderCopy draws an export copy of the map on a software canvas at
// pxPerUnit and returns the image and the copy.
func (m *PCAMap) renderCopy(pxPerUnit float32) (image.Image, *PCAMap) {
	c := software.NewCanvas()
	c.SetPadded(false)
	c.SetScale(pxPerUnit)
	cp := m.exportCopy()
	c.SetContent(cp)
	c.Resize(m.Size())
	return c.Capture(), cp
}

// exportCopy returns a map that shows what m shows, for Snapshot. It
// shares m's words and points, which neither map changes in place, and
// places its labels for m's pixel density, so they sit where m's do.
func (m *PCAMap) exportCopy() *PCAMap {
	c := NewPCAMap()
	c.words, c.wordsGen, c.index = m.words, m.wordsGen, m.index
	c.frames, c.frame, c.xs, c.ys, c.grid = m.frames, m.frame, m.xs, m.ys, m.grid
	c.colors, c.highlights, c.neighbours = m.colors, m.highlights, m.neighbours
	c.matchColored = m.matchColored
	c.selected, c.hovered = m.selected, m.hovered
	c.centerX, c.centerY, c.scale, c.fitScale = m.centerX, m.centerY, m.scale, m.fitScale
	c.labelSize = m.labelSize
	c.labelPxPerUnit = m.pxPerUnit
	c.textWidth = make([]float32, len(m.words))
	c.labelled = make([]bool, len(m.words))
	return c
}

// slidePixelScale returns the device pixels per Fyne unit at which
// Snapshot makes exportScale times the pixels that the map has on screen,
// as the PNG exports of the charts do. A map on no canvas counts as one
// pixel per unit.
func (m *PCAMap) slidePixelScale() float32 {
	screen := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(m); c != nil && c.Scale() > 0 {
		screen = c.Scale()
	}
	s := m.Size()
	w := int(math.Ceil(float64(s.Width * screen)))
	h := int(math.Ceil(float64(s.Height * screen)))
	return screen * float32(exportScale(w, h))
}

// ShownPoints returns copies of the words on the map and their data
// coordinates in the frame shown, in point order. All three are nil when
// the map is empty.
func (m *PCAMap) ShownPoints() (words []string, xs, ys []float64) {
	if len(m.words) == 0 {
		return nil, nil, nil
	}
	return slices.Clone(m.words), slices.Clone(m.xs), slices.Clone(m.ys)
}
