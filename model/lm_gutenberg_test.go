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
// folder of datasetsDir) for 3 epochs of the default sizes with num_words
// 20,000. It checks that the validation perplexity falls every epoch and
// ends below the uniform model's. The book has fewer
// than 20,000 distinct words, so Prepare lowers NumWords to its vocabulary,
// which is then the uniform baseline.
func TestGutenbergLanguageModel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains for about 5 s on 2 cores; skipped with -short")
	}
	path := filepath.Join(datasetsDir(), "gutenberg", "pg11.txt")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("gutenberg data not available: %v", err)
	}
	c, err := corpus.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.NumWords, cfg.Epochs = 20000, 3
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
	uniform := float64(m.Config.NumWords - 1)
	for i, e := range m.History {
		t.Logf("epoch %d: loss %.3f (sampled), val_loss %.3f, val_perplexity %.1f, val_accuracy %.3f, %.0f words/s",
			e.Epoch, e.Loss, e.ValLoss, e.ValPerplexity, e.ValAccuracy, e.SamplesPerSec*float64(cfg.MaxLen))
		if i > 0 && !(e.ValPerplexity < m.History[i-1].ValPerplexity) {
			t.Errorf("epoch %d: val_perplexity %.1f, not below the previous %.1f", e.Epoch, e.ValPerplexity, m.History[i-1].ValPerplexity)
		}
	}
	if last := m.History[len(m.History)-1].ValPerplexity; !(last < uniform) {
		t.Errorf("val_perplexity %.1f, want below the uniform %.0f", last, uniform)
	}
}
