package model

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"embedlab/corpus"
)

// BenchmarkTrainBatchLMSoftmax times one training step of the language
// model with the full softmax and with the default 64 sampled candidates
// for several vocabulary sizes, the default sizes otherwise, on the batch
// of BenchmarkTrainBatchLM. The ratio of the two at one size sizes
// FullSoftmaxMaxWords.
func BenchmarkTrainBatchLMSoftmax(b *testing.B) {
	for _, words := range []int{1000, 2000, 4000, 8000} {
		for _, samples := range []int{FullSoftmax, DefaultSamples} {
			name := fmt.Sprintf("full/words=%d", words)
			if samples > 0 {
				name = fmt.Sprintf("sampled/words=%d", words)
			}
			b.Run(name, func(b *testing.B) {
				cfg := DefaultConfig()
				cfg.NumWords, cfg.Head, cfg.Samples = words+1, HeadLanguageModel, samples
				benchmarkLMStep(b, cfg)
			})
		}
	}
}

// benchmarkLMStep times one training step of the language model cfg on a
// batch of word ids drawn from the log-uniform distribution.
func benchmarkLMStep(b *testing.B, cfg Config) {
	m := newWeightsOut(cfg, cfg.NumWords, newRand(cfg.Seed, 0))
	m.opt = newAdam(cfg.LR)
	m.startSampler()
	m.dropRng = newRand(cfg.Seed, dropoutStream)
	rng := newRand(1, 1)
	ids := make([]int32, cfg.Batch*cfg.MaxLen+1)
	zipf := newLogUniform(cfg.NumWords - 1)
	for i := range ids {
		ids[i] = int32(zipf.draw(rng) + 1)
	}
	d := lmWindows(ids, cfg.MaxLen)
	idx := make([]int, d.Len())
	for i := range idx {
		idx[i] = i
	}
	r := newRun(m, cfg.Batch)
	r.step(d, idx) // allocate the Adam moments outside the timing

	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		r.step(d, idx)
	}
	b.ReportMetric(float64(b.N*len(idx)*cfg.MaxLen)/time.Since(start).Seconds(), "words/s")
}

// refLMFullLoss is the mean full-softmax cross-entropy of the float64
// reference model over word ids 1..NumWords−1, the loss that fullLossGrad
// computes, written from its definition. dropMask is as in refLMLoss.
func refLMFullLoss(p *refParams, cfg Config, x, next []int32, dropMask []float32) float64 {
	t, u, v := cfg.MaxLen, cfg.Units, cfg.NumWords
	n := len(x) / t
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
			var sum, zy float64
			for id := 1; id < v; id++ {
				z := p.denseB[id]
				for j := range u {
					z += h[j] * p.denseW[j*v+id]
				}
				sum += math.Exp(z)
				if id == int(next[b*t+s]) {
					zy = z
				}
			}
			total += math.Log(sum) - zy
		}
	}
	return total / float64(n*t)
}

// TestLMFullSoftmaxGradients checks the full-softmax head and the backward
// pass through every step against central differences of refLMFullLoss,
// with gradMismatches' tolerance, and checks that unit 0 (padding) gets no
// gradient.
func TestLMFullSoftmaxGradients(t *testing.T) {
	tests := []struct {
		name            string
		layers          int
		dropout, layerD float64
	}{
		{"one layer", 1, 0, 0},
		{"two layers with dropout", 2, 0.3, 0.3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, x, next := tinyLMModel(tc.layers)
			m.Config.Samples = FullSoftmax
			cfg := m.Config
			n, rows := len(x)/cfg.MaxLen, len(x)
			w := newWorkOut(cfg, m.Outputs(), n)
			g := newGradsOut(cfg, m.Outputs())
			lm := w.lm
			if lm.samples != 0 || lm.full == nil {
				t.Fatalf("head has %d samples, full buffer %v; want the full softmax", lm.samples, lm.full != nil)
			}
			lm.setTargets(next, n, cfg.MaxLen)
			w.dropRng = newRand(4, dropoutStream)
			w.layerDropRate, lm.dropRate = tc.layerD, tc.dropout
			w.forward(m, x, n)
			hs := lm.input(w, n, w.dropRng, false)
			sum, correct := lm.lossGrad(m, hs, rows)
			lm.backward(m, hs, rows, g)
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
				return refLMFullLoss(p, cfg, x, next, dropMask)
			}
			if got, want := sum/float64(rows), lossOf(toRef(m)); math.Abs(got-want) > 1e-5 {
				t.Errorf("mean loss = %.7f, reference %.7f", got, want)
			}
			if correct < 0 || correct > rows {
				t.Errorf("correct = %d, want 0 to %d", correct, rows)
			}
			if g.DenseB[0] != 0 {
				t.Errorf("padding bias gradient = %g, want 0", g.DenseB[0])
			}
			numeric := numericGradsOf(m, 1e-6, lossOf)
			for _, bad := range gradMismatches(g.tensors(), numeric) {
				t.Error(bad)
			}
		})
	}
}

