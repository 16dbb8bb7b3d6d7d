package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeVectors writes small 3-D vectors in word2vec text format: the gender
// offset is the second axis and royalty the first, so that
// king − man + woman lands on queen, and apple points away from the rest.
func writeVectors(t *testing.T) string {
	t.Helper()
	text := "7 3\n" +
		"man 0 1 0.1\n" +
		"woman 0 -1 0.1\n" +
		"king 1 1 0.1\n" +
		"queen 1 -1 0.1\n" +
		"apple -1 0 1\n" +
		"prince 1 0.9 0.2\n" +
		"nothing 0 0 0\n"
	path := filepath.Join(t.TempDir(), "small.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQueryCommands(t *testing.T) {
	vec := writeVectors(t)
	tests := []struct {
		name  string
		args  []string
		first string // first output line, fields joined by one space
	}{
		// Expected scores computed with numpy from the vectors above.
		{"neighbors cosine", []string{"neighbors", "--vectors", vec, "-k", "2", "king"}, "prince 0.9957"},
		{"neighbors euclidean", []string{"neighbors", "--vectors", vec, "--metric", "euclidean", "king"}, "prince 0.1414"},
		{"neighbors restrict", []string{"neighbors", "--vectors", vec, "--restrict", "3", "king"}, "man 0.7089"},
		{"neighbors of zero vector", []string{"neighbors", "--vectors", vec, "-k", "1", "nothing"}, "man 0.0000"},
		{"zero vector flagged", []string{"neighbors", "--vectors", vec, "-k", "1", "--metric", "euclidean", "apple"}, "nothing 1.4142 (zero vector)"},
		{"analogy add", []string{"analogy", "--vectors", vec, "man", "king", "woman"}, "queen 0.9600"},
		{"analogy mul", []string{"analogy", "--vectors", vec, "--method", "mul", "-k", "1", "man", "king", "woman"}, "queen"},
		{"similarity", []string{"similarity", "--vectors", vec, "king", "queen"}, "0.0050"},
		{"odd one out", []string{"odd-one-out", "--vectors", vec, "king", "prince", "man", "apple"}, "apple"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != 0 {
				t.Fatalf("exit code %d; stderr: %s", code, errOut)
			}
			first := strings.Join(strings.Fields(strings.SplitN(out, "\n", 2)[0]), " ")
			if !strings.HasPrefix(first, tc.first) {
				t.Errorf("first line %q, want it to start with %q; output:\n%s", first, tc.first, out)
			}
		})
	}
}

// TestNeighborsCSV checks that --csv names the ranking metric in the header
// and writes its value: the cosine similarity or the Euclidean distance.
func TestNeighborsCSV(t *testing.T) {
	vec := writeVectors(t)
	tests := []struct {
		metric string
		want   string
	}{
		// Values computed with numpy from writeVectors' vectors.
		{"cosine", "query,rank,word,cosine_similarity\nking,1,prince,0.9956"},
		{"euclidean", "query,rank,word,euclidean_distance\nking,1,prince,0.1414"},
	}
	for _, tc := range tests {
		t.Run(tc.metric, func(t *testing.T) {
			code, out, errOut := runCLI(t, "neighbors", "--vectors", vec, "--metric", tc.metric, "-k", "2", "--csv", "king")
			if code != 0 {
				t.Fatalf("exit code %d; stderr: %s", code, errOut)
			}
			if !strings.HasPrefix(out, tc.want) {
				t.Errorf("output %q, want it to start with %q", out, tc.want)
			}
			if lines := strings.Count(out, "\n"); lines != 3 {
				t.Errorf("%d lines, want a header and 2 neighbours; output:\n%s", lines, out)
			}
		})
	}
}

