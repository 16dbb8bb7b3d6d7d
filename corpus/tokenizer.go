package corpus

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// DefaultFilters is the set of characters Keras' Tokenizer removes by default.
const DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

// Tokenizer turns texts into sequences of word indices with the rules of
// Keras' text Tokenizer (keras.preprocessing.text.Tokenizer as shipped with
// TF 2.x and Keras 2.x, word level, no analyzer).
//
// The exported fields are the whole state, so a Tokenizer survives a JSON
// round trip. FitOnTexts must not run concurrently with any other method;
// Words and TextsToSequences only read the fields and may run concurrently.
//
// NOTE: lower-casing uses strings.ToLower, which differs from Python's
// str.lower for a few characters (Python maps a final capital sigma to ς and
// İ to two code points).
type Tokenizer struct {
	NumWords int    // keep indices 1..NumWords-1 in sequences; 0 (or less) keeps every word
	Filters  string // characters replaced by Split before splitting
	Lower    bool
	Split    string // separator of words; "" is treated as " " (Python would raise an error)
	OOVToken string // when not empty, index 1 and the replacement for unknown words

	WordCounts map[string]int
	WordIndex  map[string]int // 1-based, ordered by count with ties in order of first appearance
	IndexWord  []string       // IndexWord[i] is the word with index i; IndexWord[0] is ""
	DocCount   int

	// WordDocs is the number of documents each word occurs in (Keras' word_docs).
	WordDocs map[string]int `json:",omitempty"`
	// WordOrder lists the words of WordCounts in order of first appearance.
	// Keras keeps that order in an OrderedDict and breaks count ties with it.
	WordOrder []string `json:",omitempty"`
}

// NewTokenizer returns a tokenizer with Keras' defaults and num_words numWords.
func NewTokenizer(numWords int) *Tokenizer {
	return &Tokenizer{NumWords: numWords, Filters: DefaultFilters, Lower: true, Split: " "}
}

// wordCount is the per-word state FitOnTexts accumulates.
type wordCount struct {
	count, docs int
	lastDoc     int // DocCount of the last document the word was counted in
}

// FitOnTexts updates the word counts and rebuilds WordIndex and IndexWord.
// Calling it several times accumulates counts as Keras does.
func (t *Tokenizer) FitOnTexts(texts []string) {
	t.syncOrder()
	sp := newSplitter(t)

	// Count in a slice of entries so that the loop does one map lookup per
	// word and allocates only for new words.
	slot := make(map[string]int, len(t.WordOrder))
	entries := make([]wordCount, len(t.WordOrder))
	for i, w := range t.WordOrder {
		slot[w] = i
		entries[i] = wordCount{count: t.WordCounts[w], docs: t.WordDocs[w]}
	}
	var words []string
	for _, text := range texts {
		t.DocCount++
		words = sp.appendWords(words[:0], text)
		for _, w := range words {
			i, ok := slot[w]
			if !ok {
				// Clone so that the map does not keep the whole text alive.
				w = strings.Clone(w)
				i = len(entries)
				slot[w] = i
				entries = append(entries, wordCount{})
				t.WordOrder = append(t.WordOrder, w)
			}
			e := &entries[i]
			e.count++
			if e.lastDoc != t.DocCount {
				e.docs++
				e.lastDoc = t.DocCount
			}
		}
	}

	t.WordCounts = make(map[string]int, len(entries))
	t.WordDocs = make(map[string]int, len(entries))
	for i, w := range t.WordOrder {
		t.WordCounts[w] = entries[i].count
		t.WordDocs[w] = entries[i].docs
	}
	t.BuildIndex()
}

// BuildIndex rebuilds WordIndex and IndexWord from WordCounts, WordOrder and
// OOVToken: words sorted by count, descending, with ties in order of first
// appearance, numbered from 1, or from 2 after OOVToken.
//
// It reproduces a Keras quirk: when OOVToken also occurs as a word in the
// texts, WordIndex maps it to its later index and IndexWord[1] is "".
func (t *Tokenizer) BuildIndex() {
	t.syncOrder()
	words := slices.Clone(t.WordOrder)
	// Stable, so ties keep the order of first appearance like Python's
	// list.sort(reverse=True).
	slices.SortStableFunc(words, func(a, b string) int {
		return cmp.Compare(t.WordCounts[b], t.WordCounts[a])
	})

	vocab := words
	if t.OOVToken != "" {
		vocab = append([]string{t.OOVToken}, words...)
	}
	t.WordIndex = make(map[string]int, len(vocab))
	t.IndexWord = make([]string, len(vocab)+1)
	for i, w := range vocab {
		if old, ok := t.WordIndex[w]; ok {
			t.IndexWord[old] = ""
		}
		t.WordIndex[w] = i + 1
		t.IndexWord[i+1] = w
	}
}

