package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tokenizeOutput is the JSON that 'embedlab tokenize --json' prints.
type tokenizeOutput struct {
	WordIndex map[string]int `json:"word_index"`
	Sequences [][]int        `json:"sequences"`
}

// writeTemp writes content to a file in a new temporary folder and returns
// its path.
func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// reviews has a CRLF line end, an empty line (an empty text) and a last
// line without a line end.
const reviews = "The cat sat.\r\nThe dog sat!\n\na DOG, a cat; the end"

// TestTokenizeJSON checks the CLI against results worked out by hand from
// keras_preprocessing/text.py and sequence.py (Keras 2.x). For reviews the
// counts are the 3, cat 2, sat 2, dog 2, a 2, end 1. The ties keep their
// order of first appearance, so word_index is the 1, cat 2, sat 3, dog 4,
// a 5, end 6, each index one higher after an oov_token.
func TestTokenizeJSON(t *testing.T) {
	fit := writeTemp(t, "reviews.txt", reviews)
	other := writeTemp(t, "query.txt", "the end of the zebra\nDog\n")
	keras := map[string]int{"the": 1, "cat": 2, "sat": 3, "dog": 4, "a": 5, "end": 6}
	kerasOOV := map[string]int{"<unk>": 1, "the": 2, "cat": 3, "sat": 4, "dog": 5, "a": 6, "end": 7}

	tests := []struct {
		name      string
		args      []string
		wantIndex map[string]int
		wantSeqs  [][]int
	}{
		{"fit file itself", []string{"--fit", fit},
			keras, [][]int{{1, 2, 3}, {1, 4, 3}, {}, {5, 4, 5, 2, 1, 6}}},
		// "of" and "zebra" are unknown and dropped.
		{"other texts", []string{"--fit", fit, "--texts", other},
			keras, [][]int{{1, 6, 1}, {4}}},
		// num_words 4 keeps indices 2 and 3 (the, cat); the rest become 1.
		{"num words and oov", []string{"--fit", fit, "--texts", other, "--num-words", "4", "--oov-token", "<unk>"},
			kerasOOV, [][]int{{2, 1, 1, 2, 1}, {1}}},
		// pad_sequences: s[:3] of [2 7 1 2 1] is [2 7 1]; [5] padded after.
		{"maxlen post post", []string{"--fit", fit, "--texts", other, "--oov-token", "<unk>", "--maxlen", "3", "--padding", "post", "--truncating", "post", "--value", "-1"},
			kerasOOV, [][]int{{2, 7, 1}, {5, -1, -1}}},
		// s[-3:] is [1 2 1]; [5] padded in front with the default value 0.
		{"maxlen pre pre", []string{"--fit", fit, "--texts", other, "--oov-token", "<unk>", "--maxlen", "3"},
			kerasOOV, [][]int{{1, 2, 1}, {0, 0, 5}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := runTokenizeJSON(t, tc.args...)
			if !maps.Equal(got.WordIndex, tc.wantIndex) {
				t.Errorf("word_index = %v, want %v", got.WordIndex, tc.wantIndex)
			}
			checkSequences(t, got.Sequences, tc.wantSeqs)
		})
	}
}

// TestTokenizeOptions checks the rules other than the defaults, each worked
// out by hand from Keras' rules or, for --mode and --segmenter, from the
// rules documented on corpus.Tokenizer.
func TestTokenizeOptions(t *testing.T) {
	tests := []struct {
		name      string
		content   string
		args      []string
		wantIndex map[string]int
		wantSeqs  [][]int
	}{
		// char_level: "ab a" gives a, b, " ", a; "b!" gives b, !. Counts a 2,
		// b 2, " " 1, ! 1; filters do not apply.
		{"char level", "Ab a\nb!\n", []string{"--char-level"},
			map[string]int{"a": 1, "b": 2, " ": 3, "!": 4}, [][]int{{1, 2, 3, 1}, {2, 4}}},
		// lower=False keeps "The" and "the" apart; filters "," only.
		{"no lower custom filters", "The the,x!\n", []string{"--lower=false", "--filters", ","},
			map[string]int{"The": 1, "the": 2, "x!": 3}, [][]int{{1, 2, 3}}},
		// A byte-order mark is not part of the first word; lone CR ends lines.
		{"bom and cr", "\ufeffHello world\rworld\r", nil,
			map[string]int{"world": 1, "hello": 2}, [][]int{{2, 1}, {1}}},
		// NFKC maps the full-width letters; curly quotes separate words.
		{"unicode mode", "“Great” ＦＩＬＭ\u00a0great\n", []string{"--mode", "unicode"},
			map[string]int{"great": 1, "film": 2}, [][]int{{1, 2, 1}}},
		{"chars segmenter", "好电影 good\n", []string{"--segmenter", "chars"},
			map[string]int{"好": 1, "电": 2, "影": 3, "good": 4}, [][]int{{1, 2, 3, 4}}},
		{"empty file", "", nil, map[string]int{}, [][]int{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTemp(t, "texts.txt", tc.content)
			got := runTokenizeJSON(t, append([]string{"--fit", path}, tc.args...)...)
			if !maps.Equal(got.WordIndex, tc.wantIndex) {
				t.Errorf("word_index = %v, want %v", got.WordIndex, tc.wantIndex)
			}
			checkSequences(t, got.Sequences, tc.wantSeqs)
		})
	}
}

