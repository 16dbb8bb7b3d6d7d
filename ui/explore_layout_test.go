package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestNeighbourListShowsTenRows checks that the default number of
// neighbours fits in the list without scrolling at the default window size
// that gui.go opens, 1100×760. The desktop driver draws the menu bar inside
// the window and the test driver does not, so the test window is shorter.
func TestNeighbourListShowsTenRows(t *testing.T) {
	const menuBar = 40 // an upper estimate: the menu bar is about 30 units high under Xvfb
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	trainTiny(t, h, 1)

	h.do(func() {
		h.w.Resize(fyne.NewSize(1100, 760-menuBar))
		h.a.ShowStep(stepExplore)
		v := h.a.explore
		test.Type(v.word, "good")
		test.Tap(v.findBtn)
		if len(v.neighbours) != neighbourCount {
			t.Fatalf("%d neighbours listed, want %d", len(v.neighbours), neighbourCount)
		}

		// widget.List places row id at id × (row height + padding), as
		// listLayout does in Fyne v2.7.1, and the label fills its row's height.
		last := strconv.Itoa(neighbourCount) + ". "
		var found bool
		for _, o := range test.LaidOutObjects(v.list) {
			l, ok := o.(*widget.Label)
			if !ok || !strings.HasPrefix(l.Text, last) || !l.Visible() {
				continue
			}
			found = true
			bottom := neighbourCount*l.Size().Height + (neighbourCount-1)*theme.Padding()
			if height := v.list.Size().Height; bottom > height+0.5 {
				t.Errorf("row %q ends at y = %.1f, below the list's height %.1f", l.Text, bottom, height)
			}
		}
		if !found {
			t.Errorf("row %d is not laid out in a list of height %.1f", neighbourCount, v.list.Size().Height)
		}
	})
}
