package corpus

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-ego/gse"
)

// Detection samples at most this many texts and bytes, enough for a stable
// share of CJK letters while keeping the cost small for large corpora.
const (
	detectMaxTexts = 1000
	detectMaxBytes = 1 << 20
)

// The dictionary segmenter is loaded once, on first use, and shared: after
// loading, gse's Cut only reads the dictionary, so concurrent calls are safe.
var (
	dictOnce sync.Once
	dictSeg  *gse.Segmenter
	dictErr  error
)

// wordSegmenter returns the shared gse segmenter with its simplified
// Chinese dictionary, loading it on the first call.
//
// NOTE: the dictionary takes about 1.2 s to load and keeps about 135 MB of
// heap for the rest of the process (gse v0.80.3 on a 2-core AMD EPYC VM). gse's full
// Chinese dictionary, which adds traditional characters, takes twice as much
// and its Japanese dictionary 450 MB, so neither is loaded; Japanese and
// traditional Chinese text is cut with this dictionary and gse's HMM.
func wordSegmenter() (*gse.Segmenter, error) {
	dictOnce.Do(func() {
		seg := new(gse.Segmenter)
		if err := seg.LoadDictEmbed("zh_s"); err != nil {
			dictErr = err
			return
		}
		dictSeg = seg
	})
	return dictSeg, dictErr
}

// PrepareSegmenter loads the dictionary of SegmentWords now rather than on
// the first text that needs it, so that a UI can do so in the background.
// It is safe for concurrent use and loads the dictionary only once. When it
// returns an error, SegmentWords cuts Chinese and Japanese text into single
// characters as SegmentChars does.
func PrepareSegmenter() error {
	_, err := wordSegmenter()
	return err
}

// DetectSegmenter returns SegmentWords when most letters of texts are Han,
// Hiragana or Katakana, and "" otherwise. It reads at most the first 1,000
// texts and 1 MiB of them. Hangul counts as a non-CJK letter, since Korean
// separates its words with spaces. CJK text that is already split into words
// with spaces also gives "".
func DetectSegmenter(texts []string) string {
	var letters, cjk, runs, bytes int
	for n, text := range texts {
		if n == detectMaxTexts || bytes >= detectMaxBytes {
			break
		}
		text = text[:min(len(text), detectMaxBytes-bytes)]
		bytes += len(text)
		inRun := false
		for _, r := range text {
			segmentable := isSegmentable(r)
			if segmentable && !inRun {
				runs++
			}
			inRun = segmentable
			if !unicode.IsLetter(r) {
				continue
			}
			letters++
			if segmentable {
				cjk++
			}
		}
	}
	if letters == 0 || 2*cjk <= letters {
		return ""
	}
	// Text whose CJK runs are as short as words has been segmented with
	// spaces already; cutting it again would split words that the author
	// chose. Chinese words average under two characters, while an
	// unsegmented clause runs for ten or more.
	if cjk < preSegmentedRunLength*runs {
		return ""
	}
	return SegmentWords
}

// preSegmentedRunLength is the mean length, in characters, of CJK runs below
// which DetectSegmenter takes text to be segmented with spaces already.
const preSegmentedRunLength = 3

// isSegmentable reports whether r belongs to the characters that segmentation
// cuts: Han, Hiragana, Katakana, and the prolonged sound mark ー (common to
// both kana scripts), full width or half width.
func isSegmentable(r rune) bool {
	if r < 0x3000 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == '\u30fc' || r == '\uff70'
}

// hasCJK reports whether text holds a rune for which isSegmentable is true.
func hasCJK(text string) bool {
	for i := 0; i < len(text); i++ {
		if text[i] < utf8.RuneSelf {
			continue
		}
		for _, r := range text[i:] {
			if isSegmentable(r) {
				return true
			}
		}
		return false
	}
	return false
}

// appendSegmented appends the words of one piece of text between
// separators: runs of CJK characters are cut by mode (SegmentWords or
// SegmentChars) and the runs between them, such as an English word inside
// a Chinese sentence, are words as they are.
//
// Punctuation outside ASCII, such as the full-width comma "，", the
// ideographic full stop and curly quotes, separates words here: Keras'
// filters cover ASCII only, and CJK text is full of such marks, which would
// otherwise become the most frequent "words" of a Chinese corpus.
func appendSegmented(dst []string, piece, mode string) []string {
	start := 0
	inCJK := false
	for i, r := range piece {
		if isWidePunct(r) {
			if start < i {
				dst = appendRun(dst, piece[start:i], inCJK, mode)
			}
			start = i + utf8.RuneLen(r)
			continue
		}
		c := isSegmentable(r)
		if start < i && c != inCJK {
			dst = appendRun(dst, piece[start:i], inCJK, mode)
			start = i
		}
		inCJK = c
	}
	if start < len(piece) {
		dst = appendRun(dst, piece[start:], inCJK, mode)
	}
	return dst
}

// isWidePunct reports whether r is a punctuation mark outside ASCII and
// Latin-1, from the General Punctuation block (U+2000) up.
func isWidePunct(r rune) bool {
	return r >= 0x2000 && unicode.IsPunct(r)
}

func appendRun(dst []string, run string, cjk bool, mode string) []string {
	if !cjk {
		return append(dst, run)
	}
	if mode == SegmentWords {
		if seg, err := wordSegmenter(); err == nil {
			// Cut with HMM is gse's accurate mode (the one jieba uses by
			// default): dictionary words along the most probable path, and
			// an HMM for runs of characters the dictionary does not know.
			for _, w := range seg.Cut(run, true) {
				if w != "" {
					dst = append(dst, w)
				}
			}
			return dst
		}
	}
	for i, r := range run {
		dst = append(dst, run[i:i+utf8.RuneLen(r)])
	}
	return dst
}
