package corpus

import (
	"fmt"
	"strconv"
	"strings"
)

// Describe returns two short English lines for a UI: how the tokenizer cuts
// text into tokens, and which tokens the sequences keep. For NewTokenizer(0)
// it returns
//
//	Keras rules: lower-case, remove the default filters, split on " ".
//	Vocabulary: every word; unknown words are dropped.
func (t *Tokenizer) Describe() string {
	return t.describeSplit() + "\n" + t.describeVocabulary()
}

func (t *Tokenizer) describeSplit() string {
	var steps []string
	rules := "Keras rules"
	if t.Mode == ModeUnicode {
		rules = "Unicode rules"
		steps = append(steps, "NFKC")
	}
	if t.Lower {
		steps = append(steps, "lower-case")
	}

	switch {
	case t.CharLevel && t.Mode == ModeUnicode:
		steps = append(steps, "every character except punctuation, symbols and spaces is a token")
	case t.CharLevel:
		steps = append(steps, "every character is a token (filters do not apply)")
	default:
		steps = append(steps, t.describeFilters())
		split := t.Split
		if split == "" {
			split = " "
		}
		if t.Mode == ModeUnicode {
			steps = append(steps, "split on "+strconv.Quote(split)+" and Unicode punctuation, symbols and spaces")
		} else {
			steps = append(steps, "split on "+strconv.Quote(split))
		}
		switch t.Segmenter {
		case SegmentWords:
			steps = append(steps, "cut Chinese and Japanese into dictionary words")
		case SegmentChars:
			steps = append(steps, "cut Chinese and Japanese into characters")
		}
	}
	return rules + ": " + strings.Join(steps, ", ") + "."
}

func (t *Tokenizer) describeFilters() string {
	switch t.Filters {
	case DefaultFilters:
		return "remove the default filters"
	case "":
		return "no filters"
	}
	return "remove the filters " + strconv.Quote(t.Filters)
}

func (t *Tokenizer) describeVocabulary() string {
	unit := "word"
	if t.CharLevel {
		unit = "character"
	}
	keep := "every " + unit
	if t.NumWords > 0 {
		keep = fmt.Sprintf("indices below num_words %d", t.NumWords)
	}
	if t.OOVToken == "" {
		return fmt.Sprintf("Vocabulary: %s; unknown %ss are dropped.", keep, unit)
	}
	return fmt.Sprintf("Vocabulary: %s; other %ss become %s (index 1).", keep, unit, strconv.Quote(t.OOVToken))
}
