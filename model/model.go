package model

import (
	"math/rand/v2"
	"time"

	"embedlab/corpus"
	"embedlab/internal/usermsg"
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
	DenseW    []float32 // Units×Outputs() (2·Units rows when bidirectional), row-major as Keras' Dense kernel
	DenseB    []float32 // Outputs()

	// Extra holds the LSTM layers after the first when Config.Layers > 1,
	// bottom to top; Kernel, Recurrent and Bias above stay the first layer.
	Extra []LSTMWeights
	// Backward holds the backward direction of every LSTM layer, bottom to
	// top, when Config.Bidirectional is set; DenseW then has 2·Units rows.
	Backward []LSTMWeights

	History []EpochStats

	opt        *adam      // optimiser state, created by the first Fit or by Load
	shuffle    *rand.Rand // batch-order generator, created by the first Fit or by Load
	shuffleSrc *rand.PCG  // shuffle's source, kept so that Save can store its state
	dropSrc    *rand.PCG  // dropRng's source, kept so that its state can be saved
	dropRng    *rand.Rand // dropout masks, created by the first Fit
	cb         *callbacks // schedule and early-stopping state, created by the first Fit
	sampleSrc  *rand.PCG  // sampleRng's source, kept so that its state can be saved
	sampleRng  *rand.Rand // a language model's softmax candidates, created by the first Fit
}

// LSTMWeights are the weights of one LSTM layer or direction beyond
// Model's first, laid out as Model's with the gate blocks in the Keras
// order i, f, c, o. Kernel has one row per input value: Dim for the first
// layer's backward direction, otherwise the output width of the layer
// below (Units, or 2·Units when bidirectional). Recurrent is Units×4·Units
// and Bias 4·Units.
type LSTMWeights struct {
	Kernel, Recurrent, Bias []float32
}

// Dataset is padded sequences with their labels.
type Dataset struct {
	X []int32 // N×MaxLen, row-major
	// Y holds N class indices: 0 or 1 for a binary model, 0 to classes−1 for
	// a softmax model, and the first label of each sample for a multi-label
	// model, where it only serves the majority baseline and stratification.
	Y      []float32
	MaxLen int
	// Targets holds the N×classes multi-hot targets of a multi-label
	// model, 1 for each label of a sample; nil for the other heads.
	Targets []float32
	// Next holds the N×MaxLen next-word targets of a language model: the
	// word id that follows each id of X. Y is then all zeros.
	Next []int32
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

// EpochStats reports one finished epoch. Accuracy counts samples, except
// for the multi-label head, where it is Keras' binary_accuracy: the share of
// label slots (samples × classes) whose sigmoid is on the right side of 0.5.
type EpochStats struct {
	Epoch         int     `json:"epoch"`
	Loss          float64 `json:"loss"`
	Accuracy      float64 `json:"accuracy"`
	ValLoss       float64 `json:"val_loss"`
	ValAccuracy   float64 `json:"val_accuracy"`
	Seconds       float64 `json:"seconds"`
	SamplesPerSec float64 `json:"samples_per_s"`

	// ValPerplexity is exp(ValLoss) for a language model, whose ValLoss
	// is the full-softmax cross-entropy per word; 0 for a classifier. The
	// language model's Loss is its training loss: the full softmax's when
	// Config.Candidates is 0, otherwise the sampled softmax's, usually
	// lower than the full one. Its Accuracy counts the words whose target
	// beats every other word, or with a sampled softmax every sampled
	// candidate, and its ValAccuracy the words that are the full softmax's
	// most probable word.
	ValPerplexity float64 `json:"val_perplexity,omitempty"`
	// UnigramPerplexity is the language model's baseline on the same
	// validation words, UnigramPerplexity of the training and validation
	// sets; 0 for a classifier or without a validation set.
	UnigramPerplexity float64 `json:"unigram_perplexity,omitempty"`

	// LR is the learning rate this epoch trained with.
	LR float64 `json:"lr,omitempty"`
	// PerClass holds the validation precision and recall of each class, in
	// the order of Model.Classes; nil without a validation set. It and
	// Events are pointers so that EpochStats stays comparable with ==.
	PerClass *[]ClassMetrics `json:"per_class,omitempty"`
	// Events lists what the callbacks did at the end of the epoch, such as
	// a learning-rate reduction or an early stop; nil when nothing happened.
	Events *[]Event `json:"events,omitempty"`
}

// Classes returns e.PerClass, or nil.
func (e EpochStats) Classes() []ClassMetrics {
	if e.PerClass == nil {
		return nil
	}
	return *e.PerClass
}

// EventList returns e.Events, or nil.
func (e EpochStats) EventList() []Event {
	if e.Events == nil {
		return nil
	}
	return *e.Events
}

// ClassMetrics is one class's precision and recall on the validation set.
// For a multi-label model each class is judged on its own sigmoid. A class
// that is never predicted has precision 0, one without samples recall 0.
type ClassMetrics struct {
	Class     string  `json:"class"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	Support   int     `json:"support"` // validation samples of the class
}

// Event kinds.
const (
	EventLR        = "lr"         // the schedule changed the learning rate
	EventEarlyStop = "early_stop" // early stopping ended the run
	EventDiverged  = "diverged"   // a non-finite loss or gradient ended the run
)

// Event is something that happened during training that a chart may mark:
// Kind is one of the Event constants, Batch is 0 for the end of an epoch.
type Event struct {
	Epoch   int    `json:"epoch"`
	Batch   int    `json:"batch,omitempty"`
	Kind    string `json:"kind"`
	Message string `json:"message"`

	// Text is Message with its format, for translation. It is zero in
	// events read from a model file, which keep only the English Message.
	Text usermsg.Message `json:"-"`
}

// newEvent returns the event of kind at epoch and batch (0 for a whole
// epoch) with the message text.
func newEvent(epoch, batch int, kind string, text usermsg.Message) Event {
	return Event{Epoch: epoch, Batch: batch, Kind: kind, Message: text.String(), Text: text}
}

// EventRecorder is a Recorder that also wants the training events. Fit
// calls Event, from the calling goroutine, when rec implements it.
type EventRecorder interface {
	Event(Event)
}

// Recorder receives training progress. Fit calls it from its own goroutine.
type Recorder interface {
	Begin(TrainInfo)
	Batch(BatchStats)
	Epoch(EpochStats)
}
