package ui

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"embedlab/model"
	"embedlab/model/wordvec"
	"embedlab/viz"
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
		tapStart(t, h)
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
			if got, want := v.queryErr.Text, userMessage(wantErr); got != want {
				t.Errorf("error label = %q, want %q", got, want)
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
		h.waitFor("PCA map drawn", func() bool { return len(h.a.explore.pcaMap.Words()) > 0 })
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
		tapStart(t, h)
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
		tapStart(t, h)
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

// mapPointOnCanvas returns where word's point is on the window's canvas.
func mapPointOnCanvas(t *testing.T, v *ExploreView, word string) fyne.Position {
	t.Helper()
	pos, ok := v.pcaMap.ScreenPosition(word)
	if !ok {
		t.Fatalf("%q is not on the map", word)
	}
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(v.pcaMap).Add(pos)
}

// TestExploreMap drives the PCA map of a trained model as a user would:
// clicking, hovering, zooming, searching and colouring by class.
func TestExploreMap(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	h.do(func() {
		cfg := tinyConfig()
		cfg.MaskZero = true // so that the class colours match PredictTexts
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	v := h.a.explore
	h.waitFor("PCA map drawn", func() bool { return len(v.pcaMap.Words()) > 0 })
	h.do(func() { h.a.tabs.SelectIndex(2) })

	t.Run("shows the words", func(t *testing.T) {
		h.do(func() {
			want := v.vectors.Words[:min(mapWords, v.vectors.Len())]
			if got := v.pcaMap.Words(); !slices.Equal(got, want) {
				t.Errorf("map shows %d words, want the %d most frequent", len(got), len(want))
			}
			if labels := shownLabels(v.pcaMap); !slices.Contains(labels, want[0]) {
				t.Errorf("labels %v miss the most frequent word %q", labels, want[0])
			}
		})
	})

	t.Run("click a point", func(t *testing.T) {
		h.do(func() {
			test.TapCanvas(h.w.Canvas(), mapPointOnCanvas(t, v, "good"))
			if v.pcaMap.Selected() != "good" || v.neighbourQuery != "good" || v.word.Text != "good" {
				t.Fatalf("after clicking good: selected %q, query %q, entry %q; want good for all",
					v.pcaMap.Selected(), v.neighbourQuery, v.word.Text)
			}
			if got := v.list.Length(); got != neighbourCount {
				t.Errorf("neighbour list length = %d, want %d", got, neighbourCount)
			}
			var want []int
			for _, n := range v.neighbours {
				if i := slices.Index(v.pcaMap.Words(), n.Word); i >= 0 {
					want = append(want, i)
				}
			}
			if len(want) == 0 || !slices.Equal(v.pcaMap.neighbours, want) {
				t.Errorf("highlighted points %v, want the neighbours on the map %v", v.pcaMap.neighbours, want)
			}
		})
	})

	t.Run("click fills a tool field", func(t *testing.T) {
		h.do(func() {
			v.mapPanel.pickSel.SetSelectedIndex(6) // add to odd one out
			v.tools.oddWords.SetText("film")
			test.TapCanvas(h.w.Canvas(), mapPointOnCanvas(t, v, "bad"))
			if got := v.tools.oddWords.Text; got != "film, bad" {
				t.Errorf("odd-one-out field = %q, want %q", got, "film, bad")
			}
			v.mapPanel.pickSel.SetSelectedIndex(1) // analogy a
			test.TapCanvas(h.w.Canvas(), mapPointOnCanvas(t, v, "great"))
			if got := v.tools.anaA.Text; got != "great" {
				t.Errorf("analogy a = %q, want great", got)
			}
			v.mapPanel.pickSel.SetSelectedIndex(0)
		})
	})

	t.Run("typed query marks the map", func(t *testing.T) {
		h.do(func() {
			v.word.SetText("awful")
			test.Tap(v.findBtn)
			if v.pcaMap.Selected() != "awful" {
				t.Errorf("map selection = %q after querying awful", v.pcaMap.Selected())
			}
			v.word.SetText("qwertyuiop")
			test.Tap(v.findBtn)
			if v.pcaMap.Selected() != "" || len(v.pcaMap.neighbours) != 0 {
				t.Errorf("failed query left %q selected and %d neighbours", v.pcaMap.Selected(), len(v.pcaMap.neighbours))
			}
		})
	})

	t.Run("hover", func(t *testing.T) {
		h.do(func() {
			test.MoveMouse(h.w.Canvas(), mapPointOnCanvas(t, v, "dull"))
			if v.pcaMap.Hovered() != "dull" {
				t.Errorf("hovered %q, want dull", v.pcaMap.Hovered())
			}
		})
	})

	t.Run("scroll zooms and reset restores", func(t *testing.T) {
		h.do(func() {
			x0, x1, _, _ := v.pcaMap.VisibleRange()
			test.Scroll(h.w.Canvas(), mapPointOnCanvas(t, v, "film"), 0, 40)
			a0, a1, _, _ := v.pcaMap.VisibleRange()
			if a1-a0 >= x1-x0 {
				t.Errorf("visible width %g after zooming in, want less than %g", a1-a0, x1-x0)
			}
			test.Tap(v.mapPanel.resetBtn)
			b0, b1, _, _ := v.pcaMap.VisibleRange()
			if b0 != x0 || b1 != x1 {
				t.Errorf("x range after Reset view = %g..%g, want %g..%g", b0, b1, x0, x1)
			}
			size := v.pcaMap.LabelSize()
			test.Tap(v.mapPanel.larger)
			if got := v.pcaMap.LabelSize(); got != size+mapLabelStep {
				t.Errorf("label size after A+ = %g, want %g", got, size+mapLabelStep)
			}
		})
	})

	t.Run("search", func(t *testing.T) {
		h.do(func() {
			em := v.mapPanel
			words := v.pcaMap.Words()
			match := currentMarkColors().match
			cases := []struct {
				text  string
				match func(string) bool
			}{
				{"OO", func(w string) bool { return strings.Contains(w, "oo") }},
				{"^b", func(w string) bool { return strings.HasPrefix(w, "b") }},
				{"(ing|ful)$", func(w string) bool { return strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ful") }},
			}
			for _, tc := range cases {
				test.Type(em.search, "") // focus
				em.search.SetText(tc.text)
				var want []int
				for i, w := range words {
					if tc.match(w) {
						want = append(want, i)
					}
				}
				if len(want) == 0 {
					t.Fatalf("%q matches no word of the map; the test corpus changed", tc.text)
				}
				if !slices.Equal(em.matches, want) || !slices.Equal(v.pcaMap.highlights, want) {
					t.Errorf("search %q: matches %v, highlights %v; want %v", tc.text, em.matches, v.pcaMap.highlights, want)
				}
				if em.colorSel.SelectedIndex() != colorBySearch {
					t.Errorf("search %q: colour mode %d, want search (%d)", tc.text, em.colorSel.SelectedIndex(), colorBySearch)
				}
				for i := range words {
					if got := v.pcaMap.colors[i]; got != dimmedColor {
						t.Errorf("search %q: %q has colour %v, want %v under the matches", tc.text, words[i], got, dimmedColor)
					}
				}
				// The matches are drawn over the dimmed words in the match
				// colour, at their places on screen.
				img := v.pcaMap.image()
				for _, i := range want {
					pos, _ := v.pcaMap.ScreenPosition(words[i])
					if !v.pcaMap.onScreen(v.pcaMap.xs[i], v.pcaMap.ys[i]) || v.pcaMap.Selected() != "" {
						continue
					}
					if got := toRGBA(img.At(int(pos.X), int(pos.Y))); got != match {
						t.Errorf("search %q: %q is drawn in %v, want the match colour %v", tc.text, words[i], got, match)
					}
				}
				if !em.matchKey.Visible() {
					t.Errorf("search %q: the legend lacks the search match entry", tc.text)
				}
				if em.searchErr.Visible() {
					t.Errorf("search %q shows error %q", tc.text, em.searchErr.Text)
				}
			}

			em.search.SetText("(good")
			if !em.searchErr.Visible() || !strings.Contains(em.searchErr.Text, "Invalid regular expression") {
				t.Errorf("invalid expression: error label %q (visible %v), want it reported", em.searchErr.Text, em.searchErr.Visible())
			}
			if len(em.matches) != 0 {
				t.Errorf("invalid expression matched %d words", len(em.matches))
			}
			em.search.SetText("")
			em.colorSel.SetSelectedIndex(colorByFrequency)
			if em.searchErr.Visible() || v.pcaMap.colors != nil || len(v.pcaMap.highlights) != 0 {
				t.Error("clearing the search left the error, the colours or the highlights")
			}
		})
	})

	t.Run("colour by class", func(t *testing.T) {
		var m *model.Model
		h.do(func() {
			m = v.model
			v.mapPanel.colorSel.SetSelectedIndex(colorByClass)
		})
		h.waitFor("class colours", func() bool { return v.pcaMap.colors != nil })
		h.do(func() {
			words := v.pcaMap.Words()
			// The model masks padding, so the one-step sequences must give
			// the probabilities that PredictTexts gives the padded
			// one-word texts, to float32 rounding.
			p, err := m.PredictTexts(words)
			if err != nil {
				t.Fatal(err)
			}
			probs := wordClassProbs(m, len(words))
			if len(probs) != len(words) {
				t.Fatalf("%d class probabilities for %d words", len(probs), len(words))
			}
			for i, w := range words {
				if math.Abs(float64(probs[i][1]-p[i])) > 1e-5 {
					t.Errorf("%q: one-step probability %.6f, padded text %.6f", w, probs[i][1], p[i])
				}
				if want := viz.LeanColor(float64(probs[i][1])); v.pcaMap.colors[i] != want {
					t.Errorf("%q coloured %v, want %v for p = %.3f", w, v.pcaMap.colors[i], want, probs[i][1])
				}
			}
			if help := v.mapPanel.help.Text; !strings.Contains(help, m.Classes[1]) {
				t.Errorf("help line %q does not name the class %q", help, m.Classes[1])
			}
		})
	})
}

func TestExploreMapWordCount(t *testing.T) {
	h := newHarness(t, Options{})
	rng := rand.New(rand.NewPCG(5, 6))
	const n, dim = 3000, 4
	words := make([]string, n)
	data := make([]float32, n*dim)
	for i := range words {
		words[i] = fmt.Sprintf("w%04d", i)
	}
	for i := range data {
		data[i] = float32(rng.NormFloat64())
	}
	v := h.a.explore
	h.do(func() {
		v.setImported(wordvec.New(words, dim, data), wordvec.LoadInfo{Path: "synthetic.txt", Format: "test"})
	})
	h.waitFor("map of 3000 words", func() bool { return len(v.pcaMap.Words()) == n })

	h.do(func() { v.mapPanel.sizeSel.SetSelectedIndex(1) }) // 2,000
	h.waitFor("map of 2000 words", func() bool { return len(v.pcaMap.Words()) == 2000 })
	h.do(func() {
		if !strings.Contains(v.mapLabel.Text, "first 2,000 words") {
			t.Errorf("caption %q, want the first 2,000 words", v.mapLabel.Text)
		}
		v.mapPanel.colorSel.SetSelectedIndex(colorByClass)
		if v.pcaMap.colors != nil || !strings.Contains(v.mapPanel.help.Text, "needs a trained classifier") {
			t.Errorf("class colouring of imported vectors: help %q, want it explained as unavailable", v.mapPanel.help.Text)
		}
	})
}

// randomVectors returns n three-dimensional vectors of the words w00000,
// w00001 and so on.
func randomVectors(n int) *wordvec.Vectors {
	const dim = 3
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	words := make([]string, n)
	data := make([]float32, n*dim)
	for i := range words {
		words[i] = fmt.Sprintf("w%05d", i)
	}
	for i := range data {
		data[i] = float32(rng.NormFloat64())
	}
	return wordvec.New(words, dim, data)
}

// TestExploreMapWordChoices checks that the word counts offered depend on
// the vectors shown: none above their number of words, and all of them as
// the last choice. A count chosen for large vectors returns with them.
func TestExploreMapWordChoices(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.a.explore
	show := func(n int) {
		t.Helper()
		h.do(func() {
			v.setImported(randomVectors(n), wordvec.LoadInfo{Path: "synthetic.txt", Format: "test"})
		})
	}
	check := func(step string, options []string, selected string, mapped int) {
		t.Helper()
		h.waitFor(fmt.Sprintf("%s: a map of %d words", step, mapped), func() bool { return len(v.pcaMap.Words()) == mapped })
		h.do(func() {
			sel := v.mapPanel.sizeSel
			if got := strings.Join(sel.Options, " | "); got != strings.Join(options, " | ") {
				t.Errorf("%s: word counts offered = %q, want %q", step, got, strings.Join(options, " | "))
			}
			if sel.Selected != selected {
				t.Errorf("%s: word count selected = %q, want %q", step, sel.Selected, selected)
			}
		})
	}

	show(108)
	check("108 words", []string{"all 108"}, "all 108", 108)

	show(3000)
	check("3,000 words", []string{"500", "2,000", "all 3,000"}, "all 3,000", 3000)
	h.do(func() { v.mapPanel.sizeSel.SetSelected("500") })
	check("500 chosen", []string{"500", "2,000", "all 3,000"}, "500", 500)

	show(108)
	check("108 words after 500", []string{"all 108"}, "all 108", 108)

	show(12000)
	check("12,000 words", []string{"500", "2,000", "10,000"}, "500", 500)
	h.do(func() { v.mapPanel.sizeSel.SetSelected("10,000") })
	check("10,000 chosen", []string{"500", "2,000", "10,000"}, "10,000", 10000)

	show(1500)
	check("1,500 words", []string{"500", "all 1,500"}, "all 1,500", 1500)
}

// TestExploreMapEpochs replays per-epoch maps with the slider.
func TestExploreMapEpochs(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.a.explore
	words := []string{"a", "b", "c"}
	frames := [][]MapPoint{
		{{X: 0, Y: 0}, {X: 1, Y: 0}, {X: 0, Y: 1}},
		{{X: 0, Y: 0}, {X: 2, Y: 0}, {X: 0, Y: 2}},
		{{X: 0, Y: 0}, {X: 3, Y: 0}, {X: 0, Y: 3}},
	}
	h.do(func() {
		if err := v.mapPanel.setFrames(words, frames); err != nil {
			t.Fatal(err)
		}
		em := v.mapPanel
		if !em.epochRow.Visible() || em.epochs.Max != 2 || v.pcaMap.Frame() != 2 {
			t.Fatalf("slider visible %v, max %g, frame %d; want visible, 2, 2", em.epochRow.Visible(), em.epochs.Max, v.pcaMap.Frame())
		}
		em.epochs.SetValue(0)
		if v.pcaMap.Frame() != 0 || em.epochText.Text != "Epoch 1" {
			t.Errorf("after moving the slider to 0: frame %d, label %q; want 0 and Epoch 1", v.pcaMap.Frame(), em.epochText.Text)
		}
		if err := em.setFrames(words, frames[:1]); err != nil || em.epochRow.Visible() {
			t.Errorf("one frame: err %v, slider visible %v; want no error and a hidden slider", err, em.epochRow.Visible())
		}
	})
}
