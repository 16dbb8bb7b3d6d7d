package ui

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestPCAMapSnapshotSize(t *testing.T) {
	words, pts := gridWords(25)
	m, _ := newTestMap(t, words, pts) // 600×400 units
	cases := []struct {
		pxPerUnit float32
		want      image.Point
	}{
		{1, image.Pt(600, 400)},
		{1.5, image.Pt(900, 600)},
		{3, image.Pt(1800, 1200)},
		// 600 units at 20 pixels would be 12,000 pixels, above
		// viz.MaxChartSide (8,192), so the density falls to 8192/600.
		{20, image.Pt(8192, 5462)},
	}
	for _, tc := range cases {
		t.Run(strconv.FormatFloat(float64(tc.pxPerUnit), 'g', -1, 32), func(t *testing.T) {
			img, err := m.Snapshot(tc.pxPerUnit)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != tc.want {
				t.Errorf("Snapshot(%g) is %v pixels, want %v", tc.pxPerUnit, got, tc.want)
			}
		})
	}
}

func TestPCAMapSnapshotErrors(t *testing.T) {
	test.NewTempApp(t)
	words, pts := gridWords(4)

	empty := NewPCAMap()
	empty.Resize(fyne.NewSize(400, 300))
	if _, err := empty.Snapshot(2); err == nil {
		t.Error("Snapshot of an empty map returned no error")
	}

	unsized := NewPCAMap()
	unsized.SetPoints(words, pts)
	if _, err := unsized.Snapshot(2); err == nil {
		t.Error("Snapshot of a map never laid out returned no error")
	}

	m := NewPCAMap()
	m.Resize(fyne.NewSize(400, 300))
	m.SetPoints(words, pts)
	for _, scale := range []float32{0, -1, float32(math.NaN()), float32(math.Inf(1))} {
		if _, err := m.Snapshot(scale); err == nil {
			t.Errorf("Snapshot(%g) returned no error", scale)
		}
	}
}

func TestPCAMapSnapshotHeadless(t *testing.T) {
	// A map on no canvas, as in a program that exports without a window.
	test.NewTempApp(t)
	words, pts := gridWords(25)
	m := NewPCAMap()
	m.Resize(fyne.NewSize(400, 300))
	m.SetPoints(words, pts)
	m.Select("w12", []string{"w11", "w13"})

	if got := m.slidePixelScale(); got != 4 {
		t.Errorf("slidePixelScale = %g, want 4 (1,600 pixels over 400 units at one pixel per unit)", got)
	}
	img, err := m.Snapshot(m.slidePixelScale())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := img.Bounds().Size(), image.Pt(1600, 1200); got != want {
		t.Errorf("snapshot is %v pixels, want %v", got, want)
	}
	// The selected dot is drawn in the theme's selection colour at its
	// place, scaled by 4.
	pos, _ := m.ScreenPosition("w12")
	want := currentMarkColors().selected
	if got := toRGBA(img.At(int(pos.X*4), int(pos.Y*4))); got != want {
		t.Errorf("pixel at the selected word = %v, want the selection colour %v", got, want)
	}
}

func TestPCAMapSnapshotMatchesScreen(t *testing.T) {
	// Fyne's software test painter draws the window at the canvas scale, as
	// the GL driver does at FYNE_SCALE 1.5 or 2, so the snapshot at the
	// canvas's own scale has the window's pixels at the map's place.
	for _, scale := range []float32{1, 1.5, 2} {
		t.Run(strconv.FormatFloat(float64(scale), 'g', -1, 32), func(t *testing.T) {
			m, w := newTestMap(t, nil, nil)
			w.Canvas().(test.WindowlessCanvas).SetScale(scale)
			w.Resize(fyne.NewSize(600, 400))
			words, pts := gridWords(100)
			m.SetPoints(words, pts)
			m.Select("w44", []string{"w45", "w54", "w34"})
			// The first frame draws the raster, which sets the pixels per
			// unit that the labels use, and the second places them for it.
			w.Canvas().Capture()
			m.Refresh()
			window := w.Canvas().Capture()
			shot, err := m.Snapshot(scale)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := shot.Bounds(), window.Bounds(); got != want {
				t.Fatalf("snapshot bounds %v, want the window's %v", got, want)
			}
			mismatches := 0
			for y := range shot.Bounds().Dy() {
				for x := range shot.Bounds().Dx() {
					if !sameColor(shot.At(x, y), window.At(x, y)) {
						mismatches++
					}
				}
			}
			if mismatches > 0 {
				t.Errorf("%d snapshot pixels differ from the window's", mismatches)
			}
		})
	}
}

