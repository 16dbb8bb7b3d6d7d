package model

import (
	"math"
	"slices"
	"strings"
	"testing"

	"embedlab/corpus"
)

func TestPredictMatchesReference(t *testing.T) {
	m, x, _ := tinyModel()
	// Batch 2 forces a full and a partial batch for 3 samples.
	m.Config.Batch = 2
	got := m.Predict(x)
	logits := refLogits(toRef(m), m.Config, x)
	if len(got) != 3 {
		t.Fatalf("len(Predict) = %d, want 3", len(got))
	}
	for b, z := range logits {
		want := 1 / (1 + math.Exp(-z))
		if math.Abs(float64(got[b])-want) > 1e-6 {
			t.Errorf("sample %d: p = %.7f, want %.7f", b, got[b], want)
		}
	}
	if p := m.Predict(nil); len(p) != 0 {
		t.Errorf("Predict(nil) = %v, want empty", p)
	}
}

func TestPredictPanicsOnBadShape(t *testing.T) {
	m, _, _ := tinyModel()
	tests := []struct {
		name string
		x    []int32
	}{
		{"partial row", []int32{1, 2, 3}},
		{"id too large", []int32{0, 0, 0, 0, 7}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("Predict did not panic")
				}
			}()
			m.Predict(tc.x)
		})
	}
}

func TestWordVectors(t *testing.T) {
	m, _, _ := tinyModel() // NumWords 7, Dim 3
	tests := []struct {
		name      string
		indexWord []string
		want      []string
	}{
		// Index 0 is padding; indices from NumWords on are not in the model.
		{"more words than numwords", []string{"", "a", "b", "c", "d", "e", "f", "g", "h"}, []string{"a", "b", "c", "d", "e", "f"}},
		{"fewer words", []string{"", "a", "b"}, []string{"a", "b"}},
		{"none", []string{""}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m.Tokenizer = &corpus.Tokenizer{IndexWord: tc.indexWord}
			words, vecs := m.WordVectors()
			if !slices.Equal(words, tc.want) {
				t.Errorf("words = %q, want %q", words, tc.want)
			}
			if len(vecs) != len(words)*3 {
				t.Fatalf("len(vecs) = %d, want %d", len(vecs), len(words)*3)
			}
			if len(words) > 0 && !slices.Equal(vecs[3:6], m.Embedding[6:9]) {
				t.Errorf("row of %q = %v, want embedding row 2 %v", words[1], vecs[3:6], m.Embedding[6:9])
			}
		})
	}
}

func TestPredictTextsWithoutTokenizer(t *testing.T) {
	m, _, _ := tinyModel()
	if _, err := m.PredictTexts([]string{"good"}); err == nil || !strings.Contains(err.Error(), "no tokenizer") {
		t.Errorf("PredictTexts = %v, want the missing-tokenizer error", err)
	}
}

// corpusTokenizerReady reports whether the corpus package pads sequences.
func corpusTokenizerReady() bool {
	return len(corpus.PadSequences([][]int{{1}}, 2, "pre", "pre", 0)) == 2
}

func TestPrepareAndPredictTexts(t *testing.T) {
	if !corpusTokenizerReady() {
		t.Skip("corpus tokenizer not implemented yet")
	}
	var docs []corpus.Document
	for i := range 40 {
		text, label := "a fine good film", "pos"
		if i%2 == 1 {
			text, label = "a dull bad film", "neg"
		}
		docs = append(docs, corpus.Document{Text: text, Label: label})
	}

	c := &corpus.Corpus{Name: "tiny", Docs: docs, Classes: []string{"neg", "pos"}}
	cfg := Config{NumWords: 4, Dim: 4, MaxLen: 6, Units: 3, Batch: 8, LR: 0.01, Epochs: 1, ValSplit: 0.25, Seed: 1}
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}

	// int(40·0.75) = 30 training samples.
	if train.Len() != 30 || val.Len() != 10 {
		t.Errorf("split = %d/%d, want 30/10", train.Len(), val.Len())
	}
	// Padding 'pre': the first two of six positions of a 4-word text are 0.
	if train.X[0] != 0 || train.X[1] != 0 || train.X[5] == 0 {
		t.Errorf("first sample = %v, want two leading zeros and words after", train.X[:6])
	}
	for i, id := range train.X {
		if id < 0 || id >= 4 {
			t.Fatalf("word id %d at %d, want 0 to 3 for numwords 4", id, i)
		}
	}

	p, err := m.PredictTexts([]string{"good film", "unknown words only"})
	if err != nil || len(p) != 2 {
		t.Fatalf("PredictTexts = %v, %v, want two probabilities", p, err)
	}
}
