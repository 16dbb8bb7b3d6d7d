package model

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"embedlab/corpus"
)

// tinyLMModel returns a language model of 12 words with weights drawn from
// U(-0.5, 0.5) and a batch of three windows of five words with their
// next-word targets.
func tinyLMModel(layers int) (m *Model, x, next []int32) {
	cfg := Config{NumWords: 12, Dim: 3, MaxLen: 5, Units: 4, Batch: 3, LR: 0.001, Epochs: 1, Seed: 11,
		Layers: layers, Head: HeadLanguageModel, Samples: 5}
	m = newWeightsOut(cfg, cfg.NumWords, newRand(cfg.Seed, 0))
	rng := newRand(95, 0)
	for _, w := range m.params() {
		fillUniform(w, 0.5, rng)
	}
	x = []int32{
		1, 2, 3, 4, 5,
		6, 7, 8, 9, 10,
		11, 1, 1, 2, 3,
	}
	next = []int32{
		2, 3, 4, 5, 6,
		7, 8, 9, 10, 11,
		1, 1, 2, 3, 4,
	}
	return m, x, next
}

// refLMLoss is the mean sampled-softmax loss of the float64 reference
// model, written from TensorFlow's sampled_softmax_loss formula. Each word
// adds −log of the softmax of the target's logit among the target and the
// candidates cand (classes, word id − 1). Every logit has the log of its
// class's expected count after tries draws subtracted, and a candidate
// equal to the target is left out. dropMask, when not nil, multiplies the top layer's
// output (rows×Units, time-major).
func refLMLoss(p *refParams, cfg Config, x, next, cand []int32, tries int, dropMask []float32) float64 {
	t, u, v := cfg.MaxLen, cfg.Units, cfg.NumWords
	n := len(x) / t
	sampler := newLogUniform(v - 1)
	logit := func(h []float64, id int) float64 {
		z := p.denseB[id]
		for j := range u {
			z += h[j] * p.denseW[j*v+id]
		}
		return z - sampler.logExpected(id-1, tries)
	}
	var total float64
	for b := range n {
		top := refSequence(p, cfg, x, b, n)
		for s := range t {
			h := slices.Clone(top[s])
			if dropMask != nil {
				for j := range h {
					h[j] *= float64(dropMask[(s*n+b)*u+j])
				}
			}
			y := int(next[b*t+s])
			zt := logit(h, y)
			sum := math.Exp(zt)
			for _, c := range cand {
				if int(c)+1 != y {
					sum += math.Exp(logit(h, int(c)+1))
				}
			}
			total += math.Log(sum) - zt
		}
	}
	return total / float64(n*t)
}

// refSequence returns the top LSTM layer's output at every step of sample
// b of the n samples in x, with p.layerMask applied between layers as in
// refHidden.
func refSequence(p *refParams, cfg Config, x []int32, b, n int) [][]float64 {
	d, t := cfg.Dim, cfg.MaxLen
	ids := x[b*t : (b+1)*t]
	seq := make([][]float64, t)
	for s, id := range ids {
		seq[s] = p.emb[int(id)*d : int(id+1)*d]
	}
	layers := max(cfg.Layers, 1)
	for l := range layers {
		kernel, rec, bias := p.layer(l, 0)
		outs, _ := refLSTM(kernel, rec, bias, cfg, seq, ids, false)
		if p.layerMask != nil && l < layers-1 {
			for s := range outs {
				dropped := slices.Clone(outs[s])
				for j := range dropped {
					dropped[j] *= float64(p.layerMask[l][(s*n+b)*len(dropped)+j])
				}
				outs[s] = dropped
			}
		}
		seq = outs
	}
	return seq
}

