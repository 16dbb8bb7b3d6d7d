package corpus

import (
	"encoding/json"
	"maps"
	"slices"
	"testing"
)

// The expected values in this file were derived by hand from the rules of
// Keras' Tokenizer in keras_preprocessing/text.py, the version TF 2.x uses.
// Words: lower-case, replace each filter character by split, split on split
// and drop empty strings. Index: words by count, descending, with ties in
// order of first appearance.

func TestTokenizerWords(t *testing.T) {
	tests := []struct {
		name string
		tok  *Tokenizer
		text string
		want []string
	}{
		{"punctuation", NewTokenizer(0), "Hello, World!", []string{"hello", "world"}},
		{"upper case", NewTokenizer(0), "UPPER lower MiXeD", []string{"upper", "lower", "mixed"}},
		{"multiple spaces", NewTokenizer(0), "  a  b   c ", []string{"a", "b", "c"}},
		{"tabs and newlines", NewTokenizer(0), "tab\tsep\nnew", []string{"tab", "sep", "new"}},
		{"apostrophe kept", NewTokenizer(0), "don't stop", []string{"don't", "stop"}},
		{"every default filter", NewTokenizer(0), "a!b\"c#d$e%f&g(h)i*j+k,l-m.n/o:p;q<r=s>t?u@v[w\\x]y^z_1`2{3|4}5~6",
			[]string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
				"n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z", "1", "2", "3", "4", "5", "6"}},
		// \r is not a filter, so Keras keeps it inside the word.
		{"carriage return kept", NewTokenizer(0), "a\r\nb", []string{"a\r", "b"}},
		{"empty", NewTokenizer(0), "", nil},
		{"only filters", NewTokenizer(0), "?! ...", nil},
		{"accented", NewTokenizer(0), "Café ÉTÉ", []string{"café", "été"}},
		// Full-width punctuation is not in the default filters.
		{"chinese", NewTokenizer(0), "这 部 电影，很 好", []string{"这", "部", "电影，很", "好"}},
		{"lower off", &Tokenizer{Filters: DefaultFilters, Split: " "}, "Hello World", []string{"Hello", "World"}},
		{"no filters", &Tokenizer{Lower: true, Split: " "}, "Hi, there.", []string{"hi,", "there."}},
		// Filters become "," too, so the space survives inside the first word.
		{"comma split", &Tokenizer{Filters: DefaultFilters, Lower: true, Split: ","}, "a b,c", []string{"a b", "c"}},
		// "xa.y" → "xaaby" → split on "ab" → "xa", "y", as Python's str.split does.
		{"multi-rune split", &Tokenizer{Filters: DefaultFilters, Lower: true, Split: "ab"}, "xa.y", []string{"xa", "y"}},
		{"empty split means space", &Tokenizer{Filters: DefaultFilters, Lower: true}, "A b", []string{"a", "b"}},
		{"non-ascii filter", &Tokenizer{Filters: "，。", Lower: true, Split: " "}, "好，很好。", []string{"好", "很好"}},
		// Keras lower-cases before it filters, so an upper-case filter never matches.
		{"upper-case filter after lower", &Tokenizer{Filters: "A", Lower: true, Split: " "}, "bAnana", []string{"banana"}},
		{"upper-case filter without lower", &Tokenizer{Filters: "A", Split: " "}, "bAnana", []string{"b", "nana"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.tok.Words(tc.text)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestFitOnTexts(t *testing.T) {
	tok := NewTokenizer(0)
	tok.FitOnTexts([]string{"The cat sat.", "The dog sat!", "a DOG, a cat; the end"})

	// Counts: the 3, cat 2, sat 2, dog 2, a 2, end 1. The four words with
	// count 2 keep their order of first appearance.
	wantIndex := []string{"", "the", "cat", "sat", "dog", "a", "end"}
	if !slices.Equal(tok.IndexWord, wantIndex) {
		t.Errorf("IndexWord = %q, want %q", tok.IndexWord, wantIndex)
	}
	for i, w := range wantIndex[1:] {
		if got := tok.WordIndex[w]; got != i+1 {
			t.Errorf("WordIndex[%q] = %d, want %d", w, got, i+1)
		}
	}
	wantCounts := map[string]int{"the": 3, "cat": 2, "sat": 2, "dog": 2, "a": 2, "end": 1}
	if !maps.Equal(tok.WordCounts, wantCounts) {
		t.Errorf("WordCounts = %v, want %v", tok.WordCounts, wantCounts)
	}
	wantDocs := map[string]int{"the": 3, "cat": 2, "sat": 2, "dog": 2, "a": 1, "end": 1}
	if !maps.Equal(tok.WordDocs, wantDocs) {
		t.Errorf("WordDocs = %v, want %v", tok.WordDocs, wantDocs)
	}
	if tok.DocCount != 3 {
		t.Errorf("DocCount = %d, want 3", tok.DocCount)
	}
}

func TestFitOnTextsOrder(t *testing.T) {
	tests := []struct {
		name  string
		fits  [][]string // one FitOnTexts call per entry
		want  []string   // IndexWord
		count int        // DocCount
	}{
		// b and a both occur twice; b came first, so alphabetical order loses.
		{"ties by first appearance", [][]string{{"b a", "a b"}}, []string{"", "b", "a"}, 2},
		{"count beats appearance", [][]string{{"z y x", "x x", "y"}}, []string{"", "x", "y", "z"}, 3},
		// Counts accumulate over calls: b 1, a 2, c 1, and b precedes c.
		{"two calls", [][]string{{"b a"}, {"a c"}}, []string{"", "a", "b", "c"}, 2},
		{"no texts", [][]string{{}}, []string{""}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := NewTokenizer(0)
			for _, texts := range tc.fits {
				tok.FitOnTexts(texts)
			}
			if !slices.Equal(tok.IndexWord, tc.want) {
				t.Errorf("IndexWord = %q, want %q", tok.IndexWord, tc.want)
			}
			if tok.DocCount != tc.count {
				t.Errorf("DocCount = %d, want %d", tok.DocCount, tc.count)
			}
		})
	}
}

func TestTextsToSequences(t *testing.T) {
	texts := []string{"The cat sat.", "The dog sat!", "a DOG, a cat; the end"}
	// Without OOV: the 1, cat 2, sat 3, dog 4, a 5, end 6.
	// With OOV "<unk>": <unk> 1, the 2, cat 3, sat 4, dog 5, a 6, end 7.
	query := []string{"The end, cat dog zebra", "", "zebra"}
	tests := []struct {
		name     string
		numWords int
		oov      string
		want     [][]int
	}{
		{"all words", 0, "", [][]int{{1, 6, 2, 4}, {}, {}}},
		{"num words 4", 4, "", [][]int{{1, 2}, {}, {}}},
		{"num words 1 drops all", 1, "", [][]int{{}, {}, {}}},
		{"negative num words keeps all", -1, "", [][]int{{1, 6, 2, 4}, {}, {}}},
		{"oov", 0, "<unk>", [][]int{{2, 7, 3, 5, 1}, {}, {1}}},
		{"oov and num words 4", 4, "<unk>", [][]int{{2, 1, 3, 1, 1}, {}, {1}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := NewTokenizer(tc.numWords)
			tok.OOVToken = tc.oov
			tok.FitOnTexts(texts)
			got := tok.TextsToSequences(query)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d sequences, want %d", len(got), len(tc.want))
			}
			for i := range got {
				if !slices.Equal(got[i], tc.want[i]) {
					t.Errorf("sequence %d of %q = %v, want %v", i, query[i], got[i], tc.want[i])
				}
			}
		})
	}
}

// TestOOVTokenInTexts checks the Keras quirk: the OOV token is listed first,
// then again among the words, and the later index wins in word_index while
// index_word loses index 1.
func TestOOVTokenInTexts(t *testing.T) {
	tok := NewTokenizer(0)
	tok.OOVToken = "cat"
	tok.FitOnTexts([]string{"The cat sat.", "The dog sat!", "a DOG, a cat; the end"})

	want := []string{"", "", "the", "cat", "sat", "dog", "a", "end"}
	if !slices.Equal(tok.IndexWord, want) {
		t.Errorf("IndexWord = %q, want %q", tok.IndexWord, want)
	}
	if got := tok.WordIndex["cat"]; got != 3 {
		t.Errorf("WordIndex[cat] = %d, want 3", got)
	}
	if got := len(tok.WordIndex); got != 6 {
		t.Errorf("len(WordIndex) = %d, want 6", got)
	}
	seq := tok.TextsToSequences([]string{"zebra cat"})[0]
	if !slices.Equal(seq, []int{3, 3}) {
		t.Errorf("sequence = %v, want [3 3]", seq)
	}
	if got := tok.VocabSize(); got != 8 {
		t.Errorf("VocabSize = %d, want 8", got)
	}
}

func TestUnfittedTokenizer(t *testing.T) {
	tok := NewTokenizer(0)
	tok.OOVToken = "<unk>"
	seqs := tok.TextsToSequences([]string{"a b"})
	if len(seqs) != 1 || len(seqs[0]) != 0 {
		t.Errorf("TextsToSequences = %v, want [[]]", seqs)
	}
	if got := tok.VocabSize(); got != 1 {
		t.Errorf("VocabSize = %d, want 1", got)
	}
}

func TestVocabSize(t *testing.T) {
	texts := []string{"a b c d e"} // five words, indices 1..5
	tests := []struct {
		name     string
		numWords int
		oov      string
		want     int
	}{
		{"all words", 0, "", 6},
		{"num words below", 3, "", 3},
		{"num words above", 100, "", 6},
		{"oov", 0, "<unk>", 7},
		{"oov and num words", 4, "<unk>", 4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := NewTokenizer(tc.numWords)
			tok.OOVToken = tc.oov
			tok.FitOnTexts(texts)
			if got := tok.VocabSize(); got != tc.want {
				t.Errorf("VocabSize = %d, want %d", got, tc.want)
			}
			for _, seq := range tok.TextsToSequences(append(texts, "zzz")) {
				for _, i := range seq {
					if i >= tc.want {
						t.Errorf("sequence index %d not below VocabSize %d", i, tc.want)
					}
				}
			}
		})
	}
}

