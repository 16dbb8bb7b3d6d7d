package ui

import (
	"image"
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"embedlab/viz"
)

// srgbLinear converts an 8-bit sRGB channel to linear light (IEC 61966-2-1).
func srgbLinear(c uint8) float64 {
	v := float64(c) / 255
	if v <= 0.04045 {
		return v / 12.92
	}
	return math.Pow((v+0.055)/1.055, 2.4)
}

// relativeLuminance returns the WCAG 2 relative luminance of c.
func relativeLuminance(c color.RGBA) float64 {
	return 0.2126*srgbLinear(c.R) + 0.7152*srgbLinear(c.G) + 0.0722*srgbLinear(c.B)
}

// contrastRatio returns the WCAG 2 contrast ratio of a and b, 1 to 21.
func contrastRatio(a, b color.RGBA) float64 {
	la, lb := relativeLuminance(a), relativeLuminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// deltaE returns the CIE76 colour difference of a and b: the distance of
// their CIELAB coordinates under the D65 white point.
func deltaE(a, b color.RGBA) float64 {
	lab := func(c color.RGBA) [3]float64 {
		r, g, b := srgbLinear(c.R), srgbLinear(c.G), srgbLinear(c.B)
		x := (0.4124*r + 0.3576*g + 0.1805*b) / 0.95047
		y := 0.2126*r + 0.7152*g + 0.0722*b
		z := (0.0193*r + 0.1192*g + 0.9505*b) / 1.08883
		f := func(t float64) float64 {
			if t > 216.0/24389 {
				return math.Cbrt(t)
			}
			return (24389.0/27*t + 16) / 116
		}
		return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
	}
	p, q := lab(a), lab(b)
	return math.Sqrt((p[0]-q[0])*(p[0]-q[0]) + (p[1]-q[1])*(p[1]-q[1]) + (p[2]-q[2])*(p[2]-q[2]))
}

// scaleColors returns the point colours that each colour mode of the map
// can paint: the frequency ramp, the dimmed words of a search, and the
// class palette with the lean scale of a binary classifier.
func scaleColors() map[string][]color.RGBA {
	const n = 10000
	var freq, class []color.RGBA
	for rank := 0; rank < n; rank += 37 {
		freq = append(freq, viz.FrequencyColor(rank, n))
	}
	freq = append(freq, viz.FrequencyColor(n-1, n))
	for i := range 10 {
		class = append(class, viz.ClassColor(i))
	}
	for p := 0.0; p <= 1; p += 0.01 {
		class = append(class, viz.LeanColor(p))
	}
	class = append(class, viz.LeanColor(math.NaN()))
	return map[string][]color.RGBA{
		"frequency": freq,
		"search":    {dimmedColor},
		"class":     class,
	}
}

// TestMarkColorsStandOut checks the colours of the selected word, its
// neighbours and search matches in the light and the dark theme. Each must
// differ clearly from every colour of the colour scales and from the other
// marks, and be readable on the map's background.
func TestMarkColorsStandOut(t *testing.T) {
	// The thresholds are this project's choice, not a standard. At these
	// distances the marks differ from the scales in hue or lightness at a
	// glance, even as small dots.
	const minScaleDelta, minMarkDelta = 30, 40
	scales := scaleColors()
	variants := []struct {
		name    string
		variant fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}}
	for _, v := range variants {
		bg := toRGBA(theme.DefaultTheme().Color(theme.ColorNameInputBackground, v.variant))
		marks := markColorsOn(bg)
		named := []struct {
			name string
			c    color.RGBA
			// minContrast is WCAG 2's minimum for text (4.5) where labels
			// take the colour, and for graphics (3) where only dots do.
			minContrast float64
		}{
			{"selected", marks.selected, 3},
			{"neighbour", marks.neighbour, 4.5},
			{"match", marks.match, 4.5},
		}
		t.Run(v.name, func(t *testing.T) {
			for _, m := range named {
				if got := contrastRatio(m.c, bg); got < m.minContrast {
					t.Errorf("%s %v on background %v: contrast %.2f, want at least %g", m.name, m.c, bg, got, m.minContrast)
				}
				for mode, colors := range scales {
					for _, c := range colors {
						if d := deltaE(m.c, c); d < minScaleDelta {
							t.Errorf("%s %v is %.1f ΔE from %v of the %s scale, want at least %d", m.name, m.c, d, c, mode, minScaleDelta)
						}
					}
				}
			}
			for i, a := range named {
				for _, b := range named[i+1:] {
					if d := deltaE(a.c, b.c); d < minMarkDelta {
						t.Errorf("%s %v and %s %v are %.1f ΔE apart, want at least %d", a.name, a.c, b.name, b.c, d, minMarkDelta)
					}
				}
			}
		})
	}
}

