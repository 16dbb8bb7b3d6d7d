package viz

import "math"

// pointsPerCell is the mean number of points a PointIndex cell holds. A few
// points per cell keep both the cells and the scan of one cell small.
const pointsPerCell = 4

// PointIndex is a uniform grid over 2-D points that finds the point nearest
// to a position without scanning all of them. Points with a NaN or ±Inf
// coordinate are left out. A PointIndex is read-only after NewPointIndex, so
// several goroutines may query it at once.
type PointIndex struct {
	xs, ys     []float64
	minX, minY float64
	cellSize   float64
	cols, rows int
	// Cell c holds the point numbers items[start[c]:start[c+1]], in
	// increasing order so that ties go to the lower number.
	start []int32
	items []int32
}

// NewPointIndex indexes the points (xs[i], ys[i]). It keeps xs and ys, so
// the caller must not change them afterwards. It panics when xs and ys
// differ in length, a programmer error.
func NewPointIndex(xs, ys []float64) *PointIndex {
	if len(xs) != len(ys) {
		panic("viz: NewPointIndex got x and y slices of different lengths")
	}
	ix := &PointIndex{xs: xs, ys: ys, cellSize: 1, cols: 1, rows: 1}

	minX, minY := math.Inf(1), math.Inf(1)
	maxX, maxY := math.Inf(-1), math.Inf(-1)
	finite := 0
	for i := range xs {
		if !isFinite(xs[i]) || !isFinite(ys[i]) {
			continue
		}
		finite++
		minX, maxX = min(minX, xs[i]), max(maxX, xs[i])
		minY, maxY = min(minY, ys[i]), max(maxY, ys[i])
	}
	if finite == 0 {
		ix.start = make([]int32, 2)
		return ix
	}

	// Square cells sized so that the bounding box holds about finite /
	// pointsPerCell of them. The second bound keeps a long thin box from
	// getting more columns or rows than that, so the grid has at most
	// about 3·cells cells.
	w, h := maxX-minX, maxY-minY
	cells := max(1, finite/pointsPerCell)
	ix.cellSize = max(math.Sqrt(w*h/float64(cells)), max(w, h)/float64(cells))
	if ix.cellSize == 0 { // all points at one position
		ix.cellSize = 1
	}
	ix.minX, ix.minY = minX, minY
	if isFinite(ix.cellSize) {
		ix.cols = int(w/ix.cellSize) + 1
		ix.rows = int(h/ix.cellSize) + 1
	} // else the spread overflows float64 and one cell holds every point

	// Counting sort of the points into cells.
	ix.start = make([]int32, ix.cols*ix.rows+1)
	cellOf := make([]int32, len(xs))
	for i := range xs {
		if !isFinite(xs[i]) || !isFinite(ys[i]) {
			cellOf[i] = -1
			continue
		}
		c := ix.cell(xs[i], ys[i])
		cellOf[i] = int32(c)
		ix.start[c+1]++
	}
	for c := 1; c < len(ix.start); c++ {
		ix.start[c] += ix.start[c-1]
	}
	ix.items = make([]int32, finite)
	next := make([]int32, len(ix.start)-1)
	copy(next, ix.start)
	for i, c := range cellOf {
		if c < 0 {
			continue
		}
		ix.items[next[c]] = int32(i)
		next[c]++
	}
	return ix
}

// Len returns the number of points indexed, including those left out for
// a non-finite coordinate.
func (ix *PointIndex) Len() int { return len(ix.xs) }

// cell returns the cell of a finite position, clamped to the grid.
func (ix *PointIndex) cell(x, y float64) int {
	col := clampInt(int((x-ix.minX)/ix.cellSize), 0, ix.cols-1)
	row := clampInt(int((y-ix.minY)/ix.cellSize), 0, ix.rows-1)
	return row*ix.cols + col
}

// Nearest returns the number of the point nearest to (x, y) whose
// Euclidean distance is at most radius, or -1 when there is none. Of
// equally near points it returns the lowest number. A negative or NaN
// radius, or a non-finite position, finds nothing.
func (ix *PointIndex) Nearest(x, y, radius float64) int {
	if !(radius >= 0) || !isFinite(x) || !isFinite(y) || len(ix.items) == 0 {
		return -1
	}
	// Only cells that overlap the square around (x, y) can hold a hit.
	col0, col1 := ix.span(x-radius-ix.minX, x+radius-ix.minX, ix.cols)
	row0, row1 := ix.span(y-radius-ix.minY, y+radius-ix.minY, ix.rows)
	if col0 > col1 || row0 > row1 {
		return -1
	}

	best, bestD2 := -1, radius*radius
	for row := row0; row <= row1; row++ {
		for col := col0; col <= col1; col++ {
			c := row*ix.cols + col
			for _, i := range ix.items[ix.start[c]:ix.start[c+1]] {
				dx, dy := ix.xs[i]-x, ix.ys[i]-y
				d2 := dx*dx + dy*dy
				if d2 < bestD2 || (d2 == bestD2 && (best < 0 || int(i) < best)) {
					best, bestD2 = int(i), d2
				}
			}
		}
	}
	return best
}

// span returns the first and last of n cells along one axis that overlap
// lo..hi, given as offsets from the grid's origin. first > last when none
// does. The offsets are compared in float64 first, because they can be too
// large for an int.
func (ix *PointIndex) span(lo, hi float64, n int) (first, last int) {
	a, b := math.Floor(lo/ix.cellSize), math.Floor(hi/ix.cellSize)
	if math.IsNaN(a) || math.IsNaN(b) { // an infinite cell and an infinite offset
		return 0, n - 1
	}
	if b < 0 || a >= float64(n) {
		return 1, 0
	}
	return int(max(a, 0)), int(min(b, float64(n-1)))
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(v, hi))
}
