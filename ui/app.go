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
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
	"embedlab/model/wordvec"
)

// Options configures New. The zero value opens Fyne's own file dialog and
// loads the English demo corpus.
type Options struct {
	// OpenFile requests one file from the user and calls done on the main
	// goroutine with its path, or with an empty path when the user cancels.
	// Nil means ShowFileOpen (Fyne's dialog).
	OpenFile func(parent fyne.Window, done func(path string, err error))

	// OpenFileKind, when set, replaces OpenFile for the files whose kind
	// is known (corpus, model and vectors), so that the dialog can filter
	// them. It calls done as OpenFile does.
	OpenFileKind func(parent fyne.Window, kind FileKind, done func(path string, err error))

	// OpenFolder requests one folder from the user, like OpenFile. Nil
	// means ShowFolderOpen (Fyne's dialog).
	OpenFolder func(parent fyne.Window, done func(path string, err error))

	// SaveFile requests a path to save a file to, suggesting name, and calls
	// done on the main goroutine with it, or with an empty path when the
	// user cancels. Nil means ShowFileSave (Fyne's dialog).
	SaveFile func(parent fyne.Window, name string, done func(path string, err error))

	// CheckpointPath, when set, is the file a training run saves its model
	// to after every epoch, atomically, so that a crash or a closed window
	// loses at most the epoch in progress. Open model… reads it back, and
	// Continue training goes on from it.
	CheckpointPath string

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

	// OnModelDone, when set, is called on the main goroutine after a model
	// file is opened or saved, with the error when that failed.
	OnModelDone func(path string, err error)

	// OnVectorsDone, when set, is called on the main goroutine after a
	// vector import or an export of vectors or neighbours ends, with the
	// file's path and the error when that failed. A cancelled import passes
	// "" and context.Canceled.
	OnVectorsDone func(path string, err error)
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

	tabs   *container.AppTabs
	status *widget.Label
	root   *fyne.Container // the window's content: the tabs above the status line
	// statusBox holds status in a box two lines high (statusLayout).
	statusBox *fyne.Container
	// infoDialogs are the dialogs that Escape closes (infodialog.go).
	infoDialogs []infoDialog
	start       *startCard
	corpus      *CorpusView
	train       *TrainView
	explore     *ExploreView
	predict     *PredictView

	// model is the model explored and predicted with: the last one trained
	// or opened; nil before. It is never trained again in place: Continue
	// trains a copy. modelSource is its corpus name, or the base name of
	// its file when modelFromFile is set.
	model         *model.Model
	modelSource   string
	modelFromFile bool
	// savedModel is the model last saved, so that a shortcut can ask
	// before a new run replaces a model that is not saved.
	savedModel *model.Model

	current    *corpus.Corpus
	loadSeq    int                // numbers loads so that only the newest one is shown
	loadCancel context.CancelFunc // cancels the running load; nil when idle
	pending    []string           // files chosen with Open… and not loaded yet
	loadText   string             // the running load's message, "" when idle
	activity   string             // the last part of the status line, "" when idle

	// source and sourceOpts are the files and options the current corpus
	// was read from; source is empty for a demo corpus.
	source     []string
	sourceOpts corpus.Options

	// loadCorpus reads files; it is corpus.LoadWith except in tests.
	loadCorpus func(ctx context.Context, opts corpus.Options, paths ...string) (*corpus.Corpus, error)
}

// Steps of the window, in the order of the tabs.
const (
	stepCorpus = iota
	stepTrain
	stepExplore
	stepPredict
)

// New builds the screens into w, sets the main menu, the keyboard
// shortcuts, the drop handler and a close handler that stops training, and
// starts loading the demo corpus.
func New(w fyne.Window, opts Options) *App {
	return newApp(w, opts, fyne.Do)
}

