package ui

import (
	"context"
	"strings"
	"testing"

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
