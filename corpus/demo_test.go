package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestDemoDeterministic(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			a, b := Demo(lang, 7), Demo(lang, 7)
			if !slices.Equal(a.Texts(), b.Texts()) || !slices.Equal(a.LabelIndices(), b.LabelIndices()) {
				t.Errorf("two corpora with seed 7 differ")
			}
			if c := Demo(lang, 8); slices.Equal(a.Texts(), c.Texts()) {
				t.Errorf("seeds 7 and 8 give the same corpus")
			}
		})
	}
}

func TestDemoShape(t *testing.T) {
	tests := []struct{ lang, name string }{
		{"en", "demo (English)"},
		{"zh", "demo (中文)"},
	}
	for _, tc := range tests {
		t.Run(tc.lang, func(t *testing.T) {
			c := Demo(tc.lang, 1)
			if c.Name != tc.name {
				t.Errorf("Name = %q, want %q", c.Name, tc.name)
			}
			if len(c.Docs) != DemoSize {
				t.Errorf("docs = %d, want %d", len(c.Docs), DemoSize)
			}
			if !slices.Equal(c.Classes, []string{"neg", "pos"}) {
				t.Errorf("Classes = %q, want [neg pos]", c.Classes)
			}
			tok := demoTokenizer(c)
			st := ComputeStats(c, tok)
			for _, cc := range st.Classes {
				if cc.Count != DemoSize/2 {
					t.Errorf("class %s has %d docs, want %d", cc.Class, cc.Count, DemoSize/2)
				}
			}

			for _, d := range c.Docs {
				if n := len(tok.Words(d.Text)); n < 4 || n > 15 {
					t.Errorf("%q has %d words, want 4 to 15", d.Text, n)
				}
			}
			// A mix of templates gives a spread of lengths, not one length.
			if st.P50 == st.Max {
				t.Errorf("median length %d equals max length", st.P50)
			}
		})
	}
}

func TestDemoGroupWords(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			tok := demoTokenizer(Demo(lang, 3))

			groups := DemoGroups(lang)
			if len(groups) != 8 {
				t.Errorf("got %d groups, want 8", len(groups))
			}
			owner := map[string]string{}
			for _, g := range groups {
				if len(g.Words) < 5 {
					t.Errorf("group %q has %d words, want at least 5", g.Name, len(g.Words))
				}
				for _, w := range g.Words {
					if words := tok.Words(w); !slices.Equal(words, []string{w}) {
						t.Errorf("group word %q splits into %q", w, words)
					}
					if tok.WordCounts[w] == 0 {
						t.Errorf("group word %q (%s) does not occur", w, g.Name)
					}
					if other, ok := owner[w]; ok {
						t.Errorf("word %q is in groups %q and %q", w, other, g.Name)
					}
					owner[w] = g.Name
				}
			}
		})
	}
}

func TestDemoSentimentWordsMatchLabels(t *testing.T) {
	// Strong adjectives and verbs decide the label in every template, so a
	// document never holds a positive one under "neg" or the reverse.
	for _, lang := range []string{"en", "zh"} {
		t.Run(lang, func(t *testing.T) {
			decisive := map[string]string{}
			for _, g := range DemoGroups(lang) {
				if g.Name == "mild positive adjectives" || g.Name == "mild negative adjectives" || g.Polarity == 0 {
					continue
				}
				for _, w := range g.Words {
					decisive[w] = map[int]string{1: "pos", -1: "neg"}[g.Polarity]
				}
			}
			c := Demo(lang, 5)
			tok := demoTokenizer(c)
			for _, d := range c.Docs {
				for _, w := range tok.Words(d.Text) {
					if label, ok := decisive[w]; ok && label != d.Label {
						t.Errorf("%q is %s but contains %q", d.Text, d.Label, w)
					}
				}
			}
		})
	}
}

func TestDemoChineseIsCJK(t *testing.T) {
	var han, other int
	for _, d := range Demo("zh", 1).Docs {
		if strings.ContainsRune(d.Text, ' ') {
			t.Errorf("%q contains a space, want natural Chinese text without spaces", d.Text)
		}
		for _, r := range d.Text {
			switch {
			case !unicode.IsLetter(r):
			case unicode.Is(unicode.Han, r):
				han++
			default:
				other++
			}
		}
	}
	if frac := float64(han) / float64(han+other); frac < 0.99 {
		t.Errorf("Han share of letters = %.3f, want at least 0.99", frac)
	}
}

// TestDemoChineseSegmentsIntoItsWords checks that the Chinese demo, which
// has no spaces, gets the word segmenter, and that the segmenter cuts every
// occurrence of each group word out as one token. A word that merges with a
// neighbour, as 差 in 很差 would, loses occurrences to that merge.
func TestDemoChineseSegmentsIntoItsWords(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		c := Demo("zh", seed)
		tok := demoTokenizer(c)
		if tok.Segmenter != SegmentWords {
			t.Fatalf("seed %d: detected segmenter %q, want %q", seed, tok.Segmenter, SegmentWords)
		}
		text := strings.Join(c.Texts(), "\n")
		for _, g := range DemoGroups("zh") {
			for _, w := range g.Words {
				if got, want := tok.WordCounts[w], strings.Count(text, w); got != want {
					t.Errorf("seed %d: %q (%s) is a token %d times in %d occurrences", seed, w, g.Name, got, want)
				}
			}
		}
	}
}

// demoTokenizer returns a tokenizer fitted on c with the segmenter that
// DetectSegmenter chooses for it, as the app and the CLI fit it.
func demoTokenizer(c *Corpus) *Tokenizer {
	texts := c.Texts()
	tok := NewTokenizer(0)
	tok.Segmenter = DetectSegmenter(texts)
	tok.FitOnTexts(texts)
	return tok
}

func TestDemoOtherLanguageIsEnglish(t *testing.T) {
	if !slices.Equal(Demo("fr", 2).Texts(), Demo("en", 2).Texts()) {
		t.Errorf("Demo(\"fr\") differs from Demo(\"en\")")
	}
	if DemoGroups("")[0].Words[0] != DemoGroups("en")[0].Words[0] {
		t.Errorf("DemoGroups(\"\") differs from DemoGroups(\"en\")")
	}
}

func TestDemoGroupsAreCopies(t *testing.T) {
	g := DemoGroups("en")
	first := g[0].Words[0]
	g[0].Words[0] = "changed"
	if got := DemoGroups("en")[0].Words[0]; got != first {
		t.Errorf("DemoGroups word changed to %q by a caller", got)
	}
}

func TestDemoNameMatchesDemo(t *testing.T) {
	names := map[string]bool{}
	for _, lang := range []string{"en", "zh"} {
		name := DemoName(lang)
		if got := Demo(lang, 1).Name; got != name {
			t.Errorf("Demo(%q).Name = %q, DemoName(%q) = %q", lang, got, lang, name)
		}
		names[name] = true
	}
	if len(names) != 2 {
		t.Errorf("DemoName gives %d names for two languages, want two different ones", len(names))
	}
}
