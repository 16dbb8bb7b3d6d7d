package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
)

// findSummaryGrid returns the summary panel's text grid under o, or nil.
func findSummaryGrid(o fyne.CanvasObject) *widget.TextGrid {
	switch x := o.(type) {
	case *widget.TextGrid:
		if strings.Contains(x.Text(), "Layer (type)") || strings.Contains(x.Text(), "summary") {
			return x
		}
	case *fyne.Container:
		for _, child := range x.Objects {
			if g := findSummaryGrid(child); g != nil {
				return g
			}
		}
	case *container.Scroll:
		return findSummaryGrid(x.Content)
	case *container.Split:
		if g := findSummaryGrid(x.Leading); g != nil {
			return g
		}
		return findSummaryGrid(x.Trailing)
	}
	return nil
}

// The totals follow from the layer shapes: 1,117,377 for the seed
// configuration, as Keras' model.summary() reports it, and 64 LSTM units give
// 1,000,000 + 4·64·(100+64+1) + 64+1 = 1,042,305.
func TestTrainSummaryFollowsSettings(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		v := h.a.train
		v.setConfig(model.DefaultConfig())
		grid := findSummaryGrid(v.content)
		if grid == nil {
			t.Fatal("Train view has no summary panel")
		}
		if got := grid.Text(); !strings.Contains(got, "Total params: 1,117,377") {
			t.Errorf("summary of the defaults:\n%s\nwant Total params: 1,117,377", got)
		}

		v.units.SetText("")
		test.Type(v.units, "64")
		if got := grid.Text(); !strings.Contains(got, "(None, 64)") || !strings.Contains(got, "Total params: 1,042,305") {
			t.Errorf("summary with 64 units:\n%s\nwant (None, 64) and Total params: 1,042,305", got)
		}

		// A field that does not change the layers leaves the summary.
		v.lr.SetText("fast")
		if got := grid.Text(); !strings.Contains(got, "Total params: 1,042,305") {
			t.Errorf("summary with an invalid learning rate:\n%s\nwant Total params: 1,042,305", got)
		}

		v.units.SetText("none")
		if got := grid.Text(); strings.Contains(got, "Total params") {
			t.Errorf("summary with units %q:\n%s\nwant the placeholder", v.units.Text, got)
		}
	})
}

func TestSummaryOutputs(t *testing.T) {
	cfg := model.DefaultConfig()
	if got := summaryOutputs(cfg, nil); got != 1 {
		t.Errorf("binary head: %d outputs, want 1", got)
	}
	cfg.Head = model.HeadSoftmax
	if got := summaryOutputs(cfg, nil); got != 2 {
		t.Errorf("softmax head without a corpus: %d outputs, want 2", got)
	}
}

// Options outside the entry fields refresh the summary too: a bidirectional
// LSTM doubles the LSTM's 117,248 parameters and the Dense input, giving
// 1,000,000 + 234,496 + 257 = 1,234,753.
func TestTrainSummaryFollowsOptions(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		v := h.a.train
		v.setConfig(model.DefaultConfig())
		grid := findSummaryGrid(v.content)
		if grid == nil {
			t.Fatal("Train view has no summary panel")
		}
		v.opts.bidirectional.SetChecked(true)
		if got := grid.Text(); !strings.Contains(got, "Total params: 1,234,753") {
			t.Errorf("summary after ticking Bidirectional:\n%s\nwant Total params: 1,234,753", got)
		}
		v.opts.bidirectional.SetChecked(false)
		if got := grid.Text(); !strings.Contains(got, "Total params: 1,117,377") {
			t.Errorf("summary after unticking Bidirectional:\n%s\nwant Total params: 1,117,377", got)
		}
	})
}
