package wordvec

import "sort"

// candidate is a row and its similarity to the query.
type candidate struct {
	sim float64
	row int
}

// worse reports whether a ranks below b: lower similarity, or the same
// similarity at a later row.
func worse(a, b candidate) bool {
	if a.sim != b.sim {
		return a.sim < b.sim
	}
	return a.row > b.row
}

// topK keeps the k best candidates in a binary min-heap whose root is the
// worst of them, so each rejected row costs one comparison.
type topK struct {
	heap []candidate
	k    int
}

func newTopK(k int) *topK {
	return &topK{heap: make([]candidate, 0, k), k: k}
}

// accepts reports whether a candidate with similarity sim would enter the
// heap. Rows arrive in increasing order, so a tie with the root is a later
// row and ranks below it.
func (t *topK) accepts(sim float64) bool {
	if len(t.heap) < t.k {
		return true
	}
	return t.k > 0 && sim > t.heap[0].sim
}

// push adds a candidate that accepts has let in, dropping the worst one when
// the heap is full.
func (t *topK) push(sim float64, row int) {
	c := candidate{sim: sim, row: row}
	if len(t.heap) < t.k {
		t.heap = append(t.heap, c)
		t.up(len(t.heap) - 1)
		return
	}
	t.heap[0] = c
	t.down(0)
}

func (t *topK) up(i int) {
	h := t.heap
	for i > 0 {
		parent := (i - 1) / 2
		if !worse(h[i], h[parent]) {
			return
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
}

func (t *topK) down(i int) {
	h := t.heap
	for {
		least := i
		for _, child := range [2]int{2*i + 1, 2*i + 2} {
			if child < len(h) && worse(h[child], h[least]) {
				least = child
			}
		}
		if least == i {
			return
		}
		h[i], h[least] = h[least], h[i]
		i = least
	}
}

// sorted returns the candidates best first. It reorders the heap in place.
func (t *topK) sorted() []candidate {
	sort.Slice(t.heap, func(i, j int) bool { return worse(t.heap[j], t.heap[i]) })
	return t.heap
}
