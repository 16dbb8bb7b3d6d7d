package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/model/wordvec"
)

// The tests in this file check that what a step must show fits the default
// window, 1100×760, in English and in Chinese, whose texts wrap
// differently and whose rows are taller. The test window has no menu bar,
// so it is that much lower than the default window. Each language builds
// its window once, because a language switch lays out every screen again,
// which takes seconds under the race detector. The Chinese window also
// serves to check that a switch keeps the map's word count.

// layoutMenuBar is an upper estimate of the menu bar's height, as in
// TestNeighbourListShowsTenRows.
const layoutMenuBar = 40

func TestDefaultLayoutEnglish(t *testing.T) {
	h := newHarness(t, Options{})
	addRecentFiles(t, h, maxRecent)
	setUpMapWords(t, h)
	checkDefaultLayout(t, h, LanguageEnglish)
}

func TestDefaultLayoutChinese(t *testing.T) {
	restoreLanguage(t)
	h := newHarness(t, Options{})
	addRecentFiles(t, h, maxRecent)
	setUpMapWords(t, h)
	h.switchLanguage(t, LanguageChinese)
	checkDefaultLayout(t, h, LanguageChinese)
}

// setUpMapWords shows 1,500 imported words in Explore and chooses the
// smallest word count for the map, for checkMapWordsKept.
func setUpMapWords(t *testing.T, h *harness) {
	h.do(func() {
		h.a.explore.setImported(randomVectors(1500), wordvec.LoadInfo{Path: "synthetic.txt", Format: "test"})
		h.a.explore.mapPanel.sizeSel.SetSelectedIndex(0)
	})
	h.waitFor("a map of the smallest count", func() bool { return len(h.a.explore.pcaMap.Words()) == mapSizes[0] })
}

// checkMapWordsKept checks that the word count chosen in setUpMapWords is
// still chosen and drawn, also after a language switch, which builds the
// Explore view again.
func checkMapWordsKept(t *testing.T, h *harness) {
	h.waitFor("the map", func() bool { return len(h.a.explore.pcaMap.Words()) > 0 })
	h.do(func() {
		if got := h.a.explore.mapPanel.sizeSel.Selected; got != formatInt(mapSizes[0]) {
			t.Errorf("word count selected = %q, want %q", got, formatInt(mapSizes[0]))
		}
		if got := len(h.a.explore.pcaMap.Words()); got != mapSizes[0] {
			t.Errorf("map has %d words, want %d", got, mapSizes[0])
		}
	})
}

// checkDefaultLayout runs the checks of this file on the window of h,
// which speaks language. setUpMapWords must have run before the window
// switched to language.
func checkDefaultLayout(t *testing.T, h *harness, language string) {
	t.Run("map word count kept", func(t *testing.T) { checkMapWordsKept(t, h) })
	t.Run("corpus summary under the start card", func(t *testing.T) { checkCorpusSummaryVisible(t, h, language) })
	t.Run("map help in whole lines", func(t *testing.T) { checkMapHelpLines(t, h, language) })
	t.Run("output layer on one line", func(t *testing.T) { checkOutputLayerOneLine(t, h) })
	t.Run("continue training in view", func(t *testing.T) { checkContinueVisible(t, h) })
}

// resizeDefault shows step in the window of h at the default size less the
// menu bar.
func resizeDefault(h *harness, step int) {
	h.a.ShowStep(step)
	resizeSettled(h, defaultWindow.SubtractWidthHeight(0, layoutMenuBar))
}

// bottomOf returns the window y coordinate of the bottom edge of o.
func bottomOf(o fyne.CanvasObject) float32 {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Y + o.Size().Height
}

// checkCorpusSummaryVisible checks, with the start card shown and recent
// files listed, that the Classes row and the length chart's export buttons
// show without scrolling.
func checkCorpusSummaryVisible(t *testing.T, h *harness, language string) {
	h.do(func() {
		resizeDefault(h, stepCorpus)
		if !h.a.start.content.Visible() {
			t.Fatalf("%s: start card hidden", language)
		}
		v := h.a.corpus
		cases := []struct {
			name   string
			object fyne.CanvasObject
			panel  *container.Scroll
		}{
			{"Classes row", v.classes, v.scrolls[0]},
			{"length chart export", v.lengthExport.png, v.scrolls[1]},
		}
		for _, c := range cases {
			if bottom, visible := bottomOf(c.object), bottomOf(c.panel); bottom > visible {
				t.Errorf("%s: the %s ends at y=%v, below the end of its panel at y=%v",
					language, c.name, bottom, visible)
			}
		}
	})
}

// checkMapHelpLines checks the help line under the map. The frequency help
// must fit without scrolling. A longer text must show no third line cut in
// half, so the scroll ends at or above the top of the third line and less
// than a line below the end of the second.
func checkMapHelpLines(t *testing.T, h *harness, language string) {
	h.do(func() {
		// The Chinese window uses a CJK font with other line heights.
		oneLine := widget.NewLabel("A").MinSize().Height
		advance := widget.NewLabel("A\nB").MinSize().Height - oneLine
		thirdTop := theme.InnerPadding() + 2*advance

		resizeDefault(h, stepExplore)
		em := h.a.explore.mapPanel
		em.colorSel.SetSelectedIndex(colorByFrequency)
		em.recolor()
		box := em.helpBox
		box.Refresh()
		if content := box.Content.MinSize().Height; content > box.Size().Height {
			t.Errorf("%s: frequency help %q needs %v units, but its scroll shows %v",
				language, em.help.Text, content, box.Size().Height)
		}

		saved := em.help.Text
		em.help.SetText(strings.Repeat(saved+" ", 3))
		box.Refresh()
		if got := box.Size().Height; got > thirdTop || got < thirdTop-advance {
			t.Errorf("%s: help scroll height = %v, want it between %v and the third line's top %v",
				language, got, thirdTop-advance, thirdTop)
		}
		em.help.SetText(saved)
	})
}

// checkOutputLayerOneLine checks that a classifier's output layer, such as
// "Dense(1, sigmoid)", stays on one line. Chinese labels otherwise wrap
// between any two characters, so the label must ask for the width of its
// whole text, and then no narrower settings column can wrap it.
func checkOutputLayerOneLine(t *testing.T, h *harness) {
	h.do(func() {
		resizeDefault(h, stepTrain)
		out := h.a.train.opts.output
		if out.Text != "Dense(1, sigmoid)" {
			t.Fatalf("output layer = %q, want Dense(1, sigmoid) for the demo", out.Text)
		}
		text := fyne.MeasureText(out.Text, theme.TextSize(), out.TextStyle).Width
		if got := out.MinSize().Width; got < text {
			t.Errorf("output layer asks for %v units of width, want at least its text's %v", got, text)
		}
		// The form row can be a little taller than one line, to fit its
		// entries, but two lines would be nearly twice as tall.
		oneLine := widget.NewLabel("Dense").MinSize().Height
		if got := out.Size().Height; got >= 1.5*oneLine {
			t.Errorf("output layer is %v high, want one line of %v", got, oneLine)
		}
	})
}

// checkContinueVisible checks that Continue training shows without
// scrolling in the settings column.
func checkContinueVisible(t *testing.T, h *harness) {
	h.do(func() {
		resizeDefault(h, stepTrain)
		v := h.a.train
		column := v.content.(*container.Split).Leading.(*container.Scroll)
		if bottom, visible := bottomOf(v.continueBtn), bottomOf(column); bottom > visible {
			t.Errorf("Continue training ends at y=%v, below the settings column's end at y=%v", bottom, visible)
		}
	})
}