func TestQueryCommandErrors(t *testing.T) {
	vec := writeVectors(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no source", []string{"similarity", "king", "queen"}, "no vectors given"},
		{"both sources", []string{"similarity", "--model", "m", "--vectors", vec, "king", "queen"}, "not both"},
		{"unknown word", []string{"similarity", "--vectors", vec, "king", "emperor"}, `"emperor" is not in the vocabulary`},
		{"analogy arity", []string{"analogy", "--vectors", vec, "man", "king"}, "expected 3 words"},
		{"analogy method", []string{"analogy", "--vectors", vec, "--method", "div", "a", "b", "c"}, `--method "div" is unknown`},
		{"neighbors metric", []string{"neighbors", "--vectors", vec, "--metric", "manhattan", "king"}, `--metric "manhattan" is unknown`},
		{"neighbors k", []string{"neighbors", "--vectors", vec, "-k", "0", "king"}, "-k 0 is out of range"},
		{"odd one word", []string{"odd-one-out", "--vectors", vec, "king"}, "at least 3 words"},
		{"eval no file", []string{"eval", "--vectors", vec}, "exactly one of --analogies"},
		{"eval missing file", []string{"eval", "--vectors", vec, "--pairs", filepath.Join(t.TempDir(), "none.tsv")}, "does not exist"},
		{"project no out", []string{"project", "--vectors", vec}, "no output file"},
		{"project unknown word", []string{"project", "--vectors", vec, "--words", "king,emperor", "--out", filepath.Join(t.TempDir(), "c.csv")}, `"emperor"`},
		{"missing vectors file", []string{"similarity", "--vectors", filepath.Join(t.TempDir(), "none.txt"), "a", "b"}, "none.txt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, tc.args...)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, tc.want) {
				t.Errorf("stderr %q, want one line containing %q", errOut, tc.want)
			}
		})
	}
}