func TestTokenizerJSONRoundTrip(t *testing.T) {
	first := []string{"b a", "a c", "d"}
	second := []string{"d c", "e"}

	tok := NewTokenizer(3)
	tok.OOVToken = "<unk>"
	tok.FitOnTexts(first)
	data, err := json.Marshal(tok)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var back Tokenizer
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}

	query := []string{"a b c d e"}
	if got, want := back.TextsToSequences(query), tok.TextsToSequences(query); !slices.Equal(got[0], want[0]) {
		t.Errorf("after round trip sequence = %v, want %v", got[0], want[0])
	}

	// Fitting the restored tokenizer further must equal fitting once on all texts.
	back.FitOnTexts(second)
	whole := NewTokenizer(3)
	whole.OOVToken = "<unk>"
	whole.FitOnTexts(append(slices.Clone(first), second...))
	if !slices.Equal(back.IndexWord, whole.IndexWord) {
		t.Errorf("IndexWord after refit = %q, want %q", back.IndexWord, whole.IndexWord)
	}
	if back.DocCount != whole.DocCount {
		t.Errorf("DocCount after refit = %d, want %d", back.DocCount, whole.DocCount)
	}
}

func TestBuildIndexWithoutWordOrder(t *testing.T) {
	tok := NewTokenizer(0)
	tok.FitOnTexts([]string{"b a", "a b", "c"})
	want := slices.Clone(tok.IndexWord)

	// A file without WordOrder falls back to the order of the stored index.
	tok.WordOrder = nil
	tok.BuildIndex()
	if !slices.Equal(tok.IndexWord, want) {
		t.Errorf("IndexWord = %q, want %q", tok.IndexWord, want)
	}

	// Words only in WordCounts follow, alphabetically among equal counts.
	tok.WordOrder = nil
	tok.WordIndex = nil
	tok.BuildIndex()
	if got := []string{"", "a", "b", "c"}; !slices.Equal(tok.IndexWord, got) {
		t.Errorf("IndexWord without index = %q, want %q", tok.IndexWord, got)
	}
}

