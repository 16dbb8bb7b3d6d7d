package ui

import (
	"image"
	"image/color"
	"math"
	"strconv"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestPCAMapSnapshot(t *testing.T) {
	// Fyne's software test painter draws at the canvas scale, like the GL
	// driver at FYNE_SCALE 1.5 or 2, so the crop is checked in device pixels.
	for _, scale := range []float32{1, 1.5, 2} {
		t.Run(strconv.FormatFloat(float64(scale), 'g', -1, 32), func(t *testing.T) {
			testSnapshotAtScale(t, scale)
		})
	}
}

func testSnapshotAtScale(t *testing.T, scale float32) {
	test.NewTempApp(t)
	words, pts := gridWords(25)
	m := NewPCAMap()
	// A label above the map, so that the snapshot has to find the map's
	// place in the window.
	w := test.NewTempWindow(t, container.NewBorder(widget.NewLabel("above"), nil, nil, nil, m))
	w.Canvas().(test.WindowlessCanvas).SetScale(scale)
	w.Resize(fyne.NewSize(600, 400))

	if _, err := m.Snapshot(); err == nil {
		t.Error("Snapshot of an empty map returned no error")
	}
	m.SetPoints(words, pts)

	shot, err := m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	// The crop keeps the pixels wholly inside the map, so each side loses
	// less than a pixel at either end: up to 2 pixels less than the map.
	size := m.Size()
	got := shot.Bounds().Size()
	wantX, wantY := float64(size.Width*scale), float64(size.Height*scale)
	if d := wantX - float64(got.X); d < 0 || d >= 2 {
		t.Errorf("snapshot is %d pixels wide, want 0 to 2 less than the map's %.2f", got.X, wantX)
	}
	if d := wantY - float64(got.Y); d < 0 || d >= 2 {
		t.Errorf("snapshot is %d pixels high, want 0 to 2 less than the map's %.2f", got.Y, wantY)
	}

	// The snapshot is the window's pixels at the map's place: the map's
	// position in the content, which the padded canvas moves by its padding.
	window := w.Canvas().Capture()
	origin := w.Canvas().Content().Position().Add(m.Position())
	if origin.Y == 0 {
		t.Fatalf("map at %v, want it below the label", origin)
	}
	ox, oy := int(math.Ceil(float64(origin.X*scale))), int(math.Ceil(float64(origin.Y*scale)))
	mismatches := 0
	for y := 0; y < shot.Bounds().Dy(); y++ {
		for x := 0; x < shot.Bounds().Dx(); x++ {
			if !sameColor(shot.At(x, y), window.At(x+ox, y+oy)) {
				mismatches++
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d snapshot pixels differ from the window's", mismatches)
	}

	// The crop starts and ends at the map: its corners are the map's
	// background, not the label above or the window's padding.
	raster := m.image()
	bg := raster.At(0, 0) // no point lies in the corner
	last := shot.Bounds().Max.Sub(image.Pt(1, 1))
	for _, p := range []image.Point{{0, 0}, {last.X, 0}, {0, last.Y}, last} {
		if !sameColor(shot.At(p.X, p.Y), bg) {
			t.Errorf("snapshot pixel %v = %v, want the map's background %v", p, shot.At(p.X, p.Y), bg)
		}
	}

	// The labels are part of it: the raster of points alone differs.
	if labels := shownLabels(m); len(labels) == 0 {
		t.Fatal("no labels shown")
	}
	differ := 0
	for y := 0; y < shot.Bounds().Dy(); y++ {
		for x := 0; x < shot.Bounds().Dx(); x++ {
			if !sameColor(shot.At(x, y), raster.At(x, y)) {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Error("snapshot equals the raster of points, want the labels drawn over it")
	}
}

func TestOpaqueCrop(t *testing.T) {
	// A capture as Mesa's softpipe returns it under Xvfb: the colours of
	// the window with alpha 0, because the framebuffer has no alpha bits.
	shot := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for y := range 3 {
		for x := range 4 {
			shot.SetRGBA(x, y, color.RGBA{R: uint8(10 * x), G: uint8(10 * y), B: 200, A: 0})
		}
	}
	out := opaqueCrop(shot, image.Rect(1, 1, 4, 3))
	if got, want := out.Bounds(), image.Rect(0, 0, 3, 2); got != want {
		t.Fatalf("crop bounds = %v, want %v", got, want)
	}
	for y := range 2 {
		for x := range 3 {
			want := color.RGBA{R: uint8(10 * (x + 1)), G: uint8(10 * (y + 1)), B: 200, A: 255}
			if got := out.RGBAAt(x, y); got != want {
				t.Errorf("pixel (%d, %d) = %v, want %v", x, y, got, want)
			}
		}
	}
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
