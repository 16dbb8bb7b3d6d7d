// Package model implements the Keras sentiment model Embedding → LSTM →
// Dense(1, sigmoid) in float32, its training loop with Adam, and model files.
package model

import (
	"math"
	"slices"
	"strings"

	"embedlab/corpus"
	"embedlab/internal/usermsg"
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

	// Head is the output layer and loss (HeadBinary, HeadSoftmax,
	// HeadMultiLabel or HeadLanguageModel). Prepare sets it from the
	// corpus and Objective: binary for two classes, softmax for more,
	// multi-label when documents carry several labels, and the language
	// model for a corpus without labels.
	Head string `json:",omitempty"`

	// Objective chooses what Prepare trains: "" (auto: the language model
	// when the corpus has no labels, a classifier otherwise), "classify"
	// or "lm" (the next-word language model, labels ignored).
	Objective string `json:",omitempty"`
	// Samples is the number of candidate words that the language model's
	// sampled softmax draws per batch, at most NumWords−1, the number of
	// words the model predicts. FullSoftmax (-1) trains with the full
	// softmax instead, and 0 chooses by vocabulary size (Candidates);
	// Prepare replaces 0 by the choice.
	Samples int `json:",omitempty"`

	// The options below default to the classic behaviour at their zero
	// values, so a Config without them trains as before.

	// ClassWeight weights each sample's training loss by its class: "" or
	// "none" for equal weights, "balanced" for n_samples/(n_classes·count)
	// per class (ClassWeights). The validation loss is not weighted, as in
	// Keras. Prepare rejects "balanced" for a multi-label corpus, where a
	// sample has several classes.
	ClassWeight string `json:",omitempty"`
	// Validation chooses the validation split of a corpus without a
	// validation set of its own: "" or "shuffled" (seeded shuffle, then the
	// last ValSplit), "last" (the last ValSplit in file order, as Keras'
	// validation_split) or "stratified" (seeded, each class split in the
	// proportion ValSplit).
	Validation string `json:",omitempty"`
	// Patience enables early stopping on the validation loss: training
	// stops after Patience epochs without a lower validation loss and the
	// weights of the best epoch are restored, as Keras'
	// EarlyStopping(monitor="val_loss", patience, restore_best_weights=True).
	// 0 turns it off.
	Patience int `json:",omitempty"`
	// Schedule is the learning-rate schedule: "" or "constant"; "step"
	// (multiply by LRFactor every LRStepEpochs epochs); "plateau" (Keras'
	// ReduceLROnPlateau on the validation loss: multiply by LRFactor after
	// LRPatience epochs without improvement, not below MinLR).
	Schedule string `json:",omitempty"`
	// LRFactor multiplies the learning rate; 0 means 0.5 for "step" and
	// Keras' 0.1 for "plateau".
	LRFactor float64 `json:",omitempty"`
	// LRStepEpochs is the period of "step" in epochs; 0 means 10.
	LRStepEpochs int `json:",omitempty"`
	// LRPatience is the patience of "plateau" in epochs; 0 means Keras' 10.
	LRPatience int `json:",omitempty"`
	// MinLR is the lower bound of "plateau"; 0 by default, as in Keras.
	MinLR float64 `json:",omitempty"`
	// ClipNorm rescales the gradients of each batch so that their global
	// L2 norm over all weights is at most ClipNorm, as Keras'
	// global_clipnorm (not clipnorm, which clips each tensor alone). 0
	// turns it off.
	ClipNorm float64 `json:",omitempty"`
	// Dropout is the rate of inverted dropout on the LSTM output before the
	// Dense layer during training, in [0, MaxDropout]; 0 turns it off. For
	// the language model that output is the top layer's whole sequence.
	Dropout float64 `json:",omitempty"`
	// LayerDropout is the rate of inverted dropout on the output sequence
	// of every LSTM layer but the top one during training, as a Keras
	// Dropout layer between LSTM(return_sequences=True) layers: each value
	// of each time step is dropped on its own. It is in [0, MaxDropout],
	// has no effect with one layer, and 0 turns it off.
	LayerDropout float64 `json:",omitempty"`

	// MaskZero makes word id 0 (padding) a masked step, as Keras'
	// Embedding(mask_zero=True): at a masked step every LSTM layer keeps
	// its previous hidden and cell state, and the step adds no gradient.
	// With 'pre' padding the output then equals the LSTM's on the unpadded
	// sequence; a sequence of padding only gives h = 0.
	MaskZero bool `json:",omitempty"`
	// Layers is the number of stacked LSTM layers, 1 to MaxLayers; 0
	// means 1, as in files written before stacking existed. Every layer
	// but the last returns its whole output sequence to the next, as
	// Keras' return_sequences=True; the Dense layer reads the last
	// layer's final hidden state.
	Layers int `json:",omitempty"`
	// Bidirectional runs every LSTM layer in both directions, as Keras'
	// Bidirectional(LSTM(Units)) with merge_mode="concat": a backward LSTM
	// with its own weights reads the steps last to first, and the layer's
	// output is [forward, backward] of 2·Units values.
	Bidirectional bool `json:",omitempty"`
}

