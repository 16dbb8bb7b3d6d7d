package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/corpus"
	"embedlab/model"
)

// waitLimit bounds every wait for a background goroutine in these tests; the
// tiny training runs take well under a second even with -race.
const waitLimit = 60 * time.Second

// harness is an App in a test window. The test driver runs fyne.Do closures
// inline on the goroutine that posts them, so the App posts through
// harness.post, which takes mu. The test goroutine takes mu too (in do)
// while it touches widgets, so the two never race.
type harness struct {
	t       *testing.T
	mu      sync.Mutex
	a       *App
	w       fyne.Window
	loaded  chan error
	trained chan error
	open    []string // paths the fake file dialog returns, in order

	// closed is set under mu when the test ends. Posts after that are
	// dropped, so that a goroutine the test left behind (a PCA map, a chart)
	// does not touch Fyne's shared text caches while the next test runs.
	closed bool
}

func newHarness(t *testing.T, opts Options) *harness {
	t.Helper()
	test.NewTempApp(t)
	h := &harness{t: t, loaded: make(chan error, 8), trained: make(chan error, 8)}
	opts.OnCorpusLoaded = func(_ *corpus.Corpus, err error) { h.loaded <- err }
	opts.OnTrainingDone = func(err error) { h.trained <- err }
	if opts.OpenFile == nil {
		opts.OpenFile = h.fakeOpen
	}

	h.mu.Lock()
	h.w = test.NewTempWindow(t, nil)
	h.a = newApp(h.w, opts, h.post)
	h.w.Resize(fyne.NewSize(1000, 700))
	h.mu.Unlock()
	t.Cleanup(func() {
		h.do(func() {
			h.a.Shutdown()
			h.closed = true
		})
	})

	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the demo corpus: %v", err)
	}
	return h
}

func (h *harness) post(fn func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		fn()
	}
}

// do runs fn as if on the main goroutine.
func (h *harness) do(fn func()) {
	h.mu.Lock()
	defer h.mu.Unlock()
	fn()
}

func (h *harness) fakeOpen(_ fyne.Window, done func(string, error)) {
	if len(h.open) == 0 {
		done("", nil) // as if cancelled
		return
	}
	path := h.open[0]
	h.open = h.open[1:]
	done(path, nil)
}

func (h *harness) waitLoaded() error {
	h.t.Helper()
	select {
	case err := <-h.loaded:
		return err
	case <-time.After(waitLimit):
		h.t.Fatalf("corpus not loaded after %v", waitLimit)
		return nil
	}
}

func (h *harness) waitTrained() error {
	h.t.Helper()
	select {
	case err := <-h.trained:
		return err
	case <-time.After(waitLimit):
		h.t.Fatalf("training not finished after %v", waitLimit)
		return nil
	}
}

// waitFor polls cond, evaluated under mu, until it holds.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(waitLimit)
	for time.Now().Before(deadline) {
		h.mu.Lock()
		ok := cond()
		h.mu.Unlock()
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	h.t.Fatalf("%s: still false after %v", what, waitLimit)
}

// tinyConfig trains in well under a second on reviewFiles' corpus.
func tinyConfig() model.Config {
	cfg := model.DefaultConfig()
	cfg.NumWords, cfg.Dim, cfg.Units, cfg.MaxLen, cfg.Epochs = 500, 8, 8, 12, 1
	return cfg
}

// reviewFiles writes n one-line reviews per class to dir/reviews.pos and
// dir/reviews.neg. Each review mixes words of its class with shared filler,
// so a model can learn the classes and the vocabulary has neighbours.
func reviewFiles(t *testing.T, dir string, n int) (pos, neg string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	words := map[string][]string{
		"pos": {"good", "great", "fine", "lovely", "superb", "charming", "moving"},
		"neg": {"bad", "awful", "dull", "boring", "weak", "tedious", "messy"},
	}
	filler := []string{"the", "film", "was", "a", "plot", "and", "story", "actors", "it", "very"}
	write := func(class string) string {
		var b strings.Builder
		for range n {
			for j := range 8 {
				if j > 0 {
					b.WriteByte(' ')
				}
				if j%3 == 1 {
					b.WriteString(words[class][rng.IntN(len(words[class]))])
				} else {
					b.WriteString(filler[rng.IntN(len(filler))])
				}
			}
			b.WriteByte('\n')
		}
		path := filepath.Join(dir, "reviews."+class)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	return write("pos"), write("neg")
}

// overlayTexts returns the text shown in the overlays, where dialogs show,
// one line per label.
func overlayTexts(w fyne.Window) string {
	var out []string
	for _, o := range w.Canvas().Overlays().List() {
		for _, c := range test.LaidOutObjects(o) {
			switch c := c.(type) {
			case *widget.Label:
				out = append(out, c.Text)
			case *canvas.Text:
				out = append(out, c.Text)
			case *widget.RichText:
				out = append(out, c.String())
			}
		}
	}
	return strings.Join(out, "\n")
}

func fileURI(path string) fyne.URI {
	abs, err := filepath.Abs(path)
	if err != nil {
		panic(fmt.Sprintf("absolute path of %s: %v", path, err))
	}
	return storage.NewFileURI(abs)
}

// tapStart taps the Start button and confirms the replacement of the model
// when the window requests it. Call it inside h.do.
func tapStart(t *testing.T, h *harness) {
	t.Helper()
	confirm := h.a.replaceQuestion() != ""
	test.Tap(h.a.train.startBtn)
	if confirm {
		tapOverlayButton(t, h.w, lang.X("train.start", "Start"))
	}
}

// switchLanguage switches the window to language, as Settings does, and
// ends the test when the switch fails.
func (h *harness) switchLanguage(t *testing.T, language string) {
	t.Helper()
	var err error
	h.do(func() { err = h.a.SetLanguage(language) })
	if err != nil {
		t.Fatalf("switching to %s: %v", language, err)
	}
}
