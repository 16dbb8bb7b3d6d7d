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
// importance, so a label that finds no room is a less important one.
// PlaceInside and PlaceAlways try harder, for the few labels that must be
// shown. The zero value has empty bounds and places nothing, so call Reset first.
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
	for _, c := range beside(x, y, w, h, gap) {
		if p.free(c) {
			p.placed = append(p.placed, c)
			return c, true
		}
	}
	return Rect{}, false
}

// beside returns the eight positions of a w×h label gap away from the
// point (x, y), in the order that Place tries them.
func beside(x, y, w, h, gap float32) [8]Rect {
	d := gap * math.Sqrt2 / 2 // the diagonal offset that puts the corner gap away
	return [8]Rect{
		{X: x + gap, Y: y - h/2, W: w, H: h},     // right
		{X: x - gap - w, Y: y - h/2, W: w, H: h}, // left
		{X: x - w/2, Y: y - gap - h, W: w, H: h}, // above
		{X: x - w/2, Y: y + gap, W: w, H: h},     // below
		{X: x + d, Y: y - d - h, W: w, H: h},     // above right
		{X: x + d, Y: y + d, W: w, H: h},         // below right
		{X: x - d - w, Y: y - d - h, W: w, H: h}, // above left
		{X: x - d - w, Y: y + d, W: w, H: h},     // below left
	}
}

// PlaceInside places a label that matters more than the rest, such as the
// label of a selected word, where Place would give up. It tries Place's
// eight positions, each moved inside the bounds when it crosses them, so a
// point at an edge gets its label on the inner side. When all eight are
// taken, it tries sixteen directions at distances growing by half a label
// height, up to PlaceInsideReach label heights beyond gap, so a label in a
// crowded corner finds a free place further out; the caller should draw a
// leader line to such a label. A moved position may reach back over the
// point, so reserve the point's dot first. ok is false, and nothing is
// recorded, when every position overlaps a rectangle placed before or the
// label is larger than the bounds.
func (p *LabelPlacer) PlaceInside(x, y, w, h, gap float32) (r Rect, ok bool) {
	for _, c := range beside(x, y, w, h, gap) {
		if c, ok := p.placeMoved(c); ok {
			return c, true
		}
	}
	for step := 1; step <= 2*PlaceInsideReach; step++ {
		dist := gap + float32(step)*h/2
		for k := range insideDirections {
			if c, ok := p.placeMoved(toward(x, y, w, h, dist, k)); ok {
				return c, true
			}
		}
	}
	return Rect{}, false
}

// PlaceInsideReach is how many label heights beyond its gap PlaceInside
// may put a label. Five heights, about 75 units for an 11-unit font, keep
// a label within a short leader line of its point.
const PlaceInsideReach = 5

// insideDirections is the number of directions around a point that
// PlaceInside tries at each distance beyond the first.
const insideDirections = 16

// toward returns the position of a w×h label whose side or corner facing
// the point (x, y) is dist away from it in direction k of
// insideDirections, counted clockwise from the right (y grows down).
func toward(x, y, w, h, dist float32, k int) Rect {
	a := 2 * math.Pi * float64(k) / insideDirections
	dx, dy := float32(math.Cos(a)), float32(math.Sin(a))
	// side maps a direction component to how far the facing point sits
	// from the label's centre: ±1 is an edge, reached from 45° on.
	side := func(v float32) float32 { return max(-1, min(1, v*math.Sqrt2)) }
	px, py := x+dist*dx, y+dist*dy
	return Rect{X: px - w/2 + side(dx)*w/2, Y: py - h/2 + side(dy)*h/2, W: w, H: h}
}

// placeMoved records c, moved inside the bounds, when it is free there.
func (p *LabelPlacer) placeMoved(c Rect) (Rect, bool) {
	c, ok := p.moveInside(c)
	if !ok || !p.free(c) {
		return Rect{}, false
	}
	p.placed = append(p.placed, c)
	return c, true
}

// PlaceAlways places a label that must be shown, such as the label of the
// word the user clicked, and returns its rectangle. It places the label as
// PlaceInside does when there is room. Otherwise it takes the position
// beside the point, moved inside the bounds, that overlaps the fewest
// rectangles placed before, so the label may cover others. A label larger
// than the bounds is put at their top-left corner, where it is cut off.
func (p *LabelPlacer) PlaceAlways(x, y, w, h, gap float32) Rect {
	if r, ok := p.PlaceInside(x, y, w, h, gap); ok {
		return r
	}
	best, fewest := Rect{X: p.bounds.X, Y: p.bounds.Y, W: w, H: h}, -1
	for _, c := range beside(x, y, w, h, gap) {
		c, ok := p.moveInside(c)
		if !ok {
			continue
		}
		n := 0
		for _, o := range p.placed {
			if c.overlaps(o) {
				n++
			}
		}
		if fewest < 0 || n < fewest {
			best, fewest = c, n
		}
	}
	p.placed = append(p.placed, best)
	return best
}

// moveInside shifts c by the least distance that puts it inside the
// bounds. ok is false when c is wider or higher than the bounds.
func (p *LabelPlacer) moveInside(c Rect) (Rect, bool) {
	b := p.bounds
	if c.W > b.W || c.H > b.H {
		return c, false
	}
	c.X = max(b.X, min(c.X, b.X+b.W-c.W))
	c.Y = max(b.Y, min(c.Y, b.Y+b.H-c.H))
	return c, true
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
