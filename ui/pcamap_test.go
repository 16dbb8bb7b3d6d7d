package ui

import (
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

// gridWords returns n words on a square grid with unit spacing, word i at
// (i mod side, i / side), so that tests know where each point is.
func gridWords(n int) ([]string, []MapPoint) {
	side := int(math.Ceil(math.Sqrt(float64(n))))
	words := make([]string, n)
	pts := make([]MapPoint, n)
	for i := range n {
		words[i] = fmt.Sprintf("w%d", i)
		pts[i] = MapPoint{X: float64(i % side), Y: float64(i / side)}
	}
	return words, pts
}

// newTestMap shows a PCAMap of words in a 600×400 test window.
func newTestMap(t *testing.T, words []string, pts []MapPoint) (*PCAMap, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	m := NewPCAMap()
	w := test.NewTempWindow(t, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(600, 400))
	m.SetPoints(words, pts)
	return m, w
}

// shownLabels returns the texts of the visible labels.
func shownLabels(m *PCAMap) []string {
	var out []string
	for _, o := range test.WidgetRenderer(m).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Visible() {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestPCAMapShowsWords(t *testing.T) {
	words, pts := gridWords(25)
	m, w := newTestMap(t, words, pts)

	labels := shownLabels(m)
	if len(labels) == 0 {
		t.Fatal("no labels shown")
	}
	if !slices.Contains(labels, "w0") {
		t.Errorf("labels %v miss w0, the most frequent word", labels)
	}
	// The raster draws the points: some pixels differ from the background.
	img := w.Canvas().Capture()
	bg := img.At(0, 0)
	drawn := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				drawn++
			}
		}
	}
	if drawn < 25 {
		t.Errorf("%d pixels differ from the background, want at least one per point (25)", drawn)
	}
}

func TestPCAMapLabelsDoNotOverlap(t *testing.T) {
	words, pts := gridWords(400)
	m, _ := newTestMap(t, words, pts)
	var rects []fyne.Position
	var sizes []fyne.Size
	for _, o := range test.WidgetRenderer(m).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Visible() {
			rects = append(rects, t.Position())
			sizes = append(sizes, t.Size())
		}
	}
	if len(rects) < 10 {
		t.Fatalf("%d labels shown for 400 words, want at least 10", len(rects))
	}
	for i := range rects {
		for j := i + 1; j < len(rects); j++ {
			a, b := rects[i], rects[j]
			sa, sb := sizes[i], sizes[j]
			if a.X < b.X+sb.Width && b.X < a.X+sa.Width && a.Y < b.Y+sb.Height && b.Y < a.Y+sa.Height {
				t.Fatalf("labels %d at %v %v and %d at %v %v overlap", i, a, sa, j, b, sb)
			}
		}
	}
}

// labelObjects returns the visible label objects by word.
func labelObjects(t *testing.T, m *PCAMap) map[string]*canvas.Text {
	t.Helper()
	out := map[string]*canvas.Text{}
	for _, o := range test.WidgetRenderer(m).Objects() {
		if txt, ok := o.(*canvas.Text); ok && txt.Visible() {
			if _, dup := out[txt.Text]; dup {
				t.Errorf("%q is labelled twice", txt.Text)
			}
			out[txt.Text] = txt
		}
	}
	return out
}

func TestPCAMapLabelsKeepObjects(t *testing.T) {
	words, pts := gridWords(400)
	m, w := newTestMap(t, words, pts)
	before := labelObjects(t, m)

	// Hovering an unlabelled word puts its label first in the order of
	// importance, ahead of all the others.
	hover := ""
	for _, word := range slices.Backward(words) {
		if _, ok := before[word]; !ok {
			hover = word
			break
		}
	}
	pos, _ := m.ScreenPosition(hover)
	test.MoveMouse(w.Canvas(), pos)
	test.Drag(w.Canvas(), fyne.NewPos(300, 200), 3, 2)
	after := labelObjects(t, m)
	if _, ok := after[hover]; !ok {
		t.Errorf("hovered word %q is not labelled", hover)
	}
	kept, same := 0, 0
	for word, obj := range after {
		if old, ok := before[word]; ok {
			kept++
			if old == obj {
				same++
			}
		}
	}
	if kept < len(before)/2 {
		t.Fatalf("%d of %d labels survive a hover and a 3-unit pan, want at least half", kept, len(before))
	}
	if same != kept {
		t.Errorf("%d of %d words labelled before and after kept their text object", same, kept)
	}

	// New words reuse the pool instead of growing it without bound.
	pool := len(test.WidgetRenderer(m).Objects())
	m.SetPoints(words, pts)
	labelObjects(t, m)
	if got := len(test.WidgetRenderer(m).Objects()); got != pool {
		t.Errorf("the object pool grew from %d to %d when the same number of words was set again", pool, got)
	}
}

