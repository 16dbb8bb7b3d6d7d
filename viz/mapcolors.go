package viz

import (
	"image/color"
	"math"
)

// rankStops is the ramp FrequencyColor runs along, from the most frequent
// word to the rarest. Every stop is mid-dark, so that points stay visible
// on both light and dark backgrounds.
var rankStops = [...]color.RGBA{
	{R: 31, G: 119, B: 180, A: 255}, // blue
	{R: 44, G: 160, B: 44, A: 255},  // green
	{R: 214, G: 150, B: 20, A: 255}, // amber
}

// classPalette contains distinguishable colours for ten classes. Class i
// uses classPalette[i%10].
var classPalette = [...]color.RGBA{
	{R: 31, G: 119, B: 180, A: 255},  // blue
	{R: 230, G: 115, B: 0, A: 255},   // orange
	{R: 40, G: 150, B: 40, A: 255},   // green
	{R: 200, G: 40, B: 40, A: 255},   // red
	{R: 140, G: 90, B: 180, A: 255},  // purple
	{R: 140, G: 85, B: 70, A: 255},   // brown
	{R: 220, G: 110, B: 190, A: 255}, // pink
	{R: 110, G: 110, B: 110, A: 255}, // grey
	{R: 175, G: 175, B: 30, A: 255},  // olive
	{R: 20, G: 175, B: 195, A: 255},  // cyan
}

// neutralColor is the middle of LeanColor's scale: a word with no lean.
var neutralColor = color.RGBA{R: 150, G: 150, B: 150, A: 255}

// FrequencyColor returns the colour of the word of frequency rank rank
// (0 is the most frequent) among n words. The ramp runs blue, green, amber
// along log(1+rank)/log(n), because word counts fall off roughly as a power
// of the rank, so a linear scale would paint all but the first few words
// alike. Ranks outside 0..n-1 are clamped, and n < 2 gives the first stop.
func FrequencyColor(rank, n int) color.RGBA {
	if n < 2 || rank <= 0 {
		return rankStops[0]
	}
	rank = min(rank, n-1)
	t := math.Log1p(float64(rank)) / math.Log(float64(n))
	return ramp(rankStops[:], t)
}

// ClassColor returns the colour of class i (0-based) in the map's class
// colouring. Classes 10 apart share a colour.
func ClassColor(i int) color.RGBA {
	if i < 0 {
		i = -i
	}
	return classPalette[i%len(classPalette)]
}

// LeanColor returns the colour of a word whose probability of the second
// class of two is p: ClassColor(0) at p = 0, grey at 0.5 and ClassColor(1)
// at p = 1, linear in between. NaN gives grey, and p is clamped to 0..1.
func LeanColor(p float64) color.RGBA {
	if math.IsNaN(p) {
		return neutralColor
	}
	p = max(0, min(p, 1))
	stops := [3]color.RGBA{ClassColor(0), neutralColor, ClassColor(1)}
	return ramp(stops[:], p)
}

// ramp interpolates linearly between evenly spaced stops at t in 0..1.
func ramp(stops []color.RGBA, t float64) color.RGBA {
	t = max(0, min(t, 1))
	pos := t * float64(len(stops)-1)
	i := min(int(pos), len(stops)-2)
	f := pos - float64(i)
	a, b := stops[i], stops[i+1]
	mix := func(x, y uint8) uint8 {
		return uint8(math.Round(float64(x) + f*(float64(y)-float64(x))))
	}
	return color.RGBA{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 255}
}
