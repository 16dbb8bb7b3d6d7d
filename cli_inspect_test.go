package main

import (
	"encoding/json"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// inspectJSONOut is the part of inspect's JSON output the tests read.
type inspectJSONOut struct {
	Format            string         `json:"format"`
	Documents         int            `json:"documents"`
	Classes           map[string]int `json:"classes"`
	Tokens            int            `json:"tokens"`
	Vocabulary        int            `json:"vocabulary"`
	EmptyDocuments    int            `json:"empty_documents"`
	LengthPercentiles map[string]int `json:"length_percentiles"`
	SuggestedMaxLen   int            `json:"suggested_maxlen"`
	Skipped           []struct {
		Source string `json:"source"`
		Line   int    `json:"line"`
		Reason string `json:"reason"`
	} `json:"skipped"`
	Warnings         []string `json:"warnings"`
	Segmenter        string   `json:"segmenter"`
	MajorityBaseline float64  `json:"majority_baseline"`
	NumWords         int      `json:"num_words"`
	Coverage         float64  `json:"num_words_coverage"`
	OOVRate          float64  `json:"oov_rate"`
	TopWords         []struct {
		Word  string `json:"word"`
		Count int    `json:"count"`
	} `json:"top_words"`
	Validation int `json:"validation_documents"`
}

// runInspectJSON runs inspect --json with args and decodes its output.
func runInspectJSON(t *testing.T, args ...string) inspectJSONOut {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"inspect", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("inspect %v: exit status %d; stderr: %s", args, code, errOut)
	}
	var got inspectJSONOut
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("inspect %v printed invalid JSON: %v\n%s", args, err, out)
	}
	return got
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// topicCSV has five rows with a label and one without (line 5), which the
// reader skips. The labels are not spellings of positive and negative, so
// they stay as written.
const topicCSV = "text,label\n" +
	"the match was won,sports\n" + // 4 tokens
	"the team lost the match,sports\n" + // 5 tokens
	"a vote in parliament,politics\n" + // 4 tokens
	"no label here,\n" +
	"the minister resigned,politics\n" + // 3 tokens
	"goal!,sports\n" // 1 token

func TestInspectJSONCSV(t *testing.T) {
	path := writeFile(t, t.TempDir(), "topics.csv", topicCSV)
	got := runInspectJSON(t, path)

	// Counted by hand from topicCSV: lengths 4, 5, 4, 3, 1 sorted 1, 3, 4, 4, 5;
	// nearest ranks for n = 5 are 3 (P50) and 5 (P90, P95, P99).
	// Words: the ×4, match ×2, was, won, team, lost, a, vote, in,
	// parliament, minister, resigned, goal = 13 distinct, 17 tokens.
	if got.Documents != 5 {
		t.Errorf("documents = %d, want 5", got.Documents)
	}
	if want := map[string]int{"sports": 3, "politics": 2}; !maps.Equal(got.Classes, want) {
		t.Errorf("classes = %v, want %v", got.Classes, want)
	}
	if got.Tokens != 17 || got.Vocabulary != 13 {
		t.Errorf("tokens, vocabulary = %d, %d, want 17, 13", got.Tokens, got.Vocabulary)
	}
	wantP := map[string]int{"50": 4, "90": 5, "95": 5, "99": 5, "max": 5}
	if !maps.Equal(got.LengthPercentiles, wantP) {
		t.Errorf("length_percentiles = %v, want %v", got.LengthPercentiles, wantP)
	}
	if got.SuggestedMaxLen != 5 {
		t.Errorf("suggested_maxlen = %d, want 5", got.SuggestedMaxLen)
	}
	if len(got.Skipped) != 1 || got.Skipped[0].Line != 5 || got.Skipped[0].Reason == "" {
		t.Errorf("skipped = %+v, want one row at line 5 with a reason", got.Skipped)
	}
	if want := 0.6; got.MajorityBaseline != want {
		t.Errorf("majority_baseline = %v, want %v (3 of 5)", got.MajorityBaseline, want)
	}
	if len(got.TopWords) == 0 || got.TopWords[0].Word != "the" || got.TopWords[0].Count != 4 {
		t.Errorf("top_words = %+v, want the ×4 first", got.TopWords)
	}
	if got.Segmenter != "none" {
		t.Errorf("segmenter = %q, want none for English text", got.Segmenter)
	}
}