func TestPCAMapScrollZooms(t *testing.T) {
	words, pts := gridWords(100)
	m, w := newTestMap(t, words, pts)
	x0, x1, y0, y1 := m.VisibleRange()

	test.Scroll(w.Canvas(), fyne.NewPos(300, 200), 0, 50)
	a0, a1, b0, b1 := m.VisibleRange()
	if got, was := a1-a0, x1-x0; got >= was {
		t.Errorf("visible width after scrolling up = %g, want less than %g", got, was)
	}
	if got, was := b1-b0, y1-y0; got >= was {
		t.Errorf("visible height after scrolling up = %g, want less than %g", got, was)
	}

	test.Scroll(w.Canvas(), fyne.NewPos(300, 200), 0, -100)
	c0, c1, _, _ := m.VisibleRange()
	if got, was := c1-c0, a1-a0; got <= was {
		t.Errorf("visible width after scrolling down = %g, want more than %g", got, was)
	}
}

// TestPCAMapZoomAboutCursor calls Scrolled directly, because test.Scroll
// leaves the event's position at zero.
func TestPCAMapZoomAboutCursor(t *testing.T) {
	words, pts := gridWords(100)
	m, _ := newTestMap(t, words, pts)
	cursor := fyne.NewPos(150, 100)
	wantX, wantY := m.toData(cursor.X, cursor.Y)

	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: cursor}, Scrolled: fyne.Delta{DY: 80}})
	gotX, gotY := m.toData(cursor.X, cursor.Y)
	// Screen positions are float32, so the point may move by their
	// rounding, far less than the 1e-4 data units allowed here.
	if math.Abs(gotX-wantX) > 1e-4 || math.Abs(gotY-wantY) > 1e-4 {
		t.Errorf("data point under the cursor moved from (%g, %g) to (%g, %g)", wantX, wantY, gotX, gotY)
	}
	if m.scale <= m.fitScale {
		t.Errorf("scale %g after zooming in, want more than the fitted %g", m.scale, m.fitScale)
	}

	m.ResetView()
	if m.scale != m.fitScale {
		t.Errorf("scale after ResetView = %g, want the fitted %g", m.scale, m.fitScale)
	}
}

func TestPCAMapDragPans(t *testing.T) {
	words, pts := gridWords(100)
	m, w := newTestMap(t, words, pts)
	x0, x1, y0, y1 := m.VisibleRange()

	test.Drag(w.Canvas(), fyne.NewPos(300, 200), 60, -30)
	a0, a1, b0, b1 := m.VisibleRange()
	// Dragging right by 60 units shows data 60/scale further left; dragging
	// up shows data further down, because y grows upwards in data space.
	wantDX, wantDY := -60/m.scale, -30/m.scale
	const tol = 1e-4
	if math.Abs((a0-x0)-wantDX) > tol || math.Abs((a1-x1)-wantDX) > tol {
		t.Errorf("x range moved by %g and %g, want %g", a0-x0, a1-x1, wantDX)
	}
	if math.Abs((b0-y0)-wantDY) > tol || math.Abs((b1-y1)-wantDY) > tol {
		t.Errorf("y range moved by %g and %g, want %g", b0-y0, b1-y1, wantDY)
	}
}

func TestPCAMapTapSelects(t *testing.T) {
	words, pts := gridWords(100)
	m, w := newTestMap(t, words, pts)
	var got []string
	m.OnSelected = func(word string) { got = append(got, word) }

	pos, ok := m.ScreenPosition("w37")
	if !ok {
		t.Fatal("w37 not on the map")
	}
	test.TapCanvas(w.Canvas(), pos.Add(fyne.NewPos(2, -1)))
	if m.Selected() != "w37" {
		t.Errorf("selected %q after tapping near w37, want w37", m.Selected())
	}
	if !slices.Equal(got, []string{"w37"}) {
		t.Errorf("OnSelected calls %v, want [w37]", got)
	}

	// A tap far from any point changes nothing.
	test.TapCanvas(w.Canvas(), fyne.NewPos(2, 2))
	if m.Selected() != "w37" || len(got) != 1 {
		t.Errorf("tap on empty space: selected %q, calls %v; want w37 and one call", m.Selected(), got)
	}
	if !slices.Contains(shownLabels(m), "w37") {
		t.Errorf("labels %v miss the selected word", shownLabels(m))
	}
}

