package wordvec

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"

	"embedlab/internal/usermsg"
)

// Metric is the measure that ranks neighbours.
type Metric int

const (
	// Cosine ranks by cosine similarity, largest first. It is the default.
	Cosine Metric = iota
	// Euclidean ranks by Euclidean distance, smallest first.
	Euclidean
)

// String returns "cosine" or "euclidean".
func (m Metric) String() string {
	switch m {
	case Cosine:
		return "cosine"
	case Euclidean:
		return "euclidean"
	}
	return fmt.Sprintf("Metric(%d)", int(m))
}

// ParseMetric returns the metric named s: "cosine" or "euclidean".
func ParseMetric(s string) (Metric, error) {
	switch s {
	case "cosine", "":
		return Cosine, nil
	case "euclidean":
		return Euclidean, nil
	}
	return 0, usermsg.Errorf("wordvec: metric %q is not known; use cosine or euclidean", s)
}

// SearchOptions selects what a neighbour search returns. The zero value
// with K set is a cosine search over every row.
type SearchOptions struct {
	// K is the number of neighbours to return, at least 1.
	K int
	// Metric ranks the rows; Cosine by default.
	Metric Metric
	// Restrict, when positive, searches only the first Restrict rows: the
	// most frequent words of a trained model, the first lines of a file.
	Restrict int
	// Exclude lists words whose rows never appear in the result.
	Exclude []string
}

// ZeroRows returns the rows whose vector is all zeros, in increasing order.
// Their cosine similarity to anything is 0 by convention. It returns nil when
// the shape of v is invalid.
func (v *Vectors) ZeroRows() []int {
	if v.checkShape() != nil {
		return nil
	}
	v.prepare()
	var rows []int
	for i, n := range v.norms {
		if n == 0 {
			rows = append(rows, i)
		}
	}
	return rows
}

// NearestWith returns the neighbours of word as opts selects, best first,
// without any row of word itself. Equal scores keep row order. It returns an
// *UnknownWordError when word has no row.
func (v *Vectors) NearestWith(word string, opts SearchOptions) ([]Neighbor, error) {
	if err := v.checkSearch(opts); err != nil {
		return nil, err
	}
	row, ok := v.index[word]
	if !ok {
		return nil, &UnknownWordError{Word: word}
	}
	opts.Exclude = append(slices.Clip(opts.Exclude), word)
	return v.search([][]float32{v.row(row)}, opts)[0], nil
}

// NearestVector returns the neighbours of the vector query (length Dim) as
// opts selects, best first. A zero query has cosine similarity 0 to every
// row, so a cosine search then returns the first rows in order.
func (v *Vectors) NearestVector(query []float32, opts SearchOptions) ([]Neighbor, error) {
	if err := v.checkSearch(opts); err != nil {
		return nil, err
	}
	if len(query) != v.Dim {
		return nil, usermsg.Errorf("wordvec: query vector has %d values, want %d (the vector dimension)", len(query), v.Dim)
	}
	return v.search([][]float32{query}, opts)[0], nil
}

// NearestBatch runs len(queries)/Dim vector queries at once, row-major,
// one result list per query, each the same as NearestVector would return.
// It scores blocks of rows against all queries with one float32 matrix
// product per block, spread over GOMAXPROCS goroutines, which reads the
// vectors once for the whole batch instead of once per query.
func (v *Vectors) NearestBatch(queries []float32, opts SearchOptions) ([][]Neighbor, error) {
	if err := v.checkSearch(opts); err != nil {
		return nil, err
	}
	if len(queries)%v.Dim != 0 {
		return nil, usermsg.Errorf("wordvec: %d query values are not a whole number of vectors of dimension %d", len(queries), v.Dim)
	}
	qs := make([][]float32, len(queries)/v.Dim)
	for i := range qs {
		qs[i] = queries[i*v.Dim : (i+1)*v.Dim : (i+1)*v.Dim]
	}
	return v.search(qs, opts), nil
}

