//go:build ignore

// Command gen_icon draws assets/icon.png: a scatter of word vectors in two
// clusters, joined to their centres, on a rounded blue square.
// Run it from the repository root with: go run assets/gen_icon.go
package main

import (
	"image"
	"image/color"
	"image/png"
	"log"
	"math"
	"math/rand/v2"
	"os"
)

const size = 256

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	bg := color.NRGBA{R: 0x1f, G: 0x4e, B: 0x8c, A: 0xff}
	for y := range size {
		for x := range size {
			if insideRounded(float64(x)+0.5, float64(y)+0.5, 8, 8, size-8, size-8, 44) {
				// A slight vertical gradient keeps the square from looking flat.
				shade := 1 - 0.25*float64(y)/size
				img.Set(x, y, color.NRGBA{uint8(float64(bg.R) * shade), uint8(float64(bg.G) * shade), uint8(float64(bg.B) * shade), 0xff})
			}
		}
	}

	rng := rand.New(rand.NewPCG(7, 7))
	clusters := []struct {
		cx, cy float64
		c      color.NRGBA
	}{
		{86, 160, color.NRGBA{0xff, 0xb3, 0x47, 0xff}},
		{172, 92, color.NRGBA{0x7f, 0xe0, 0xc8, 0xff}},
	}
	for _, cl := range clusters {
		for range 9 {
			a := rng.Float64() * 2 * math.Pi
			r := 14 + rng.Float64()*30
			x, y := cl.cx+r*math.Cos(a), cl.cy+r*math.Sin(a)
			line(img, cl.cx, cl.cy, x, y, 2, color.NRGBA{0xff, 0xff, 0xff, 0x70})
			disc(img, x, y, 7, cl.c)
		}
		disc(img, cl.cx, cl.cy, 13, color.NRGBA{0xff, 0xff, 0xff, 0xff})
	}

	f, err := os.Create("assets/icon.png")
	if err != nil {
		log.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}

func insideRounded(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return math.Hypot(x-cx, y-cy) <= r
}

// blend paints c over the pixel at (x, y) with coverage a in 0..1.
func blend(img *image.NRGBA, x, y int, c color.NRGBA, a float64) {
	if !image.Pt(x, y).In(img.Rect) || a <= 0 {
		return
	}
	a *= float64(c.A) / 255
	old := img.NRGBAAt(x, y)
	mix := func(o, n uint8) uint8 { return uint8(float64(o)*(1-a) + float64(n)*a) }
	img.SetNRGBA(x, y, color.NRGBA{mix(old.R, c.R), mix(old.G, c.G), mix(old.B, c.B), old.A})
}

func disc(img *image.NRGBA, cx, cy, r float64, c color.NRGBA) {
	for y := int(cy - r - 1); y <= int(cy+r+1); y++ {
		for x := int(cx - r - 1); x <= int(cx+r+1); x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			blend(img, x, y, c, math.Min(1, r+0.5-d))
		}
	}
}

func line(img *image.NRGBA, x0, y0, x1, y1, width float64, c color.NRGBA) {
	steps := int(math.Hypot(x1-x0, y1-y0))
	for i := 0; i <= steps; i++ {
		t := float64(i) / float64(max(steps, 1))
		disc(img, x0+t*(x1-x0), y0+t*(y1-y0), width/2, c)
	}
}