func TestInspectJSONKeys(t *testing.T) {
	path := writeFile(t, t.TempDir(), "topics.csv", topicCSV)
	code, out, errOut := runCLI(t, "inspect", path, "--json")
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, errOut)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &raw); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, out)
	}
	for _, key := range []string{"format", "encoding", "documents", "classes", "tokens", "vocabulary",
		"empty_documents", "length_percentiles", "suggested_maxlen", "skipped", "warnings"} {
		if _, ok := raw[key]; !ok {
			t.Errorf("key %q is missing", key)
		}
	}
	var percentiles map[string]any
	if err := json.Unmarshal(raw["length_percentiles"], &percentiles); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range percentiles {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"50", "90", "95", "99", "max"}; !slices.Equal(keys, want) {
		t.Errorf("length_percentiles keys = %v, want %v", keys, want)
	}
	// Lists are [] rather than null when empty.
	if got := strings.TrimSpace(string(raw["warnings"])); got == "null" {
		t.Error("warnings is null, want a list")
	}
}

func TestInspectText(t *testing.T) {
	path := writeFile(t, t.TempDir(), "topics.csv", topicCSV)
	code, out, errOut := runCLI(t, "inspect", path)
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, errOut)
	}
	for _, want := range []string{
		"documents", "sports 3 (60.0%)", "politics 2 (40.0%)", "P50 4, P90 5, P95 5, P99 5, max 5",
		"suggested maxlen", "the 4", "topics.csv line 5:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if errOut != "" {
		t.Errorf("stderr = %q, want nothing when it is not a terminal", errOut)
	}
}

func TestInspectBookMentionsLanguageModel(t *testing.T) {
	path := writeBookFile(t, t.TempDir())
	code, out, errOut := runCLI(t, "inspect", path)
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, errOut)
	}
	if want := "no document has a label, so train fits a next-word language model on this corpus"; !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

