package ui

import (
	"errors"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"

	"embedlab/model"
)

// modelFileName is the name the save dialog suggests.
const modelFileName = "model.embedlab"

// Model returns the model explored and predicted with, nil before one is
// trained or opened. It must not be changed.
func (a *App) Model() *model.Model { return a.model }

// setModel makes m the model of the Explore and Predict views. source is
// the corpus it was trained on or, when fromFile is set, the base name of
// the file it was read from. m must not be trained any more.
func (a *App) setModel(m *model.Model, source string, fromFile bool) {
	a.model, a.modelSource, a.modelFromFile = m, source, fromFile
	a.explore.setModel(m, source, fromFile)
	a.predict.setModel(m, source)
	a.train.updateControls()
}

// OpenModel requests a model file from the user and reads it on a
// goroutine. The model then replaces the one explored and predicted with,
// and Continue training can train it on.
func (a *App) OpenModel() { a.requestFile(FileModel, a.LoadModel) }

// LoadModel reads the model file at path on a goroutine and shows it in
// the Predict view, or shows the error.
func (a *App) LoadModel(path string) {
	a.setActivity(lang.X("status.opening_model", "Opening the model {{.Name}}…", map[string]any{"Name": filepath.Base(path)}))
	go func() {
		m, err := model.Load(path)
		a.post(func() {
			if err != nil {
				a.setActivity("")
				a.showError(err)
			} else {
				a.setModel(m, filepath.Base(path), true)
				a.addRecentModel(path)
				// Start then trains a model of the same settings from scratch.
				a.train.setConfig(m.Config)
				a.tabs.SelectIndex(3)
				a.setActivity(lang.X("status.model_opened", "Opened the model {{.Name}}", map[string]any{"Name": filepath.Base(path)}))
			}
			if a.opts.OnModelDone != nil {
				a.opts.OnModelDone(path, err)
			}
		})
	}()
}

// OpenCheckpoint reads the checkpoint that the last training run saved to
// Options.CheckpointPath, or shows an error when there is none.
func (a *App) OpenCheckpoint() {
	path := a.opts.CheckpointPath
	if _, err := os.Stat(path); path == "" || err != nil {
		a.showError(errors.New(lang.X("app.no_checkpoint", "There is no checkpoint yet: one is saved after every epoch of a training run")))
		return
	}
	a.LoadModel(path)
}

// SaveModel requests a path from the user and saves the current model there
// on a goroutine. The file holds the training state, so Continue training
// or 'embedlab train --resume' can go on from it.
func (a *App) SaveModel() {
	if a.model == nil {
		a.showError(errors.New(lang.X("app.no_model", "There is no model to save yet; train one first")))
		return
	}
	save := a.opts.SaveFile
	if save == nil {
		save = ShowFileSave
	}
	save(a.win, modelFileName, func(path string, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if path != "" {
			a.SaveModelTo(path)
		}
	})
}

// SaveModelTo saves the current model to path on a goroutine. Save only
// reads the model, and no training changes it (Continue trains a copy).
func (a *App) SaveModelTo(path string) {
	m := a.model
	if m == nil {
		return
	}
	a.setActivity(lang.X("status.saving_model", "Saving the model to {{.Path}}…", map[string]any{"Path": path}))
	go func() {
		err := m.Save(path)
		a.post(func() {
			if err != nil {
				a.setActivity("")
				a.showError(err)
			} else {
				a.setActivity(lang.X("status.model_saved", "Saved the model to {{.Path}}", map[string]any{"Path": path}))
				a.savedModel = m
				a.addRecentModel(path)
			}
			if a.opts.OnModelDone != nil {
				a.opts.OnModelDone(path, err)
			}
		})
	}()
}

// ShowFileSave shows Fyne's save dialog on parent, suggesting name, and
// calls done with the chosen path, with "" when the user cancels. It is the
// fallback where the native dialog is unavailable.
func ShowFileSave(parent fyne.Window, name string, done func(path string, err error)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			done("", err)
			return
		}
		if w == nil {
			done("", nil)
			return
		}
		// The dialog has created the file; Save replaces it atomically.
		path := w.URI().Path()
		w.Close()
		done(path, nil)
	}, parent)
	d.SetFileName(name)
	openInDialogFolder(d)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}
