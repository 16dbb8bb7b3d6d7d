package ui

import (
	"errors"
	"image/png"
	"io"
	"math"

	"fyne.io/fyne/v2/lang"

	"embedlab/model/wordvec"
	"embedlab/viz"
)

// errNoMap is the error of an export while the map shows no words.
func errNoMap() error {
	return errors.New(lang.X("explore.no_map_export",
		"There is no map to export yet; train a model or import vectors first"))
}

// exportMapPNG draws the map as shown, with its labels and the current
// zoom, at exportScale times its pixels on screen, and requests a path to
// write it to as PNG.
func (em *exploreMap) exportMapPNG() {
	a := em.v.app
	if len(em.view.Words()) == 0 {
		a.showError(errNoMap())
		return
	}
	// The image is drawn before the dialog opens, so that it shows the
	// view that the user chose to export.
	img, err := em.view.Snapshot(em.view.slidePixelScale())
	if err != nil {
		a.showError(err)
		return
	}
	a.exportFile("map.png", func(dst io.Writer) error { return png.Encode(dst, img) })
}

// exportMapSVG requests a path and writes the words in the map's current
// view as a gonum/plot scatter chart in SVG, at the map's size on screen.
// The chart labels every word, where the map labels only the words with
// room, so labels overlap in dense regions.
func (em *exploreMap) exportMapSVG() {
	a := em.v.app
	words, xs, ys := em.view.ShownPoints()
	if len(words) == 0 {
		a.showError(errNoMap())
		return
	}
	p := viz.Projection{Explained: em.explained}
	minX, maxX, minY, maxY := em.view.VisibleRange()
	for i, word := range words {
		if xs[i] >= minX && xs[i] <= maxX && ys[i] >= minY && ys[i] <= maxY {
			p.Words = append(p.Words, word)
			p.X = append(p.X, xs[i])
			p.Y = append(p.Y, ys[i])
		}
	}
	size := em.view.Size()
	w := max(int(math.Round(float64(size.Width))), viz.MinChartWidth)
	h := max(int(math.Round(float64(size.Height))), viz.MinChartHeight)
	a.exportFile("map.svg", func(dst io.Writer) error { return viz.WriteScatterSVG(dst, p, w, h) })
}

// exportMapCSV requests a path and writes every word on the map with its
// coordinates in the frame shown, as the columns word,x,y.
func (em *exploreMap) exportMapCSV() {
	a := em.v.app
	words, xs, ys := em.view.ShownPoints()
	if len(words) == 0 {
		a.showError(errNoMap())
		return
	}
	a.exportFile("map.csv", func(dst io.Writer) error { return wordvec.WriteCoordinatesCSV(dst, words, xs, ys) })
}