func TestInspectMultiLabel(t *testing.T) {
	text := "__label__sport __label__news ball game\n__label__sport goal\n__label__news __label__tech chip vote\n__label__tech code\n"
	path := writeFile(t, t.TempDir(), "ml.txt", text)
	code, out, errOut := runCLI(t, "inspect", path)
	if code != 0 {
		t.Fatalf("exit status %d; stderr: %s", code, errOut)
	}
	// Every label counts: news 2, sport 2, tech 2 of 4 documents. Per
	// label, either value is right for 2 of 4, so the baseline is 0.5.
	for _, want := range []string{
		"news 2 (50.0%), sport 2 (50.0%), tech 2 (50.0%); shares of the documents",
		"0.500 per-label accuracy by predicting each label's more common value",
		"training learns every label of a document",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestInspectNumWords(t *testing.T) {
	path := writeFile(t, t.TempDir(), "topics.csv", topicCSV)
	// num_words 2 keeps index 1 only, "the": 4 of 17 tokens (see TestInspectJSONCSV).
	got := runInspectJSON(t, "--num-words", "2", path)
	if want := 4.0 / 17; math.Abs(got.Coverage-want) > 1e-12 || math.Abs(got.OOVRate-(1-want)) > 1e-12 {
		t.Errorf("coverage, oov_rate = %v, %v, want %v, %v", got.Coverage, got.OOVRate, want, 1-want)
	}
	if got.NumWords != 2 {
		t.Errorf("num_words = %d, want 2", got.NumWords)
	}
	// The default 10,000 covers all 13 words.
	if got := runInspectJSON(t, path); got.Coverage != 1 || got.OOVRate != 0 {
		t.Errorf("default coverage, oov_rate = %v, %v, want 1, 0", got.Coverage, got.OOVRate)
	}
}

func TestInspectFilePerClass(t *testing.T) {
	dir := t.TempDir()
	pos := writeFile(t, dir, "reviews.pos", "good film\ngreat acting\nfine\n")
	neg := writeFile(t, dir, "reviews.neg", "bad film\n\ndull\n") // line 2 is blank
	got := runInspectJSON(t, pos, neg)
	if got.Documents != 5 {
		t.Errorf("documents = %d, want 5", got.Documents)
	}
	// Class names taken from file names stay as written.
	if want := map[string]int{"pos": 3, "neg": 2}; !maps.Equal(got.Classes, want) {
		t.Errorf("classes = %v, want %v", got.Classes, want)
	}
	if len(got.Skipped) != 1 || got.Skipped[0].Line != 2 {
		t.Errorf("skipped = %+v, want the blank line 2 of reviews.neg", got.Skipped)
	}
}

func TestInspectSegmenter(t *testing.T) {
	dir := t.TempDir()
	// 很 好 看 and 不 好 看: each character is a token with --segmenter chars.
	path := writeFile(t, dir, "reviews.csv", "text,label\n很好看,pos\n不好看,neg\n")
	got := runInspectJSON(t, "--segmenter", "chars", path)
	if got.Segmenter != "chars" || got.Tokens != 6 || got.Vocabulary != 4 {
		t.Errorf("segmenter, tokens, vocabulary = %q, %d, %d, want chars, 6, 4", got.Segmenter, got.Tokens, got.Vocabulary)
	}
	// Without spaces, Keras' rule finds one word per document.
	if got := runInspectJSON(t, "--segmenter", "none", path); got.Tokens != 2 {
		t.Errorf("tokens with --segmenter none = %d, want 2", got.Tokens)
	}
}

func TestInspectSegmenterAuto(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the word dictionary, which takes about a second")
	}
	path := writeFile(t, t.TempDir(), "reviews.csv", "text,label\n这部电影很好看,pos\n这部电影太无聊了,neg\n")
	if got := runInspectJSON(t, path); got.Segmenter != "words" {
		t.Errorf("segmenter = %q, want words for Chinese text", got.Segmenter)
	}
}

func TestInspectErrors(t *testing.T) {
	dir := t.TempDir()
	good := writeFile(t, dir, "topics.csv", topicCSV)
	missing := filepath.Join(dir, "nothing-here.csv")
	tests := []struct {
		name string
		args []string
		want string // part of the message
	}{
		{"no path", nil, "no corpus given"},
		{"missing file", []string{missing}, "nothing-here.csv"},
		{"num-words zero", []string{"--num-words", "0", good}, "--num-words 0"},
		{"unknown segmenter", []string{"--segmenter", "jieba", good}, `--segmenter "jieba"`},
		{"unknown flag", []string{"--colour", good}, "colour"},
		{"unknown format", []string{"--format", "xml", good}, "xml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"inspect"}, tc.args...)...)
			if code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			if !strings.HasPrefix(errOut, "embedlab inspect: ") || strings.Count(errOut, "\n") != 1 {
				t.Errorf("stderr = %q, want one line starting with 'embedlab inspect: '", errOut)
			}
			if !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tc.want)
			}
		})
	}
}

func TestInspectHelp(t *testing.T) {
	code, out, _ := runCLI(t, "inspect", "-h")
	// The flag package prints flags with one dash.
	if code != 0 || !strings.Contains(out, "-num-words") {
		t.Errorf("inspect -h: exit status %d, output %q; want 0 and the flag list", code, out)
	}
}

