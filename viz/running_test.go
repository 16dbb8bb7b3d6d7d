package viz

import (
	"image"
	"image/color"
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
		skipped bool // whether the SkippedFill column and a red label show
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
			// A column is over 5 by 100 pixels at these sizes. Antialiased
			// edges give a few pixels of this grey in any chart.
			if got := countColor(img, rgba(SkippedFill)) > 500; got != tc.skipped {
				t.Errorf("skipped-word column present = %v (%d pixels of its grey), want %v", got, countColor(img, rgba(SkippedFill)), tc.skipped)
			}
			if got := hasReddish(img); got != tc.skipped {
				t.Errorf("red skipped-word label present = %v, want %v", got, tc.skipped)
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

// TestRunningProbabilityTicksClearLabels checks that no tick mark under the
// x axis touches the text of a word label. Noto Sans CJK, with its deep
// descent, puts the tick through the last character of a Chinese word when
// the label is centred on gonum/plot's anchor. The chart is drawn three times with the same layout: with neither
// ticks nor labels, with labels only and with ticks only, so the
// differences from the first give the pixels of each.
func TestRunningProbabilityTicksClearLabels(t *testing.T) {
	if _, cjk := FontName(); !cjk {
		t.Skip("no CJK font installed, so Chinese labels are not drawn")
	}
	tests := []struct {
		name   string
		tokens []string
		w, h   int
		scale  int
	}{
		{"Chinese", []string{"这", "家", "餐厅", "的", "早餐", "非常", "好吃"}, 600, 300, 1},
		{"Chinese scaled", []string{"这", "家", "餐厅", "的", "早餐", "非常", "好吃"}, 600, 300, 2},
		{"Chinese small", []string{"服务", "很", "慢", "但是", "饭菜", "不错"}, 320, 200, 1},
		{"English", []string{"the", "Service", "was", "slow", "and", "the", "meal", "wonderful"}, 600, 300, 1},
		{"mixed", []string{"这部", "film", "非常", "Good"}, 600, 300, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			probs := make([]float64, len(tc.tokens))
			for i := range probs {
				probs[i] = float64(i+1) / float64(len(probs)+1)
			}
			draw := func(labels, ticks bool) *image.RGBA {
				t.Helper()
				p, err := runningProbabilityPlot(tc.tokens, probs, "pos")
				if err != nil {
					t.Fatal(err)
				}
				if !labels {
					p.X.Tick.Label.Color = color.Transparent
				}
				if !ticks {
					p.X.Tick.LineStyle.Color = color.Transparent
				}
				img, err := renderScaled(tc.w, tc.h, tc.scale, drawPlot(p))
				if err != nil {
					t.Fatal(err)
				}
				return img.(*image.RGBA)
			}
			base := draw(false, false)
			labelInk := inkDiff(draw(true, false), base)
			tickInk := inkDiff(draw(false, true), base)

			labelPixels, tickPixels, touching := 0, 0, 0
			b := base.Bounds()
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					if tickInk[y][x] {
						tickPixels++
					}
					if !labelInk[y][x] {
						continue
					}
					labelPixels++
					if y == b.Max.Y-1 {
						t.Errorf("label ink at (%d, %d) on the bottom row, want the labels inside the image", x, y)
					}
					if nearInk(tickInk, x, y) {
						touching++
					}
				}
			}
			if labelPixels == 0 || tickPixels == 0 {
				t.Fatalf("found %d label and %d tick pixels, want some of each", labelPixels, tickPixels)
			}
			if touching > 0 {
				t.Errorf("%d label pixels touch a tick mark, want 0", touching)
			}
			savePNG(t, draw(true, true))
		})
	}
}

// TestTokenTicksMarkSkipped checks that the label of a word
// the model did not read starts with the skipped mark and that other
// labels do not.
func TestTokenTicksMarkSkipped(t *testing.T) {
	p, err := runningProbabilityPlot([]string{"a", "zzz", "film"}, []float64{0.5, math.NaN(), 0.4}, "pos")
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, tick := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		labels = append(labels, tick.Label)
	}
	want := []string{"a", skippedMark + "zzz", "film"}
	if strings.Join(labels, "|") != strings.Join(want, "|") {
		t.Errorf("tick labels = %q, want %q", labels, want)
	}
}

// inkDiff returns, per pixel, whether img is visibly darker than base.
func inkDiff(img, base *image.RGBA) [][]bool {
	b := base.Bounds()
	ink := make([][]bool, b.Dy())
	for y := range ink {
		ink[y] = make([]bool, b.Dx())
		for x := range ink[y] {
			got := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			was := color.GrayModel.Convert(base.At(x, y)).(color.Gray).Y
			ink[y][x] = int(was)-int(got) > 40 // about 16% darker; antialiasing fringes stay below
		}
	}
	return ink
}

// nearInk reports whether ink is set at (x, y) or at one of its eight
// neighbours.
func nearInk(ink [][]bool, x, y int) bool {
	for dy := -1; dy <= 1; dy++ {
		for dx := -1; dx <= 1; dx++ {
			yy, xx := y+dy, x+dx
			if yy >= 0 && yy < len(ink) && xx >= 0 && xx < len(ink[yy]) && ink[yy][xx] {
				return true
			}
		}
	}
	return false
}

// hasReddish reports whether img has a pixel that is clearly red, such as
// the antialiased text of a label in SkippedColor.
func hasReddish(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > g>>8+80 && r>>8 > bl>>8+80 {
				return true
			}
		}
	}
	return false
}

// countColor returns the number of pixels of img that are exactly c.
func countColor(img image.Image, c color.RGBA) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == c {
				n++
			}
		}
	}
	return n
}

// rgba returns c as an opaque color.RGBA.
func rgba(c color.Color) color.RGBA {
	r, g, b, _ := c.RGBA()
	return color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 255}
}