// lstmLayers returns the number of LSTM layers, 1 when Layers is 0.
func (c Config) lstmLayers() int { return max(c.Layers, 1) }

// lstmOut returns the width of an LSTM layer's output: Units, or 2·Units
// when bidirectional.
func (c Config) lstmOut() int {
	if c.Bidirectional {
		return 2 * c.Units
	}
	return c.Units
}

// Values of the string options, for flags and menus.
var (
	ClassWeightModes = []string{"none", "balanced"}
	ValidationModes  = []string{"shuffled", "last", "stratified"}
	Objectives       = []string{"classify", "lm"}
	Schedules        = []string{"constant", "step", "plateau"}
)

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
	MaxDropout  = 0.9
	MaxPatience = 10_000
	MaxLayers   = 4
	MaxSamples  = 100_000

	// MaxTrainingBytes bounds TrainingBytes. It catches settings such as
	// maxlen 10000 with batch 4096 that no desktop can train, before the
	// allocation fails.
	MaxTrainingBytes = 8 << 30
)

// Validate reports the first setting that is out of range, naming the
// field, its value and the valid range.
func (c Config) Validate() error {
	ints := []struct {
		name        usermsg.Message
		val, lo, hi int
	}{
		{usermsg.Sprintf("vocabulary size (num_words)"), c.NumWords, 2, MaxNumWords},
		{usermsg.Sprintf("dim"), c.Dim, 1, MaxDim},
		{usermsg.Sprintf("maxlen"), c.MaxLen, 1, MaxMaxLen},
		{usermsg.Sprintf("units"), c.Units, 1, MaxUnits},
		{usermsg.Sprintf("batch"), c.Batch, 1, MaxBatch},
		{usermsg.Sprintf("epochs"), c.Epochs, 1, MaxEpochs},
	}
	for _, f := range ints {
		if f.val < f.lo || f.val > f.hi {
			return usermsg.Errorf("model: %v %d is out of range; use %d to %d", f.name, f.val, f.lo, f.hi)
		}
	}

	// The negated comparisons also reject NaN.
	if !(c.LR > 0 && c.LR <= 1) {
		return usermsg.Errorf("model: learning rate %g is out of range; use a value above 0 and at most 1, such as 0.001", c.LR)
	}
	if !(c.ValSplit >= 0 && c.ValSplit <= MaxValSplit) {
		return usermsg.Errorf("model: validation split %g is out of range; use 0 to %g", c.ValSplit, MaxValSplit)
	}
	switch c.Segmenter {
	case "", "none", corpus.SegmentWords, corpus.SegmentChars:
	default:
		return usermsg.Errorf("model: segmenter %q is not known; use auto, none, words or chars", c.Segmenter)
	}
	if err := c.validateOptions(); err != nil {
		return err
	}
	if b := c.TrainingBytes(); b > MaxTrainingBytes {
		return usermsg.Errorf("model: these settings need about %.1f GiB to train, more than the limit of %d GiB; lower num_words, dim, maxlen, units or batch",
			float64(b)/(1<<30), MaxTrainingBytes>>30)
	}
	return nil
}

// TrainingBytes estimates the memory Fit needs in bytes: the weights, their
// gradients and Adam's two moments (four float32 values per weight), plus
// the activations and backward buffers of one batch.
func (c Config) TrainingBytes() int64 {
	d, u := int64(c.Dim), int64(c.Units)
	extra := int64(c.lstmLayers() - 1)
	hw := int64(c.lstmOut())
	weights := int64(c.NumWords)*d + d*4*u + u*4*u + 4*u + hw + 1 + extra*(hw*4*u+4*u*u+4*u)
	if c.Bidirectional {
		// The backward directions double the LSTM weights and buffers.
		weights += d*4*u + u*4*u + 4*u + extra*(hw*4*u+4*u*u+4*u)
		extra = 2*extra + 1
	}
	// Per sample and step: embedded input and its gradient (2·dim), gates and
	// their gradient (8·units), cell, hidden and tanh(cell) (3·units); each
	// further layer adds its own 11·units and the gradient of its input.
	batch := int64(c.MaxLen) * int64(c.Batch) * (2*d + 11*u + extra*12*u)
	if c.LayerDropout > 0 {
		// A mask and a dropped copy of each lower layer's output sequence.
		batch += int64(c.MaxLen) * int64(c.Batch) * int64(c.lstmLayers()-1) * 2 * hw
	}
	return 4*(4*weights+batch) + c.lmBytes()
}

