package model

import (
	"fmt"
	"slices"

	"embedlab/corpus"
	"embedlab/internal/usermsg"
)

// Predict returns the probability of Classes[1] for each sample of x; for
// the softmax and multi-label heads, the largest class probability, which
// PredictProba gives in full.
//
// x holds len(x)/MaxLen padded sequences, row-major, as Prepare builds them.
// Predict panics if len(x) is not a multiple of MaxLen, an id lies outside
// [0, NumWords) or m is a language model, because these are programmer
// errors; PredictTexts checks user text and the model's kind. Predict only reads m, so several goroutines may call it at once
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
	if m.Outputs() != 1 {
		// The softmax and multi-label heads have no single "class 1".
		for i, p := range m.PredictProba(x) {
			out[i] = slices.Max(p)
		}
		return out
	}
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
// probability of Classes[1] for each. Tokens come from the tokenizer's
// PredictWords, which also finds known words inside Chinese text typed
// without spaces for a model trained on text split with spaces.
func (m *Model) PredictTexts(texts []string) ([]float32, error) {
	if m.Config.isLM() {
		return nil, errNotClassifier
	}
	if m.Tokenizer == nil {
		return nil, usermsg.Errorf("model: the model has no tokenizer; prepare or load a model first")
	}
	seqs := make([][]int, len(texts))
	for i, text := range texts {
		seqs[i] = m.Tokenizer.PredictSequence(text)
	}
	x := corpus.PadSequences(seqs, m.Config.MaxLen, "pre", "pre", 0)
	if len(x) != len(texts)*m.Config.MaxLen {
		return nil, usermsg.Errorf("model: padding returned %d word ids for %d texts of maxlen %d; the corpus package is incomplete", len(x), len(texts), m.Config.MaxLen)
	}
	for _, id := range x {
		if id < 0 || int(id) >= m.Config.NumWords {
			return nil, usermsg.Errorf("model: the tokenizer returned word id %d outside 0 to %d; its num_words must equal the model's %d", id, m.Config.NumWords-1, m.Config.NumWords)
		}
	}
	return m.Predict(x), nil
}

// errNotClassifier is the error of a class prediction asked of a language
// model.
var errNotClassifier = usermsg.Errorf("model: this model is a next-word language model, which predicts words, not classes; use its next words")

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
			return usermsg.Errorf("model: %s has %d values but the config needs %v = %d", s.name, got, s.shape, want)
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
// layers, sorted by name. Stacked layers are named as Keras names them,
// "lstm_1" for the second LSTM and so on. A layer missing from Extra gets
// nil tensors, which checkWeights reports.
func (m *Model) shapes() []tensor {
	c := m.Config
	o := m.Outputs()
	u := c.Units
	hw := c.lstmOut()
	ts := []tensor{
		{"dense/bias", []int{o}, m.DenseB},
		{"dense/kernel", []int{hw, o}, m.DenseW},
		{"embedding/embeddings", []int{c.NumWords, c.Dim}, m.Embedding},
		{"lstm/bias", []int{4 * u}, m.Bias},
		{"lstm/kernel", []int{c.Dim, 4 * u}, m.Kernel},
		{"lstm/recurrent_kernel", []int{u, 4 * u}, m.Recurrent},
	}
	for l := 1; l < c.lstmLayers(); l++ {
		var e LSTMWeights
		if l-1 < len(m.Extra) {
			e = m.Extra[l-1]
		}
		name := LSTMLayerName(l)
		ts = append(ts,
			tensor{name + "/bias", []int{4 * u}, e.Bias},
			tensor{name + "/kernel", []int{hw, 4 * u}, e.Kernel},
			tensor{name + "/recurrent_kernel", []int{u, 4 * u}, e.Recurrent})
	}
	if !c.Bidirectional {
		return ts
	}
	for l := range c.lstmLayers() {
		var e LSTMWeights
		if l < len(m.Backward) {
			e = m.Backward[l]
		}
		in := hw
		if l == 0 {
			in = c.Dim
		}
		name := LSTMLayerName(l) + "_backward"
		ts = append(ts,
			tensor{name + "/bias", []int{4 * u}, e.Bias},
			tensor{name + "/kernel", []int{in, 4 * u}, e.Kernel},
			tensor{name + "/recurrent_kernel", []int{u, 4 * u}, e.Recurrent})
	}
	return ts
}

