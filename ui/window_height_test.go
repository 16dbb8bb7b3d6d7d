package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestContentFitsDefaultWindow checks that no step, colour mode or
// language raises the content's minimum height above the content height of
// the 1100×760 window that gui.go opens. Fyne grows a window to its
// content's minimum size, and under Xvfb the window kept the grown height
// when the minimum fell again, so each taller minimum made it taller.
func TestContentFitsDefaultWindow(t *testing.T) {
	const menuBar = 40 // an upper estimate, as in TestNeighbourListShowsTenRows
	const maxHeight = 760 - menuBar
	restoreLanguage(t)
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	trainTiny(t, h, 2) // two epochs, so that Explore shows its epoch slider

	modes := []struct {
		index int
		name  string
	}{
		{colorByFrequency, "frequency"},
		{colorBySearch, "search"},
		{colorByClass, "class"},
	}
	for _, language := range []string{LanguageEnglish, LanguageChinese} {
		h.switchLanguage(t, language)
		h.do(func() { h.w.Resize(fyne.NewSize(1100, maxHeight)) })

		for step := stepCorpus; step <= stepPredict; step++ {
			h.do(func() { h.a.ShowStep(step) })
			h.checkHeight(t, maxHeight, language, step, "")
		}

		h.do(func() {
			h.a.ShowStep(stepExplore)
			v := h.a.explore
			test.Type(v.word, "good")
			test.Tap(v.findBtn)
			v.mapPanel.search.SetText("o")
		})
		for _, mode := range modes {
			h.do(func() { h.a.explore.mapPanel.colorSel.SetSelectedIndex(mode.index) })
			if mode.index == colorByClass {
				h.waitFor("the class colours", func() bool { return len(h.a.explore.mapPanel.classNames) > 0 })
				h.do(func() { h.a.explore.mapPanel.recolor() })
			}
			h.checkHeight(t, maxHeight, language, stepExplore, mode.name)
		}
	}
}

// checkHeight reports an error when the window content's minimum height is
// above maxHeight.
func (h *harness) checkHeight(t *testing.T, maxHeight float32, language string, step int, mode string) {
	t.Helper()
	var got float32
	h.do(func() { got = h.w.Content().MinSize().Height })
	if got > maxHeight {
		t.Errorf("%s, step %d %s: content minimum height %.1f, want at most %.0f", language, step, mode, got, maxHeight)
	}
}
