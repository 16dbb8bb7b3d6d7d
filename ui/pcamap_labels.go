package ui

import (
	"image/color"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"

	"embedlab/viz"
)

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
	// first, and no label may cover their dots, their own included. Being
	// first, they take the room that frequent words' labels would take.
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
	if m.labelPxPerUnit > 0 {
		p = m.labelPxPerUnit
	}
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
	if !m.dotVisible(i, kind) {
		return
	}
	x, y := m.toScreen(m.xs[i], m.ys[i])
	e := m.dotExtent(kind)
	m.placer.Reserve(viz.Rect{X: x - e, Y: y - e, W: 2 * e, H: 2 * e})
}

// dotVisible reports whether any of the dot of point i, drawn for kind,
// is inside the widget. A dot whose centre lies just past an edge still
// shows part of itself, and the user can click it.
func (m *PCAMap) dotVisible(i int, kind labelKind) bool {
	x, y := m.toScreen(m.xs[i], m.ys[i])
	e, s := m.dotExtent(kind), m.Size()
	return x > -e && y > -e && x < s.Width+e && y < s.Height+e
}

// choose places the label of point i beside its dot if there is room.
// The selected word's label is always placed, inside the widget even when
// its dot is at an edge. The hovered word's and the neighbours' labels are
// moved inside and tried further out, with a leader line, before they
// give up. Other labels get only the eight places beside their dots.
func (r *pcaMapRenderer) choose(i int, kind labelKind) bool {
	m := r.m
	if m.labelled[i] {
		return false
	}
	visible := m.onScreen(m.xs[i], m.ys[i])
	if kind == labelSelected || kind == labelHovered || kind == labelNeighbour {
		visible = m.dotVisible(i, kind)
	}
	if !visible {
		return false
	}

	w, h := m.measure(i)
	x, y := m.toScreen(m.xs[i], m.ys[i])
	gap := m.dotExtent(kind) + mapLabelGap
	var rect viz.Rect
	ok := true
	switch kind {
	case labelSelected:
		rect = m.placer.PlaceAlways(x, y, w, h, gap)
	case labelHovered, labelNeighbour:
		rect, ok = m.placer.PlaceInside(x, y, w, h, gap)
	default:
		rect, ok = m.placer.Place(x, y, w, h, gap)
	}
	if !ok {
		return false
	}

	m.labelled[i] = true
	c := chosenLabel{point: i, rect: rect, kind: kind}
	c.leads, c.from, c.to = leaderFor(x, y, m.dotExtent(kind), gap+h/2, rect)
	r.chosen = append(r.chosen, c)
	return true
}

// leaderFor returns the leader line from the edge of a dot of radius extent
// at (x, y) to the nearest point of its label rect. leads is false when
// that point is within beside of the dot's centre, where the label reads
// as the dot's name without a line.
func leaderFor(x, y, extent, beside float32, rect viz.Rect) (leads bool, from, to fyne.Position) {
	nx := max(rect.X, min(x, rect.X+rect.W))
	ny := max(rect.Y, min(y, rect.Y+rect.H))
	dx, dy := nx-x, ny-y
	dist := float32(math.Hypot(float64(dx), float64(dy)))
	if dist <= beside {
		return false, fyne.Position{}, fyne.Position{}
	}
	from = fyne.NewPos(x+dx/dist*extent, y+dy/dist*extent)
	return true, from, fyne.NewPos(nx, ny)
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
				line := canvas.NewLine(color.Black)
				line.Hide()
				r.labels = append(r.labels, t)
				r.leaders = append(r.leaders, line)
				// The line comes first, so that the text is drawn over it.
				r.objects = append(r.objects, line, t)
				r.slotPoint = append(r.slotPoint, -1)
			}
			s = free
			r.slotPoint[s], r.pointSlot[c.point] = c.point, s
		}
		r.showLabel(r.labels[s], c)
		r.showLeader(r.leaders[s], c)
	}

	for s, t := range r.labels {
		if r.slotPoint[s] < 0 && t.Visible() {
			t.Hide()
		}
		if r.slotPoint[s] < 0 && r.leaders[s].Visible() {
			r.leaders[s].Hide()
		}
	}
}

// showLeader shows line from c's dot to its label when c has a leader,
// and hides it otherwise.
func (r *pcaMapRenderer) showLeader(line *canvas.Line, c chosenLabel) {
	if !c.leads {
		if line.Visible() {
			line.Hide()
		}
		return
	}
	line.StrokeColor, line.StrokeWidth = r.m.labelColor(c.kind), 1
	line.Position1, line.Position2 = c.from, c.to
	line.Refresh()
	if !line.Visible() {
		line.Show()
	}
}

// labelColor returns the text colour of a label of kind: the mark colour
// of neighbours, and of search matches while they are drawn in it.
func (m *PCAMap) labelColor(kind labelKind) color.Color {
	switch {
	case kind == labelNeighbour:
		return currentMarkColors().neighbour
	case kind == labelHighlight && m.matchColored:
		return currentMarkColors().match
	}
	return theme.Color(theme.ColorNameForeground)
}

// showLabel sets t to show c, refreshing its text only when it changes.
func (r *pcaMapRenderer) showLabel(t *canvas.Text, c chosenLabel) {
	m := r.m
	col := m.labelColor(c.kind)
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
