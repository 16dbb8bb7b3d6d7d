package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"embedlab/model"
)

// smallTrainArgs keeps CLI tests quick: the demo corpus with a tiny model.
var smallTrainArgs = []string{"--demo", "en", "--epochs", "2", "--num-words", "300",
	"--dim", "8", "--units", "8", "--maxlen", "12", "--seed", "3"}

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestTrainSameSeedSameLosses(t *testing.T) {
	args := append([]string{"train"}, smallTrainArgs...)
	code1, out1, err1 := runCLI(t, args...)
	code2, out2, _ := runCLI(t, args...)
	if code1 != 0 || code2 != 0 {
		t.Fatalf("exit codes %d, %d; stderr: %s", code1, code2, err1)
	}
	lines1 := strings.Split(strings.TrimSpace(out1), "\n")
	lines2 := strings.Split(strings.TrimSpace(out2), "\n")
	if len(lines1) != 2 {
		t.Fatalf("got %d epoch lines, want 2:\n%s", len(lines1), out1)
	}
	for i := range lines1 {
		// Everything up to the timing columns must agree to the last digit.
		a, b := lossPart(lines1[i]), lossPart(lines2[i])
		if a != b {
			t.Errorf("epoch %d differs between runs:\n%s\n%s", i+1, a, b)
		}
	}
}

// lossPart returns an epoch line up to its seconds column.
func lossPart(line string) string {
	fields := strings.Fields(line)
	if len(fields) < 10 {
		return line
	}
	return strings.Join(fields[:10], " ")
}

func TestTrainJSONKeys(t *testing.T) {
	args := append([]string{"train", "--json"}, smallTrainArgs...)
	code, out, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want one per epoch (2):\n%s", len(lines), out)
	}
	want := []string{"epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds", "samples_per_s"}
	for i, line := range lines {
		var obj map[string]any
		if err := json.Unmarshal([]byte(line), &obj); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		if len(obj) != len(want) {
			t.Errorf("line %d has %d keys, want %d: %s", i+1, len(obj), len(want), line)
		}
		for _, key := range want {
			if _, ok := obj[key].(float64); !ok {
				t.Errorf("line %d: key %q missing or not a number: %s", i+1, key, line)
			}
		}
		if got := obj["epoch"]; got != float64(i+1) {
			t.Errorf("line %d: epoch = %v, want %d", i+1, got, i+1)
		}
	}
}

func TestTrainSaveThenNeighbors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.embedlab")
	args := append([]string{"train", "--out", path}, smallTrainArgs...)
	if code, _, errOut := runCLI(t, args...); code != 0 {
		t.Fatalf("train exit code %d; stderr: %s", code, errOut)
	}
	code, out, errOut := runCLI(t, "neighbors", "--model", path, "-k", "4", "good")
	if code != 0 {
		t.Fatalf("neighbors exit code %d; stderr: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(lines), out)
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		if len(fields) != 2 {
			t.Errorf("line %q: want a word and a similarity", line)
			continue
		}
		if fields[0] == "good" {
			t.Errorf("the query word is among its own neighbours: %q", line)
		}
	}

	// Flags after the word work too, and the query is normalised like the
	// tokenizer's input: lower-cased, punctuation removed.
	if code, _, errOut := runCLI(t, "neighbors", "Good!", "--model", path); code != 0 {
		t.Errorf("neighbors with flags last: exit code %d; stderr: %s", code, errOut)
	}
}

func TestCLIErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	onlyPos := write("one.csv", "text,label\ngood film,pos\nnice plot,pos\n")
	empty1 := write("empty.pos", "")
	empty2 := write("empty.neg", "\n\n")
	modelPath := filepath.Join(dir, "m.embedlab")
	args := append([]string{"train", "--out", modelPath}, smallTrainArgs...)
	args = append(args, "--epochs", "1") // the last value wins; one epoch is enough here
	if code, _, errOut := runCLI(t, args...); code != 0 {
		t.Fatalf("train exit code %d; stderr: %s", code, errOut)
	}

	tests := []struct {
		name string
		args []string
		want string // a part of the one-line error
	}{
		{"missing file", []string{"train", "--corpus", filepath.Join(dir, "nope.pos"), "--corpus", filepath.Join(dir, "nope.neg")}, "nope.pos"},
		{"single class", []string{"train", "--corpus", onlyPos}, "one.csv"},
		{"no documents", []string{"train", "--corpus", empty1, "--corpus", empty2}, "empty"},
		{"no corpus", []string{"train"}, "--corpus"},
		{"bad flag value", []string{"train", "--demo", "en", "--maxlen", "0"}, "maxlen"},
		{"unknown flag", []string{"train", "--bogus"}, "--bogus"},
		{"bad class weight", []string{"train", "--demo", "en", "--class-weight", "heavy"}, "flag --class-weight"},
		{"bad short flag", []string{"neighbors", "--model", modelPath, "-k", "x", "good"}, "flag -k:"},
		{"unknown word", []string{"neighbors", "--model", modelPath, "qwertyuiop"}, "qwertyuiop"},
		{"missing model", []string{"neighbors", "--model", filepath.Join(dir, "none.embedlab"), "good"}, "none.embedlab"},
		{"not a model", []string{"neighbors", "--model", onlyPos, "good"}, "one.csv"},
		{"vector file as model", []string{"neighbors", "--model", onlyPos, "good"}, "for a word vector file use --vectors"},
		{"no word", []string{"neighbors", "--model", modelPath}, "one word"},
		{"two words", []string{"neighbors", "--model", modelPath, "good film"}, "splits into 2 words"},
		{"punctuation only", []string{"neighbors", "--model", modelPath, "?!"}, "no characters"},
		{"unknown command", []string{"tarin"}, "tarin"},
		{"output folder missing", []string{"train", "--demo", "en", "--out", filepath.Join(dir, "nope", "m.embedlab")}, "does not exist"},
		{"output is a folder", []string{"train", "--demo", "en", "--out", dir}, "is a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if out != "" {
				t.Errorf("stdout is not empty: %q", out)
			}
			msg := strings.TrimSuffix(errOut, "\n")
			if strings.Contains(msg, "\n") {
				t.Errorf("error spans several lines:\n%s", errOut)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not mention %q", msg, tc.want)
			}
			// The engine's package names mean nothing to the user.
			for _, p := range []string{"corpus: ", "model: ", "wordvec: ", "viz: "} {
				if strings.Contains(msg, ": "+p) {
					t.Errorf("error %q keeps the prefix %q", msg, p)
				}
			}
		})
	}
}

func TestDoubleDash(t *testing.T) {
	tests := []struct{ in, want string }{
		{"flag provided but not defined: -modle", "flag provided but not defined: --modle"},
		{`invalid value "x" for flag -class-weight: parse error`, `invalid value "x" for flag --class-weight: parse error`},
		{`invalid value "x" for flag -k: parse error`, `invalid value "x" for flag -k: parse error`},
		{"flag needs an argument: -out", "flag needs an argument: --out"},
		{"value -3 is out of range", "value -3 is out of range"},
	}
	for _, tc := range tests {
		if got := doubleDash(tc.in); got != tc.want {
			t.Errorf("doubleDash(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestCLocaleQuiet checks that a subcommand under LANG=C.UTF-8, the locale of
// many CI machines, prints nothing to stderr: Fyne's lang package would log
// a locale parse error there unless cleanlocale sets LANGUAGE first.
func TestCLocaleQuiet(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "embedlab")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "help")
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "LC_ALL=", "LC_MESSAGES=", "LANGUAGE=")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("embedlab help: %v\nstderr: %s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr is not empty:\n%s", stderr.String())
	}
}

func TestTimeLeftEstimate(t *testing.T) {
	info := model.TrainInfo{Epochs: 3, BatchesPerEpoch: 10, TrainSamples: 320}
	tests := []struct {
		name string
		b    model.BatchStats
		want time.Duration
	}{
		// 160 samples left in epoch 1, then two epochs of 320, at 100 samples/s.
		{"first epoch", model.BatchStats{Epoch: 1, Batch: 5, Batches: 10, SamplesPerSec: 100}, 8 * time.Second},
		{"last batch", model.BatchStats{Epoch: 3, Batch: 10, Batches: 10, SamplesPerSec: 100}, 0},
		{"no rate yet", model.BatchStats{Epoch: 1, Batch: 1, Batches: 10}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := timeLeft(info, tc.b); got != tc.want {
				t.Errorf("timeLeft = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTrainSkipOfWholeFile(t *testing.T) {
	// A folder corpus whose README is skipped as a whole file, as in the
	// aclImdb layout.
	dir := t.TempDir()
	for class, text := range map[string]string{"pos": "a fine film", "neg": "a dull film"} {
		if err := os.MkdirAll(filepath.Join(dir, class), 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range 4 {
			name := filepath.Join(dir, class, string(rune('a'+i))+".txt")
			if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "README"), []byte("about the data"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "train", "--corpus", dir, "--epochs", "1", "--num-words", "20", "--dim", "4", "--units", "4", "--maxlen", "4")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	if !strings.Contains(errOut, "first: README: not inside a class folder") || strings.Contains(errOut, "line 0") {
		t.Errorf("stderr does not name the skipped README without a line number:\n%s", errOut)
	}
}
