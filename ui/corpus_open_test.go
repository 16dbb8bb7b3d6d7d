package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenShowsCorpusStep checks that a file chosen with Open… from
// another step shows the Corpus step, where the choice shows.
func TestOpenShowsCorpusStep(t *testing.T) {
	h := newHarness(t, Options{})
	pos, _ := reviewFiles(t, t.TempDir(), 5)
	csv := filepath.Join(t.TempDir(), "reviews.csv")
	if err := os.WriteFile(csv, []byte("text,label\ngood film,pos\nbad film,neg\nfine plot,pos\ndull plot,neg\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	h.do(func() {
		h.a.ShowStep(stepExplore)
		h.open = []string{pos}
		h.a.Open()
		if got := h.a.tabs.SelectedIndex(); got != stepCorpus {
			t.Errorf("step %d shown after choosing a plain-text file, want Corpus (%d)", got, stepCorpus)
		}
		if len(h.a.pending) != 1 {
			t.Errorf("pending files = %v, want the chosen file", h.a.pending)
		}

		h.a.ShowStep(stepPredict)
		h.open = []string{csv}
		h.a.Open()
		if got := h.a.tabs.SelectedIndex(); got != stepCorpus {
			t.Errorf("step %d shown after choosing a CSV file, want Corpus (%d)", got, stepCorpus)
		}
	})
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the CSV file: %v", err)
	}
}

// TestOpenLoadsLabelledTextAtOnce checks that Open… loads a file whose
// text carries its labels, here fastText with a .ft and a .txt name, at
// once, as it does a CSV file, and does not wait for another class file.
func TestOpenLoadsLabelledTextAtOnce(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	text := "__label__pos a good film\n__label__neg a dull film\n__label__pos a fine plot\n__label__neg a weak plot\n"
	for _, name := range []string{"reviews.ft", "reviews.txt"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		h.do(func() {
			h.open = []string{path}
			h.a.Open()
			if len(h.a.pending) != 0 {
				t.Errorf("%s: pending files = %v, want none", name, h.a.pending)
			}
		})
		if err := h.waitLoaded(); err != nil {
			t.Fatalf("%s: loading: %v", name, err)
		}
		h.do(func() {
			if got := h.a.current.Format; got != "fasttext" {
				t.Errorf("%s: format %q, want fasttext", name, got)
			}
		})
	}
}

// TestNewCorpusScrollsToTop checks that a newly loaded corpus shows the
// top of both columns of the Corpus view, and that a new analysis of the
// same corpus keeps the place.
func TestNewCorpusScrollsToTop(t *testing.T) {
	h := newHarness(t, Options{})
	scrollDown := func() {
		for i, s := range h.a.corpus.scrolls {
			s.ScrollToBottom()
			if s.Offset.Y == 0 {
				t.Fatalf("column %d does not scroll at this window size", i)
			}
		}
	}
	h.do(scrollDown)

	loadReviews(t, h, 40)
	h.do(func() {
		for i, s := range h.a.corpus.scrolls {
			if s.Offset.Y != 0 {
				t.Errorf("column %d scrolled to %.0f after a new corpus, want the top", i, s.Offset.Y)
			}
		}
		scrollDown()
		h.a.reanalyse()
	})
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("analysing again: %v", err)
	}
	h.do(func() {
		for i, s := range h.a.corpus.scrolls {
			if s.Offset.Y == 0 {
				t.Errorf("column %d went back to the top after a new analysis of the same corpus", i)
			}
		}
	})
}
