package ui

import (
	"image"
	"image/color"
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"embedlab/viz"
)

// labelKind is the group a label belongs to, which sets its style.
type labelKind int

const (
	labelFrequent labelKind = iota
	labelHighlight
	labelNeighbour
	labelHovered
	labelSelected
)

// drawRaster is the raster's generator: it draws every point into an image
// of w×h device pixels that is reused while the size stays the same.
func (m *PCAMap) drawRaster(w, h int) image.Image {
	if m.OnFrame != nil {
		start := time.Now()
		defer func() { m.OnFrame(w, h, time.Since(start)) }()
	}
	if m.img == nil || m.img.Rect.Dx() != w || m.img.Rect.Dy() != h {
		m.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	pxPerUnit := float32(1)
	if s := m.Size(); s.Width > 0 {
		pxPerUnit = float32(w) / s.Width
	}
	m.pxPerUnit = pxPerUnit
	m.drawPoints(m.img, pxPerUnit)
	return m.img
}

// drawPoints clears img to the background colour and draws the points in
// layers, each over the one before: all points, the highlighted ones, the
// neighbours, the hovered and the selected point. pxPerUnit is the number
// of device pixels per Fyne unit.
func (m *PCAMap) drawPoints(img *image.RGBA, pxPerUnit float32) {
	fillImage(img, toRGBA(theme.Color(theme.ColorNameInputBackground)))
	if len(m.words) == 0 {
		return
	}
	fg := toRGBA(theme.Color(theme.ColorNameForeground))
	marks := currentMarkColors()
	radius := func(units float32) int { return dotPixels(units, pxPerUnit) }

	small := m.disc(radius(mapPointRadius))
	n := len(m.words)
	for i := range n {
		m.stamp(img, i, pxPerUnit, small, m.pointColor(i, n))
	}

	large := m.disc(radius(mapHighlightRadius))
	for _, i := range m.highlights {
		c := m.pointColor(i, n)
		if m.matchColored {
			c = marks.match
		}
		m.stamp(img, i, pxPerUnit, large, c)
	}

	// A neighbour is a ring in the neighbour colour around a dot in the
	// colour mode's fill, so that a neighbour still shows its class or its
	// search match.
	rn := radius(mapNeighbourRadius)
	outline, ring := m.disc(rn+1), m.disc(rn)
	fill := m.disc(rn - markRingPixels(rn))
	for _, i := range m.neighbours {
		m.stamp(img, i, pxPerUnit, outline, fg)
		m.stamp(img, i, pxPerUnit, ring, marks.neighbour)
		m.stamp(img, i, pxPerUnit, fill, m.fillColor(i, n, marks))
	}

	if m.hovered >= 0 {
		m.stamp(img, m.hovered, pxPerUnit, outline, fg)
		m.stamp(img, m.hovered, pxPerUnit, ring, m.fillColor(m.hovered, n, marks))
	}
	if m.selected >= 0 {
		m.drawSelected(img, pxPerUnit, fg, marks.selected)
	}
}

// drawSelected draws the selected word as a target: a ring in the selected
// colour, outlined in fg, around a hole in the background colour with a
// centre dot. No colour scale fills a dot that way, so the selected word
// cannot be taken for a word that a scale colours like the mark.
func (m *PCAMap) drawSelected(img *image.RGBA, pxPerUnit float32, fg, mark color.RGBA) {
	r := dotPixels(mapSelectedRadius, pxPerUnit)
	bg := toRGBA(theme.Color(theme.ColorNameInputBackground))
	m.stamp(img, m.selected, pxPerUnit, m.disc(r+1), fg)
	m.stamp(img, m.selected, pxPerUnit, m.disc(r), mark)
	m.stamp(img, m.selected, pxPerUnit, m.disc(r-markRingPixels(r)), bg)
	m.stamp(img, m.selected, pxPerUnit, m.disc(max(1, r/3)), mark)
}

// markRingPixels returns the width in pixels of the ring that marks a
// neighbour or the selected word in a dot of radius r pixels. It is two
// fifths of the radius, and at least 2 pixels so that the ring shows at 1
// pixel per unit.
func markRingPixels(r int) int {
	return max(2, (2*r+2)/5)
}

// fillColor returns the colour of point i's dot: the match colour for a
// search match when matches are coloured, the colour mode's otherwise.
func (m *PCAMap) fillColor(i, n int, marks markColors) color.RGBA {
	if m.matchColored && slices.Contains(m.highlights, i) {
		return marks.match
	}
	return m.pointColor(i, n)
}

func (m *PCAMap) pointColor(i, n int) color.RGBA {
	if m.colors != nil {
		return m.colors[i]
	}
	return viz.FrequencyColor(i, n)
}

// stamp paints the disc offsets around point i in c, clipped to img.
func (m *PCAMap) stamp(img *image.RGBA, i int, pxPerUnit float32, disc []image.Point, c color.RGBA) {
	x, y := m.toScreen(m.xs[i], m.ys[i])
	if math.IsNaN(float64(x)) || math.IsNaN(float64(y)) {
		return
	}
	cx, cy := int(x*pxPerUnit), int(y*pxPerUnit)
	b := img.Rect
	// Skip points wholly outside before looking at each offset. The first
	// offset is on the disc's top row, so it gives the radius.
	reach := 1
	if len(disc) > 0 {
		reach = 1 - disc[0].Y
	}
	if cx < b.Min.X-reach || cy < b.Min.Y-reach || cx >= b.Max.X+reach || cy >= b.Max.Y+reach {
		return
	}
	for _, d := range disc {
		px, py := cx+d.X, cy+d.Y
		if px < b.Min.X || py < b.Min.Y || px >= b.Max.X || py >= b.Max.Y {
			continue
		}
		o := (py-b.Min.Y)*img.Stride + (px-b.Min.X)*4
		p := img.Pix[o : o+4 : o+4]
		p[0], p[1], p[2], p[3] = c.R, c.G, c.B, c.A
	}
}

// mapMaxDiscPixels bounds the radius of a dot in pixels. The largest dot,
// the selected word's, is 4.6 units plus a ring, so the bound is reached
// only beyond 20 pixels per unit, more than Snapshot uses for a slide.
const mapMaxDiscPixels = 96

// disc returns the pixel offsets of a filled disc of radius r, computed
// once per radius. Radii above mapMaxDiscPixels are drawn at that radius.
func (m *PCAMap) disc(r int) []image.Point {
	r = min(r, mapMaxDiscPixels)
	if d, ok := m.discs[r]; ok {
		return d
	}
	var d []image.Point
	// r² + r keeps the rim round for small radii, where r² alone gives a
	// plus sign at r = 1.
	limit := r*r + r
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			if dx*dx+dy*dy <= limit {
				d = append(d, image.Pt(dx, dy))
			}
		}
	}
	m.discs[r] = d
	return d
}