// validateOptions checks the training options beyond the classic settings.
func (c Config) validateOptions() error {
	switch c.Head {
	case HeadBinary, HeadSoftmax, HeadMultiLabel, HeadLanguageModel:
	default:
		return usermsg.Errorf("model: output head %q is not known; use %q (binary), %q, %q or %q", c.Head, HeadBinary, HeadSoftmax, HeadMultiLabel, HeadLanguageModel)
	}
	if err := c.validateLanguageModel(); err != nil {
		return err
	}
	choices := []struct {
		name  usermsg.Message
		val   string
		valid []string
	}{
		{usermsg.Sprintf("class weight"), c.ClassWeight, ClassWeightModes},
		{usermsg.Sprintf("validation"), c.Validation, ValidationModes},
		{usermsg.Sprintf("schedule"), c.Schedule, Schedules},
		{usermsg.Sprintf("objective"), c.Objective, Objectives},
	}
	for _, f := range choices {
		if f.val != "" && !slices.Contains(f.valid, f.val) {
			return usermsg.Errorf("model: %v %q is not known; use %s", f.name, f.val, strings.Join(f.valid, ", "))
		}
	}
	ints := []struct {
		name    usermsg.Message
		val, hi int
	}{
		{usermsg.Sprintf("patience"), c.Patience, MaxPatience},
		{usermsg.Sprintf("lr step epochs"), c.LRStepEpochs, MaxEpochs},
		{usermsg.Sprintf("lr patience"), c.LRPatience, MaxPatience},
	}
	for _, f := range ints {
		if f.val < 0 || f.val > f.hi {
			return usermsg.Errorf("model: %v %d is out of range; use 0 (off or the default) to %d", f.name, f.val, f.hi)
		}
	}
	// The negated comparisons also reject NaN.
	if !(c.LRFactor >= 0 && c.LRFactor < 1) {
		return usermsg.Errorf("model: lr factor %g is out of range; use a value above 0 and below 1, such as 0.5, or 0 for the default", c.LRFactor)
	}
	if !(c.MinLR >= 0) {
		return usermsg.Errorf("model: min lr %g is out of range; use 0 or a positive rate", c.MinLR)
	}
	// Only the plateau schedule reads MinLR, so other schedules accept any
	// value and leave the warning to the caller.
	if c.Schedule == "plateau" && c.MinLR > c.LR {
		return usermsg.Errorf("model: min lr %g is above the learning rate %g, where the plateau schedule starts; use 0 to %g", c.MinLR, c.LR, c.LR)
	}
	if !(c.ClipNorm >= 0 && c.ClipNorm <= math.MaxFloat32) {
		return usermsg.Errorf("model: clip norm %g is out of range; use a positive value such as 1, or 0 for no clipping", c.ClipNorm)
	}
	if c.Layers < 0 || c.Layers > MaxLayers {
		return usermsg.Errorf("model: layers %d is out of range; use 1 to %d LSTM layers", c.Layers, MaxLayers)
	}
	if !(c.Dropout >= 0 && c.Dropout <= MaxDropout) {
		return usermsg.Errorf("model: dropout %g is out of range; use 0 to %g, such as 0.2", c.Dropout, MaxDropout)
	}
	if !(c.LayerDropout >= 0 && c.LayerDropout <= MaxDropout) {
		return usermsg.Errorf("model: layer dropout %g is out of range; use 0 to %g, such as 0.2", c.LayerDropout, MaxDropout)
	}
	return nil
}

// lrFactor returns LRFactor or the schedule's default.
func (c Config) lrFactor() float64 {
	switch {
	case c.LRFactor > 0:
		return c.LRFactor
	case c.Schedule == "plateau":
		return 0.1
	default:
		return 0.5
	}
}

// lrStepEpochs returns LRStepEpochs or its default 10.
func (c Config) lrStepEpochs() int {
	if c.LRStepEpochs > 0 {
		return c.LRStepEpochs
	}
	return 10
}

// lrPatience returns LRPatience or Keras' default 10.
func (c Config) lrPatience() int {
	if c.LRPatience > 0 {
		return c.LRPatience
	}
	return 10
}