// syncOrder makes WordOrder list exactly the words of WordCounts. A
// Tokenizer built by hand or read from a file without WordOrder gets the
// words in their current index order, then the others alphabetically.
func (t *Tokenizer) syncOrder() {
	if t.WordCounts == nil {
		t.WordCounts = map[string]int{}
	}
	seen := make(map[string]bool, len(t.WordCounts))
	order := make([]string, 0, len(t.WordCounts))
	for _, w := range t.WordOrder {
		if _, ok := t.WordCounts[w]; ok && !seen[w] {
			seen[w] = true
			order = append(order, w)
		}
	}
	if len(order) == len(t.WordCounts) {
		t.WordOrder = order
		return
	}

	var missing []string
	for w := range t.WordCounts {
		if !seen[w] {
			missing = append(missing, w)
		}
	}
	sort.Slice(missing, func(i, j int) bool {
		a, aok := t.WordIndex[missing[i]]
		b, bok := t.WordIndex[missing[j]]
		if aok != bok {
			return aok
		}
		if a != b {
			return a < b
		}
		return missing[i] < missing[j]
	})
	t.WordOrder = append(order, missing...)
}

// Words splits text into words (Keras' text_to_word_sequence): lower-case
// it when Lower is set, replace every character of Filters by Split, split
// on Split and drop empty strings.
func (t *Tokenizer) Words(text string) []string {
	return newSplitter(t).appendWords(nil, text)
}

// TextsToSequences maps each text to its word indices, dropping words whose
// index is NumWords or more and unknown words, unless OOVToken is set: then
// both become the index of OOVToken. An unfitted tokenizer with OOVToken
// drops every word, because OOVToken has no index yet.
func (t *Tokenizer) TextsToSequences(texts []string) [][]int {
	sp := newSplitter(t)
	oov, hasOOV := 0, false
	if t.OOVToken != "" {
		oov, hasOOV = t.WordIndex[t.OOVToken]
	}

	out := make([][]int, len(texts))
	var words []string
	for n, text := range texts {
		words = sp.appendWords(words[:0], text)
		seq := make([]int, 0, len(words))
		for _, w := range words {
			i, ok := t.WordIndex[w]
			switch {
			case ok && (t.NumWords <= 0 || i < t.NumWords):
				seq = append(seq, i)
			case hasOOV:
				seq = append(seq, oov)
			}
		}
		out[n] = seq
	}
	return out
}

// VocabSize returns the number of rows an Embedding layer needs for the
// sequences of TextsToSequences: every index in them is less than it. It is
// min(NumWords, len(IndexWord)) when NumWords > 0, else len(IndexWord), and
// at least 1 and more than the index of OOVToken.
func (t *Tokenizer) VocabSize() int {
	n := max(len(t.IndexWord), 1)
	if t.NumWords > 0 && t.NumWords < n {
		n = t.NumWords
	}
	if t.OOVToken != "" {
		if i, ok := t.WordIndex[t.OOVToken]; ok && i >= n {
			n = i + 1
		}
	}
	return n
}

// splitter is the text_to_word_sequence of one Tokenizer configuration,
// prepared once per call so that the Tokenizer itself caches nothing.
type splitter struct {
	lower     bool
	split     string
	filters   string
	oneRune   bool      // split is a single rune, which allows the fast path
	asciiSep  [128]bool // ASCII filter characters, plus split on the fast path
	otherSeps []rune    // non-ASCII filter characters, plus split on the fast path
}

func newSplitter(t *Tokenizer) *splitter {
	s := &splitter{lower: t.Lower, split: t.Split, filters: t.Filters}
	if s.split == "" {
		s.split = " "
	}
	seps := s.filters
	if utf8.RuneCountInString(s.split) == 1 {
		// Replacing filters by a one-rune split and then splitting on it
		// equals splitting on any filter or split rune.
		s.oneRune = true
		seps += s.split
	}
	for _, r := range seps {
		if r < utf8.RuneSelf {
			s.asciiSep[r] = true
		} else {
			s.otherSeps = append(s.otherSeps, r)
		}
	}
	return s
}

// appendWords appends the words of text to dst. On the fast path the words
// are substrings of text (or of its lower-cased copy).
func (s *splitter) appendWords(dst []string, text string) []string {
	if s.lower {
		text = strings.ToLower(text)
	}
	if !s.oneRune {
		return s.appendWordsSlow(dst, text)
	}

	start := -1
	for i, r := range text {
		var sep bool
		if r < utf8.RuneSelf {
			sep = s.asciiSep[r]
		} else {
			sep = slices.Contains(s.otherSeps, r)
		}
		switch {
		case sep && start >= 0:
			dst = append(dst, text[start:i])
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	if start >= 0 {
		dst = append(dst, text[start:])
	}
	return dst
}

// appendWordsSlow follows Keras literally for a split of several runes,
// where a replaced filter can join with its neighbours to form a separator.
func (s *splitter) appendWordsSlow(dst []string, text string) []string {
	var b strings.Builder
	for _, r := range text {
		if strings.ContainsRune(s.filters, r) {
			b.WriteString(s.split)
		} else {
			b.WriteRune(r)
		}
	}
	for _, w := range strings.Split(b.String(), s.split) {
		if w != "" {
			dst = append(dst, w)
		}
	}
	return dst
}