func (v *Vectors) checkSearch(opts SearchOptions) error {
	if opts.K < 1 {
		return usermsg.Errorf("wordvec: k is %d; request at least 1 neighbor", opts.K)
	}
	if opts.Restrict < 0 {
		return usermsg.Errorf("wordvec: restrict is %d; use 0 for all words or a positive count", opts.Restrict)
	}
	if opts.Metric != Cosine && opts.Metric != Euclidean {
		return usermsg.Errorf("wordvec: metric %d is not known; use Cosine or Euclidean", int(opts.Metric))
	}
	if err := v.checkShape(); err != nil {
		return err
	}
	v.prepare()
	return nil
}

// search runs the queries in two stages so that the result is exact while
// the bulk of the work runs in float32. The first stage scores every row in
// float32 and keeps, per query, the rows that score within margin of the
// k-th best. Because margin bounds the float32 rounding error, no row of the
// exact top k is lost. The second stage rescores those rows in float64.
func (v *Vectors) search(queries [][]float32, opts SearchOptions) [][]Neighbor {
	n := len(v.Words)
	if opts.Restrict > 0 {
		n = min(n, opts.Restrict)
	}
	excluded := v.excludedRows(opts.Exclude)
	// A single cosine query reads every row once, so its speed is that of
	// memory; the half-precision copy halves the bytes read. Batches reuse
	// each row for many queries and stay with float32.
	half := haveAVX2 && opts.Metric == Cosine && len(queries) == 1
	if half {
		v.prepareHalf()
	}
	prep := make([]preparedQuery, len(queries))
	for i, q := range queries {
		prep[i] = v.prepareQuery(q, opts.Metric, half)
	}

	cands := v.firstStage(prep, n, opts.K, excluded)

	out := make([][]Neighbor, len(queries))
	for qi, c := range cands {
		out[qi] = v.secondStage(queries[qi], prep[qi], c, opts)
	}
	return out
}

// preparedQuery is a query in the form the float32 stage scores it with.
type preparedQuery struct {
	metric Metric
	half   bool      // score against the half-precision unit rows
	vec    []float32 // unit vector for cosine, the query itself for Euclidean
	norm   float64   // Euclidean norm of the query
	margin float32   // bound on the float32 score error, doubled
}

func (v *Vectors) prepareQuery(q []float32, metric Metric, half bool) preparedQuery {
	norm := math.Sqrt(dot(q, q))
	// (d+8)·2⁻²⁴ bounds the rounding of a float32 dot product of length d
	// relative to the product of the norms, with room for the scaling steps.
	// The doubled bound covers the error of the k-th score and of the row.
	gamma := float64(v.Dim+8) * 0x1p-24
	p := preparedQuery{metric: metric, half: half, norm: norm, vec: make([]float32, len(q))}
	switch metric {
	case Cosine:
		if usableNorm(norm) {
			for i, x := range q {
				p.vec[i] = float32(float64(x) / norm)
			}
		}
		p.margin = float32(2 * gamma)
		if half {
			// Rounding a unit row to half precision moves each value by at
			// most 2⁻¹¹ of itself, or 2⁻²⁵ for subnormals, which moves the
			// dot product with a unit query by at most 2⁻¹¹ + √d·2⁻²⁵.
			p.margin = float32(2 * (gamma + 0x1p-11 + math.Sqrt(float64(v.Dim))*0x1p-25))
		}
	case Euclidean:
		copy(p.vec, q)
		p.margin = float32(2 * gamma * (2*v.maxNorm*norm + v.maxNorm*v.maxNorm))
		if p.margin < 1e-30 {
			// Squares of such small vectors fall into float32 subnormals,
			// whose absolute rounding error the relative bound misses.
			p.margin = float32(math.Inf(1))
		}
	}
	if !usableNorm(norm) || math.IsInf(float64(p.margin), 0) {
		p.margin = float32(math.Inf(1)) // every row goes to the exact stage
	}
	return p
}

// excludedRows returns the sorted rows of the given words.
func (v *Vectors) excludedRows(words []string) []int {
	var rows []int
	for _, w := range words {
		if r, ok := v.index[w]; ok {
			rows = append(rows, r)
			rows = append(rows, v.dups[w]...)
		}
	}
	slices.Sort(rows)
	return slices.Compact(rows)
}

