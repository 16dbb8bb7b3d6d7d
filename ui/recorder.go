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
	// BatchSeconds is the training time in seconds at the end of each
	// batch of BatchLoss, counted from Begin without the time paused.
	BatchSeconds []float64
	Epochs       []model.EpochStats
	Events       []model.Event // training events, from EventRecorder
	Version      uint64        // counts the changes of the recorder, so a copy can tell whether it is stale
	// Offset is the number of epochs the model had trained before this run,
	// when the run continues a model; Info.Epochs counts them too.
	Offset int
	// LanguageModel is set for a next-word language model, and
	// SampledSoftmax when it trains with a sampled softmax, whose training
	// loss and accuracy count only the sampled candidates.
	LanguageModel, SampledSoftmax bool

	// Paused is set from Pause until Resume. Waiting is set while the
	// trainer is blocked in Batch, which happens only while Paused.
	Paused, Waiting bool
	// PausedFor is the total time the trainer has been blocked, the current
	// pause included.
	PausedFor time.Duration
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
// is included in that rate, so the estimate stays fair across epochs. Time
// spent paused is not.
func (p progress) remaining() time.Duration {
	done := p.batchesDone()
	total := p.Info.Epochs * p.Info.BatchesPerEpoch
	inRun := done - p.Offset*p.Info.BatchesPerEpoch // batches of this run, which the elapsed time covers
	if inRun <= 0 || total <= done {
		return 0
	}
	perBatch := (p.Now.Sub(p.Started) - p.PausedFor) / time.Duration(inRun)
	return max(perBatch, 0) * time.Duration(total-done)
}

// recorder is the model.Recorder of a training run. Fit calls it on the
// trainer goroutine; the UI reads it through snapshot and pauses it through
// pause, resume and step on other goroutines, so every field is guarded by
// mu unless its comment states otherwise.
//
// Pausing blocks Fit inside Batch, between two batches, because the engine
// has no pause of its own. The block ends on resume, on step, or when done
// is closed, so that Stop and closing the window work while paused.
type recorder struct {
	mu     sync.Mutex
	p      progress
	offset int             // epochs trained before this run; set before Fit starts
	done   <-chan struct{} // the run's ctx.Done(); set before Fit starts, nil blocks until resume

	// checkpoint, when set before Fit starts, saves the model after every
	// epoch. Fit calls Epoch between epochs on the trainer goroutine, when
	// the weights are consistent, so the save races with nothing.
	checkpoint     func() error
	checkpointFail bool // a failure was logged; later ones are not

	// epochDone, when set before Fit starts, runs on the trainer goroutine
	// after every epoch, outside mu, like checkpoint.
	epochDone func()

	// stepsLeft is the number of batches that step lets pass while paused;
	// wake is closed and replaced whenever the pause state changes.
	stepsLeft int
	wake      chan struct{}
	waitStart time.Time // when the current block began

	// pausedAtBatch1 and pausedAtEpoch are PausedFor at the first batch of
	// the current epoch and at the end of the previous epoch (or Begin).
	pausedAtBatch1, pausedAtEpoch time.Duration
	batch1At                      time.Time
}

