package ui

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
)

func TestStatusNamesCorpusAndModel(t *testing.T) {
	en := translations(t, "en.json")
	h := newHarness(t, Options{})
	h.do(func() {
		status := h.a.Status()
		for _, want := range []string{h.a.Corpus().Name, en["status.part_no_model"], en["status.idle"]} {
			if !strings.Contains(status, want) {
				t.Errorf("status before training = %q, want it to contain %q", status, want)
			}
		}
	})

	loadReviews(t, h, 40)
	trainTiny(t, h, 1)
	h.do(func() {
		status := h.a.Status()
		wantModel := textBefore(en["status.part_model"]) + h.a.modelSource
		for _, want := range []string{h.a.Corpus().Name, wantModel} {
			if !strings.Contains(status, want) {
				t.Errorf("status after training = %q, want it to contain %q", status, want)
			}
		}
	})
}

func TestStatusShowsLoadDuringTraining(t *testing.T) {
	en := translations(t, "en.json")
	h := newHarness(t, Options{})
	loadReviews(t, h, 200)
	cfg := tinyConfig()
	cfg.Epochs = 10000 // still running when the load starts; stopped below

	started := make(chan struct{})
	h.do(func() {
		h.a.SetConfig(cfg)
		if err := h.a.StartTraining(); err != nil {
			t.Fatalf("starting: %v", err)
		}
		h.a.loadCorpus = func(ctx context.Context, _ corpus.Options, _ ...string) (*corpus.Corpus, error) {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		h.a.LoadFiles("slow.txt")
	})
	<-started

	training := textBefore(en["status.training"])
	loading := textBefore(en["status.loading_files"])
	h.waitFor("status naming the training epoch and the load", func() bool {
		s := h.a.Status()
		return strings.Contains(s, training) && strings.Contains(s, loading+"slow.txt")
	})

	h.do(func() {
		h.a.CancelLoad()
		h.a.StopTraining()
	})
	h.waitTrained()
	h.do(func() {
		if s := h.a.Status(); strings.Contains(s, loading) {
			t.Errorf("status %q still names the cancelled load", s)
		}
	})
}

// TestStatusNamesRunningTraining checks that during a run the status line
// names the training and its corpus, not the model of the run before.
func TestStatusNamesRunningTraining(t *testing.T) {
	en := translations(t, "en.json")
	h := newHarness(t, Options{})
	loadReviews(t, h, 200)
	trainTiny(t, h, 1)

	var before string
	cfg := tinyConfig()
	cfg.Epochs = 10000 // still running when checked; stopped below
	h.do(func() {
		before = h.a.modelStatus()
		h.a.SetConfig(cfg)
		if err := h.a.StartTraining(); err != nil {
			t.Fatalf("starting: %v", err)
		}
	})
	h.waitFor("a batch trained", func() bool { return h.a.train.shownProgress.Last.Batch > 0 })
	h.do(func() {
		s := h.a.Status()
		want := fillTemplate(en["status.part_training"], map[string]string{"Corpus": h.a.Corpus().Name})
		if !strings.Contains(s, want) {
			t.Errorf("status during the run = %q, want it to contain %q", s, want)
		}
		if strings.Contains(s, before) {
			t.Errorf("status during the run = %q, still names the model before the run (%q)", s, before)
		}
		h.a.StopTraining()
	})
	h.waitTrained()
}

// TestOpenedModelNamesItsFile checks that Explore names the file of an
// opened model as the file it was loaded from, not as a corpus, and that
// the status line does not call it a model of another corpus.
func TestOpenedModelNamesItsFile(t *testing.T) {
	en := translations(t, "en.json")
	path := filepath.Join(t.TempDir(), "reviews-model.embedlab")
	done := make(chan error, 4)
	h := newHarness(t, Options{SaveFile: fakeSave(path), OnModelDone: func(_ string, err error) { done <- err }})
	loadReviews(t, h, 40)
	trainTiny(t, h, 1)
	h.do(h.a.SaveModel)
	if err := waitErr(t, done); err != nil {
		t.Fatalf("saving: %v", err)
	}
	h.do(func() { h.a.LoadDemo("en") })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the demo: %v", err)
	}

	h.open = []string{path}
	h.do(h.a.OpenModel)
	if err := waitErr(t, done); err != nil {
		t.Fatalf("opening: %v", err)
	}
	h.do(func() {
		hint := h.a.explore.hint.Text
		want := textBefore(strings.SplitAfter(en["explore.ready_file"], "{{.Dim}}")[1]) + filepath.Base(path)
		if !strings.Contains(hint, want) {
			t.Errorf("Explore hint = %q, want it to contain %q", hint, want)
		}
		if trainedOn := textBefore(strings.SplitAfter(en["explore.ready"], "{{.Dim}}")[1]); strings.Contains(hint, trainedOn) {
			t.Errorf("Explore hint = %q, calls the file a corpus (%q)", hint, trainedOn)
		}
		h.a.setActivity("")
		if s, other := h.a.Status(), en["status.model_other_corpus"]; strings.Contains(s, other) {
			t.Errorf("status = %q, says the file's model is from another corpus", s)
		}
	})
}

