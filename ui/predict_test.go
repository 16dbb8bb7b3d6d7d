package ui

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"embedlab/corpus"
	"embedlab/model"
)

// trainTiny trains tinyConfig on h's corpus for epochs epochs through the
// Start button and returns the model the views received.
func trainTiny(t *testing.T, h *harness, epochs int) *model.Model {
	t.Helper()
	cfg := tinyConfig()
	cfg.Epochs = epochs
	return trainConfig(t, h, cfg)
}

// trainConfig trains cfg on h's corpus through the Start button and
// returns the model the views received.
func trainConfig(t *testing.T, h *harness, cfg model.Config) *model.Model {
	t.Helper()
	h.do(func() {
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	var m *model.Model
	h.do(func() { m = h.a.Model() })
	if m == nil {
		t.Fatal("no model after training")
	}
	return m
}

func TestPredictViewDisabledWithoutModel(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		v := h.a.predict
		if !v.entry.Disabled() || !v.predictBtn.Disabled() {
			t.Error("the Predict view accepts input before a model exists")
		}
		if !strings.Contains(v.hint.Text, "Open model") {
			t.Errorf("hint = %q, want it to say how to get a model", v.hint.Text)
		}
	})
}

func TestPredictViewShowsRunningProbability(t *testing.T) {
	h := newHarness(t, Options{})
	m := trainTiny(t, h, 1)

	h.do(func() {
		v := h.a.predict
		if v.entry.Disabled() {
			t.Fatal("the Predict view is disabled after training")
		}
		test.Type(v.entry, "a wonderful film qqqzz")
		test.Tap(v.predictBtn)

		// The result is the model's own prediction.
		tokens, _, steps, err := m.PredictSteps("a wonderful film qqqzz")
		if err != nil {
			t.Fatal(err)
		}
		if len(v.tokens) != len(tokens) || len(v.probs) != len(tokens) {
			t.Fatalf("view has %d tokens and %d probabilities, want %d each", len(v.tokens), len(v.probs), len(tokens))
		}
		if !strings.Contains(v.result.Text, v.class) || !strings.Contains(v.result.Text, "probability") {
			t.Errorf("result = %q, want the class %q and its probability", v.result.Text, v.class)
		}
		last := len(tokens) - 1
		if !math.IsNaN(v.probs[last]) || steps[last] != nil {
			t.Errorf("qqqzz has probability %v, want NaN for a skipped word", v.probs[last])
		}
		if !strings.Contains(v.notes.Text, "qqqzz") || !v.notes.Visible() {
			t.Errorf("notes = %q (visible %v), want qqqzz listed outside the vocabulary", v.notes.Text, v.notes.Visible())
		}
		if got := len(v.strip.Objects); got != len(tokens) {
			t.Errorf("strip has %d cells, want one per token (%d)", got, len(tokens))
		}
	})

	// The chart is drawn on a goroutine.
	h.waitFor("running-probability chart drawn", func() bool { return h.a.predict.chart.image() != nil })
}

func TestPredictViewTypingSubmits(t *testing.T) {
	h := newHarness(t, Options{})
	trainTiny(t, h, 1)
	h.do(func() {
		v := h.a.predict
		test.Type(v.entry, "good")
		v.entry.OnSubmitted(v.entry.Text)
		if v.result.Text == "" || len(v.tokens) != 1 {
			t.Errorf("after Enter: result %q, %d tokens; want a prediction of one token", v.result.Text, len(v.tokens))
		}
	})
}

