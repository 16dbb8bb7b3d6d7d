package main

import (
	"encoding/json"
	"math"
	"path/filepath"
	"strings"
	"testing"
)

// trainedModel trains the small demo model for one epoch into a file.
func trainedModel(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "m.embedlab")
	args := append([]string{"train", "--out", path}, smallTrainArgs...)
	args = append(args, "--epochs", "1")
	if code, _, errOut := runCLI(t, args...); code != 0 {
		t.Fatalf("train exit code %d; stderr: %s", code, errOut)
	}
	return path
}

func TestPredictText(t *testing.T) {
	path := trainedModel(t)
	code, out, errOut := runCLI(t, "predict", "--model", path, "a wonderful film", "zzzqx boring")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	blocks := strings.Split(strings.TrimSpace(out), "\n\n")
	if len(blocks) != 2 {
		t.Fatalf("got %d blocks, want one per text:\n%s", len(blocks), out)
	}
	for _, want := range []string{"text", "a wonderful film", "class", "probability", "wonderful"} {
		if !strings.Contains(blocks[0], want) {
			t.Errorf("first block lacks %q:\n%s", want, blocks[0])
		}
	}
	if !strings.Contains(blocks[1], "not in vocabulary  zzzqx") || !strings.Contains(blocks[1], "skipped") {
		t.Errorf("second block does not mark zzzqx as outside the vocabulary:\n%s", blocks[1])
	}
}

func TestPredictTopWarnsForClassifier(t *testing.T) {
	path := trainedModel(t)
	code, _, errOut := runCLI(t, "predict", "--model", path, "--top", "3", "a wonderful film")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	if want := "warning: --top has no effect on a classifier"; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
}

func TestPredictNotes(t *testing.T) {
	dir := t.TempDir()
	bi := filepath.Join(dir, "bi.embedlab")
	args := append([]string{"train", "--out", bi, "--bidirectional"}, smallTrainArgs...)
	if code, _, errOut := runCLI(t, append(args, "--epochs", "1")...); code != 0 {
		t.Fatalf("train exit code %d; stderr: %s", code, errOut)
	}
	uni := trainedModel(t)
	tests := []struct {
		name, model, text string
		want, not         string // not is "" when nothing must be absent
	}{
		{"bidirectional", bi, "a wonderful film", "pairs the forward LSTM after the word with the backward LSTM over the whole text", "padding alone"},
		{"no known word", uni, "", "no word of the text is in the vocabulary", "bidirectional"},
		{"unidirectional", uni, "a wonderful film", "P(", "note"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "predict", "--model", tc.model, tc.text)
			if code != 0 {
				t.Fatalf("exit code %d; stderr: %s", code, errOut)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
			if tc.not != "" && strings.Contains(out, tc.not) {
				t.Errorf("output contains %q:\n%s", tc.not, out)
			}
		})
	}
}

func TestPredictJSON(t *testing.T) {
	path := trainedModel(t)
	code, out, errOut := runCLI(t, "predict", "--json", "--model", path, "a wonderful film zzzqx", "zzzqx")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("got %d lines, want one object per text:\n%s", len(lines), out)
	}

	for i, line := range lines {
		var p prediction
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("line %d is not a prediction: %v\n%s", i+1, err, line)
		}
		var raw map[string]any
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"text", "class", "probability", "probabilities", "tokens", "oov"} {
			if _, ok := raw[key]; !ok {
				t.Errorf("line %d lacks the key %q", i+1, key)
			}
		}

		var sum float64
		for _, q := range p.Probabilities {
			sum += q
		}
		if math.Abs(sum-1) > 1e-6 {
			t.Errorf("line %d: probabilities sum to %v, want 1 (±1e-6)", i+1, sum)
		}
		if p.Probabilities[p.Class] != p.Probability {
			t.Errorf("line %d: probability %v differs from probabilities[%s] %v", i+1, p.Probability, p.Class, p.Probabilities[p.Class])
		}
		if len(p.OOV) != 1 || p.OOV[0] != "zzzqx" {
			t.Errorf("line %d: oov = %v, want [zzzqx]", i+1, p.OOV)
		}
		// The running probability after the last known word is the
		// prediction itself.
		var last *float64
		for _, s := range p.Tokens {
			if s.Probability != nil {
				last = s.Probability
			}
		}
		if i == 0 && (last == nil || *last != p.Probability) {
			t.Errorf("line 1: last running probability %v, want the prediction %v", last, p.Probability)
		}
		if i == 1 && last != nil {
			t.Errorf("line 2: a text with no known word has running probability %v, want none", *last)
		}
	}
}

func TestPredictErrors(t *testing.T) {
	path := trainedModel(t)
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no model", []string{"predict", "good"}, "--model"},
		{"no text", []string{"predict", "--model", path}, "no text"},
		{"missing model", []string{"predict", "--model", filepath.Join(dir, "none.embedlab"), "good"}, "none.embedlab"},
		{"not a model", []string{"predict", "--model", dir, "good"}, dir},
		{"unknown flag", []string{"predict", "--model", path, "--bogus", "good"}, "bogus"},
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
			if strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "embedlab predict: ") {
				t.Errorf("error is not one line starting with the command:\n%s", errOut)
			}
			if !strings.Contains(msg, tc.want) {
				t.Errorf("error %q does not mention %q", msg, tc.want)
			}
		})
	}
}
