package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestTrainHelpEverySetting checks that every setting of the Train view has
// an info button, that its help is distinct, and that the button shows and
// hides it.
func TestTrainHelpEverySetting(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		v := h.a.train
		lines := map[string]*helpLine{
			"settings":     v.help,
			"more options": v.opts.help,
			"step":         v.pauseHelp,
			"chart":        v.chartCtl.help,
		}

		// Every input widget of the view must have help. The validation
		// file row, a label with two buttons, has it too.
		inputs := []fyne.CanvasObject{
			v.numWords, v.dim, v.maxLen, v.units, v.opts.output, v.batch, v.lr, v.epochs, v.valSplit, v.seed,
			v.opts.objective, v.opts.samples, v.opts.classWeight, v.opts.validation,
			v.opts.patience, v.opts.schedule, v.opts.lrFactor, v.opts.lrStepEpochs, v.opts.lrPatience,
			v.opts.minLR, v.opts.clipNorm, v.opts.dropout, v.opts.layers, v.opts.layerDropout,
			v.opts.maskZero, v.opts.bidirectional, v.stepCount,
			v.chartCtl.smoothing, v.chartCtl.logY, v.chartCtl.outliers, v.chartCtl.xAxis,
		}
		settings := map[fyne.CanvasObject]bool{}
		for _, line := range lines {
			for _, e := range line.entries {
				settings[e.setting] = true
				if e.button.Icon.Name() != theme.InfoIcon().Name() {
					t.Errorf("the help button of %q has the icon %v, want the info icon", e.name, e.button.Icon)
				}
			}
		}
		for _, in := range inputs {
			if !settings[in] {
				t.Errorf("setting %T %p has no help", in, in)
			}
		}
		if got, want := countEntries(lines), len(inputs)+1; got != want {
			t.Errorf("%d settings have help, want %d", got, want)
		}

		seen := map[string]string{}
		for group, line := range lines {
			for _, e := range line.entries {
				if strings.TrimSpace(e.text) == "" {
					t.Errorf("%s: %q has no help text", group, e.name)
				}
				if other, dup := seen[e.text]; dup {
					t.Errorf("%s: %q has the same help as %q", group, e.name, other)
				}
				seen[e.text] = e.name

				test.Tap(e.button)
				if !line.label.Visible() || line.label.Text != e.name+": "+e.text {
					t.Errorf("%s: after tapping the button of %q the help line is %q (visible %v)", group, e.name, line.label.Text, line.label.Visible())
				}
			}
			if len(line.entries) > 0 {
				last := line.entries[len(line.entries)-1]
				test.Tap(last.button)
				if line.label.Visible() {
					t.Errorf("%s: a second tap on %q left the help shown", group, last.name)
				}
			}
		}

	})
}

func countEntries(lines map[string]*helpLine) int {
	n := 0
	for _, l := range lines {
		n += len(l.entries)
	}
	return n
}
