package ui

import (
	"slices"

	"fyne.io/fyne/v2"

	"embedlab/model"
)

// epochVectors is a copy of the first rows of a model's embedding after an
// epoch, in the layout of Model.WordVectors.
type epochVectors struct {
	words []string // shared with the tokenizer, which training does not change
	dim   int
	vecs  []float32
}

// epochWatcher shows the map of a training model's most frequent words in
// Explore after every epoch, all epochs projected on the axes of the first
// ("Watch it learn"). The trainer goroutine copies the vectors in Epoch,
// and a goroutine of the watcher projects them, so that neither the trainer
// nor the main goroutine does the projection.
//
// The first frame is epoch 1, not the random initial vectors: the mapper
// keeps the principal axes of its first frame, and random vectors have no
// structure that would give those axes a meaning.
type epochWatcher struct {
	app      *App
	m        *model.Model
	maxWords int
	queue    chan epochVectors
	done     chan struct{}
}

// watchEpochs starts the projecting goroutine for m, which trains epochs
// more epochs, and returns the watcher. maxWords is the word count of the
// Explore map; at most that many rows are copied per epoch. Call capture
// from the trainer goroutine after each epoch, and stop once Fit returns.
func (v *TrainView) watchEpochs(m *model.Model, epochs, maxWords int) *epochWatcher {
	w := &epochWatcher{
		app:      v.app,
		m:        m,
		maxWords: maxWords,
		// One slot per epoch, so that the trainer never waits for the
		// projection.
		queue: make(chan epochVectors, max(epochs, 1)),
		done:  make(chan struct{}),
	}
	go w.project()
	return w
}

// capture copies the first maxWords rows of the embedding and queues them.
// It runs on the trainer goroutine between epochs, when the weights are
// consistent.
func (w *epochWatcher) capture() {
	m := w.m
	if m.Tokenizer == nil {
		return
	}
	last := min(m.Config.NumWords, len(m.Tokenizer.IndexWord)) // exclusive, as in WordVectors
	n := min(last-1, w.maxWords)
	if n < 1 {
		return
	}
	d := m.Config.Dim
	ev := epochVectors{words: m.Tokenizer.IndexWord[1 : n+1], dim: d, vecs: slices.Clone(m.Embedding[d : (n+1)*d])}
	select {
	case w.queue <- ev:
	default: // more epochs than announced; the map misses this one
	}
}

// stop ends the queue and, unless the run was cancelled, waits until the
// queued epochs are projected and posted, so that Explore has the last
// epoch's map before the run's end is shown. A cancelled run does not
// wait. Shutdown waits for the run on the main goroutine, so a post that
// blocks until the main goroutine runs it, as in the tests, would stall
// there. The goroutine then posts the remaining maps later.
func (w *epochWatcher) stop(cancelled bool) {
	close(w.queue)
	if !cancelled {
		<-w.done
	}
}

// project adds each queued epoch to an EpochMapper and posts the frames so
// far to Explore, from the second epoch on. After the first failure, such as vectors that diverged
// to NaN, it drops the rest, keeping the frames shown.
func (w *epochWatcher) project() {
	defer close(w.done)
	mapper := NewEpochMapper(w.maxWords)
	failed := false
	for ev := range w.queue {
		if failed {
			continue
		}
		frames, err := mapper.Add(ev.words, ev.dim, ev.vecs)
		if err != nil {
			failed = true
			fyne.LogError("projecting the word vectors of an epoch for the map failed; the map keeps the epochs before", err)
			continue
		}
		if len(frames) < 2 {
			// One frame is the fresh PCA map of the same vectors, which
			// Explore draws anyway, with the variance shares in its caption.
			continue
		}
		frames, words := slices.Clone(frames), mapper.Words()
		w.app.post(func() {
			if err := w.app.explore.ShowEpochFrames(w.m, words, frames); err != nil {
				fyne.LogError("showing the map of the epochs failed", err)
			}
		})
	}
}
