package wordvec

import (
	"encoding/csv"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"embedlab/internal/usermsg"
)

// NeighborList is the ranked neighbors of one query word, best first, as
// Nearest returns them.
type NeighborList struct {
	Query     string
	Neighbors []Neighbor
}

// WriteCoordinatesCSV writes a "word,x,y" header and one row per word with
// its 2-D coordinates, quoting words as RFC 4180 requires. Numbers are the
// shortest decimals that read back as the same float64. words, x and y must
// have the same length; it returns an error otherwise.
func WriteCoordinatesCSV(w io.Writer, words []string, x, y []float64) error {
	if len(x) != len(words) || len(y) != len(words) {
		return usermsg.Errorf("wordvec: %d words but %d x and %d y coordinates; give one of each per word", len(words), len(x), len(y))
	}
	cw := csv.NewWriter(w)
	cw.Write([]string{"word", "x", "y"})
	for i, word := range words {
		cw.Write([]string{word, formatFloat(x[i]), formatFloat(y[i])})
	}
	cw.Flush()
	return cw.Error()
}

// WriteNeighborsCSV writes a header and one row per neighbor, rank counting
// from 1 in each list. The last column is the value that metric ranked the
// lists by: "query,rank,word,cosine_similarity" with Neighbor.Similarity
// for Cosine, "query,rank,word,euclidean_distance" with Neighbor.Distance
// for Euclidean. It returns an error for any other metric.
func WriteNeighborsCSV(w io.Writer, lists []NeighborList, metric Metric) error {
	var column string
	switch metric {
	case Cosine:
		column = "cosine_similarity"
	case Euclidean:
		column = "euclidean_distance"
	default:
		return usermsg.Errorf("wordvec: metric %d is not known; use Cosine or Euclidean", int(metric))
	}

	cw := csv.NewWriter(w)
	cw.Write([]string{"query", "rank", "word", column})
	for _, l := range lists {
		for rank, n := range l.Neighbors {
			value := n.Similarity
			if metric == Euclidean {
				value = n.Distance
			}
			cw.Write([]string{l.Query, strconv.Itoa(rank + 1), n.Word, formatFloat(value)})
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatFloat(f float64) string {
	return strconv.FormatFloat(f, 'g', -1, 64)
}

// FormatForPath returns the format that Save uses for path by its
// extension: ".bin" is word2vec binary, ".txt" and ".vec" word2vec text,
// ".tsv" projector. It returns "" for any other extension.
func FormatForPath(path string) string {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".bin":
		return FormatWord2VecBinary
	case ".txt", ".vec":
		return FormatWord2Vec
	case ".tsv":
		return FormatProjector
	}
	return ""
}

// Save writes v to path in format (one of the Format constants; "" picks
// it with FormatForPath), atomically. A projector export writes the words
// to MetadataPath(path) as well, and returns that path; it rejects a path
// whose words file would be path itself.
func (v *Vectors) Save(path, format string) (metadataPath string, err error) {
	if format == "" {
		if format = FormatForPath(path); format == "" {
			return "", usermsg.Errorf("wordvec: cannot tell the format of %s from its extension; "+
				"use .txt or .vec (word2vec text), .bin (word2vec binary) or .tsv (projector), or name the format", path)
		}
	}
	switch format {
	case FormatWord2Vec, FormatWord2VecBinary:
		if err := v.checkWords(format); err != nil {
			return "", err
		}
		return "", WriteFileAtomic(path, func(w io.Writer) error { return v.WriteWord2Vec(w, format == FormatWord2VecBinary) })
	case FormatGloVe:
		if err := v.checkWords(format); err != nil {
			return "", err
		}
		return "", WriteFileAtomic(path, v.WriteGloVe)
	case FormatProjector:
		if err := v.checkWords(format); err != nil {
			return "", err
		}
		meta := MetadataPath(path)
		if filepath.Clean(meta) == filepath.Clean(path) {
			return "", usermsg.Errorf("wordvec: %s would be overwritten by its own words file; name the vectors file vectors.tsv", path)
		}
		// The words go first, so that a vectors file never sits beside
		// words that do not belong to it.
		err := WriteFileAtomic(meta, func(w io.Writer) error { return v.WriteProjector(io.Discard, w) })
		if err == nil {
			err = WriteFileAtomic(path, func(w io.Writer) error { return v.WriteProjector(w, io.Discard) })
		}
		return meta, err
	}
	return "", usermsg.Errorf("wordvec: format %q is unknown; use %s, %s, %s or %s",
		format, FormatWord2Vec, FormatWord2VecBinary, FormatGloVe, FormatProjector)
}
