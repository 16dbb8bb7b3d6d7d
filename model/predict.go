package model

import (
	"errors"
	"fmt"

	"embedlab/corpus"
)

// Predict returns the probability of Classes[1] for each sample of x.
//
// x holds len(x)/MaxLen padded sequences, row-major, as Prepare builds them.
// Predict panics if len(x) is not a multiple of MaxLen or an id lies outside
// [0, NumWords), because both are programmer errors; PredictTexts checks
// user text. Predict only reads m, so several goroutines may call it at once
// when no Fit runs.
func (m *Model) Predict(x []int32) []float32 {
	cfg := m.Config
	if len(x)%cfg.MaxLen != 0 {
		panic(fmt.Sprintf("model: Predict got %d word ids, not a multiple of maxlen %d", len(x), cfg.MaxLen))
	}
	for _, id := range x {
		if id < 0 || int(id) >= cfg.NumWords {
			panic(fmt.Sprintf("model: Predict got word id %d outside 0 to %d", id, cfg.NumWords-1))
		}
	}

	n := len(x) / cfg.MaxLen
	out := make([]float32, n)
	w := newWork(cfg, min(cfg.Batch, max(n, 1)))
	for start := 0; start < n; start += w.capacity {
		nb := min(w.capacity, n-start)
		w.forward(m, x[start*cfg.MaxLen:(start+nb)*cfg.MaxLen], nb)
		for b := range nb {
			out[start+b] = sigmoid(w.logit[b])
		}
	}
	return out
}

// PredictTexts tokenizes and pads texts as Prepare did and returns the
// probability of Classes[1] for each.
func (m *Model) PredictTexts(texts []string) ([]float32, error) {
	if m.Tokenizer == nil {
		return nil, errors.New("model: the model has no tokenizer; prepare or load a model first")
	}
	x := corpus.PadSequences(m.Tokenizer.TextsToSequences(texts), m.Config.MaxLen, "pre", "pre", 0)
	if len(x) != len(texts)*m.Config.MaxLen {
		return nil, fmt.Errorf("model: padding returned %d word ids for %d texts of maxlen %d; the corpus package is incomplete", len(x), len(texts), m.Config.MaxLen)
	}
	for _, id := range x {
		if id < 0 || int(id) >= m.Config.NumWords {
			return nil, fmt.Errorf("model: the tokenizer returned word id %d outside 0 to %d; its numwords must equal the model's %d", id, m.Config.NumWords-1, m.Config.NumWords)
		}
	}
	return m.Predict(x), nil
}

// WordVectors returns the words of indices 1..NumWords-1 that the tokenizer
// has indexed, most frequent first, and their embedding rows (len(words)×Dim).
// The slices are copies.
func (m *Model) WordVectors() (words []string, vecs []float32) {
	if m.Tokenizer == nil {
		return nil, nil
	}
	d := m.Config.Dim
	last := min(m.Config.NumWords, len(m.Tokenizer.IndexWord)) // exclusive
	for i := 1; i < last; i++ {
		words = append(words, m.Tokenizer.IndexWord[i])
		vecs = append(vecs, m.Embedding[i*d:(i+1)*d]...)
	}
	return words, vecs
}

// checkWeights reports a weight tensor whose length does not match Config.
func (m *Model) checkWeights() error {
	if err := m.Config.Validate(); err != nil {
		return err
	}
	for _, s := range m.shapes() {
		if got, want := len(s.data), s.size(); got != want {
			return fmt.Errorf("model: %s has %d values but the config needs %v = %d", s.name, got, s.shape, want)
		}
	}
	return nil
}

// tensor is one named weight tensor with its Keras-style name and shape.
type tensor struct {
	name  string
	shape []int
	data  []float32
}

func (t tensor) size() int {
	n := 1
	for _, d := range t.shape {
		n *= d
	}
	return n
}

// shapes returns the weight tensors with the names and shapes of the Keras
// layers, sorted by name.
func (m *Model) shapes() []tensor {
	c := m.Config
	return []tensor{
		{"dense/bias", []int{1}, m.DenseB},
		{"dense/kernel", []int{c.Units, 1}, m.DenseW},
		{"embedding/embeddings", []int{c.NumWords, c.Dim}, m.Embedding},
		{"lstm/bias", []int{4 * c.Units}, m.Bias},
		{"lstm/kernel", []int{c.Dim, 4 * c.Units}, m.Kernel},
		{"lstm/recurrent_kernel", []int{c.Units, 4 * c.Units}, m.Recurrent},
	}
}
