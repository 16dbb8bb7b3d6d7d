package viz

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"strings"
	"testing"
)

func TestSingleChartSVGs(t *testing.T) {
	tests := []struct {
		name  string
		write func(dst io.Writer, w, h int) error
		want  []string // texts the chart draws, passed in or fixed by the chart
	}{
		{"length histogram", func(dst io.Writer, w, h int) error {
			return WriteLengthHistogramSVG(dst, []int{3, 5, 5, 9, 12}, 10, w, h)
		}, []string{"Document length", "maxlen 10"}},
		{"class balance", func(dst io.Writer, w, h int) error {
			return WriteClassBalanceSVG(dst, []string{"pos", "neg"}, []int{3, 1}, w, h)
		}, []string{"Class balance", "pos", "neg"}},
		{"running probability", func(dst io.Writer, w, h int) error {
			return WriteRunningProbabilitySVG(dst, []string{"a", "fine", "film"}, []float64{0.4, math.NaN(), 0.8}, "pos", w, h)
		}, []string{"P(pos)", "fine", "not read"}},
		{"scatter with shares", func(dst io.Writer, w, h int) error {
			p := Projection{Words: []string{"good", "bad"}, X: []float64{1, -1}, Y: []float64{0.5, 0}, Explained: [2]float64{0.42, 0.1}}
			return WriteScatterSVG(dst, p, w, h)
		}, []string{"good", "bad", "PC1 (42.0%)", "PC2 (10.0%)"}},
		{"scatter without shares", func(dst io.Writer, w, h int) error {
			p := Projection{Words: []string{"good", "bad"}, X: []float64{1, -1}, Y: []float64{0.5, 0}}
			return WriteScatterSVG(dst, p, w, h)
		}, []string{"good", "bad", ">PC1<", ">PC2<"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.write(&buf, 600, 400); err != nil {
				t.Fatal(err)
			}
			// 600×400 pixels at 96 DPI are 450×300 points.
			var doc struct {
				XMLName xml.Name
				Width   string `xml:"width,attr"`
				Height  string `xml:"height,attr"`
			}
			if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatalf("the SVG does not parse as XML: %v", err)
			}
			if doc.XMLName.Local != "svg" || doc.Width != "450pt" || doc.Height != "300pt" {
				t.Errorf("root <%s> is %s×%s, want <svg> of 450pt×300pt", doc.XMLName.Local, doc.Width, doc.Height)
			}
			for _, want := range tc.want {
				if !strings.Contains(buf.String(), want) {
					t.Errorf("the SVG lacks %q", want)
				}
			}
			if err := tc.write(io.Discard, 10, 10); err == nil {
				t.Error("writing at 10×10 pixels returned no error")
			}
		})
	}
}

func TestChartSVGBadData(t *testing.T) {
	if err := WriteLengthHistogramSVG(io.Discard, []int{-1}, 0, 600, 400); err == nil {
		t.Error("WriteLengthHistogramSVG with a negative length returned no error")
	}
	if err := WriteClassBalanceSVG(io.Discard, []string{"a"}, nil, 600, 400); err == nil {
		t.Error("WriteClassBalanceSVG with 1 name and 0 counts returned no error")
	}
	if err := WriteScatterSVG(io.Discard, Projection{Words: []string{"a"}}, 600, 400); err == nil {
		t.Error("WriteScatterSVG with 1 word and no coordinates returned no error")
	}
	if err := WriteRunningProbabilitySVG(io.Discard, []string{"a"}, []float64{2}, "pos", 600, 400); err == nil {
		t.Error("WriteRunningProbabilitySVG with probability 2 returned no error")
	}
}
