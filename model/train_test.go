package model

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"embedlab/corpus"
)

// synthetic returns n samples of maxLen word ids over a vocabulary of 60.
// Words 2–9 mark class 1 and words 10–17 class 0; every sample holds two
// marker words of its class among neutral words 18–59 and front padding,
// so a model that learns the markers separates the classes.
func synthetic(n, maxLen int, seed uint64) (x []int32, y []float32) {
	rng := rand.New(rand.NewPCG(seed, seed))
	x = make([]int32, n*maxLen)
	y = make([]float32, n)
	for i := range n {
		label := rng.IntN(2)
		y[i] = float32(label)
		row := x[i*maxLen : (i+1)*maxLen]
		length := 3 + rng.IntN(maxLen-2)
		for s := maxLen - length; s < maxLen; s++ {
			row[s] = int32(18 + rng.IntN(42))
		}
		for range 2 {
			marker := 10 + rng.IntN(8)
			if label == 1 {
				marker = 2 + rng.IntN(8)
			}
			row[maxLen-length+rng.IntN(length)] = int32(marker)
		}
	}
	return x, y
}

func syntheticConfig() Config {
	return Config{NumWords: 60, Dim: 8, MaxLen: 12, Units: 8, Batch: 16, LR: 0.01, Epochs: 4, ValSplit: 0.25, Seed: 5}
}

// syntheticModel returns a fresh model and the split synthetic data, as
// Prepare would build them from a corpus.
func syntheticModel(cfg Config, n int) (*Model, *Dataset, *Dataset) {
	x, y := synthetic(n, cfg.MaxLen, 42)
	train, val := splitShuffled(x, y, cfg.MaxLen, cfg.ValSplit, newRand(cfg.Seed, splitStream))
	m := newWeights(cfg, newRand(cfg.Seed, 0))
	m.Classes = []string{"neg", "pos"}
	return m, train, val
}

// recorder keeps every call; cancel, when set, is called after batch cancelAt.
type recorder struct {
	info     []TrainInfo
	batches  []BatchStats
	epochs   []EpochStats
	cancelAt int
	cancel   context.CancelFunc
}

func (r *recorder) Begin(i TrainInfo)  { r.info = append(r.info, i) }
func (r *recorder) Epoch(e EpochStats) { r.epochs = append(r.epochs, e) }
func (r *recorder) Batch(b BatchStats) {
	r.batches = append(r.batches, b)
	if r.cancel != nil && len(r.batches) == r.cancelAt {
		r.cancel()
	}
}

func TestFitLearnsSynthetic(t *testing.T) {
	cfg := syntheticConfig()
	m, train, val := syntheticModel(cfg, 800)
	rec := &recorder{}
	if err := m.Fit(context.Background(), train, val, rec); err != nil {
		t.Fatal(err)
	}

	last := m.History[len(m.History)-1]
	t.Logf("history: %+v", m.History)
	// Chance is 0.5; the markers make the task easy, so demand 0.9.
	if last.ValAccuracy < 0.9 {
		t.Errorf("final validation accuracy = %.3f, want at least 0.9", last.ValAccuracy)
	}
	if first := m.History[0]; !(last.Loss < first.Loss) {
		t.Errorf("training loss went from %.4f to %.4f, want a decrease", first.Loss, last.Loss)
	}

	// Recorder calls: one Begin, one Batch per batch, one Epoch per epoch.
	batches := (train.Len() + cfg.Batch - 1) / cfg.Batch
	wantInfo := TrainInfo{Epochs: 4, BatchesPerEpoch: batches, TrainSamples: 600, ValSamples: 200}
	if len(rec.info) != 1 || rec.info[0] != wantInfo {
		t.Errorf("Begin calls = %+v, want one with %+v", rec.info, wantInfo)
	}
	if len(rec.batches) != cfg.Epochs*batches {
		t.Errorf("Batch calls = %d, want %d", len(rec.batches), cfg.Epochs*batches)
	}
	if len(rec.epochs) != cfg.Epochs || !slices.Equal(rec.epochs, m.History) {
		t.Errorf("Epoch calls = %+v, want the %d entries of History", rec.epochs, cfg.Epochs)
	}
	lastBatch := rec.batches[len(rec.batches)-1]
	if lastBatch.Epoch != 4 || lastBatch.Batch != batches || lastBatch.Loss != last.Loss {
		t.Errorf("last batch = %+v, want epoch 4, batch %d and the epoch loss %g", lastBatch, batches, last.Loss)
	}
}