func TestPCAMapHover(t *testing.T) {
	words, pts := gridWords(100)
	m, w := newTestMap(t, words, pts)
	pos, _ := m.ScreenPosition("w55")

	test.MoveMouse(w.Canvas(), pos)
	if m.Hovered() != "w55" {
		t.Errorf("hovered %q, want w55", m.Hovered())
	}
	if !slices.Contains(shownLabels(m), "w55") {
		t.Errorf("labels %v miss the hovered word", shownLabels(m))
	}
	m.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(1, 1)}})
	if m.Hovered() != "" {
		t.Errorf("hovered %q over empty space, want none", m.Hovered())
	}
	m.MouseIn(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
	m.MouseOut()
	if m.Hovered() != "" {
		t.Errorf("hovered %q after the mouse left, want none", m.Hovered())
	}
}

func TestPCAMapSelectAndHighlight(t *testing.T) {
	words, pts := gridWords(100)
	m, _ := newTestMap(t, words, pts)
	if !m.Select("w90", []string{"w91", "unknown", "w92"}) {
		t.Fatal("Select(w90) = false, want true")
	}
	if got, want := m.neighbours, []int{91, 92}; !slices.Equal(got, want) {
		t.Errorf("neighbour points = %v, want %v (unknown words skipped)", got, want)
	}
	labels := shownLabels(m)
	for _, word := range []string{"w90", "w91", "w92"} {
		if !slices.Contains(labels, word) {
			t.Errorf("labels %v miss %s", labels, word)
		}
	}
	if m.Select("nowhere", nil) || m.Selected() != "" {
		t.Errorf("Select of a word not on the map left %q selected", m.Selected())
	}

	m.SetHighlights([]int{5, -1, 500, 6})
	if got, want := m.highlights, []int{5, 6}; !slices.Equal(got, want) {
		t.Errorf("highlights = %v, want %v", got, want)
	}
	colors := make([]color.RGBA, len(words))
	m.SetColors(colors)
	if m.pointColor(3, len(words)) != (color.RGBA{}) {
		t.Error("SetColors was not used for point 3")
	}
}

func TestPCAMapLabelSize(t *testing.T) {
	words, pts := gridWords(100)
	m, _ := newTestMap(t, words, pts)
	cases := []struct{ set, want float32 }{{14, 14}, {2, mapMinLabelSize}, {100, mapMaxLabelSize}}
	for _, tc := range cases {
		m.SetLabelSize(tc.set)
		if m.LabelSize() != tc.want {
			t.Errorf("SetLabelSize(%g): LabelSize = %g, want %g", tc.set, m.LabelSize(), tc.want)
		}
		for _, o := range test.WidgetRenderer(m).Objects() {
			if txt, ok := o.(*canvas.Text); ok && txt.Visible() && txt.TextSize != tc.want {
				t.Errorf("label %q has size %g, want %g", txt.Text, txt.TextSize, tc.want)
				break
			}
		}
	}
}

