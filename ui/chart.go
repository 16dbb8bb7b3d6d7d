package ui

import (
	"image"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// renderFunc draws an image of px pixels. It runs off the main goroutine, so
// it must only read data that nothing else changes.
type renderFunc func(px image.Point) (image.Image, error)

// resizeDelay lets a window resize settle before a chart is drawn again.
const resizeDelay = 150 * time.Millisecond

// imageBox shows an image drawn off the main goroutine at the box's size in
// device pixels. It remembers that size for other goroutines (pixelSize) and
// draws its renderFunc again when the size changes.
type imageBox struct {
	widget.BaseWidget

	img  *canvas.Image
	min  fyne.Size
	post func(func())

	// Set and read on the main goroutine.
	render renderFunc
	onErr  func(error)

	gen atomic.Int64 // numbers draws; only the newest one is drawn and shown

	mu sync.Mutex
	px image.Point // size in device pixels, read by pixelSize on any goroutine
}

func newImageBox(min fyne.Size, post func(func())) *imageBox {
	b := &imageBox{min: min, post: post}
	b.img = canvas.NewImageFromImage(nil)
	b.img.FillMode = canvas.ImageFillContain
	b.img.ScaleMode = canvas.ImageScaleFastest // drawn at device pixels, so no smoothing is needed
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer implements fyne.Widget.
func (b *imageBox) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.img)
}

// MinSize implements fyne.CanvasObject.
func (b *imageBox) MinSize() fyne.Size { return b.min }

// Resize records the new size in device pixels and draws again after the
// resize settles.
func (b *imageBox) Resize(s fyne.Size) {
	b.BaseWidget.Resize(s)

	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(b); c != nil {
		scale = c.Scale()
	}
	px := image.Pt(int(math.Round(float64(s.Width*scale))), int(math.Round(float64(s.Height*scale))))

	b.mu.Lock()
	changed := px != b.px
	b.px = px
	b.mu.Unlock()

	if changed && b.render != nil {
		b.redraw(resizeDelay)
	}
}

// pixelSize returns the box's size in device pixels, or a default before
// the first layout. Safe on any goroutine.
func (b *imageBox) pixelSize() image.Point {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.px.X < 16 || b.px.Y < 16 {
		return image.Pt(int(b.min.Width), int(b.min.Height))
	}
	return b.px
}

// setImage shows img at once; it must be called on the main goroutine.
func (b *imageBox) setImage(img image.Image) {
	b.img.Image = img
	b.img.Refresh()
}

// image returns the image shown, nil before the first draw.
func (b *imageBox) image() image.Image { return b.img.Image }

// setRender makes r the source of the box and draws it now; nil clears the
// box. onErr, when not nil, receives drawing errors on the main goroutine.
func (b *imageBox) setRender(r renderFunc, onErr func(error)) {
	b.render = r
	b.onErr = onErr
	if r == nil {
		b.gen.Add(1)
		b.setImage(nil)
		return
	}
	b.redraw(0)
}

// redraw draws the current renderFunc on a goroutine after delay.
func (b *imageBox) redraw(delay time.Duration) {
	gen := b.gen.Add(1)
	r, onErr := b.render, b.onErr
	go func() {
		time.Sleep(delay)
		if gen != b.gen.Load() {
			return // a newer draw has started
		}
		img, err := r(b.pixelSize())
		b.post(func() {
			if gen != b.gen.Load() {
				return
			}
			if err != nil {
				if onErr != nil {
					onErr(err)
				}
				return
			}
			b.setImage(img)
		})
	}()
}
