package corpus

import "slices"

// ClassCount is the number of documents of one class.
type ClassCount struct {
	Class string
	Count int
}

// Stats summarises a corpus as tokenised by a tokenizer.
type Stats struct {
	Docs      int
	Classes   []ClassCount // in the order of Corpus.Classes
	VocabSize int          // distinct words found by the tokenizer
	Tokens    int          // total words
	// Length percentiles of documents in tokens: P50, P90, P95, P99, and Max.
	P50, P90, P95, P99, Max int
	Skipped                 int
	Repaired                int // len(Corpus.Repaired)
}

// ComputeStats returns the statistics of c as split by tok (which need not
// be fitted; nil means NewTokenizer(0)). Documents whose label is not in
// c.Classes count in Docs but in no ClassCount.
//
// The percentiles use the nearest-rank method: Pp is the smallest length L
// such that at least p% of the documents have L tokens or fewer. All
// lengths are 0 for a corpus without documents.
func ComputeStats(c *Corpus, tok *Tokenizer) Stats {
	if tok == nil {
		tok = NewTokenizer(0)
	}
	st := Stats{Docs: len(c.Docs), Skipped: len(c.Skipped), Repaired: len(c.Repaired)}

	classIndex := make(map[string]int, len(c.Classes))
	st.Classes = make([]ClassCount, len(c.Classes))
	for i, name := range c.Classes {
		classIndex[name] = i
		st.Classes[i].Class = name
	}

	sp := newSplitter(tok)
	vocab := make(map[string]struct{})
	lengths := make([]int, len(c.Docs))
	var words []string
	for i, d := range c.Docs {
		if k, ok := classIndex[d.Label]; ok {
			st.Classes[k].Count++
		}
		words = sp.appendWords(words[:0], d.Text)
		lengths[i] = len(words)
		st.Tokens += len(words)
		for _, w := range words {
			if _, ok := vocab[w]; !ok {
				vocab[w] = struct{}{}
			}
		}
	}
	st.VocabSize = len(vocab)

	slices.Sort(lengths)
	st.P50 = nearestRank(lengths, 50)
	st.P90 = nearestRank(lengths, 90)
	st.P95 = nearestRank(lengths, 95)
	st.P99 = nearestRank(lengths, 99)
	if len(lengths) > 0 {
		st.Max = lengths[len(lengths)-1]
	}
	return st
}

// nearestRank returns the p-th percentile of the ascending values: the
// value at rank ceil(p/100·n), counting from 1.
func nearestRank(sorted []int, p int) int {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := max((p*n+99)/100, 1)
	return sorted[rank-1]
}
