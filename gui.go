package main

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/lang"

	"embedlab/assets"
	"embedlab/corpus"
	"embedlab/ui"
)

const (
	appID = "io.embedlab.app" // also in FyneApp.toml; preferences are stored under it

	// smokeTimeout bounds a --smoke-capture run: one epoch on the demo
	// corpus takes well under a minute on two cores.
	smokeTimeout = 5 * time.Minute
	// smokeSettle lets the last chart image reach the screen before the
	// capture.
	smokeSettle = 1500 * time.Millisecond
)

// runGUI opens the main window and returns the exit status when it closes.
func runGUI(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("embedlab", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		printUsage(stderr)
		fmt.Fprintln(stderr, "\nFlags of the window:")
		fs.PrintDefaults()
	}
	demoLang := fs.String("lang", "", "language of the demo corpus loaded at start: en or zh (default: the language of the window)")
	capture := fs.String("smoke-capture", "", "load the demo in the --lang language, train one epoch, save screenshots of the four steps "+
		"(this PNG file shows Train; NAME-corpus.png, NAME-explore.png and NAME-predict.png the others) and quit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 1
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "embedlab: unexpected argument %q; the window takes only flags, run 'embedlab help' for commands\n", fs.Arg(0))
		return 1
	}
	if *demoLang != "" && *demoLang != "en" && *demoLang != "zh" {
		fmt.Fprintf(stderr, "embedlab: --lang %q is not supported; use en or zh\n", *demoLang)
		return 1
	}

	if err := checkDisplay(); err != nil {
		fmt.Fprintf(stderr, "embedlab: %v\n", err)
		return 1
	}
	a := app.NewWithID(appID)
	language := ui.LanguageChoice(a.Preferences())
	if *capture != "" {
		// The screenshots show the window in the demo's language, whatever
		// the preferences of the machine hold.
		language = ui.LanguageEnglish
		if *demoLang == "zh" {
			language = ui.LanguageChinese
		}
	}
	if err := ui.SetLanguage(language); err != nil {
		fyne.LogError("loading translations", err)
	}
	if *demoLang == "" {
		*demoLang = demoLangFor(language)
	}
	a.SetIcon(assets.Icon)
	w := a.NewWindow(lang.X("app.title", "Embedding Lab"))

	opts := ui.Options{DemoLang: *demoLang, OpenFile: openFile, OpenFileKind: openFileKind, OpenFolder: openFolder,
		SaveFile: saveFile, CheckpointPath: checkpointPath(a)}
	status := 0
	var u *ui.App
	if *capture != "" {
		status = 1 // until the capture is written
		smokeHooks(&opts, &u, w, *capture, stderr, &status)
	}

	u = ui.New(w, opts)
	w.Resize(fyne.NewSize(1100, 760))
	w.ShowAndRun()
	return status
}

// demoLangFor returns the language of the demo corpus for the window's
// language choice: "zh" for Chinese, or for LanguageSystem on a system with
// a Chinese locale, else "en".
func demoLangFor(choice string) string {
	switch choice {
	case ui.LanguageChinese:
		return "zh"
	case ui.LanguageEnglish:
		return "en"
	}
	if strings.HasPrefix(strings.ToLower(string(lang.SystemLocale())), "zh") {
		return "zh"
	}
	return "en"
}

// openFile picks a file with the native dialog and falls back to Fyne's
// dialog when the native one is unavailable or fails; openFolder does the
// same for a folder. They run on the main goroutine, so the window does not
// repaint while a native dialog is open: GTK wants its dialogs on the
// thread that runs its loop.
var (
	openFile   = nativeOrFyne(nativeOpenFile, ui.ShowFileOpen)
	openFolder = nativeOrFyne(nativeOpenFolder, ui.ShowFolderOpen)
)

// openFileKind is openFile with a filter for kind in the native dialog.
// Fyne's dialog stays unfiltered, because it offers no way to show all
// files once a filter is set.
func openFileKind(parent fyne.Window, kind ui.FileKind, done func(path string, err error)) {
	native := func() (string, error) { return nativeOpenFileOf(kind) }
	nativeOrFyne(native, ui.ShowFileOpen)(parent, done)
}

// nativeOrFyne returns a dialog function that calls native and, when it is
// unavailable or fails with anything but a cancel, fallback.
func nativeOrFyne(native func() (string, error), fallback func(fyne.Window, func(string, error))) func(fyne.Window, func(string, error)) {
	return func(parent fyne.Window, done func(path string, err error)) {
		done = rememberingFolder(done)
		path, err := native()
		switch {
		case err == nil:
			done(path, nil)
		case errors.Is(err, errDialogCancelled):
			done("", nil)
		default:
			if !errors.Is(err, errDialogUnavailable) {
				fyne.LogError("native dialog failed; using Fyne's", err)
			}
			fallback(parent, done)
		}
	}
}

// saveTitle returns the title of the save dialog that suggests name: the
// model's title for a model file and a general one for exports.
func saveTitle(name string) string {
	if strings.EqualFold(filepath.Ext(name), ".embedlab") {
		return lang.X("dialog.save_model_title", "Save model")
	}
	return lang.X("dialog.save_title", "Save as")
}

