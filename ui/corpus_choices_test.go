package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestCorpusChoicesFitDefaultSize checks that the four choices of the
// corpus view are fully visible at the default window size, without
// scrolling sideways, with the English texts and again with the Chinese.
func TestCorpusChoicesFitDefaultSize(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.a.corpus
	selects := map[string]*keySelect{"format": v.formatSelect, "text column": v.textSelect,
		"label column": v.labelSelect, "segmenter": v.segmentSelect}
	check := func(language string) {
		t.Helper()
		h.do(func() {
			h.a.ShowStep(stepCorpus)
			h.w.Resize(defaultWindowSize)
			h.w.Content().Refresh()
		})
		h.do(func() {
			driver := fyne.CurrentApp().Driver()
			view := driver.AbsolutePositionForObject(v.choiceScroll)
			viewSize := v.choiceScroll.Size()
			if need := v.choices.MinSize().Width; need > viewSize.Width {
				t.Errorf("%s: the choices need %.0f wide, the row gives them %.0f", language, need, viewSize.Width)
			}
			if v.choiceScroll.Offset.X != 0 {
				t.Errorf("%s: the choices are scrolled by %.0f", language, v.choiceScroll.Offset.X)
			}
			canvasWidth := h.w.Canvas().Size().Width
			for name, s := range selects {
				pos, size := driver.AbsolutePositionForObject(s), s.Size()
				if size.Width < s.MinSize().Width {
					t.Errorf("%s: %s menu is %.0f wide, want at least its minimum %.0f", language, name, size.Width, s.MinSize().Width)
				}
				if pos.X < view.X || pos.X+size.Width > view.X+viewSize.Width {
					t.Errorf("%s: %s menu spans x %.0f to %.0f, outside the visible %.0f to %.0f",
						language, name, pos.X, pos.X+size.Width, view.X, view.X+viewSize.Width)
				}
				if pos.X+size.Width > canvasWidth {
					t.Errorf("%s: %s menu ends at x %.0f, past the window's width %.0f", language, name, pos.X+size.Width, canvasWidth)
				}
			}
		})
	}
	check("English")

	// Put the Chinese texts of the labels and menus in place of the
	// English ones, because the language itself is global and stays English.
	en, zh := translations(t, "en.json"), translations(t, "zh_Hans.json")
	chinese := func(english string) string {
		for key, text := range en {
			if text == english && zh[key] != "" {
				return zh[key]
			}
		}
		return english // a format name or a column name, the same in both languages
	}
	h.do(func() {
		for _, form := range v.choices.Objects {
			for _, o := range form.(*fyne.Container).Objects {
				if l, ok := o.(*widget.Label); ok {
					l.SetText(chinese(l.Text))
				}
			}
		}
		for _, s := range selects {
			s.PlaceHolder = chinese(s.PlaceHolder)
			options := make([]string, len(s.Options))
			for i, o := range s.Options {
				options[i] = chinese(o)
			}
			if len(options) > 0 {
				selected := s.SelectedIndex()
				s.SetOptions(options)
				v.filling = true
				s.SetSelectedIndex(selected)
				v.filling = false
			}
		}
	})
	check("Chinese")
}
