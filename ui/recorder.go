package ui

import (
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"embedlab/model"
)

// progress is a copy of a training run's state, safe to read on any
// goroutine because nothing else refers to its slices.
type progress struct {
	Info      model.TrainInfo
	Began     bool
	Started   time.Time        // when Begin was called
	Now       time.Time        // when the copy was taken
	Last      model.BatchStats // the newest batch; zero before the first
	BatchLoss []float64        // loss of every batch so far
	Epochs    []model.EpochStats
	Events    []model.Event // training events, from EventRecorder
	Version   uint64        // counts the calls of the recorder, so a copy can tell whether it is stale
	// Offset is the number of epochs the model had trained before this run,
	// when the run continues a model; Info.Epochs counts them too.
	Offset int
}

// batchesDone returns the number of batches trained so far in all epochs.
func (p progress) batchesDone() int {
	if p.Last.Batch == 0 {
		return 0
	}
	return (p.Last.Epoch-1)*p.Last.Batches + p.Last.Batch
}

// remaining estimates the time left from the average batch rate so far; it
// is 0 before the first batch. The validation pass at the end of each epoch
// is included in that rate, so the estimate stays fair across epochs.
func (p progress) remaining() time.Duration {
	done := p.batchesDone()
	total := p.Info.Epochs * p.Info.BatchesPerEpoch
	inRun := done - p.Offset*p.Info.BatchesPerEpoch // batches of this run, which the elapsed time covers
	if inRun <= 0 || total <= done {
		return 0
	}
	perBatch := p.Now.Sub(p.Started) / time.Duration(inRun)
	return perBatch * time.Duration(total-done)
}

// recorder is the model.Recorder of a training run. Fit calls it on the
// trainer goroutine; the UI reads it through snapshot on another goroutine,
// so every field is guarded by mu.
type recorder struct {
	mu     sync.Mutex
	p      progress
	offset int // epochs trained before this run; set before Fit starts

	// checkpoint, when set before Fit starts, saves the model after every
	// epoch. Fit calls Epoch between epochs on the trainer goroutine, when
	// the weights are consistent, so the save races with nothing.
	checkpoint     func() error
	checkpointFail bool // a failure was logged; later ones are not
}

// Begin implements model.Recorder.
func (r *recorder) Begin(info model.TrainInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Info = info
	r.p.Info.Epochs += r.offset // Fit numbers the epochs on from the model's history
	r.p.Offset = r.offset
	r.p.Began = true
	r.p.Started = time.Now()
	r.p.Version++
}

// Batch implements model.Recorder.
func (r *recorder) Batch(b model.BatchStats) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Last = b
	r.p.BatchLoss = append(r.p.BatchLoss, b.BatchLoss)
	r.p.Version++
}

// Epoch implements model.Recorder.
func (r *recorder) Epoch(e model.EpochStats) {
	r.mu.Lock()
	r.p.Epochs = append(r.p.Epochs, e)
	r.p.Version++
	r.mu.Unlock()

	// The save runs outside the lock, so that the screen updates meanwhile.
	if r.checkpoint != nil {
		if err := r.checkpoint(); err != nil && !r.checkpointFail {
			r.checkpointFail = true
			fyne.LogError("saving the checkpoint after an epoch failed; training goes on without it", err)
		}
	}
}

// snapshot returns a deep copy of the state.
func (r *recorder) snapshot() progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.p
	p.Now = time.Now()
	p.BatchLoss = slices.Clone(r.p.BatchLoss)
	p.Epochs = slices.Clone(r.p.Epochs)
	p.Events = slices.Clone(r.p.Events)
	return p
}
