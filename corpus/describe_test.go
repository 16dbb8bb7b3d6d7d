package corpus

import "testing"

func TestDescribe(t *testing.T) {
	tests := []struct {
		name string
		tok  func() *Tokenizer
		want string
	}{
		{"keras defaults", func() *Tokenizer { return NewTokenizer(0) },
			"Keras rules: lower-case, remove the default filters, split on \" \".\n" +
				"Vocabulary: every word; unknown words are dropped."},
		{"num words and oov", func() *Tokenizer { t := NewTokenizer(10000); t.OOVToken = "<unk>"; return t },
			"Keras rules: lower-case, remove the default filters, split on \" \".\n" +
				"Vocabulary: indices below num_words 10000; other words become \"<unk>\" (index 1)."},
		{"custom filters no lower", func() *Tokenizer { t := NewTokenizer(0); t.Filters = ",."; t.Lower = false; t.Split = "|"; return t },
			"Keras rules: remove the filters \",.\", split on \"|\".\n" +
				"Vocabulary: every word; unknown words are dropped."},
		{"char level", func() *Tokenizer { t := NewTokenizer(0); t.CharLevel = true; return t },
			"Keras rules: lower-case, every character is a token (filters do not apply).\n" +
				"Vocabulary: every character; unknown characters are dropped."},
		{"unicode words", func() *Tokenizer { t := NewTokenizer(0); t.Mode = ModeUnicode; t.Segmenter = SegmentWords; return t },
			"Unicode rules: NFKC, lower-case, remove the default filters, split on \" \" and Unicode punctuation, symbols and spaces, cut Chinese and Japanese into dictionary words.\n" +
				"Vocabulary: every word; unknown words are dropped."},
		{"chars no filters", func() *Tokenizer { t := NewTokenizer(0); t.Filters = ""; t.Segmenter = SegmentChars; return t },
			"Keras rules: lower-case, no filters, split on \" \", cut Chinese and Japanese into characters.\n" +
				"Vocabulary: every word; unknown words are dropped."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.tok().Describe(); got != tc.want {
				t.Errorf("Describe() =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}
