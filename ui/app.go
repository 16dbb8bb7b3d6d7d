// Package ui builds the Fyne screens of Embedding Lab: the corpus view, the
// training view with its live chart and the explorer of word vectors.
//
// All exported methods of App and the views must be called on the Fyne main
// goroutine (widget callbacks, menu actions, fyne.Do closures). Corpus
// loading, training and chart rendering run on goroutines of their own and
// post their results back with fyne.Do. The package never imports the Fyne
// app driver, so its tests run headless.
package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
)

// Options configures New. The zero value opens Fyne's own file dialog and
// loads the English demo corpus.
type Options struct {
	// OpenFile requests one file from the user and calls done on the main
	// goroutine with its path, or with an empty path when the user cancels.
	// Nil means ShowFileOpen (Fyne's dialog).
	OpenFile func(parent fyne.Window, done func(path string, err error))

	// DemoLang is the language of the demo corpus loaded at start, "en" or
	// "zh"; empty means "en".
	DemoLang string

	// OnCorpusLoaded, when set, is called on the main goroutine after every
	// corpus load, with the error when the load failed.
	OnCorpusLoaded func(c *corpus.Corpus, err error)

	// OnTrainingDone, when set, is called on the main goroutine after a
	// training run ends and the screens show its final state. err is nil
	// when all epochs ran, context.Canceled after Stop, or the error of
	// model.Prepare or Fit.
	OnTrainingDone func(err error)
}

// App is the main window's content: the three screens in tabs, the File menu,
// the status line and the drop target.
type App struct {
	win  fyne.Window
	opts Options

	// post runs fn on the main goroutine. It is fyne.Do, except in tests:
	// the test driver runs fyne.Do closures inline on the caller, so tests
	// replace post to serialise the background goroutines with their own.
	post func(fn func())

	tabs    *container.AppTabs
	status  *widget.Label
	corpus  *CorpusView
	train   *TrainView
	explore *ExploreView

	current     *corpus.Corpus
	loadSeq     int      // numbers loads so that only the newest one is shown
	pending     []string // files chosen with Open… and not loaded yet
	corpusState string   // first half of the status line
}

// New builds the screens into w, sets the main menu, the drop handler and a
// close handler that stops training, and starts loading the demo corpus.
func New(w fyne.Window, opts Options) *App {
	return newApp(w, opts, fyne.Do)
}

func newApp(w fyne.Window, opts Options, post func(func())) *App {
	a := &App{win: w, opts: opts, post: post}
	if a.opts.DemoLang == "" {
		a.opts.DemoLang = "en"
	}

	a.corpus = newCorpusView(a)
	a.train = newTrainView(a)
	a.explore = newExploreView(a)
	a.status = widget.NewLabel("")
	a.status.Truncation = fyne.TextTruncateEllipsis

	a.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("tab.corpus", "Corpus"), a.corpus.content),
		container.NewTabItem(lang.X("tab.train", "Train"), a.train.content),
		container.NewTabItem(lang.X("tab.explore", "Explore"), a.explore.content),
	)
	w.SetContent(container.NewBorder(nil, a.status, nil, nil, a.tabs))
	w.SetMainMenu(a.mainMenu())
	w.SetOnDropped(a.dropped)
	w.SetCloseIntercept(func() {
		a.Shutdown()
		w.Close()
	})

	a.setActivity("")
	a.LoadDemo(a.opts.DemoLang)
	return a
}

