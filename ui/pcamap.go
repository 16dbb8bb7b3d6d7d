package ui

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"embedlab/viz"
)

const (
	// mapFrequentLabels bounds the labels of frequent words in one frame;
	// the selected, hovered and highlighted words come on top of these.
	mapFrequentLabels = 60
	// mapLabelTries bounds the frequent words offered to the label placer
	// in one frame, so a dense map where most labels find no room does not
	// measure thousands of words.
	mapLabelTries = 400
	// mapHighlightLabels bounds the labels of search matches in one frame.
	mapHighlightLabels = 40
	// mapHitRadius is how far from a point, in Fyne units, hovering or
	// tapping still finds it.
	mapHitRadius = 6
	// mapMargin is the share of the widget left empty around the points
	// when the view fits them.
	mapMargin = 0.06
	// mapZoomPerUnit converts a scroll distance into a zoom factor:
	// exp(dy·mapZoomPerUnit). GLFW reports one wheel notch as 10 units
	// in Fyne 2.7, so a notch zooms by about 10 %.
	mapZoomPerUnit = 0.01
	// mapMaxZoom bounds zooming in, relative to the fitted view; beyond it
	// float64 coordinates still work but nothing more can be seen.
	mapMaxZoom = 1e4
	// Point radii in Fyne units.
	mapPointRadius     = 1.6
	mapHighlightRadius = 2.6
	mapNeighbourRadius = 3.6
	mapSelectedRadius  = 4.6
	// mapLabelGap is the space in Fyne units between a dot's edge and its
	// label.
	mapLabelGap = 3
	// Label sizes in Fyne units that SetLabelSize accepts.
	mapMinLabelSize     = 7
	mapMaxLabelSize     = 28
	mapDefaultLabelSize = 11
)

// MapPoint is the position of one word on the map, in data coordinates
// (for the Explore view, the first two principal components).
type MapPoint struct {
	X, Y float64
}

// PCAMap is an interactive scatter plot of words. All points are drawn in
// one raster image. A limited set of labels is laid over it, placed
// greedily so that none overlap: the selected word, the hovered word, the
// highlighted words, and the most frequent visible words.
//
// The wheel zooms about the cursor, dragging pans, hovering names the word
// under the cursor and tapping selects it. Points are expected in order of
// frequency, most frequent first, because labels go to earlier points
// first. All methods must be called on the Fyne main goroutine.
type PCAMap struct {
	widget.BaseWidget

	// OnSelected, when set, is called with the word of a tapped point.
	OnSelected func(word string)

	// OnFrame, when set, is called after every redraw of the points with
	// the raster's size in device pixels and the time the drawing took. It
	// lets a program measure the frame rate in a real window.
	OnFrame func(w, h int, took time.Duration)

	words    []string
	wordsGen int            // counts SetFrames calls, so that the renderer can tell new words
	index    map[string]int // word → point number
	frames   [][]MapPoint
	frame    int
	xs, ys   []float64 // the shown frame's points
	grid     *viz.PointIndex

	colors     []color.RGBA // per point; nil means FrequencyColor
	highlights []int        // search matches, drawn larger and labelled
	// matchColored draws the highlights and their labels in the search
	// match colour (markColors) in place of their own colours.
	matchColored bool
	neighbours   []int // the selected word's neighbours
	selected     int   // -1 when none
	hovered      int   // -1 when none

	// View: the data point at the centre of the widget, and Fyne units per
	// data unit. followFit keeps the view fitted to the points across
	// resizes until the user zooms or pans.
	centerX, centerY float64
	scale            float64
	fitScale         float64
	followFit        bool

	labelSize float32
	// pxPerUnit is the number of device pixels per Fyne unit of the last
	// raster drawn; 0 before the first. Labels use it to keep off the dots.
	pxPerUnit float32
	// labelPxPerUnit, when positive, replaces pxPerUnit in placing labels.
	// Snapshot's copy sets it to the screen's, so that its labels sit where
	// the screen's do although its raster has more pixels.
	labelPxPerUnit float32

	// Buffers reused from frame to frame, so that a redraw does not
	// allocate once they have grown.
	img        *image.RGBA
	discs      map[int][]image.Point // pixel offsets of a filled disc by radius
	placer     viz.LabelPlacer
	textWidth  []float32 // measured label width per point at measureAt; 0 when not measured
	textHeight float32   // measured line height at measureAt
	measureAt  float32
	labelled   []bool // per point: labelled in this frame
}

