package corpus

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestUnicodeMode checks ModeUnicode against its rules. The text is
// normalised to NFKC (Unicode Standard Annex #15) and lower-cased with
// strings.ToLower. Then Filters, Split, the Unicode categories P, S and Z,
// White_Space and control characters separate words. The keras column shows what ModeKeras makes of
// the same text, the reason the mode exists.
func TestUnicodeMode(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		want  []string
		keras []string
	}{
		{"curly quotes", "“Great” movie", []string{"great", "movie"}, []string{"“great”", "movie"}},
		// U+2019 between letters is an apostrophe and becomes ', as in "don't".
		{"curly apostrophe", "Don’t stop", []string{"don't", "stop"}, []string{"don’t", "stop"}},
		{"ascii apostrophe", "don't 'quoted'", []string{"don't", "quoted"}, []string{"don't", "'quoted'"}},
		{"non-breaking space", "good\u00a0film", []string{"good", "film"}, []string{"good\u00a0film"}},
		{"ideographic space", "好\u3000电影", []string{"好", "电影"}, []string{"好\u3000电影"}},
		// NFKC maps full-width letters to ASCII and U+3000 to a space.
		{"full-width letters", "ＡＢＣ　ｄｅｆ", []string{"abc", "def"}, []string{"ａｂｃ　ｄｅｆ"}},
		{"em dash", "good—bad", []string{"good", "bad"}, []string{"good—bad"}},
		{"chinese punctuation", "电影，很好。", []string{"电影", "很好"}, []string{"电影，很好。"}},
		{"emoji dropped", "love❤️it 👍", []string{"love", "it"}, []string{"love❤️it", "👍"}},
		{"digits kept", "4.5 stars", []string{"4", "5", "stars"}, []string{"4", "5", "stars"}},
		{"accents kept", "Café ÉTÉ", []string{"café", "été"}, []string{"café", "été"}},
		// NFKC composes e + U+0301 into é.
		{"combining accent composed", "cafe\u0301", []string{"café"}, []string{"cafe\u0301"}},
		{"empty", "", nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := NewTokenizer(0)
			tok.Mode = ModeUnicode
			if got := tok.Words(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("unicode Words(%q) = %q, want %q", tc.text, got, tc.want)
			}
			if got := NewTokenizer(0).Words(tc.text); !slices.Equal(got, tc.keras) {
				t.Errorf("keras Words(%q) = %q, want %q", tc.text, got, tc.keras)
			}
		})
	}
}

func TestUnicodeModeOptions(t *testing.T) {
	tests := []struct {
		name string
		tok  *Tokenizer
		text string
		want []string
	}{
		// An apostrophe in Filters separates words, as it would in ModeKeras.
		{"apostrophe filtered", &Tokenizer{Mode: ModeUnicode, Filters: "'", Lower: true, Split: " "}, "don’t", []string{"don", "t"}},
		{"custom filter", &Tokenizer{Mode: ModeUnicode, Filters: "x", Lower: true, Split: " "}, "axb", []string{"a", "b"}},
		{"lower off", &Tokenizer{Mode: ModeUnicode, Split: " "}, "Hello, World", []string{"Hello", "World"}},
		// Each rune of a longer split separates words in ModeUnicode.
		{"multi-rune split", &Tokenizer{Mode: ModeUnicode, Lower: true, Split: "ab"}, "xaybz", []string{"x", "y", "z"}},
		{"char level drops separators", &Tokenizer{Mode: ModeUnicode, Lower: true, CharLevel: true}, "Ａ, b！", []string{"a", "b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.tok.Words(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

// FuzzTokenizerModes checks properties that hold for any text: no mode
// panics or yields an empty token, ModeUnicode tokens hold no separator
// other than an apostrophe, and Keras' char_level tokens join back into
// the lower-cased text.
func FuzzTokenizerModes(f *testing.F) {
	f.Add("“Great” film—don’t miss it!")
	f.Add("我喜欢Python编程，コーヒー\u3000좋은 영화")
	f.Add("a\xffb\r\n\u00a0❤️")
	f.Fuzz(func(t *testing.T, text string) {
		for _, mode := range []string{ModeKeras, ModeUnicode} {
			for _, seg := range []string{"", SegmentChars} {
				for _, charLevel := range []bool{false, true} {
					tok := NewTokenizer(0)
					tok.Mode, tok.Segmenter, tok.CharLevel = mode, seg, charLevel
					words := tok.Words(text)
					for _, w := range words {
						if w == "" {
							t.Fatalf("mode %q segmenter %q char level %v: empty token in %q", mode, seg, charLevel, words)
						}
						if mode != ModeUnicode {
							continue
						}
						for _, r := range w {
							if r != '\'' && isUnicodeSeparator(r) {
								t.Fatalf("mode unicode segmenter %q char level %v: token %q holds separator %U", seg, charLevel, w, r)
							}
						}
					}
					if mode == ModeKeras && charLevel && utf8.ValidString(text) {
						if got, want := strings.Join(words, ""), strings.ToLower(text); got != want {
							t.Fatalf("char level tokens join to %q, want %q", got, want)
						}
					}
				}
			}
		}
	})
}
