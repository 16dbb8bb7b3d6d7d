package corpus

import (
	"slices"
	"testing"
)

func TestPredictWords(t *testing.T) {
	// A corpus split with spaces: the tokenizer has no segmenter, and its
	// vocabulary holds 电影, 出色, 好 and 又 (and 精彩 beyond num_words 6).
	tok := NewTokenizer(6)
	tok.FitOnTexts([]string{"这部 电影 出色", "电影 好 又 出色", "电影 好", "精彩"})
	tests := []struct {
		text string
		want []string
	}{
		{"这部电影出色又好", []string{"这部", "电影", "出色", "又", "好"}},
		{"电影 出色", []string{"电影", "出色"}},                      // known words stay
		{"the 电影好 film", []string{"the", "电影", "好", "film"}}, // only CJK tokens are cut
		{"精彩电影", []string{"精", "彩", "电影"}},                   // 精彩 is beyond num_words
		{"", nil},
	}
	for _, tc := range tests {
		if got := tok.PredictWords(tc.text); !slices.Equal(got, tc.want) {
			t.Errorf("PredictWords(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
	if got, want := tok.PredictSequence("这部电影"), []int{tok.WordIndex["这部"], tok.WordIndex["电影"]}; !slices.Equal(got, want) {
		t.Errorf("PredictSequence = %v, want %v", got, want)
	}

	// With a segmenter the tokens are those of Words.
	seg := *tok
	seg.Segmenter = SegmentChars
	if got, want := seg.PredictWords("电影好"), seg.Words("电影好"); !slices.Equal(got, want) {
		t.Errorf("with SegmentChars PredictWords = %q, want Words' %q", got, want)
	}
}
