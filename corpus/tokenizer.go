package corpus

import (
	"cmp"
	"iter"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"embedlab/internal/usermsg"
)

// DefaultFilters is the set of characters Keras' Tokenizer removes by default.
const DefaultFilters = "!\"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n"

// Tokenizer turns texts into sequences of word indices with the rules of
// Keras' text Tokenizer (keras.preprocessing.text.Tokenizer as shipped with
// TF 2.x and Keras 2.x, keras_preprocessing/text.py, no analyzer) by
// default. Mode and Segmenter select rules Keras does not have, for
// real-world Unicode text and for Chinese and Japanese.
//
// The exported fields are the whole state, so a Tokenizer survives a JSON
// round trip and tokenises the same way afterwards. FitOnTexts must not run
// concurrently with any other method; Words, TextsToSequences and
// TextToSequence only read the fields and may run concurrently.
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

	// CharLevel makes every character a token, as Keras' char_level=True:
	// Lower still applies, but Filters, Split and Segmenter do not, so
	// spaces and punctuation are tokens too. In ModeUnicode the text is
	// normalised first and separator characters are dropped.
	CharLevel bool `json:",omitempty"`
	// Mode is "" or ModeKeras for Keras' rules, or ModeUnicode.
	Mode string `json:",omitempty"`
	// Segmenter is "" to take the words between separators as they are,
	// SegmentWords to cut runs of Chinese and Japanese characters into
	// dictionary words, or SegmentChars to make each such character a word.
	Segmenter string `json:",omitempty"`

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

// Values of Tokenizer.Mode and Tokenizer.Segmenter.
const (
	// ModeKeras follows keras_preprocessing/text.py: the characters of
	// Filters and Split separate words, everything else belongs to them.
	ModeKeras = "keras"
	// ModeUnicode normalises the text to NFKC, then separates words at
	// Filters, Split and every Unicode punctuation, symbol, space and
	// control character. An apostrophe between two letters stays in the
	// word as ', so "don’t" and "don't" are the same word, as in ModeKeras.
	ModeUnicode = "unicode"

	// SegmentWords cuts runs of Han, Hiragana and Katakana into words of the
	// gse Chinese dictionary (github.com/go-ego/gse).
	SegmentWords = "words"
	// SegmentChars makes every Han, Hiragana and Katakana character a word.
	SegmentChars = "chars"
)

// Validate returns an error when Mode or Segmenter holds an unknown value,
// for instance in a model file written by a newer version.
func (t *Tokenizer) Validate() error {
	switch t.Mode {
	case "", ModeKeras, ModeUnicode:
	default:
		return usermsg.Errorf("corpus: tokenizer mode %q is unknown; use %q or %q", t.Mode, ModeKeras, ModeUnicode)
	}
	switch t.Segmenter {
	case "", SegmentWords, SegmentChars:
	default:
		return usermsg.Errorf("corpus: tokenizer segmenter %q is unknown; use \"\", %q or %q", t.Segmenter, SegmentWords, SegmentChars)
	}
	if !utf8.ValidString(t.Split) || !utf8.ValidString(t.Filters) {
		return usermsg.Errorf("corpus: tokenizer split %q or filters %q are not valid UTF-8; give them as UTF-8 text", t.Split, t.Filters)
	}
	return nil
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
// Calling it several times accumulates counts as Keras does. An empty text
// counts as a document without words.
func (t *Tokenizer) FitOnTexts(texts []string) {
	t.FitOnSeq(slices.Values(texts))
}

// FitOnSeq is FitOnTexts for texts that come one at a time, such as the
// lines of a file too large to hold in memory. It rebuilds the index once,
// after the last text.
func (t *Tokenizer) FitOnSeq(texts iter.Seq[string]) {
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
	for text := range texts {
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

// Words splits text into tokens. In ModeKeras without a Segmenter this is
// Keras' text_to_word_sequence: lower-case the text when Lower is set,
// replace every character of Filters by Split, split on Split and drop
// empty strings. With CharLevel it returns the characters of the text.
func (t *Tokenizer) Words(text string) []string {
	return newSplitter(t).appendWords(nil, text)
}

// TextsToSequences maps each text to its word indices, dropping words whose
// index is NumWords or more and unknown words, unless OOVToken is set: then
// both become the index of OOVToken. An unfitted tokenizer with OOVToken
// drops every word, because OOVToken has no index yet.
func (t *Tokenizer) TextsToSequences(texts []string) [][]int {
	sp := newSplitter(t)
	out := make([][]int, len(texts))
	var words []string
	for n, text := range texts {
		words = sp.appendWords(words[:0], text)
		out[n] = t.appendIndices(nil, words)
	}
	return out
}

// TextToSequence is TextsToSequences for one text, for callers that stream
// texts. It prepares the split rules on each call, so TextsToSequences is
// faster for many short texts.
func (t *Tokenizer) TextToSequence(text string) []int {
	return t.appendIndices(nil, newSplitter(t).appendWords(nil, text))
}

// appendIndices appends the indices of words to seq by the rules of Keras'
// texts_to_sequences_generator.
func (t *Tokenizer) appendIndices(seq []int, words []string) []int {
	oov, hasOOV := 0, false
	if t.OOVToken != "" {
		oov, hasOOV = t.WordIndex[t.OOVToken]
	}
	if seq == nil {
		seq = make([]int, 0, len(words))
	}
	for _, w := range words {
		i, ok := t.WordIndex[w]
		switch {
		case ok && (t.NumWords <= 0 || i < t.NumWords):
			seq = append(seq, i)
		case hasOOV:
			seq = append(seq, oov)
		}
	}
	return seq
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