func BenchmarkFitOnTexts(b *testing.B) {
	texts := Demo("en", 1).Texts()
	b.ReportAllocs()
	for b.Loop() {
		NewTokenizer(0).FitOnTexts(texts)
	}
}

func BenchmarkTextsToSequences(b *testing.B) {
	texts := Demo("en", 1).Texts()
	tok := NewTokenizer(0)
	tok.FitOnTexts(texts)
	b.ReportAllocs()
	for b.Loop() {
		tok.TextsToSequences(texts)
	}
}

// TestKerasParity checks fit_on_texts and texts_to_sequences against results
// worked out by hand from keras_preprocessing/text.py (Keras 2.x, the copy
// in TF 2.x). The rules each case relies on:
//   - fit_on_texts counts words in an OrderedDict, so the order of first
//     appearance is kept; wcounts.sort(key=count, reverse=True) is stable,
//     so ties keep that order; word_index numbers them from 1, after
//     oov_token when it is set.
//   - texts_to_sequences drops a word whose index i has num_words and
//     i >= num_words, or replaces it by oov_token's index when oov_token is
//     set; an unknown word likewise.
//   - with char_level=True, fit_on_texts and texts_to_sequences lower-case
//     the text and iterate over its characters: text_to_word_sequence is
//     not called, so filters and split do not apply.
//   - text_to_word_sequence("") is [] because "".split(" ") is [""] and
//     empty strings are dropped; the empty text still counts as a document.
func TestKerasParity(t *testing.T) {
	tests := []struct {
		name      string
		tok       func() *Tokenizer
		fit       []string
		wantIndex []string // IndexWord
		query     []string
		wantSeqs  [][]int
	}{
		{
			// Counts c 2, b 2, a 2, d 1; the three ties keep the order c, b, a.
			name:      "ties in counts",
			tok:       func() *Tokenizer { return NewTokenizer(0) },
			fit:       []string{"c b a", "a b c", "d"},
			wantIndex: []string{"", "c", "b", "a", "d"},
			query:     []string{"a b c d"},
			wantSeqs:  [][]int{{3, 2, 1, 4}},
		},
		{
			// num_words 3 keeps indices 1 and 2: c and b; a (3) and d (4) go.
			name:      "num_words",
			tok:       func() *Tokenizer { return NewTokenizer(3) },
			fit:       []string{"c b a", "a b c", "d"},
			wantIndex: []string{"", "c", "b", "a", "d"},
			query:     []string{"a b c d e"},
			wantSeqs:  [][]int{{2, 1}},
		},
		{
			// <unk> takes index 1, so num_words 3 keeps only c (2); every
			// other word, known or not, becomes 1.
			name:      "oov_token with num_words",
			tok:       func() *Tokenizer { t := NewTokenizer(3); t.OOVToken = "<unk>"; return t },
			fit:       []string{"c b a", "a b c", "d"},
			wantIndex: []string{"", "<unk>", "c", "b", "a", "d"},
			query:     []string{"a b c d e"},
			wantSeqs:  [][]int{{1, 1, 2, 1, 1}},
		},
		{
			// Filters "xy" become split " ", so "axb y" reads "a b  ", while
			// "!" is no filter here: counts a 1, b 1, b! 1 in that order.
			name:      "custom filters",
			tok:       func() *Tokenizer { t := NewTokenizer(0); t.Filters = "xy"; return t },
			fit:       []string{"axb y", "b!"},
			wantIndex: []string{"", "a", "b", "b!"},
			query:     []string{"b!xa"},
			wantSeqs:  [][]int{{3, 1}},
		},
		{
			// "Ab a" lower-cases to a, b, " ", a and "b!" gives b, !: counts
			// a 2, b 2, " " 1, ! 1 in that order of appearance. "?" is unknown.
			name:      "char_level",
			tok:       func() *Tokenizer { t := NewTokenizer(0); t.CharLevel = true; return t },
			fit:       []string{"Ab a", "b!"},
			wantIndex: []string{"", "a", "b", " ", "!"},
			query:     []string{"BA!?", ""},
			wantSeqs:  [][]int{{2, 1, 4}, {}},
		},
		{
			name:      "char_level with oov_token",
			tok:       func() *Tokenizer { t := NewTokenizer(4); t.CharLevel = true; t.OOVToken = "<unk>"; return t },
			fit:       []string{"Ab a", "b!"},
			wantIndex: []string{"", "<unk>", "a", "b", " ", "!"},
			query:     []string{"ba !?"},
			wantSeqs:  [][]int{{3, 2, 1, 1, 1}},
		},
		{
			// lower=False keeps "A" and "a" apart in char_level too.
			name:      "char_level without lower",
			tok:       func() *Tokenizer { t := NewTokenizer(0); t.CharLevel = true; t.Lower = false; return t },
			fit:       []string{"aA", "a"},
			wantIndex: []string{"", "a", "A"},
			query:     []string{"Aa"},
			wantSeqs:  [][]int{{2, 1}},
		},
		{
			name:      "empty texts",
			tok:       func() *Tokenizer { t := NewTokenizer(0); t.OOVToken = "<unk>"; return t },
			fit:       []string{"", "a", ""},
			wantIndex: []string{"", "<unk>", "a"},
			query:     []string{"", "a", "!!"},
			wantSeqs:  [][]int{{}, {2}, {}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.tok()
			tok.FitOnTexts(tc.fit)
			if !slices.Equal(tok.IndexWord, tc.wantIndex) {
				t.Errorf("IndexWord = %q, want %q", tok.IndexWord, tc.wantIndex)
			}
			if tok.DocCount != len(tc.fit) {
				t.Errorf("DocCount = %d, want %d", tok.DocCount, len(tc.fit))
			}
			got := tok.TextsToSequences(tc.query)
			for i := range tc.wantSeqs {
				if !slices.Equal(got[i], tc.wantSeqs[i]) {
					t.Errorf("sequence of %q = %v, want %v", tc.query[i], got[i], tc.wantSeqs[i])
				}
				if one := tok.TextToSequence(tc.query[i]); !slices.Equal(one, tc.wantSeqs[i]) {
					t.Errorf("TextToSequence(%q) = %v, want %v", tc.query[i], one, tc.wantSeqs[i])
				}
			}
		})
	}
}