// TestLMFullSoftmaxMatchesEvaluation checks that the training loss and
// accuracy of the full softmax equal those of fullSoftmax, which
// validation uses, on the same rows.
func TestLMFullSoftmaxMatchesEvaluation(t *testing.T) {
	m, x, next := tinyLMModel(1)
	m.Config.Samples = FullSoftmax
	cfg := m.Config
	n, rows := len(x)/cfg.MaxLen, len(x)
	// A large output layer makes the most probable word differ between
	// rows, so that the accuracy is not trivially 0 or 1.
	for i := range m.DenseW {
		m.DenseW[i] *= 8
	}
	w := newWorkOut(cfg, m.Outputs(), n)
	lm := w.lm
	lm.setTargets(next, n, cfg.MaxLen)
	w.forward(m, x, n)
	hs := lm.input(w, n, nil, false)
	wantLoss, wantCorrect := lm.fullSoftmax(m, hs, slices.Clone(lm.targets[:rows]))
	gotLoss, gotCorrect := lm.lossGrad(m, hs, rows)
	// expf's float32 exponentials against math.Exp: about 1e-7 relative.
	if math.Abs(gotLoss-wantLoss) > 1e-5*math.Abs(wantLoss) {
		t.Errorf("training loss = %.7f, evaluation loss %.7f", gotLoss, wantLoss)
	}
	if gotCorrect != wantCorrect {
		t.Errorf("training correct = %d, evaluation correct %d", gotCorrect, wantCorrect)
	}
	t.Logf("%d of %d rows correct", gotCorrect, rows)
}

func TestCandidates(t *testing.T) {
	tests := []struct {
		name              string
		samples, numWords int
		want              int
	}{
		{"full softmax forced", FullSoftmax, 50_001, 0},
		{"automatic small vocabulary", 0, 501, 0},
		{"automatic at the threshold", 0, FullSoftmaxMaxWords + 1, 0},
		{"automatic above the threshold", 0, FullSoftmaxMaxWords + 2, DefaultSamples},
		{"explicit samples", 10, 501, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Head, cfg.NumWords, cfg.Samples = HeadLanguageModel, tc.numWords, tc.samples
			if got := cfg.Candidates(); got != tc.want {
				t.Errorf("Candidates() = %d, want %d", got, tc.want)
			}
			if err := cfg.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
	cfg := DefaultConfig()
	cfg.Head, cfg.Samples = HeadLanguageModel, -2
	if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "samples -2 is out of range") {
		t.Errorf("Validate with samples -2 = %v, want out of range", err)
	}
}

func TestUnigramPerplexity(t *testing.T) {
	// Word ids 1..4 with training counts 2, 1, 1, 0: add-one probabilities
	// 3/8, 2/8, 2/8 and 1/8. Validation words 1 and 4 give the perplexity
	// 1/sqrt(3/8 · 1/8) = sqrt(64/3).
	train := &Dataset{Next: []int32{1, 1, 2, 3}}
	val := &Dataset{Next: []int32{1, 4}}
	if got, want := UnigramPerplexity(train, val, 5), math.Sqrt(64.0/3); math.Abs(got-want) > 1e-12 {
		t.Errorf("UnigramPerplexity = %.15f, want %.15f", got, want)
	}
	if got := UnigramPerplexity(train, &Dataset{}, 5); !math.IsNaN(got) {
		t.Errorf("UnigramPerplexity without validation words = %g, want NaN", got)
	}
	if got := UnigramPerplexity(train, nil, 5); !math.IsNaN(got) {
		t.Errorf("UnigramPerplexity of nil = %g, want NaN", got)
	}
}

// TestUnigramBiasInit checks that Prepare starts a language model at the
// unigram model: with the Dense kernel set to zero, the validation
// perplexity is UnigramPerplexity's. It also checks that the other weights
// are Keras' initialisation, drawn as before.
func TestUnigramBiasInit(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(40, 6)}
	cfg := lmTestConfig()
	cfg.Samples = 0
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if m.Config.Samples != FullSoftmax {
		t.Errorf("Samples after Prepare = %d, want FullSoftmax for %d words", m.Config.Samples, m.Config.NumWords-1)
	}
	drawn := newWeightsOut(m.Config, m.Config.NumWords, newRand(m.Config.Seed, 0))
	if !slices.Equal(m.Embedding, drawn.Embedding) || !slices.Equal(m.DenseW, drawn.DenseW) {
		t.Error("the embedding or Dense kernel differs from Keras' initialisation with the same seed")
	}
	if m.DenseB[0] != 0 {
		t.Errorf("padding bias = %g, want 0", m.DenseB[0])
	}
	var total float64
	for _, b := range m.DenseB[1:] {
		total += math.Exp(float64(b))
	}
	if math.Abs(total-1) > 1e-5 {
		t.Errorf("exp of the biases sums to %.7f, want 1", total)
	}

	clear(m.DenseW)
	r := newRun(m, cfg.Batch)
	loss, _, err := r.evaluateLM(context.Background(), val)
	if err != nil {
		t.Fatal(err)
	}
	// float32 biases: about 1e-7 relative per word.
	if got, want := math.Exp(loss), UnigramPerplexity(train, val, m.Config.NumWords); math.Abs(got-want) > 1e-5*want {
		t.Errorf("perplexity with a zero kernel = %.6f, want the unigram %.6f", got, want)
	}
}