// statusLines returns the lines that the status label shows.
func statusLines(t *testing.T, a *App) []string {
	t.Helper()
	for _, o := range test.LaidOutObjects(a.status) {
		if rt, ok := o.(*widget.RichText); ok {
			return renderedLines(rt)
		}
	}
	t.Fatal("the status label has no RichText")
	return nil
}

// checkStatusShown checks that the status line shows its whole text in
// the label's height at the window's size, in a box of constant height.
func checkStatusShown(t *testing.T, h *harness, state string) {
	t.Helper()
	s := h.a.status
	lines := statusLines(t, h.a)
	shown := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
	if want := strings.ReplaceAll(s.Text, " ", ""); shown != want {
		t.Errorf("%s: status shows %q, want the whole text %q", state, strings.Join(lines, " | "), s.Text)
	}
	if s.Size().Height < s.MinSize().Height {
		t.Errorf("%s: status label is %.0f high, want at least its minimum %.0f for %d lines", state, s.Size().Height, s.MinSize().Height, len(lines))
	}
	// The label's inner padding may reach over the box, but not its text.
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s)
	if bottom := pos.Y + s.Size().Height - theme.InnerPadding(); bottom > h.w.Canvas().Size().Height {
		t.Errorf("%s: status text ends at %.0f, below the window's %.0f", state, bottom, h.w.Canvas().Size().Height)
	}
	// The box keeps the height of two lines, so the screens above do not
	// move when the status wraps.
	if got, want := h.a.statusBox.Size().Height, newStatusLayout().minHeight; got != want {
		t.Errorf("%s: status box is %.0f high, want the %.0f of two lines", state, got, want)
	}
	t.Logf("%s: %d line(s): %q", state, len(lines), s.Text)
}

// TestStatusFitsDefaultWindow checks that the status line is not cut off
// at the window's default size, in English and Chinese. The states are
// those a user meets: the demo loaded, a model ready, a model of another
// corpus, a model file opened and a run in progress.
func TestStatusFitsDefaultWindow(t *testing.T) {
	restoreLanguage(t)
	path := filepath.Join(t.TempDir(), "a-model-file-with-a-long-name.embedlab")
	done := make(chan error, 4)
	h := newHarness(t, Options{SaveFile: fakeSave(path), OnModelDone: func(_ string, err error) { done <- err }})
	h.do(func() { h.w.Resize(fyne.NewSize(1100, 760)) }) // the size main.go opens

	for _, language := range []string{LanguageEnglish, LanguageChinese} {
		h.do(func() {
			if err := h.a.SetLanguage(language); err != nil {
				t.Fatalf("switching to %s: %v", language, err)
			}
			h.a.LoadDemo("en")
		})
		h.waitLoaded()
		h.do(func() { checkStatusShown(t, h, language+", demo loaded") })

		loadReviews(t, h, 40)
		trainTiny(t, h, 1)
		h.do(func() { checkStatusShown(t, h, language+", model ready") })

		h.do(func() { h.a.LoadDemo("zh") })
		h.waitLoaded()
		h.do(func() { checkStatusShown(t, h, language+", model of another corpus") })

		h.do(h.a.SaveModel)
		if err := waitErr(t, done); err != nil {
			t.Fatalf("saving: %v", err)
		}
		h.open = []string{path}
		h.do(h.a.OpenModel)
		if err := waitErr(t, done); err != nil {
			t.Fatalf("opening: %v", err)
		}
		h.do(func() { checkStatusShown(t, h, language+", model file opened") })
		h.do(func() {
			h.a.setActivity("")
			checkStatusShown(t, h, language+", model file idle")
		})

		cfg := tinyConfig()
		cfg.Epochs = 10000
		h.do(func() {
			h.a.SetConfig(cfg)
			if err := h.a.StartTraining(); err != nil {
				t.Fatalf("starting: %v", err)
			}
		})
		h.waitFor("a batch trained", func() bool { return h.a.train.shownProgress.Last.Batch > 0 })
		h.do(func() {
			checkStatusShown(t, h, language+", training")
			h.a.StopTraining()
		})
		h.waitTrained()
	}
}
