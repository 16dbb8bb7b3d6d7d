package viz

import (
	"image"
	"image/color"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"embedlab/internal/usermsg"
)

// Chart colours, from the Tableau 10 palette that matplotlib uses by default.
// Lines are wide enough that each colour also appears unblended, so a test
// can look for the exact value in a screenshot. Change them only before
// charts are drawn.
var (
	// BatchLossColor is the per-batch training loss line (blue) and the
	// points of ScatterChart.
	BatchLossColor = color.RGBA{R: 31, G: 119, B: 180, A: 255}
	// TrainColor is the per-epoch training loss and accuracy (orange).
	TrainColor = color.RGBA{R: 255, G: 127, B: 14, A: 255}
	// ValidationColor is the per-epoch validation loss and accuracy (green).
	ValidationColor = color.RGBA{R: 44, G: 160, B: 44, A: 255}
	// gridColor is light enough not to compete with the data.
	gridColor = color.Gray{Y: 225}
)

const (
	// chartDPI maps gonum/plot's points to pixels: at 96 DPI a 9 pt label
	// is 12 px high, the usual size of screen text. Charts smaller than
	// fullSizeW×fullSizeH pixels use a lower resolution, down to minDPI, so
	// that text and margins shrink with the chart instead of crowding out
	// the data.
	chartDPI  = 96
	minDPI    = 64
	fullSizeW = 600
	fullSizeH = 400
)

// Chart size limits in pixels, checked by TrainingChart and ScatterChart.
const (
	// MinChartWidth and MinChartHeight are the smallest size at which the
	// stacked training plots keep a readable data area. Smaller sizes garble
	// gonum/plot's layout.
	MinChartWidth  = 240
	MinChartHeight = 180

	// MaxChartSide bounds each side, so a bad size cannot request more than
	// about 512 MiB: vgimg copies the 8192×8192 RGBA image it draws on, and
	// each copy takes 256 MiB.
	MaxChartSide = 8192
)

// Text sizes in points.
const (
	titleSize  = 11
	labelSize  = 10
	tickSize   = 8
	legendSize = 8
)

// checkSize returns an error unless w×h pixels is a usable chart size.
func checkSize(w, h int) error {
	if w < MinChartWidth || h < MinChartHeight || w > MaxChartSide || h > MaxChartSide {
		return usermsg.Errorf("viz: chart size %d×%d pixels is invalid; it must be from %d×%d to %d×%d pixels",
			w, h, MinChartWidth, MinChartHeight, MaxChartSide, MaxChartSide)
	}
	return nil
}

// render draws into a new white w×h RGBA image at dpiFor(w, h). Building the
// canvas from an image of the final size, rather than from a length in
// points, makes the pixel size exact.
//
// gonum/plot reports internal failures, such as a glyph its font cannot
// load, by panicking, so render turns a panic into an error instead of
// taking the application down.
func render(w, h int, drawTo func(draw.Canvas)) (img image.Image, err error) {
	return renderScaled(w, h, 1, drawTo)
}

// renderScaled draws the w×h chart of render into an image scale times as
// wide and high, at scale times the resolution, so that text, lines and
// margins keep their share of the image.
func renderScaled(w, h, scale int, drawTo func(draw.Canvas)) (img image.Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			img, err = nil, usermsg.Errorf("viz: drawing a %d×%d chart failed: %v", w*scale, h*scale, r)
		}
	}()
	rgba := image.NewRGBA(image.Rect(0, 0, w*scale, h*scale))
	c := vgimg.NewWith(vgimg.UseImage(rgba), vgimg.UseDPI(dpiFor(w, h)*scale))
	drawTo(draw.New(c))
	return c.Image(), nil
}

// writeSVG draws drawTo on a w×h pixel canvas and writes it to dst as SVG,
// with the layout that render gives the same size: one pixel is one SVG unit
// scaled by 72 / dpiFor(w, h). Fonts are named, not embedded, so a viewer
// without them substitutes its own. Like render, it turns a panic of
// gonum/plot into an error.
func writeSVG(dst io.Writer, w, h int, drawTo func(draw.Canvas)) (err error) {
	if err := checkSize(w, h); err != nil {
		return err
	}
	defer func() {
		if r := recover(); r != nil {
			err = usermsg.Errorf("viz: drawing a %d×%d SVG chart failed: %v", w, h, r)
		}
	}()
	pt := func(px int) vg.Length { return vg.Length(float64(px) * vg.Inch.Points() / float64(dpiFor(w, h))) }
	canvas := vgsvg.New(pt(w), pt(h))
	drawTo(draw.New(canvas))
	_, err = canvas.WriteTo(dst)
	return err
}

// drawPlot returns the function that draws p with the margins of every
// single-plot chart.
func drawPlot(p *plot.Plot) func(draw.Canvas) {
	return func(dc draw.Canvas) {
		p.Draw(draw.Crop(dc, vg.Points(4), -vg.Points(8), vg.Points(4), -vg.Points(4)))
	}
}

// dpiFor returns the resolution for a w×h pixel chart.
func dpiFor(w, h int) int {
	scale := min(float64(w)/fullSizeW, float64(h)/fullSizeH, 1)
	return max(int(chartDPI*scale), minDPI)
}

// newPlot returns a plot whose text uses the font ct, with a light grid.
func newPlot(ct *chartText, title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.TextHandler = ct.handler
	style := func(s *text.Style, size vg.Length) {
		s.Font = font.From(ct.font, size)
		s.Handler = ct.handler
	}
	style(&p.Title.TextStyle, titleSize)
	style(&p.X.Label.TextStyle, labelSize)
	style(&p.Y.Label.TextStyle, labelSize)
	style(&p.X.Tick.Label, tickSize)
	style(&p.Y.Tick.Label, tickSize)
	style(&p.Legend.TextStyle, legendSize)

	p.Title.Text = title
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Legend.ThumbnailWidth = vg.Points(16)

	grid := plotter.NewGrid()
	grid.Vertical.Color = gridColor
	grid.Horizontal.Color = gridColor
	p.Add(grid)
	return p
}