func newApp(w fyne.Window, opts Options, post func(func())) *App {
	a := &App{win: w, opts: opts, post: post, loadCorpus: corpus.LoadWith}
	// Charts take their texts from the window's language too.
	setChartTranslator()
	applyLanguageTheme()
	if a.opts.DemoLang == "" {
		a.opts.DemoLang = "en"
	}

	a.build()
	a.addShortcuts()
	w.SetOnDropped(a.dropped)
	w.SetCloseIntercept(func() {
		a.Shutdown()
		w.Close()
	})

	a.setActivity("")
	a.LoadDemo(a.opts.DemoLang)
	return a
}

// build creates the four screens, the start card, the tabs, the status line
// and the menu with the current translations, and puts them into the
// window. The state they show is filled in by the caller.
func (a *App) build() {
	a.corpus = newCorpusView(a)
	a.train = newTrainView(a)
	a.explore = newExploreView(a)
	a.predict = newPredictView(a)
	a.start = newStartCard(a)
	a.status = widget.NewLabel("")
	a.status.Wrapping = wrapMode()
	a.statusBox = container.New(newStatusLayout(), a.status)

	a.tabs = container.NewAppTabs(
		container.NewTabItem(lang.X("tab.corpus", "Corpus"), a.start.wrap(a.corpus.content)),
		container.NewTabItem(lang.X("tab.train", "Train"), a.train.content),
		container.NewTabItem(lang.X("tab.explore", "Explore"), a.explore.content),
		container.NewTabItem(lang.X("tab.predict", "Predict"), a.predict.content),
	)
	// The training view's num_words and maxlen may have changed while the
	// corpus view was hidden.
	a.tabs.OnSelected = func(*container.TabItem) {
		if a.tabs.SelectedIndex() == stepCorpus {
			a.corpus.trainSettingsChanged()
		}
	}
	explain := widget.NewButtonWithIcon(lang.X("help.explain_button", "Explain this step"), theme.HelpIcon(), a.ShowExplanation)
	explain.Importance = widget.LowImportance
	bottom := container.NewBorder(nil, nil, nil, container.NewCenter(explain), a.statusBox)

	a.win.SetTitle(lang.X("app.title", "Embedding Lab"))
	a.root = container.NewBorder(nil, bottom, nil, nil, a.tabs)
	a.win.SetContent(a.root)
	a.refreshMenu()
}

// refreshMenu sets the main menu again, after the recent files or the
// language changed.
func (a *App) refreshMenu() { a.win.SetMainMenu(a.mainMenu()) }

