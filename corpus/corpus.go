// Package corpus reads labelled text corpora, tokenises them the way Keras'
// Tokenizer does, pads sequences and reports statistics.
package corpus

import "errors"

// Document is one text with its class label.
type Document struct {
	Text   string
	Label  string // class name; empty when the corpus has no labels
	Source string // base name of the file the text came from; empty for generated text
	Line   int    // 1-based line (or CSV record) in Source; 0 for generated text
}

// Skip records one input row that was not read, and why.
type Skip struct {
	Source string
	Line   int
	Reason string
}

// Corpus is a set of documents with their classes.
type Corpus struct {
	Name    string     // short description for the UI, such as "rt-polarity.pos + rt-polarity.neg"
	Docs    []Document // in file order
	Classes []string   // distinct labels, sorted; the class at index 1 is the positive class of a binary model
	Skipped []Skip     // rows that were not read
}

// Texts returns the text of every document, in order.
func (c *Corpus) Texts() []string {
	out := make([]string, len(c.Docs))
	for i, d := range c.Docs {
		out[i] = d.Text
	}
	return out
}

// LabelIndices returns, for each document, the index of its label in Classes.
func (c *Corpus) LabelIndices() []int {
	pos := make(map[string]int, len(c.Classes))
	for i, name := range c.Classes {
		pos[name] = i
	}
	out := make([]int, len(c.Docs))
	for i, d := range c.Docs {
		out[i] = pos[d.Label]
	}
	return out
}

// Load reads the corpus at paths. Several plain-text files give one class
// per file, named by the part of the file names that differs
// (rt-polarity.pos + rt-polarity.neg give pos and neg); one CSV or TSV file
// with a header gives its text and label columns.
func Load(paths ...string) (*Corpus, error) {
	return nil, errors.New("corpus: Load is not implemented yet")
}

// Demo returns the built-in labelled sentiment corpus in language lang
// ("en" or "zh"), generated from templates with a generator seeded by seed.
func Demo(lang string, seed uint64) *Corpus {
	return &Corpus{Name: "demo"}
}