func TestSaveAndOpenModel(t *testing.T) {
	path := filepath.Join(t.TempDir(), "saved.embedlab")
	done := make(chan error, 4)
	h := newHarness(t, Options{
		SaveFile:    fakeSave(path),
		OnModelDone: func(_ string, err error) { done <- err },
	})
	trained := trainTiny(t, h, 1)

	h.do(h.a.SaveModel)
	if err := waitErr(t, done); err != nil {
		t.Fatalf("saving: %v", err)
	}
	h.do(func() {
		if !strings.Contains(h.a.Status(), "Saved the model") {
			t.Errorf("status = %q, want it to report the save", h.a.Status())
		}
	})

	h.open = []string{path}
	h.do(h.a.OpenModel)
	if err := waitErr(t, done); err != nil {
		t.Fatalf("opening: %v", err)
	}
	h.do(func() {
		m := h.a.Model()
		if m == trained || m == nil {
			t.Fatal("opening the file did not replace the model")
		}
		if len(m.History) != 1 || m.Config.NumWords != trained.Config.NumWords {
			t.Errorf("opened model: %d epochs, numwords %d; want 1 and %d", len(m.History), m.Config.NumWords, trained.Config.NumWords)
		}
		if h.a.tabs.SelectedIndex() != 3 {
			t.Errorf("tab %d selected after opening, want the Predict tab (3)", h.a.tabs.SelectedIndex())
		}
		if h.a.predict.entry.Disabled() || h.a.explore.model != m {
			t.Error("the opened model is not explorable and predictable")
		}
	})
}

func TestOpenModelRejectsCorruptFile(t *testing.T) {
	done := make(chan error, 2)
	h := newHarness(t, Options{OnModelDone: func(_ string, err error) { done <- err }})
	pos, _ := reviewFiles(t, t.TempDir(), 3)
	h.open = []string{pos}
	h.do(h.a.OpenModel)
	if err := waitErr(t, done); err == nil || !strings.Contains(err.Error(), "not an Embedding Lab model file") {
		t.Errorf("opening a text file = %v, want the not-a-model error", err)
	}
	h.do(func() {
		if h.a.Model() != nil {
			t.Error("a corrupt file became the model")
		}
		if !strings.Contains(overlayTexts(h.w), "not an Embedding Lab model file") {
			t.Errorf("no error dialog; overlays show %q", overlayTexts(h.w))
		}
	})
}

// fakeSave returns a SaveFile hook that always chooses path.
func fakeSave(path string) func(fyne.Window, string, func(string, error)) {
	return func(_ fyne.Window, _ string, done func(string, error)) { done(path, nil) }
}

func waitErr(t *testing.T, ch chan error) error {
	t.Helper()
	select {
	case err := <-ch:
		return err
	case <-time.After(waitLimit):
		t.Fatalf("no result after %v", waitLimit)
		return nil
	}
}

// TestPlaceholderWordsInDemoVocabulary checks that the example sentence of
// the placeholder in each language contains only words that a model
// prepared with the default settings on that language's demo corpus reads,
// and that the English window shows it.
func TestPlaceholderWordsInDemoVocabulary(t *testing.T) {
	for _, tc := range []struct{ file, demo string }{{"en.json", "en"}, {"zh_Hans.json", "zh"}} {
		t.Run(tc.demo, func(t *testing.T) {
			texts := translations(t, tc.file)
			example := texts["predict.example"]
			if example == "" || !strings.Contains(texts["predict.placeholder"], "{{.Example}}") {
				t.Fatalf("%s: placeholder %q, example %q; want a placeholder that shows the example",
					tc.file, texts["predict.placeholder"], example)
			}

			m, _, _, err := model.Prepare(corpus.Demo(tc.demo, 1), model.DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			tokens, ids, _, err := m.PredictSteps(example)
			if err != nil {
				t.Fatal(err)
			}
			for i, tok := range tokens {
				if ids[i] == 0 {
					t.Errorf("%q of the example %q is not in the %s demo's vocabulary", tok, example, tc.demo)
				}
			}
			// The tokens cover the whole sentence, so no word was dropped.
			if got, want := strings.Join(tokens, ""), strings.ReplaceAll(example, " ", ""); got != want {
				t.Errorf("tokens %q join to %q, want the example without spaces, %q", tokens, got, want)
			}
		})
	}

	h := newHarness(t, Options{})
	en := translations(t, "en.json")
	h.do(func() {
		if got := h.a.predict.entry.PlaceHolder; !strings.Contains(got, en["predict.example"]) {
			t.Errorf("placeholder = %q, want it to show %q", got, en["predict.example"])
		}
	})
}

func TestPlotClassIndex(t *testing.T) {
	tests := []struct {
		name          string
		classes, best int
		want          int
	}{
		{"two classes, first predicted", 2, 0, 1},
		{"two classes, second predicted", 2, 1, 1},
		{"three classes", 3, 0, 0},
		{"five classes", 5, 3, 3},
		{"one class", 1, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := plotClassIndex(tc.classes, tc.best); got != tc.want {
				t.Errorf("plotClassIndex(%d, %d) = %d, want %d", tc.classes, tc.best, got, tc.want)
			}
		})
	}
}

