package ui

import (
	"context"
	"errors"
	"image"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"embedlab/model"
	"embedlab/viz"
)

// loadReviews replaces the demo corpus of h with n reviews per class.
func loadReviews(t *testing.T, h *harness, n int) {
	t.Helper()
	pos, neg := reviewFiles(t, t.TempDir(), n)
	h.do(func() { h.a.LoadFiles(pos, neg) })
	if err := h.waitLoaded(); err != nil {
		t.Fatalf("loading the review files: %v", err)
	}
}

func TestTrainViewValidation(t *testing.T) {
	h := newHarness(t, Options{})

	// Settings that parse but are out of range show Validate's own message.
	outOfRange := model.DefaultConfig()
	outOfRange.Epochs = 0
	validateErr := outOfRange.Validate()
	if validateErr == nil {
		t.Fatal("model.Config.Validate accepted 0 epochs")
	}

	tests := []struct {
		name    string
		entry   func(v *TrainView) *keyEntry
		text    string
		wantErr string // substring of the error label; "" means valid
	}{
		{"defaults are valid", func(v *TrainView) *keyEntry { return v.epochs }, "10", ""},
		{"num_words not a number", func(v *TrainView) *keyEntry { return v.numWords }, "ten", "num_words"},
		{"learning rate not a number", func(v *TrainView) *keyEntry { return v.lr }, "fast", "0.001"},
		{"negative seed", func(v *TrainView) *keyEntry { return v.seed }, "-1", "Seed"},
		{"zero epochs", func(v *TrainView) *keyEntry { return v.epochs }, "0", strings.TrimPrefix(validateErr.Error(), "model: ")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.do(func() {
				v := h.a.train
				v.setConfig(model.DefaultConfig())
				e := tc.entry(v)
				e.SetText("")
				test.Type(e, tc.text)

				got := v.configErr.Text
				if tc.wantErr == "" {
					if got != "" {
						t.Errorf("error label = %q, want empty", got)
					}
					if v.startBtn.Disabled() {
						t.Error("Start disabled with valid settings and a corpus")
					}
					return
				}
				if !strings.Contains(got, tc.wantErr) {
					t.Errorf("error label = %q, want it to contain %q", got, tc.wantErr)
				}
				if !v.startBtn.Disabled() {
					t.Error("Start enabled with invalid settings")
				}
				if _, err := h.a.Config(); err == nil {
					t.Error("Config returned no error for invalid settings")
				}
			})
		})
	}
}

func TestTrainingRunFillsChartAndTable(t *testing.T) {
	h := newHarness(t, Options{}) // trains on the English demo corpus
	cfg := tinyConfig()
	cfg.Epochs = 2

	h.do(func() {
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}

	h.do(func() {
		v := h.a.train
		if got := len(v.rows); got != cfg.Epochs {
			t.Errorf("epoch table has %d rows, want %d", got, cfg.Epochs)
		}
		rows, cols := v.table.Length()
		// A classifier's table has no val_perplexity, the last column.
		if rows != cfg.Epochs+1 || cols != len(epochColumns)-1 {
			t.Errorf("table length = %d×%d, want %d×%d", rows, cols, cfg.Epochs+1, len(epochColumns)-1)
		}
		img := v.chart.image()
		if img == nil {
			t.Fatal("no chart drawn")
		}
		if got, want := img.Bounds().Size(), v.chart.pixelSize(); got != want {
			t.Errorf("chart is %v pixels, want the box size %v", got, want)
		}
		if got := v.bar.Value; got != 1 {
			t.Errorf("progress = %v, want 1", got)
		}
		if !strings.Contains(v.progressText.Text, "epochs: 2") {
			t.Errorf("progress text = %q, want it to report 2 finished epochs", v.progressText.Text)
		}
		if v.startBtn.Disabled() || !v.stopBtn.Disabled() {
			t.Errorf("after training Start disabled = %v, Stop disabled = %v; want false, true",
				v.startBtn.Disabled(), v.stopBtn.Disabled())
		}
		if h.a.explore.model == nil {
			t.Error("explorer has no model after training")
		}
		if !strings.Contains(h.a.Status(), "Model ready") {
			t.Errorf("status = %q, want it to say the model is ready", h.a.Status())
		}
	})
}

func TestStopCancelsTraining(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	cfg := tinyConfig()
	cfg.Epochs = model.MaxEpochs // far longer than the test waits

	h.do(func() {
		h.a.SetConfig(cfg)
		if err := h.a.StartTraining(); err != nil {
			t.Fatalf("StartTraining: %v", err)
		}
	})
	h.waitFor("first batch shown", func() bool { return h.a.train.bar.Value > 0 })

	var stopped time.Time
	h.do(func() {
		if h.a.train.stopBtn.Disabled() {
			t.Error("Stop disabled during training")
		}
		stopped = time.Now()
		test.Tap(h.a.train.stopBtn)
	})
	err := h.waitTrained()
	took := time.Since(stopped)
	t.Logf("training ended %v after Stop", took)

	if !errors.Is(err, context.Canceled) {
		t.Errorf("training ended with %v, want context.Canceled", err)
	}
	// The trainer checks the context before every batch. The user is told a
	// second; the rest is headroom for -race on a busy machine.
	if took > 3*time.Second {
		t.Errorf("training ended %v after Stop, want within a second or so", took)
	}
	h.do(func() {
		if h.a.explore.model == nil {
			t.Error("explorer has no model after Stop; the weights trained so far should be kept")
		}
		if !strings.Contains(h.a.train.progressText.Text, "Stopped") {
			t.Errorf("progress text = %q, want it to report the stop", h.a.train.progressText.Text)
		}
	})
}

func TestShutdownStopsTraining(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 60)
	cfg := tinyConfig()
	cfg.Epochs = model.MaxEpochs

	var r *trainRun
	h.do(func() {
		h.a.SetConfig(cfg)
		if err := h.a.StartTraining(); err != nil {
			t.Fatalf("StartTraining: %v", err)
		}
		r = h.a.train.run
	})
	h.waitFor("first batch shown", func() bool { return h.a.train.bar.Value > 0 })

	// Closing the window runs the close intercept, which calls Shutdown.
	h.do(func() { h.a.Shutdown() })
	select {
	case <-r.done:
	default:
		t.Fatal("trainer still running after Shutdown returned")
	}
	if !errors.Is(r.err, context.Canceled) {
		t.Errorf("trainer returned %v, want context.Canceled", r.err)
	}
	h.waitTrained() // let the pump finish before the window goes away
}

