package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
)

func TestCorpusViewShowsDemo(t *testing.T) {
	for _, language := range []string{"en", "zh"} {
		t.Run(language, func(t *testing.T) {
			h := newHarness(t, Options{DemoLang: language})

			// The expected figures come from the engine itself; the view
			// must show them unchanged.
			c := corpus.Demo(language, 1)
			st := corpus.ComputeStats(c, corpus.NewTokenizer(0))
			if st.Docs == 0 {
				t.Fatalf("demo corpus %q has no documents", language)
			}
			h.do(func() {
				v := h.a.corpus
				if got, want := v.name.Text, c.Name; got != want {
					t.Errorf("name = %q, want %q", got, want)
				}
				if got, want := v.docs.Text, formatInt(st.Docs); got != want {
					t.Errorf("documents = %q, want %q", got, want)
				}
				for _, cc := range st.Classes {
					if want := cc.Class + " " + formatInt(cc.Count); !strings.Contains(v.classes.Text, want) {
						t.Errorf("classes = %q, want it to contain %q", v.classes.Text, want)
					}
				}
				if want := formatInt(st.VocabSize); !strings.Contains(v.vocab.Text, want) {
					t.Errorf("vocabulary = %q, want it to contain %q", v.vocab.Text, want)
				}
				if want := "P50 " + itoa(st.P50); !strings.Contains(v.lengths.Text, want) {
					t.Errorf("lengths = %q, want it to contain %q", v.lengths.Text, want)
				}
				if want := "max " + itoa(st.Max); !strings.Contains(v.lengths.Text, want) {
					t.Errorf("lengths = %q, want it to contain %q", v.lengths.Text, want)
				}
				if got := len(v.samples.Objects); got != min(sampleDocs, len(c.Docs)) {
					t.Errorf("%d sample documents shown, want %d", got, min(sampleDocs, len(c.Docs)))
				}
				if !strings.Contains(h.a.Status(), c.Name) {
					t.Errorf("status %q does not name the corpus %q", h.a.Status(), c.Name)
				}
			})
		})
	}
}

func TestCorpusViewLoadsDroppedFiles(t *testing.T) {
	h := newHarness(t, Options{})
	pos, neg := reviewFiles(t, t.TempDir(), 5)

	h.do(func() { h.a.dropped(fyne.NewPos(10, 10), []fyne.URI{fileURI(pos), fileURI(neg)}) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading dropped files: %v", err)
	}

	h.do(func() {
		v := h.a.corpus
		if got, want := v.docs.Text, "10"; got != want {
			t.Errorf("documents = %q, want %q", got, want)
		}
		for _, want := range []string{"neg 5", "pos 5"} {
			if !strings.Contains(v.classes.Text, want) {
				t.Errorf("classes = %q, want it to contain %q", v.classes.Text, want)
			}
		}
		if got := h.a.Corpus().Name; !strings.Contains(got, "reviews") {
			t.Errorf("corpus name = %q, want the file names", got)
		}
	})
}

func TestCorpusViewOpensFilesOneByOne(t *testing.T) {
	h := newHarness(t, Options{})
	pos, neg := reviewFiles(t, t.TempDir(), 4)
	h.open = []string{pos, neg}

	// The first file joins the pending selection instead of loading alone.
	h.do(func() {
		h.a.Open()
		if h.a.corpus.pendingBox.Hidden {
			t.Fatal("pending selection hidden after opening one plain-text file")
		}
		if !strings.Contains(h.a.corpus.pendingText.Text, "reviews.pos") {
			t.Errorf("pending text = %q, want it to name reviews.pos", h.a.corpus.pendingText.Text)
		}
		h.a.Open()
		test.Tap(h.a.corpus.loadPending)
	})
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the selected files: %v", err)
	}
	h.do(func() {
		if got, want := h.a.corpus.docs.Text, "8"; got != want {
			t.Errorf("documents = %q, want %q", got, want)
		}
		if !h.a.corpus.pendingBox.Hidden {
			t.Error("pending selection still shown after loading it")
		}
	})
}

