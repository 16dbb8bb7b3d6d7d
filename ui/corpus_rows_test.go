package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// csvWithBlankRows writes a CSV file of ten labelled rows after blank
// rows, each of which the loader skips.
func csvWithBlankRows(t *testing.T, dir string, blank int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("text,label\n")
	for range blank {
		b.WriteString(",pos\n")
	}
	for i := range 10 {
		fmt.Fprintf(&b, "film number %d,%s\n", i, []string{"pos", "neg"}[i%2])
	}
	path := filepath.Join(dir, fmt.Sprintf("blank%d.csv", blank))
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// skipListContent returns the height of the rows of the skip list, as
// the list's own scroller lays them out.
func skipListContent(t *testing.T, v *CorpusView) float32 {
	t.Helper()
	for _, o := range test.LaidOutObjects(v.skipList) {
		if s, ok := o.(*container.Scroll); ok {
			return s.Content.MinSize().Height
		}
	}
	t.Fatal("the skip list has no scroller")
	return 0
}

// TestSkipListFitsItsRows checks that the list of skipped rows is as tall
// as its rows when there are few, with no empty area below them, and
// scrolls at six rows when there are more.
func TestSkipListFitsItsRows(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	load := func(blank int) {
		t.Helper()
		h.do(func() { h.a.LoadFiles(csvWithBlankRows(t, dir, blank)) })
		if err := h.waitLoaded(); err != nil {
			t.Fatalf("loading %d blank rows: %v", blank, err)
		}
		h.do(func() { resizeSettled(h, defaultWindow) })
	}

	load(2)
	var twoRows float32
	h.do(func() {
		v := h.a.corpus
		if got := v.skipList.Length(); got != 2 {
			t.Fatalf("skip list has %d rows, want 2", got)
		}
		twoRows = v.skipBox.Size().Height
		content := skipListContent(t, v)
		if gap := twoRows - content; gap < 0 || gap > theme.Padding() {
			t.Errorf("skip list height %v for rows %v high leaves %v empty, want 0 to the padding %v", twoRows, content, gap, theme.Padding())
		}
	})

	load(20)
	h.do(func() {
		v := h.a.corpus
		if got := v.skipList.Length(); got != 20 {
			t.Fatalf("skip list has %d rows, want 20", got)
		}
		// Two rows take two row heights and one padding between them.
		row := (twoRows - theme.Padding()) / 2
		want := rowListRows*row + (rowListRows-1)*theme.Padding()
		if got := v.skipBox.Size().Height; got != want {
			t.Errorf("skip list height with 20 rows = %v, want %v for %d rows", got, want, rowListRows)
		}
		if content := skipListContent(t, v); content <= want {
			t.Errorf("rows of the skip list are %v high, want more than the %v shown, scrolled", content, want)
		}
	})
}
