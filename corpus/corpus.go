// Package corpus reads labelled text corpora, tokenises them the way Keras'
// Tokenizer does, pads sequences and reports statistics.
package corpus

import "embedlab/internal/usermsg"

// Document is one text with its class label.
type Document struct {
	Text   string
	Label  string // class name; empty when the corpus has no labels
	Source string // base name of the file the text came from; empty for generated text
	Line   int    // 1-based line in Source where the text (or CSV record) starts; 0 for generated text

	// Labels holds every label of a multi-label document (fastText lines
	// with several __label__ prefixes); Label is then the first of them.
	Labels []string
	// Split is "validation" for documents that a layout sets aside for
	// validation, such as the test folder of the aclImdb layout, and
	// empty otherwise.
	Split string
}

// Skip records one input row that was not read, or was read with changes,
// and why.
type Skip struct {
	Source string
	Line   int
	Reason string

	reason usermsg.Message // Reason with its format; see Message
}

// Corpus is a set of documents with their classes.
type Corpus struct {
	Name    string     // short description for the UI, such as "rt-polarity.pos + rt-polarity.neg"
	Docs    []Document // in file order
	Classes []string   // distinct labels, sorted; the class at index 1 is the positive class of a binary model
	Skipped []Skip     // rows that were not read
	// Repaired lists rows that were read after replacing invalid UTF-8
	// bytes with U+FFFD.
	Repaired []Skip

	Info // what the reader detected: format, encoding, columns, label mapping
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
