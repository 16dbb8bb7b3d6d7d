package ui

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
)

// newContinueButton returns the Continue training button of v.
func newContinueButton(v *TrainView) *widget.Button {
	v.continueBtn = widget.NewButton(lang.X("train.continue", "Continue training"), func() {
		if err := v.continueTraining(); err != nil {
			v.app.showError(err)
		}
	})
	v.continueBtn.Disable()
	return v.continueBtn
}

// updateContinue enables Continue training when a model exists, a corpus is
// loaded and nothing runs. A model trained here on another corpus cannot
// continue on this one, because the vocabularies differ, so the button
// stays disabled and the status line gives the reason.
func (v *TrainView) updateContinue() {
	if v.continueBtn == nil {
		return // still building the view
	}
	if v.run == nil && v.app.model != nil && v.app.current != nil && !v.app.modelOfOtherCorpus() {
		v.continueBtn.Enable()
	} else {
		v.continueBtn.Disable()
	}
}

// restorer returns a function that shows the epochs, chart, bar and
// progress text of the view as they are now.
func (v *TrainView) restorer() func() {
	rows, shown := v.rows, v.shownProgress
	render, img := v.chart.render, v.chart.image()
	bar, text, end := v.bar.Value, v.progressText.Text, v.lastEnd
	return func() {
		v.shownProgress, v.lastEnd = shown, end
		v.showRows(rows)
		v.chart.setImage(img)
		if render != nil {
			v.chart.setRender(render, nil)
		}
		v.bar.SetValue(bar)
		v.progressText.SetText(text)
	}
}

// checkpoint returns the function that saves m to Options.CheckpointPath
// after every epoch, or nil when no path is set.
func (v *TrainView) checkpoint(m *model.Model) func() error {
	path := v.app.opts.CheckpointPath
	if path == "" {
		return nil
	}
	return func() error { return m.Save(path) }
}

// ContinueTraining trains the current model (trained or opened) for the
// number of epochs typed in the Epochs field more, on the loaded corpus,
// which must be the corpus the model was trained on.
func (a *App) ContinueTraining() error {
	a.tabs.SelectIndex(1)
	return a.train.continueTraining()
}

// continueTraining trains a copy of the current model, so that the Explore
// and Predict views keep reading the original until the run ends. The copy
// carries the optimiser and shuffling state, so the epochs go on as an
// uninterrupted run would, unless the model was stopped in the middle of an
// epoch or its file has no optimiser state. The other settings typed in the
// view do not apply: the model keeps its own.
func (v *TrainView) continueTraining() error {
	if v.run != nil {
		return errors.New(lang.X("train.running", "training is already running; stop it first"))
	}
	m, c := v.app.model, v.app.current
	if m == nil {
		return errors.New(lang.X("train.no_model", "there is no model to continue; train one or open a model file"))
	}
	if c == nil {
		return errors.New(lang.X("train.no_corpus", "no corpus is loaded; open one or load a demo"))
	}
	more, err := strconv.Atoi(strings.TrimSpace(v.epochs.Text))
	if err != nil || more < 1 || len(m.History)+more > model.MaxEpochs {
		return fieldError(lang.X("train.epochs", "Epochs"), v.epochs.Text,
			lang.X("train.want_more_epochs", "the number of epochs to add, from 1 to {{.Max}}", map[string]any{"Max": model.MaxEpochs - len(m.History)}))
	}

	next := m.Clone()
	next.Config.Epochs = more
	ctx, cancel := context.WithCancel(context.Background())
	r := &trainRun{cancel: cancel, done: make(chan struct{}), rec: newRecorder(ctx.Done(), len(m.History)), corpusName: c.Name}
	v.run = r
	r.restore = v.restorer()
	v.rows, v.shownProgress = nil, progress{}
	v.table.Refresh()
	v.chart.setRender(nil, nil)
	v.chartNote.Hide()
	v.bar.SetValue(0)
	v.progressText.SetText(lang.X("train.continuing", "Continuing after epoch {{.Done}} for {{.More}} more epochs…",
		map[string]any{"Done": len(m.History), "More": more}))
	v.app.setActivity(lang.X("status.preparing", "preparing the data…"))
	v.updateControls()

	mapWords := v.app.explore.mapPanel.size()
	go func() {
		defer close(r.done)
		defer cancel()
		train, val, err := model.PrepareResume(next, c)
		if err != nil {
			r.notStarted, r.err = true, err
			return
		}
		err = v.fit(ctx, r, next, train, val, mapWords)
		r.model, r.err = next, err
	}()
	go v.pump(r)
	return nil
}