func (a *App) mainMenu() *fyne.MainMenu {
	quit := fyne.NewMenuItem(lang.L("Quit"), func() {
		a.Shutdown()
		fyne.CurrentApp().Quit()
	})
	quit.IsQuit = true
	file := fyne.NewMenu(lang.X("menu.file", "File"),
		fyne.NewMenuItem(lang.X("menu.open", "Open…"), a.Open),
		fyne.NewMenuItem(lang.X("menu.demo_en", "Load demo (English)"), func() { a.LoadDemo("en") }),
		fyne.NewMenuItem(lang.X("menu.demo_zh", "Load demo (Chinese)"), func() { a.LoadDemo("zh") }),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	return fyne.NewMainMenu(file)
}

// Corpus returns the corpus shown in the corpus view, nil before the first
// load finishes.
func (a *App) Corpus() *corpus.Corpus { return a.current }

// Config returns the settings typed into the training view, or the first
// parse or validation error.
func (a *App) Config() (model.Config, error) { return a.train.config() }

// SetConfig fills the training view's fields with cfg.
func (a *App) SetConfig(cfg model.Config) { a.train.setConfig(cfg) }

// StartTraining switches to the training view and starts training on the
// loaded corpus with the settings typed there.
func (a *App) StartTraining() error {
	a.tabs.SelectIndex(1)
	return a.train.start()
}

// StopTraining cancels a running training; the weights trained so far stay.
func (a *App) StopTraining() { a.train.stop() }

// Shutdown cancels a running training and waits up to two seconds for the
// trainer to return, so that it does not outlive the window.
func (a *App) Shutdown() { a.train.shutdown(2 * time.Second) }

// LoadDemo loads the built-in demo corpus in language "en" or "zh".
func (a *App) LoadDemo(language string) {
	a.clearPending()
	a.load(lang.X("status.loading_demo", "Loading the demo corpus…"), func() (*corpus.Corpus, error) {
		return corpus.Demo(language, 1), nil
	})
}

// LoadFiles reads the corpus in paths with corpus.Load: one plain-text file
// per class, or one CSV or TSV file.
func (a *App) LoadFiles(paths ...string) {
	a.clearPending()
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	msg := lang.X("status.loading_files", "Loading {{.Files}}…", map[string]any{"Files": strings.Join(names, " + ")})
	a.load(msg, func() (*corpus.Corpus, error) { return corpus.Load(paths...) })
}

// load runs read and the statistics on a goroutine and shows the result.
func (a *App) load(msg string, read func() (*corpus.Corpus, error)) {
	a.loadSeq++
	seq := a.loadSeq
	a.setActivity(msg)

	go func() {
		c, err := read()
		var st corpus.Stats
		if err == nil {
			st = corpus.ComputeStats(c, corpus.NewTokenizer(0))
		}
		a.post(func() { a.loaded(seq, c, st, err) })
	}()
}

func (a *App) loaded(seq int, c *corpus.Corpus, st corpus.Stats, err error) {
	if seq != a.loadSeq {
		return // a newer load replaced this one
	}
	if err != nil {
		a.setActivity("")
		a.showError(err)
	} else {
		a.current = c
		a.corpus.show(c, st)
		a.corpusState = lang.X("status.corpus", "Corpus: {{.Name}} ({{.Docs}} documents)",
			map[string]any{"Name": c.Name, "Docs": formatInt(st.Docs)})
		a.train.corpusChanged()
		a.setActivity("")
	}
	if a.opts.OnCorpusLoaded != nil {
		a.opts.OnCorpusLoaded(c, err)
	}
}

// Open requests one file from the user. A CSV or TSV file contains a whole
// corpus and loads at once. A plain-text file contains one class, so it
// joins the pending selection, which the corpus view loads when the user
// has added the other classes. The pending selection exists because the
// native dialog on Linux selects only one file at a time.
func (a *App) Open() {
	open := a.opts.OpenFile
	if open == nil {
		open = ShowFileOpen
	}
	open(a.win, func(path string, err error) {
		if err != nil {
			a.showError(err)
			return
		}
		if path != "" {
			a.choose(path)
		}
	})
}

func (a *App) choose(path string) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv":
		a.LoadFiles(path)
		return
	}
	for _, p := range a.pending {
		if p == path {
			return
		}
	}
	a.pending = append(a.pending, path)
	a.corpus.showPending(a.pending)
}

// LoadPending loads the files chosen with Open….
func (a *App) LoadPending() {
	if len(a.pending) > 0 {
		a.LoadFiles(a.pending...)
	}
}

func (a *App) clearPending() {
	a.pending = nil
	a.corpus.showPending(nil)
}

// dropped loads the files dropped on the window. Folders are rejected: a
// folder of reviews holds one document per file, which corpus.Load does not
// read.
func (a *App) dropped(_ fyne.Position, items []fyne.URI) {
	var paths []string
	for _, u := range items {
		if u.Scheme() != "file" {
			continue
		}
		if ok, _ := storage.CanList(u); ok {
			a.showError(fmt.Errorf("%s", lang.X("error.folder",
				"{{.Name}} is a folder; drop the corpus files themselves (one file per class, or one CSV/TSV file)",
				map[string]any{"Name": u.Name()})))
			return
		}
		paths = append(paths, u.Path())
	}
	if len(paths) > 0 {
		a.tabs.SelectIndex(0)
		a.LoadFiles(paths...)
	}
}

// ShowFileOpen shows Fyne's file dialog on parent and calls done with the
// chosen path, with "" when the user cancels. It is the fallback where the
// native dialog is unavailable.
func ShowFileOpen(parent fyne.Window, done func(path string, err error)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			done("", err)
			return
		}
		if r == nil {
			done("", nil)
			return
		}
		path := r.URI().Path()
		r.Close()
		done(path, nil)
	}, parent)
	if wd, err := os.Getwd(); err == nil {
		if dir, err := storage.ListerForURI(storage.NewFileURI(wd)); err == nil {
			d.SetLocation(dir)
		}
	}
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

func (a *App) showError(err error) {
	dialog.ShowError(err, a.win)
}

// setActivity sets the second half of the status line; "" means idle.
func (a *App) setActivity(s string) {
	corpusPart := a.corpusState
	if corpusPart == "" {
		corpusPart = lang.X("status.no_corpus", "No corpus loaded")
	}
	if s == "" {
		s = a.idleText()
	}
	a.status.SetText(corpusPart + " · " + s)
}

func (a *App) idleText() string {
	if a.train.run != nil {
		return lang.X("status.training_started", "Training…")
	}
	if a.explore.model != nil {
		return lang.X("status.model_ready", "Model ready: explore its word vectors")
	}
	return lang.X("status.idle", "Ready to train")
}

// Status returns the text of the status line.
func (a *App) Status() string { return a.status.Text }
