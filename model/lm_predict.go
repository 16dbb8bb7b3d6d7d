package model

import (
	"math"
	"slices"

	"embedlab/internal/usermsg"
)

// WordProb is a word with the probability a language model gives it.
type WordProb struct {
	Word string  `json:"word"`
	Prob float64 `json:"probability"`
}

// NextWords returns, for each text, the k words that a language model
// finds most probable after it, most probable first. It reads the last
// MaxLen known words of a text without padding, as the model was trained.
// A text without known words gets no words. NextWords returns an error
// for a classifier or a model without a tokenizer; it only reads m.
func (m *Model) NextWords(texts []string, k int) ([][]WordProb, error) {
	switch {
	case !m.Config.isLM():
		return nil, usermsg.Errorf("model: this model is a classifier, not a language model; use its class predictions")
	case m.Tokenizer == nil:
		return nil, usermsg.Errorf("model: the model has no tokenizer; prepare or load a model first")
	case k < 1:
		return nil, usermsg.Errorf("model: the number of next words must be at least 1")
	}
	out := make([][]WordProb, len(texts))
	for i, text := range texts {
		seq := m.Tokenizer.PredictSequence(text)
		if len(seq) == 0 {
			continue
		}
		seq = seq[max(0, len(seq)-m.Config.MaxLen):]
		x := make([]int32, len(seq))
		for s, id := range seq {
			if id < 1 || id >= m.Config.NumWords {
				return nil, usermsg.Errorf("model: the tokenizer returned a word id outside the model's vocabulary; the file is corrupt")
			}
			x[s] = int32(id)
		}
		out[i] = m.topNext(m.nextProbs(x), k)
	}
	return out, nil
}

// nextProbs returns the full-softmax probability of every word id after
// the ids x (index 0, padding, gets 0).
func (m *Model) nextProbs(x []int32) []float64 {
	cfg := m.Config
	cfg.MaxLen = len(x) // the weights do not depend on the window length
	w := newWorkOut(cfg, m.Outputs(), 1)
	w.forward(m, x, 1)
	seq := w.output(len(w.upper), 1)
	h := seq[len(seq)-cfg.Units:]

	v := cfg.NumWords
	z := make([]float64, v)
	mx := math.Inf(-1)
	for k := 1; k < v; k++ {
		sum := m.DenseB[k]
		for j, hv := range h {
			sum += hv * m.DenseW[j*v+k]
		}
		z[k] = float64(sum)
		mx = math.Max(mx, z[k])
	}
	var total float64
	for k := 1; k < v; k++ {
		z[k] = math.Exp(z[k] - mx)
		total += z[k]
	}
	z[0] = 0
	for k := 1; k < v; k++ {
		z[k] /= total
	}
	return z
}

// topNext returns the k most probable words of probs, ties by lower id.
func (m *Model) topNext(probs []float64, k int) []WordProb {
	ids := make([]int, 0, len(probs)-1)
	for id := 1; id < len(probs) && id < len(m.Tokenizer.IndexWord); id++ {
		ids = append(ids, id)
	}
	slices.SortStableFunc(ids, func(a, b int) int {
		switch {
		case probs[a] > probs[b]:
			return -1
		case probs[a] < probs[b]:
			return 1
		}
		return 0
	})
	out := make([]WordProb, 0, k)
	for _, id := range ids[:min(k, len(ids))] {
		out = append(out, WordProb{Word: m.Tokenizer.IndexWord[id], Prob: probs[id]})
	}
	return out
}