// rowBlock is the number of rows scored per matrix product. 256 rows of 300
// float32 values take 300 KB, which fits in the L2 cache of current x86 cores.
const rowBlock = 256

// firstStage scores rows [0, n) against every query in float32 and returns,
// per query, the candidate rows for the exact stage.
func (v *Vectors) firstStage(prep []preparedQuery, n, k int, excluded []int) [][]candidate {
	workers := max(1, min(runtime.GOMAXPROCS(0), n*v.Dim*len(prep)/(1<<17)))
	blocks := (n + rowBlock - 1) / rowBlock
	sels := make([][]selector, workers)
	var wg sync.WaitGroup
	for w := range workers {
		sels[w] = make([]selector, len(prep))
		for qi := range sels[w] {
			sels[w][qi] = selector{k: k, margin: prep[qi].margin, threshold: float32(math.Inf(-1))}
		}
		wg.Go(func() {
			// Contiguous ranges of blocks keep each worker's rows in order.
			first, last := blocks*w/workers, blocks*(w+1)/workers
			v.scoreBlocks(prep, first*rowBlock, min(last*rowBlock, n), excluded, sels[w])
		})
	}
	wg.Wait()

	out := make([][]candidate, len(prep))
	for qi := range prep {
		var tops []float32
		for w := range workers {
			tops = append(tops, sels[w][qi].heap...)
		}
		threshold := float32(math.Inf(-1))
		if len(tops) >= k {
			slices.Sort(tops)
			threshold = tops[len(tops)-k] - prep[qi].margin
		}
		for w := range workers {
			for _, c := range sels[w][qi].cands {
				s := float32(c.sim)
				if s >= threshold || s != s || math.IsInf(c.sim, 0) {
					out[qi] = append(out[qi], c)
				}
			}
		}
	}
	return out
}

// scoreBlocks scores rows [from, to) in blocks of rowBlock rows with one
// matrix product per block: scores = queries × blockᵀ, queries×rows.
func (v *Vectors) scoreBlocks(prep []preparedQuery, from, to int, excluded []int, sels []selector) {
	if from >= to {
		return
	}
	nq, stride := len(prep), paddedDim(v.Dim)
	qmat := make([]float32, nq*stride)
	for qi, p := range prep {
		copy(qmat[qi*stride:], p.vec)
	}
	scores := make([]float32, rowBlock*nq)
	skip := make([]bool, rowBlock)
	for start := from; start < to; start += rowBlock {
		rows := min(rowBlock, to-start)
		scale := v.invNorms32[start : start+rows]
		switch {
		case prep[0].half:
			v.dotHalf(start, rows, qmat, scores[:rows])
			scale = v.halfScale[start : start+rows]
		default:
			dotBlock(v.Data[start*v.Dim:(start+rows)*v.Dim], rows, v.Dim, qmat, nq, scores[:rows*nq])
		}
		if prep[0].metric == Euclidean {
			scale = v.sqNorms32[start : start+rows]
		}
		for r := range rows {
			_, skip[r] = slices.BinarySearch(excluded, start+r)
		}
		for qi := range nq {
			selectRows(scores[qi*rows:(qi+1)*rows], start, scale, prep[qi].metric, skip[:rows], &sels[qi])
		}
	}
}

// dotHalf sets out[r] to the dot product of the unit query q with the
// half-precision unit row start+r, for rows rows. A last group of fewer
// than 4 rows is scored from the float32 rows and scaled to unit length
// here, so that halfScale applies to every row.
func (v *Vectors) dotHalf(start, rows int, q []float32, out []float32) {
	stride := paddedDim(v.Dim)
	r := 0
	var buf [4]float32
	for ; r+4 <= rows; r += 4 {
		dot4x1h(&v.half[(start+r)*stride], uintptr(stride)*2, &q[0], stride/8, &buf[0])
		copy(out[r:r+4], buf[:])
	}
	for ; r < rows; r++ {
		row := start + r
		out[r] = dotGo(v.row(row), q[:v.Dim]) * v.invNorms32[row]
	}
}