// TestLMGradientsMatchFiniteDifferences checks the sampled-softmax head
// and the backward pass through every step against central differences of
// refLMLoss, with a fixed candidate set that contains targets of some
// words (accidental hits) and with gradMismatches' tolerance.
func TestLMGradientsMatchFiniteDifferences(t *testing.T) {
	tests := []struct {
		name            string
		layers          int
		dropout, layerD float64
	}{
		{"one layer", 1, 0, 0},
		{"two layers", 2, 0, 0},
		{"two layers with dropout", 2, 0.3, 0.3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, x, next := tinyLMModel(tc.layers)
			cfg := m.Config
			n := len(x) / cfg.MaxLen
			w := newWorkOut(cfg, m.Outputs(), n)
			g := newGradsOut(cfg, m.Outputs())
			lm := w.lm
			// Classes 2 and 6 are the word ids 3 and 7, which are targets.
			cand, tries := []int32{0, 2, 4, 6, 9}, 9
			lm.setCandidates(cand, tries)
			lm.setTargets(next, n, cfg.MaxLen)

			w.dropRng = newRand(4, dropoutStream)
			w.layerDropRate, lm.dropRate = tc.layerD, tc.dropout
			w.forward(m, x, n)
			hs := lm.input(w, n, w.dropRng, false)
			sum, _ := lm.lossGrad(m, hs, n*cfg.MaxLen)
			lm.backward(m, hs, n*cfg.MaxLen, g)
			w.backward(m, x, n, g)

			var dropMask []float32
			if tc.dropout > 0 {
				dropMask = slices.Clone(lm.mask)
			}
			var layerMask [][]float32
			for _, lm := range w.seqMask {
				layerMask = append(layerMask, slices.Clone(lm))
			}
			lossOf := func(p *refParams) float64 {
				p.layerMask = layerMask
				return refLMLoss(p, cfg, x, next, cand, tries, dropMask)
			}
			if got, want := sum/float64(n*cfg.MaxLen), lossOf(toRef(m)); math.Abs(got-want) > 1e-5 {
				t.Errorf("mean loss = %.7f, reference %.7f", got, want)
			}
			numeric := numericGradsOf(m, 1e-6, lossOf)
			for _, bad := range gradMismatches(g.tensors(), numeric) {
				t.Error(bad)
			}
			for ti, gr := range numeric {
				if !slices.ContainsFunc(gr, func(v float64) bool { return math.Abs(v) > 1e-6 }) {
					t.Errorf("%s: every numeric gradient is zero, so the check tests nothing", tensorNames[ti])
				}
			}
		})
	}
}

// TestLogUniformSampler checks the candidate sampler against its
// definition: distinct classes in range, the same candidates for the same
// seed, draw frequencies near P(k), and the expected count formula.
func TestLogUniformSampler(t *testing.T) {
	s := newLogUniform(1000)
	var total float64
	for k := range 1000 {
		total += s.prob(k)
	}
	if math.Abs(total-1) > 1e-12 {
		t.Errorf("probabilities sum to %.15f, want 1", total)
	}

	draw := func(seed uint64) ([]int32, int) {
		cand := make([]int32, 50)
		tries := s.sampleUnique(newRand(seed, sampleStream), cand, make([]bool, 1000))
		return cand, tries
	}
	a, triesA := draw(1)
	b, triesB := draw(1)
	c, _ := draw(2)
	if !slices.Equal(a, b) || triesA != triesB {
		t.Error("one seed gave two candidate sets")
	}
	if slices.Equal(a, c) {
		t.Error("two seeds gave the same candidate set")
	}
	sorted := slices.Clone(a)
	slices.Sort(sorted)
	if len(slices.Compact(sorted)) != len(a) || sorted[0] < 0 || sorted[len(sorted)-1] >= 1000 {
		t.Errorf("candidates %v are not 50 distinct classes in 0..999", a)
	}
	if triesA < len(a) {
		t.Errorf("tries = %d, fewer than the %d candidates", triesA, len(a))
	}

	// 200,000 draws give class 0 (P ≈ 0.1003) a standard error of about
	// 0.0007, so 0.003 is more than four of them.
	rng := newRand(3, 0)
	counts := make([]int, 1000)
	const draws = 200_000
	for range draws {
		counts[s.draw(rng)]++
	}
	for _, k := range []int{0, 1, 9, 99} {
		got := float64(counts[k]) / draws
		if math.Abs(got-s.prob(k)) > 0.003 {
			t.Errorf("class %d drawn with frequency %.4f, want P = %.4f", k, got, s.prob(k))
		}
	}

	p := s.prob(5)
	if got, want := math.Exp(s.logExpected(5, 80)), 1-math.Pow(1-p, 80); math.Abs(got-want) > 1e-12 {
		t.Errorf("expected count = %.15f, want 1−(1−p)^80 = %.15f", got, want)
	}
}