// TestPredictPlotsSecondClass checks that a two-class model's strip and
// chart show the probability of the second class both for a sentence
// predicted as that class and for one predicted as the other.
func TestPredictPlotsSecondClass(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	// A learning rate ten times the default separates the classes clearly
	// in five epochs of the tiny model.
	cfg := tinyConfig()
	cfg.Epochs, cfg.LR = 5, 0.01
	m := trainConfig(t, h, cfg)

	// reviewFiles' words of each class.
	predicted := map[string]bool{}
	for _, sentence := range []string{"bad awful dull boring weak tedious messy", "good great fine lovely superb charming moving"} {
		h.do(func() {
			v := h.a.predict
			v.entry.SetText(sentence)
			test.Tap(v.predictBtn)

			_, _, steps, err := m.PredictSteps(sentence)
			if err != nil {
				t.Fatal(err)
			}
			predicted[v.class] = true
			if v.plotClass != m.Classes[1] {
				t.Errorf("%q (predicted %s): plotted class %q, want the second class %q", sentence, v.class, v.plotClass, m.Classes[1])
			}
			for i, s := range steps {
				if s != nil && v.probs[i] != float64(s[1]) {
					t.Errorf("%q: probability after %q = %v, want P(%s) = %v", sentence, v.tokens[i], v.probs[i], m.Classes[1], s[1])
				}
			}
		})
		h.waitFor("running-probability chart drawn", func() bool { return h.a.predict.chart.image() != nil })
	}
	if len(predicted) != 2 {
		t.Fatalf("classes predicted %v, want both, so that one sentence's class differs from the one plotted", predicted)
	}
}

// TestPredictNoteUnderSentence checks that the note of a model change sits
// right under the sentence field, above the result, where it is seen.
func TestPredictNoteUnderSentence(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	trainTiny(t, h, 1)
	h.do(func() {
		h.w.Resize(defaultWindowSize)
		h.a.ShowStep(stepPredict)
		test.Type(h.a.predict.entry, "a good film")
		test.Tap(h.a.predict.predictBtn)
	})
	trainTiny(t, h, 1) // the Start button shows the Train step

	h.do(func() {
		h.a.ShowStep(stepPredict)
		v := h.a.predict
		// The window's driver lays the view out again on the next frame
		// after the note appears; the test canvas draws no frames.
		v.content.Refresh()
		if !v.notes.Visible() || !v.cleared {
			t.Fatalf("notes = %q (visible %v), want the model-changed note", v.notes.Text, v.notes.Visible())
		}
		d := fyne.CurrentApp().Driver()
		entryBottom := d.AbsolutePositionForObject(v.entry).Y + v.entry.Size().Height
		noteTop := d.AbsolutePositionForObject(v.notes).Y
		if gap := noteTop - entryBottom; gap < 0 || gap > 2*theme.Padding() {
			t.Errorf("note starts %.0f below the sentence field, want at most %.0f", gap, 2*theme.Padding())
		}
		if noteBottom, resultTop := noteTop+v.notes.Size().Height, d.AbsolutePositionForObject(v.result).Y; noteBottom > resultTop {
			t.Errorf("note ends at %.0f, below the top of the result (%.0f)", noteBottom, resultTop)
		}
	})
}
