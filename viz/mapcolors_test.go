package viz

import (
	"image/color"
	"math"
	"testing"
)

func TestFrequencyColor(t *testing.T) {
	// The ends of the ramp are its first and last stops, and rank 99 of
	// 10000 sits at the middle stop because log(1+99)/log(10000) = 0.5.
	cases := []struct {
		name    string
		rank, n int
		want    color.RGBA
	}{
		{"most frequent", 0, 10000, rankStops[0]},
		{"rarest", 9999, 10000, rankStops[2]},
		{"middle of the log scale", 99, 10000, rankStops[1]},
		{"rank past the end is clamped", 50000, 10000, rankStops[2]},
		{"negative rank is clamped", -3, 10000, rankStops[0]},
		{"one word", 0, 1, rankStops[0]},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := FrequencyColor(tc.rank, tc.n); got != tc.want {
				t.Errorf("FrequencyColor(%d, %d) = %v, want %v", tc.rank, tc.n, got, tc.want)
			}
		})
	}
}

func TestLeanColor(t *testing.T) {
	cases := []struct {
		p    float64
		want color.RGBA
	}{
		{0, ClassColor(0)},
		{1, ClassColor(1)},
		{0.5, neutralColor},
		{-2, ClassColor(0)},
		{7, ClassColor(1)},
		{math.NaN(), neutralColor},
	}
	for _, tc := range cases {
		if got := LeanColor(tc.p); got != tc.want {
			t.Errorf("LeanColor(%g) = %v, want %v", tc.p, got, tc.want)
		}
	}
	// A quarter of the way is halfway between class 0 and grey, to within
	// rounding of each channel.
	got, a, b := LeanColor(0.25), ClassColor(0), neutralColor
	for _, ch := range []struct{ got, a, b uint8 }{{got.R, a.R, b.R}, {got.G, a.G, b.G}, {got.B, a.B, b.B}} {
		if want := (float64(ch.a) + float64(ch.b)) / 2; math.Abs(float64(ch.got)-want) > 0.5 {
			t.Errorf("LeanColor(0.25) channel = %d, want %.1f ± 0.5", ch.got, want)
		}
	}
}

func TestClassColorDistinct(t *testing.T) {
	seen := map[color.RGBA]int{}
	for i := range 10 {
		c := ClassColor(i)
		if j, ok := seen[c]; ok {
			t.Errorf("classes %d and %d share colour %v", j, i, c)
		}
		seen[c] = i
	}
	if ClassColor(12) != ClassColor(2) || ClassColor(-1) != ClassColor(1) {
		t.Error("ClassColor does not wrap every 10 classes")
	}
}
