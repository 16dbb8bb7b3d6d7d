package viz

import (
	"image"
	"image/color"
	"math"
	"sync"
	"testing"
)

// hasColor reports whether some pixel of img is exactly c.
func hasColor(img image.Image, c color.RGBA) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			if uint8(r>>8) == c.R && uint8(g>>8) == c.G && uint8(bl>>8) == c.B && uint8(a>>8) == c.A {
				return true
			}
		}
	}
	return false
}

// ink returns the darkness of img in black-pixel equivalents: the sum over
// pixels of 1 − grey level. Antialiased small text is mostly light grey, so
// this catches it where a count of dark pixels would not.
func ink(img image.Image) float64 {
	var sum float64
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			sum += 1 - float64(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)/255
		}
	}
	return sum
}

// fakeCurves returns a falling loss over epochs of perEpoch batches and
// rising accuracies, like a training run.
func fakeCurves(batches, perEpoch int) Curves {
	c := Curves{BatchesPerEpoch: perEpoch}
	for i := range batches {
		c.BatchLoss = append(c.BatchLoss, 0.7*math.Exp(-float64(i)/300)+0.05*math.Sin(float64(i)))
	}
	for e := range batches / perEpoch {
		f := float64(e)
		c.Epochs = append(c.Epochs, EpochPoint{Loss: 0.6 - 0.03*f, Accuracy: 0.6 + 0.03*f, ValLoss: 0.62 - 0.02*f, ValAccuracy: 0.58 + 0.02*f})
	}
	return c
}

