package viz

import (
	"image"
	"image/color"
	"math"
	"testing"
)

// leftmostColumn returns the smallest x at which img has a pixel of c, or
// -1 when it has none.
func leftmostColumn(img image.Image, c color.RGBA) int {
	b := img.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		for y := b.Min.Y; y < b.Max.Y; y++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(bl>>8) == c.B && uint8(a>>8) == c.A {
				return x
			}
		}
	}
	return -1
}

func TestScaledTrainingChart(t *testing.T) {
	curves := fakeCurves(700, 100)
	curves.Options.Smoothing = 0 // one solid batch loss line, no faint copy
	const w, h = 500, 330        // below fullSizeW×fullSizeH, where the DPI is lowered too
	base, err := ScaledTrainingChart(curves, w, h, 1)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := TrainingChart(curves, w, h)
	if err != nil {
		t.Fatal(err)
	}
	if ink(base) != ink(plain) {
		t.Errorf("scale 1 has ink %.0f, want TrainingChart's %.0f", ink(base), ink(plain))
	}
	baseLeft := leftmostColumn(base, BatchLossColor)
	if baseLeft < 0 {
		t.Fatal("no batch loss line at scale 1")
	}

	for _, scale := range []int{2, 3} {
		img, err := ScaledTrainingChart(curves, w, h, scale)
		if err != nil {
			t.Fatalf("scale %d: %v", scale, err)
		}
		if got, want := img.Bounds().Size(), image.Pt(w*scale, h*scale); got != want {
			t.Errorf("scale %d: size = %v, want %v", scale, got, want)
		}
		// The plot area starts after the y axis label and tick labels.
		// When the text grows with the image, it starts at the same share
		// of the width; 1.5% allows for rounding of text extents.
		left := leftmostColumn(img, BatchLossColor)
		if got, want := float64(left)/float64(w*scale), float64(baseLeft)/float64(w); math.Abs(got-want) > 0.015 {
			t.Errorf("scale %d: the batch loss line starts at %.3f of the width, want %.3f as at scale 1", scale, got, want)
		}
		// Ink grows with the area when text and lines grow with the
		// image; a 15% band allows for antialiasing.
		if got, want := ink(img)/float64(scale*scale), ink(base); math.Abs(got-want) > 0.15*want {
			t.Errorf("scale %d: ink per scaled pixel %.0f, want about %.0f as at scale 1", scale, got, want)
		}
	}
}

func TestScaledTrainingChartErrors(t *testing.T) {
	tests := []struct {
		name        string
		w, h, scale int
	}{
		{"scale 0", 600, 400, 0},
		{"negative scale", 600, 400, -1},
		{"scale above maximum", 600, 400, MaxChartScale + 1},
		{"scaled side too large", 3000, 400, 3},
		{"base size too small", MinChartWidth - 1, 400, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := ScaledTrainingChart(Curves{}, tc.w, tc.h, tc.scale); err == nil {
				t.Errorf("ScaledTrainingChart(%d, %d, scale %d) returned no error", tc.w, tc.h, tc.scale)
			}
		})
	}
}

// TestScaledCorpusAndPredictCharts checks that the other Scaled functions
// give their chart at scale 1 and a scale times larger image otherwise.
func TestScaledCorpusAndPredictCharts(t *testing.T) {
	const w, h = 400, 260
	charts := []struct {
		name   string
		plain  func() (image.Image, error)
		scaled func(scale int) (image.Image, error)
	}{
		{"lengths",
			func() (image.Image, error) { return LengthHistogram([]int{3, 5, 8, 13, 21}, 10, w, h) },
			func(s int) (image.Image, error) { return ScaledLengthHistogram([]int{3, 5, 8, 13, 21}, 10, w, h, s) }},
		{"classes",
			func() (image.Image, error) { return ClassBalance([]string{"neg", "pos"}, []int{40, 60}, w, h) },
			func(s int) (image.Image, error) {
				return ScaledClassBalance([]string{"neg", "pos"}, []int{40, 60}, w, h, s)
			}},
		{"running",
			func() (image.Image, error) {
				return RunningProbability([]string{"a", "fine", "film"}, []float64{0.5, 0.7, 0.9}, "pos", w, h)
			},
			func(s int) (image.Image, error) {
				return ScaledRunningProbability([]string{"a", "fine", "film"}, []float64{0.5, 0.7, 0.9}, "pos", w, h, s)
			}},
	}
	for _, c := range charts {
		plain, err := c.plain()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		one, err := c.scaled(1)
		if err != nil {
			t.Fatalf("%s at scale 1: %v", c.name, err)
		}
		if ink(one) != ink(plain) {
			t.Errorf("%s: scale 1 has ink %.0f, want the plain chart's %.0f", c.name, ink(one), ink(plain))
		}
		three, err := c.scaled(3)
		if err != nil {
			t.Fatalf("%s at scale 3: %v", c.name, err)
		}
		if got, want := three.Bounds().Size(), image.Pt(3*w, 3*h); got != want {
			t.Errorf("%s at scale 3: size = %v, want %v", c.name, got, want)
		}
		if _, err := c.scaled(MaxChartScale + 1); err == nil {
			t.Errorf("%s at scale %d: no error", c.name, MaxChartScale+1)
		}
	}
}
