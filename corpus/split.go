package corpus

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// splitter holds the split rules of one Tokenizer configuration, prepared
// once per call so that the Tokenizer itself caches nothing.
type splitter struct {
	lower     bool
	unicode   bool // ModeUnicode
	charLevel bool
	segment   string // "", SegmentWords or SegmentChars
	split     string
	filters   string
	oneRune   bool      // split is a single rune, which allows the fast path
	asciiSep  [128]bool // ASCII separators: filter characters, plus split on the fast path
	otherSeps []rune    // non-ASCII filter characters, plus split on the fast path
	// keepApostrophe keeps an apostrophe between two letters in the word in
	// ModeUnicode, unless Filters or Split name the ASCII apostrophe.
	keepApostrophe bool
}

func newSplitter(t *Tokenizer) *splitter {
	s := &splitter{
		lower:     t.Lower,
		unicode:   t.Mode == ModeUnicode,
		charLevel: t.CharLevel,
		segment:   t.Segmenter,
		split:     t.Split,
		filters:   t.Filters,
	}
	if s.split == "" {
		s.split = " "
	}
	seps := s.filters
	if s.unicode || utf8.RuneCountInString(s.split) == 1 {
		// Replacing filters by a one-rune split and then splitting on it
		// equals splitting on any filter or split rune. ModeUnicode splits
		// on each rune of a longer split too.
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
	if s.unicode {
		s.keepApostrophe = !s.asciiSep['\'']
		for r := range rune(utf8.RuneSelf) {
			if isUnicodeSeparator(r) {
				s.asciiSep[r] = true
			}
		}
	}
	return s
}

// appendWords appends the tokens of text to dst. Tokens are substrings of
// text (or of its normalised, lower-cased copy) where possible.
func (s *splitter) appendWords(dst []string, text string) []string {
	if s.unicode {
		// String returns text itself when it is already in NFKC, the
		// common case, without allocating.
		text = norm.NFKC.String(text)
	}
	if s.lower {
		text = strings.ToLower(text)
	}
	if s.charLevel {
		return s.appendChars(dst, text)
	}
	if s.segment == "" {
		return s.appendSplit(dst, text)
	}

	n := len(dst)
	dst = s.appendSplit(dst, text)
	if !hasCJK(text) {
		return dst
	}
	pieces := slices.Clone(dst[n:])
	dst = dst[:n]
	for _, p := range pieces {
		dst = appendSegmented(dst, p, s.segment)
	}
	return dst
}

// appendSplit appends the words between separators.
func (s *splitter) appendSplit(dst []string, text string) []string {
	switch {
	case s.unicode:
		return s.appendWordsUnicode(dst, text)
	case !s.oneRune:
		return s.appendWordsSlow(dst, text)
	}

	// The hot path of FitOnTexts and TextsToSequences in ModeKeras: scan
	// bytes and decode runes only outside ASCII.
	start := -1
	for i := 0; i < len(text); {
		c := text[i]
		var sep bool
		size := 1
		if c < utf8.RuneSelf {
			sep = s.asciiSep[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			sep = len(s.otherSeps) > 0 && slices.Contains(s.otherSeps, r)
		}
		switch {
		case sep && start >= 0:
			dst = append(dst, text[start:i])
			start = -1
		case !sep && start < 0:
			start = i
		}
		i += size
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

// appendWordsUnicode splits at the separators of ModeUnicode.
func (s *splitter) appendWordsUnicode(dst []string, text string) []string {
	start := -1
	curly := false // the current word holds an apostrophe other than '
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		sep := s.isSeparator(r)
		if sep && start >= 0 && s.keepApostrophe && isApostrophe(r) && betweenLetters(text, i, size) {
			sep = false
		}
		if !sep && (r == '\u2019' || r == '\u02bc') {
			curly = true
		}
		switch {
		case sep && start >= 0:
			dst = append(dst, wordWithApostrophes(text[start:i], curly))
			start, curly = -1, false
		case !sep && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, wordWithApostrophes(text[start:], curly))
	}
	return dst
}

func (s *splitter) isSeparator(r rune) bool {
	if r < utf8.RuneSelf {
		return s.asciiSep[r]
	}
	return isUnicodeSeparator(r) || slices.Contains(s.otherSeps, r)
}

// appendChars appends each character of text, the char_level rule. In
// ModeUnicode separators are dropped. Each invalid UTF-8 byte becomes the
// token U+FFFD, the replacement character.
func (s *splitter) appendChars(dst []string, text string) []string {
	for i, r := range text {
		if s.unicode && s.isSeparator(r) {
			continue
		}
		size := utf8.RuneLen(r)
		if r == utf8.RuneError && !strings.HasPrefix(text[i:], "\uFFFD") {
			dst = append(dst, "\uFFFD")
			continue
		}
		dst = append(dst, text[i:i+size])
	}
	return dst
}

// isUnicodeSeparator reports whether r separates words in ModeUnicode:
// punctuation (P), symbols (S), spaces (Z and White_Space) and control
// characters. The invisible characters that join or modify symbols separate
// words too (zero-width space and joiner, word joiner, byte-order mark,
// variation selectors 15 and 16), because they would otherwise be left over
// as words when an emoji is dropped.
//
// NOTE: emoji are symbols (So), so ModeUnicode drops them with the other
// symbols. A zero-width joiner inside a word of an Indic script splits it.
func isUnicodeSeparator(r rune) bool {
	switch r {
	case '\u200b', '\u200d', '\u2060', '\ufeff', '\ufe0e', '\ufe0f':
		return true
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r) ||
		unicode.Is(unicode.Z, r) || unicode.IsControl(r)
}

// isApostrophe reports whether r is written as an apostrophe in words such
// as "don't": the ASCII apostrophe, the right single quotation mark that
// word processors put in its place, and the modifier letter apostrophe.
func isApostrophe(r rune) bool {
	return r == '\'' || r == '\u2019' || r == '\u02bc'
}

// betweenLetters reports whether the rune at text[i:i+size] has a letter on
// each side.
func betweenLetters(text string, i, size int) bool {
	before, _ := utf8.DecodeLastRuneInString(text[:i])
	after, _ := utf8.DecodeRuneInString(text[i+size:])
	return unicode.IsLetter(before) && unicode.IsLetter(after)
}

// wordWithApostrophes returns w with every apostrophe written as '. Only
// when curly is true does w contain another kind.
func wordWithApostrophes(w string, curly bool) string {
	if !curly {
		return w
	}
	return strings.NewReplacer("\u2019", "'", "\u02bc", "'").Replace(w)
}