// NewPCAMap returns an empty map.
func NewPCAMap() *PCAMap {
	m := &PCAMap{selected: -1, hovered: -1, scale: 1, fitScale: 1, labelSize: mapDefaultLabelSize,
		discs: map[int][]image.Point{}}
	m.ExtendBaseWidget(m)
	return m
}

// SetPoints shows words at pts as one frame, as SetFrames does. It panics
// when the slices differ in length, a programmer error.
func (m *PCAMap) SetPoints(words []string, pts []MapPoint) {
	if len(words) != len(pts) {
		panic(fmt.Sprintf("ui: PCAMap.SetPoints got %d words and %d points", len(words), len(pts)))
	}
	if err := m.SetFrames(words, [][]MapPoint{pts}); err != nil {
		panic(err) // unreachable: one frame of the right length
	}
}

// SetFrames shows words with one position per frame, such as the map after
// each training epoch projected onto a fixed basis, and shows the last
// frame. The view fits the points of all frames, so replaying them keeps
// the words on screen.
//
// New words reset the view, the selection, the colours and the
// highlights. The same words as shown, such as one more epoch of a
// training run, keep all of them, and the view refits only if the user
// has not zoomed or panned. SetFrames returns an error, and changes
// nothing, when there are no frames or a frame does not have one point
// per word.
func (m *PCAMap) SetFrames(words []string, frames [][]MapPoint) error {
	if len(frames) == 0 {
		return errors.New("ui: the map needs at least one frame of points")
	}
	for i, f := range frames {
		if len(f) != len(words) {
			return fmt.Errorf("ui: map frame %d has %d points for %d words; pass one point per word in every frame", i, len(f), len(words))
		}
	}

	same := m.frames != nil && slices.Equal(words, m.words)
	m.words, m.frames = words, frames
	if !same {
		m.wordsGen++
		m.index = make(map[string]int, len(words))
		for i := len(words) - 1; i >= 0; i-- {
			m.index[words[i]] = i // the most frequent of repeated words wins
		}
		m.xs, m.ys = make([]float64, len(words)), make([]float64, len(words))
		m.textWidth = make([]float32, len(words))
		m.labelled = make([]bool, len(words))
		m.colors, m.highlights, m.neighbours = nil, nil, nil
		m.selected = -1
		m.followFit = true
	}
	m.showFrame(len(frames) - 1)
	if m.followFit {
		m.fitView()
	}
	m.Refresh()
	return nil
}

// FrameCount returns the number of frames set, 0 before SetPoints.
func (m *PCAMap) FrameCount() int { return len(m.frames) }

// Frame returns the number of the frame shown.
func (m *PCAMap) Frame() int { return m.frame }

// ShowFrame shows frame i, clamped to the frames set, keeping the view,
// the selection and the colours.
func (m *PCAMap) ShowFrame(i int) {
	if len(m.frames) == 0 {
		return
	}
	m.showFrame(max(0, min(i, len(m.frames)-1)))
	m.Refresh()
}

func (m *PCAMap) showFrame(i int) {
	m.frame = i
	for j, p := range m.frames[i] {
		m.xs[j], m.ys[j] = p.X, p.Y
	}
	m.grid = viz.NewPointIndex(m.xs, m.ys)
	m.hovered = -1
}

// Words returns the words shown, in point order.
func (m *PCAMap) Words() []string { return m.words }

// SetColors sets the colour of every point; nil restores colouring by
// frequency rank. It panics when colors is not nil and not one per word.
func (m *PCAMap) SetColors(colors []color.RGBA) {
	if colors != nil && len(colors) != len(m.words) {
		panic(fmt.Sprintf("ui: PCAMap.SetColors got %d colours for %d words", len(colors), len(m.words)))
	}
	m.colors = colors
	m.Refresh()
}

// SetHighlights draws the points numbered in idx larger and labels them
// before the frequent words; nil clears them. Numbers out of range are
// skipped.
func (m *PCAMap) SetHighlights(idx []int) {
	m.highlights = m.validIndices(idx)
	m.Refresh()
}

// SetMatchColored sets whether the highlighted points and their labels
// are drawn in the search match colour of the theme (true) or in their own
// colours (false, the default).
func (m *PCAMap) SetMatchColored(on bool) {
	if on == m.matchColored {
		return
	}
	m.matchColored = on
	m.Refresh()
}

