package main

import (
	"bytes"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"embedlab/model"
)

func TestArchitectureFlags(t *testing.T) {
	cfg := model.DefaultConfig()
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addModelOptionFlags(fs, &cfg)
	if err := fs.Parse([]string{"--layers", "3", "--mask-zero", "--bidirectional"}); err != nil {
		t.Fatal(err)
	}
	want := model.DefaultConfig()
	want.Layers, want.MaskZero, want.Bidirectional = 3, true, true
	if cfg != want {
		t.Errorf("config = %+v, want %+v", cfg, want)
	}
}

// A stacked, masked model trains from the command line, and its summary
// lists both LSTM layers, the first returning its 8 steps. With dim equal
// to units, each has 4·4·(4+4+1) = 144 parameters.
func TestTrainStackedMasked(t *testing.T) {
	dir := t.TempDir()
	train := writeThreeClassCSV(t, dir, "train.csv", 60)
	out := filepath.Join(dir, "m.embedlab")
	args := []string{"train", "--corpus", train, "--out", out, "--layers", "2", "--mask-zero",
		"--epochs", "1", "--num-words", "50", "--dim", "4", "--units", "4", "--maxlen", "8", "--seed", "3"}
	if code, _, errOut := runCLI(t, args...); code != 0 {
		t.Fatalf("exit %d; stderr: %s", code, errOut)
	}
	var stdout, stderr bytes.Buffer
	if code := runSummary([]string{"--model", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("summary exit %d, stderr %q", code, stderr.String())
	}
	for _, want := range []string{"lstm (LSTM)", "(None, 8, 4)", "lstm_1 (LSTM)", "144"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, stdout.String())
		}
	}

	// Bidirectional(LSTM(4)) on 4 dimensions: 2·144 = 288 parameters.
	var biOut bytes.Buffer
	if code := runSummary([]string{"--layers", "2", "--bidirectional", "--dim", "4", "--units", "4"}, &biOut, &stderr); code != 0 {
		t.Fatalf("summary exit %d, stderr %q", code, stderr.String())
	}
	for _, want := range []string{"bidirectional (Bidirectional)", "bidirectional_1 (Bidirectional)", "288", "(None, 50, 8)"} {
		if !strings.Contains(biOut.String(), want) {
			t.Errorf("bidirectional summary lacks %q:\n%s", want, biOut.String())
		}
	}

	if code, _, errOut := runCLI(t, "train", "--corpus", train, "--layers", "5"); code == 0 || !strings.Contains(errOut, "layers 5 is out of range") {
		t.Errorf("--layers 5: exit %d, stderr %q; want the range error", code, errOut)
	}
}
