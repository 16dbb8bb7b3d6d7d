package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeBookFile writes an unlabelled prose file of repeated sentences in
// paragraphs and returns its path.
func writeBookFile(t *testing.T, dir string) string {
	t.Helper()
	sentences := []string{"the cat sat on the mat.", "the dog ran in the park.", "a bird flew over the house."}
	var b strings.Builder
	for p := range 40 {
		for line := range 3 {
			fmt.Fprintf(&b, "%s %s\n", sentences[(p+line)%3], sentences[(p*line)%3])
		}
		b.WriteString("\n")
	}
	path := filepath.Join(dir, "book.txt")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTrainLanguageModelCLI(t *testing.T) {
	dir := t.TempDir()
	book, modelPath := writeBookFile(t, dir), filepath.Join(dir, "lm.embedlab")
	code, out, errOut := runCLI(t, "train", "--corpus", book, "--epochs", "2", "--num-words", "20000",
		"--dim", "8", "--units", "8", "--maxlen", "10", "--lr", "0.01", "--out", modelPath)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	first, _, _ := strings.Cut(errOut, "\n")
	if !strings.HasPrefix(first, "training a next-word language model (the corpus has no labels") {
		t.Errorf("first line = %q, want it to say that a language model trains and why", first)
	}
	if !strings.Contains(first, "; baseline: a unigram model scores val_perplexity ") {
		t.Errorf("first line = %q, want the unigram baseline", first)
	}
	if !strings.Contains(errOut, "full softmax over all 14 words") {
		t.Errorf("stderr = %q, want the full softmax chosen for 14 words", errOut)
	}
	// --objective classify fails on a corpus without labels.
	if strings.Contains(first, "classify") {
		t.Errorf("first line = %q suggests --objective classify for a corpus without labels", first)
	}
	// The three sentences have 14 distinct words.
	if !strings.Contains(errOut, "num_words lowered from 20000 to 15") {
		t.Errorf("stderr = %q, want the lowered num_words", errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], "val_perplexity ") || !strings.Contains(lines[1], "  loss ") ||
		!strings.Contains(lines[1], "  accuracy ") || strings.Contains(lines[1], "sampled_loss") {
		t.Errorf("epoch lines = %q, want two with the full softmax's loss, accuracy and val_perplexity", lines)
	}

	code, out, errOut = runCLI(t, "predict", "--model", modelPath, "--json", "--top", "3", "the dog ran in")
	if code != 0 {
		t.Fatalf("predict exit code %d; stderr: %s", code, errOut)
	}
	var p struct {
		Next []struct {
			Word string  `json:"word"`
			Prob float64 `json:"probability"`
		} `json:"next_words"`
		Known int `json:"known_words"`
	}
	if err := json.Unmarshal([]byte(out), &p); err != nil {
		t.Fatalf("predict --json output %q: %v", out, err)
	}
	if len(p.Next) != 3 || p.Known != 4 {
		t.Errorf("predict = %+v, want 3 next words after 4 known words", p)
	}

	code, out, errOut = runCLI(t, "summary", "--model", modelPath)
	if code != 0 || !strings.Contains(out, "(None, 10, 15)") {
		t.Errorf("summary exit %d, output %q (stderr %q); want Dense(15) on each of 10 steps", code, out, errOut)
	}

	code, out, errOut = runCLI(t, "train", "--resume", modelPath, "--corpus", book, "--epochs", "3")
	if code != 0 || !strings.HasPrefix(out, "epoch 3/3  loss ") || strings.Contains(errOut, "lowered") {
		t.Errorf("resume exit %d, stdout %q, stderr %q; want epoch 3 and no num_words change", code, out, errOut)
	}

	// Keras' Dense(20000) on 128 units of every step: 128·20000 + 20000.
	code, out, errOut = runCLI(t, "summary", "--head", "lm", "--num-words", "20000")
	if code != 0 || !strings.Contains(out, "(None, 50, 20000)   2,580,000") {
		t.Errorf("summary --head lm exit %d, output %q (stderr %q); want Dense(20000) with 2,580,000 parameters", code, out, errOut)
	}

	code, out, errOut = runCLI(t, "train", "--corpus", book, "--epochs", "1", "--samples", "4", "--dim", "8", "--units", "8", "--maxlen", "10")
	if code != 0 || !strings.HasPrefix(out, "epoch 1/1  sampled_loss ") || strings.Contains(out, "  accuracy ") {
		t.Errorf("--samples 4 exit %d, stdout %q, stderr %q; want sampled_loss and no training accuracy", code, out, errOut)
	}

	code, _, errOut = runCLI(t, "train", "--corpus", book, "--objective", "classify", "--epochs", "1")
	if code == 0 || !strings.Contains(errOut, "has no class labels") {
		t.Errorf("--objective classify on a book: exit %d, stderr %q; want the missing-labels error", code, errOut)
	}
}

// TestLanguageModelJSONKeys checks the keys of 'embedlab train --json' for
// a language model: loss and accuracy for the full softmax, sampled_loss
// without accuracy for a sampled one, and the perplexities in both.
func TestLanguageModelJSONKeys(t *testing.T) {
	book := writeBookFile(t, t.TempDir())
	tests := []struct {
		samples    string
		want, lack []string
	}{
		{"-1", []string{"loss", "accuracy"}, []string{"sampled_loss"}},
		{"4", []string{"sampled_loss"}, []string{"loss", "accuracy"}},
	}
	for _, tc := range tests {
		t.Run("samples "+tc.samples, func(t *testing.T) {
			code, out, errOut := runCLI(t, "train", "--corpus", book, "--epochs", "1", "--json", "--samples", tc.samples,
				"--dim", "8", "--units", "8", "--maxlen", "10")
			if code != 0 {
				t.Fatalf("exit code %d; stderr: %s", code, errOut)
			}
			var obj map[string]any
			if err := json.Unmarshal([]byte(out), &obj); err != nil {
				t.Fatalf("output %q: %v", out, err)
			}
			for _, key := range append(tc.want, "val_loss", "val_accuracy", "val_perplexity", "unigram_perplexity") {
				if _, ok := obj[key]; !ok {
					t.Errorf("key %q missing from %s", key, out)
				}
			}
			for _, key := range tc.lack {
				if _, ok := obj[key]; ok {
					t.Errorf("key %q present in %s", key, out)
				}
			}
			if u, ok := obj["unigram_perplexity"].(float64); !ok || !(u > 1) {
				t.Errorf("unigram_perplexity = %v, want a number above 1", obj["unigram_perplexity"])
			}
		})
	}
}