func TestTokenizeAutoSegmenter(t *testing.T) {
	path := writeTemp(t, "zh.txt", "这部电影非常好看\n这部电影很无聊\n")
	got := runTokenizeJSON(t, "--fit", path, "--segmenter", "auto")
	for _, w := range []string{"电影", "非常"} {
		if _, ok := got.WordIndex[w]; !ok {
			t.Errorf("word_index %v lacks %q", got.WordIndex, w)
		}
	}
}

func TestTokenizeWordIndexOrder(t *testing.T) {
	path := writeTemp(t, "reviews.txt", reviews)
	code, stdout, stderr := runCLI(t, "tokenize", "--fit", path, "--oov-token", "<unk>", "--json")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	want := `{"word_index": {"<unk>": 1, "the": 2, "cat": 3, `
	if !strings.HasPrefix(stdout, want) {
		t.Errorf("output starts %.60q, want %q", stdout, want)
	}
}

func TestTokenizeReadable(t *testing.T) {
	path := writeTemp(t, "reviews.txt", reviews)
	code, stdout, stderr := runCLI(t, "tokenize", "--fit", path)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	for _, want := range []string{"Keras rules: lower-case", "      1  the\n", "1: [1 2 3]\n", "3: []\n", "4: [5 4 5 2 1 6]\n"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestTokenizeErrors(t *testing.T) {
	good := writeTemp(t, "good.txt", "a b\n")
	bad := writeTemp(t, "latin1.txt", "fine\ncaf\xe9\n")
	missing := filepath.Join(t.TempDir(), "missing.txt")
	tests := []struct {
		name string
		args []string
		want string // part of the message
	}{
		{"no fit", nil, "use --fit FILE"},
		{"missing file", []string{"--fit", missing}, "cannot read " + missing},
		{"missing texts file", []string{"--fit", good, "--texts", missing}, "cannot read " + missing},
		{"folder", []string{"--fit", filepath.Dir(good)}, "is a directory"},
		{"invalid utf-8", []string{"--fit", bad}, "line 2 of " + bad + " is not valid UTF-8"},
		{"invalid utf-8 in texts", []string{"--fit", good, "--texts", bad}, "line 2 of " + bad},
		{"bad padding", []string{"--fit", good, "--maxlen", "3", "--padding", "middle"}, `--padding "middle" is invalid`},
		{"bad truncating", []string{"--fit", good, "--truncating", "PRE"}, `--truncating "PRE" is invalid`},
		{"negative maxlen", []string{"--fit", good, "--maxlen", "-1"}, "--maxlen -1 is negative"},
		{"negative num words", []string{"--fit", good, "--num-words", "-2"}, "--num-words -2 is negative"},
		{"bad mode", []string{"--fit", good, "--mode", "ascii"}, `--mode "ascii" is invalid`},
		{"bad segmenter", []string{"--fit", good, "--segmenter", "jieba"}, `--segmenter "jieba" is invalid`},
		{"positional", []string{"--fit", good, "extra"}, `unexpected argument "extra"`},
		{"unknown flag", []string{"--fit", good, "--bogus"}, "embedlab tokenize -h"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, append([]string{"tokenize"}, tc.args...)...)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if !strings.HasPrefix(stderr, "embedlab tokenize: ") || strings.Count(stderr, "\n") != 1 {
				t.Errorf("stderr = %q, want one line starting with \"embedlab tokenize: \"", stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr, tc.want)
			}
		})
	}
}

func runTokenizeJSON(t *testing.T, args ...string) tokenizeOutput {
	t.Helper()
	code, stdout, stderr := runCLI(t, append([]string{"tokenize", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, stderr)
	}
	var out tokenizeOutput
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout)
	}
	return out
}

func checkSequences(t *testing.T, got, want [][]int) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d sequences %v, want %d %v", len(got), got, len(want), want)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("sequence %d = %v, want %v", i+1, got[i], want[i])
		}
	}
}
