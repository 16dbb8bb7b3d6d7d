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

	"embedlab/corpus"
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
		if want := "validating on the 12 documents from " + val + " (--val-corpus)"; !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
		if !strings.Contains(errOut, "learning rate lowered to 0.0005 for epoch 2") {
			t.Errorf("stderr lacks the step schedule's event:\n%s", errOut)
		}
		if strings.Contains(errOut, "for epoch 3") {
			t.Errorf("stderr announces a rate for epoch 3 of a 2-epoch run:\n%s", errOut)
		}
		for _, want := range []string{"lr 0.001", "lr 0.0005", "blue", "green", "red", "val_precision", "val_recall", "val_support"} {
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

func TestIgnoredFlagWarnings(t *testing.T) {
	plain := &corpus.Corpus{Docs: []corpus.Document{{Text: "a", Label: "x"}}}
	testFolder := &corpus.Corpus{Docs: []corpus.Document{{Text: "a", Label: "x"}, {Text: "b", Label: "x", Split: corpus.SplitValidation}}}
	tests := []struct {
		name   string
		args   []string
		head   string
		corpus *corpus.Corpus
		want   string // "" for no warning
	}{
		{"layer dropout one layer", []string{"--layer-dropout", "0.2"}, model.HeadBinary, plain, "--layer-dropout has no effect with one LSTM layer; add --layers 2 or more"},
		{"layer dropout two layers", []string{"--layer-dropout", "0.2", "--layers", "2"}, model.HeadBinary, plain, ""},
		{"lr factor constant", []string{"--lr-factor", "0.3"}, model.HeadBinary, plain, "--lr-factor has no effect with the constant schedule; add --schedule step or plateau"},
		{"lr factor step", []string{"--lr-factor", "0.3", "--schedule", "step"}, model.HeadBinary, plain, ""},
		{"lr factor zero", []string{"--lr-factor", "0"}, model.HeadBinary, plain, ""},
		{"lr patience step", []string{"--lr-patience", "2", "--schedule", "step"}, model.HeadBinary, plain, "--lr-patience has no effect with the step schedule; add --schedule plateau"},
		{"lr step epochs plateau", []string{"--lr-step-epochs", "2", "--schedule", "plateau"}, model.HeadBinary, plain, "--lr-step-epochs has no effect with the plateau schedule; add --schedule step"},
		{"min lr constant", []string{"--min-lr", "0.01"}, model.HeadBinary, plain, "--min-lr has no effect with the constant schedule; add --schedule plateau"},
		{"samples classifier", []string{"--samples", "16"}, model.HeadSoftmax, plain, "--samples has no effect on a classifier"},
		{"samples lm", []string{"--samples", "16"}, model.HeadLanguageModel, plain, ""},
		{"mask zero lm", []string{"--mask-zero"}, model.HeadLanguageModel, plain, "--mask-zero has no effect on the language model"},
		{"validation lm", []string{"--validation", "last"}, model.HeadLanguageModel, plain, "--validation has no effect on the language model"},
		{"validation val corpus", []string{"--validation", "last", "--val-corpus", "v.csv"}, model.HeadBinary, testFolder, "--validation has no effect with --val-corpus"},
		{"validation test folder", []string{"--validation", "stratified"}, model.HeadBinary, testFolder, "--validation has no effect because the corpus sets aside 1 document for validation"},
		{"validation split", []string{"--validation", "last"}, model.HeadBinary, plain, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := model.DefaultConfig()
			fs := flag.NewFlagSet("train", flag.ContinueOnError)
			addModelOptionFlags(fs, &cfg)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			cfg.Head = tc.head
			got := ignoredFlagWarnings(fs, &model.Model{Config: cfg}, tc.corpus)
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("warnings = %q, want none", got)
			case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
				t.Errorf("warnings = %q, want one containing %q", got, tc.want)
			}
		})
	}
}

func TestTrainWarnsIgnoredFlag(t *testing.T) {
	args := append([]string{"train", "--lr-factor", "0.3", "--min-lr", "0.01"}, smallTrainArgs...)
	args = append(args, "--epochs", "1")
	code, _, errOut := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	for _, want := range []string{
		"warning: --lr-factor has no effect with the constant schedule; add --schedule step or plateau\n",
		"warning: --min-lr has no effect with the constant schedule; add --schedule plateau\n",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestTrainWarnsValidationLacksClasses(t *testing.T) {
	// Sorted by class, so the last 10% in file order holds only "blue".
	var b strings.Builder
	b.WriteString("text,label\n")
	for _, l := range []string{"red", "green", "blue"} {
		for range 20 {
			b.WriteString("some " + l + " words," + l + "\n")
		}
	}
	path := filepath.Join(t.TempDir(), "sorted.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "train", "--corpus", path, "--validation", "last", "--epochs", "1",
		"--num-words", "20", "--dim", "4", "--units", "4", "--maxlen", "4")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	want := "warning: the validation set has no samples of the classes green, red, which training has"
	if !strings.Contains(errOut, want) || !strings.Contains(errOut, "use --validation stratified") {
		t.Errorf("stderr lacks %q and the stratified hint:\n%s", want, errOut)
	}
}