// rememberingFolder returns done preceded by ui.RememberFolder, so that
// the next file dialog opens in the folder of the path chosen.
func rememberingFolder(done func(path string, err error)) func(path string, err error) {
	return func(path string, err error) {
		if err == nil {
			ui.RememberFolder(path)
		}
		done(path, err)
	}
}

// checkpointPath returns the file in the app's storage folder that the
// window saves a checkpoint to after every epoch, or "" when the folder is
// unavailable.
func checkpointPath(a fyne.App) string {
	root := a.Storage().RootURI()
	if root == nil || root.Scheme() != "file" {
		return ""
	}
	if err := os.MkdirAll(root.Path(), 0o755); err != nil {
		fyne.LogError("no training checkpoints: cannot create the storage folder", err)
		return ""
	}
	return filepath.Join(root.Path(), "checkpoint.embedlab")
}

// saveFile requests a path to save to with the native dialog, suggesting
// name, and falls back to Fyne's dialog as openFile does.
func saveFile(parent fyne.Window, name string, done func(path string, err error)) {
	done = rememberingFolder(done)
	path, err := nativeSaveFile(name)
	switch {
	case err == nil:
		done(path, nil)
	case errors.Is(err, errDialogCancelled):
		done("", nil)
	default:
		if !errors.Is(err, errDialogUnavailable) {
			fyne.LogError("native save dialog failed; using Fyne's", err)
		}
		ui.ShowFileSave(parent, name, done)
	}
}

// smokeHooks makes the window train one epoch on the demo corpus and then
// visit the four steps, saving a screenshot of each, and quit; *status
// becomes 0 when all are written. Explore shows the neighbours of a demo
// word and Predict a demo sentence. The hooks run on the main goroutine
// after *u is set, so neither needs a lock.
func smokeHooks(opts *ui.Options, u **ui.App, w fyne.Window, path string, stderr io.Writer, status *int) {
	fail := func(format string, args ...any) {
		fmt.Fprintf(stderr, "embedlab: smoke capture: "+format+"\n", args...)
		*status = 1
		fyne.CurrentApp().Quit()
	}
	timeout := time.AfterFunc(smokeTimeout, func() {
		fyne.Do(func() { fail("timed out after %v", smokeTimeout) })
	})

	demo := opts.DemoLang
	started := false
	opts.OnCorpusLoaded = func(c *corpus.Corpus, err error) {
		if started {
			return
		}
		started = true
		if err != nil {
			fail("loading the demo corpus: %v", err)
			return
		}
		cfg, err := (*u).Config()
		if err != nil {
			fail("default settings: %v", err)
			return
		}
		cfg.Epochs = 1
		(*u).SetConfig(cfg)
		if err := (*u).StartTraining(); err != nil {
			fail("starting the training: %v", err)
		}
	}

	// The steps after Train, each set up and then captured after
	// smokeSettle, when its images have reached the screen.
	word, sentence := smokeExamples(demo)
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	steps := []struct {
		file  string
		setup func()
	}{
		{path, func() {}},
		{stem + "-corpus.png", func() { (*u).ShowStep(0) }},
		{stem + "-explore.png", func() { (*u).ShowStep(2); (*u).TypeQuery(word) }},
		{stem + "-predict.png", func() { (*u).ShowStep(3); (*u).TypePrediction(sentence) }},
	}
	var next func(i int)
	next = func(i int) {
		if i == len(steps) {
			timeout.Stop()
			*status = 0
			fyne.CurrentApp().Quit()
			return
		}
		steps[i].setup()
		time.AfterFunc(smokeSettle, func() {
			fyne.Do(func() {
				if err := writePNG(steps[i].file, w); err != nil {
					fail("%v", err)
					return
				}
				next(i + 1)
			})
		})
	}
	opts.OnTrainingDone = func(err error) {
		if err != nil {
			fail("training: %v", err)
			return
		}
		next(0)
	}
}

// smokeExamples returns a word to query and a sentence to predict in the
// demo corpus of language demo: the first word of its first group, and a
// sentence of two of its positive words.
func smokeExamples(demo string) (word, sentence string) {
	groups := corpus.DemoGroups(demo)
	word = groups[0].Words[0]
	if demo == "zh" {
		return word, "这部电影" + groups[0].Words[1] + "又" + groups[1].Words[0]
	}
	return word, "the film was " + groups[0].Words[1] + " and " + groups[1].Words[0]
}

// writePNG saves a capture of w's canvas to path. The window is opaque, so
// alpha is set to 255: GL framebuffers without alpha bits read back as 0.
func writePNG(path string, w fyne.Window) error {
	captured := w.Canvas().Capture()
	b := captured.Bounds()
	img := image.NewRGBA(b)
	blank := true
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := captured.At(x, y).RGBA()
			if r|g|bl != 0 {
				blank = false
			}
			img.SetRGBA(x, y, color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: 255})
		}
	}
	if blank {
		// NOTE: Mesa's llvmpipe driver under Xvfb reads the front buffer as
		// zeros (seen with Mesa on Debian 12); softpipe reads it correctly.
		return errors.New("the window capture is blank because the OpenGL driver returned no pixels; " +
			"under Xvfb with Mesa, run with GALLIUM_DRIVER=softpipe")
	}

	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}