func (a *App) mainMenu() *fyne.MainMenu {
	item := func(label string, action func(), shortcut fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, a.shortcutAction(shortcut, action))
		it.Shortcut = shortcut
		return it
	}
	quit := fyne.NewMenuItem(lang.X("menu.quit", "Quit"), func() {
		a.Shutdown()
		fyne.CurrentApp().Quit()
	})
	quit.IsQuit = true
	recent := fyne.NewMenuItem(lang.X("menu.open_recent", "Open recent"), nil)
	recent.ChildMenu = a.recentMenu()
	settings := fyne.NewMenuItem(lang.X("menu.settings", "Settings…"), a.ShowSettings)

	file := fyne.NewMenu(lang.X("menu.file", "File"),
		item(lang.X("menu.open", "Open…"), a.Open, shortcutOpen),
		item(lang.X("menu.open_folder", "Open folder…"), a.OpenFolder, shortcutOpenFolder),
		recent,
		item(lang.X("menu.open_model", "Open model…"), a.OpenModel, nil),
		item(lang.X("menu.save_model", "Save model…"), a.SaveModel, shortcutSave),
		fyne.NewMenuItem(lang.X("menu.open_checkpoint", "Open the last checkpoint"), a.OpenCheckpoint),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.import_vectors", "Import vectors…"), a.ImportVectors),
		fyne.NewMenuItem(lang.X("menu.export_vectors", "Export vectors…"), a.ExportVectors),
		fyne.NewMenuItem(lang.X("menu.export_neighbours", "Export neighbours as CSV…"), a.ExportNeighbours),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(lang.X("menu.demo_en", "Load demo (English)"), func() { a.LoadDemo("en") }),
		fyne.NewMenuItem(lang.X("menu.demo_zh", "Load demo (Chinese)"), func() { a.LoadDemo("zh") }),
		fyne.NewMenuItemSeparator(),
		settings,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	training := fyne.NewMenu(lang.X("menu.training", "Training"),
		item(lang.X("menu.start", "Start training"), a.askAndStart, shortcutStart),
		item(lang.X("menu.stop", "Stop training"), a.StopTraining, shortcutStop),
	)
	steps := fyne.NewMenu(lang.X("menu.steps", "Steps"),
		item(lang.X("tab.corpus", "Corpus"), func() { a.ShowStep(stepCorpus) }, shortcutSteps[stepCorpus]),
		item(lang.X("tab.train", "Train"), func() { a.ShowStep(stepTrain) }, shortcutSteps[stepTrain]),
		item(lang.X("tab.explore", "Explore"), func() { a.ShowStep(stepExplore) }, shortcutSteps[stepExplore]),
		item(lang.X("tab.predict", "Predict"), func() { a.ShowStep(stepPredict) }, shortcutSteps[stepPredict]),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.find_word", "Find words on the map"), a.FocusSearch, shortcutFind),
	)
	help := fyne.NewMenu(lang.X("menu.help", "Help"),
		item(lang.X("menu.explain", "Explain this step"), a.ShowExplanation, shortcutExplain),
		fyne.NewMenuItem(lang.X("menu.shortcuts", "Keyboard shortcuts"), a.ShowShortcuts),
		fyne.NewMenuItem(lang.X("menu.show_start", "Show the start card"), a.ShowStartCard),
	)
	return fyne.NewMainMenu(file, training, steps, help)
}

// ShowStep selects the tab of step: 0 Corpus, 1 Train, 2 Explore, 3
// Predict. Other values do nothing.
func (a *App) ShowStep(step int) {
	if step >= 0 && step < len(a.tabs.Items) {
		a.tabs.SelectIndex(step)
	}
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
	a.load(lang.X("status.loading_demo", "Loading the demo corpus…"), loadSource{},
		func(context.Context, func(int64, int64)) (*corpus.Corpus, error) {
			return corpus.Demo(language, 1), nil
		})
}

// LoadFiles reads the corpus in paths with corpus.LoadWith, which detects
// the format: files, or a folder with one subfolder per class.
func (a *App) LoadFiles(paths ...string) { a.LoadFilesWith(corpus.Options{}, paths...) }

// LoadFilesWith reads the corpus in paths with the format, encoding and
// columns of opts; opts.Progress is replaced by the view's progress bar.
// The corpus view shows the progress and a Cancel button while it reads.
func (a *App) LoadFilesWith(opts corpus.Options, paths ...string) {
	a.clearPending()
	a.loadFiles(opts, paths)
}

func (a *App) loadFiles(opts corpus.Options, paths []string) {
	a.tabs.SelectIndex(0) // the corpus view shows the progress and the result
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	paths = slices.Clone(paths)
	msg := lang.X("status.loading_files", "Loading {{.Files}}…", map[string]any{"Files": strings.Join(names, " + ")})
	read := a.loadCorpus
	a.load(msg, loadSource{paths: paths, opts: opts},
		func(ctx context.Context, progress func(read, total int64)) (*corpus.Corpus, error) {
			opts.Progress = progress
			return read(ctx, opts, paths...)
		})
}

// reanalyse computes the statistics of the current corpus again, after the
// segmenter choice changed.
func (a *App) reanalyse() {
	c := a.current
	if c == nil {
		return
	}
	a.load(lang.X("status.analysing", "Tokenizing the corpus…"), loadSource{paths: a.source, opts: a.sourceOpts},
		func(context.Context, func(int64, int64)) (*corpus.Corpus, error) { return c, nil })
}

