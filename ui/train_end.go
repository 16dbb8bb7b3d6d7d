package ui

import (
	"time"

	"fyne.io/fyne/v2/lang"
)

// runOutcome is the way a training run ended: finished, stopped or failed.
type runOutcome int

const (
	runNone     runOutcome = iota // no run has ended yet
	runFinished                   // all epochs ran
	runStopped                    // the user pressed Stop
	runFailed                     // Prepare or Fit returned an error
)

// runEnd records the end of the last training run, so that the progress
// text can show it again after a language switch rebuilds the view.
type runEnd struct {
	outcome runOutcome
	epochs  int           // epochs finished, for runFinished
	took    time.Duration // training time without pauses, for runFinished

	// epoch and batch are where a stopped run stopped, for runStopped.
	epoch, batch int
}

// text returns the progress text for e in the window's language, or ""
// when no run has ended.
func (e runEnd) text() string {
	switch e.outcome {
	case runFinished:
		return lang.X("train.finished", "Training finished · epochs: {{.Epochs}} · time: {{.Time}}",
			map[string]any{"Epochs": e.epochs, "Time": formatDuration(e.took)})
	case runStopped:
		return lang.X("train.stopped",
			"Stopped at epoch {{.Epoch}}, batch {{.Batch}}; the weights trained so far are kept",
			map[string]any{"Epoch": e.epoch, "Batch": e.batch})
	case runFailed:
		return lang.X("train.failed", "Training failed")
	}
	return ""
}
