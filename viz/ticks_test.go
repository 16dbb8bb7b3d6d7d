package viz

import (
	"slices"
	"testing"
)

func TestPlainTickerLabels(t *testing.T) {
	tests := []struct {
		min, max float64
		want     []string
	}{
		{0, 500, []string{"0", "100", "200", "300", "400", "500"}},
		{0, 226, []string{"0", "50", "100", "150", "200"}},
		{0, 180, []string{"0", "50", "100", "150"}},
		{0, 10, []string{"0", "2", "4", "6", "8", "10"}},
		{0, 12.5, []string{"0", "5", "10"}},
		{0, 1.2, []string{"0", "0.5", "1"}},
		{0, 0.7, []string{"0", "0.2", "0.4", "0.6"}},
		{3, 3, []string{"3"}},
	}
	for _, tc := range tests {
		var got []string
		for _, tick := range (plainTicker{}).Ticks(tc.min, tc.max) {
			if tick.Label != "" {
				got = append(got, tick.Label)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Ticks(%g, %g) labels = %q, want %q", tc.min, tc.max, got, tc.want)
		}
	}
}

func TestPlainTickerHalfSteps(t *testing.T) {
	ticks := (plainTicker{}).Ticks(0, 226)
	var values []float64
	for _, tick := range ticks {
		values = append(values, tick.Value)
		if tick.Value < 0 || tick.Value > 226 {
			t.Errorf("tick at %g outside the axis 0..226", tick.Value)
		}
	}
	want := []float64{0, 25, 50, 75, 100, 125, 150, 175, 200, 225}
	if !slices.Equal(values, want) {
		t.Errorf("tick values = %v, want %v", values, want)
	}
}