// Select marks word as selected and its neighbours as highlighted, without
// calling OnSelected, and pans to the word when it is off screen. Words
// that the map does not show are skipped; an empty word clears the
// selection. Select returns whether word is on the map.
//
// A map that has no size yet, such as one not laid out, does not pan.
// Its view is not fitted, so every point would count as off screen, and
// panning would stop Resize from fitting the view later.
func (m *PCAMap) Select(word string, neighbours []string) bool {
	m.selected = -1
	if i, ok := m.index[word]; ok && word != "" {
		m.selected = i
		if m.hasSize() && !m.onScreen(m.xs[i], m.ys[i]) {
			m.centerX, m.centerY = m.xs[i], m.ys[i]
			m.followFit = false
		}
	}
	m.neighbours = m.neighbours[:0]
	for _, w := range neighbours {
		if i, ok := m.index[w]; ok {
			m.neighbours = append(m.neighbours, i)
		}
	}
	m.Refresh()
	return m.selected >= 0
}

// Selected returns the selected word, or "" when none is.
func (m *PCAMap) Selected() string { return m.wordAt(m.selected) }

// Hovered returns the word under the mouse, or "" when none is.
func (m *PCAMap) Hovered() string { return m.wordAt(m.hovered) }

// LabelSize returns the label text size in Fyne units.
func (m *PCAMap) LabelSize() float32 { return m.labelSize }

// SetLabelSize sets the label text size in Fyne units, clamped to 7..28.
func (m *PCAMap) SetLabelSize(size float32) {
	size = max(mapMinLabelSize, min(size, mapMaxLabelSize))
	if size == m.labelSize {
		return
	}
	m.labelSize = size
	m.Refresh()
}

// ResetView zooms and pans so that all points fit.
func (m *PCAMap) ResetView() {
	m.followFit = true
	m.fitView()
	m.Refresh()
}

// VisibleRange returns the data coordinates at the widget's edges.
func (m *PCAMap) VisibleRange() (minX, maxX, minY, maxY float64) {
	s := m.Size()
	minX, maxY = m.toData(0, 0)
	maxX, minY = m.toData(s.Width, s.Height)
	return minX, maxX, minY, maxY
}

// ScreenPosition returns where the point of word is drawn, in Fyne units
// relative to the widget, and whether the map shows the word.
func (m *PCAMap) ScreenPosition(word string) (fyne.Position, bool) {
	i, ok := m.index[word]
	if !ok {
		return fyne.Position{}, false
	}
	x, y := m.toScreen(m.xs[i], m.ys[i])
	return fyne.NewPos(x, y), true
}

// Scrolled zooms about the cursor; scrolling up zooms in. It implements
// fyne.Scrollable.
func (m *PCAMap) Scrolled(ev *fyne.ScrollEvent) {
	if len(m.words) == 0 {
		return
	}
	factor := math.Exp(float64(ev.Scrolled.DY) * mapZoomPerUnit)
	scale := max(m.fitScale/4, min(m.scale*factor, m.fitScale*mapMaxZoom))

	// Keep the data point under the cursor where it is.
	px, py := ev.Position.X, ev.Position.Y
	dx, dy := m.toData(px, py)
	s := m.Size()
	m.scale = scale
	m.followFit = false
	m.centerX = dx - float64(px-s.Width/2)/scale
	m.centerY = dy + float64(py-s.Height/2)/scale
	m.Refresh()
}

// Dragged pans the view with the pointer. It implements fyne.Draggable.
func (m *PCAMap) Dragged(ev *fyne.DragEvent) {
	if len(m.words) == 0 {
		return
	}
	m.followFit = false
	m.centerX -= float64(ev.Dragged.DX) / m.scale
	m.centerY += float64(ev.Dragged.DY) / m.scale
	m.Refresh()
}

// DragEnd implements fyne.Draggable.
func (m *PCAMap) DragEnd() {}

// Tapped selects the point nearest to the tap within a few units and calls
// OnSelected with its word. A tap on empty space changes nothing. It
// implements fyne.Tappable.
func (m *PCAMap) Tapped(ev *fyne.PointEvent) {
	i := m.pointAt(ev.Position)
	if i < 0 {
		return
	}
	m.selected = i
	m.Refresh()
	if m.OnSelected != nil {
		m.OnSelected(m.words[i])
	}
}

// MouseIn implements desktop.Hoverable.
func (m *PCAMap) MouseIn(ev *desktop.MouseEvent) { m.MouseMoved(ev) }

