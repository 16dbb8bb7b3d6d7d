package model

import (
	"context"
	"errors"
	"time"

	"embedlab/corpus"
)

// Model is the network with its tokenizer and class names.
// Weight layouts follow Keras: Kernel is Dim×4·Units and Recurrent is
// Units×4·Units, row-major, with the gate blocks in the order i, f, c, o.
type Model struct {
	Config    Config
	Tokenizer *corpus.Tokenizer
	Classes   []string // Classes[1] is the class whose probability the sigmoid gives

	Embedding []float32 // NumWords×Dim
	Kernel    []float32 // Dim×4·Units
	Recurrent []float32 // Units×4·Units
	Bias      []float32 // 4·Units
	DenseW    []float32 // Units
	DenseB    []float32 // 1

	History []EpochStats
}

// Dataset is padded sequences with binary labels.
type Dataset struct {
	X      []int32   // N×MaxLen, row-major
	Y      []float32 // N labels, 0 or 1
	MaxLen int
}

// Len returns the number of samples.
func (d *Dataset) Len() int { return len(d.Y) }

// TrainInfo describes a training run when it begins.
type TrainInfo struct {
	Epochs, BatchesPerEpoch, TrainSamples, ValSamples int
}

// BatchStats reports one training batch.
type BatchStats struct {
	Epoch, Batch, Batches int // 1-based epoch and batch; Batches per epoch
	Loss, Accuracy        float64
	SamplesPerSec         float64 // in this epoch so far, the first batch excluded
	Elapsed               time.Duration
}

// EpochStats reports one finished epoch.
type EpochStats struct {
	Epoch         int     `json:"epoch"`
	Loss          float64 `json:"loss"`
	Accuracy      float64 `json:"accuracy"`
	ValLoss       float64 `json:"val_loss"`
	ValAccuracy   float64 `json:"val_accuracy"`
	Seconds       float64 `json:"seconds"`
	SamplesPerSec float64 `json:"samples_per_s"`
}

// Recorder receives training progress. Fit calls it from its own goroutine.
type Recorder interface {
	Begin(TrainInfo)
	Batch(BatchStats)
	Epoch(EpochStats)
}

// Prepare fits a tokenizer on c, builds a model initialised as Keras does,
// and splits the padded corpus into training and validation sets after one
// seeded shuffle.
func Prepare(c *corpus.Corpus, cfg Config) (m *Model, train, val *Dataset, err error) {
	return nil, nil, nil, errors.New("model: Prepare is not implemented yet")
}

// Fit trains m for m.Config.Epochs epochs. It returns ctx.Err() when ctx is
// cancelled, keeping the weights of the batches already trained.
func (m *Model) Fit(ctx context.Context, train, val *Dataset, rec Recorder) error {
	return errors.New("model: Fit is not implemented yet")
}

// Predict returns the probability of Classes[1] for each sample of x.
func (m *Model) Predict(x []int32) []float32 { return nil }

// Save writes m to path atomically.
func (m *Model) Save(path string) error { return errors.New("model: Save is not implemented yet") }

// Load reads a model written by Save.
func Load(path string) (*Model, error) { return nil, errors.New("model: Load is not implemented yet") }

// WordVectors returns the words of indices 1..NumWords-1 that the tokenizer
// knows, most frequent first, and their embedding rows (len(words)×Dim).
func (m *Model) WordVectors() (words []string, vecs []float32) { return nil, nil }
