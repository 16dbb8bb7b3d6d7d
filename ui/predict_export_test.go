package ui

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestPredictExports(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, Options{SaveFile: saveInto(dir)})
	trainTiny(t, h, 1)
	v := h.a.predict

	// Nothing to export before a prediction.
	h.do(func() { checkExportsEnabled(t, v, false, "before a prediction") })

	// "qqzzx" is in no review of the test corpus, so it is out of the vocabulary.
	var tokens []string
	var class string
	h.do(func() {
		test.Type(v.entry, "good qqzzx movie")
		v.predict()
		tokens, class = v.tokens, v.plotClass
	})
	if len(tokens) != 3 {
		t.Fatalf("prediction has tokens %q, want 3", tokens)
	}
	h.waitFor("prediction chart drawn", func() bool { return v.chart.image() != nil })
	h.do(func() { checkExportsEnabled(t, v, true, "after a prediction") })

	runExports(h, dir, []exportCase{
		{"chart PNG", func() *widget.Button { return v.export.png }, "prediction.png"},
		{"chart SVG", func() *widget.Button { return v.export.svg }, "prediction.svg"},
		{"table CSV", func() *widget.Button { return v.export.csv }, "prediction.csv"},
	})

	if got := readPNG(t, filepath.Join(dir, "prediction.png")).Bounds().Dx(); got < slideWidth {
		t.Errorf("prediction.png is %d pixels wide, want at least %d for a slide", got, slideWidth)
	}
	svg := readSVG(t, filepath.Join(dir, "prediction.svg"))
	for _, want := range []string{"P(" + class + ")", "probability of " + class} {
		if !strings.Contains(svg, want) {
			t.Errorf("prediction.svg lacks the title or axis label %q", want)
		}
	}

	records := readCSV(t, filepath.Join(dir, "prediction.csv"), tokenHeader)
	if len(records) != len(tokens) {
		t.Fatalf("%d records, want one per token (%d)", len(records), len(tokens))
	}
	for i, r := range records {
		if r[0] != tokens[i] || r[2] != class {
			t.Errorf("record %d = %q, want token %q and class %q", i, r, tokens[i], class)
		}
	}
	if got := records[1][1]; got != "oov" {
		t.Errorf("id of qqzzx = %q, want oov", got)
	}
	if got := records[1][3]; got != "" {
		t.Errorf("probability after qqzzx = %q, want empty because the model skips it", got)
	}
	for _, i := range []int{0, 2} {
		if _, err := strconv.Atoi(records[i][1]); err != nil {
			t.Errorf("id of %q = %q, want a word index", records[i][0], records[i][1])
		}
		p, err := strconv.ParseFloat(records[i][3], 64)
		if err != nil || p < 0 || p > 1 {
			t.Errorf("probability after %q = %q, want a number from 0 to 1", records[i][0], records[i][3])
		}
	}
}

// checkExportsEnabled reports each export button of v whose enabled state
// differs from want.
func checkExportsEnabled(t *testing.T, v *PredictView, want bool, when string) {
	t.Helper()
	for name, b := range map[string]*widget.Button{"PNG": v.export.png, "SVG": v.export.svg, "CSV": v.export.csv} {
		if got := !b.Disabled(); got != want {
			t.Errorf("%s export enabled = %v %s, want %v", name, got, when, want)
		}
	}
}

func TestPredictExportsClearedWithResult(t *testing.T) {
	h := newHarness(t, Options{})
	trainTiny(t, h, 1)
	v := h.a.predict
	h.do(func() {
		test.Type(v.entry, "good movie")
		v.predict()
		checkExportsEnabled(t, v, true, "after a prediction")
	})

	// A new model clears the prediction.
	trainTiny(t, h, 1)
	h.do(func() {
		checkExportsEnabled(t, v, false, "after a new model cleared the prediction")
		v.predict()
		checkExportsEnabled(t, v, true, "after predicting again")
	})
}
