package corpus

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// throughputBytes is the size of the benchmark text: a few MB, so that the
// vocabulary grows as it does on a real corpus rather than staying in cache.
const throughputBytes = 4 << 20

// englishBenchmarkTexts returns about throughputBytes of English text, one
// text per line: the Gutenberg books of the shared data sets, repeated, or
// generated words when those are absent.
func englishBenchmarkTexts() []string {
	dir := os.Getenv("EMBEDLAB_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "..", "shared", "datasets")
	}
	var book strings.Builder
	for _, name := range []string{"pg1342.txt", "pg11.txt"} {
		data, err := os.ReadFile(filepath.Join(dir, "gutenberg", name))
		if err == nil {
			book.Write(data)
		}
	}
	if book.Len() == 0 {
		rng := rand.New(rand.NewPCG(1, 1))
		words := strings.Fields("the a of and to in was it her his said that with she had not for you be as at but on Mr. Darcy's sister, Elizabeth; “well”! (nothing) walked quickly away")
		for book.Len() < 1<<20 {
			for i := range 12 {
				if i > 0 {
					book.WriteByte(' ')
				}
				book.WriteString(words[rng.IntN(len(words))])
			}
			book.WriteString("\r\n")
		}
	}
	return repeatLines(book.String(), throughputBytes)
}

// chineseBenchmarkTexts returns about 1 MB of unsegmented Chinese text, the
// Chinese demo corpus with its spaces removed.
func chineseBenchmarkTexts() []string {
	var b strings.Builder
	for _, text := range Demo("zh", 1).Texts() {
		b.WriteString(strings.ReplaceAll(text, " ", ""))
		b.WriteByte('\n')
	}
	return repeatLines(b.String(), 1<<20)
}

func repeatLines(text string, size int) []string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var out []string
	n := 0
	for n < size {
		for _, l := range lines {
			out = append(out, l)
			n += len(l) + 1
		}
	}
	return out
}

func textBytes(texts []string) int64 {
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	return n
}

// BenchmarkTokenizerThroughput measures FitOnTexts and TextsToSequences in
// MB/s of input text. Run it on one core for the figure in the docs:
//
//	go test -run '^$' -bench TokenizerThroughput -cpu 1 ./corpus/
func BenchmarkTokenizerThroughput(b *testing.B) {
	english := englishBenchmarkTexts()
	configs := []struct {
		name  string
		texts []string
		tok   func() *Tokenizer
	}{
		{"keras", english, func() *Tokenizer { return NewTokenizer(0) }},
		{"unicode", english, func() *Tokenizer { t := NewTokenizer(0); t.Mode = ModeUnicode; return t }},
		{"words-english", english, func() *Tokenizer { t := NewTokenizer(0); t.Segmenter = SegmentWords; return t }},
		{"words-chinese", nil, func() *Tokenizer { t := NewTokenizer(0); t.Segmenter = SegmentWords; return t }},
		{"chars-chinese", nil, func() *Tokenizer { t := NewTokenizer(0); t.Segmenter = SegmentChars; return t }},
	}
	for _, cfg := range configs {
		// setup runs inside each sub-benchmark, before b.Loop starts the
		// timer, so that -bench selects what is prepared.
		setup := func(b *testing.B) []string {
			if cfg.tok().Segmenter == SegmentWords {
				if err := PrepareSegmenter(); err != nil {
					b.Fatalf("PrepareSegmenter: %v", err)
				}
			}
			if cfg.texts == nil {
				return chineseBenchmarkTexts()
			}
			return cfg.texts
		}
		b.Run("fit/"+cfg.name, func(b *testing.B) {
			texts := setup(b)
			b.SetBytes(textBytes(texts))
			b.ReportAllocs()
			for b.Loop() {
				cfg.tok().FitOnTexts(texts)
			}
		})
		b.Run("sequences/"+cfg.name, func(b *testing.B) {
			texts := setup(b)
			tok := cfg.tok()
			tok.FitOnTexts(texts)
			b.SetBytes(textBytes(texts))
			b.ReportAllocs()
			for b.Loop() {
				tok.TextsToSequences(texts)
			}
		})
	}
}
