package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"embedlab/corpus"
	"embedlab/model/wordvec"
)

func TestTourTyping(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 40)
	trainTiny(t, h, 1)
	h.do(func() {
		h.a.TypeQuery("good")
		if h.a.explore.neighbourQuery != "good" || len(h.a.explore.neighbours) == 0 {
			t.Errorf("after TypeQuery(good): query %q with %d neighbours, want good and some",
				h.a.explore.neighbourQuery, len(h.a.explore.neighbours))
		}
		h.a.TypePrediction("a good film")
		if len(h.a.predict.tokens) == 0 || h.a.predict.class == "" {
			t.Errorf("after TypePrediction: tokens %q class %q, want both set", h.a.predict.tokens, h.a.predict.class)
		}
	})
}

func TestWrapModeFollowsLanguage(t *testing.T) {
	// SetLanguage would change Fyne's global translations while chart
	// goroutines of earlier tests may still read them, so the check takes
	// the tab title as each language spells it.
	tests := []struct {
		sample string
		want   fyne.TextWrap
	}{
		{"Corpus", fyne.TextWrapWord},
		{"语料", fyne.TextWrapBreak},
	}
	for _, tc := range tests {
		if got := wrapModeFor(tc.sample); got != tc.want {
			t.Errorf("wrapModeFor(%q) = %v, want %v", tc.sample, got, tc.want)
		}
	}
	if got := wrapMode(); got != fyne.TextWrapWord {
		t.Errorf("wrapMode() with the English texts of the tests = %v, want TextWrapWord", got)
	}
}

func TestFlashActivityClears(t *testing.T) {
	saved := flashFor
	flashFor = 20 * time.Millisecond
	t.Cleanup(func() { flashFor = saved })
	h := newHarness(t, Options{})
	h.do(func() { h.a.flashActivity("Wrote chart.png") })
	h.waitFor("the status without the report", func() bool {
		return !strings.Contains(h.a.Status(), "Wrote chart.png")
	})
}

func TestOpenFileShowsCorpusStep(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		h.a.ShowStep(3)
		h.a.loadCorpus = func(context.Context, corpus.Options, ...string) (*corpus.Corpus, error) {
			return nil, context.Canceled
		}
		h.a.LoadFiles("reviews.csv")
		if got := h.a.tabs.SelectedIndex(); got != 0 {
			t.Errorf("step shown while loading = %d, want 0 (Corpus)", got)
		}
	})
}

func TestUnknownWordMessage(t *testing.T) {
	// TestEngineMessagesInChinese checks the Chinese text with the catalog
	// set directly; switching the language here would race with chart
	// goroutines of earlier tests.
	err := fmt.Errorf("query: %w", &wordvec.UnknownWordError{Word: "zebra"})
	if got, want := userMessage(err), `"zebra" is not in the vocabulary`; !strings.HasPrefix(got, want) {
		t.Errorf("message = %q, want it to start with %q", got, want)
	}
}