func TestPCAMapSnapshotScaledLikeScreen(t *testing.T) {
	words, pts := gridWords(100)
	m, w := newTestMap(t, words, pts)
	m.Select("w44", []string{"w45", "w54", "w34", "w43"})
	m.SetHighlights([]int{7, 8})
	m.Scrolled(&fyne.ScrollEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(250, 150)}, Scrolled: fyne.Delta{DY: 30}})
	window := w.Canvas().Capture()
	screen := test.WidgetRenderer(m).(*pcaMapRenderer)

	// The copy that Snapshot renders places the same labels at the same
	// places in Fyne units as the screen.
	const k = 3
	big, cp := m.renderCopy(k)
	exported := test.WidgetRenderer(cp).(*pcaMapRenderer)
	if len(exported.chosen) != len(screen.chosen) {
		t.Fatalf("export has %d labels, the screen %d", len(exported.chosen), len(screen.chosen))
	}
	for i, want := range screen.chosen {
		if got := exported.chosen[i]; got != want {
			t.Errorf("export label %d = %s at %+v, want %s at %+v", i, words[got.point], got.rect, words[want.point], want.rect)
		}
	}

	// Each label's text is drawn at k times its place, so its box in the
	// export has solid pixels of the label's colour.
	for _, c := range exported.chosen {
		want := toRGBA(cp.labelColor(c.kind))
		box := image.Rect(int(c.rect.X*k), int(c.rect.Y*k), int((c.rect.X+c.rect.W)*k), int((c.rect.Y+c.rect.H)*k))
		solid := 0
		for y := box.Min.Y; y < box.Max.Y; y++ {
			for x := box.Min.X; x < box.Max.X; x++ {
				if toRGBA(big.At(x, y)) == want {
					solid++
				}
			}
		}
		// A letter's stem at 11 units is about one unit wide and seven
		// high, which gives k²·7 pixels. The bound is half of that, so
		// that a short word passes.
		if solid < k*k*7/2 {
			t.Errorf("label %s: %d pixels of its colour in %v of the export, want at least %d", words[c.point], solid, box, k*k*7/2)
		}
	}

	// Shrunk by k, the export looks like the screen: the mean difference
	// per channel is small. A snapshot of a panned view shows that the
	// measure separates different views.
	same := meanDifference(shrink(big, k), window)
	m.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DX: 15, DY: 10}})
	other, err := m.Snapshot(k)
	if err != nil {
		t.Fatal(err)
	}
	differ := meanDifference(shrink(other, k), window)
	// Measured with Fyne's test theme: 1.5 for the same view, where text
	// drawn at three times the size and shrunk differs in its edges, and
	// 5.0 for the view panned by 15×10 units.
	if same > 2.5 {
		t.Errorf("mean difference of the shrunk export from the screen = %.2f, want at most 2.5", same)
	}
	if differ < 3.5 {
		t.Errorf("mean difference of a panned view from the screen = %.2f, want at least 3.5", differ)
	}
}

// shrink returns img reduced by a whole factor k, each pixel the mean of
// a k×k block.
func shrink(img image.Image, k int) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()/k, b.Dy()/k))
	for y := range out.Rect.Dy() {
		for x := range out.Rect.Dx() {
			var sum [4]uint32
			for dy := range k {
				for dx := range k {
					r, g, bl, a := img.At(b.Min.X+x*k+dx, b.Min.Y+y*k+dy).RGBA()
					sum[0], sum[1], sum[2], sum[3] = sum[0]+r>>8, sum[1]+g>>8, sum[2]+bl>>8, sum[3]+a>>8
				}
			}
			n := uint32(k * k)
			out.SetRGBA(x, y, color.RGBA{R: uint8(sum[0] / n), G: uint8(sum[1] / n), B: uint8(sum[2] / n), A: uint8(sum[3] / n)})
		}
	}
	return out
}

// meanDifference returns the mean absolute difference per colour channel
// of a and b over a's bounds, from 0 to 255.
func meanDifference(a, b image.Image) float64 {
	total, n := 0.0, 0
	for y := range a.Bounds().Dy() {
		for x := range a.Bounds().Dx() {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			for _, d := range [3]float64{float64(ar) - float64(br), float64(ag) - float64(bg), float64(ab) - float64(bb)} {
				total += math.Abs(d) / 257
				n++
			}
		}
	}
	return total / float64(n)
}

func TestPCAMapShownPoints(t *testing.T) {
	words, pts := gridWords(9)
	m, _ := newTestMap(t, words, pts)
	gotWords, xs, ys := m.ShownPoints()
	if len(gotWords) != len(words) || len(xs) != len(words) || len(ys) != len(words) {
		t.Fatalf("ShownPoints returned %d words, %d x, %d y; want %d of each", len(gotWords), len(xs), len(ys), len(words))
	}
	for i := range words {
		if gotWords[i] != words[i] || xs[i] != pts[i].X || ys[i] != pts[i].Y {
			t.Errorf("point %d = %s (%g, %g), want %s (%g, %g)", i, gotWords[i], xs[i], ys[i], words[i], pts[i].X, pts[i].Y)
		}
	}
	gotWords[0] = "changed"
	if m.Words()[0] != words[0] {
		t.Error("changing the returned words changed the map")
	}
}

// sameColor reports whether a and b are the same colour after
// premultiplying.
func sameColor(a, b color.Color) bool {
	ar, ag, ab, aa := a.RGBA()
	br, bg, bb, ba := b.RGBA()
	return ar == br && ag == bg && ab == bb && aa == ba
}