func TestPCAMapFrames(t *testing.T) {
	words := []string{"a", "b"}
	frames := [][]MapPoint{
		{{X: 0, Y: 0}, {X: 1, Y: 1}},
		{{X: 5, Y: 5}, {X: -5, Y: -5}},
	}
	m, _ := newTestMap(t, words, frames[0])
	if err := m.SetFrames(words, frames); err != nil {
		t.Fatal(err)
	}
	if m.FrameCount() != 2 || m.Frame() != 1 {
		t.Errorf("FrameCount, Frame = %d, %d; want 2, 1", m.FrameCount(), m.Frame())
	}
	// The view fits both frames: -5..5 on both axes.
	x0, x1, y0, y1 := m.VisibleRange()
	if x0 > -5 || x1 < 5 || y0 > -5 || y1 < 5 {
		t.Errorf("visible range x %g..%g, y %g..%g does not hold every frame's points", x0, x1, y0, y1)
	}

	m.ShowFrame(0)
	pos, _ := m.ScreenPosition("b")
	wantX, wantY := m.toScreen(1, 1)
	if m.Frame() != 0 || pos != fyne.NewPos(wantX, wantY) {
		t.Errorf("after ShowFrame(0): frame %d, b at %v; want 0 and %v", m.Frame(), pos, fyne.NewPos(wantX, wantY))
	}
	m.ShowFrame(9)
	if m.Frame() != 1 {
		t.Errorf("ShowFrame(9) shows frame %d, want the last, 1", m.Frame())
	}

	// One more frame of the same words keeps the selection and a zoomed
	// view, as during training.
	m.Select("a", nil)
	m.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: 50}})
	scale := m.scale
	frames = append(frames, []MapPoint{{X: 1, Y: 1}, {X: 2, Y: 2}})
	if err := m.SetFrames(words, frames); err != nil {
		t.Fatal(err)
	}
	if m.Selected() != "a" || m.scale != scale || m.Frame() != 2 {
		t.Errorf("after a third frame: selected %q, scale %g, frame %d; want a, %g, 2", m.Selected(), m.scale, m.Frame(), scale)
	}
	// New words reset both.
	if err := m.SetFrames([]string{"c", "d"}, frames); err != nil {
		t.Fatal(err)
	}
	if m.Selected() != "" || m.scale != m.fitScale {
		t.Errorf("after new words: selected %q, scale %g; want none and the fitted %g", m.Selected(), m.scale, m.fitScale)
	}

	if err := m.SetFrames(words, nil); err == nil {
		t.Error("SetFrames with no frames succeeded")
	}
	if err := m.SetFrames(words, [][]MapPoint{{{X: 1}}}); err == nil {
		t.Error("SetFrames with a short frame succeeded")
	}
	if m.FrameCount() != 3 {
		t.Errorf("a rejected SetFrames changed the frames to %d, want 3", m.FrameCount())
	}
}

func TestPCAMapNonFinitePoints(t *testing.T) {
	words := []string{"a", "b", "c"}
	pts := []MapPoint{{X: math.NaN(), Y: 0}, {X: 1, Y: math.Inf(1)}, {X: 2, Y: 2}}
	m, w := newTestMap(t, words, pts)
	w.Canvas().Capture() // must not panic
	if labels := shownLabels(m); !slices.Equal(labels, []string{"c"}) {
		t.Errorf("labels = %v, want only the finite point c", labels)
	}
	empty, w2 := newTestMap(t, nil, nil)
	w2.Canvas().Capture()
	test.Scroll(w2.Canvas(), fyne.NewPos(10, 10), 0, 10)
	test.TapCanvas(w2.Canvas(), fyne.NewPos(10, 10))
	if empty.Selected() != "" {
		t.Errorf("empty map selected %q", empty.Selected())
	}
}

// BenchmarkPCAMapFrame measures one full redraw of 10,000 points and their
// labels at 800×600 units and one pixel per unit: the raster drawn into its
// reused image, and the labels chosen and placed. The map gets 60 % of the
// Explore view's width, so 800 units is its width in a window about 1,300
// units wide. GL texture uploads are not included.
func BenchmarkPCAMapFrame(b *testing.B) {
	test.NewTempApp(b)
	rng := rand.New(rand.NewPCG(1, 1))
	n := 10000
	words := make([]string, n)
	pts := make([]MapPoint, n)
	for i := range n {
		words[i] = fmt.Sprintf("word%d", i)
		pts[i] = MapPoint{X: rng.NormFloat64(), Y: rng.NormFloat64() * 0.6}
	}
	m := NewPCAMap()
	w := test.NewTempWindow(b, m)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(800, 600))
	m.SetPoints(words, pts)
	m.Select("word3", words[100:110])
	r := test.WidgetRenderer(m).(*pcaMapRenderer)
	// One frame before timing grows the label pool and the image, so that
	// the allocations reported are those of later frames.
	r.layoutLabels()
	m.drawRaster(800, 600)

	b.ReportAllocs()
	for b.Loop() {
		r.layoutLabels()
		m.drawRaster(800, 600)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/frame")
}