// fillImage sets every pixel of img to c, copying the first row to the
// others because that is faster than setting each pixel.
func fillImage(img *image.RGBA, c color.RGBA) {
	b := img.Rect
	if b.Empty() {
		return
	}
	row := img.Pix[:b.Dx()*4]
	for i := 0; i < len(row); i += 4 {
		row[i], row[i+1], row[i+2], row[i+3] = c.R, c.G, c.B, c.A
	}
	for y := 1; y < b.Dy(); y++ {
		copy(img.Pix[y*img.Stride:y*img.Stride+len(row)], row)
	}
}

func toRGBA(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: uint8(a >> 8)}
}

// pcaMapRenderer draws a PCAMap: the raster of points and a pool of text
// objects for the labels, each with a leader line for a label placed away
// from its dot.
//
// A word labelled in two frames in a row keeps its text object, so that
// zooming and panning only move the labels. The GL painter renders a text
// object to a texture again whenever its text changes, which made a zoom
// with changing words in each slot about a third slower under Xvfb.
type pcaMapRenderer struct {
	m       *PCAMap
	raster  *canvas.Raster
	labels  []*canvas.Text
	leaders []*canvas.Line // per text object: its leader line, hidden when not needed
	objects []fyne.CanvasObject

	chosen    []chosenLabel // this frame's labels, reused
	slotPoint []int         // per text object: the point it shows, -1 when hidden
	pointSlot []int         // per point: its text object, -1 when none
	wordsGen  int           // the PCAMap.wordsGen that pointSlot belongs to
}

// chosenLabel is a label placed in this frame.
type chosenLabel struct {
	point int
	rect  viz.Rect
	kind  labelKind
	// leads is true when the label is placed away from its dot, so a
	// leader line from the dot's edge at from to the label's nearest
	// point at to shows which dot it names.
	leads    bool
	from, to fyne.Position
}

func (r *pcaMapRenderer) Layout(s fyne.Size) {
	r.raster.Resize(s)
	r.layoutLabels()
}

func (r *pcaMapRenderer) MinSize() fyne.Size { return r.m.MinSize() }

func (r *pcaMapRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *pcaMapRenderer) Destroy() {}

// Refresh places the labels again and redraws the points.
func (r *pcaMapRenderer) Refresh() {
	r.layoutLabels()
	r.raster.Refresh()
}
