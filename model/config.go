// Package model implements the Keras sentiment model Embedding → LSTM →
// Dense(1, sigmoid) in float32, its training loop with Adam, and model files.
package model

import (
	"fmt"

	"embedlab/corpus"
)

// Config holds the model and training settings. DefaultConfig gives the
// values of the classic Keras example.
type Config struct {
	NumWords int     // vocabulary size including index 0 (padding): 10000
	Dim      int     // embedding dimension: 100
	MaxLen   int     // sequence length after padding and truncating ('pre'): 50
	Units    int     // LSTM units: 128
	Batch    int     // batch size: 32
	LR       float64 // Adam learning rate: 0.001
	Epochs   int     // 10
	ValSplit float64 // fraction of the shuffled corpus kept for validation: 0.1
	Seed     uint64  // seed of initialisation, the split and the batch order: 1

	// Segmenter chooses how the tokenizer splits Chinese and Japanese text:
	// "" (auto: dictionary words when most letters are CJK and the text is
	// not already split with spaces), "none", "words" or "chars".
	Segmenter string `json:",omitempty"`
}

// DefaultConfig returns the settings of the classic Keras example.
func DefaultConfig() Config {
	return Config{NumWords: 10000, Dim: 100, MaxLen: 50, Units: 128, Batch: 32,
		LR: 0.001, Epochs: 10, ValSplit: 0.1, Seed: 1}
}

// Limits of the settings that Validate accepts. The upper limits keep the
// weights and one batch's buffers within a few gigabytes.
const (
	MaxNumWords = 1_000_000
	MaxDim      = 1024
	MaxMaxLen   = 10_000
	MaxUnits    = 1024
	MaxBatch    = 4096
	MaxEpochs   = 10_000
	MaxValSplit = 0.9

	// MaxTrainingBytes bounds TrainingBytes. It catches settings such as
	// maxlen 10000 with batch 4096 that no desktop can train, before the
	// allocation fails.
	MaxTrainingBytes = 8 << 30
)

// Validate reports the first setting that is out of range, naming the
// field, its value and the valid range.
func (c Config) Validate() error {
	ints := []struct {
		name        string
		val, lo, hi int
	}{
		{"numwords", c.NumWords, 2, MaxNumWords},
		{"dim", c.Dim, 1, MaxDim},
		{"maxlen", c.MaxLen, 1, MaxMaxLen},
		{"units", c.Units, 1, MaxUnits},
		{"batch", c.Batch, 1, MaxBatch},
		{"epochs", c.Epochs, 1, MaxEpochs},
	}
	for _, f := range ints {
		if f.val < f.lo || f.val > f.hi {
			return fmt.Errorf("model: %s %d is out of range; use %d to %d", f.name, f.val, f.lo, f.hi)
		}
	}

	// The negated comparisons also reject NaN.
	if !(c.LR > 0 && c.LR <= 1) {
		return fmt.Errorf("model: learning rate %g is out of range; use a value above 0 and at most 1, such as 0.001", c.LR)
	}
	if !(c.ValSplit >= 0 && c.ValSplit <= MaxValSplit) {
		return fmt.Errorf("model: validation split %g is out of range; use 0 to %g", c.ValSplit, MaxValSplit)
	}
	switch c.Segmenter {
	case "", "none", corpus.SegmentWords, corpus.SegmentChars:
	default:
		return fmt.Errorf("model: segmenter %q is not known; use auto, none, words or chars", c.Segmenter)
	}
	if b := c.TrainingBytes(); b > MaxTrainingBytes {
		return fmt.Errorf("model: these settings need about %.1f GiB to train, more than the limit of %d GiB; lower num_words, dim, maxlen, units or batch",
			float64(b)/(1<<30), MaxTrainingBytes>>30)
	}
	return nil
}

// TrainingBytes estimates the memory Fit needs in bytes: the weights, their
// gradients and Adam's two moments (four float32 values per weight), plus
// the activations and backward buffers of one batch.
func (c Config) TrainingBytes() int64 {
	d, u := int64(c.Dim), int64(c.Units)
	weights := int64(c.NumWords)*d + d*4*u + u*4*u + 4*u + u + 1
	// Per sample and step: embedded input and its gradient (2·dim), gates and
	// their gradient (8·units), cell, hidden and tanh(cell) (3·units).
	batch := int64(c.MaxLen) * int64(c.Batch) * (2*d + 11*u)
	return 4 * (4*weights + batch)
}