func TestCorpusViewShowsLoadError(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()
	bad := filepath.Join(dir, "reviews.csv")
	if err := os.WriteFile(bad, []byte("text,label\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, wantErr := corpus.Load(bad)
	if wantErr == nil {
		t.Fatalf("corpus.Load(%s) accepted a CSV file without rows", bad)
	}
	var before string
	h.do(func() { before = h.a.corpus.docs.Text })

	h.do(func() { h.a.dropped(fyne.NewPos(0, 0), []fyne.URI{fileURI(bad)}) })
	if err := h.waitLoaded(); err == nil {
		t.Fatal("loading a CSV file without rows succeeded")
	}

	h.do(func() {
		// Fyne's error dialog capitalises the first letter of the message.
		got := strings.ToLower(overlayTexts(h.w))
		if !strings.Contains(got, strings.ToLower(wantErr.Error())) {
			t.Errorf("dialog text = %q, want it to contain %q", got, wantErr.Error())
		}
		if got := h.a.corpus.docs.Text; got != before {
			t.Errorf("documents = %q after a failed load, want the previous %q", got, before)
		}
	})
}

func TestDroppedFolderIsRejected(t *testing.T) {
	h := newHarness(t, Options{})
	dir := t.TempDir()

	h.do(func() {
		h.a.dropped(fyne.NewPos(0, 0), []fyne.URI{fileURI(dir)})
		if got := overlayTexts(h.w); !strings.Contains(got, "is a folder") {
			t.Errorf("dialog text = %q, want it to say the item is a folder", got)
		}
	})
}

func TestFormatInt(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {10662, "10,662"}, {1234567, "1,234,567"}, {-4200, "-4,200"},
	}
	for _, tc := range tests {
		if got := formatInt(tc.n); got != tc.want {
			t.Errorf("formatInt(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func itoa(n int) string { return formatInt(n) }

func TestShowFileOpenShowsFyneDialog(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(900, 700))

	called := false
	ShowFileOpen(w, func(string, error) { called = true })
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no dialog shown")
	}
	if called {
		t.Error("done called before the user chose a file")
	}
}

func TestCorpusViewListsSkippedRows(t *testing.T) {
	h := newHarness(t, Options{})
	csv := filepath.Join(t.TempDir(), "reviews.csv")
	rows := "text,label\n" +
		"a fine film,pos\n" +
		"a dull film,neg\n" +
		"no label here,\n" + // line 4
		"no label either,\n" +
		",pos\n" + // empty text
		"last one without label,\n" +
		"a great film,pos\n"
	if err := os.WriteFile(csv, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := corpus.Load(csv)
	if err != nil {
		t.Fatalf("corpus.Load: %v", err)
	}
	if len(c.Skipped) != 4 {
		t.Fatalf("corpus.Load skipped %d rows, want 4", len(c.Skipped))
	}

	// A CSV file loads as soon as it is opened, without a pending selection.
	h.open = []string{csv}
	h.do(h.a.Open)
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading %s: %v", csv, err)
	}

	h.do(func() {
		v := h.a.corpus
		if got, want := v.skipped.Text, "4"; got != want {
			t.Errorf("rows skipped = %q, want %q", got, want)
		}
		if got, want := len(v.skipList.Objects), skipReasons+1; got != want {
			t.Fatalf("skip list has %d lines, want %d reasons and a summary", got, want)
		}
		first := c.Skipped[0]
		if got := v.skipList.Objects[0].(*widget.Label).Text; !strings.Contains(got, first.Reason) || !strings.Contains(got, "reviews.csv:4") {
			t.Errorf("first skip line = %q, want reviews.csv:4 and %q", got, first.Reason)
		}
		if got := v.skipList.Objects[skipReasons].(*widget.Label).Text; !strings.Contains(got, "1 more") {
			t.Errorf("summary line = %q, want it to count 1 more row", got)
		}
		if !v.pendingBox.Hidden {
			t.Error("pending selection shown after opening a CSV file")
		}
	})
}
