package model

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"embedlab/corpus"
)

// TestGutenbergLanguageModel trains the language model on Alice's
// Adventures in Wonderland (pg11.txt, 147,618 bytes, in the gutenberg
// folder of datasetsDir) with the default sizes and num_words 20,000,
// which Prepare lowers to the book's 2,854 words. It trains with the
// default choice, the sampled softmax for that many words, and with the
// full softmax. It checks that the validation perplexity falls every
// epoch and ends below UnigramPerplexity, the add-one unigram model's on
// the same validation words (501.3 for this book).
func TestGutenbergLanguageModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for about 30 s on 2 shared cores; skipped with -short")
	}
	path := filepath.Join(datasetsDir(), "gutenberg", "pg11.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("gutenberg data not available: %v", err)
	}
	c, err := corpus.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name            string
		samples, epochs int
	}{
		{"default sampled softmax", 0, 5},
		{"full softmax", FullSoftmax, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.NumWords, cfg.Epochs, cfg.Samples = 20000, tc.epochs, tc.samples
			m, train, val, err := Prepare(c, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if m.Config.Head != HeadLanguageModel {
				t.Fatalf("head = %q, want the language model for an unlabelled book", m.Config.Head)
			}
			if err := m.Fit(context.Background(), train, val, nil); err != nil {
				t.Fatal(err)
			}
			unigram := UnigramPerplexity(train, val, m.Config.NumWords)
			for i, e := range m.History {
				t.Logf("epoch %d: loss %.3f, val_loss %.3f, val_perplexity %.1f (unigram %.1f), val_accuracy %.3f, %.1f s",
					e.Epoch, e.Loss, e.ValLoss, e.ValPerplexity, unigram, e.ValAccuracy, e.Seconds)
				if i > 0 && !(e.ValPerplexity < m.History[i-1].ValPerplexity) {
					t.Errorf("epoch %d: val_perplexity %.1f, not below the previous %.1f", e.Epoch, e.ValPerplexity, m.History[i-1].ValPerplexity)
				}
			}
			if last := m.History[len(m.History)-1].ValPerplexity; !(last < unigram) {
				t.Errorf("val_perplexity %.1f, want below the unigram baseline %.1f", last, unigram)
			}
		})
	}
}
