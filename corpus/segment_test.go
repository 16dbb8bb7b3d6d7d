package corpus

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
)

// The word tests use gse's simplified Chinese dictionary, so they check for
// words any Chinese reader would cut out rather than one exact segmentation.

func segmenting(mode, seg string) *Tokenizer {
	t := NewTokenizer(0)
	t.Mode, t.Segmenter = mode, seg
	return t
}

func TestSegmentWordsChinese(t *testing.T) {
	text := "这部电影非常好看"
	got := segmenting("", SegmentWords).Words(text)
	for _, w := range []string{"电影", "非常"} {
		if !slices.Contains(got, w) {
			t.Errorf("Words(%q) = %q, want it to contain %q", text, got, w)
		}
	}
	if joined := strings.Join(got, ""); joined != text {
		t.Errorf("words joined = %q, want the text %q", joined, text)
	}
}

func TestSegmentWordsMixed(t *testing.T) {
	tests := []struct {
		name, mode, text string
		want             []string // must be among the words
	}{
		{"english inside chinese", "", "我喜欢Python编程", []string{"python", "编程"}},
		{"chinese inside english", "", "I love 这部电影 very much", []string{"i", "love", "电影", "very", "much"}},
		{"unicode punctuation", ModeUnicode, "电影很好看，I'd watch it again！", []string{"电影", "i'd", "watch", "it", "again"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := segmenting(tc.mode, SegmentWords).Words(tc.text)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("Words(%q) = %q, want it to contain %q", tc.text, got, w)
				}
			}
		})
	}
}

func TestSegmentChars(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"chinese with english", "好电影good Film", []string{"好", "电", "影", "good", "film"}},
		{"katakana with long vowel mark", "コーヒーを", []string{"コ", "ー", "ヒ", "ー", "を"}},
		// Hangul is not cut: Korean separates words with spaces.
		{"korean kept", "좋은 영화", []string{"좋은", "영화"}},
		{"english only", "Good film", []string{"good", "film"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := segmenting("", SegmentChars).Words(tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("Words(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestDetectSegmenter(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		want  string
	}{
		{"chinese", []string{"这部电影非常好看", "剧情很无聊"}, SegmentWords},
		{"japanese", []string{"この映画はとても面白かった"}, SegmentWords},
		{"english", []string{"A great film", "Boring plot"}, ""},
		// 7 Han letters against 4 Latin ones.
		{"mostly chinese with english", []string{"我喜欢这部电影 Good"}, SegmentWords},
		// 4 Han letters against 17 Latin ones.
		{"mostly english with chinese", []string{"I watched 电影 yesterday, 好看"}, ""},
		{"korean", []string{"좋은 영화였어요"}, ""},
		{"no letters", []string{"123 !!", ""}, ""},
		{"no texts", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectSegmenter(tc.texts); got != tc.want {
				t.Errorf("DetectSegmenter(%q) = %q, want %q", tc.texts, got, tc.want)
			}
		})
	}
}

func TestSegmenterJSONRoundTrip(t *testing.T) {
	texts := []string{"这部电影非常好看！", "剧情很无聊，演员也不好。", "I like 这部电影 a lot"}
	tok := segmenting(ModeUnicode, SegmentWords)
	tok.OOVToken = "<unk>"
	tok.FitOnTexts(texts)

	data, err := json.Marshal(tok)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	var back Tokenizer
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	if back.Mode != ModeUnicode || back.Segmenter != SegmentWords {
		t.Errorf("after round trip Mode %q Segmenter %q, want %q %q", back.Mode, back.Segmenter, ModeUnicode, SegmentWords)
	}
	query := append(slices.Clone(texts), "新的电影 unknown")
	want := tok.TextsToSequences(query)
	got := back.TextsToSequences(query)
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("after round trip sequence of %q = %v, want %v", query[i], got[i], want[i])
		}
	}
}

func TestSegmentWordsConcurrent(t *testing.T) {
	tok := segmenting("", SegmentWords)
	texts := []string{"这部电影非常好看", "我喜欢Python编程", "剧情很无聊"}
	tok.FitOnTexts(texts)
	want := tok.TextsToSequences(texts)

	var wg sync.WaitGroup
	results := make([][][]int, 4)
	for g := range results {
		wg.Go(func() { results[g] = tok.TextsToSequences(texts) })
	}
	wg.Wait()
	for g, got := range results {
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("goroutine %d: sequence %d = %v, want %v", g, i, got[i], want[i])
			}
		}
	}
}

func TestDetectSegmenterPreSegmented(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		want  string
	}{
		{"space-segmented Chinese", []string{"这部 电影 非常 好看", "我们 不 喜欢 这个 酒店"}, ""},
		{"unsegmented Chinese", []string{"这部电影非常好看", "我们不喜欢这个酒店"}, SegmentWords},
		{"Chinese demo corpus", Demo("zh", 1).Texts(), SegmentWords},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectSegmenter(tc.texts); got != tc.want {
				t.Errorf("DetectSegmenter = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSegmenterDropsWidePunctuation(t *testing.T) {
	for _, mode := range []string{SegmentChars, SegmentWords} {
		tok := NewTokenizer(0)
		tok.Segmenter = mode
		words := tok.Words("好看，“精彩”。OK")
		for _, w := range words {
			if strings.ContainsAny(w, "，“”。") {
				t.Errorf("%s mode: word %q keeps punctuation; all words %q", mode, w, words)
			}
		}
		if len(words) == 0 || words[len(words)-1] != "ok" {
			t.Errorf("%s mode: words = %q, want the English word last, lower-cased", mode, words)
		}
	}
}