func TestTrainingChart(t *testing.T) {
	nanVal := fakeCurves(300, 100)
	for i := range nanVal.Epochs {
		nanVal.Epochs[i].ValLoss = math.NaN()
		nanVal.Epochs[i].ValAccuracy = math.NaN()
	}
	nanBatch := fakeCurves(300, 100)
	nanBatch.BatchLoss[5] = math.NaN()
	nanBatch.BatchLoss[6] = math.Inf(1)
	noPerEpoch := fakeCurves(300, 100)
	noPerEpoch.BatchesPerEpoch = 0

	tests := []struct {
		name   string
		curves Curves
		w, h   int
		// Whether BatchLossColor, TrainColor and ValidationColor appear.
		batch, train, val bool
	}{
		{name: "empty", curves: Curves{}, w: 600, h: 400},
		{name: "batches only", curves: Curves{BatchLoss: []float64{0.7, 0.6, 0.65, 0.5}, BatchesPerEpoch: 10}, w: 600, h: 400, batch: true},
		{name: "full", curves: fakeCurves(700, 100), w: 600, h: 400, batch: true, train: true, val: true},
		{name: "long run downsampled", curves: fakeCurves(10000, 500), w: 800, h: 500, batch: true, train: true, val: true},
		{name: "NaN validation", curves: nanVal, w: 600, h: 400, batch: true, train: true},
		{name: "NaN and Inf batch loss", curves: nanBatch, w: 600, h: 400, batch: true, train: true, val: true},
		{name: "unknown batches per epoch", curves: noPerEpoch, w: 600, h: 400, batch: true, train: true, val: true},
		{name: "smallest size", curves: fakeCurves(700, 100), w: 240, h: 180, batch: true, train: true, val: true},
		{name: "odd size", curves: fakeCurves(700, 100), w: 613, h: 397, batch: true, train: true, val: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := TrainingChart(tc.curves, tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Fatalf("size = %v, want %dx%d", got, tc.w, tc.h)
			}
			if ink(img) == 0 {
				t.Error("chart is blank, want axes and text")
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

func TestChartBadSize(t *testing.T) {
	for _, size := range []image.Point{{0, 0}, {-5, 400}, {600, -1}, {MinChartWidth - 1, 400}, {600, MinChartHeight - 1}, {MaxChartSide + 1, 400}, {600, MaxChartSide + 1}} {
		if _, err := TrainingChart(Curves{}, size.X, size.Y); err == nil {
			t.Errorf("TrainingChart at %v returned no error", size)
		}
		if _, err := ScatterChart(Projection{}, size.X, size.Y); err == nil {
			t.Errorf("ScatterChart at %v returned no error", size)
		}
	}
}

func TestBatchSeries(t *testing.T) {
	t.Run("short is unchanged", func(t *testing.T) {
		got := batchSeries([]float64{3, 2, math.NaN(), 1}, stepX)
		want := [][2]float64{{1, 3}, {2, 2}, {4, 1}}
		if len(got) != len(want) {
			t.Fatalf("got %d points %v, want %v", len(got), got, want)
		}
		for i, p := range got {
			if p.X != want[i][0] || p.Y != want[i][1] {
				t.Errorf("point %d = (%v, %v), want %v", i, p.X, p.Y, want[i])
			}
		}
	})
	t.Run("long is averaged", func(t *testing.T) {
		// 5000 losses with loss = step make runs of ceil(5000/2000) = 3, so
		// point j is the mean of steps 3j+1..3j+3, that is (3j+2, 3j+2).
		losses := make([]float64, 5000)
		for i := range losses {
			losses[i] = float64(i + 1)
		}
		got := batchSeries(losses, stepX)
		if len(got) > maxBatchPoints {
			t.Fatalf("got %d points, want at most %d", len(got), maxBatchPoints)
		}
		if want := 1667; len(got) != want {
			t.Fatalf("got %d points, want %d", len(got), want)
		}
		for _, j := range []int{0, 1, 100, 1665} {
			want := float64(3*j + 2)
			if got[j].X != want || got[j].Y != want {
				t.Errorf("point %d = (%v, %v), want (%v, %v)", j, got[j].X, got[j].Y, want, want)
			}
		}
		// 1666 full runs cover steps 1..4998, so the last run holds 4999 and 5000.
		if last := got[len(got)-1]; last.X != 4999.5 || last.Y != 4999.5 {
			t.Errorf("last point = (%v, %v), want (4999.5, 4999.5)", last.X, last.Y)
		}
	})
	t.Run("empty", func(t *testing.T) {
		if got := batchSeries(nil, stepX); len(got) != 0 {
			t.Errorf("got %v, want no points", got)
		}
	})
}

func TestScatterChart(t *testing.T) {
	const n, dim = 500, 16
	many, err := PCA(wordList(n), dim, randomData(5, n, dim))
	if err != nil {
		t.Fatal(err)
	}
	withNaN := Projection{Words: []string{"a", "b", "c"}, X: []float64{0, math.NaN(), 1}, Y: []float64{0, 1, math.Inf(1)}}

	tests := []struct {
		name string
		p    Projection
		w, h int
		dots bool
	}{
		{"empty", Projection{}, 600, 400, false},
		{"one word", Projection{Words: []string{"solo"}, X: []float64{0}, Y: []float64{0}}, 600, 400, true},
		{"500 words", many, 800, 600, true},
		{"non-finite points skipped", withNaN, 600, 400, true},
		{"smallest size", many, 240, 180, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := ScatterChart(tc.p, tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Fatalf("size = %v, want %dx%d", got, tc.w, tc.h)
			}
			if got := hasColor(img, BatchLossColor); got != tc.dots {
				t.Errorf("dot colour present = %v, want %v", got, tc.dots)
			}
		})
	}
}

func TestScatterChartMismatch(t *testing.T) {
	p := Projection{Words: []string{"a", "b"}, X: []float64{1, 2}, Y: []float64{1}}
	if _, err := ScatterChart(p, 600, 400); err == nil {
		t.Error("ScatterChart with 2 words and 1 y returned no error")
	}
}

func TestAxisLabel(t *testing.T) {
	tests := []struct {
		n     int
		share float64
		want  string
	}{
		{1, 0.4217, "PC1 (42.2%)"},
		{2, 0, "PC2 (0.0%)"},
		{1, 1, "PC1 (100.0%)"},
	}
	for _, tc := range tests {
		if got := axisLabel(tc.n, tc.share); got != tc.want {
			t.Errorf("axisLabel(%d, %v) = %q, want %q", tc.n, tc.share, got, tc.want)
		}
	}
}

func BenchmarkTrainingChart(b *testing.B) {
	c := fakeCurves(2000, 100)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TrainingChart(c, 600, 400); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScatterChart(b *testing.B) {
	const n, dim = 500, 16
	p, err := PCA(wordList(n), dim, randomData(5, n, dim))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ScatterChart(p, 800, 600); err != nil {
			b.Fatal(err)
		}
	}
}

func TestChartsConcurrent(t *testing.T) {
	curves := fakeCurves(500, 100)
	p, err := PCA(wordList(50), 4, randomData(9, 50, 4))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for g := range errs {
		wg.Go(func() {
			if g%2 == 0 {
				_, errs[g] = TrainingChart(curves, 400, 300)
			} else {
				_, errs[g] = ScatterChart(p, 400, 300)
			}
		})
	}
	wg.Wait()
	for g, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	}
}
