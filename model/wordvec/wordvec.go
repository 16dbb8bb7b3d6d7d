// Package wordvec looks up word vectors and their nearest neighbors by
// cosine similarity.
package wordvec

import (
	"fmt"
	"math"
	"sync"
)

// Vectors is a set of word vectors, row-major: row i of Data, that is
// Data[i*Dim:(i+1)*Dim], is the vector of Words[i].
//
// The first query builds a word index and the row norms. After that the
// fields must not change and a Vectors must not be copied. Queries are safe
// for concurrent use by several goroutines.
type Vectors struct {
	Words []string
	Dim   int
	Data  []float32 // len(Words)×Dim

	once  sync.Once
	index map[string]int // word → its first row
	norms []float64      // Euclidean norm of each row
}

// Neighbor is a word and its similarity to a query.
type Neighbor struct {
	Word       string
	Similarity float64
}

// UnknownWordError is returned by queries for a word that has no row.
type UnknownWordError struct {
	Word string
}

func (e *UnknownWordError) Error() string {
	return fmt.Sprintf("wordvec: %q is not in the vocabulary; check its spelling, or pick a word the corpus uses often: "+
		"only the most frequent words (num_words) get vectors", e.Word)
}

// New returns vectors for words with rows taken from data (len(words)×dim).
// It does not copy words or data. The word index and the row norms are built
// lazily, by the first query.
func New(words []string, dim int, data []float32) *Vectors {
	return &Vectors{Words: words, Dim: dim, Data: data}
}

// Len returns the number of words.
func (v *Vectors) Len() int {
	return len(v.Words)
}

// Index returns the row of word, the first one if word occurs several times.
// It returns false when word has no row or the shape of v is invalid.
func (v *Vectors) Index(word string) (int, bool) {
	if v.checkShape() != nil {
		return 0, false
	}
	v.prepare()
	i, ok := v.index[word]
	return i, ok
}

// Vector returns the row of word. The slice shares memory with v.Data, so
// the caller must not modify it.
func (v *Vectors) Vector(word string) ([]float32, bool) {
	i, ok := v.Index(word)
	if !ok {
		return nil, false
	}
	return v.row(i), true
}

// Nearest returns the k words most similar to word by cosine similarity,
// most similar first, without word itself. It scans every row, so the result
// is exact. Equal similarities keep row order. When fewer than k other
// words exist, it returns all of them.
//
// A row with a zero or non-finite norm has similarity 0 to every word, so
// the result never contains NaN. Nearest returns an *UnknownWordError when
// word has no row, and an error when k < 1 or the shape of v is invalid.
func (v *Vectors) Nearest(word string, k int) ([]Neighbor, error) {
	if k < 1 {
		return nil, fmt.Errorf("wordvec: k is %d; request at least 1 neighbor", k)
	}
	if err := v.checkShape(); err != nil {
		return nil, err
	}
	v.prepare()
	q, ok := v.index[word]
	if !ok {
		return nil, &UnknownWordError{Word: word}
	}

	top := newTopK(min(k, len(v.Words)-1))
	query, queryNorm := v.row(q), v.norms[q]
	for i := range v.Words {
		if i == q {
			continue
		}
		sim := cosine(query, v.row(i), queryNorm, v.norms[i])
		if top.accepts(sim) && v.Words[i] != word {
			top.push(sim, i)
		}
	}

	ranked := top.sorted()
	out := make([]Neighbor, len(ranked))
	for j, c := range ranked {
		out[j] = Neighbor{Word: v.Words[c.row], Similarity: c.sim}
	}
	return out, nil
}

func (v *Vectors) checkShape() error {
	if v.Dim < 1 {
		return fmt.Errorf("wordvec: vector dimension is %d; it must be at least 1", v.Dim)
	}
	if want := len(v.Words) * v.Dim; len(v.Data) != want {
		return fmt.Errorf("wordvec: %d values for %d words of dimension %d, want %d; "+
			"the vectors do not match the vocabulary", len(v.Data), len(v.Words), v.Dim, want)
	}
	return nil
}

// prepare builds the index and the norms once. The caller has checked the shape.
func (v *Vectors) prepare() {
	v.once.Do(func() {
		v.index = make(map[string]int, len(v.Words))
		for i, w := range v.Words {
			if _, dup := v.index[w]; !dup {
				v.index[w] = i
			}
		}
		v.norms = make([]float64, len(v.Words))
		for i := range v.norms {
			r := v.row(i)
			v.norms[i] = math.Sqrt(dot(r, r))
		}
	})
}

func (v *Vectors) row(i int) []float32 {
	return v.Data[i*v.Dim : (i+1)*v.Dim : (i+1)*v.Dim]
}

// cosine returns the cosine similarity of a and b given their norms, 0 when
// either norm is zero or not finite, clamped to [-1, 1] against rounding.
func cosine(a, b []float32, normA, normB float64) float64 {
	if !usableNorm(normA) || !usableNorm(normB) {
		return 0
	}
	s := dot(a, b) / (normA * normB)
	switch {
	case math.IsNaN(s):
		return 0
	case s > 1:
		return 1
	case s < -1:
		return -1
	}
	return s
}

func usableNorm(n float64) bool {
	return n > 0 && !math.IsInf(n, 1) && !math.IsNaN(n)
}

// dot accumulates in float64, which keeps the rounding error well below
// float32 resolution, with four partial sums, which shortens the chain of
// dependent additions.
func dot(a, b []float32) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += float64(a[i]) * float64(b[i])
		s1 += float64(a[i+1]) * float64(b[i+1])
		s2 += float64(a[i+2]) * float64(b[i+2])
		s3 += float64(a[i+3]) * float64(b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += float64(a[i]) * float64(b[i])
	}
	return (s0 + s1) + (s2 + s3)
}