// TestCharLevelWordDocs checks word_docs, which Keras fills from set(seq):
// a character counts once per text however often it occurs there.
func TestCharLevelWordDocs(t *testing.T) {
	tok := NewTokenizer(0)
	tok.CharLevel = true
	tok.FitOnTexts([]string{"aab", "a"})
	want := map[string]int{"a": 2, "b": 1}
	if !maps.Equal(tok.WordDocs, want) {
		t.Errorf("WordDocs = %v, want %v", tok.WordDocs, want)
	}
	if got := tok.WordCounts["a"]; got != 3 {
		t.Errorf("WordCounts[a] = %d, want 3", got)
	}
}

func TestCharLevelInvalidUTF8(t *testing.T) {
	tok := NewTokenizer(0)
	tok.CharLevel = true
	got := tok.Words("a\xffé\uFFFD")
	want := []string{"a", "\uFFFD", "é", "\uFFFD"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestFitOnSeqEqualsFitOnTexts(t *testing.T) {
	texts := []string{"The cat sat.", "", "The dog sat!", "a DOG, a cat; the end"}
	a := NewTokenizer(0)
	a.FitOnTexts(texts)
	b := NewTokenizer(0)
	b.FitOnSeq(slices.Values(texts))
	if !slices.Equal(a.IndexWord, b.IndexWord) || a.DocCount != b.DocCount {
		t.Errorf("FitOnSeq gave %q (%d docs), FitOnTexts %q (%d docs)", b.IndexWord, b.DocCount, a.IndexWord, a.DocCount)
	}
}

func TestTokenizerValidate(t *testing.T) {
	tests := []struct {
		name    string
		mode    string
		seg     string
		wantErr bool
	}{
		{"defaults", "", "", false},
		{"keras", ModeKeras, "", false},
		{"unicode words", ModeUnicode, SegmentWords, false},
		{"chars", "", SegmentChars, false},
		{"unknown mode", "ascii", "", true},
		{"unknown segmenter", "", "auto", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := NewTokenizer(0)
			tok.Mode, tok.Segmenter = tc.mode, tc.seg
			if err := tok.Validate(); (err != nil) != tc.wantErr {
				t.Errorf("Validate() = %v, want error %v", err, tc.wantErr)
			}
		})
	}
}