// repetitiveText returns paragraphs of sentences drawn at random from six
// fixed ones, so that most words have one or two possible successors.
func repetitiveText(paragraphs int, seed uint64) []corpus.Document {
	sentences := []string{
		"the cat sat on the mat", "the dog ran in the park", "a bird flew over the house",
		"my friend read a book", "the sun rose over the hill", "a child sang in the garden",
	}
	rng := rand.New(rand.NewPCG(seed, seed))
	var docs []corpus.Document
	for p := range paragraphs {
		var b strings.Builder
		for range 8 {
			b.WriteString(sentences[rng.IntN(len(sentences))])
			b.WriteString(". ")
		}
		docs = append(docs, corpus.Document{Text: b.String(), Source: "story.txt", Line: p + 1})
	}
	return docs
}

func lmTestConfig() Config {
	cfg := DefaultConfig()
	cfg.NumWords, cfg.Dim, cfg.Units, cfg.MaxLen, cfg.Batch = 40, 8, 16, 10, 16
	cfg.LR, cfg.Epochs, cfg.Samples = 0.01, 4, 8
	return cfg
}

func TestPrepareUnlabelledGivesLanguageModel(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(40, 1)}
	cfg := lmTestConfig()
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if m.Config.Head != HeadLanguageModel {
		t.Fatalf("head = %q, want %q", m.Config.Head, HeadLanguageModel)
	}
	// The six sentences have 24 distinct words, fewer than NumWords−1 = 39,
	// so NumWords becomes 25: the words and the padding.
	if got, want := m.Config.NumWords, 25; got != want {
		t.Errorf("NumWords = %d, want %d", got, want)
	}
	if got, want := m.Outputs(), 25; got != want || len(m.DenseB) != want {
		t.Errorf("Dense units = %d (bias %d), want %d", got, len(m.DenseB), want)
	}

	// 40 paragraphs of 8 sentences of 5 or 6 words: about 1,800 ids, of
	// which ValSplit 0.1 is the last 10%.
	ids := slices.Concat(m.Tokenizer.TextsToSequences(c.Texts())...)
	cut := int(float64(len(ids)) * 0.9)
	if got, want := train.Len(), (cut-1)/cfg.MaxLen; got != want {
		t.Errorf("training windows = %d, want %d", got, want)
	}
	if got, want := val.Len(), (len(ids)-cut-1)/cfg.MaxLen; got != want {
		t.Errorf("validation windows = %d, want %d", got, want)
	}
	for i := range train.X[:3*cfg.MaxLen] {
		if int(train.X[i]) != ids[i] || int(train.Next[i]) != ids[i+1] {
			t.Fatalf("training id %d = %d → %d, want %d → %d", i, train.X[i], train.Next[i], ids[i], ids[i+1])
		}
	}
	if got, want := int(val.X[0]), ids[cut]; got != want {
		t.Errorf("first validation id = %d, want %d, the first id after the training text", got, want)
	}

	cfg.Objective = "lm"
	labelled := &corpus.Corpus{Name: "l", Docs: repetitiveText(40, 1), Classes: []string{"a", "b"}}
	for i := range labelled.Docs {
		labelled.Docs[i].Label = "a"
	}
	if m, _, _, err := Prepare(labelled, cfg); err != nil || m.Config.Head != HeadLanguageModel {
		t.Errorf("objective lm on a labelled corpus: err %v, want a language model", err)
	}
	cfg.Bidirectional = true
	if _, _, _, err := Prepare(c, cfg); err == nil || !strings.Contains(err.Error(), "cannot be bidirectional") {
		t.Errorf("bidirectional language model: err %v, want a rejection", err)
	}
}

