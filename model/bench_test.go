package model

import (
	"math/rand/v2"
	"testing"
	"time"
)

// BenchmarkTrainBatch times one training step (forward, backward, Adam) of
// the default model (10,000 words, 100 dimensions, maxlen 50, 128 units) on
// a batch of 32 random sequences.
func BenchmarkTrainBatch(b *testing.B) {
	cfg := DefaultConfig()
	m := newWeights(cfg, newRand(cfg.Seed, 0))
	m.opt = newAdam(cfg.LR)
	rng := rand.New(rand.NewPCG(1, 1))
	d := &Dataset{X: make([]int32, cfg.Batch*cfg.MaxLen), Y: make([]float32, cfg.Batch), MaxLen: cfg.MaxLen}
	for i := range d.X {
		d.X[i] = int32(rng.IntN(cfg.NumWords))
	}
	for i := range d.Y {
		d.Y[i] = float32(i % 2)
	}
	idx := make([]int, cfg.Batch)
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
	b.ReportMetric(float64(b.N*cfg.Batch)/time.Since(start).Seconds(), "samples/s")
}

// BenchmarkTrainBatchLM times one training step of the language model
// with a 20,000-word vocabulary, the default sizes otherwise and the
// default 64 sampled candidates. The batch is 32 windows of word ids drawn
// from the log-uniform distribution, which falls off roughly as word
// frequencies in text do. The words/s metric counts predicted words.
func BenchmarkTrainBatchLM(b *testing.B) {
	cfg := DefaultConfig()
	cfg.NumWords, cfg.Head = 20000, HeadLanguageModel
	benchmarkLMStep(b, cfg)
}