// CancelLoad stops the running load; the corpus shown stays.
func (a *App) CancelLoad() {
	if a.loadCancel == nil {
		return
	}
	a.loadCancel()
	a.loadCancel, a.loadText = nil, ""
	a.loadSeq++ // the cancelled load's result is ignored when it arrives
	a.corpus.hideLoading()
	a.corpus.restoreChoices()
	a.setActivity(lang.X("status.load_cancelled", "Loading cancelled; the corpus shown stays"))
	if a.opts.OnCorpusLoaded != nil {
		a.opts.OnCorpusLoaded(nil, context.Canceled)
	}
}

// loadSource is the input of a load: files with options, or no files for a
// demo corpus.
type loadSource struct {
	paths []string
	opts  corpus.Options
}

// progressInterval is the minimum period of progress bar updates during a
// load, which keeps the fyne.Do queue short.
const progressInterval = 100 * time.Millisecond

// load runs read and the analysis on a goroutine and shows the result. A
// newer load cancels this one.
func (a *App) load(msg string, src loadSource, read func(ctx context.Context, progress func(read, total int64)) (*corpus.Corpus, error)) {
	if a.loadCancel != nil {
		a.loadCancel()
	}
	a.loadSeq++
	seq := a.loadSeq
	ctx, cancel := context.WithCancel(context.Background())
	a.loadCancel = cancel
	a.loadText = msg
	a.setActivity(msg)
	a.corpus.showLoading(msg)
	segmenter := a.corpus.segmenterChoice()
	numWords, _ := a.corpus.trainSettings()

	go func() {
		defer cancel()
		progress := a.throttledProgress(func(fraction float64) {
			if seq == a.loadSeq {
				a.corpus.setLoadProgress(fraction)
			}
		})
		c, err := read(ctx, progress)
		var an *corpusAnalysis
		if err == nil {
			an = analyseCorpus(c, segmenter, numWords)
		}
		a.post(func() { a.loaded(seq, src, c, an, err) })
	}()
}

func (a *App) loaded(seq int, src loadSource, c *corpus.Corpus, an *corpusAnalysis, err error) {
	if seq != a.loadSeq {
		return // a newer load replaced this one, or it was cancelled
	}
	a.loadCancel, a.loadText = nil, ""
	a.corpus.hideLoading()
	if err != nil {
		a.setActivity("")
		// A file without a column that looks like text can still load
		// with a column the user chooses, so the choices offer its columns.
		var ce *corpus.Error
		if errors.As(err, &ce) && len(ce.Columns) > 0 && len(src.paths) > 0 {
			a.corpus.offerColumns(src, ce.Columns)
		} else {
			a.corpus.restoreChoices()
		}
		if !errors.Is(err, context.Canceled) {
			a.showError(err)
		}
	} else {
		// A new corpus is shown from the top. A new analysis of the same
		// corpus, after a segmenter change, keeps the place.
		fresh := c != a.current
		if fresh {
			a.corpus.dropRetry()
		}
		a.current = c
		a.source, a.sourceOpts = src.paths, src.opts
		a.corpus.show(c, an)
		if fresh {
			a.corpus.scrollToTop()
		}
		a.train.corpusChanged()
		a.setActivity("")
		if len(src.paths) > 0 {
			a.addRecentCorpus(src.paths)
		}
	}
	if a.opts.OnCorpusLoaded != nil {
		a.opts.OnCorpusLoaded(c, err)
	}
}

// Tokenizer returns the tokenizer fitted on the corpus shown, with the
// segmenter chosen in the corpus view and NumWords 0, or nil before the
// first load. It must not be changed.
func (a *App) Tokenizer() *corpus.Tokenizer {
	if a.corpus.analysis == nil {
		return nil
	}
	return a.corpus.analysis.tok
}

