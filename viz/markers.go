package viz

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Marker is an event drawn on the training chart as a vertical line at
// Step (a global batch number, as on the x axis). Markers with the same
// Label share one legend entry, so Label should name the kind of event,
// such as "early stop".
type Marker struct {
	Step  int
	Label string
}

// markerColors are the line colours of the first distinct marker labels
// (purple, red, brown); later labels reuse them in turn.
var markerColors = []color.Color{
	color.RGBA{R: 148, G: 103, B: 189, A: 255},
	color.RGBA{R: 214, G: 39, B: 40, A: 255},
	color.RGBA{R: 140, G: 86, B: 75, A: 255},
}

// addMarkers draws markers as dashed vertical lines across p's current y
// range, which must be final and finite, at x(Step). With legend, each
// distinct label gets one legend entry. Markers outside p's x range are
// left out.
func addMarkers(p *plot.Plot, markers []Marker, legend bool, xOf func(step int) float64) {
	colors := map[string]color.Color{}
	for _, mk := range markers {
		x := xOf(mk.Step)
		if x < p.X.Min || x > p.X.Max {
			continue
		}
		c, seen := colors[mk.Label]
		if !seen {
			c = markerColors[len(colors)%len(markerColors)]
			colors[mk.Label] = c
		}
		line := &plotter.Line{
			XYs:       plotter.XYs{{X: x, Y: p.Y.Min}, {X: x, Y: p.Y.Max}},
			LineStyle: draw.LineStyle{Color: c, Width: vg.Points(1.2), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}},
		}
		p.Add(line)
		if legend && !seen {
			p.Legend.Add(mk.Label, line)
		}
	}
}
