package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/model/wordvec"
)

// TestNewModelClearsResults checks that a second training keeps every typed
// query but clears the results of the first model, with a note in each
// result area, instead of running the queries again on the new model.
func TestNewModelClearsResults(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	first := trainTiny(t, h, 1)

	// reviewFiles' words, so that every query has a result.
	typed := map[*keyEntry]string{}
	h.do(func() {
		v, tl, p := h.a.explore, h.a.explore.tools, h.a.predict
		for e, s := range map[*keyEntry]string{
			v.word: "good", tl.anaA: "good", tl.anaB: "great", tl.anaC: "bad",
			tl.simA: "good", tl.simB: "great", tl.oddWords: "good, great, fine, film", p.entry: "a good film",
		} {
			test.Type(e, s)
			typed[e] = e.Text
		}
		test.Tap(v.findBtn)
		test.Tap(tl.anaBtn)
		test.Tap(tl.simBtn)
		test.Tap(tl.oddBtn)
		test.Tap(p.predictBtn)
		if len(v.neighbours) == 0 || tl.analogyAnswers == nil || tl.similarity == "" || tl.oddOneOut == "" || p.result.Text == "" {
			t.Fatalf("first model: %d neighbours, analogy %v, similarity %q, odd %q, prediction %q; want every result",
				len(v.neighbours), tl.analogyAnswers, tl.similarity, tl.oddOneOut, p.result.Text)
		}
	})

	second := trainTiny(t, h, 1)
	if second == first {
		t.Fatal("the second training did not replace the model")
	}

	h.do(func() {
		v, tl, p := h.a.explore, h.a.explore.tools, h.a.predict
		for e, want := range typed {
			if e.Text != want {
				t.Errorf("entry text = %q after the new model, want %q kept", e.Text, want)
			}
		}

		note := changedNote(true)
		if !strings.Contains(note, "model changed") {
			t.Errorf("note = %q, want it to say the model changed", note)
		}
		if len(v.neighbours) != 0 || v.neighbourQuery != "" {
			t.Errorf("%d neighbours of %q listed, want the old list cleared", len(v.neighbours), v.neighbourQuery)
		}
		if !v.queryErr.Visible() || v.queryErr.Text != note || v.queryErr.Importance == widget.DangerImportance {
			t.Errorf("neighbour note = %q (visible %v, importance %v), want %q shown as information",
				v.queryErr.Text, v.queryErr.Visible(), v.queryErr.Importance, note)
		}
		for name, l := range map[string]*widget.Label{"analogy": tl.anaResult, "similarity": tl.simResult, "odd one out": tl.oddResult} {
			if l.Text != note {
				t.Errorf("%s result = %q, want %q", name, l.Text, note)
			}
		}
		if tl.analogyAnswers != nil || tl.similarity != "" || tl.oddOneOut != "" {
			t.Errorf("tool results of the old model kept: %v, %q, %q", tl.analogyAnswers, tl.similarity, tl.oddOneOut)
		}
		if p.result.Text != "" || p.tokens != nil {
			t.Errorf("prediction = %q with %d tokens, want it cleared", p.result.Text, len(p.tokens))
		}
		if !p.notes.Visible() || !strings.Contains(p.notes.Text, "model changed") {
			t.Errorf("Predict notes = %q (visible %v), want the model-changed note", p.notes.Text, p.notes.Visible())
		}

		// Running a query again replaces its note with the new model's result.
		test.Tap(v.findBtn)
		if len(v.neighbours) == 0 || v.queryErr.Visible() {
			t.Errorf("after Nearest words: %d neighbours, note visible %v; want a list and no note",
				len(v.neighbours), v.queryErr.Visible())
		}
		test.Tap(tl.simBtn)
		if !strings.HasPrefix(tl.simResult.Text, "cos(") || !tl.showsResult(tl.simResult) {
			t.Errorf("similarity after Compare = %q, want a result", tl.simResult.Text)
		}
		test.Tap(p.predictBtn)
		if p.result.Text == "" || strings.Contains(p.notes.Text, "model changed") {
			t.Errorf("after Predict: result %q, notes %q; want a prediction without the note", p.result.Text, p.notes.Text)
		}
	})
}

// TestNewModelWithoutResultsAddsNoNote checks that the note appears only
// where a result was cleared.
func TestNewModelWithoutResultsAddsNoNote(t *testing.T) {
	h := newHarness(t, Options{})
	trainTiny(t, h, 1)
	h.do(func() { test.Type(h.a.predict.entry, "a good film") }) // typed but not predicted
	trainTiny(t, h, 1)

	h.do(func() {
		v, tl, p := h.a.explore, h.a.explore.tools, h.a.predict
		if v.queryErr.Visible() {
			t.Errorf("neighbour note %q shown with no list cleared", v.queryErr.Text)
		}
		for name, l := range map[string]*widget.Label{"analogy": tl.anaResult, "similarity": tl.simResult, "odd one out": tl.oddResult} {
			if l.Text != "" {
				t.Errorf("%s result = %q, want empty", name, l.Text)
			}
		}
		if p.notes.Visible() || p.result.Text != "" {
			t.Errorf("Predict shows result %q and notes %q, want neither", p.result.Text, p.notes.Text)
		}
	})
}

// TestImportClearsResults checks that importing other vectors clears a
// neighbour list with the vectors-changed note, not the model one.
func TestImportClearsResults(t *testing.T) {
	h := newHarness(t, Options{})
	first := wordvec.New([]string{"alpha", "beta", "gamma"}, 2, []float32{1, 0, 0.9, 0.1, 0, 1})
	second := wordvec.New([]string{"alpha", "delta"}, 2, []float32{1, 0, 0, 1})
	h.do(func() {
		v := h.a.explore
		v.setImported(first, wordvec.LoadInfo{Path: "first.vec", Format: wordvec.FormatWord2Vec})
		test.Type(v.word, "alpha")
		test.Tap(v.findBtn)
		if len(v.neighbours) == 0 {
			t.Fatalf("no neighbours of alpha in the first vectors (error %q)", v.queryErr.Text)
		}

		v.setImported(second, wordvec.LoadInfo{Path: "second.vec", Format: wordvec.FormatWord2Vec})
		if len(v.neighbours) != 0 || v.word.Text != "alpha" {
			t.Errorf("after the import: %d neighbours, query %q; want none and alpha kept", len(v.neighbours), v.word.Text)
		}
		if want := changedNote(false); v.queryErr.Text != want || !v.queryErr.Visible() {
			t.Errorf("note = %q (visible %v), want %q", v.queryErr.Text, v.queryErr.Visible(), want)
		}
		if strings.Contains(v.queryErr.Text, "model") {
			t.Errorf("note = %q names a model, want the vectors", v.queryErr.Text)
		}
	})
}