// selectRows turns the float32 dot products d of rows start, start+1, ...
// with one query into the score the first stage ranks by and offers the
// rows that may qualify to sel. The score is d·scale (the cosine) for
// Cosine, or 2d − scale with scale = ‖r‖², which orders rows as
// −‖r − q‖² does, for Euclidean.
func selectRows(d []float32, start int, scale []float32, metric Metric, skip []bool, sel *selector) {
	scale, skip = scale[:len(d)], skip[:len(d)]
	for r, x := range d {
		s := x * scale[r]
		if metric == Euclidean {
			s = 2*x - scale[r]
		}
		// NaN fails every comparison and −Inf may be an overflow, so both
		// go to add, which passes them on to the exact stage.
		if (!(s < sel.threshold) || s < -math.MaxFloat32) && !skip[r] {
			sel.add(s, start+r)
		}
	}
}

// secondStage rescores the candidates of one query exactly and returns the
// best k.
func (v *Vectors) secondStage(query []float32, p preparedQuery, cands []candidate, opts SearchOptions) []Neighbor {
	exact := make([]candidate, len(cands))
	for i, c := range cands {
		r := v.row(c.row)
		var score float64
		if opts.Metric == Euclidean {
			score = -euclideanDistance(query, r)
		} else {
			score = cosine(query, r, p.norm, v.norms[c.row])
		}
		exact[i] = candidate{sim: score, row: c.row}
	}
	slices.SortFunc(exact, func(a, b candidate) int {
		switch {
		case worse(b, a):
			return -1
		case worse(a, b):
			return 1
		}
		return 0
	})
	exact = exact[:min(opts.K, len(exact))]

	out := make([]Neighbor, len(exact))
	qnorm := p.norm
	for i, c := range exact {
		r := v.row(c.row)
		nb := Neighbor{Word: v.Words[c.row], Row: c.row, Zero: v.norms[c.row] == 0}
		if opts.Metric == Euclidean {
			nb.Distance = -c.sim
			nb.Similarity = cosine(query, r, qnorm, v.norms[c.row])
		} else {
			nb.Similarity = c.sim
			nb.Distance = 1 - c.sim
		}
		out[i] = nb
	}
	return out
}

// euclideanDistance returns ‖a − b‖ in float64, +Inf when a value is not
// finite.
func euclideanDistance(a, b []float32) float64 {
	b = b[:len(a)]
	var s float64
	for i := range a {
		d := float64(a[i]) - float64(b[i])
		s += d * d
	}
	if math.IsNaN(s) {
		return math.Inf(1)
	}
	return math.Sqrt(s)
}

// selector keeps, for one query, a min-heap of the k best float32 scores
// seen so far and every row that scored within margin of the heap's minimum
// when it arrived. The minimum only grows, so the rows within margin of the
// final k-th score are a subset of the kept ones.
type selector struct {
	k         int
	margin    float32
	threshold float32 // heap minimum − margin, −Inf while the heap is not full
	heap      []float32
	cands     []candidate
}

