package ui

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestPCAMapSnapshot(t *testing.T) {
	test.NewTempApp(t)
	words, pts := gridWords(25)
	m := NewPCAMap()
	// A label above the map, so that the snapshot has to find the map's
	// place in the window.
	w := test.NewTempWindow(t, container.NewBorder(widget.NewLabel("above"), nil, nil, nil, m))
	w.Resize(fyne.NewSize(600, 400))

	if _, err := m.Snapshot(); err == nil {
		t.Error("Snapshot of an empty map returned no error")
	}
	m.SetPoints(words, pts)

	shot, err := m.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	// At scale 1 a side may round to one pixel more or less than the map's
	// fractional size, because both of its edges are rounded.
	size := m.Size()
	got := shot.Bounds().Size()
	if math.Abs(float64(got.X)-float64(size.Width)) > 1 || math.Abs(float64(got.Y)-float64(size.Height)) > 1 {
		t.Errorf("snapshot is %v pixels, want the map's %v within a pixel", got, size)
	}

	// The snapshot is the window's pixels at the map's place.
	window := w.Canvas().Capture()
	origin := fyne.CurrentApp().Driver().AbsolutePositionForObject(m)
	if origin.Y == 0 {
		t.Fatalf("map at %v, want it below the label", origin)
	}
	mismatches := 0
	for y := 0; y < shot.Bounds().Dy(); y++ {
		for x := 0; x < shot.Bounds().Dx(); x++ {
			if !sameColor(shot.At(x, y), window.At(x+int(math.Round(float64(origin.X))), y+int(math.Round(float64(origin.Y))))) {
				mismatches++
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d snapshot pixels differ from the window's", mismatches)
	}

	// The labels are part of it: the raster of points alone differs.
	if labels := shownLabels(m); len(labels) == 0 {
		t.Fatal("no labels shown")
	}
	raster := m.image()
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
