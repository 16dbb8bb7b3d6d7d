package ui

import (
	"image"
	"math"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"embedlab/viz"
)

func TestChartControlsRedraw(t *testing.T) {
	h := newHarness(t, Options{})
	cfg := tinyConfig()
	cfg.Epochs = 2
	v := h.a.train

	h.do(func() {
		want := viz.ChartOptions{Smoothing: defaultSmoothing, IgnoreOutliers: true}
		if got := v.chartOptions(); got != want {
			t.Errorf("initial chart options = %+v, want %+v: linear, steps, outliers ignored", got, want)
		}
		if got := v.chartCtl.smoothingText.Text; got != "0.60" {
			t.Errorf("smoothing label = %q, want 0.60", got)
		}
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}

	var before image.Image
	h.do(func() {
		before = v.chart.image()
		if before == nil {
			t.Fatal("no chart after training")
		}
		if n := len(v.shownProgress.BatchSeconds); n != len(v.shownProgress.BatchLoss) || n == 0 {
			t.Errorf("%d batch times for %d batch losses, want one per batch", n, len(v.shownProgress.BatchLoss))
		}
	})

	steps := []struct {
		name   string
		change func()
		want   viz.ChartOptions
	}{
		{"log scale", func() { test.Tap(v.chartCtl.logY) }, viz.ChartOptions{Smoothing: defaultSmoothing, LogY: true, IgnoreOutliers: true}},
		{"outliers kept", func() { test.Tap(v.chartCtl.outliers) }, viz.ChartOptions{Smoothing: defaultSmoothing, LogY: true}},
		{"x in seconds", func() { v.chartCtl.xAxis.SetSelectedIndex(2) }, viz.ChartOptions{Smoothing: defaultSmoothing, LogY: true, XAxis: viz.XSeconds}},
		{"no smoothing", func() { v.chartCtl.smoothing.SetValue(0) }, viz.ChartOptions{LogY: true, XAxis: viz.XSeconds}},
	}
	for _, s := range steps {
		h.do(func() {
			s.change()
			if got := v.chartOptions(); got != s.want {
				t.Errorf("%s: chart options = %+v, want %+v", s.name, got, s.want)
			}
		})
		h.waitFor(s.name+": chart drawn again", func() bool { return v.chart.image() != before })
		h.do(func() { before = v.chart.image() })
	}

	// A rebuild of the window, as a language switch does, keeps the run,
	// the settings and the Step field.
	want := viz.ChartOptions{Smoothing: 0.3, LogY: true, XAxis: viz.XEpochs}
	var batches int
	h.do(func() {
		v.chartCtl.smoothing.SetValue(want.Smoothing)
		v.chartCtl.xAxis.SetSelectedIndex(int(want.XAxis))
		v.stepCount.SetText("4")
		batches = len(v.shownProgress.BatchLoss)
		h.a.rebuild()
	})

	v = h.a.train // the rebuilt view
	h.do(func() {
		if got := v.chartOptions(); got != want {
			t.Errorf("chart options after the rebuild = %+v, want %+v", got, want)
		}
		if v.chartCtl.smoothing.Value != want.Smoothing || !v.chartCtl.logY.Checked || v.chartCtl.xAxis.SelectedIndex() != int(want.XAxis) {
			t.Errorf("controls after the rebuild: smoothing %v, log %v, x axis %d; want %v, true, %d",
				v.chartCtl.smoothing.Value, v.chartCtl.logY.Checked, v.chartCtl.xAxis.SelectedIndex(), want.Smoothing, want.XAxis)
		}
		if got := v.stepCount.Text; got != "4" {
			t.Errorf("Step field after the rebuild = %q, want 4", got)
		}
		if got := len(v.shownProgress.BatchLoss); got != batches || got == 0 {
			t.Errorf("the rebuilt view shows %d batches, want the run's %d", got, batches)
		}
	})
	h.waitFor("chart drawn after the rebuild", func() bool { return v.chart.image() != nil })
	h.do(func() {
		before = v.chart.image()
		v.chartCtl.logY.SetChecked(false)
	})
	h.waitFor("chart drawn with the rebuilt controls", func() bool { return v.chart.image() != before })
}

// sameImage reports whether a and b have the same bounds and pixels.
func sameImage(a, b image.Image) bool {
	if a == nil || b == nil || a.Bounds() != b.Bounds() {
		return false
	}
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestSmoothingChangedAsRunEnds moves the smoothing slider on the main
// goroutine just before each update that arrives after the trainer has
// returned, so the last move always comes after the pump drew the final
// chart. The chart shown must still end up drawn with the slider's value.
func TestSmoothingChangedAsRunEnds(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.a.train
	values := []float64{0, 0.95, 0.3, 0.8} // neighbours differ, so every move changes the curve
	moves := 0
	post := h.a.post
	h.do(func() {
		h.a.post = func(fn func()) {
			post(func() {
				if r := v.run; r != nil && isClosed(r.done) {
					v.chartCtl.smoothing.SetValue(values[moves%len(values)])
					moves++
				}
				fn()
			})
		}
		h.a.SetConfig(tinyConfig())
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}

	var want viz.ChartOptions
	h.do(func() {
		if moves == 0 {
			t.Fatal("no update arrived after the trainer returned")
		}
		want = v.chartOptions()
		// The slider rounds to its step, so 0.95 can come back as 0.9500000000000001.
		if last := values[(moves-1)%len(values)]; math.Abs(want.Smoothing-last) > 1e-9 {
			t.Errorf("chart options smoothing = %v, want the slider's last value %v", want.Smoothing, last)
		}
	})

	// The redraw runs on a goroutine and takes well under a second.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var shown, expected image.Image
		h.do(func() {
			shown = v.chart.image()
			var err error
			expected, err = drawTrainingChart(v.shownProgress, want, v.chart.pixelSize())
			if err != nil {
				t.Fatalf("drawing the expected chart: %v", err)
			}
		})
		if sameImage(shown, expected) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %d slider moves the chart is not drawn with smoothing %v", moves, want.Smoothing)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// isClosed reports whether ch is closed, without blocking.
func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}