// newRecorder returns the recorder of a run that stops when done is closed
// and continues a model that trained offset epochs before.
func newRecorder(done <-chan struct{}, offset int) *recorder {
	return &recorder{done: done, offset: offset}
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

// Batch implements model.Recorder. While the run is paused it blocks until
// resume, step or the end of the run.
func (r *recorder) Batch(b model.BatchStats) {
	r.mu.Lock()
	now := time.Now()
	if b.Batch == 1 {
		r.batch1At, r.pausedAtBatch1 = now, r.p.PausedFor
	}
	// Fit's rate runs on the wall clock from the first batch of the epoch;
	// scale it to the time not paused.
	wall := now.Sub(r.batch1At)
	if paused := r.p.PausedFor - r.pausedAtBatch1; paused > 0 && wall > paused {
		b.SamplesPerSec *= float64(wall) / float64(wall-paused)
	}
	r.p.Last = b
	r.p.BatchLoss = append(r.p.BatchLoss, b.BatchLoss)
	r.p.BatchSeconds = append(r.p.BatchSeconds, (now.Sub(r.p.Started) - r.p.PausedFor).Seconds())
	r.p.Version++

	if r.p.Paused && r.stepsLeft > 0 {
		r.stepsLeft--
	}
	block := r.p.Paused && r.stepsLeft == 0
	r.mu.Unlock()

	if block {
		r.wait()
	}
}

// wait blocks until the run is resumed, a step lets batches pass, or done
// is closed.
func (r *recorder) wait() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.waitStart = time.Now()
	before := r.p.PausedFor
	r.p.Waiting = true
	r.p.Version++
	for r.p.Paused && r.stepsLeft == 0 {
		wake := r.wakeChan()
		r.mu.Unlock()
		select {
		case <-wake:
		case <-r.done:
		}
		r.mu.Lock()
		if r.isDone() {
			break
		}
	}
	r.p.Waiting = false
	r.p.PausedFor = before + time.Since(r.waitStart)
	r.p.Version++
}

// isDone reports whether done is closed.
func (r *recorder) isDone() bool {
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// wakeChan returns the channel that the next pause change closes; r.mu must
// be held.
func (r *recorder) wakeChan() chan struct{} {
	if r.wake == nil {
		r.wake = make(chan struct{})
	}
	return r.wake
}

// signal wakes a blocked Batch after a pause change; r.mu must be held.
func (r *recorder) signal() {
	close(r.wakeChan())
	r.wake = nil
	r.p.Version++
}

// pause makes the next Batch call block. Safe on any goroutine.
func (r *recorder) pause() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.p.Paused {
		r.p.Paused, r.stepsLeft = true, 0
		r.signal()
	}
}

// resume ends the pause. Safe on any goroutine.
func (r *recorder) resume() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.p.Paused {
		r.p.Paused, r.stepsLeft = false, 0
		r.signal()
	}
}

// step lets n more batches train while paused, then blocks again. It does
// nothing unless the run is paused and n ≥ 1. Safe on any goroutine.
func (r *recorder) step(n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.p.Paused && n >= 1 {
		r.stepsLeft = n
		r.signal()
	}
}

// Epoch implements model.Recorder.
func (r *recorder) Epoch(e model.EpochStats) {
	r.mu.Lock()
	// Fit times the epoch on the wall clock, so take out the time paused.
	// NOTE: the model's own History keeps Fit's wall-clock figures, which
	// is what a saved model file and 'embedlab summary' show.
	if paused := r.p.PausedFor - r.pausedAtEpoch; paused > 0 {
		e.Seconds = max(e.Seconds-paused.Seconds(), 0)
		if r.p.Last.SamplesPerSec > 0 {
			e.SamplesPerSec = r.p.Last.SamplesPerSec
		}
	}
	r.pausedAtEpoch = r.p.PausedFor
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
	if r.epochDone != nil {
		r.epochDone()
	}
}

// setObjective marks the run as a language model's, and as one with a
// sampled softmax. Call it before Fit.
func (r *recorder) setObjective(lm, sampled bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.p.LanguageModel, r.p.SampledSoftmax = lm, sampled
}

// snapshot returns a deep copy of the state.
func (r *recorder) snapshot() progress {
	r.mu.Lock()
	defer r.mu.Unlock()
	p := r.p
	p.Now = time.Now()
	if p.Waiting {
		p.PausedFor += p.Now.Sub(r.waitStart)
	}
	p.BatchLoss = slices.Clone(r.p.BatchLoss)
	p.BatchSeconds = slices.Clone(r.p.BatchSeconds)
	p.Epochs = slices.Clone(r.p.Epochs)
	p.Events = slices.Clone(r.p.Events)
	return p
}
