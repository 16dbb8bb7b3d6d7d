package ui

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"embedlab/viz"
)

// labelKind is why a word is labelled, which sets its style.
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
	if m.img == nil || m.img.Rect.Dx() != w || m.img.Rect.Dy() != h {
		m.img = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	pxPerUnit := float32(1)
	if s := m.Size(); s.Width > 0 {
		pxPerUnit = float32(w) / s.Width
	}
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
	primary := toRGBA(theme.Color(theme.ColorNamePrimary))
	selectedColor := toRGBA(theme.Color(theme.ColorNameError))
	radius := func(units float32) int { return max(1, int(math.Round(float64(units*pxPerUnit)))) }

	small := m.disc(radius(mapPointRadius))
	n := len(m.words)
	for i := range n {
		m.stamp(img, i, pxPerUnit, small, m.pointColor(i, n))
	}

	large := m.disc(radius(mapHighlightRadius))
	for _, i := range m.highlights {
		m.stamp(img, i, pxPerUnit, large, m.pointColor(i, n))
	}

	ring, dot := m.disc(radius(mapNeighbourRadius)+1), m.disc(radius(mapNeighbourRadius))
	for _, i := range m.neighbours {
		m.stamp(img, i, pxPerUnit, ring, fg)
		m.stamp(img, i, pxPerUnit, dot, primary)
	}

	if m.hovered >= 0 {
		m.stamp(img, m.hovered, pxPerUnit, ring, fg)
		m.stamp(img, m.hovered, pxPerUnit, dot, m.pointColor(m.hovered, n))
	}
	if m.selected >= 0 {
		r := radius(mapSelectedRadius)
		m.stamp(img, m.selected, pxPerUnit, m.disc(r+1), fg)
		m.stamp(img, m.selected, pxPerUnit, m.disc(r), selectedColor)
	}
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
	// Skip points wholly outside before looking at each offset; the
	// largest disc is a few pixels across.
	if cx < b.Min.X-16 || cy < b.Min.Y-16 || cx >= b.Max.X+16 || cy >= b.Max.Y+16 {
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

// disc returns the pixel offsets of a filled disc of radius r, computed
// once per radius. Radii above 15 are drawn as 15.
func (m *PCAMap) disc(r int) []image.Point {
	r = min(r, 15)
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
// objects for the labels, of which the first shown are visible.
type pcaMapRenderer struct {
	m       *PCAMap
	raster  *canvas.Raster
	labels  []*canvas.Text
	shown   int
	objects []fyne.CanvasObject
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

// layoutLabels chooses and places this frame's labels in order of
// importance: the selected word, the hovered word, the neighbours, the
// highlighted words and then the most frequent words on screen, each
// group bounded so that a frame stays cheap.
func (r *pcaMapRenderer) layoutLabels() {
	m := r.m
	s := m.Size()
	m.placer.Reset(viz.Rect{W: s.Width, H: s.Height})
	clear(m.taken)
	r.shown = 0

	if m.selected >= 0 {
		r.label(m.selected, labelSelected)
	}
	if m.hovered >= 0 {
		r.label(m.hovered, labelHovered)
	}
	for _, i := range m.neighbours {
		r.label(i, labelNeighbour)
	}
	for k, i := range m.highlights {
		if k >= mapHighlightLabels {
			break
		}
		r.label(i, labelHighlight)
	}

	placed, tries := 0, 0
	for i := 0; i < len(m.words) && placed < mapFrequentLabels && tries < mapLabelTries; i++ {
		if m.taken[i] || !m.onScreen(m.xs[i], m.ys[i]) {
			continue
		}
		tries++
		if r.label(i, labelFrequent) {
			placed++
		}
	}

	for _, t := range r.labels[r.shown:] {
		if t.Visible() {
			t.Hide()
		}
	}
}

// label places the label of point i if there is room, and shows it in
// the next text object of the pool.
func (r *pcaMapRenderer) label(i int, kind labelKind) bool {
	m := r.m
	if m.taken[i] || !m.onScreen(m.xs[i], m.ys[i]) {
		return false
	}
	size := m.labelSize
	w, h := m.measure(i)
	x, y := m.toScreen(m.xs[i], m.ys[i])
	rect, ok := m.placer.Place(x, y, w, h, mapSelectedRadius+1)
	if !ok {
		return false
	}
	m.taken[i] = true

	if r.shown == len(r.labels) {
		t := canvas.NewText("", color.Black)
		r.labels = append(r.labels, t)
		r.objects = append(r.objects, t)
	}
	t := r.labels[r.shown]
	r.shown++

	c := theme.Color(theme.ColorNameForeground)
	bold := kind == labelSelected || kind == labelHovered
	if kind == labelNeighbour {
		c = theme.Color(theme.ColorNamePrimary)
	}
	if t.Text != m.words[i] || t.Color != c || t.TextSize != size || t.TextStyle.Bold != bold {
		t.Text, t.Color, t.TextSize, t.TextStyle.Bold = m.words[i], c, size, bold
		t.Refresh()
	}
	t.Move(fyne.NewPos(rect.X, rect.Y))
	t.Resize(fyne.NewSize(rect.W, rect.H))
	if !t.Visible() {
		t.Show()
	}
	return true
}

// measure returns the size of point i's label at the current text size,
// measured once per size. Bold labels are measured bold, so that a hovered
// or selected label is not cut short.
func (m *PCAMap) measure(i int) (w, h float32) {
	bold := fyne.TextStyle{Bold: true}
	if m.measureAt != m.labelSize {
		clear(m.textWidth)
		m.measureAt = m.labelSize
		m.textHeight = fyne.MeasureText("Ag", m.labelSize, bold).Height
	}
	if m.textWidth[i] == 0 {
		m.textWidth[i] = fyne.MeasureText(m.words[i], m.labelSize, bold).Width
	}
	return m.textWidth[i], m.textHeight
}
