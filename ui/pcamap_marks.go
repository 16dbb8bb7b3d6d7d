package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// markColors are the colours that mark words on the map: the selected
// word, its neighbours and the matches of a search. Each is at least 30
// apart in CIE76 colour difference (ΔE) from every colour of viz's
// frequency, class and lean scales and from the dimmed words of a search,
// and at least 40 from the other marks, as TestMarkColorsStandOut checks.
type markColors struct {
	selected, neighbour, match color.RGBA
}

var (
	// darkMarks are lighter than the mid-dark scale colours, so that dots
	// and labels in them stand out on a dark map background.
	darkMarks = markColors{
		selected:  color.RGBA{R: 255, G: 230, B: 0, A: 255},   // yellow
		neighbour: color.RGBA{R: 240, G: 110, B: 255, A: 255}, // orchid
		match:     color.RGBA{R: 124, G: 255, B: 196, A: 255}, // mint
	}
	// lightMarks are darker than every scale colour, so that dots and
	// labels in them stand out on a light map background.
	lightMarks = markColors{
		selected:  color.RGBA{R: 0, G: 0, B: 0, A: 255},    // black
		neighbour: color.RGBA{R: 180, G: 0, B: 90, A: 255}, // raspberry
		match:     color.RGBA{R: 0, G: 0, B: 160, A: 255},  // navy
	}
)

// currentMarkColors returns the mark colours for the map background of the
// current theme.
func currentMarkColors() markColors {
	return markColorsOn(toRGBA(theme.Color(theme.ColorNameInputBackground)))
}

// markColorsOn returns darkMarks for a dark background bg and lightMarks
// for a light one, telling them apart by the Rec. 709 luma of bg.
func markColorsOn(bg color.RGBA) markColors {
	luma := 0.2126*float64(bg.R) + 0.7152*float64(bg.G) + 0.0722*float64(bg.B)
	if luma < 128 {
		return darkMarks
	}
	return lightMarks
}

// swatchShape is the shape of a legend swatch's mark, the shape the map
// draws for the same mark.
type swatchShape int

const (
	swatchDot    swatchShape = iota // a filled dot, as a search match
	swatchRing                      // a ring, as a neighbour around its fill
	swatchTarget                    // a ring with a centre dot, as the selected word
)

// markSwatch is a legend mark in one of the mark colours. It reads the
// colour when it is refreshed, so it follows a change of theme as the map
// does.
type markSwatch struct {
	widget.BaseWidget
	pick  func(markColors) color.RGBA
	shape swatchShape
}

func newMarkSwatch(shape swatchShape, pick func(markColors) color.RGBA) *markSwatch {
	s := &markSwatch{pick: pick, shape: shape}
	s.ExtendBaseWidget(s)
	return s
}

// CreateRenderer implements fyne.Widget.
func (s *markSwatch) CreateRenderer() fyne.WidgetRenderer {
	r := &markSwatchRenderer{s: s, dot: canvas.NewRectangle(color.Transparent), centre: canvas.NewRectangle(color.Transparent)}
	r.dot.CornerRadius = markSwatchSize / 2
	r.centre.CornerRadius = markSwatchCentre / 2
	r.Refresh()
	return r
}

const (
	// markSwatchSize is the diameter of a legend mark in Fyne units, the
	// size of the class legend's squares.
	markSwatchSize = 12
	// markSwatchRing is the width of a ring swatch's ring in Fyne units.
	markSwatchRing = 3
	// markSwatchCentre is the diameter of a target swatch's centre dot.
	markSwatchCentre = 4
)

type markSwatchRenderer struct {
	s           *markSwatch
	dot, centre *canvas.Rectangle
}

func (r *markSwatchRenderer) Layout(size fyne.Size) {
	r.dot.Resize(fyne.NewSquareSize(markSwatchSize))
	r.dot.Move(fyne.NewPos((size.Width-markSwatchSize)/2, (size.Height-markSwatchSize)/2))
	r.centre.Resize(fyne.NewSquareSize(markSwatchCentre))
	r.centre.Move(fyne.NewPos((size.Width-markSwatchCentre)/2, (size.Height-markSwatchCentre)/2))
}

func (r *markSwatchRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(markSwatchSize) }

func (r *markSwatchRenderer) Refresh() {
	c := r.s.pick(currentMarkColors())
	if r.s.shape == swatchDot {
		r.dot.FillColor, r.dot.StrokeWidth = c, 0
	} else {
		r.dot.FillColor, r.dot.StrokeColor, r.dot.StrokeWidth = color.Transparent, c, markSwatchRing
	}
	r.centre.FillColor = c
	r.centre.Hidden = r.s.shape != swatchTarget
	r.dot.Refresh()
	r.centre.Refresh()
}

func (r *markSwatchRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.dot, r.centre}
}

func (r *markSwatchRenderer) Destroy() {}
