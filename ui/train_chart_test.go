package ui

import (
	"image"
	"testing"

	"fyne.io/fyne/v2/test"

	"embedlab/viz"
)

func TestChartControlsRedraw(t *testing.T) {
	h := newHarness(t, Options{})
	cfg := tinyConfig()
	cfg.Epochs = 2
	v := h.a.train

	h.do(func() {
		if got := v.chartOptions(); got.Smoothing != defaultSmoothing || got.LogY || got.XAxis != viz.XSteps {
			t.Errorf("initial chart options = %+v, want smoothing %v, linear, steps", got, defaultSmoothing)
		}
		if got := v.chartCtl.smoothingText.Text; got != "0.60" {
			t.Errorf("smoothing label = %q, want 0.60", got)
		}
		h.a.SetConfig(cfg)
		test.Tap(v.startBtn)
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
		if n := len(v.shown.BatchSeconds); n != len(v.shown.BatchLoss) || n == 0 {
			t.Errorf("%d batch times for %d batch losses, want one per batch", n, len(v.shown.BatchLoss))
		}
	})

	steps := []struct {
		name   string
		change func()
		want   viz.ChartOptions
	}{
		{"log scale", func() { test.Tap(v.chartCtl.logY) }, viz.ChartOptions{Smoothing: defaultSmoothing, LogY: true}},
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
}
