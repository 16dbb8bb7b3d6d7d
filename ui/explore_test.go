package ui

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"embedlab/model"
)

func TestExploreView(t *testing.T) {
	h := newHarness(t, Options{})

	h.do(func() {
		if !h.a.explore.word.Disabled() {
			t.Error("word entry enabled before any training")
		}
	})

	loadReviews(t, h, 60)
	h.do(func() {
		h.a.SetConfig(tinyConfig())
		test.Tap(h.a.train.startBtn)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}

	t.Run("known word", func(t *testing.T) {
		h.do(func() {
			v := h.a.explore
			test.Type(v.word, "Good") // the vocabulary is lower-case
			test.Tap(v.findBtn)
			if v.queryErr.Text != "" {
				t.Fatalf("error label = %q, want empty", v.queryErr.Text)
			}
			if got := len(v.neighbours); got != neighbourCount {
				t.Fatalf("%d neighbours listed, want %d", got, neighbourCount)
			}
			for i, n := range v.neighbours {
				if n.Word == "good" {
					t.Errorf("neighbour %d is the query word itself", i+1)
				}
				if i > 0 && n.Similarity > v.neighbours[i-1].Similarity {
					t.Errorf("neighbour %d (%.3f) is more similar than neighbour %d (%.3f)",
						i+1, n.Similarity, i, v.neighbours[i-1].Similarity)
				}
			}
			if got := v.list.Length(); got != neighbourCount {
				t.Errorf("list length = %d, want %d", got, neighbourCount)
			}
		})
	})

	t.Run("unknown word", func(t *testing.T) {
		h.do(func() {
			v := h.a.explore
			_, wantErr := v.vectors.Nearest("qwertyuiop", neighbourCount)
			if wantErr == nil {
				t.Fatal("Nearest found an unknown word")
			}
			v.word.SetText("")
			test.Type(v.word, "qwertyuiop")
			v.word.OnSubmitted(v.word.Text) // Enter in the entry
			if got := v.queryErr.Text; got != wantErr.Error() {
				t.Errorf("error label = %q, want %q", got, wantErr.Error())
			}
			if len(v.neighbours) != 0 {
				t.Errorf("%d neighbours still listed for an unknown word", len(v.neighbours))
			}
		})
	})

	t.Run("two words in one field", func(t *testing.T) {
		h.do(func() {
			v := h.a.explore
			v.word.SetText("good film")
			test.Tap(v.findBtn)
			if !strings.Contains(v.queryErr.Text, "2 words") {
				t.Errorf("error label = %q, want it to say the text splits into 2 words", v.queryErr.Text)
			}
			v.tools.simA.SetText("GOOD")
			v.tools.simB.SetText("Film")
			test.Tap(v.tools.simBtn)
			if v.tools.similarity == "" {
				t.Errorf("similarity of GOOD and Film failed: %q; the tokenizer lower-cases them", v.tools.simResult.Text)
			}
		})
	})

	t.Run("PCA map", func(t *testing.T) {
		h.waitFor("PCA map drawn", func() bool { return h.a.explore.pcaMap.image() != nil })
		h.do(func() {
			label := h.a.explore.mapLabel.Text
			if !regexp.MustCompile(`PC1 \d+\.\d% · PC2 \d+\.\d%`).MatchString(label) {
				t.Errorf("map label = %q, want the variance share of PC1 and PC2", label)
			}
			if !strings.Contains(label, "most frequent words") {
				t.Errorf("map label = %q, want it to say which words are shown", label)
			}
		})
	})
}

func TestNewCorpusKeepsTrainedModel(t *testing.T) {
	h := newHarness(t, Options{}) // the English demo corpus
	h.do(func() {
		h.a.SetConfig(tinyConfig())
		test.Tap(h.a.train.startBtn)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	var demoName string
	h.do(func() { demoName = h.a.Corpus().Name })

	pos, neg := reviewFiles(t, t.TempDir(), 40)
	h.do(func() { h.a.LoadFiles(pos, neg) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading files: %v", err)
	}

	h.do(func() {
		if h.a.explore.model == nil {
			t.Fatal("loading a corpus dropped the trained model")
		}
		if status := h.a.Status(); !strings.Contains(status, demoName) || !strings.Contains(status, "Start") {
			t.Errorf("status %q does not say that the model belongs to %q", status, demoName)
		}
		if hint := h.a.explore.hint.Text; !strings.Contains(hint, demoName) {
			t.Errorf("explore hint %q does not name the corpus %q", hint, demoName)
		}
	})
}

// TestImportModelFile checks that imported vectors replace the trained
// model in Explore, and that a model file chosen with Import vectors opens
// as a model and replaces them again.
func TestImportModelFile(t *testing.T) {
	modelDone := make(chan error, 4)
	vectorsDone := make(chan error, 4)
	h := newHarness(t, Options{
		OnModelDone:   func(_ string, err error) { modelDone <- err },
		OnVectorsDone: func(_ string, err error) { vectorsDone <- err },
	})
	h.do(func() {
		h.a.SetConfig(tinyConfig())
		test.Tap(h.a.train.startBtn)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	dir := t.TempDir()
	modelPath := filepath.Join(dir, "trained.embedlab")
	var m *model.Model
	h.do(func() { m = h.a.Model() })
	if err := m.Save(modelPath); err != nil {
		t.Fatal(err)
	}

	h.open = []string{writeToyVectors(t, dir, "toy.txt", 0), modelPath}
	h.do(h.a.ImportVectors)
	if err := waitDone(t, vectorsDone); err != nil {
		t.Fatalf("importing vectors: %v", err)
	}
	h.do(func() {
		if v := h.a.explore; v.model != nil || v.vectors.Len() != len(toyVectors) {
			t.Errorf("Explore shows model %v with %d words, want the %d imported vectors", v.model != nil, v.vectors.Len(), len(toyVectors))
		}
		h.a.ImportVectors()
	})
	select {
	case err := <-modelDone:
		if err != nil {
			t.Fatalf("opening the model file: %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("the model file chosen in Import vectors was not opened as a model")
	}
	h.do(func() {
		v := h.a.explore
		if v.model == nil || v.importName != "" {
			t.Error("Explore still shows the imported vectors after a model was opened")
		}
		if !strings.Contains(v.hint.Text, "trained.embedlab") {
			t.Errorf("hint %q does not name the model file", v.hint.Text)
		}
	})
}
