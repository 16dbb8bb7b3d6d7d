package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
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

// TestCorpusChoicesAfterColumnError loads a CSV whose columns are all
// numbers, so that no text column is found, and checks that the column
// choices then offer the file's columns and load it with the one picked.
func TestCorpusChoicesAfterColumnError(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.a.corpus
	path := filepath.Join(t.TempDir(), "epochs.csv")
	data := "epoch,loss,accuracy\n"
	for i := 1; i <= 8; i++ {
		data += fmt.Sprintf("%d,%.2f,%.2f\n", i, 1/float64(i), 1-1/float64(i+1))
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	columns := []string{"epoch", "loss", "accuracy"}

	h.do(func() { h.a.LoadFiles(path) })
	err := h.waitLoaded()
	var ce *corpus.Error
	if !errors.As(err, &ce) || !slices.Equal(ce.Columns, columns) {
		t.Fatalf("loading %s: error %v, want a *corpus.Error with the columns %q", path, err, columns)
	}
	h.do(func() {
		if got := overlayTexts(h.w); !strings.Contains(got, "choose the text column yourself") {
			t.Errorf("dialog shows %q, want the error about the text column", got)
		}
		for name, s := range map[string]*keySelect{"text column": v.textSelect, "label column": v.labelSelect} {
			if s.Disabled() {
				t.Errorf("%s menu is disabled after the error, want it enabled", name)
			}
			if !slices.Equal(s.Options, columns) {
				t.Errorf("%s menu offers %q, want the file's columns %q", name, s.Options, columns)
			}
		}
		if !v.retryNote.Visible() || !strings.Contains(v.retryNote.Text, "epochs.csv") {
			t.Errorf("note = %q (visible %v), want one naming epochs.csv", v.retryNote.Text, v.retryNote.Visible())
		}
		if h.a.current == nil || h.a.current.Name == path {
			t.Errorf("corpus shown is %v, want the one loaded before", h.a.current)
		}
	})

	h.do(func() { v.textSelect.SetSelected("loss") })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading %s with the text column loss: %v", path, err)
	}
	h.do(func() {
		c := h.a.current
		if c.TextColumn != "loss" || len(c.Docs) != 8 {
			t.Errorf("corpus has text column %q and %d documents, want loss and 8", c.TextColumn, len(c.Docs))
		}
		if !slices.Equal(h.a.source, []string{path}) {
			t.Errorf("source = %q, want %q", h.a.source, path)
		}
		if got := v.textSelect.Selected; got != "loss" {
			t.Errorf("text column menu shows %q, want loss", got)
		}
		if v.retry != nil || v.retryNote.Visible() {
			t.Errorf("the choices still read the failed load %+v", v.retry)
		}
	})
}
