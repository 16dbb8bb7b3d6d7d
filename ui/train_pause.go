package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// maxStepBatches bounds the Step field; a longer step is better done with
// Resume and Pause.
const maxStepBatches = 100000

// newPauseControls builds the Pause, Resume and Step buttons and the field
// with the number of batches a step trains, with continueBtn beside the
// field. Sharing that row keeps the Chinese settings column, whose rows are
// taller, within the default window.
func (v *TrainView) newPauseControls(continueBtn fyne.CanvasObject) fyne.CanvasObject {
	v.pauseBtn = widget.NewButton(lang.X("train.pause", "Pause"), v.pause)
	v.resumeBtn = widget.NewButton(lang.X("train.resume", "Resume"), v.resume)
	v.stepBtn = widget.NewButton(lang.X("train.step", "Step"), v.step)
	v.stepCount = newKeyEntry()
	v.stepCount.SetText("1")
	v.stepCount.OnChanged = func(string) { v.updateControls() }

	help := newHelpLine()
	name := lang.X("train.step_batches", "Batches per step")
	stepRow := container.NewBorder(nil, nil, widget.NewLabel(name), nil,
		help.with(name, lang.X("train.help_step_batches",
			"The number of batches that one press of Step trains before the run pauses again, from 1 to 100000."), v.stepCount))
	v.pauseHelp = help
	return container.NewVBox(
		container.NewGridWithColumns(3, v.pauseBtn, v.resumeBtn, v.stepBtn),
		container.NewBorder(nil, nil, nil, continueBtn, stepRow),
		help.label,
	)
}

// stepBatches returns the number typed in the Step field, or 0 when it is
// not a whole number from 1 to maxStepBatches.
func (v *TrainView) stepBatches() int {
	n, err := strconv.Atoi(strings.TrimSpace(v.stepCount.Text))
	if err != nil || n < 1 || n > maxStepBatches {
		return 0
	}
	return n
}

// updatePauseControls enables Pause while a run trains, Resume while it is
// paused, and Step while the trainer waits paused between two batches.
func (v *TrainView) updatePauseControls() {
	if v.pauseBtn == nil {
		return // still building the view
	}
	r := v.run
	running := r != nil && !r.stopping
	enable(v.pauseBtn, running && !r.paused)
	enable(v.resumeBtn, running && r.paused)
	enable(v.stepBtn, running && r.paused && r.waiting && v.stepBatches() > 0)
}

// enable enables or disables w.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// pause makes the trainer block after the batch it is training.
func (v *TrainView) pause() {
	r := v.run
	if r == nil || r.stopping || r.paused {
		return
	}
	r.paused = true
	r.rec.pause()
	v.progressText.SetText(lang.X("train.pausing", "Pausing after the current batch…"))
	v.updateControls()
}

// resume lets the paused trainer go on.
func (v *TrainView) resume() {
	r := v.run
	if r == nil || !r.paused {
		return
	}
	r.paused, r.waiting = false, false
	r.rec.resume()
	v.app.setActivity(lang.X("status.training_started", "Training…"))
	v.updateControls()
}

// step lets the paused trainer train the number of batches typed in the
// Step field, then pause again.
func (v *TrainView) step() {
	r, n := v.run, v.stepBatches()
	if r == nil || !r.paused || n == 0 {
		return
	}
	r.waiting = false // until the trainer blocks again
	r.rec.step(n)
	v.updateControls()
}

// showPause shows the pause state of p. When the trainer waits paused, it
// names the epoch and batch in the status line and returns true.
func (v *TrainView) showPause(p progress) bool {
	r := v.run
	if r == nil || r.stopping {
		return false
	}
	waiting := p.Paused && p.Waiting
	if waiting != r.waiting {
		r.waiting = waiting
		v.updateControls()
	}
	if !waiting {
		return false
	}
	v.progressText.SetText(lang.X("train.paused", "Paused at epoch {{.Epoch}}, batch {{.Batch}}; press Resume to go on, or Step to train more batches",
		map[string]any{"Epoch": p.Last.Epoch, "Batch": p.Last.Batch}))
	// The status line names the run before this part ("Training a model
	// on …"), so the part does not say "Training" again.
	v.app.setActivity(lang.X("status.paused", "paused at epoch {{.Epoch}}, batch {{.Batch}}",
		map[string]any{"Epoch": p.Last.Epoch, "Batch": p.Last.Batch}))
	return true
}
