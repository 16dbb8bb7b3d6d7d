package ui

import (
	"html"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestExploreMapExports(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, Options{SaveFile: saveInto(dir)})
	em := h.a.explore.mapPanel

	// Nothing to export before a model.
	h.do(func() { test.Tap(em.export.png) })
	h.do(func() {
		if got := overlayTexts(h.w); !strings.Contains(got, "no map to export") {
			t.Errorf("dialog = %q, want it to say there is no map", got)
		}
		for _, o := range h.w.Canvas().Overlays().List() {
			h.w.Canvas().Overlays().Remove(o)
		}
	})

	trainTiny(t, h, 1)
	h.waitFor("PCA map drawn", func() bool { return len(em.view.Words()) > 0 })
	h.do(func() { h.a.tabs.SelectIndex(2) })

	var words []string
	var xs, ys []float64
	h.do(func() { words, xs, ys = em.view.ShownPoints() })

	runExports(h, dir, []exportCase{
		{"map PNG", func() *widget.Button { return em.export.png }, "map.png"},
		{"map SVG", func() *widget.Button { return em.export.svg }, "map.svg"},
		{"map CSV", func() *widget.Button { return em.export.csv }, "map.csv"},
	})

	// The map starts fitted to all its points, so the SVG has every word,
	// escaped as XML text.
	svg := readSVG(t, filepath.Join(dir, "map.svg"))
	first, last := html.EscapeString(words[0]), html.EscapeString(words[len(words)-1])
	for _, want := range []string{"PC1", ">" + first + "<", ">" + last + "<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("map.svg lacks %q", want)
		}
	}

	img := readPNG(t, filepath.Join(dir, "map.png"))
	var width, height float32
	h.do(func() { width, height = em.view.Size().Width, em.view.Size().Height })
	// The PNG has the map's layout at a whole scale that makes it at
	// least slideWidth wide; the test canvas has one pixel per unit.
	k := float64(exportScale(int(math.Ceil(float64(width))), int(math.Ceil(float64(height)))))
	got := img.Bounds().Size()
	if got.X < slideWidth {
		t.Errorf("map.png is %d pixels wide, want at least %d for a slide", got.X, slideWidth)
	}
	if math.Abs(float64(got.X)-float64(width)*k) > 1 || math.Abs(float64(got.Y)-float64(height)*k) > 1 {
		t.Errorf("map.png is %v pixels, want the map's %g×%g units at %g pixels per unit", got, width, height, k)
	}

	records := readCSV(t, filepath.Join(dir, "map.csv"), []string{"word", "x", "y"})
	if len(records) != len(words) {
		t.Fatalf("%d records, want one per word on the map (%d)", len(records), len(words))
	}
	// The CSV keeps every digit of a float64, so the tolerance only covers
	// printing.
	const tolerance = 1e-12
	for i, r := range records {
		x, errX := strconv.ParseFloat(r[1], 64)
		y, errY := strconv.ParseFloat(r[2], 64)
		if r[0] != words[i] || errX != nil || errY != nil || math.Abs(x-xs[i]) > tolerance || math.Abs(y-ys[i]) > tolerance {
			t.Errorf("record %d = %q, want %s,%g,%g", i, r, words[i], xs[i], ys[i])
		}
	}
}
