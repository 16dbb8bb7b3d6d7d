package viz

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
)

func TestLengthHistogram(t *testing.T) {
	// Lengths like a review corpus: most short, a long tail.
	var reviews []int
	for i := range 1000 {
		reviews = append(reviews, 5+(i*i)%97+i%13)
	}

	tests := []struct {
		name    string
		lengths []int
		maxlen  int
		w, h    int
		// Whether the bars (BatchLossColor) and the maxlen line (TrainColor) show.
		bars, line bool
	}{
		{name: "reviews", lengths: reviews, maxlen: 80, w: 600, h: 400, bars: true, line: true},
		{name: "no maxlen", lengths: reviews, maxlen: 0, w: 600, h: 400, bars: true},
		{name: "no documents", lengths: nil, maxlen: 50, w: 600, h: 400, line: true},
		{name: "no documents, no maxlen", lengths: nil, maxlen: 0, w: 600, h: 400},
		{name: "one document", lengths: []int{12}, maxlen: 10, w: 600, h: 400, bars: true, line: true},
		{name: "all empty", lengths: []int{0, 0, 0}, maxlen: 1, w: 600, h: 400, bars: true, line: true},
		{name: "maxlen beyond the longest", lengths: []int{3, 4, 5}, maxlen: 500, w: 600, h: 400, bars: true, line: true},
		{name: "smallest size", lengths: reviews, maxlen: 80, w: 240, h: 180, bars: true, line: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := LengthHistogram(tc.lengths, tc.maxlen, tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Fatalf("size = %v, want %dx%d", got, tc.w, tc.h)
			}
			if ink(img) == 0 {
				t.Error("chart is blank, want axes and text")
			}
			if got := hasColor(img, BatchLossColor); got != tc.bars {
				t.Errorf("bar colour present = %v, want %v", got, tc.bars)
			}
			if got := hasColor(img, TrainColor); got != tc.line {
				t.Errorf("maxlen line colour present = %v, want %v", got, tc.line)
			}
			savePNG(t, img)
		})
	}
}

func TestLengthHistogramErrors(t *testing.T) {
	if _, err := LengthHistogram([]int{3, -1}, 10, 600, 400); err == nil {
		t.Error("LengthHistogram with a negative length returned no error")
	}
	for _, size := range []image.Point{{0, 0}, {MinChartWidth - 1, 400}, {600, MaxChartSide + 1}} {
		if _, err := LengthHistogram([]int{1}, 1, size.X, size.Y); err == nil {
			t.Errorf("LengthHistogram at %v returned no error", size)
		}
	}
}

func TestLengthBins(t *testing.T) {
	tests := []struct {
		name    string
		lengths []int
		maxlen  int
		width   float64
		weights []float64
	}{
		// Longest 5: six values 0..5 fit in 40 bins of width 1.
		{"narrow", []int{0, 1, 1, 5}, 0, 1, []float64{1, 2, 0, 0, 0, 1}},
		// Longest 99: 100 values need width 5 (20 bins); width 2 gives 50.
		{"width five", []int{0, 4, 5, 99}, 20, 5, append([]float64{2, 1}, append(make([]float64, 17), 1)...)},
		// maxlen 500 sets the width: 501 values need width 20 (26 bins),
		// and the lengths fill the first bin.
		{"far maxlen", []int{3, 4, 5}, 500, 20, []float64{3}},
		// Longest 1000: 1001 values need width 50 (21 bins); 20 gives 51.
		{"long tail", []int{10, 1000}, 0, 50, append([]float64{1}, append(make([]float64, 19), 1)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bins, width := lengthBins(tc.lengths, tc.maxlen)
			if width != tc.width {
				t.Errorf("width = %v, want %v", width, tc.width)
			}
			var weights []float64
			for i, b := range bins {
				weights = append(weights, b.Weight)
				if b.Min != float64(i)*width || b.Max != float64(i+1)*width {
					t.Errorf("bin %d = [%v, %v), want [%v, %v)", i, b.Min, b.Max, float64(i)*width, float64(i+1)*width)
				}
			}
			if !slices.Equal(weights, tc.weights) {
				t.Errorf("weights = %v, want %v", weights, tc.weights)
			}
		})
	}
}

func TestMaxlenLegend(t *testing.T) {
	// 3 of the 4 lengths are at most 10.
	if got, want := maxlenLegend([]int{1, 10, 11, 2}, 10), "maxlen 10: 75.0% of documents fit"; got != want {
		t.Errorf("maxlenLegend = %q, want %q", got, want)
	}
	if got, want := maxlenLegend(nil, 7), "maxlen 7"; got != want {
		t.Errorf("maxlenLegend without documents = %q, want %q", got, want)
	}
}

func BenchmarkLengthHistogram(b *testing.B) {
	lengths := make([]int, 100000)
	for i := range lengths {
		lengths[i] = (i * 7919) % 600
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LengthHistogram(lengths, 200, 600, 400); err != nil {
			b.Fatal(err)
		}
	}
}