func TestFitDeterministic(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 2
	run := func() *Model {
		m, train, val := syntheticModel(cfg, 200)
		if err := m.Fit(context.Background(), train, val, nil); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b := run(), run()
	for i := range a.History {
		ha, hb := a.History[i], b.History[i]
		if ha.Loss != hb.Loss || ha.ValLoss != hb.ValLoss || ha.Accuracy != hb.Accuracy {
			t.Errorf("epoch %d: runs differ: %+v and %+v", i+1, ha, hb)
		}
	}
	if !slices.Equal(a.Recurrent, b.Recurrent) || !slices.Equal(a.Embedding, b.Embedding) {
		t.Error("weights of two runs with the same seed differ")
	}

	cfg.Seed = 6
	c := run()
	if c.History[0].Loss == a.History[0].Loss {
		t.Error("seeds 5 and 6 give the same first-epoch loss")
	}
}

func TestFitCancel(t *testing.T) {
	cfg := syntheticConfig()
	m, train, val := syntheticModel(cfg, 400)
	before := slices.Clone(m.Kernel)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	rec := &recorder{cancelAt: 3, cancel: cancel}

	start := time.Now()
	err := m.Fit(ctx, train, val, rec)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Fit = %v, want context.Canceled", err)
	}
	// Fit checks ctx before every batch, so it stops right after batch 3.
	if len(rec.batches) != 3 {
		t.Errorf("batches run = %d, want 3", len(rec.batches))
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("Fit took %v after cancel, want under a second", d)
	}
	if len(m.History) != 0 || len(rec.epochs) != 0 {
		t.Errorf("history = %d entries, want none for an unfinished epoch", len(m.History))
	}
	if slices.Equal(before, m.Kernel) {
		t.Error("weights did not change, want the three trained batches kept")
	}
}

func TestFitWithoutValidation(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 1
	cfg.ValSplit = 0
	m, train, val := syntheticModel(cfg, 50)
	if val.Len() != 0 || train.Len() != 50 {
		t.Fatalf("split = %d/%d, want 50/0", train.Len(), val.Len())
	}
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	h := m.History[0]
	if !math.IsNaN(h.ValLoss) || !math.IsNaN(h.ValAccuracy) {
		t.Errorf("validation loss, accuracy = %g, %g, want NaN", h.ValLoss, h.ValAccuracy)
	}
	if math.IsNaN(h.Loss) || h.Loss <= 0 {
		t.Errorf("training loss = %g, want a positive number", h.Loss)
	}
}

func TestFitContinuesEpochs(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 1
	m, train, val := syntheticModel(cfg, 64)
	for range 2 {
		if err := m.Fit(context.Background(), train, val, nil); err != nil {
			t.Fatal(err)
		}
	}
	if len(m.History) != 2 || m.History[1].Epoch != 2 {
		t.Errorf("history = %+v, want epochs 1 and 2", m.History)
	}
}

