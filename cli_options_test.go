package main

import (
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"embedlab/model"
)

func TestModelOptionFlags(t *testing.T) {
	cfg := model.DefaultConfig()
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addModelOptionFlags(fs, &cfg)
	args := []string{"--class-weight", "balanced", "--validation", "stratified", "--patience", "3",
		"--schedule", "plateau", "--lr-factor", "0.2", "--lr-step-epochs", "4", "--lr-patience", "2",
		"--min-lr", "0.0001", "--clip-norm", "1.5", "--dropout", "0.25", "--layer-dropout", "0.15", "--val-corpus", "v.csv"}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	want := model.DefaultConfig()
	want.ClassWeight, want.Validation, want.Patience, want.Schedule = "balanced", "stratified", 3, "plateau"
	want.LRFactor, want.LRStepEpochs, want.LRPatience, want.MinLR, want.ClipNorm, want.Dropout = 0.2, 4, 2, 0.0001, 1.5, 0.25
	want.LayerDropout = 0.15
	if cfg != want {
		t.Errorf("config = %+v, want %+v", cfg, want)
	}
	if got := fs.Lookup("val-corpus").Value.String(); got != "v.csv" {
		t.Errorf("--val-corpus = %q, want v.csv", got)
	}

	fs2 := flag.NewFlagSet("train", flag.ContinueOnError)
	fs2.SetOutput(io.Discard)
	addModelOptionFlags(fs2, &cfg)
	err := fs2.Parse([]string{"--schedule", "cosine"})
	if err == nil || !strings.Contains(err.Error(), `schedule "cosine" is not known; use constant, step, plateau`) {
		t.Errorf("bad --schedule = %v, want the list of schedules", err)
	}
}

// writeThreeClassCSV writes a small three-class CSV corpus and returns its path.
func writeThreeClassCSV(t *testing.T, dir, name string, rows int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("text,label\n")
	words := map[string]string{"red": "apple cherry tomato", "green": "leaf grass lime", "blue": "sky sea ocean"}
	labels := []string{"red", "green", "blue"}
	for i := range rows {
		l := labels[i%3]
		b.WriteString("the " + words[l] + " is here," + l + "\n")
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTrainOptionsOutput(t *testing.T) {
	dir := t.TempDir()
	train := writeThreeClassCSV(t, dir, "train.csv", 60)
	val := writeThreeClassCSV(t, dir, "val.csv", 12)
	small := []string{"--epochs", "2", "--num-words", "50", "--dim", "4", "--units", "4", "--maxlen", "8", "--seed", "3"}

	t.Run("per-class lines and lr", func(t *testing.T) {
		args := append([]string{"train", "--corpus", train, "--val-corpus", val, "--schedule", "step", "--lr-step-epochs", "1"}, small...)
		code, out, errOut := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("exit %d; stderr: %s", code, errOut)
		}
		if !strings.Contains(errOut, "12 validation samples") {
			t.Errorf("stderr does not report the 12 samples of --val-corpus:\n%s", errOut)
		}
		if !strings.Contains(errOut, "learning rate lowered to 0.0005 for epoch 2") {
			t.Errorf("stderr lacks the step schedule's event:\n%s", errOut)
		}
		for _, want := range []string{"lr 0.001", "lr 0.0005", "blue", "green", "red", "recall"} {
			if !strings.Contains(out, want) {
				t.Errorf("stdout lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("json keys", func(t *testing.T) {
		args := append([]string{"train", "--json", "--corpus", train, "--schedule", "step"}, small...)
		code, out, errOut := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("exit %d; stderr: %s", code, errOut)
		}
		var obj map[string]any
		if err := json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &obj); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := []string{"accuracy", "epoch", "loss", "lr", "per_class", "samples_per_s", "seconds", "val_accuracy", "val_loss"}
		if !slices.Equal(keys, want) {
			t.Errorf("keys = %v, want %v", keys, want)
		}
	})
	t.Run("validation class unknown", func(t *testing.T) {
		other := filepath.Join(dir, "other.csv")
		if err := os.WriteFile(other, []byte("text,label\nsome text,purple\nmore text,red\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		args := append([]string{"train", "--corpus", train, "--val-corpus", other}, small...)
		code, _, errOut := runCLI(t, args...)
		if code != 1 || !strings.Contains(errOut, `has the class "purple", which the training corpus lacks`) {
			t.Errorf("exit %d, stderr %q; want the unknown class named", code, errOut)
		}
	})
}
