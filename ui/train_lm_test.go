package ui

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"embedlab/model"
)

// writeBook writes a short unlabelled prose file, paragraphs of sentences
// drawn from a few fixed ones, and returns its path.
func writeBook(t *testing.T, dir string) string {
	t.Helper()
	sentences := []string{"the cat sat on the mat.", "the dog ran in the park.", "a bird flew over the house."}
	rng := rand.New(rand.NewPCG(7, 7))
	var b strings.Builder
	for range 60 {
		for range 3 {
			for range 2 {
				b.WriteString(sentences[rng.IntN(len(sentences))] + " ")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	path := filepath.Join(dir, "book.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestTrainViewLanguageModel opens an unlabelled book, checks that the
// Train view names the language model as its output, trains it through the
// Start button, and checks the perplexity column and the Predict view's
// next words.
func TestTrainViewLanguageModel(t *testing.T) {
	h := newHarness(t, Options{})
	h.open = []string{writeBook(t, t.TempDir())}
	h.do(func() {
		h.a.Open() // a plain-text file joins the pending selection
		test.Tap(h.a.corpus.loadPending)
	})
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the book: %v", err)
	}
	h.do(func() {
		if got := h.a.train.opts.output.Text; !strings.Contains(got, "language model") {
			t.Errorf("output layer = %q, want it to name the language model", got)
		}
	})

	cfg := tinyConfig()
	cfg.Epochs, cfg.LR = 2, 0.01
	h.do(func() {
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	h.do(func() {
		m := h.a.Model()
		if m == nil || m.Config.Head != model.HeadLanguageModel {
			t.Fatalf("trained model = %+v, want a language model", m)
		}
		v := h.a.train
		if len(v.rows) != 2 {
			t.Fatalf("epoch table has %d rows, want 2", len(v.rows))
		}
		if got := epochCell(v.rows[1], len(epochColumns)-1); got == "-" || got == "" {
			t.Errorf("val_perplexity cell = %q, want a number", got)
		}
		if _, cols := v.table.Length(); cols != len(epochColumns) {
			t.Errorf("epoch table has %d columns, want all %d with val_perplexity", cols, len(epochColumns))
		}
		// The book's few words train the full softmax, so the training
		// accuracy is a true next-word accuracy. A sampled softmax's
		// counts only the sampled candidates, and its header says so.
		if m.Config.Candidates() != 0 {
			t.Fatalf("the book's model trains %d candidates, want the full softmax", m.Config.Candidates())
		}
		curves := trainingCurves(v.shownProgress, v.chartOptions())
		if !curves.LanguageModel || curves.SampledSoftmax {
			t.Errorf("chart curves: language model %v, sampled %v; want true, false", curves.LanguageModel, curves.SampledSoftmax)
		}
		if got := v.epochHeader(2); got != "accuracy" {
			t.Errorf("accuracy column header with the full softmax = %q, want accuracy", got)
		}
		v.shownProgress.SampledSoftmax = true
		if got := v.epochHeader(2); got != "sampled_accuracy" {
			t.Errorf("accuracy column header with a sampled softmax = %q, want sampled_accuracy", got)
		}
		v.shownProgress.SampledSoftmax = false
		if got := v.opts.perClass.Text; !v.opts.perClass.Visible() || !strings.HasPrefix(got, "Validation perplexity (epoch 2): ") {
			t.Errorf("label under the table = %q (shown %v), want the validation perplexity", got, v.opts.perClass.Visible())
		}
		if got := v.opts.perClass.Text; !strings.Contains(got, ", unigram baseline ") {
			t.Errorf("label under the table = %q, want the unigram baseline", got)
		}

		// Forcing the classifier on the book changes the output layer shown.
		v.opts.setValue(v.opts.objective, "classify")
		if got := v.opts.output.Text; strings.Contains(got, "language model") {
			t.Errorf("output layer with objective classify = %q, want a classifier's", got)
		}
		v.opts.setValue(v.opts.objective, "auto")

		// The explorer receives the language model's embedding: the
		// book's 14 distinct words.
		if got := h.a.explore.hint.Text; !strings.HasPrefix(got, "14 words with 8-dimensional vectors") {
			t.Errorf("Explore hint = %q, want the 14 words of the book", got)
		}

		p := h.a.predict
		test.Type(p.entry, "the cat sat")
		test.Tap(p.predictBtn)
		if !strings.HasPrefix(p.result.Text, "Next words: ") {
			t.Errorf("Predict result = %q, want the next words", p.result.Text)
		}
	})
}