func TestPCAMapLabelsBesideDots(t *testing.T) {
	// A clicked word with six neighbours a few units apart once the view
	// fits the two far points, as in a tight cluster of a trained model.
	words := []string{"good", "nice", "fine", "great", "decent", "solid", "fun", "far1", "far2"}
	pts := []MapPoint{{0, 0}, {0.15, 0.05}, {-0.1, 0.12}, {0.05, -0.15}, {-0.2, -0.05}, {0.25, 0.2}, {-0.05, 0.3},
		{10, 10}, {-10, -10}}
	m, w := newTestMap(t, words, pts)
	w.Canvas().Capture() // draws the raster, which sets the pixels per unit
	if !m.Select("good", words[1:7]) {
		t.Fatal("Select(good) = false, want true")
	}
	r := test.WidgetRenderer(m).(*pcaMapRenderer)

	dots := append([]int{m.selected}, m.neighbours...)
	kindOf := func(i int) labelKind {
		if i == m.selected {
			return labelSelected
		}
		return labelNeighbour
	}
	// Whatever dotExtent computes, a dot reaches at least its radius plus
	// the one-pixel ring that drawPoints paints around it.
	for _, c := range []struct {
		kind labelKind
		min  float32
	}{{labelSelected, mapSelectedRadius + 1}, {labelNeighbour, mapNeighbourRadius + 1}} {
		if got := m.dotExtent(c.kind); got < c.min {
			t.Errorf("dotExtent(%d) = %.2f, want at least %.2f", c.kind, got, c.min)
		}
	}

	labelled := 0
	for _, c := range r.chosen {
		if c.kind != labelSelected && c.kind != labelNeighbour {
			continue
		}
		labelled++
		x, y := m.toScreen(m.xs[c.point], m.ys[c.point])
		dx := max(c.rect.X-x, 0, x-(c.rect.X+c.rect.W))
		dy := max(c.rect.Y-y, 0, y-(c.rect.Y+c.rect.H))
		want := m.dotExtent(c.kind) + mapLabelGap
		if dist := float32(math.Hypot(float64(dx), float64(dy))); dist < want-1e-3 {
			t.Errorf("label of %s is %.2f units from its point, want at least %.2f", words[c.point], dist, want)
		}
		for _, j := range dots {
			jx, jy := m.toScreen(m.xs[j], m.ys[j])
			e := m.dotExtent(kindOf(j))
			if c.rect.X < jx+e && jx-e < c.rect.X+c.rect.W && c.rect.Y < jy+e && jy-e < c.rect.Y+c.rect.H {
				t.Errorf("label of %s at %+v covers the dot of %s at (%.1f, %.1f)", words[c.point], c.rect, words[j], jx, jy)
			}
		}
	}
	if labelled < 4 {
		t.Errorf("%d of the 7 highlighted words labelled, want at least 4", labelled)
	}
	for i, a := range r.chosen {
		for _, b := range r.chosen[i+1:] {
			if a.rect.X < b.rect.X+b.rect.W && b.rect.X < a.rect.X+a.rect.W && a.rect.Y < b.rect.Y+b.rect.H && b.rect.Y < a.rect.Y+a.rect.H {
				t.Errorf("labels of %s %+v and %s %+v overlap", words[a.point], a.rect, words[b.point], b.rect)
			}
		}
	}
}

// clusterWords returns the 400 words of gridWords, a 20×20 grid, and a
// clicked word "bad" with ten neighbours within 2.5 data units of it. The
// cluster sits by the grid's last row, as a trained model's cluster of
// negative words may lie at the edge of the map.
func clusterWords() (words []string, pts []MapPoint, cluster []string) {
	words, pts = gridWords(400)
	cluster = []string{"bad", "slow", "poor", "bland", "dull", "boring", "weak", "mediocre", "very", "quite", "really"}
	offsets := []MapPoint{{0, 0}, {-0.05, -0.25}, {0.3, -0.45}, {-0.45, -0.55}, {-0.6, -1.0}, {-0.25, -1.2},
		{-0.6, -1.5}, {-0.3, -2.1}, {0.3, -2.3}, {0.4, -2.5}, {0.1, -2.4}}
	for k, word := range cluster {
		words = append(words, word)
		pts = append(pts, MapPoint{X: 9.5 + offsets[k].X, Y: 19.6 + offsets[k].Y})
	}
	return words, pts, cluster
}

func TestPCAMapLabelsClusterAtEdge(t *testing.T) {
	// Each case pans the map so that the clicked word's dot is at target,
	// at an edge or a corner of the 600×400 map.
	cases := []struct {
		name   string
		target fyne.Position
	}{
		{"top edge", fyne.NewPos(300, 3)},
		{"top left corner", fyne.NewPos(1, 1)},
		{"right edge", fyne.NewPos(598, 200)},
		{"centre past the bottom edge", fyne.NewPos(300, 402)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			words, pts, cluster := clusterWords()
			m, w := newTestMap(t, words, pts)
			w.Canvas().Capture() // draws the raster, which sets the pixels per unit
			if !m.Select(cluster[0], cluster[1:]) {
				t.Fatalf("Select(%s) = false, want true", cluster[0])
			}
			pos, _ := m.ScreenPosition(cluster[0])
			m.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: tc.target.X - pos.X, DY: tc.target.Y - pos.Y}})
			if pos, _ = m.ScreenPosition(cluster[0]); math.Abs(float64(pos.X-tc.target.X)) > 0.01 || math.Abs(float64(pos.Y-tc.target.Y)) > 0.01 {
				t.Fatalf("%s at %v after the pan, want %v", cluster[0], pos, tc.target)
			}
			checkClusterLabels(t, m, cluster)
		})
	}
}

