package viz

import (
	"bytes"
	"encoding/xml"
	"image"
	"math"
	"strings"
	"testing"
)

// stepX maps a step to itself, as the x axis in steps does.
func stepX(step int) float64 { return float64(step) }

func TestSmoothEMA(t *testing.T) {
	nan := math.NaN()
	// Expected values worked by hand from mₜ = w·mₜ₋₁ + (1−w)·xₜ and
	// sₜ = mₜ / (1 − wᵗ). For w = 0.5 and 1, 2, 3:
	// m = 0.5, 1.25, 2.125 and 1 − wᵗ = 0.5, 0.75, 0.875.
	tests := []struct {
		name   string
		values []float64
		w      float64
		want   []float64
	}{
		{"half weight", []float64{1, 2, 3}, 0.5, []float64{1, 1.25 / 0.75, 2.125 / 0.875}},
		{"NaN skipped", []float64{1, nan, 2, 3}, 0.5, []float64{1, nan, 1.25 / 0.75, 2.125 / 0.875}},
		// w = 0.6: m = 4, 2.4 and 1 − wᵗ = 0.4, 0.64.
		{"default weight", []float64{10, 0}, 0.6, []float64{10, 2.4 / 0.64}},
		{"zero weight is the identity", []float64{3, 1, 4}, 0, []float64{3, 1, 4}},
		{"constant stays constant", []float64{2, 2, 2, 2}, 0.9, []float64{2, 2, 2, 2}},
		{"empty", nil, 0.6, []float64{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := smoothEMA(tc.values, tc.w)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d values, want %d", len(got), len(tc.want))
			}
			for i := range got {
				if math.IsNaN(tc.want[i]) {
					if !math.IsNaN(got[i]) {
						t.Errorf("value %d = %v, want NaN", i, got[i])
					}
					continue
				}
				if math.Abs(got[i]-tc.want[i]) > 1e-12 {
					t.Errorf("value %d = %.15g, want %.15g", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestXMap(t *testing.T) {
	c := Curves{BatchLoss: make([]float64, 4), BatchSeconds: []float64{0.5, 1, 1.5, 3}, BatchesPerEpoch: 2}
	tests := []struct {
		name  string
		axis  XAxis
		curve Curves
		step  int
		want  float64
	}{
		{"steps", XSteps, c, 3, 3},
		{"epochs", XEpochs, c, 3, 1.5},
		{"seconds", XSeconds, c, 4, 3},
		{"seconds at the start", XSeconds, c, 0, 0},
		{"seconds beyond the times", XSeconds, c, 9, 3},
		{"seconds without times fall back to steps", XSeconds, Curves{BatchLoss: make([]float64, 4)}, 3, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.curve.Options.XAxis = tc.axis
			if got := newXMap(tc.curve).at(tc.step); got != tc.want {
				t.Errorf("x of step %d = %v, want %v", tc.step, got, tc.want)
			}
		})
	}
}

func TestTrainingChartOptions(t *testing.T) {
	base := fakeCurves(300, 100)
	for i := range base.BatchLoss {
		base.BatchSeconds = append(base.BatchSeconds, 0.01*float64(i+1))
	}
	nonPositive := fakeCurves(300, 100)
	nonPositive.BatchLoss[3], nonPositive.BatchLoss[4] = 0, -1
	nonPositive.Epochs[0].ValLoss = 0
	allZero := Curves{BatchLoss: []float64{0, 0, 0}, BatchesPerEpoch: 3}
	lm := fakeCurves(300, 100)
	lm.LanguageModel, lm.SampledSoftmax = true, true

	tests := []struct {
		name              string
		curves            Curves
		opts              ChartOptions
		batch, train, val bool
	}{
		{"smoothed", base, ChartOptions{Smoothing: 0.6}, true, true, true},
		{"smoothing clamped", base, ChartOptions{Smoothing: 5}, true, true, true},
		{"log scale", base, ChartOptions{LogY: true}, true, true, true},
		{"log scale with values ≤ 0", nonPositive, ChartOptions{LogY: true, Smoothing: 0.6}, true, true, true},
		{"log scale with nothing positive", allZero, ChartOptions{LogY: true}, false, false, false},
		{"epochs", base, ChartOptions{XAxis: XEpochs}, true, true, true},
		{"seconds", base, ChartOptions{XAxis: XSeconds}, true, true, true},
		// The language model's train accuracy is left out, but its
		// train loss still shows in TrainColor.
		{"language model", lm, ChartOptions{}, true, true, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := tc.curves
			c.Options = tc.opts
			img, err := TrainingChart(c, 600, 400)
			if err != nil {
				t.Fatal(err)
			}
			if got := hasColor(img, BatchLossColor); got != tc.batch {
				t.Errorf("BatchLossColor present = %v, want %v", got, tc.batch)
			}
			if got := hasColor(img, TrainColor); got != tc.train {
				t.Errorf("TrainColor present = %v, want %v", got, tc.train)
			}
			if got := hasColor(img, ValidationColor); got != tc.val {
				t.Errorf("ValidationColor present = %v, want %v", got, tc.val)
			}
		})
	}
}

// TestTrainingChartSmoothingChangesImage checks that the slider setting
// reaches the drawing: a smoothed chart differs from the raw one.
func TestTrainingChartSmoothingChangesImage(t *testing.T) {
	draw := func(w float64) image.Image {
		c := fakeCurves(300, 100)
		c.Options.Smoothing = w
		img, err := TrainingChart(c, 600, 400)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	if n := diffPixels(draw(0), draw(0.9)); n < 500 {
		t.Errorf("smoothing 0.9 changes %d pixels of the raw chart, want at least 500", n)
	}
}

func TestWriteTrainingSVG(t *testing.T) {
	var buf bytes.Buffer
	c := fakeCurves(300, 100)
	c.Options.Smoothing = 0.6
	c.Events = []Marker{{Step: 200, Label: "early stop"}}
	if err := WriteTrainingSVG(&buf, c, 600, 400); err != nil {
		t.Fatal(err)
	}

	// A well-formed SVG document whose size is the pixel size in points:
	// 600×400 pixels at 96 DPI are 450×300 points.
	var doc struct {
		XMLName xml.Name
		Width   string `xml:"width,attr"`
		Height  string `xml:"height,attr"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("the SVG does not parse as XML: %v", err)
	}
	if doc.XMLName.Local != "svg" || doc.Width != "450pt" || doc.Height != "300pt" {
		t.Errorf("root <%s> is %s×%s, want <svg> of 450pt×300pt", doc.XMLName.Local, doc.Width, doc.Height)
	}
	// #1F77B4 is BatchLossColor.
	for _, want := range []string{"Loss", "Accuracy", "early stop", "#1F77B4"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the SVG lacks %q", want)
		}
	}
	if err := WriteTrainingSVG(&buf, c, 10, 10); err == nil {
		t.Error("WriteTrainingSVG at 10×10 pixels returned no error")
	}
}

func TestLogTickerLabels(t *testing.T) {
	labels := func(min, max float64) []string {
		var out []string
		for _, tk := range (logTicker{}).Ticks(min, max) {
			if tk.Label != "" {
				out = append(out, tk.Label)
			}
		}
		return out
	}
	// The labels follow from the rule: powers of ten while two of them
	// fall in the range, then 1, 2 and 5 times a power, then every tick.
	tests := []struct {
		min, max float64
		want     string
	}{
		{0.001, 2, "0.001 0.01 0.1 1"},
		{0.05, 0.75, "0.05 0.1 0.2 0.5"},
		{0.21, 0.75, "0.3 0.4 0.5 0.6 0.7"},
		{3, 80, "5 10 20 50"},
	}
	for _, tc := range tests {
		if got := strings.Join(labels(tc.min, tc.max), " "); got != tc.want {
			t.Errorf("labels of %g to %g = %q, want %q", tc.min, tc.max, got, tc.want)
		}
	}
}