func TestProgressRemaining(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	// 10 of 40 batches in 20 s leave 30 batches at 2 s each.
	p := progress{
		Info:    model.TrainInfo{Epochs: 4, BatchesPerEpoch: 10},
		Started: start,
		Now:     start.Add(20 * time.Second),
		Last:    model.BatchStats{Epoch: 1, Batch: 10, Batches: 10},
	}
	if got, want := p.remaining(), 60*time.Second; got != want {
		t.Errorf("remaining = %v, want %v", got, want)
	}
	if got, want := formatDuration(p.remaining()), "1:00"; got != want {
		t.Errorf("formatDuration = %q, want %q", got, want)
	}
	p.Last = model.BatchStats{}
	if got := p.remaining(); got != 0 {
		t.Errorf("remaining before the first batch = %v, want 0", got)
	}
}

// TestRecorderSnapshotIsCopy checks that the UI's copy does not share
// memory with the slices the trainer keeps appending to.
func TestRecorderSnapshotIsCopy(t *testing.T) {
	var r recorder
	r.Begin(model.TrainInfo{Epochs: 1, BatchesPerEpoch: 2})
	r.Batch(model.BatchStats{Epoch: 1, Batch: 1, Batches: 2, Loss: 0.7, BatchLoss: 0.7})
	s := r.snapshot()
	s.BatchLoss[0] = 99
	r.Batch(model.BatchStats{Epoch: 1, Batch: 2, Batches: 2, Loss: 0.65, BatchLoss: 0.6})

	got := r.snapshot()
	if got.BatchLoss[0] != 0.7 || len(got.BatchLoss) != 2 {
		t.Errorf("batch losses = %v, want [0.7 0.6]", got.BatchLoss)
	}
	if got.Version != 3 {
		t.Errorf("version = %d after 3 calls, want 3", got.Version)
	}
}

var _ fyne.Widget = (*imageBox)(nil)

// BenchmarkDrawTrainingChart measures one chart frame of the pump: ten
// epochs of 300 batches (rt-polarity with the default settings) drawn at
// 750×390 pixels, the chart's size in a 1100×760 window. "raw" draws the
// batch loss alone, "smoothed" adds the moving average of the default
// slider, and "log seconds" also uses a log scale and an x axis in seconds.
func BenchmarkDrawTrainingChart(b *testing.B) {
	p := progress{Info: model.TrainInfo{Epochs: 10, BatchesPerEpoch: 300}}
	for i := range 3000 {
		p.BatchLoss = append(p.BatchLoss, 0.7/(1+float64(i)/500))
		p.BatchSeconds = append(p.BatchSeconds, 0.02*float64(i+1))
	}
	for e := range 10 {
		p.Epochs = append(p.Epochs, model.EpochStats{Epoch: e + 1, Loss: 0.5, Accuracy: 0.7, ValLoss: 0.55, ValAccuracy: 0.68})
	}
	cases := []struct {
		name string
		opts viz.ChartOptions
	}{
		{"raw", viz.ChartOptions{}},
		{"smoothed", viz.ChartOptions{Smoothing: defaultSmoothing}},
		{"log seconds", viz.ChartOptions{Smoothing: defaultSmoothing, LogY: true, XAxis: viz.XSeconds}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := drawTrainingChart(p, c.opts, image.Pt(750, 390)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