func (s *selector) add(score float32, row int) {
	if score != score || math.IsInf(float64(score), 0) {
		// Rounding may have overflowed: let the exact stage decide.
		s.cands = append(s.cands, candidate{sim: float64(score), row: row})
		return
	}
	if len(s.heap) < s.k {
		s.cands = append(s.cands, candidate{sim: float64(score), row: row})
		s.heap = append(s.heap, score)
		for i := len(s.heap) - 1; i > 0; {
			parent := (i - 1) / 2
			if s.heap[parent] <= s.heap[i] {
				break
			}
			s.heap[i], s.heap[parent] = s.heap[parent], s.heap[i]
			i = parent
		}
		if len(s.heap) == s.k {
			s.threshold = s.heap[0] - s.margin
		}
		return
	}
	if score < s.heap[0]-s.margin {
		return
	}
	s.cands = append(s.cands, candidate{sim: float64(score), row: row})
	if score <= s.heap[0] {
		return
	}
	s.heap[0] = score
	h := s.heap
	for i := 0; ; {
		least := i
		if l := 2*i + 1; l < len(h) && h[l] < h[least] {
			least = l
		}
		if r := 2*i + 2; r < len(h) && h[r] < h[least] {
			least = r
		}
		if least == i {
			break
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
	s.threshold = h[0] - s.margin
}

// AnalogyMethod is the way Analogy combines the three query words.
type AnalogyMethod int

const (
	// CosAdd returns the words x that maximise
	// cos(x, b) − cos(x, a) + cos(x, c), the vector offset method of
	// Mikolov et al. 2013 ("3CosAdd" in Levy & Goldberg 2014). It ranks by
	// the cosine of x to unit(b) − unit(a) + unit(c), as gensim's
	// most_similar does, and reports that cosine.
	CosAdd AnalogyMethod = iota
	// CosMul returns the words x that maximise
	// cos'(x, b)·cos'(x, c) / (cos'(x, a) + ε) with cos' = (cos + 1)/2 and
	// ε = CosMulEpsilon (Levy & Goldberg 2014, equation 4 and footnote 7),
	// the score of gensim's most_similar_cosmul.
	CosMul
)

// CosMulEpsilon is the ε of 3CosMul, 1e-6 as in gensim 4.2's
// most_similar_cosmul, so that scores and rankings match gensim's.
//
// NOTE: Levy & Goldberg 2014 use ε = 0.001. The two values give different
// scores for every word, and rankings can differ where two scores are close
// or cos'(x, a) is small, because 1e-6 ranks words nearly opposite to a
// higher.
const CosMulEpsilon = 1e-6

// String returns "add" or "mul".
func (m AnalogyMethod) String() string {
	if m == CosMul {
		return "mul"
	}
	return "add"
}

// ParseAnalogyMethod returns the method named s: "add" (3CosAdd) or "mul"
// (3CosMul).
func ParseAnalogyMethod(s string) (AnalogyMethod, error) {
	switch s {
	case "add", "3cosadd", "":
		return CosAdd, nil
	case "mul", "3cosmul":
		return CosMul, nil
	}
	return 0, usermsg.Errorf("wordvec: analogy method %q is not known; use add (3CosAdd) or mul (3CosMul)", s)
}

// Analogy returns the k best answers to "a is to b as c is to ?", best first,
// never a, b or c themselves. For CosAdd, Similarity is the cosine to the
// offset vector; for CosMul it is the 3CosMul score. restrict, when
// positive, limits the answers to the first restrict rows. It returns an
// *UnknownWordError for a query word without a row.
func (v *Vectors) Analogy(a, b, c string, method AnalogyMethod, k, restrict int) ([]Neighbor, error) {
	if err := v.checkSearch(SearchOptions{K: k, Restrict: restrict}); err != nil {
		return nil, err
	}
	units := make([][]float64, 3)
	for i, w := range []string{a, b, c} {
		row, ok := v.index[w]
		if !ok {
			return nil, &UnknownWordError{Word: w}
		}
		units[i] = v.unit(row)
	}
	exclude := []string{a, b, c}

	if method == CosMul {
		return v.cosMul(units, exclude, k, restrict), nil
	}
	offset := make([]float32, v.Dim)
	for j := range offset {
		offset[j] = float32(units[1][j] - units[0][j] + units[2][j])
	}
	return v.search([][]float32{offset}, SearchOptions{K: k, Restrict: restrict, Exclude: exclude})[0], nil
}

// unit returns row i scaled to length 1 in float64, or zeros for a zero or
// non-finite row.
func (v *Vectors) unit(i int) []float64 {
	u := make([]float64, v.Dim)
	if n := v.norms[i]; usableNorm(n) {
		for j, x := range v.row(i) {
			u[j] = float64(x) / n
		}
	}
	return u
}

// cosMul scores every row exactly in float64. It reads the vectors once per
// query word, which is slower than the two-stage search but keeps the
// non-linear score simple.
func (v *Vectors) cosMul(units [][]float64, exclude []string, k, restrict int) []Neighbor {
	n := len(v.Words)
	if restrict > 0 {
		n = min(n, restrict)
	}
	excluded := v.excludedRows(exclude)
	workers := max(1, min(runtime.GOMAXPROCS(0), n/4096))
	parts := make([][]candidate, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			top := newTopK(min(k, n))
			for i := n * w / workers; i < n*(w+1)/workers; i++ {
				if _, skip := slices.BinarySearch(excluded, i); skip {
					continue
				}
				var cos [3]float64
				if norm := v.norms[i]; usableNorm(norm) {
					for q, u := range units {
						cos[q] = dot64(u, v.row(i)) / norm
					}
				}
				shift := func(c float64) float64 { return (c + 1) / 2 }
				score := shift(cos[1]) * shift(cos[2]) / (shift(cos[0]) + CosMulEpsilon)
				if top.accepts(score) {
					top.push(score, i)
				}
			}
			parts[w] = slices.Clone(top.sorted())
		})
	}
	wg.Wait()

	all := slices.Concat(parts...)
	slices.SortFunc(all, func(a, b candidate) int {
		if worse(b, a) {
			return -1
		}
		if worse(a, b) {
			return 1
		}
		return 0
	})
	all = all[:min(k, len(all))]
	out := make([]Neighbor, len(all))
	for i, c := range all {
		out[i] = Neighbor{Word: v.Words[c.row], Similarity: c.sim, Row: c.row, Zero: v.norms[c.row] == 0}
	}
	return out
}