// TestLMFullSoftmaxTrains trains with the full softmax on repetitiveText
// and checks that the validation perplexity ends below half the unigram
// baseline and that the training accuracy is the exact one.
func TestLMFullSoftmaxTrains(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(60, 2)}
	cfg := lmTestConfig()
	cfg.Samples, cfg.Epochs = FullSoftmax, 6
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	last := m.History[len(m.History)-1]
	t.Logf("loss %.3f, accuracy %.3f, val_perplexity %.3f, unigram %.3f", last.Loss, last.Accuracy, last.ValPerplexity, last.UnigramPerplexity)
	if want := UnigramPerplexity(train, val, m.Config.NumWords); last.UnigramPerplexity != want {
		t.Errorf("UnigramPerplexity in the history = %v, want %v", last.UnigramPerplexity, want)
	}
	if !(last.ValPerplexity < last.UnigramPerplexity/2) {
		t.Errorf("val_perplexity %.3f, want below half the unigram %.3f", last.ValPerplexity, last.UnigramPerplexity)
	}
	// The training loss is the full softmax's, so exp(loss) is a training
	// perplexity of the same order as the validation one.
	if math.Abs(last.Loss-last.ValLoss) > 1 {
		t.Errorf("training loss %.3f, validation loss %.3f; want the same full softmax", last.Loss, last.ValLoss)
	}
	if m.sampleRng != nil {
		t.Error("a full-softmax model created a candidate sampler")
	}
}

// TestPrepareRecordsSoftmax checks that Prepare replaces Samples 0 by the
// softmax chosen for the lowered vocabulary and keeps explicit values.
func TestPrepareRecordsSoftmax(t *testing.T) {
	story := repetitiveText(10, 7) // 24 distinct words
	// One more distinct word than FullSoftmaxMaxWords, each written twice.
	var b strings.Builder
	for i := range 2 * (FullSoftmaxMaxWords + 1) {
		fmt.Fprintf(&b, "w%d ", i%(FullSoftmaxMaxWords+1))
	}
	large := []corpus.Document{{Text: b.String(), Source: "words.txt", Line: 1}}
	tests := []struct {
		name    string
		docs    []corpus.Document
		samples int
		want    int
	}{
		{"automatic, small vocabulary", story, 0, FullSoftmax},
		{"automatic, large vocabulary", large, 0, DefaultSamples},
		{"explicit samples", story, 5, 5},
		{"explicit full softmax", large, FullSoftmax, FullSoftmax},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := lmTestConfig()
			cfg.NumWords, cfg.Samples = 20000, tc.samples
			m, _, _, err := Prepare(&corpus.Corpus{Name: "story", Docs: tc.docs}, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if m.Config.Samples != tc.want {
				t.Errorf("Samples = %d for %d words, want %d", m.Config.Samples, m.Config.NumWords-1, tc.want)
			}
		})
	}
}

// TestLMFullSoftmaxResume saves a full-softmax language model after one
// epoch, loads it and trains a second epoch, and compares the weights and
// history with two uninterrupted epochs.
func TestLMFullSoftmaxResume(t *testing.T) {
	c := &corpus.Corpus{Name: "story", Docs: repetitiveText(20, 8)}
	cfg := lmTestConfig()
	cfg.Samples, cfg.Epochs, cfg.Dropout = 0, 2, 0.2
	whole, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := whole.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}

	first, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	first.Config.Epochs = 1
	if err := first.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "lm.embedlab")
	if err := first.Save(path); err != nil {
		t.Fatal(err)
	}
	resumed, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if resumed.Config.Samples != FullSoftmax {
		t.Errorf("loaded Samples = %d, want FullSoftmax", resumed.Config.Samples)
	}
	train, val, err = PrepareResume(resumed, c)
	if err != nil {
		t.Fatal(err)
	}
	if err := resumed.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	if name := sameWeights(resumed, whole); name != "" {
		t.Errorf("%s differs from the uninterrupted run", name)
	}
	if got, want := resumed.History[1].Loss, whole.History[1].Loss; got != want {
		t.Errorf("epoch 2 loss = %v, want %v", got, want)
	}
}