// drawnMap draws m at 2 pixels per unit, with w0 selected and w1 as its
// neighbour, and returns a function that reads the pixel dx pixels right of
// point i's centre.
func drawnMap(t *testing.T, m *PCAMap) func(i, dx int) color.RGBA {
	t.Helper()
	const pxPerUnit = 2
	if !m.Select("w0", []string{"w1"}) {
		t.Fatal("Select(w0) = false, want true")
	}
	size := m.Size()
	img := image.NewRGBA(image.Rect(0, 0, int(size.Width*pxPerUnit), int(size.Height*pxPerUnit)))
	m.drawPoints(img, pxPerUnit)
	return func(i, dx int) color.RGBA {
		x, y := m.toScreen(m.xs[i], m.ys[i])
		return img.RGBAAt(int(x*pxPerUnit)+dx, int(y*pxPerUnit))
	}
}

// markedWords returns three words far apart: w0, w1 and w2.
func markedWords() ([]string, []MapPoint) {
	return []string{"w0", "w1", "w2"}, []MapPoint{{X: 0, Y: 0}, {X: 10, Y: 0}, {X: 0, Y: 10}}
}

func TestNeighbourKeepsClassFill(t *testing.T) {
	words, pts := markedWords()
	m, _ := newTestMap(t, words, pts)
	m.SetColors([]color.RGBA{viz.ClassColor(0), viz.ClassColor(1), viz.ClassColor(2)})
	pixel := drawnMap(t, m)
	marks := currentMarkColors()

	rn := dotPixels(mapNeighbourRadius, 2)
	if got, want := pixel(1, 0), viz.ClassColor(1); got != want {
		t.Errorf("neighbour centre = %v, want its class colour %v", got, want)
	}
	if got := pixel(1, rn-1); got != marks.neighbour {
		t.Errorf("neighbour ring at %d px = %v, want the neighbour colour %v", rn-1, got, marks.neighbour)
	}
}

func TestNeighbourKeepsMatchFill(t *testing.T) {
	words, pts := markedWords()
	m, _ := newTestMap(t, words, pts)
	m.SetColors([]color.RGBA{dimmedColor, dimmedColor, dimmedColor})
	m.SetHighlights([]int{1, 2})
	m.SetMatchColored(true)
	pixel := drawnMap(t, m)
	marks := currentMarkColors()

	rn := dotPixels(mapNeighbourRadius, 2)
	if got := pixel(1, 0); got != marks.match {
		t.Errorf("matching neighbour centre = %v, want the match colour %v", got, marks.match)
	}
	if got := pixel(1, rn-1); got != marks.neighbour {
		t.Errorf("matching neighbour ring at %d px = %v, want the neighbour colour %v", rn-1, got, marks.neighbour)
	}
	if got := pixel(2, 0); got != marks.match {
		t.Errorf("match centre = %v, want the match colour %v", got, marks.match)
	}
}

// TestSelectedWordIsTarget checks that the selected word is a ring with a
// hole and a centre dot, a shape no colour scale paints, so that an amber
// rare word cannot pass for the yellow selected word.
func TestSelectedWordIsTarget(t *testing.T) {
	words, pts := markedWords()
	m, _ := newTestMap(t, words, pts)
	pixel := drawnMap(t, m)
	marks := currentMarkColors()
	bg := toRGBA(theme.Color(theme.ColorNameInputBackground))

	r := dotPixels(mapSelectedRadius, 2)
	hole := r - markRingPixels(r) // the outermost pixel of the hole
	for _, c := range []struct {
		name string
		dx   int
		want color.RGBA
	}{
		{"centre", 0, marks.selected},
		{"hole", hole, bg},
		{"ring", r - 1, marks.selected},
		{"outline", r + 1, toRGBA(theme.Color(theme.ColorNameForeground))},
	} {
		if got := pixel(0, c.dx); got != c.want {
			t.Errorf("selected word's %s at %d px = %v, want %v", c.name, c.dx, got, c.want)
		}
	}
	if r/3 >= hole {
		t.Errorf("centre dot radius %d reaches the hole's edge %d", r/3, hole)
	}
}
