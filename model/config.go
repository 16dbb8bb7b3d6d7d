// Package model implements the Keras sentiment model Embedding → LSTM →
// Dense(1, sigmoid) in float32, its training loop with Adam, and model files.
package model

import "errors"

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
}

// DefaultConfig returns the settings of the classic Keras example.
func DefaultConfig() Config {
	return Config{NumWords: 10000, Dim: 100, MaxLen: 50, Units: 128, Batch: 32,
		LR: 0.001, Epochs: 10, ValSplit: 0.1, Seed: 1}
}

// Validate reports the first setting that is out of range.
func (c Config) Validate() error { return errors.New("model: Validate is not implemented yet") }
