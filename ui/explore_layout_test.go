package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/model/wordvec"
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

// TestAnalogyAnswerKeepsQuestion checks, at the default window size, that
// an analogy's ten answers scroll the tools so that the question, from its
// heading, stays in view together with the first answer.
func TestAnalogyAnswerKeepsQuestion(t *testing.T) {
	const menuBar = 40 // an upper estimate, as in TestNeighbourListShowsTenRows
	h := newHarness(t, Options{})
	h.do(func() {
		h.w.Resize(fyne.NewSize(1100, 760-menuBar))
		h.a.ShowStep(stepExplore)
		h.a.explore.setImported(randomVectors(200), wordvec.LoadInfo{Path: "synthetic.txt", Format: "test"})
	})
	h.do(func() {
		tools := h.a.explore.tools
		test.Type(tools.anaA, "w00001")
		test.Type(tools.anaB, "w00002")
		test.Type(tools.anaC, "w00003")
		test.Tap(tools.anaBtn)
		if len(tools.analogyAnswers) < 10 {
			t.Fatalf("analogy gave %d answers, want 10: %q", len(tools.analogyAnswers), tools.anaResult.Text)
		}

		s := tools.scroll
		shownTop, shownBottom := s.Offset.Y, s.Offset.Y+s.Size().Height
		heading := tools.headings[tools.anaResult]
		if got := heading.Position().Y; got < shownTop {
			t.Errorf("analogy heading at y=%v, above the part shown from y=%v", got, shownTop)
		}
		firstLine := tools.anaResult.Position().Y + widget.NewLabel("A").MinSize().Height
		if firstLine > shownBottom {
			t.Errorf("first answer ends at y=%v, below the part shown up to y=%v", firstLine, shownBottom)
		}
	})
}
