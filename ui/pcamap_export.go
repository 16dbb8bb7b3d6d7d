package ui

import (
	"errors"
	"image"
	"image/draw"
	"math"
	"slices"

	"fyne.io/fyne/v2"
)

// Snapshot returns the map as it is drawn on screen, the points and the
// labels of the current view, at the canvas's device pixels. It captures
// the window, so it must be called on the main goroutine while nothing
// covers the map. It returns an error when the map shows no words or is
// not on a canvas.
//
// NOTE: tests run only Fyne's software test driver at scale 1. The crop
// under the GL driver on a HiDPI screen has not been checked.
func (m *PCAMap) Snapshot() (image.Image, error) {
	if len(m.words) == 0 {
		return nil, errors.New("ui: the map shows no words")
	}
	drv := fyne.CurrentApp().Driver()
	c := drv.CanvasForObject(m)
	if c == nil {
		return nil, errors.New("ui: the map is not shown in a window")
	}
	shot := c.Capture()
	if shot == nil {
		return nil, errors.New("ui: capturing the window failed")
	}

	scale := float64(c.Scale())
	pos, size := drv.AbsolutePositionForObject(m), m.Size()
	px := func(v float32) int { return int(math.Round(float64(v) * scale)) }
	rect := image.Rect(px(pos.X), px(pos.Y), px(pos.X+size.Width), px(pos.Y+size.Height))
	rect = rect.Intersect(shot.Bounds())
	if rect.Empty() {
		return nil, errors.New("ui: the map lies outside the window")
	}

	out := image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	draw.Draw(out, out.Bounds(), shot, rect.Min, draw.Src)
	return out, nil
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
