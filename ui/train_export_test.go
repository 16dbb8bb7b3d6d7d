package ui

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/model"
)

// saveInto returns a SaveFile option that returns, for every request, the
// path of the suggested name in dir.
func saveInto(dir string) func(fyne.Window, string, func(string, error)) {
	return func(_ fyne.Window, name string, done func(string, error)) {
		done(filepath.Join(dir, name), nil)
	}
}

func TestTrainExports(t *testing.T) {
	dir := t.TempDir()
	h := newHarness(t, Options{SaveFile: saveInto(dir)})
	v := h.a.train

	// Nothing to export before a run.
	h.do(func() { test.Tap(v.exportPNG) })
	h.do(func() {
		if got := overlayTexts(h.w); !strings.Contains(got, "no chart to export") {
			t.Errorf("dialog = %q, want it to say there is no chart", got)
		}
		for _, o := range h.w.Canvas().Overlays().List() {
			h.w.Canvas().Overlays().Remove(o)
		}
	})

	cfg := tinyConfig()
	cfg.Epochs = 2
	h.do(func() {
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}

	exports := []struct {
		name string
		btn  func() *widget.Button
		file string
	}{
		{"PNG", func() *widget.Button { return v.exportPNG }, "training.png"},
		{"SVG", func() *widget.Button { return v.exportSVG }, "training.svg"},
		{"CSV", func() *widget.Button { return v.exportCSV }, "epochs.csv"},
	}
	for _, e := range exports {
		h.do(func() { test.Tap(e.btn()) })
		path := filepath.Join(dir, e.file)
		h.waitFor(e.name+" written", func() bool { return strings.Contains(h.a.Status(), "Wrote "+path) })
	}

	t.Run("PNG", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(dir, "training.png"))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("decoding the PNG: %v", err)
		}
		var px image.Point
		h.do(func() { px = v.chart.pixelSize() })
		scale := exportScale(px.X, px.Y)
		if got, want := img.Bounds().Size(), px.Mul(scale); got != want {
			t.Errorf("PNG is %v pixels, want the chart's %v times %d: %v", got, px, scale, want)
		}
		if got := img.Bounds().Dx(); got < slideWidth {
			t.Errorf("PNG is %d pixels wide, want at least %d for a slide (chart on screen %v)", got, slideWidth, px)
		}
	})
	t.Run("SVG", func(t *testing.T) {
		data, err := os.ReadFile(filepath.Join(dir, "training.svg"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("<svg")) || !bytes.Contains(data, []byte("Loss")) {
			t.Errorf("the SVG file (%d bytes) lacks an <svg> element or the Loss title", len(data))
		}
	})
	t.Run("CSV", func(t *testing.T) {
		f, err := os.Open(filepath.Join(dir, "epochs.csv"))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		records, err := csv.NewReader(f).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(records) != cfg.Epochs+1 {
			t.Fatalf("%d records, want a header and %d epochs", len(records), cfg.Epochs)
		}
		// A classifier has no val_perplexity, the last column.
		classifierColumns := strings.Join(epochColumns[:len(epochColumns)-1], ",")
		if got := strings.Join(records[0], ","); got != classifierColumns {
			t.Errorf("header = %q, want %q", got, classifierColumns)
		}
		if records[1][0] != "1" || records[2][0] != "2" {
			t.Errorf("epoch column = %q, %q; want 1, 2", records[1][0], records[2][0])
		}
		if len(records[1]) != len(records[0]) {
			t.Errorf("record %q has %d fields, want one per header", records[1], len(records[1]))
		}
	})
}

func TestWriteEpochCSV(t *testing.T) {
	var buf bytes.Buffer
	epochs := []model.EpochStats{
		{Epoch: 1, Loss: 0.6931472, Accuracy: 0.5, ValLoss: math.NaN(), ValAccuracy: math.NaN(), Seconds: 1.25, SamplesPerSec: 812.34},
		{Epoch: 2, Loss: 4.2, Accuracy: 0.1, ValLoss: 3, ValAccuracy: 0.2, Seconds: 2, SamplesPerSec: 800, ValPerplexity: math.Exp(3)},
	}
	if err := writeEpochCSV(&buf, epochColumns, epochs); err != nil {
		t.Fatal(err)
	}
	// exp(3) = 20.0855369…, rounded to 4 digits.
	want := "epoch,loss,accuracy,val_loss,val_accuracy,seconds,samples_per_s,val_perplexity\n" +
		"1,0.693147,0.500000,,,1.250,812.3,\n" +
		"2,4.200000,0.100000,3.000000,0.200000,2.000,800.0,20.0855\n"
	if got := buf.String(); got != want {
		t.Errorf("CSV =\n%s\nwant\n%s", got, want)
	}
}

func TestExportScale(t *testing.T) {
	// Each want is the smallest whole factor reaching slideWidth (1600),
	// capped by viz.MaxChartScale (8) and viz.MaxChartSide (8192).
	tests := []struct {
		w, h, want int
	}{
		{1600, 900, 1},
		{2400, 1200, 1},
		{800, 500, 2},
		{799, 500, 3},
		{600, 400, 3},
		{400, 300, 4},
		{240, 180, 7},
		{360, 220, 5},
		{200, 1200, 6}, // 8 would reach 1600 but make the height 9600
		{0, 400, 1},
	}
	for _, tc := range tests {
		if got := exportScale(tc.w, tc.h); got != tc.want {
			t.Errorf("exportScale(%d, %d) = %d, want %d", tc.w, tc.h, got, tc.want)
		}
	}
}
