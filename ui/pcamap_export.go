package ui

import (
	"errors"
	"image"
	"image/draw"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
)

// Snapshot returns the map as it is drawn on screen, the points and the
// labels of the current view, at the canvas's device pixels. It captures
// the window, so it must be called on the main goroutine while nothing
// covers the map. It returns an error when the map shows no words or is
// not on a canvas.
//
// NOTE: the crop is tested with Fyne's test driver at scales 1, 1.5 and 2,
// and matched the screen pixel for pixel in a GL window under Xvfb (Mesa
// softpipe) at FYNE_SCALE 1, 1.5 and 2. A macOS Retina screen, whose
// framebuffer has more pixels than the canvas scale gives, is unchecked.
func (m *PCAMap) Snapshot() (image.Image, error) {
	if len(m.words) == 0 {
		return nil, errors.New(lang.X("explore.map_export_empty", "The map shows no words yet; train a model or import vectors first"))
	}
	drv := fyne.CurrentApp().Driver()
	c := drv.CanvasForObject(m)
	if c == nil {
		return nil, errors.New(lang.X("explore.map_export_hidden", "The map is not on screen; open the Explore step and try again"))
	}
	shot := c.Capture()
	if shot == nil {
		return nil, errors.New(lang.X("explore.map_export_capture", "Capturing the window failed; try again, or export the vectors and draw the map elsewhere"))
	}

	scale := float64(c.Scale())
	pos, size := drv.AbsolutePositionForObject(m), m.Size()
	// Fyne's test driver reports positions within the canvas's interactive
	// area, which starts a few units into the canvas that Capture shows. The
	// content's own position is in canvas coordinates in every driver, so
	// the difference corrects for that.
	if content := c.Content(); content != nil {
		pos = pos.Add(content.Position().Subtract(drv.AbsolutePositionForObject(content)))
	}
	// At a fractional position, the pixel that the map's edge cuts may show
	// the map or its surroundings, depending on the painter (Fyne's software
	// painter shows the surroundings), so the crop keeps only the pixels
	// wholly inside the map.
	start := func(v float32) int { return int(math.Ceil(float64(v) * scale)) }
	end := func(v float32) int { return int(math.Floor(float64(v) * scale)) }
	rect := image.Rect(start(pos.X), start(pos.Y), end(pos.X+size.Width), end(pos.Y+size.Height))
	rect = rect.Intersect(shot.Bounds())
	if rect.Empty() {
		return nil, errors.New(lang.X("explore.map_export_outside", "The map lies outside the window; enlarge the window so the map is visible and try again"))
	}

	return opaqueCrop(shot, rect), nil
}

// opaqueCrop copies the rect part of a window capture into a new image and
// makes every pixel opaque. The window is opaque, but a GL framebuffer
// without alpha bits reads back with alpha 0, which a PNG would keep as a
// fully transparent image.
func opaqueCrop(shot image.Image, rect image.Rectangle) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, rect.Dx(), rect.Dy()))
	draw.Draw(out, out.Bounds(), shot, rect.Min, draw.Src)
	for i := 3; i < len(out.Pix); i += 4 {
		out.Pix[i] = 255
	}
	return out
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
