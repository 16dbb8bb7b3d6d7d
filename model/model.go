package model

import (
	"math/rand/v2"
	"time"

	"embedlab/corpus"
)

// Model is the network with its tokenizer and class names.
// Weight layouts follow Keras: Kernel is Dim×4·Units and Recurrent is
// Units×4·Units, row-major, with the gate blocks in the order i, f, c, o.
// Fit changes the weights, so no other goroutine may use the model while
// Fit runs. Predict, PredictTexts, WordVectors and Save only read it.
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

	opt     *adam      // optimiser state, created by the first Fit
	shuffle *rand.Rand // batch-order generator, created by the first Fit
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
	Epoch, Batch, Batches int     // 1-based epoch and batch; Batches per epoch
	Loss, Accuracy        float64 // running means over the epoch so far, as Keras' progress bar shows
	BatchLoss             float64 // mean loss of this batch alone
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