// TestInspectLargeFile streams a generated corpus of 100,000 lines.
func TestInspectLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes and reads a 2 MB corpus")
	}
	dir := t.TempDir()
	const lines = 50000
	write := func(name string, words []string) string {
		var b strings.Builder
		for i := range lines {
			// i%7+1 words: lengths 1..7, each 1/7 of the documents.
			for j := range i%7 + 1 {
				if j > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(words[(i+j)%len(words)])
			}
			b.WriteByte('\n')
		}
		return writeFile(t, dir, name, b.String())
	}
	pos := write("big.pos", []string{"good", "great", "fine", "lovely"})
	neg := write("big.neg", []string{"bad", "awful", "dull"})

	got := runInspectJSON(t, pos, neg)
	if got.Documents != 2*lines {
		t.Errorf("documents = %d, want %d", got.Documents, 2*lines)
	}
	// Lengths cycle through 1..7 with 50,000 = 7·7,142 + 6, so lengths 1..6
	// occur 7,143 times per file and 7 occurs 7,142 times: tokens per file
	// = 7,143·21 + 7,142·7.
	if want := 2 * (7143*21 + 7142*7); got.Tokens != want {
		t.Errorf("tokens = %d, want %d", got.Tokens, want)
	}
	if got.Vocabulary != 7 || got.LengthPercentiles["max"] != 7 {
		t.Errorf("vocabulary, max = %d, %d, want 7, 7", got.Vocabulary, got.LengthPercentiles["max"])
	}
}

// datasets returns the folder of the shared data sets, skipping the test
// when it is absent.
func datasets(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("EMBEDLAB_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "shared", "datasets")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared data sets not found at %s: %v", dir, err)
	}
	return dir
}

// TestInspectDatasets checks the counts stated in each data set's README.
func TestInspectDatasets(t *testing.T) {
	root := datasets(t)
	uci := filepath.Join(root, "uci_sentiment_sentences")
	tests := []struct {
		name       string
		paths      []string
		docs       int
		perClass   int // documents of each of the two classes; 0 skips the check
		validation int
		skipped    []string // sources of the rows skipped
	}{
		{"uci combined CSV", []string{filepath.Join(uci, "sentiment_sentences_combined.csv")}, 3000, 1500, 0, nil},
		{"uci amazon", []string{filepath.Join(uci, "amazon_cells_labelled.txt")}, 1000, 500, 0, nil},
		{"uci imdb", []string{filepath.Join(uci, "imdb_labelled.txt")}, 1000, 500, 0, nil},
		{"uci yelp", []string{filepath.Join(uci, "yelp_labelled.txt")}, 1000, 500, 0, nil},
		{"mr pair", []string{filepath.Join(root, "mr", "rt-polarity.pos"), filepath.Join(root, "mr", "rt-polarity.neg")}, 10662, 5331, 0, nil},
		// The dataset's README sits beside train and test, outside every class.
		{"aclImdb subset", []string{filepath.Join(root, "imdb_acl_subset", "aclImdb")}, 2000, 1000, 500, []string{"README"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := runInspectJSON(t, tc.paths...)
			if got.Documents != tc.docs {
				t.Errorf("documents = %d, want %d", got.Documents, tc.docs)
			}
			if tc.perClass > 0 {
				if len(got.Classes) != 2 {
					t.Fatalf("classes = %v, want two", got.Classes)
				}
				for name, n := range got.Classes {
					if n != tc.perClass {
						t.Errorf("class %q has %d documents, want %d", name, n, tc.perClass)
					}
				}
			}
			if got.Validation != tc.validation {
				t.Errorf("validation_documents = %d, want %d", got.Validation, tc.validation)
			}
			var sources []string
			for _, s := range got.Skipped {
				sources = append(sources, s.Source)
			}
			if !slices.Equal(sources, tc.skipped) {
				t.Errorf("skipped rows = %+v, want rows of %q", got.Skipped, tc.skipped)
			}
		})
	}
}

func TestInspectKeepLabels(t *testing.T) {
	path := filepath.Join(t.TempDir(), "spam.csv")
	if err := os.WriteFile(path, []byte("text,label\nwin cash now,1\nlunch at noon,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"inspect", path}, "negative 1"},
		{[]string{"inspect", "--keep-labels", path}, "0 1 (50.0%), 1 1"},
	} {
		code, out, errOut := runCLI(t, tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit code %d; stderr: %s", tc.args, code, errOut)
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%v: output lacks %q:\n%s", tc.args, tc.want, out)
		}
	}
}
