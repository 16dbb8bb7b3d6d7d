package ui

import (
	"context"
	"strings"
	"testing"

	"embedlab/corpus"
	"embedlab/model"
	"embedlab/model/wordvec"
)

// placeholderDemos pairs each translation file with the demo corpus of its
// language.
var placeholderDemos = []struct{ file, demo string }{{"en.json", "en"}, {"zh_Hans.json", "zh"}}

// toolPlaceholderWords returns the example words of the Explore tools'
// placeholders in texts, by translation key.
func toolPlaceholderWords(texts map[string]string) map[string][]string {
	// The word placeholder ends with its example word after a space.
	query := strings.Fields(texts["explore.placeholder"])
	words := map[string][]string{"explore.odd_placeholder": oddFields(texts["explore.odd_placeholder"])}
	if len(query) > 0 {
		words["explore.placeholder"] = query[len(query)-1:]
	}
	for _, key := range []string{"explore.analogy_a", "explore.analogy_b", "explore.analogy_c",
		"explore.similarity_a", "explore.similarity_b"} {
		words[key] = strings.Fields(texts[key])
	}
	return words
}

// TestPlaceholderWordsInExploreDemo checks that every example word of the
// Explore placeholders in each language is in the vocabulary that a model
// prepared with the default settings on that language's demo keeps, and
// that the search example matches some of its words.
func TestPlaceholderWordsInExploreDemo(t *testing.T) {
	for _, tc := range placeholderDemos {
		t.Run(tc.demo, func(t *testing.T) {
			texts := translations(t, tc.file)
			m, _, _, err := model.Prepare(corpus.Demo(tc.demo, 1), model.DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			tok := m.Tokenizer

			for key, words := range toolPlaceholderWords(texts) {
				if len(words) == 0 {
					t.Errorf("%s: %s = %q has no example word", tc.file, key, texts[key])
				}
				for _, w := range words {
					if i, ok := tok.WordIndex[w]; !ok || i >= tok.NumWords {
						t.Errorf("%s: %q of %s is not in the %s demo's vocabulary", tc.file, w, key, tc.demo)
					}
				}
			}

			search := strings.Fields(texts["explore.search_placeholder"])
			if len(search) == 0 {
				t.Fatalf("%s: explore.search_placeholder is empty", tc.file)
			}
			pattern := search[len(search)-1]
			match, err := searchMatcher(pattern)
			if err != nil {
				t.Fatalf("%s: search example %q: %v", tc.file, pattern, err)
			}
			var found []string
			for _, w := range tok.IndexWord[1:min(len(tok.IndexWord), tok.NumWords)] {
				if match(w) {
					found = append(found, w)
				}
			}
			if len(found) < 2 {
				t.Errorf("%s: search example %q finds %q in the %s demo, want at least two words", tc.file, pattern, found, tc.demo)
			}
		})
	}

	// The English window shows the examples of en.json.
	h := newHarness(t, Options{})
	en := translations(t, "en.json")
	h.do(func() {
		tl := h.a.explore.tools
		shown := map[string]string{
			"explore.placeholder":        h.a.explore.word.PlaceHolder,
			"explore.analogy_a":          tl.anaA.PlaceHolder,
			"explore.analogy_b":          tl.anaB.PlaceHolder,
			"explore.analogy_c":          tl.anaC.PlaceHolder,
			"explore.similarity_a":       tl.simA.PlaceHolder,
			"explore.similarity_b":       tl.simB.PlaceHolder,
			"explore.odd_placeholder":    tl.oddWords.PlaceHolder,
			"explore.search_placeholder": h.a.explore.mapPanel.search.PlaceHolder,
		}
		for key, got := range shown {
			if got != en[key] {
				t.Errorf("placeholder of %s = %q, want en.json's %q", key, got, en[key])
			}
		}
	})
}

// TestExploreExamplesGiveSensibleResults trains a small model on each demo
// and puts the placeholders' questions to the vector queries of the tools. The demo's word groups
// fix the sensible answers: the analogy's answer has the polarity of b,
// the two words compared are similar, and the odd one out is the word
// whose polarity differs from the others'.
func TestExploreExamplesGiveSensibleResults(t *testing.T) {
	if testing.Short() {
		t.Skip("trains two small models")
	}
	for _, tc := range placeholderDemos {
		t.Run(tc.demo, func(t *testing.T) {
			words := toolPlaceholderWords(translations(t, tc.file))
			first := func(key string) string { return words[key][0] }
			polarity := map[string]int{}
			for _, g := range corpus.DemoGroups(tc.demo) {
				for _, w := range g.Words {
					polarity[w] = g.Polarity
				}
			}

			// The settings of the model package's demo test, which trains
			// the sentiment groups into neighbours.
			cfg := model.DefaultConfig()
			cfg.Dim, cfg.Units, cfg.Epochs, cfg.MaxLen = 16, 16, 3, 20
			m, train, val, err := model.Prepare(corpus.Demo(tc.demo, 1), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if err := m.Fit(context.Background(), train, val, nil); err != nil {
				t.Fatal(err)
			}
			vocab, vecs := m.WordVectors()
			vectors := wordvec.New(vocab, cfg.Dim, vecs)

			a, b, c := first("explore.analogy_a"), first("explore.analogy_b"), first("explore.analogy_c")
			answers, err := vectors.Analogy(a, b, c, wordvec.CosAdd, 1, 0)
			if err != nil {
				t.Fatalf("analogy %s : %s :: %s : ?: %v", a, b, c, err)
			}
			if got := answers[0].Word; polarity[got] != polarity[b] || polarity[b] == 0 {
				t.Errorf("analogy %s : %s :: %s : ? answers %q of polarity %d, want polarity %d as %q",
					a, b, c, got, polarity[got], polarity[b], b)
			}

			x, y := first("explore.similarity_a"), first("explore.similarity_b")
			sim, err := vectors.Similarity(x, y)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("analogy answer %q, similarity %.3f", answers[0].Word, sim)
			// Both example pairs reached a cosine of 0.98 with these settings.
			if sim < 0.5 {
				t.Errorf("similarity of %s and %s = %.3f, want at least 0.5", x, y, sim)
			}

			list := words["explore.odd_placeholder"]
			count := map[int]int{}
			for _, w := range list {
				count[polarity[w]]++
			}
			var odd []string
			for _, w := range list {
				if count[polarity[w]] == 1 {
					odd = append(odd, w)
				}
			}
			if len(odd) != 1 {
				t.Fatalf("odd-one-out example %q has %d words of a polarity of their own, want exactly one", list, len(odd))
			}
			got, err := vectors.OddOneOut(list)
			if err != nil {
				t.Fatal(err)
			}
			if got != odd[0] {
				t.Errorf("odd one out of %q = %q, want %q", list, got, odd[0])
			}
		})
	}
}
