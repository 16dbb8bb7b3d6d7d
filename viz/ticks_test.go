package viz

import (
	"slices"
	"testing"
)

func TestPlainTickerLabels(t *testing.T) {
	// The wanted labels are the positions plot.DefaultTicks picks, written
	// without the decimals it adds.
	tests := []struct {
		min, max float64
		want     []string
	}{
		{0, 500, []string{"0", "250", "500"}},
		{0, 600, []string{"0", "300", "600"}},
		{0, 12.5, []string{"0", "4", "8", "12"}},
		{0, 1.2, []string{"0", "0.5", "1"}},
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