func TestFitRejectsBadData(t *testing.T) {
	cfg := syntheticConfig()
	tests := []struct {
		name    string
		edit    func(train *Dataset)
		wantErr string
	}{
		{"word id too large", func(d *Dataset) { d.X[5] = 60 }, "word id 60 outside 0 to 59"},
		{"negative word id", func(d *Dataset) { d.X[0] = -1 }, "word id -1"},
		{"label 2", func(d *Dataset) { d.Y[3] = 2 }, "label 2"},
		{"short X", func(d *Dataset) { d.X = d.X[:len(d.X)-1] }, "word ids for"},
		{"other maxlen", func(d *Dataset) { d.MaxLen = 11 }, "maxlen 11"},
		{"empty", func(d *Dataset) { d.X, d.Y = nil, nil }, "training set is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, train, val := syntheticModel(cfg, 40)
			tc.edit(train)
			err := m.Fit(context.Background(), train, val, nil)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Fit = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestPrepareRejectsCorpus(t *testing.T) {
	docs := func(labels ...string) []corpus.Document {
		var out []corpus.Document
		for i, l := range labels {
			out = append(out, corpus.Document{Text: "some words", Label: l, Source: "c.csv", Line: i + 2})
		}
		return out
	}
	tests := []struct {
		name    string
		c       *corpus.Corpus
		wantErr string
	}{
		{"nil", nil, "has no documents"},
		{"empty", &corpus.Corpus{Name: "x"}, `corpus "x" has no documents`},
		// Without labels Prepare trains a language model, for which two
		// short documents are too little text.
		{"no classes", &corpus.Corpus{Name: "x", Docs: docs("", "")}, "fewer than maxlen+1 = 51 for one window"},
		{"one class", &corpus.Corpus{Name: "x", Docs: docs("pos"), Classes: []string{"pos"}}, `only the class "pos"; give one file per class or a CSV/TSV file with a label column`},
		{"unknown label of three classes", &corpus.Corpus{Name: "x", Docs: docs("a", "b", "z"), Classes: []string{"a", "b", "c"}}, `c.csv line 4: label "z" is not one of a/b/c`},
		{"unknown label", &corpus.Corpus{Name: "x", Docs: docs("a", "z"), Classes: []string{"a", "b"}}, `c.csv line 3: label "z" is not one of a/b`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, _, err := Prepare(tc.c, DefaultConfig())
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Prepare = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}

	t.Run("no classes to classify", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.Objective = "classify"
		_, _, _, err := Prepare(&corpus.Corpus{Name: "x", Docs: docs("", "")}, cfg)
		if err == nil || !strings.Contains(err.Error(), "has no class labels; give one file per class") {
			t.Errorf("Prepare = %v, want the missing-labels error", err)
		}
	})

	t.Run("bad config", func(t *testing.T) {
		cfg := DefaultConfig()
		cfg.Units = 0
		_, _, _, err := Prepare(&corpus.Corpus{Docs: docs("a", "b"), Classes: []string{"a", "b"}}, cfg)
		if err == nil || !strings.Contains(err.Error(), "units 0") {
			t.Errorf("Prepare = %v, want the config error", err)
		}
	})
}

func TestSplitShuffled(t *testing.T) {
	// Sample i has every word id equal to i, so rows can be traced.
	n, maxLen := 10, 3
	x := make([]int32, n*maxLen)
	y := make([]float32, n)
	for i := range n {
		for s := range maxLen {
			x[i*maxLen+s] = int32(i)
		}
		y[i] = float32(i % 2)
	}
	train, val := splitShuffled(x, y, maxLen, 0.25, newRand(1, splitStream))
	// int(10·0.75) = 7 training samples.
	if train.Len() != 7 || val.Len() != 3 {
		t.Fatalf("split = %d/%d, want 7/3", train.Len(), val.Len())
	}
	seen := map[int32]bool{}
	for _, d := range []*Dataset{train, val} {
		for i := range d.Len() {
			id := d.X[i*maxLen]
			if seen[id] || d.Y[i] != float32(id%2) || d.X[i*maxLen+2] != id {
				t.Fatalf("sample %d appears twice or lost its label or words", id)
			}
			seen[id] = true
		}
	}
	if slices.Equal(train.X[:7*maxLen:7*maxLen], x[:7*maxLen]) {
		t.Error("training set is in corpus order, want shuffled")
	}
}

func TestPrepareHeldOutValidation(t *testing.T) {
	c := &corpus.Corpus{Name: "held-out", Classes: []string{"neg", "pos"}}
	for i := range 20 {
		label := []string{"neg", "pos"}[i%2]
		c.Docs = append(c.Docs, corpus.Document{Text: "good bad film " + label, Label: label})
	}
	c.Docs = append(c.Docs,
		corpus.Document{Text: "unseenword pos", Label: "pos", Split: "validation"},
		corpus.Document{Text: "neg", Label: "neg", Split: "validation"},
		corpus.Document{Text: "pos pos", Label: "pos", Split: "validation"},
	)
	cfg := DefaultConfig()
	cfg.Dim, cfg.Units, cfg.MaxLen, cfg.NumWords = 4, 4, 5, 50
	cfg.ValSplit = 0.5 // ignored: the corpus names its validation documents

	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if train.Len() != 20 || val.Len() != 3 {
		t.Errorf("train, val = %d, %d samples; want 20, 3", train.Len(), val.Len())
	}
	if _, ok := m.Tokenizer.WordIndex["unseenword"]; ok {
		t.Error("a word found only in validation documents is in the vocabulary; the tokenizer must fit on training documents")
	}
	wantY := []float32{1, 0, 1}
	for i, y := range val.Y {
		if y != wantY[i] {
			t.Errorf("validation label %d = %v, want %v (corpus order)", i, y, wantY[i])
		}
	}
}

func TestFitRejectsWordIDOutsideVocabulary(t *testing.T) {
	cfg := syntheticConfig()
	m, train, _ := syntheticModel(cfg, 20)
	train.X[3] = int32(cfg.NumWords)
	err := m.Fit(context.Background(), train, nil, nil)
	// The message names the setting as the README and Keras do.
	if want := "has word id 60 outside 0 to 59; tokenize with num_words 60"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Fit = %v, want an error containing %q", err, want)
	}
}