// savePNG writes img to $EMBEDLAB_CHART_DIR/TestName.png when that variable
// is set, so that the charts can be looked at.
func savePNG(t *testing.T, img image.Image) {
	t.Helper()
	dir := os.Getenv("EMBEDLAB_CHART_DIR")
	if dir == "" {
		return
	}
	name := filepath.Join(dir, filepath.Base(t.Name())+".png")
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestWholeTicks(t *testing.T) {
	tests := []struct {
		name     string
		min, max float64
	}{
		{"counts", 0, 2500},
		{"short axis", 0, 1.05},
		{"tokens", 0, 52.5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ticks := wholeTicks{}.Ticks(tc.min, tc.max)
			labelled := 0
			for _, tick := range ticks {
				if tick.Label == "" {
					continue
				}
				labelled++
				if want := strconv.Itoa(int(tick.Value)); tick.Value != math.Trunc(tick.Value) || tick.Label != want {
					t.Errorf("tick at %v labelled %q, want whole-number ticks labelled as such", tick.Value, tick.Label)
				}
			}
			if labelled == 0 {
				t.Errorf("no labelled ticks from %v to %v", tc.min, tc.max)
			}
		})
	}
}

// TestLegendOnLeft checks that the legend of the maxlen line takes the
// side of the plot away from the line.
func TestLegendOnLeft(t *testing.T) {
	tests := []struct {
		name               string
		maxlen, xMin, xMax float64
		want               bool
	}{
		{"line near the left", 10, 0, 100, false},
		{"line at the middle", 50, 0, 100, false},
		{"line right of the middle", 51, 0, 100, true},
		{"line at the right end", 95, 0, 100, true},
		{"empty axis", 5, 0, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := legendOnLeft(tc.maxlen, tc.xMin, tc.xMax); got != tc.want {
				t.Errorf("legendOnLeft(%v, %v, %v) = %v, want %v", tc.maxlen, tc.xMin, tc.xMax, got, tc.want)
			}
		})
	}

	// The plot itself: a maxlen past every document puts the line at the
	// right end, and a short one leaves it near the left.
	for _, tc := range []struct {
		name    string
		lengths []int
		maxlen  int
		want    bool
	}{
		{"maxlen beyond the longest", []int{3, 4, 5, 6}, 100, true},
		{"short maxlen", []int{3, 40, 50, 90}, 10, false},
	} {
		p, err := lengthHistogramPlot(tc.lengths, tc.maxlen)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if p.Legend.Left != tc.want || !p.Legend.Top {
			t.Errorf("%s: legend left %v, top %v; want left %v, top true", tc.name, p.Legend.Left, p.Legend.Top, tc.want)
		}
	}
}

// TestMaxlenLegendClearOfLine renders the histogram at the size of the
// Corpus view's chart and checks in the pixels that the legend's text
// keeps clear of the maxlen line, with the line near either end.
func TestMaxlenLegendClearOfLine(t *testing.T) {
	const w, h = 380, 240 // the chart's minimum size in the Corpus view
	tests := []struct {
		name    string
		lengths []int
		maxlen  int
	}{
		{"line at the right end", []int{3, 4, 5, 6, 6, 7}, 100},
		{"line near the left", []int{3, 40, 50, 90, 95, 99}, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := LengthHistogram(tc.lengths, tc.maxlen, w, h)
			if err != nil {
				t.Fatal(err)
			}
			savePNG(t, img)
			// The thin line is antialiased, so its pixels are recognised
			// by their orange hue: red well above blue, as in TrainColor.
			isLine := func(x, y int) bool {
				r, _, b, _ := img.At(x, y).RGBA()
				return r>>8 > 200 && int(r>>8)-int(b>>8) > 80
			}

			// The line is the column with the most pixels of its colour.
			lineX, most := 0, 0
			for x := range w {
				n := 0
				for y := range h {
					if isLine(x, y) {
						n++
					}
				}
				if n > most {
					lineX, most = x, n
				}
			}
			if most < h/3 {
				t.Fatalf("tallest run of the line colour is %d pixels, want a maxlen line", most)
			}

			// The legend's sample is a short horizontal stroke of the line
			// colour away from the line.
			thumbY, thumbX := -1, 0
			for y := 0; y < h && thumbY < 0; y++ {
				run := 0
				for x := range w {
					if isLine(x, y) && (x < lineX-3 || x > lineX+3) {
						run++
						if run >= 6 {
							thumbY, thumbX = y, x
							break
						}
					} else {
						run = 0
					}
				}
			}
			if thumbY < 0 {
				t.Fatal("no legend sample found")
			}

			// The legend text runs from its sample towards the line. No dark
			// text pixel may lie within 3 pixels of the line or on the far
			// side of it, up to 30 pixels on, in the rows of the legend.
			far := 1
			if lineX < thumbX {
				far = -1
			}
			for y := max(thumbY-8, 0); y < min(thumbY+8, h); y++ {
				for d := -3; d <= 30; d++ {
					x := lineX + far*d
					if x < 0 || x >= w {
						continue
					}
					if color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y < 128 {
						t.Fatalf("legend text at (%d, %d) reaches the maxlen line at x=%d", x, y, lineX)
					}
				}
			}
		})
	}
}