// checkClusterLabels checks the labels of the selected word and its
// neighbours: the selected word and every neighbour whose dot shows are
// labelled inside the map, no label covers another or a marked dot, and a
// label away from its dot has a leader line from the dot's edge to it.
func checkClusterLabels(t *testing.T, m *PCAMap, cluster []string) {
	t.Helper()
	r := test.WidgetRenderer(m).(*pcaMapRenderer)
	size := m.Size()
	chosen := map[string]chosenLabel{}
	for _, c := range r.chosen {
		chosen[m.words[c.point]] = c
	}

	for k, word := range cluster {
		i := m.index[word]
		kind := labelNeighbour
		if k == 0 {
			kind = labelSelected
		}
		c, ok := chosen[word]
		if !ok {
			if kind == labelSelected || m.dotVisible(i, kind) {
				t.Errorf("%s is not labelled", word)
			}
			continue
		}
		if c.kind != kind {
			t.Errorf("label of %s has kind %d, want %d", word, c.kind, kind)
		}
		if c.rect.X < 0 || c.rect.Y < 0 || c.rect.X+c.rect.W > size.Width+1e-3 || c.rect.Y+c.rect.H > size.Height+1e-3 {
			t.Errorf("label of %s at %+v is not inside the %v map", word, c.rect, size)
		}
		for _, other := range cluster {
			j := m.index[other]
			jx, jy := m.toScreen(m.xs[j], m.ys[j])
			e := m.dotExtent(labelNeighbour)
			if j == m.selected {
				e = m.dotExtent(labelSelected)
			}
			if c.rect.X < jx+e-1e-3 && jx-e < c.rect.X+c.rect.W-1e-3 && c.rect.Y < jy+e-1e-3 && jy-e < c.rect.Y+c.rect.H-1e-3 {
				t.Errorf("label of %s at %+v covers the dot of %s at (%.1f, %.1f)", word, c.rect, other, jx, jy)
			}
		}
		checkLeader(t, m, r, c)
	}

	for i, a := range r.chosen {
		for _, b := range r.chosen[i+1:] {
			if a.rect.X < b.rect.X+b.rect.W && b.rect.X < a.rect.X+a.rect.W && a.rect.Y < b.rect.Y+b.rect.H && b.rect.Y < a.rect.Y+a.rect.H {
				t.Errorf("labels of %s %+v and %s %+v overlap", m.words[a.point], a.rect, m.words[b.point], b.rect)
			}
		}
	}
}

// checkLeader checks that the label c has a visible leader line when, and
// only when, it is farther from its point than the places beside its dot,
// and that the line runs from the dot's edge to the label.
func checkLeader(t *testing.T, m *PCAMap, r *pcaMapRenderer, c chosenLabel) {
	t.Helper()
	word := m.words[c.point]
	x, y := m.toScreen(m.xs[c.point], m.ys[c.point])
	nx := max(c.rect.X, min(x, c.rect.X+c.rect.W))
	ny := max(c.rect.Y, min(y, c.rect.Y+c.rect.H))
	dist := float32(math.Hypot(float64(nx-x), float64(ny-y)))
	extent := m.dotExtent(c.kind)
	beside := extent + mapLabelGap + c.rect.H/2

	line := r.leaders[r.pointSlot[c.point]]
	if got, want := line.Visible(), dist > beside; got != want {
		t.Errorf("label of %s is %.1f units from its point (beside is up to %.1f); leader visible = %v, want %v",
			word, dist, beside, got, want)
	}
	if !line.Visible() {
		return
	}
	from := float32(math.Hypot(float64(line.Position1.X-x), float64(line.Position1.Y-y)))
	if math.Abs(float64(from-extent)) > 1e-3 {
		t.Errorf("leader of %s starts %.2f units from its point, want the dot's edge at %.2f", word, from, extent)
	}
	if line.Position2 != fyne.NewPos(nx, ny) {
		t.Errorf("leader of %s ends at %v, want the label's nearest point %v", word, line.Position2, fyne.NewPos(nx, ny))
	}
}