// LSTMLayerName returns Keras' default name of LSTM layer l (0-based):
// "lstm", then "lstm_1", "lstm_2" and so on.
func LSTMLayerName(l int) string {
	if l == 0 {
		return "lstm"
	}
	return fmt.Sprintf("lstm_%d", l)
}

// PredictSteps tokenizes text as PredictTexts does and returns the model's
// class probabilities after each token.
//
// tokens are the words of text as the tokenizer splits them, and ids[i] is
// the word id of tokens[i], or 0 for a word outside the vocabulary, which
// the sequence skips as Keras' tokenizer does (an OOV token, when the
// tokenizer has one, takes its place instead). steps[i] holds one
// probability per class in the order of Classes, read from the Dense layer
// applied to the top LSTM layer's hidden state right after tokens[i] in
// the padded sequence; it is nil for a skipped word and for words dropped
// because the sequence is longer than MaxLen ('pre' truncation). The padded
// sequence is the one PredictTexts builds, so the last non-nil step equals
// its output. Without Config.MaskZero the earlier steps are not the
// prediction for the shortened text, because the LSTM then reads the
// padding: the shortened text would get more padding in front. With
// MaskZero they are.
//
// PredictSteps only reads m, so several goroutines may call it at once when
// no Fit runs.
func (m *Model) PredictSteps(text string) (tokens []string, ids []int, steps [][]float32, err error) {
	if m.Config.isLM() {
		return nil, nil, nil, errNotClassifier
	}
	if m.Tokenizer == nil {
		return nil, nil, nil, usermsg.Errorf("model: the model has no tokenizer; prepare or load a model first")
	}
	cfg := m.Config
	tokens = m.Tokenizer.PredictWords(text)
	ids = make([]int, len(tokens))
	var kept []int // indices into tokens of the words in the sequence
	for i, w := range tokens {
		if id := m.wordID(w); id > 0 {
			ids[i] = id
			kept = append(kept, i)
		}
	}
	for _, i := range kept {
		if ids[i] >= cfg.NumWords {
			return nil, nil, nil, usermsg.Errorf("model: the tokenizer returned word id %d for %q, outside 0 to %d; its num_words must equal the model's %d", ids[i], tokens[i], cfg.NumWords-1, cfg.NumWords)
		}
	}
	if len(kept) > cfg.MaxLen {
		kept = kept[len(kept)-cfg.MaxLen:]
	}

	// Pad in front to MaxLen, as PadSequences does with 'pre'.
	x := make([]int32, cfg.MaxLen)
	pad := cfg.MaxLen - len(kept)
	for k, i := range kept {
		x[pad+k] = int32(ids[i])
	}
	w := newWorkOut(cfg, m.Outputs(), 1)
	w.forward(m, x, 1)

	steps = make([][]float32, len(tokens))
	u := cfg.Units
	h := w.top().h
	state := make([]float32, w.width)
	if w.back != nil {
		// NOTE: a bidirectional step pairs the forward state after the
		// token with the backward state of the whole text, so only the
		// last step is a prediction the model makes on its own.
		copy(state[u:], w.hCat[u:2*u])
	}
	for k, i := range kept {
		s := pad + k
		copy(state[:u], h[(s+1)*u:(s+2)*u])
		steps[i] = m.denseProbs(state)
	}
	return tokens, ids, steps, nil
}

// wordID returns the id that the tokenizer's texts_to_sequences gives word,
// or 0 when it skips the word.
func (m *Model) wordID(word string) int {
	t := m.Tokenizer
	if i, ok := t.WordIndex[word]; ok && (t.NumWords <= 0 || i < t.NumWords) {
		return i
	}
	if t.OOVToken != "" {
		return t.WordIndex[t.OOVToken]
	}
	return 0
}

// denseProbs applies the Dense layer and the head's activation to one
// hidden state h and returns one probability per class. The sum runs in the
// order of forward's, so that the last step of PredictSteps equals
// PredictProba bit for bit.
func (m *Model) denseProbs(h []float32) []float32 {
	o := m.Outputs()
	logits := make([]float32, o)
	for k := range o {
		sum := m.DenseB[k]
		for j, hv := range h {
			sum += hv * m.DenseW[j*o+k]
		}
		logits[k] = sum
	}
	return probabilities(m.Config.Head, logits, len(m.Classes))
}