// TestLMPerplexityBelowUniform trains on repetitiveText, where a model
// that has learnt the sentences needs at most two guesses for most words.
// It checks that validation perplexity falls each epoch and ends well
// below the uniform model's, which is the number of words predicted.
func TestLMPerplexityBelowUniform(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(60, 2)}
	cfg := lmTestConfig()
	cfg.Epochs = 12
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	uniform := float64(m.Config.NumWords - 1)
	for i, e := range m.History {
		if math.Abs(e.ValPerplexity-math.Exp(e.ValLoss)) > 1e-9*e.ValPerplexity {
			t.Errorf("epoch %d: val_perplexity %.4f, want exp(val_loss) = %.4f", e.Epoch, e.ValPerplexity, math.Exp(e.ValLoss))
		}
		if i > 0 && !(e.ValPerplexity < m.History[i-1].ValPerplexity) {
			t.Errorf("epoch %d: val_perplexity %.3f, not below the previous %.3f", e.Epoch, e.ValPerplexity, m.History[i-1].ValPerplexity)
		}
	}
	last := m.History[len(m.History)-1]
	t.Logf("val_perplexity %.3f after %d epochs, uniform %.0f", last.ValPerplexity, len(m.History), uniform)
	if !(last.ValPerplexity < uniform/3) {
		t.Errorf("val_perplexity %.3f, want below a third of the uniform %.0f", last.ValPerplexity, uniform)
	}

	// Every "in" of the text is followed by "the".
	next, err := m.NextWords([]string{"the dog ran in"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(next[0]) != 3 || next[0][0].Word != "the" || !(next[0][0].Prob > 0.5) {
		t.Errorf("next words after %q = %+v, want the first with probability above 0.5", "the dog ran in", next[0])
	}
}

// TestLMResumeBitIdentical stops a language model after one epoch or in
// the middle of the second, loads its checkpoint and trains on, and
// compares the weights and history with an uninterrupted run. It covers
// the sampler's stored state as well as the others.
func TestLMResumeBitIdentical(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(20, 3)}
	cfg := lmTestConfig()
	cfg.Epochs, cfg.Layers, cfg.Dropout, cfg.LayerDropout = 3, 2, 0.2, 0.2
	prepare := func() (*Model, *Dataset, *Dataset) {
		m, train, val, err := Prepare(c, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return m, train, val
	}
	whole, train, val := prepare()
	if err := whole.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	batches := (train.Len() + cfg.Batch - 1) / cfg.Batch

	for _, cancelAt := range []int{0, batches + 1} {
		name := "stopped after epoch 1"
		if cancelAt > 0 {
			name = fmt.Sprintf("cancelled at batch %d of epoch 2", cancelAt-batches)
		}
		t.Run(name, func(t *testing.T) {
			first, train, val := prepare()
			path := filepath.Join(t.TempDir(), "lm.embedlab")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rec := &checkpointer{m: first, path: path}
			if cancelAt == 0 {
				first.Config.Epochs = 1
			} else {
				rec.cancel, rec.cancelAt = cancel, cancelAt
			}
			if err := first.Fit(ctx, train, val, rec); cancelAt == 0 && err != nil {
				t.Fatal(err)
			}
			if rec.err != nil || rec.saves != 1 {
				t.Fatalf("checkpoints written = %d (error %v), want 1", rec.saves, rec.err)
			}
			resumed, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			train, val, err = PrepareResume(resumed, c)
			if err != nil {
				t.Fatal(err)
			}
			resumed.Config.Epochs = 3 - len(resumed.History)
			if err := resumed.Fit(context.Background(), train, val, nil); err != nil {
				t.Fatal(err)
			}
			if name := sameWeights(resumed, whole); name != "" {
				t.Errorf("%s differs from the uninterrupted run", name)
			}
			for i, e := range resumed.History {
				if w := whole.History[i]; e.Loss != w.Loss || e.ValPerplexity != w.ValPerplexity {
					t.Errorf("epoch %d: loss %v val_perplexity %v, want %v %v", e.Epoch, e.Loss, e.ValPerplexity, w.Loss, w.ValPerplexity)
				}
			}
		})
	}

	// Without the sampler's state the candidates differ, so the test above
	// can fail.
	part, train, val := prepare()
	part.Config.Epochs = 1
	if err := part.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	part.sampleRng, part.sampleSrc = nil, nil
	part.Config.Epochs = 2
	if err := part.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	if sameWeights(part, whole) == "" {
		t.Error("a run resumed with a fresh sampler equals the uninterrupted one")
	}
}

func TestLMSaveLoadAndSummary(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(20, 4)}
	cfg := lmTestConfig()
	cfg.Epochs = 1
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "lm.embedlab")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if name := sameWeights(loaded, m); name != "" {
		t.Errorf("%s differs after loading", name)
	}
	want, _ := m.NextWords([]string{"a bird flew"}, 2)
	got, err := loaded.NextWords([]string{"a bird flew"}, 2)
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("loaded NextWords = %v (err %v), want %v", got, err, want)
	}
	if loaded.History[0].ValPerplexity != m.History[0].ValPerplexity {
		t.Errorf("loaded val_perplexity %v, want %v", loaded.History[0].ValPerplexity, m.History[0].ValPerplexity)
	}
	if u := m.History[0].UnigramPerplexity; u <= 0 || loaded.History[0].UnigramPerplexity != u {
		t.Errorf("loaded unigram perplexity %v, want %v (positive)", loaded.History[0].UnigramPerplexity, u)
	}

	// Keras' shapes: the LSTM returns its 10 steps and Dense(25), for the
	// 24 words of the text and the padding, acts on each.
	layers := loaded.Layers()
	wantLayers := []LayerInfo{
		{"embedding", "Embedding", "(None, 10, 8)", 25 * 8},
		{"lstm", "LSTM", "(None, 10, 16)", 4 * 16 * (8 + 16 + 1)},
		{"dense", "Dense", "(None, 10, 25)", 16*25 + 25},
	}
	if !slices.Equal(layers, wantLayers) {
		t.Errorf("layers = %+v\nwant %+v", layers, wantLayers)
	}

	words, vecs := loaded.WordVectors()
	if len(words) == 0 || len(vecs) != len(words)*cfg.Dim {
		t.Errorf("WordVectors gave %d words and %d values, want the embedding rows", len(words), len(vecs))
	}
	if _, err := m.Clone().NextWords([]string{"x"}, 0); err == nil {
		t.Error("NextWords with k 0 returned no error")
	}
}