// Open requests one file from the user. A CSV, TSV or JSON Lines file
// contains a whole corpus and loads at once. A plain-text file contains one class, so it
// joins the pending selection, which the corpus view loads when the user
// has added the other classes. The pending selection exists because the
// native dialog on Linux selects only one file at a time.
func (a *App) Open() { a.requestFile(FileCorpus, a.choose) }

// requestPath requests a path from the user with open, or with fallback when
// open is nil, and passes a chosen path to use. Errors are shown; a cancel
// does nothing.
func (a *App) requestPath(open, fallback func(fyne.Window, func(string, error)), use func(path string)) {
	if open == nil {
		open = fallback
	}
	open(a.win, func(path string, err error) {
		switch {
		case err != nil:
			a.showError(err)
		case path != "":
			use(path)
		}
	})
}

func (a *App) choose(path string) {
	// The corpus view shows the chosen files, or why one cannot be used.
	a.ShowStep(stepCorpus)
	if !a.corpus.checkChosen(path) {
		return
	}
	// A file that carries its own labels is a corpus alone, so it loads at
	// once. Plain text waits for the files of the other classes. A file that
	// cannot be read is collected too, and loading it reports the error.
	if carriesLabels(path) {
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

// carriesLabels reports whether the file at path is a corpus with labels of
// its own: a CSV, TSV or JSON Lines file by its extension, or a file whose
// text has the columns, JSON objects or __label__ prefixes of one.
// It runs on the UI goroutine, which is fine because format detection reads
// only the first 64 KB of the file.
func carriesLabels(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".jsonl", ".ndjson":
		return true
	}
	format, err := corpus.DetectFileFormat(path)
	if err != nil {
		return false
	}
	switch format {
	case corpus.FormatCSV, corpus.FormatTSV, corpus.FormatJSONLines, corpus.FormatFastText:
		return true
	}
	return false
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

// dropped loads the files and folders dropped on the window.
func (a *App) dropped(_ fyne.Position, items []fyne.URI) {
	var paths []string
	for _, u := range items {
		if u.Scheme() == "file" {
			paths = append(paths, u.Path())
		}
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
	openInDialogFolder(d)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// OpenFolder requests a folder of class subfolders (such as the aclImdb
// layout) and loads it.
func (a *App) OpenFolder() {
	a.requestPath(a.opts.OpenFolder, ShowFolderOpen, func(path string) { a.LoadFiles(path) })
}

// ShowFolderOpen requests a folder with Fyne's own dialog.
func ShowFolderOpen(parent fyne.Window, done func(path string, err error)) {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil || u == nil {
			done("", err)
			return
		}
		done(u.Path(), nil)
	}, parent)
	openInDialogFolder(d)
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

func (a *App) showError(err error) {
	a.showInfo(dialog.NewError(errors.New(userMessage(err)), a.win))
}

// userMessage returns err's message for the window, in the window's
// language where the catalog of engine messages words it, without the
// engine's package prefixes. A word outside the vocabulary, the error
// people meet most, is shown alone even when other text wraps it.
func userMessage(err error) string {
	var unknown *wordvec.UnknownWordError
	if errors.As(err, &unknown) {
		return messageCatalog().Text(unknown)
	}
	return messageCatalog().Text(err)
}

// flashActivity shows msg, the report of something done (such as a file
// written), as the activity for a few seconds, unless another activity
// replaces it first.
func (a *App) flashActivity(msg string) {
	a.setActivity(msg)
	time.AfterFunc(flashFor, func() {
		a.post(func() {
			if a.activity == msg {
				a.setActivity("")
			}
		})
	})
}

// flashFor is how long flashActivity shows its message.
var flashFor = 5 * time.Second // a variable so that tests can shorten it

// setActivity sets the last part of the status line, what runs or what
// just happened; "" means idle. The first parts always name the corpus and
// the model or vectors loaded.
func (a *App) setActivity(s string) {
	a.activity = s
	a.showStatus()
}

// showStatus writes the status line: corpus · model or vectors · activity.
// A corpus load in progress is named even while another message shows.
func (a *App) showStatus() {
	parts := []string{a.corpusStatus(), a.modelStatus()}
	s := a.activity
	if s == "" {
		s = a.idleText()
	}
	parts = append(parts, s)
	if a.loadText != "" && s != a.loadText {
		parts = append(parts, a.loadText)
	}
	lines, box := a.status.MinSize().Height, a.statusBox.MinSize().Height
	a.status.SetText(strings.Join(parts, " · "))
	// Fyne lays out a container again only when it is resized or
	// refreshed, so a status that wrapped or unwrapped is centred again
	// here. A status of more than two lines, from very long names, makes
	// the box taller. A refresh of the window's content would redraw
	// every widget, so only its layout runs again.
	switch {
	case a.statusBox.MinSize().Height != box:
		a.root.Layout.Layout(a.root.Objects, a.root.Size())
	case a.status.MinSize().Height != lines:
		a.statusBox.Layout.Layout(a.statusBox.Objects, a.statusBox.Size())
	}
	a.start.showLoaded()
}

// corpusStatus returns the status line's part about the corpus.
func (a *App) corpusStatus() string {
	c := a.current
	if c == nil {
		return lang.X("status.no_corpus", "No corpus loaded")
	}
	docs := len(c.Docs)
	if an := a.corpus.analysis; an != nil {
		docs = an.stats.Docs
	}
	return lang.X("status.corpus", "Corpus: {{.Name}} ({{.Docs}} documents)",
		map[string]any{"Name": displayName(c.Name), "Docs": formatInt(docs)})
}

// modelStatus returns the status line's part about the model explored and
// predicted with, or the vectors imported.
func (a *App) modelStatus() string {
	if r := a.train.run; r != nil {
		return lang.X("status.part_training", "Training a model on {{.Corpus}}", map[string]any{"Corpus": displayName(r.corpusName)})
	}
	if name := a.explore.importName; name != "" {
		return lang.X("status.part_vectors", "Vectors: {{.Name}}", map[string]any{"Name": name})
	}
	if a.model != nil {
		return lang.X("status.part_model", "Model: {{.Name}}", map[string]any{"Name": displayName(a.modelSource)})
	}
	return lang.X("status.part_no_model", "No model")
}

// modelOfOtherCorpus reports whether the model explored was trained in
// this window on another corpus than the one loaded. A model read from a
// file names no corpus (corpusName is ""), so it never counts as one.
func (a *App) modelOfOtherCorpus() bool {
	return a.explore.model != nil && a.explore.corpusName != "" && a.current != nil && a.current.Name != a.explore.corpusName
}

func (a *App) idleText() string {
	if a.train.run != nil {
		return lang.X("status.training_started", "Training…")
	}
	if a.modelOfOtherCorpus() {
		// The explored model stays until a new one is trained, so that
		// loading another corpus does not throw a trained model away.
		// The model part of the line names the model's corpus.
		return lang.X("status.model_other_corpus", "Model is from another corpus; Start trains one on this corpus")
	}
	if a.explore.importName != "" {
		return lang.X("status.vectors_ready", "Explore shows the vectors imported from {{.Name}}",
			map[string]any{"Name": a.explore.importName})
	}
	if a.explore.model != nil {
		return lang.X("status.model_ready", "Model ready: explore its word vectors")
	}
	return lang.X("status.idle", "Ready to train")
}

// Status returns the text of the status line.
func (a *App) Status() string { return a.status.Text }

// throttledProgress returns a progress callback for a reading goroutine
// that posts show, with the fraction read, to the main goroutine at most
// once per progressInterval.
func (a *App) throttledProgress(show func(fraction float64)) func(done, total int64) {
	var last time.Time
	return func(done, total int64) {
		if total <= 0 || time.Since(last) < progressInterval {
			return
		}
		last = time.Now()
		fraction := float64(done) / float64(total)
		a.post(func() { show(fraction) })
	}
}
