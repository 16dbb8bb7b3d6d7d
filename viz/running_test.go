package viz

import (
	"image"
	"math"
	"strings"
	"testing"
)

func TestRunningProbability(t *testing.T) {
	nan := math.NaN()
	long := make([]string, 120)
	longProbs := make([]float64, 120)
	for i := range long {
		long[i] = "word"
		longProbs[i] = float64(i) / 119
	}
	tests := []struct {
		name    string
		tokens  []string
		probs   []float64
		w, h    int
		line    bool // whether BatchLossColor shows
		skipped bool // whether SkippedColor shows
	}{
		{name: "all read", tokens: []string{"a", "wonderful", "film"}, probs: []float64{0.5, 0.8, 0.9}, w: 600, h: 300, line: true},
		{name: "skipped word", tokens: []string{"a", "zzz", "film"}, probs: []float64{0.5, nan, 0.4}, w: 600, h: 300, line: true, skipped: true},
		{name: "nothing read", tokens: []string{"zzz"}, probs: []float64{nan}, w: 600, h: 300, skipped: true},
		{name: "no tokens", w: 600, h: 300},
		{name: "Chinese words", tokens: []string{"电影", "很", "好"}, probs: []float64{0.4, 0.5, 0.9}, w: 600, h: 300, line: true},
		{name: "long text", tokens: long, probs: longProbs, w: 600, h: 300, line: true},
		{name: "smallest size", tokens: []string{"a", "b"}, probs: []float64{0.1, 0.9}, w: 240, h: 180, line: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := RunningProbability(tc.tokens, tc.probs, "pos", tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Fatalf("size = %v, want %dx%d", got, tc.w, tc.h)
			}
			if ink(img) == 0 {
				t.Error("chart is blank, want axes and text")
			}
			if got := hasColor(img, BatchLossColor); got != tc.line {
				t.Errorf("line colour present = %v, want %v", got, tc.line)
			}
			if got := hasColor(img, SkippedColor); got != tc.skipped {
				t.Errorf("skipped-word colour present = %v, want %v", got, tc.skipped)
			}
			savePNG(t, img)
		})
	}
}

func TestRunningProbabilityErrors(t *testing.T) {
	tests := []struct {
		name   string
		tokens []string
		probs  []float64
		w, h   int
		want   string
	}{
		{"lengths differ", []string{"a", "b"}, []float64{0.5}, 600, 300, "2 tokens but 1"},
		{"probability above 1", []string{"a"}, []float64{1.5}, 600, 300, "outside 0 to 1"},
		{"infinite probability", []string{"a"}, []float64{math.Inf(1)}, 600, 300, "outside 0 to 1"},
		{"too small", []string{"a"}, []float64{0.5}, 100, 100, "size"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := RunningProbability(tc.tokens, tc.probs, "pos", tc.w, tc.h)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("RunningProbability = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// TestRunningProbabilityNamesClass checks that the title and the y axis
// label name the class plotted, so that a low curve reads as "not this
// class" rather than as a weak prediction.
func TestRunningProbabilityNamesClass(t *testing.T) {
	for _, class := range []string{"pos", "sports"} {
		t.Run(class, func(t *testing.T) {
			p, err := runningProbabilityPlot([]string{"a", "dull", "film"}, []float64{0.4, 0.1, 0.2}, class)
			if err != nil {
				t.Fatal(err)
			}
			if want := "P(" + class + ")"; !strings.Contains(p.Title.Text, want) {
				t.Errorf("title = %q, want it to contain %q", p.Title.Text, want)
			}
			if want := "probability of " + class; p.Y.Label.Text != want {
				t.Errorf("y axis label = %q, want %q", p.Y.Label.Text, want)
			}
		})
	}
}
