package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"embedlab/corpus"
	"embedlab/model"
)

// resumeFlags are the train flags that keep their meaning with --resume:
// the corpus and its validation corpus, the run length, the output, and
// the learning rate, which a Keras user lowers to continue a run. Every
// other flag sets the model or its training, which a resumed run takes
// from the file.
var resumeFlags = []string{"corpus", "format", "encoding", "text-column", "label-column", "keep-labels", "demo", "val-corpus",
	"epochs", "out", "json", "resume", "lr"}

// checkResumeFlags rejects the flags given with --resume that would change
// the stored model, naming them.
func checkResumeFlags(fs *flag.FlagSet) error {
	var bad []string
	fs.Visit(func(f *flag.Flag) {
		if !slices.Contains(resumeFlags, f.Name) {
			bad = append(bad, "--"+f.Name)
		}
	})
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return fmt.Errorf("%s cannot change a resumed model, which keeps the settings stored in its file; drop %s, or train a new model without --resume",
		strings.Join(bad, ", "), plural(len(bad), "it", "them"))
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

// prepareResume loads the model in path and splits c as its first run did.
// total is the number of epochs in all after the resumed run: epochs when
// epochsGiven, else the count stored in the file. m.Config.Epochs becomes
// the number of epochs left, which Fit runs. A learning rate lr above 0
// replaces the stored one from the next epoch on (Model.SetLearningRate).
// A file without optimiser state gets a note on stderr, because its run
// cannot continue exactly.
func prepareResume(path string, c *corpus.Corpus, epochs int, epochsGiven bool, lr float64, stderr io.Writer) (m *model.Model, train, val *model.Dataset, total int, err error) {
	m, err = model.Load(path)
	if err != nil {
		return nil, nil, nil, 0, err
	}
	total = m.Config.Epochs
	if epochsGiven {
		total = epochs
	}
	done := len(m.History)
	if total <= done {
		return nil, nil, nil, 0, fmt.Errorf("%s has already trained %d epochs, and --epochs %d asks for no more; give --epochs above %d", path, done, total, done)
	}
	if total > model.MaxEpochs {
		return nil, nil, nil, 0, fmt.Errorf("--epochs %d is out of range; use at most %d", total, model.MaxEpochs)
	}
	stoppedAfter, restored, stoppedEarly := m.EarlyStop()
	train, val, err = model.PrepareResume(m, c)
	if err != nil {
		return nil, nil, nil, 0, err
	}

	if !m.HasTrainingState() {
		fmt.Fprintf(stderr, "note: %s contains no optimiser state (it was written by an older version or before any training), so Adam starts afresh and the result will differ from an uninterrupted run\n", path)
	}
	switch {
	case stoppedEarly && restored > 0:
		fmt.Fprintf(stderr, "resuming %s: early stopping ended its run after epoch %d and restored the weights of epoch %d; continuing from them as epoch %d, up to epoch %d, with early stopping started afresh (patience %d)\n",
			path, stoppedAfter, restored, done+1, total, m.Config.Patience)
	case stoppedEarly:
		fmt.Fprintf(stderr, "resuming %s: early stopping ended its run after epoch %d; continuing as epoch %d, up to epoch %d, with early stopping started afresh (patience %d)\n",
			path, stoppedAfter, done+1, total, m.Config.Patience)
	default:
		fmt.Fprintf(stderr, "resuming %s after epoch %d, up to epoch %d\n", path, done, total)
	}
	if lr > 0 {
		before, after, err := m.SetLearningRate(lr)
		if err != nil {
			return nil, nil, nil, 0, err
		}
		fmt.Fprintf(stderr, "--lr %g: epoch %d trains at the learning rate %.3g instead of %.3g", lr, done+1, after, before)
		if s := m.Config.Schedule; s == "step" || s == "plateau" {
			fmt.Fprintf(stderr, ", and the %s schedule lowers it from there", s)
		}
		fmt.Fprintln(stderr)
	}
	m.Config.Epochs = total - done
	return m, train, val, total, nil
}

// saveWithEpochs saves m to path with Config.Epochs set to total, the
// epochs of the whole run, so that a later --resume without --epochs runs
// up to the same total. It runs on Fit's goroutine between epochs or after
// Fit returns, so changing the config for the save races with nothing.
func saveWithEpochs(m *model.Model, path string, total int) error {
	left := m.Config.Epochs
	m.Config.Epochs = total
	defer func() { m.Config.Epochs = left }()
	return m.Save(path)
}

// saveCheckpoint writes the checkpoint after an epoch, when one is set.
// Fit calls Epoch between epochs, when the weights and the optimiser state
// are consistent. A failed save stops the run: later epochs could not be
// kept either.
func (r *cliRecorder) saveCheckpoint() {
	if r.checkpoint == nil || r.err != nil {
		return
	}
	if err := r.checkpoint(); err != nil {
		r.err = err
		r.cancel()
		return
	}
	r.saved++
}

// interruptedExit reports an interrupted run and returns exit status 130.
// The checkpoint of the last finished epoch stays as it is, so that
// --resume continues exactly; the weights of the unfinished epoch are
// saved only when no checkpoint exists, so that the run is not lost.
func interruptedExit(m *model.Model, out, resume string, saved int, stderr io.Writer) int {
	epoch := len(m.History)
	switch {
	case out == "":
		fmt.Fprintln(stderr, "embedlab train: interrupted; the weights were not saved because --out was not given")
	case saved > 0 || out == resume:
		fmt.Fprintf(stderr, "embedlab train: interrupted during epoch %d; %s contains the model after epoch %d; continue with 'embedlab train --resume %s' and the same corpus\n",
			epoch+1, out, epoch, out)
	default:
		total := m.Config.Epochs
		if err := saveWithEpochs(m, out, total); err != nil {
			return fail(stderr, "train", err)
		}
		fmt.Fprintf(stderr, "embedlab train: interrupted during epoch 1; saved the weights trained so far to %s (resuming from them will not match an uninterrupted run)\n", out)
	}
	return 130
}
