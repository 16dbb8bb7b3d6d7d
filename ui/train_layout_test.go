package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// defaultWindowSize is the size gui.go gives the window at start.
var defaultWindowSize = fyne.NewSize(1100, 760)

// selectWidthFor returns the width a Select needs to show text in full.
// A Select's minimum width is that of its placeholder, drawn like an option.
func selectWidthFor(text string) float32 {
	s := widget.NewSelect(nil, nil)
	s.PlaceHolder = text
	return s.MinSize().Width
}

func TestTrainLayoutDefaultSize(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.a.train
	h.do(func() {
		h.a.ShowStep(stepTrain)
		h.w.Resize(defaultWindowSize)
	})

	h.do(func() {
		got := v.chartCtl.xAxis.Size().Width
		for _, choice := range xAxisChoices() {
			if want := selectWidthFor(choice); got < want {
				t.Errorf("x axis menu is %.0f wide, want at least %.0f to show %q", got, want, choice)
			}
		}

		v.views.Select(v.tableTab)
	})

	h.do(func() {
		// A classifier's table fits beside the settings.
		// NOTE: with a sampled softmax, a language model's table has the
		// longer header "sampled_accuracy" and needs 40 to 55 more pixels.
		// At this size it scrolls sideways under its fixed header row.
		split := v.content.(*container.Split)
		headers := make([]string, len(epochColumns))
		for c := range headers {
			headers[c] = v.epochHeader(c)
		}
		// The table puts a separator of the theme's padding between columns.
		need := float32(len(headers)-1) * theme.Padding()
		for _, w := range epochColumnWidths(headers) {
			need += w
		}
		if got := v.table.Size().Width; got < need {
			t.Errorf("epoch table is %.0f wide, want at least %.0f for its columns (settings take %.0f)",
				got, need, split.Leading.Size().Width)
		}

		// The default run of 10 epochs fits under the header row without
		// scrolling. A row is as tall as the cell template, a label.
		const epochs = 10
		row := widget.NewLabel("0").MinSize().Height
		if got, want := v.table.Size().Height, (epochs+1)*row; got < want {
			t.Errorf("epoch table is %.0f high, want at least %.0f for a header and %d rows of %.0f",
				got, want, epochs, row)
		}
	})
}

// TestEpochHeadersChinese checks that the Chinese window translates every
// header of the epoch table, while the CSV export keeps the Keras names.
func TestEpochHeadersChinese(t *testing.T) {
	zh := translations(t, "zh_Hans.json")
	keys := []string{"train.col_epoch", "train.col_loss", "train.col_accuracy", "train.col_val_loss",
		"train.col_val_accuracy", "train.col_seconds", "train.col_samples_per_second", "train.col_val_perplexity"}
	if len(keys) != len(epochColumns) {
		t.Fatalf("%d header keys for %d columns", len(keys), len(epochColumns))
	}
	for c, key := range keys {
		got := zh[key]
		if got == "" || got == epochColumns[c] {
			t.Errorf("zh_Hans %s = %q, want a Chinese header for %q", key, got, epochColumns[c])
		}
	}

	// The CSV header comes from epochKey, never from the translations.
	v := &TrainView{}
	for c, want := range epochColumns {
		if got := v.epochKey(c); got != want {
			t.Errorf("CSV header of column %d = %q, want %q", c, got, want)
		}
	}
}

func TestEpochColumnWidthsFitText(t *testing.T) {
	test.NewTempApp(t) // the theme that measures the text
	headers := append([]string(nil), epochColumns...)
	headers[2] = "sampled_accuracy"
	widths := epochColumnWidths(headers)
	if len(widths) != len(headers) {
		t.Fatalf("%d widths for %d headers", len(widths), len(headers))
	}
	for c, header := range headers {
		// A cell shows its text after the label's inset, and the text
		// needs a gap of at least half that inset before the separator.
		text := max(fyne.MeasureText(header, theme.TextSize(), fyne.TextStyle{Bold: true}).Width,
			fyne.MeasureText(epochSamples[c], theme.TextSize(), fyne.TextStyle{}).Width)
		if want := text + 1.5*theme.InnerPadding(); widths[c] < want {
			t.Errorf("column %q is %.1f wide, want at least %.1f for its header and %q", header, widths[c], want, epochSamples[c])
		}
	}
}

func TestFitSelectWidthChinese(t *testing.T) {
	test.NewTempApp(t) // the theme that measures the text
	zh := translations(t, "zh_Hans.json")
	choices := []string{zh["train.x_steps"], zh["train.x_epochs"], zh["train.x_seconds"]}
	s := widget.NewSelect(choices, nil)
	fitSelectWidth(s)
	s.SetSelectedIndex(0)
	for _, c := range choices {
		if c == "" {
			t.Fatal("an x axis choice is missing from zh_Hans.json")
		}
		if got, want := s.MinSize().Width, selectWidthFor(c); got < want {
			t.Errorf("menu is %.0f wide, want at least %.0f to show %q", got, want, c)
		}
	}
}

// TestTrainSettingsWidthLanguageModel checks that the long description of
// a language model's output layer wraps instead of widening the settings
// form.
func TestTrainSettingsWidthLanguageModel(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.a.train
	form := func() fyne.CanvasObject {
		left := v.content.(*container.Split).Leading.(*container.Scroll).Content.(*fyne.Container)
		for _, o := range left.Objects {
			if f, ok := o.(*widget.Form); ok {
				return f
			}
		}
		t.Fatal("no settings form in the Train view's left column")
		return nil
	}
	var before float32
	h.do(func() {
		before = form().MinSize().Width
		v.opts.setValue(v.opts.objective, "lm")
	})
	h.do(func() {
		if !strings.HasPrefix(v.opts.output.Text, "Dense(vocabulary)") {
			t.Fatalf("output layer = %q, want the language model's Dense(vocabulary)", v.opts.output.Text)
		}
		if got := form().MinSize().Width; got > before {
			t.Errorf("settings form needs %.0f pixels for a language model, want at most the classifier's %.0f", got, before)
		}
	})
}