func dot64(u []float64, r []float32) float64 {
	r = r[:len(u)]
	var s float64
	for j, x := range u {
		s += x * float64(r[j])
	}
	return s
}

// Similarity returns the cosine similarity of words a and b, 0 when either
// vector is zero or not finite. It returns an *UnknownWordError for a word
// without a row.
func (v *Vectors) Similarity(a, b string) (float64, error) {
	if err := v.checkShape(); err != nil {
		return 0, err
	}
	v.prepare()
	ra, ok := v.index[a]
	if !ok {
		return 0, &UnknownWordError{Word: a}
	}
	rb, ok := v.index[b]
	if !ok {
		return 0, &UnknownWordError{Word: b}
	}
	return cosine(v.row(ra), v.row(rb), v.norms[ra], v.norms[rb]), nil
}

// OddOneOut returns the word of words least similar to the others: the one
// whose unit vector has the lowest cosine to the mean of all the unit
// vectors, as gensim's doesnt_match picks it. Zero vectors count as zeros
// in the mean. Ties go to the word that sorts first, as in gensim. It
// returns an error for fewer than two words and an *UnknownWordError for a
// word without a row.
func (v *Vectors) OddOneOut(words []string) (string, error) {
	// With two words each is as far from their mean as the other, so the
	// question has no answer.
	if len(words) < 3 {
		return "", usermsg.Errorf("wordvec: odd one out needs at least 3 words, got %d; give a list such as breakfast lunch dinner car", len(words))
	}
	if err := v.checkShape(); err != nil {
		return "", err
	}
	v.prepare()
	units := make([][]float64, len(words))
	mean := make([]float64, v.Dim)
	for i, w := range words {
		row, ok := v.index[w]
		if !ok {
			return "", &UnknownWordError{Word: w}
		}
		units[i] = v.unit(row)
		for j, x := range units[i] {
			mean[j] += x / float64(len(words))
		}
	}

	var meanNorm float64
	for _, x := range mean {
		meanNorm += x * x
	}
	meanNorm = math.Sqrt(meanNorm)
	best, bestSim := "", math.Inf(1)
	for i, u := range units {
		var sim float64
		if meanNorm > 0 {
			for j, x := range u {
				sim += x * mean[j] / meanNorm
			}
		}
		if sim < bestSim || (sim == bestSim && words[i] < best) {
			best, bestSim = words[i], sim
		}
	}
	return best, nil
}
