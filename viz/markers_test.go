package viz

import (
	"image"
	"testing"
)

// diffPixels counts the pixels where a and b differ.
func diffPixels(a, b image.Image) int {
	n := 0
	r := a.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 {
				n++
			}
		}
	}
	return n
}

func TestTrainingChartMarkers(t *testing.T) {
	curves := Curves{BatchesPerEpoch: 10}
	for i := range 40 {
		curves.BatchLoss = append(curves.BatchLoss, 1/float64(i+1))
	}
	for range 4 {
		curves.Epochs = append(curves.Epochs, EpochPoint{Loss: 0.3, Accuracy: 0.8, ValLoss: 0.4, ValAccuracy: 0.7})
	}
	draw := func(markers ...Marker) image.Image {
		c := curves
		c.Events = markers
		img, err := TrainingChart(c, 480, 360)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	plain := draw()
	// A 360-pixel-high chart has two plots of well over 100 pixels each,
	// so a line across both changes at least 200 pixels.
	if n := diffPixels(plain, draw(Marker{Step: 20, Label: "early stop"})); n < 200 {
		t.Errorf("a marker changes %d pixels, want at least 200 for a line across both plots", n)
	}
	if n := diffPixels(plain, draw(Marker{Step: 500, Label: "outside"})); n != 0 {
		t.Errorf("a marker beyond the last step changes %d pixels, want none", n)
	}
}
