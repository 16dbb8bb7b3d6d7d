package viz

import "math"

// Rect is an axis-aligned rectangle with its top-left corner at (X, Y), in
// screen coordinates where y grows downwards.
type Rect struct {
	X, Y, W, H float32
}

// overlaps reports whether r and o share an area. Touching edges do not
// count.
func (r Rect) overlaps(o Rect) bool {
	return r.X < o.X+o.W && o.X < r.X+r.W && r.Y < o.Y+o.H && o.Y < r.Y+r.H
}

// inside reports whether r lies wholly within o.
func (r Rect) inside(o Rect) bool {
	return r.X >= o.X && r.Y >= o.Y && r.X+r.W <= o.X+o.W && r.Y+r.H <= o.Y+o.H
}

// LabelPlacer places text labels next to their points greedily: each label
// takes the first of eight positions (right of the point, left, above,
// below, then the four diagonals) that stays inside the bounds and overlaps
// no label or area placed before it. Callers offer labels in order of
// importance, so a label that finds no room is a less important one. The
// zero value has empty bounds and places nothing, so call Reset first.
//
// Place is linear in the number of labels placed so far, which suits the
// few hundred labels a screen can show. Reset keeps the memory, so placing
// a frame's labels does not allocate once the placer has grown.
type LabelPlacer struct {
	bounds Rect
	placed []Rect
}

// Reset clears the labels placed and sets the area that labels must stay in.
func (p *LabelPlacer) Reset(bounds Rect) {
	p.bounds = bounds
	p.placed = p.placed[:0]
}

// Place finds room for a w×h label of the point (x, y), gap away from it,
// records it, and returns its rectangle. A straight position puts the
// label's near edge gap from the point, and a diagonal one puts its nearest
// corner gap from the point. ok is false, and nothing is
// recorded, when all eight positions are taken or outside the bounds.
func (p *LabelPlacer) Place(x, y, w, h, gap float32) (r Rect, ok bool) {
	d := gap * math.Sqrt2 / 2 // the diagonal offset that puts the corner gap away
	candidates := [8]Rect{
		{X: x + gap, Y: y - h/2, W: w, H: h},     // right
		{X: x - gap - w, Y: y - h/2, W: w, H: h}, // left
		{X: x - w/2, Y: y - gap - h, W: w, H: h}, // above
		{X: x - w/2, Y: y + gap, W: w, H: h},     // below
		{X: x + d, Y: y - d - h, W: w, H: h},     // above right
		{X: x + d, Y: y + d, W: w, H: h},         // below right
		{X: x - d - w, Y: y - d - h, W: w, H: h}, // above left
		{X: x - d - w, Y: y + d, W: w, H: h},     // below left
	}
	for _, c := range candidates {
		if p.free(c) {
			p.placed = append(p.placed, c)
			return c, true
		}
	}
	return Rect{}, false
}

// Reserve marks r as taken without checking it, for an area such as a
// legend that labels must avoid.
func (p *LabelPlacer) Reserve(r Rect) {
	p.placed = append(p.placed, r)
}

// Len returns the number of rectangles placed or reserved since Reset.
func (p *LabelPlacer) Len() int { return len(p.placed) }

func (p *LabelPlacer) free(c Rect) bool {
	if !c.inside(p.bounds) {
		return false
	}
	for _, o := range p.placed {
		if c.overlaps(o) {
			return false
		}
	}
	return true
}
