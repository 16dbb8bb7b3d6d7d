package ui

import (
	"context"
	"errors"
	"image"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"embedlab/model"
)

// feedBatches calls r.Batch for batches 1..n of one epoch on a goroutine,
// as Fit would, and sends the number of each batch after its call returns.
func feedBatches(r *recorder, n int) <-chan int {
	out := make(chan int, n)
	go func() {
		defer close(out)
		for b := 1; b <= n; b++ {
			r.Batch(model.BatchStats{Epoch: 1, Batch: b, Batches: n, BatchLoss: 1})
			out <- b
		}
	}()
	return out
}

// expectBatches reads the batches that pass from passed until none comes
// within quiet, and fails unless they are want.
func expectBatches(t *testing.T, passed <-chan int, want []int, quiet time.Duration) {
	t.Helper()
	var got []int
wait:
	for {
		select {
		case b, ok := <-passed:
			if !ok {
				break wait
			}
			got = append(got, b)
		case <-time.After(quiet):
			break wait
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("batches passed = %v, want %v", got, want)
	}
}

func TestRecorderPauseStepResume(t *testing.T) {
	done := make(chan struct{})
	r := newRecorder(done, 0)
	r.Begin(model.TrainInfo{Epochs: 1, BatchesPerEpoch: 10})
	r.pause() // the first Batch call blocks

	passed := feedBatches(r, 10)
	quiet := 100 * time.Millisecond
	expectBatches(t, passed, nil, quiet)
	if p := r.snapshot(); !p.Waiting || p.Last.Batch != 1 {
		t.Fatalf("after pausing: waiting %v at batch %d, want waiting at batch 1", p.Waiting, p.Last.Batch)
	}

	// Step 1 returns the blocked call of batch 1; batch 2 blocks again.
	r.step(1)
	expectBatches(t, passed, []int{1}, quiet)
	// Step 3 returns batch 2, and batches 3 and 4 pass; batch 5 blocks.
	r.step(3)
	expectBatches(t, passed, []int{2, 3, 4}, quiet)
	if p := r.snapshot(); p.Last.Batch != 5 || !p.Waiting {
		t.Errorf("after two steps: at batch %d, waiting %v; want batch 5, waiting", p.Last.Batch, p.Waiting)
	}

	r.step(0) // ignored
	expectBatches(t, passed, nil, quiet)

	r.resume()
	expectBatches(t, passed, []int{5, 6, 7, 8, 9, 10}, quiet)
	p := r.snapshot()
	if p.Paused || p.Waiting {
		t.Errorf("after resume: paused %v, waiting %v; want neither", p.Paused, p.Waiting)
	}
	// Three blocks of at least quiet each.
	if p.PausedFor < 3*quiet {
		t.Errorf("PausedFor = %v, want at least %v", p.PausedFor, 3*quiet)
	}
	if n := len(p.BatchSeconds); n != 10 {
		t.Fatalf("%d batch times for 10 batches", n)
	}
	// The pauses are left out of the training time, which the batches
	// above take only microseconds of.
	if last := p.BatchSeconds[9]; last > quiet.Seconds() {
		t.Errorf("training time after 10 instant batches = %.3f s, want under %.3f s without the pauses", last, quiet.Seconds())
	}
}

func TestRecorderPauseEndsWithRun(t *testing.T) {
	done := make(chan struct{})
	r := newRecorder(done, 0)
	r.Begin(model.TrainInfo{Epochs: 1, BatchesPerEpoch: 3})
	r.pause()
	passed := feedBatches(r, 3)
	expectBatches(t, passed, nil, 50*time.Millisecond)

	close(done) // as Stop cancels the run's context
	expectBatches(t, passed, []int{1, 2, 3}, 200*time.Millisecond)
}

func TestRecorderEpochLeavesOutPause(t *testing.T) {
	r := newRecorder(nil, 0)
	r.Begin(model.TrainInfo{Epochs: 1, BatchesPerEpoch: 2})
	r.Batch(model.BatchStats{Epoch: 1, Batch: 1, Batches: 2})
	r.mu.Lock()
	r.p.PausedFor = 4 * time.Second // as if paused after batch 1
	r.mu.Unlock()
	r.Epoch(model.EpochStats{Epoch: 1, Seconds: 5, SamplesPerSec: 10})

	// 5 s on the wall clock less 4 s paused.
	if got := r.snapshot().Epochs[0].Seconds; got < 0.999 || got > 1.001 {
		t.Errorf("epoch seconds = %v, want 1 (5 s less 4 s paused)", got)
	}
}

// startLongRun starts a run on h's review corpus that would outlast the
// test, and waits for its first batch.
func startLongRun(t *testing.T, h *harness) *trainRun {
	t.Helper()
	loadReviews(t, h, 60)
	cfg := tinyConfig()
	cfg.Epochs = model.MaxEpochs
	var r *trainRun
	h.do(func() {
		h.a.SetConfig(cfg)
		tapStart(t, h)
		r = h.a.train.run
	})
	h.waitFor("first batch shown", func() bool { return h.a.train.bar.Value > 0 })
	return r
}

func TestTrainPauseStepStop(t *testing.T) {
	h := newHarness(t, Options{})
	r := startLongRun(t, h)
	v := h.a.train

	h.do(func() {
		if v.pauseBtn.Disabled() || !v.resumeBtn.Disabled() || !v.stepBtn.Disabled() {
			t.Errorf("while training: Pause disabled %v, Resume disabled %v, Step disabled %v; want false, true, true",
				v.pauseBtn.Disabled(), v.resumeBtn.Disabled(), v.stepBtn.Disabled())
		}
		test.Tap(v.pauseBtn)
	})
	h.waitFor("status says paused", func() bool { return strings.HasPrefix(v.progressText.Text, "Paused at epoch") })

	var at int
	h.do(func() {
		if !v.pauseBtn.Disabled() || v.resumeBtn.Disabled() || v.stepBtn.Disabled() {
			t.Errorf("while paused: Pause disabled %v, Resume disabled %v, Step disabled %v; want true, false, false",
				v.pauseBtn.Disabled(), v.resumeBtn.Disabled(), v.stepBtn.Disabled())
		}
		if !strings.Contains(h.a.Status(), "paused") {
			t.Errorf("status line = %q, want it to say the training is paused", h.a.Status())
		}
		if n := strings.Count(strings.ToLower(h.a.Status()), "training"); n != 1 {
			t.Errorf("status line = %q says \"training\" %d times, want once", h.a.Status(), n)
		}
		at = r.rec.snapshot().batchesDone()
	})
	time.Sleep(150 * time.Millisecond)
	if got := r.rec.snapshot().batchesDone(); got != at {
		t.Fatalf("batches done went from %d to %d while paused", at, got)
	}

	h.do(func() {
		v.stepCount.SetText("")
		test.Type(v.stepCount, "3")
		test.Tap(v.stepBtn)
	})
	h.waitFor("paused again after the step", func() bool {
		p := r.rec.snapshot()
		return p.Waiting && p.batchesDone() > at
	})
	if got := r.rec.snapshot().batchesDone(); got != at+3 {
		t.Errorf("a step of 3 went from batch %d to %d, want %d", at, got, at+3)
	}

	// Stop works while paused.
	h.do(func() { test.Tap(v.stopBtn) })
	if err := h.waitTrained(); !errors.Is(err, context.Canceled) {
		t.Errorf("training ended with %v, want context.Canceled", err)
	}
	h.do(func() {
		if !strings.Contains(v.progressText.Text, "Stopped") {
			t.Errorf("progress text = %q, want it to report the stop", v.progressText.Text)
		}
		if !v.pauseBtn.Disabled() || !v.resumeBtn.Disabled() || !v.stepBtn.Disabled() {
			t.Error("pause controls enabled after the run ended")
		}
	})
}

func TestTrainResumeAfterPause(t *testing.T) {
	h := newHarness(t, Options{})
	r := startLongRun(t, h)
	v := h.a.train
	h.do(func() { test.Tap(v.pauseBtn) })
	h.waitFor("trainer waits", func() bool { return r.rec.snapshot().Waiting })
	at := r.rec.snapshot().batchesDone()

	h.do(func() { test.Tap(v.resumeBtn) })
	h.waitFor("batches after Resume", func() bool { return r.rec.snapshot().batchesDone() > at+5 })
	h.do(func() {
		if v.pauseBtn.Disabled() || !v.resumeBtn.Disabled() {
			t.Errorf("after Resume: Pause disabled %v, Resume disabled %v; want false, true", v.pauseBtn.Disabled(), v.resumeBtn.Disabled())
		}
		test.Tap(v.stopBtn)
	})
	h.waitTrained()
}

func TestShutdownWhilePaused(t *testing.T) {
	h := newHarness(t, Options{})
	r := startLongRun(t, h)
	h.do(func() { test.Tap(h.a.train.pauseBtn) })
	h.waitFor("trainer waits", func() bool { return r.rec.snapshot().Waiting })

	start := time.Now()
	h.do(func() { h.a.Shutdown() }) // as closing the window does
	if took := time.Since(start); took > time.Second {
		t.Errorf("Shutdown took %v while paused, want well under its 2 s limit", took)
	}
	select {
	case <-r.done:
	default:
		t.Fatal("trainer still running after Shutdown returned")
	}
	h.waitTrained()
}

// TestTrainPausedChartResized checks that a paused run draws its chart
// again at the new size when the window is resized, instead of showing the
// old image scaled to fit.
func TestTrainPausedChartResized(t *testing.T) {
	h := newHarness(t, Options{})
	r := startLongRun(t, h)
	v := h.a.train
	h.do(func() {
		h.a.ShowStep(stepTrain)
		test.Tap(v.pauseBtn)
	})
	h.waitFor("trainer waits", func() bool { return r.rec.snapshot().Waiting })

	var before image.Point
	h.do(func() { before = v.chart.pixelSize() })
	h.waitFor("chart drawn at its size while paused", func() bool {
		img := v.chart.image()
		return img != nil && img.Bounds().Size() == before
	})

	h.do(func() { h.w.Resize(h.w.Canvas().Size().Add(fyne.NewSize(200, 120))) })
	var after image.Point
	h.do(func() { after = v.chart.pixelSize() })
	if after == before {
		t.Fatalf("chart is %v pixels after the window grew, want a new size", after)
	}
	h.waitFor("chart drawn again at the new size", func() bool {
		img := v.chart.image()
		return img != nil && img.Bounds().Size() == v.chart.pixelSize()
	})
	h.do(func() { test.Tap(v.stopBtn) })
	if err := h.waitTrained(); !errors.Is(err, context.Canceled) {
		t.Errorf("training ended with %v, want context.Canceled", err)
	}
}
