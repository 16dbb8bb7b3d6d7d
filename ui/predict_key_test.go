package ui

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"embedlab/viz"
)

// stripCellColor returns the background colour of the i-th cell of the
// Predict view's word strip.
func stripCellColor(t *testing.T, v *PredictView, i int) color.Color {
	t.Helper()
	stack := v.strip.Objects[i].(*fyne.Container)
	return stack.Objects[0].(*canvas.Rectangle).FillColor
}

// TestPredictStripKey checks that the key under the word strip shows the
// colours the strip uses, names the class plotted and shows the not-read
// cell only for a sentence with a word the model did not read.
func TestPredictStripKey(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		h.w.Resize(defaultWindowSize)
		h.a.ShowStep(stepPredict)
		v := h.a.predict
		if v.key.content.Visible() {
			t.Error("key visible before any prediction, want it hidden")
		}

		v.tokens, v.probs, v.plotClass = []string{"bland", "zzz", "superb"}, []float64{0, math.NaN(), 1}, "pos"
		v.fillStrip()
		v.content.Refresh()
		k := v.key
		if !k.content.Visible() {
			t.Fatal("key hidden after a prediction, want it shown")
		}
		if !strings.Contains(k.shadeText.Text, "P(pos)") {
			t.Errorf("key text = %q, want it to name P(pos)", k.shadeText.Text)
		}
		if got, want := k.ramp.StartColor, stripCellColor(t, v, 0); !sameColor(got, want) {
			t.Errorf("ramp starts at %v, want the cell colour of probability 0, %v", got, want)
		}
		if got, want := k.ramp.EndColor, stripCellColor(t, v, 2); !sameColor(got, want) {
			t.Errorf("ramp ends at %v, want the cell colour of probability 1, %v", got, want)
		}
		if !k.skipped.Visible() {
			t.Error("not-read key hidden for a sentence with a skipped word, want it shown")
		}
		if got, want := stripCellColor(t, v, 1), viz.SkippedFill; !sameColor(got, want) {
			t.Errorf("skipped cell colour = %v, want the key's %v", got, want)
		}

		// The key sits under the strip and fits the window.
		d := fyne.CurrentApp().Driver()
		stripBottom := d.AbsolutePositionForObject(v.strip).Y + v.strip.Size().Height
		keyPos := d.AbsolutePositionForObject(k.content)
		if keyPos.Y < stripBottom {
			t.Errorf("key starts at y = %.0f, above the bottom of the strip (%.0f)", keyPos.Y, stripBottom)
		}
		if right := keyPos.X + k.content.MinSize().Width; right > h.w.Canvas().Size().Width {
			t.Errorf("key ends at x = %.0f, beyond the window width %.0f", right, h.w.Canvas().Size().Width)
		}

		v.tokens, v.probs = []string{"superb"}, []float64{0.9}
		v.fillStrip()
		if k.skipped.Visible() {
			t.Error("not-read key shown for a sentence without a skipped word, want it hidden")
		}

		v.clearResult()
		if k.content.Visible() {
			t.Error("key visible after the result was cleared, want it hidden")
		}
	})
}
