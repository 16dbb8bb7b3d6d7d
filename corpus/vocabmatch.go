package corpus

import "unicode/utf8"

// maxMatchRunes bounds the length of the vocabulary words that
// splitByVocabulary tries, so that a long unknown token costs little.
const maxMatchRunes = 8

// PredictWords splits text into tokens as Words does and then, when the
// tokenizer does not segment (Segmenter "" and not CharLevel), cuts each
// unknown token made only of Chinese or Japanese characters into
// vocabulary words by forward maximum matching: from the left, the longest
// word of the kept vocabulary (index below NumWords) that starts there, or
// one character when none does.
//
// A corpus that was already split into words with spaces, such as the
// Chinese demo, is fitted without a segmenter, while a person typing a
// sentence writes it without spaces. Keras would drop such a sentence as
// one unknown token; the model's own vocabulary recovers the words it
// knows. Training never uses this, so the sequences of TextsToSequences
// stay those of Keras.
func (t *Tokenizer) PredictWords(text string) []string {
	words := t.Words(text)
	if t.Segmenter != "" || t.CharLevel {
		return words
	}
	var out []string
	for i, w := range words {
		if t.known(w) || !allSegmentable(w) {
			if out != nil {
				out = append(out, w)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(words)+8), words[:i]...)
		}
		out = t.splitByVocabulary(out, w)
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

// allSegmentable reports whether w is not empty and every character of it
// is Han, Hiragana or Katakana.
func allSegmentable(w string) bool {
	for _, r := range w {
		if !isSegmentable(r) {
			return false
		}
	}
	return w != ""
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