// MouseMoved names the word under the cursor. It implements
// desktop.Hoverable.
func (m *PCAMap) MouseMoved(ev *desktop.MouseEvent) {
	if i := m.pointAt(ev.Position); i != m.hovered {
		m.hovered = i
		m.Refresh()
	}
}

// MouseOut implements desktop.Hoverable.
func (m *PCAMap) MouseOut() {
	if m.hovered >= 0 {
		m.hovered = -1
		m.Refresh()
	}
}

// MinSize implements fyne.CanvasObject.
func (m *PCAMap) MinSize() fyne.Size { return fyne.NewSize(320, 240) }

// Resize fits the points to the new size until the user has zoomed or
// panned, and afterwards keeps the centre and the scale of the view.
func (m *PCAMap) Resize(s fyne.Size) {
	m.BaseWidget.Resize(s)
	if m.followFit {
		m.fitView()
		m.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (m *PCAMap) CreateRenderer() fyne.WidgetRenderer {
	r := &pcaMapRenderer{m: m}
	r.raster = canvas.NewRaster(m.drawRaster)
	r.raster.ScaleMode = canvas.ImageScalePixels
	r.objects = []fyne.CanvasObject{r.raster}
	r.layoutLabels()
	return r
}

// pointAt returns the point within mapHitRadius of pos, or -1.
func (m *PCAMap) pointAt(pos fyne.Position) int {
	if m.grid == nil || m.scale <= 0 {
		return -1
	}
	x, y := m.toData(pos.X, pos.Y)
	return m.grid.Nearest(x, y, mapHitRadius/m.scale)
}

func (m *PCAMap) wordAt(i int) string {
	if i < 0 || i >= len(m.words) {
		return ""
	}
	return m.words[i]
}

func (m *PCAMap) validIndices(idx []int) []int {
	var out []int
	for _, i := range idx {
		if i >= 0 && i < len(m.words) {
			out = append(out, i)
		}
	}
	return out
}

// fitView centres the points of all frames and scales them to fill the
// widget less the margin. Before the first layout with a size it does
// nothing, and Resize fits the view then.
func (m *PCAMap) fitView() {
	if !m.hasSize() {
		return
	}
	s := m.Size()

	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	for _, f := range m.frames {
		for _, p := range f {
			if isFinite(p.X) && isFinite(p.Y) {
				minX, maxX = min(minX, p.X), max(maxX, p.X)
				minY, maxY = min(minY, p.Y), max(maxY, p.Y)
			}
		}
	}
	if minX > maxX { // no finite points
		m.centerX, m.centerY, m.scale, m.fitScale = 0, 0, 1, 1
		return
	}

	m.centerX, m.centerY = (minX+maxX)/2, (minY+maxY)/2
	w := float64(s.Width) * (1 - 2*mapMargin)
	h := float64(s.Height) * (1 - 2*mapMargin)
	scale := math.Inf(1)
	if maxX > minX {
		scale = w / (maxX - minX)
	}
	if maxY > minY {
		scale = min(scale, h/(maxY-minY))
	}
	if math.IsInf(scale, 1) || !(scale > 0) { // one position, or a spread too large
		scale = 1
	}
	m.scale, m.fitScale = scale, scale
}

// toScreen maps data coordinates to Fyne units within the widget.
func (m *PCAMap) toScreen(x, y float64) (float32, float32) {
	s := m.Size()
	return float32((x-m.centerX)*m.scale) + s.Width/2, s.Height/2 - float32((y-m.centerY)*m.scale)
}

// toData maps Fyne units within the widget to data coordinates.
func (m *PCAMap) toData(px, py float32) (float64, float64) {
	s := m.Size()
	return m.centerX + float64(px-s.Width/2)/m.scale, m.centerY - float64(py-s.Height/2)/m.scale
}

// hasSize reports whether the map has been laid out with an area that
// can show points.
func (m *PCAMap) hasSize() bool {
	s := m.Size()
	return s.Width >= 1 && s.Height >= 1
}

func (m *PCAMap) onScreen(x, y float64) bool {
	px, py := m.toScreen(x, y)
	s := m.Size()
	return px >= 0 && py >= 0 && px <= s.Width && py <= s.Height
}

// image returns the map drawn at its size in device pixels, or nil when it
// shows no words. Tests use it to wait for the map.
func (m *PCAMap) image() image.Image {
	if len(m.words) == 0 {
		return nil
	}
	s := m.Size()
	return m.drawRaster(max(1, int(s.Width)), max(1, int(s.Height)))
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
