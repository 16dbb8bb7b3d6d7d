// Package wordvec looks up word vectors and answers the usual questions
// about them: exact nearest neighbours by cosine or Euclidean distance,
// analogies (3CosAdd, 3CosMul), similarity, the odd one out, and the
// standard analogy and word-pair evaluations.
package wordvec

import (
	"math"
	"sync"

	"embedlab/internal/usermsg"
)

// Vectors is a set of word vectors, row-major: row i of Data, that is
// Data[i*Dim:(i+1)*Dim], is the vector of Words[i].
//
// The first query builds a word index and the row norms. The first single
// cosine search on a CPU with AVX2 also builds a half-precision copy of the
// unit rows, which takes half as much memory again as Data. After that the
// fields must not change and a Vectors must not be copied. Queries are safe
// for concurrent use by several goroutines.
type Vectors struct {
	Words []string
	Dim   int
	Data  []float32 // len(Words)×Dim

	once       sync.Once
	index      map[string]int   // word → its first row
	dups       map[string][]int // word → its later rows, for the few words with several
	norms      []float64        // Euclidean norm of each row
	invNorms32 []float32        // 1/norm, or NaN where float32 scoring is not trusted
	sqNorms32  []float32        // squared norm, for the Euclidean first stage
	maxNorm    float64          // largest finite norm

	halfOnce  sync.Once
	half      []uint16  // unit rows in IEEE 754 half precision, stride paddedDim(Dim)
	halfScale []float32 // 1, or NaN for rows the half copy cannot represent
}

// Neighbor is a word and its similarity to a query.
type Neighbor struct {
	Word string
	// Similarity is the cosine similarity to the query, 0 when either
	// vector is zero or not finite.
	Similarity float64
	// Distance is the ranking distance of a search: 1 − Similarity for
	// Cosine, the Euclidean distance for Euclidean (+Inf for a non-finite
	// row). Analogy with CosMul leaves it 0.
	Distance float64
	// Row is the word's row in Vectors.
	Row int
	// Zero marks a row whose vector is all zeros.
	Zero bool
}

// UnknownWordError is returned by queries for a word that has no row.
type UnknownWordError struct {
	Word string
}

func (e *UnknownWordError) Error() string { return e.message().String() }

// UserFormat returns the format and arguments of e's message, for
// usermsg.Catalog.
func (e *UnknownWordError) UserFormat() (string, []any) { return e.message().UserFormat() }

func (e *UnknownWordError) message() usermsg.Message {
	return usermsg.Sprintf("wordvec: %q is not in the vocabulary; check its spelling, or choose a more frequent word "+
		"(a trained model keeps vectors only for its num_words most frequent words, a vector file for the words it lists)", e.Word)
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
		return nil, usermsg.Errorf("wordvec: k is %d; request at least 1 neighbor", k)
	}
	if err := v.checkShape(); err != nil {
		return nil, err
	}
	return v.NearestWith(word, SearchOptions{K: k})
}

func (v *Vectors) checkShape() error {
	if v.Dim < 1 {
		return usermsg.Errorf("wordvec: vector dimension is %d; it must be at least 1", v.Dim)
	}
	if want := len(v.Words) * v.Dim; len(v.Data) != want {
		return usermsg.Errorf("wordvec: %d values for %d words of dimension %d, want %d; "+
			"the vectors do not match the vocabulary", len(v.Data), len(v.Words), v.Dim, want)
	}
	return nil
}

// prepare builds the index and the norms once. The caller has checked the shape.
func (v *Vectors) prepare() {
	v.once.Do(func() {
		v.index = make(map[string]int, len(v.Words))
		for i, w := range v.Words {
			if _, dup := v.index[w]; dup {
				if v.dups == nil {
					v.dups = make(map[string][]int)
				}
				v.dups[w] = append(v.dups[w], i)
				continue
			}
			v.index[w] = i
		}
		n := len(v.Words)
		v.norms = make([]float64, n)
		v.invNorms32 = make([]float32, n)
		v.sqNorms32 = make([]float32, n)
		for i := range v.norms {
			r := v.row(i)
			sq := dot(r, r)
			norm := math.Sqrt(sq)
			v.norms[i] = norm
			v.sqNorms32[i] = float32(sq)
			// Outside this range float32 products may fall into subnormals
			// or overflow, which breaks the error bound of the float32
			// stage, so such rows are always scored exactly.
			if norm >= 1e-15 && norm <= 1e15 {
				v.invNorms32[i] = float32(1 / norm)
			} else {
				v.invNorms32[i] = float32(math.NaN())
			}
			if usableNorm(norm) {
				v.maxNorm = max(v.maxNorm, norm)
			}
		}
	})
}

// prepareHalf builds the half-precision copy of the unit rows once. It
// costs 2 bytes per value, half of Data again, and only runs on CPUs with
// AVX2. The caller has called prepare.
func (v *Vectors) prepareHalf() {
	v.halfOnce.Do(func() {
		stride := paddedDim(v.Dim)
		n := len(v.Words)
		v.half = make([]uint16, n*stride)
		v.halfScale = make([]float32, n)
		unit := make([]float32, stride)
		for i := range n {
			inv := v.invNorms32[i]
			if inv != inv {
				// Zero, tiny, huge or non-finite rows: NaN sends them to
				// the exact stage.
				v.halfScale[i] = float32(math.NaN())
				continue
			}
			v.halfScale[i] = 1
			for j, x := range v.row(i) {
				unit[j] = float32(float64(x) / v.norms[i])
			}
			toHalf(&unit[0], &v.half[i*stride], stride/8)
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