func TestEvalCommand(t *testing.T) {
	vec := writeVectors(t)
	dir := t.TempDir()
	analogies := filepath.Join(dir, "questions.txt")
	pairs := filepath.Join(dir, "pairs.tsv")
	// One question answered right (queen), one wrong (apple), one skipped.
	os.WriteFile(analogies, []byte(": royalty\nman king woman queen\nman king woman apple\nman king woman unicorn\n"), 0o644)
	os.WriteFile(pairs, []byte("# word1\tword2\tscore\nking\tqueen\t8\nking\tprince\t9\nking\tapple\t1\nking\tunicorn\t5\n"), 0o644)

	code, out, errOut := runCLI(t, "eval", "--vectors", vec, "--analogies", analogies)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	for _, want := range []string{"royalty", "0.5000", "Total accuracy", "skipped 33.3%"} {
		if !strings.Contains(out, want) {
			t.Errorf("analogy output lacks %q:\n%s", want, out)
		}
	}

	code, out, errOut = runCLI(t, "eval", "--vectors", vec, "--pairs", pairs, "--json")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	var res struct {
		Spearman     float64 `json:"spearman"`
		Pairs        int     `json:"pairs"`
		Skipped      int     `json:"skipped"`
		SkippedShare float64 `json:"skipped_share"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	// Cosines to king: prince 0.99, queen 0.00, apple -0.66 rank as the
	// scores 9, 8, 1 do, so Spearman is 1.
	if res.Pairs != 3 || res.Skipped != 1 || res.SkippedShare != 0.25 || res.Spearman < 0.999999 {
		t.Errorf("got %+v, want 3 pairs, 1 skipped (0.25) and Spearman 1", res)
	}
}

func TestProjectCommand(t *testing.T) {
	vec := writeVectors(t)
	tests := []struct {
		name  string
		args  []string
		words []string
	}{
		{"top", []string{"--top", "4"}, []string{"man", "woman", "king", "queen"}},
		{"list", []string{"--words", "apple, king,queen"}, []string{"apple", "king", "queen"}},
		{"no center", []string{"--top", "4", "--no-center"}, []string{"man", "woman", "king", "queen"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "coords.csv")
			args := append([]string{"project", "--vectors", vec, "--out", out}, tc.args...)
			if code, _, errOut := runCLI(t, args...); code != 0 {
				t.Fatalf("exit code %d; stderr: %s", code, errOut)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(data)), "\n")
			if lines[0] != "word,x,y" || len(lines) != len(tc.words)+1 {
				t.Fatalf("CSV has header %q and %d rows, want word,x,y and %d rows:\n%s", lines[0], len(lines)-1, len(tc.words), data)
			}
			for i, w := range tc.words {
				fields := strings.Split(lines[i+1], ",")
				if fields[0] != w {
					t.Errorf("row %d word %q, want %q", i+1, fields[0], w)
				}
				for _, f := range fields[1:] {
					if _, err := strconv.ParseFloat(f, 64); err != nil {
						t.Errorf("row %d: %q is not a number", i+1, f)
					}
				}
			}
		})
	}
}

// TestProjectNoCenterChangesMap checks that --no-center reaches the PCA: the
// coordinates must differ from the centred map of the same words, because
// centred coordinates of each axis sum to 0 and raw ones need not.
func TestProjectNoCenterChangesMap(t *testing.T) {
	vec := writeVectors(t)
	var maps [2]string
	for i, extra := range [][]string{nil, {"--no-center"}} {
		out := filepath.Join(t.TempDir(), "coords.csv")
		args := append([]string{"project", "--vectors", vec, "--top", "4", "--out", out}, extra...)
		if code, _, errOut := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit code %d; stderr: %s", extra, code, errOut)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		maps[i] = string(data)
	}
	if maps[0] == maps[1] {
		t.Errorf("--no-center wrote the same coordinates as the centred map:\n%s", maps[0])
	}
}

func TestQueryCommandsOnModel(t *testing.T) {
	path := trainedModel(t)
	coords := filepath.Join(t.TempDir(), "coords.csv")
	// Words go through the model's tokenizer, so "Good!" is looked up as
	// "good", a word every demo corpus has.
	tests := [][]string{
		{"neighbors", "--model", path, "--metric", "euclidean", "--restrict", "50", "Good!"},
		{"analogy", "--model", path, "--method", "mul", "good", "bad", "film"},
		{"similarity", "--model", path, "good", "Bad"},
		{"odd-one-out", "--model", path, "good", "bad", "film"},
		{"project", "--model", path, "--top", "20", "--out", coords},
	}
	for _, args := range tests {
		t.Run(args[0], func(t *testing.T) {
			code, out, errOut := runCLI(t, args...)
			if code != 0 {
				t.Fatalf("exit code %d; stderr: %s", code, errOut)
			}
			if args[0] != "project" && strings.TrimSpace(out) == "" {
				t.Error("no output")
			}
		})
	}
}

func TestEvalAnalogiesWrongFile(t *testing.T) {
	vectors := writeVectors(t)
	pairs := filepath.Join(t.TempDir(), "pairs.tsv")
	if err := os.WriteFile(pairs, []byte("Word 1\tWord 2\tHuman (mean)\nking\tqueen\t8.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "eval", "--vectors", vectors, "--analogies", pairs)
	if code != 1 || out != "" || !strings.Contains(errOut, "no analogy questions") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1 and a message that the file has no questions", code, out, errOut)
	}
}

func TestOddOneOutNeedsThreeWords(t *testing.T) {
	vectors := writeVectors(t)
	code, _, errOut := runCLI(t, "odd-one-out", "--vectors", vectors, "king", "queen")
	if code != 1 || !strings.Contains(errOut, "at least 3 words") {
		t.Errorf("exit %d, stderr %q; want 1 and a message asking for 3 words", code, errOut)
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		share float64
		want  string
	}{
		{0, "0.0%"},
		{1, "100.0%"},
		{0.25, "25.0%"},
		{1 - 2.0/19544, ">99.9%"},
		{2.0 / 19544, "<0.1%"},
		{0.0006, "0.1%"},
	}
	for _, tc := range tests {
		if got := percent(tc.share); got != tc.want {
			t.Errorf("percent(%g) = %q, want %q", tc.share, got, tc.want)
		}
	}
}