// rewriteHeader returns the model file data with old replaced by new in its
// JSON header, and the header length updated.
func rewriteHeader(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	hlen := int(binary.LittleEndian.Uint64(data))
	h := string(data[8 : 8+hlen])
	if !strings.Contains(h, old) {
		t.Fatalf("the header does not contain %q", old)
	}
	h = strings.Replace(h, old, new, 1)
	return append(binary.LittleEndian.AppendUint64(nil, uint64(len(h))), append([]byte(h), data[8+hlen:]...)...)
}

func TestLoadRejectsCorruptLanguageModel(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(10, 5)}
	cfg := lmTestConfig()
	cfg.Epochs = 1
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "lm.embedlab")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new, wantErr string
	}{
		{"sampler state", `"sampler_state":"`, `"sampler_state":"!`, "sampler_state in the metadata is not base64"},
		{"bidirectional", `\"Head\":\"lm\"`, `\"Head\":\"lm\",\"Bidirectional\":true`, "cannot be bidirectional"},
		{"samples", `\"Samples\":8`, `\"Samples\":500`, "samples 500 exceeds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".embedlab")
			if err := os.WriteFile(bad, rewriteHeader(t, data, tc.old, tc.new), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Load(bad)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), bad) {
				t.Errorf("Load = %v, want an error naming the file and containing %q", err, tc.wantErr)
			}
		})
	}
}
