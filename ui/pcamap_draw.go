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
	primary := toRGBA(theme.Color(theme.ColorNamePrimary))
	selectedColor := toRGBA(theme.Color(theme.ColorNameError))
	radius := func(units float32) int { return dotPixels(units, pxPerUnit) }

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
// objects for the labels.
//
// A word labelled in two frames in a row keeps its text object, so that
// zooming and panning only move the labels. The GL painter renders a text
// object to a texture again whenever its text changes, which made a zoom
// with changing words in each slot about a third slower under Xvfb.
type pcaMapRenderer struct {
	m       *PCAMap
	raster  *canvas.Raster
	labels  []*canvas.Text
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
// group bounded so that a frame stays cheap. Then it shows them.
func (r *pcaMapRenderer) layoutLabels() {
	m := r.m
	s := m.Size()
	m.placer.Reset(viz.Rect{W: s.Width, H: s.Height})
	clear(m.labelled)
	r.chosen = r.chosen[:0]

	// The selected word, the hovered word and the neighbours are labelled
	// first, and no label may cover their dots, their own included.
	type marked struct {
		i    int
		kind labelKind
	}
	var first []marked
	if m.selected >= 0 {
		first = append(first, marked{m.selected, labelSelected})
	}
	if m.hovered >= 0 {
		first = append(first, marked{m.hovered, labelHovered})
	}
	for _, i := range m.neighbours {
		first = append(first, marked{i, labelNeighbour})
	}
	for _, w := range first {
		r.reserveDot(w.i, w.kind)
	}
	for _, w := range first {
		r.choose(w.i, w.kind)
	}
	for k, i := range m.highlights {
		if k >= mapHighlightLabels {
			break
		}
		r.choose(i, labelHighlight)
	}

	placed, tries := 0, 0
	for i := 0; i < len(m.words) && placed < mapFrequentLabels && tries < mapLabelTries; i++ {
		if m.labelled[i] || !m.onScreen(m.xs[i], m.ys[i]) {
			continue
		}
		tries++
		if r.choose(i, labelFrequent) {
			placed++
		}
	}

	r.showChosen()
}

// dotPixels returns the radius in device pixels of a dot of radius units.
func dotPixels(units, pxPerUnit float32) int {
	return max(1, int(math.Round(float64(units*pxPerUnit))))
}

// dotExtent returns the distance in Fyne units from a point's centre to the
// edge of the dot that drawPoints paints for a label of kind, ring included.
// Before the first raster is drawn it assumes one pixel per unit.
func (m *PCAMap) dotExtent(kind labelKind) float32 {
	p := m.pxPerUnit
	if p <= 0 {
		p = 1
	}
	var px int
	switch kind {
	case labelSelected:
		px = dotPixels(mapSelectedRadius, p) + 1
	case labelNeighbour, labelHovered:
		px = dotPixels(mapNeighbourRadius, p) + 1
	case labelHighlight:
		px = dotPixels(mapHighlightRadius, p)
	default:
		px = dotPixels(mapPointRadius, p)
	}
	// A dot of radius px covers whole pixels up to px from the pixel that
	// contains the centre, so it reaches up to px + 1 pixels from the point.
	return float32(px+1) / p
}

// reserveDot keeps labels off the dot of point i, drawn for kind.
func (r *pcaMapRenderer) reserveDot(i int, kind labelKind) {
	m := r.m
	if !m.onScreen(m.xs[i], m.ys[i]) {
		return
	}
	x, y := m.toScreen(m.xs[i], m.ys[i])
	e := m.dotExtent(kind)
	m.placer.Reserve(viz.Rect{X: x - e, Y: y - e, W: 2 * e, H: 2 * e})
}

// choose places the label of point i beside its dot if there is room.
func (r *pcaMapRenderer) choose(i int, kind labelKind) bool {
	m := r.m
	if m.labelled[i] || !m.onScreen(m.xs[i], m.ys[i]) {
		return false
	}
	w, h := m.measure(i)
	x, y := m.toScreen(m.xs[i], m.ys[i])
	rect, ok := m.placer.Place(x, y, w, h, m.dotExtent(kind)+mapLabelGap)
	if !ok {
		return false
	}
	m.labelled[i] = true
	r.chosen = append(r.chosen, chosenLabel{point: i, rect: rect, kind: kind})
	return true
}

// showChosen shows the chosen labels, each in the text object that showed
// its word in the last frame when there was one, and hides the rest.
func (r *pcaMapRenderer) showChosen() {
	m := r.m
	if r.wordsGen != m.wordsGen || len(r.pointSlot) != len(m.words) {
		// New words: the old point numbers mean nothing any more.
		r.wordsGen = m.wordsGen
		r.pointSlot = slices.Grow(r.pointSlot[:0], len(m.words))[:len(m.words)]
		for i := range r.pointSlot {
			r.pointSlot[i] = -1
		}
		for s := range r.slotPoint {
			r.slotPoint[s] = -1
		}
	}

	// Free the objects of words no longer labelled.
	for s, p := range r.slotPoint {
		if p >= 0 && !m.labelled[p] {
			r.slotPoint[s], r.pointSlot[p] = -1, -1
		}
	}

	free := 0 // objects before free are all in use
	for _, c := range r.chosen {
		s := r.pointSlot[c.point]
		if s < 0 {
			for free < len(r.slotPoint) && r.slotPoint[free] >= 0 {
				free++
			}
			if free == len(r.labels) {
				t := canvas.NewText("", color.Black)
				t.Hide()
				r.labels = append(r.labels, t)
				r.objects = append(r.objects, t)
				r.slotPoint = append(r.slotPoint, -1)
			}
			s = free
			r.slotPoint[s], r.pointSlot[c.point] = c.point, s
		}
		r.showLabel(r.labels[s], c)
	}

	for s, t := range r.labels {
		if r.slotPoint[s] < 0 && t.Visible() {
			t.Hide()
		}
	}
}

// showLabel sets t to show c, refreshing its text only when it changes.
func (r *pcaMapRenderer) showLabel(t *canvas.Text, c chosenLabel) {
	m := r.m
	col := theme.Color(theme.ColorNameForeground)
	if c.kind == labelNeighbour {
		col = theme.Color(theme.ColorNamePrimary)
	}
	bold := c.kind == labelSelected || c.kind == labelHovered
	word := m.words[c.point]
	if t.Text != word || t.Color != col || t.TextSize != m.labelSize || t.TextStyle.Bold != bold {
		t.Text, t.Color, t.TextSize, t.TextStyle.Bold = word, col, m.labelSize, bold
		t.Refresh()
	}
	t.Move(fyne.NewPos(c.rect.X, c.rect.Y))
	t.Resize(fyne.NewSize(c.rect.W, c.rect.H))
	if !t.Visible() {
		t.Show()
	}
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
