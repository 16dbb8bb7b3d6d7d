package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"embedlab/model"
)

// epochLosses returns the loss, accuracy and validation loss of each JSON
// epoch line of out, keyed by epoch.
func epochLosses(t *testing.T, out string) map[int][3]float64 {
	t.Helper()
	got := map[int][3]float64{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var e struct {
			Epoch   int     `json:"epoch"`
			Loss    float64 `json:"loss"`
			Acc     float64 `json:"accuracy"`
			ValLoss float64 `json:"val_loss"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("epoch line is not JSON: %v\n%s", err, line)
		}
		got[e.Epoch] = [3]float64{e.Loss, e.Acc, e.ValLoss}
	}
	return got
}

func TestTrainResumeMatchesWholeRun(t *testing.T) {
	tests := []struct {
		name    string
		options []string
	}{
		{"classic", nil},
		// Dropout, the plateau schedule and early stopping keep state
		// between epochs that the checkpoint must carry.
		{"options", []string{"--dropout", "0.3", "--schedule", "plateau", "--lr-patience", "1", "--patience", "5"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { testTrainResume(t, tc.options) })
	}
}

// testTrainResume compares a 3-epoch run with a 1-epoch run resumed to 3.
func testTrainResume(t *testing.T, options []string) {
	dir := t.TempDir()
	whole, part := filepath.Join(dir, "whole.embedlab"), filepath.Join(dir, "part.embedlab")
	args := func(extra ...string) []string {
		a := append([]string{"train", "--json"}, smallTrainArgs...)
		a = append(a, options...)
		return append(a, extra...)
	}

	code, wholeOut, errOut := runCLI(t, args("--epochs", "3", "--out", whole)...)
	if code != 0 {
		t.Fatalf("whole run: exit code %d; stderr: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, args("--epochs", "1", "--out", part)...); code != 0 {
		t.Fatalf("first part: exit code %d; stderr: %s", code, errOut)
	}
	code, resumedOut, errOut := runCLI(t, "train", "--json", "--resume", part, "--demo", "en", "--epochs", "3")
	if code != 0 {
		t.Fatalf("resume: exit code %d; stderr: %s", code, errOut)
	}
	if !strings.Contains(errOut, "resuming") {
		t.Errorf("stderr does not say it resumes:\n%s", errOut)
	}

	want, got := epochLosses(t, wholeOut), epochLosses(t, resumedOut)
	if len(got) != 2 || got[2] != want[2] || got[3] != want[3] {
		t.Errorf("resumed epochs = %v, want epochs 2 and 3 of the whole run %v", got, want)
	}
	a, err := model.Load(whole)
	if err != nil {
		t.Fatal(err)
	}
	b, err := model.Load(part)
	if err != nil {
		t.Fatal(err)
	}
	for name, pair := range map[string][2][]float32{
		"embedding": {a.Embedding, b.Embedding}, "kernel": {a.Kernel, b.Kernel},
		"recurrent": {a.Recurrent, b.Recurrent}, "dense": {a.DenseW, b.DenseW},
	} {
		if !slices.Equal(pair[0], pair[1]) {
			t.Errorf("%s weights of the resumed run differ from the whole run", name)
		}
	}
	if len(b.History) != 3 || b.Config.Epochs != 3 {
		t.Errorf("resumed file: %d epochs of history, config epochs %d; want 3 and 3", len(b.History), b.Config.Epochs)
	}
}

func TestTrainResumeErrors(t *testing.T) {
	path := trainedModel(t) // one epoch of the demo corpus
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"model flag", []string{"train", "--resume", path, "--demo", "en", "--dim", "16"}, "--dim cannot change a resumed model, which keeps the settings stored in its file; drop it,"},
		{"model flags", []string{"train", "--resume", path, "--demo", "en", "--dim", "16", "--units", "4"}, "drop them,"},
		{"no more epochs", []string{"train", "--resume", path, "--demo", "en", "--epochs", "1"}, "already trained 1 epochs"},
		{"other corpus", []string{"train", "--resume", path, "--demo", "zh", "--epochs", "2"}, "not the corpus the model was trained on"},
		{"missing model", []string{"train", "--resume", path + ".none", "--demo", "en"}, ".none"},
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
		})
	}
}

func TestRecorderCheckpoints(t *testing.T) {
	var saves int
	failAt := 0
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r := &cliRecorder{stdout: &strings.Builder{}, epochs: 3, cancel: cancel,
		checkpoint: func() error {
			saves++
			if saves == failAt {
				return errors.New("disk full")
			}
			return nil
		}}
	for e := 1; e <= 2; e++ {
		r.Epoch(model.EpochStats{Epoch: e})
	}
	if saves != 2 || r.saved != 2 || r.err != nil {
		t.Errorf("after 2 epochs: %d saves, %d counted, error %v; want 2, 2, nil", saves, r.saved, r.err)
	}

	failAt = 3
	r.Epoch(model.EpochStats{Epoch: 3})
	if r.err == nil || ctx.Err() == nil {
		t.Errorf("a failed checkpoint gave error %v and context %v; want the error and a cancelled run", r.err, ctx.Err())
	}
}

// writeNoiseCSV writes a two-class CSV corpus whose labels are random, so
// that a model overfits and its validation loss soon rises.
func writeNoiseCSV(t *testing.T, path string) {
	t.Helper()
	rng := rand.New(rand.NewPCG(2, 2))
	var b strings.Builder
	b.WriteString("text,label\n")
	for range 200 {
		for i := range 6 {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "w%d", rng.IntN(40))
		}
		b.WriteString([]string{",a\n", ",b\n"}[rng.IntN(2)])
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestTrainResumeAfterEarlyStop checks that resuming an early-stopped run
// reports which weights the file contains and starts early stopping afresh, so
// that the resumed run trains at least patience+1 epochs instead of
// stopping after one.
func TestTrainResumeAfterEarlyStop(t *testing.T) {
	dir := t.TempDir()
	data, out := filepath.Join(dir, "noise.csv"), filepath.Join(dir, "es.embedlab")
	writeNoiseCSV(t, data)
	code, _, errOut := runCLI(t, "train", "--json", "--corpus", data, "--epochs", "8", "--num-words", "50", "--dim", "4", "--units", "4",
		"--maxlen", "8", "--seed", "3", "--patience", "1", "--lr", "0.05", "--val-split", "0.3", "--out", out)
	if code != 0 {
		t.Fatalf("first run: exit code %d; stderr: %s", code, errOut)
	}
	m, err := model.Load(out)
	if err != nil {
		t.Fatal(err)
	}
	stoppedAfter, restored, ok := m.EarlyStop()
	if !ok || restored == 0 || stoppedAfter > 6 {
		t.Fatalf("EarlyStop() = %d, %d, %v; the first run must stop early by epoch 6 and restore weights for this test:\n%s", stoppedAfter, restored, ok, errOut)
	}

	code, resumedOut, errOut := runCLI(t, "train", "--json", "--resume", out, "--corpus", data, "--epochs", "8")
	if code != 0 {
		t.Fatalf("resume: exit code %d; stderr: %s", code, errOut)
	}
	want := fmt.Sprintf("early stopping ended its run after epoch %d and restored the weights of epoch %d; continuing from them as epoch %d, up to epoch 8, with early stopping started afresh (patience 1)",
		stoppedAfter, restored, stoppedAfter+1)
	if !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	if got := len(epochLosses(t, resumedOut)); got < 2 {
		t.Errorf("the resumed run trained %d epochs, want at least 2 (patience 1 + 1) with early stopping started afresh:\n%s", got, resumedOut)
	}
}

func TestTrainResumeWithLR(t *testing.T) {
	path := trainedModel(t) // one epoch of the demo corpus at the default 0.001
	code, out, errOut := runCLI(t, "train", "--json", "--resume", path, "--demo", "en", "--epochs", "2", "--lr", "0.0005")
	if code != 0 {
		t.Fatalf("exit code %d; stderr: %s", code, errOut)
	}
	if want := "--lr 0.0005: epoch 2 trains at the learning rate 0.0005 instead of 0.001\n"; !strings.Contains(errOut, want) {
		t.Errorf("stderr lacks %q:\n%s", want, errOut)
	}
	if len(epochLosses(t, out)) != 1 {
		t.Errorf("stdout = %q, want one epoch line", out)
	}
	m, err := model.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if m.Config.LR != 0.0005 || len(m.History) != 2 || m.History[1].LR != 0.0005 || m.History[0].LR != 0.001 {
		t.Errorf("saved lr %g, history rates %v; want 0.0005 for epoch 2 and 0.001 for epoch 1", m.Config.LR, m.History)
	}

	code, _, errOut = runCLI(t, "train", "--resume", path, "--demo", "en", "--epochs", "3", "--lr", "2")
	if code != 1 || !strings.Contains(errOut, "learning rate 2 is out of range") {
		t.Errorf("--lr 2: exit %d, stderr %q; want the range error", code, errOut)
	}
}
