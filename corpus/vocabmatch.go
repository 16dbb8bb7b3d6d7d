package corpus

import (
	"unicode"
	"unicode/utf8"
)

// maxMatchRunes bounds the length of the vocabulary words that
// splitByVocabulary tries, so that a long unknown token costs little.
const maxMatchRunes = 8

// PredictWords splits text into tokens as Words does. When the tokenizer
// does not segment (Segmenter "" and not CharLevel), it then cuts each
// unknown token that contains Chinese or Japanese characters. Punctuation and
// symbols such as ，and 。, which Keras' filters keep, separate the pieces
// and are dropped. Each run of Chinese or Japanese characters becomes
// vocabulary words by forward maximum matching: from the left, the longest
// word of the kept vocabulary (index below NumWords) that starts there, or
// one character when none does.
//
// A Chinese corpus that was already split into words with spaces is fitted
// without a segmenter, while a person typing a sentence writes it without
// spaces. Keras would drop such a sentence as
// one unknown token, while matching against the model's own vocabulary
// recovers the words it contains. Training never uses this, so the
// sequences of TextsToSequences stay those of Keras.
func (t *Tokenizer) PredictWords(text string) []string {
	words := t.Words(text)
	if t.Segmenter != "" || t.CharLevel {
		return words
	}
	var out []string
	for i, w := range words {
		if t.known(w) || !hasSegmentable(w) {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(words)+8), words[:i]...)
		}
		out = t.splitMixed(out, w)
	}
	if out == nil {
		return words
	}
	return out
}

// PredictSequence returns the word indices of text's PredictWords by the
// rules of TextsToSequences.
func (t *Tokenizer) PredictSequence(text string) []int {
	return t.appendIndices(nil, t.PredictWords(text))
}

// known reports whether w has an index that sequences keep.
func (t *Tokenizer) known(w string) bool {
	i, ok := t.WordIndex[w]
	return ok && (t.NumWords <= 0 || i < t.NumWords)
}

// hasSegmentable reports whether w contains a Han, Hiragana or Katakana
// character.
func hasSegmentable(w string) bool {
	for _, r := range w {
		if isSegmentable(r) {
			return true
		}
	}
	return false
}

// splitMixed appends the pieces of the unknown token w to out: runs of
// Chinese and Japanese characters cut by splitByVocabulary, other runs as
// they are, and punctuation and symbols dropped.
func (t *Tokenizer) splitMixed(out []string, w string) []string {
	kind := func(r rune) int {
		switch {
		case isSegmentable(r):
			return 1
		case unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r):
			return 0
		}
		return 2
	}
	for w != "" {
		r, _ := utf8.DecodeRuneInString(w)
		k := kind(r)
		end := len(w)
		for i, r := range w {
			if kind(r) != k {
				end = i
				break
			}
		}
		switch k {
		case 1:
			out = t.splitByVocabulary(out, w[:end])
		case 2:
			out = append(out, w[:end])
		}
		w = w[end:]
	}
	return out
}

// splitByVocabulary appends the pieces of w to out by forward maximum
// matching against the kept vocabulary.
func (t *Tokenizer) splitByVocabulary(out []string, w string) []string {
	for w != "" {
		// Byte offsets of the first maxMatchRunes character boundaries.
		var ends [maxMatchRunes]int
		n, off := 0, 0
		for n < maxMatchRunes && off < len(w) {
			_, size := utf8.DecodeRuneInString(w[off:])
			off += size
			ends[n] = off
			n++
		}
		cut := ends[0]
		for k := n - 1; k > 0; k-- {
			if t.known(w[:ends[k]]) {
				cut = ends[k]
				break
			}
		}
		out = append(out, w[:cut])
		w = w[cut:]
	}
	return out
}
