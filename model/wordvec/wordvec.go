// Package wordvec answers queries over word vectors.
package wordvec

import "errors"

// Vectors is a set of word vectors, row-major.
type Vectors struct {
	Words []string
	Dim   int
	Data  []float32 // len(Words)×Dim
}

// Neighbor is a word and its similarity to a query.
type Neighbor struct {
	Word       string
	Similarity float64
}

// New returns vectors for words with rows taken from data (len(words)×dim).
func New(words []string, dim int, data []float32) *Vectors {
	return &Vectors{Words: words, Dim: dim, Data: data}
}

// Nearest returns the k words most similar to word by cosine similarity,
// most similar first, without word itself.
func (v *Vectors) Nearest(word string, k int) ([]Neighbor, error) {
	return nil, errors.New("wordvec: Nearest is not implemented yet")
}
