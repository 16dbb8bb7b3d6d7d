package ui

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"embedlab/model"
)

func TestContinueTraining(t *testing.T) {
	h := newHarness(t, Options{})
	first := trainTiny(t, h, 1)
	h.do(func() {
		if h.a.train.continueBtn.Disabled() {
			t.Fatal("Continue training is disabled with a trained model")
		}
		h.a.train.epochs.SetText("2")
		test.Tap(h.a.train.continueBtn)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("continuing: %v", err)
	}
	h.do(func() {
		m := h.a.Model()
		if m == first {
			t.Fatal("the continued model is the original; it must train a copy")
		}
		if len(first.History) != 1 {
			t.Errorf("the original has %d epochs after continuing, want 1 (untouched)", len(first.History))
		}
		if len(m.History) != 3 || m.History[2].Epoch != 3 {
			t.Errorf("continued model history = %d epochs, want epochs 1 to 3", len(m.History))
		}
		if got := h.a.train.bar.Value; got != 1 {
			t.Errorf("progress = %v, want 1", got)
		}
	})
}

func TestContinueRejectsOtherCorpus(t *testing.T) {
	h := newHarness(t, Options{})
	trainTiny(t, h, 1)
	h.waitFor("training chart drawn", func() bool { return h.a.train.chart.image() != nil })
	loadReviews(t, h, 20)

	var rows int
	var text, tab string
	h.do(func() {
		v := h.a.train
		if !v.continueBtn.Disabled() {
			t.Error("Continue training is enabled for a model trained on another corpus")
		}
		rows, text, tab = len(v.rows), v.progressText.Text, v.tableTab.Text
		// A model opened from a file names no corpus, so its button stays
		// enabled and the engine rejects the corpus as here.
		v.continueBtn.OnTapped()
	})
	err := h.waitTrained()
	if err == nil || !strings.Contains(err.Error(), "not the corpus the model was trained on") && !strings.Contains(err.Error(), "classes") {
		t.Errorf("continuing on another corpus = %v, want the other-corpus error", err)
	}

	// Nothing was trained, so the view shows the last run as before.
	h.do(func() {
		v := h.a.train
		if len(v.rows) != rows || v.progressText.Text != text || v.tableTab.Text != tab {
			t.Errorf("after the rejected run: %d rows, progress %q, tab %q; want %d, %q, %q as before",
				len(v.rows), v.progressText.Text, v.tableTab.Text, rows, text, tab)
		}
		if v.chart.image() == nil || v.chart.render == nil {
			t.Error("the training chart is empty after the rejected run, want the last run's chart")
		}
		if v.run != nil {
			t.Error("a run is still recorded after the rejected run")
		}
	})
}

func TestProgressRemainingAfterOffset(t *testing.T) {
	// A run that continues after 8 epochs of 10 batches, with 2 more:
	// Info.Epochs counts all 10. 5 batches of this run took 10 s, so the 15
	// batches left take 30 s. Without the offset the rate would count the
	// 80 earlier batches as done in those 10 s.
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	r := &recorder{offset: 8}
	r.Begin(model.TrainInfo{Epochs: 2, BatchesPerEpoch: 10})
	r.Batch(model.BatchStats{Epoch: 9, Batch: 5, Batches: 10})
	p := r.snapshot()
	p.Started, p.Now = start, start.Add(10*time.Second)
	if p.Info.Epochs != 10 {
		t.Errorf("Info.Epochs = %d, want 10 (8 before and 2 in this run)", p.Info.Epochs)
	}
	if got, want := p.remaining(), 30*time.Second; got != want {
		t.Errorf("remaining = %v, want %v", got, want)
	}
}

func TestTrainingWritesCheckpoint(t *testing.T) {
	path := filepath.Join(t.TempDir(), "checkpoint.embedlab")
	done := make(chan error, 2)
	h := newHarness(t, Options{CheckpointPath: path, OnModelDone: func(_ string, err error) { done <- err }})
	trainTiny(t, h, 2)

	m, err := model.Load(path)
	if err != nil {
		t.Fatalf("the checkpoint does not load: %v", err)
	}
	if len(m.History) != 2 || !m.HasTrainingState() {
		t.Errorf("checkpoint has %d epochs, training state %v; want 2 and true", len(m.History), m.HasTrainingState())
	}

	h.do(h.a.OpenCheckpoint)
	if err := waitErr(t, done); err != nil {
		t.Fatalf("opening the checkpoint: %v", err)
	}
	h.do(func() {
		if got := h.a.Model(); got == nil || len(got.History) != 2 {
			t.Error("Open the last checkpoint did not make it the model")
		}
	})
}

func TestRecorderCheckpointEachEpoch(t *testing.T) {
	saves := 0
	r := &recorder{checkpoint: func() error { saves++; return nil }}
	r.Begin(model.TrainInfo{Epochs: 3, BatchesPerEpoch: 1})
	for e := 1; e <= 3; e++ {
		r.Batch(model.BatchStats{Epoch: e, Batch: 1, Batches: 1})
		r.Epoch(model.EpochStats{Epoch: e})
		if saves != e {
			t.Errorf("after epoch %d: %d checkpoints, want %d", e, saves, e)
		}
	}
}

func TestOpenCheckpointWithoutOne(t *testing.T) {
	h := newHarness(t, Options{CheckpointPath: filepath.Join(t.TempDir(), "none.embedlab")})
	h.do(func() {
		h.a.OpenCheckpoint()
		if !strings.Contains(overlayTexts(h.w), "no checkpoint yet") {
			t.Errorf("overlays show %q, want the no-checkpoint message", overlayTexts(h.w))
		}
	})
}

func TestContinueMatchesLongerRun(t *testing.T) {
	h := newHarness(t, Options{})
	whole := trainTiny(t, h, 2)
	trainTiny(t, h, 1)
	h.do(func() {
		h.a.train.epochs.SetText("1")
		test.Tap(h.a.train.continueBtn)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("continuing: %v", err)
	}
	h.do(func() {
		m := h.a.Model()
		if len(m.History) != 2 {
			t.Fatalf("continued model has %d epochs, want 2", len(m.History))
		}
		if !slices.Equal(m.Kernel, whole.Kernel) || !slices.Equal(m.Embedding, whole.Embedding) {
			t.Error("1 epoch continued by 1 differs from 2 epochs in one run")
		}
		if m.History[1].Loss != whole.History[1].Loss {
			t.Errorf("epoch 2 loss = %v, want %v", m.History[1].Loss, whole.History[1].Loss)
		}
	})
}
