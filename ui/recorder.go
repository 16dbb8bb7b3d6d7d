package ui

import (
	"slices"
	"sync"
	"time"

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
	Version   uint64 // counts the calls of the recorder, so a copy can tell whether it is stale
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
	if done == 0 || total <= done {
		return 0
	}
	perBatch := p.Now.Sub(p.Started) / time.Duration(done)
	return perBatch * time.Duration(total-done)
}

// recorder is the model.Recorder of a training run. Fit calls it on the
// trainer goroutine; the UI reads it through snapshot on another goroutine,
// so every field is guarded by mu.
type recorder struct {
	mu sync.Mutex
	p  progress
}

// Begin implements model.Recorder.
func (r *recorder) Begin(info model.TrainInfo) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.Info = info
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
	defer r.mu.Unlock()
	r.p.Epochs = append(r.p.Epochs, e)
	r.p.Version++
}

// snapshot returns a deep copy of the state.
func (r *recorder) snapshot() progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.p
	p.Now = time.Now()
	p.BatchLoss = slices.Clone(r.p.BatchLoss)
	p.Epochs = slices.Clone(r.p.Epochs)
	return p
}
