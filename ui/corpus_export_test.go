package ui

import (
	"image"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/viz"
)

func TestCorpusExports(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, Options{SaveFile: saveInto(dir)})
	waitCharts(h)
	v := h.a.corpus

	runExports(h, dir, []exportCase{
		{"length PNG", func() *widget.Button { return v.lengthExport.png }, "lengths.png"},
		{"length SVG", func() *widget.Button { return v.lengthExport.svg }, "lengths.svg"},
		{"class PNG", func() *widget.Button { return v.classExport.png }, "classes.png"},
		{"class SVG", func() *widget.Button { return v.classExport.svg }, "classes.svg"},
		{"statistics CSV", func() *widget.Button { return v.statsExport.csv }, "corpus-stats.csv"},
	})

	var st corpus.Stats
	h.do(func() { st = v.stats() })

	for _, c := range []struct {
		file string
		box  *imageBox
	}{{"lengths.png", v.lengthChart}, {"classes.png", v.classChart}} {
		img := readPNG(t, filepath.Join(dir, c.file))
		var want image.Point
		h.do(func() { want = c.box.pixelSize() })
		want = image.Pt(max(want.X, viz.MinChartWidth), max(want.Y, viz.MinChartHeight))
		want = want.Mul(exportScale(want.X, want.Y))
		if got := img.Bounds().Size(); got != want {
			t.Errorf("%s is %v pixels, want the chart's size on screen (at least the minimum) times the export scale: %v", c.file, got, want)
		}
		if got := img.Bounds().Dx(); got < slideWidth {
			t.Errorf("%s is %d pixels wide, want at least %d for a slide", c.file, got, slideWidth)
		}
	}

	// The chart titles come from viz's English fallbacks.
	if svg := readSVG(t, filepath.Join(dir, "lengths.svg")); !strings.Contains(svg, "Document length") {
		t.Error("lengths.svg lacks the title Document length")
	}
	classSVG := readSVG(t, filepath.Join(dir, "classes.svg"))
	for _, cc := range st.Classes {
		if !strings.Contains(classSVG, cc.Class) {
			t.Errorf("classes.svg lacks the class %q", cc.Class)
		}
	}

	records := readCSV(t, filepath.Join(dir, "corpus-stats.csv"), statsHeader)
	values := map[string]string{}
	classDocs := map[string]string{}
	for _, r := range records {
		if len(r) != 3 {
			t.Fatalf("record %q has %d fields, want 3", r, len(r))
		}
		if r[0] == "class_documents" {
			classDocs[r[1]] = r[2]
		} else {
			values[r[0]] = r[2]
		}
	}
	// Expected values are the statistics the view shows.
	for name, want := range map[string]int{
		"documents": st.Docs, "tokens": st.Tokens, "vocabulary": st.VocabSize,
		"length_p50": st.P50, "length_p95": st.P95, "length_max": st.Max, "suggested_maxlen": st.SuggestedMaxLen,
	} {
		if got := values[name]; got != strconv.Itoa(want) {
			t.Errorf("%s = %q, want %d", name, got, want)
		}
	}
	if len(classDocs) != len(st.Classes) {
		t.Errorf("%d class_documents records, want %d", len(classDocs), len(st.Classes))
	}
	for _, cc := range st.Classes {
		if got := classDocs[cc.Class]; got != strconv.Itoa(cc.Count) {
			t.Errorf("class_documents of %q = %q, want %d", cc.Class, got, cc.Count)
		}
	}
}
