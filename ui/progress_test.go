package ui

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// colorDistance returns the sum of the absolute differences of the red,
// green and blue channels of a and b, from 0 to 765.
func colorDistance(a, b color.Color) int {
	x := color.NRGBAModel.Convert(a).(color.NRGBA)
	y := color.NRGBAModel.Convert(b).(color.NRGBA)
	d := func(p, q uint8) int {
		if p > q {
			return int(p - q)
		}
		return int(q - p)
	}
	return d(x.R, y.R) + d(x.G, y.G) + d(x.B, y.B)
}

func TestProgressBarLooksEmptyAtZero(t *testing.T) {
	test.NewTempApp(t)
	bar := newProgressBar()
	w := test.NewTempWindow(t, bar)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(400, 40))
	primary := theme.Color(theme.ColorNamePrimary)
	track := theme.Color(theme.ColorNameInputBackground)

	capture := func(value float64) image.Image {
		bar.SetValue(value)
		return w.Canvas().Capture()
	}
	// pixel returns the colour at a fraction x of the bar's width, in the
	// middle of its height. The tests sample away from the centred label.
	pixel := func(img image.Image, x float64) color.Color {
		b := img.Bounds()
		return img.At(b.Min.X+int(x*float64(b.Dx())), b.Min.Y+b.Dy()/2)
	}

	tests := []struct {
		name  string
		value float64
		x     float64
		want  color.Color
	}{
		{"empty left", 0, 0.1, track},
		{"empty right", 0, 0.9, track},
		{"third filled part", 0.3, 0.1, primary},
		{"third unfilled part", 0.3, 0.9, track},
		{"full right", 1, 0.9, primary},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := pixel(capture(tc.value), tc.x)
			if d := colorDistance(got, tc.want); d > 30 {
				t.Errorf("pixel at %.0f%% of the width is %v at value %v, want about %v", tc.x*100, got, tc.value, tc.want)
			}
		})
	}
	if d := colorDistance(track, primary); d < 100 {
		t.Fatalf("the theme's track %v and primary %v colours are too close for the test to tell", track, primary)
	}
}

func TestProgressBarLabelColor(t *testing.T) {
	test.NewTempApp(t)
	bar := newProgressBar()
	r := test.TempWidgetRenderer(t, bar)
	label := func() color.Color {
		for _, o := range r.Objects() {
			if text, ok := o.(*canvas.Text); ok {
				return text.Color
			}
		}
		t.Fatal("the progress bar shows no text")
		return nil
	}

	bar.SetValue(0)
	if got, want := label(), theme.Color(theme.ColorNameForeground); got != want {
		t.Errorf("label colour at 0%% = %v, want the foreground colour %v", got, want)
	}
	bar.SetValue(0.8)
	if got, want := label(), theme.Color(theme.ColorNameForegroundOnPrimary); got != want {
		t.Errorf("label colour at 80%% = %v, want the colour on primary %v", got, want)
	}
}
