package corpus

import (
	"strconv"

	"embedlab/internal/usermsg"
)

// Describe returns two short English lines for a UI: how the tokenizer cuts
// text into tokens, and which tokens the sequences keep. For NewTokenizer(0)
// it returns
//
//	Keras rules: lower-case, remove the default filters, split on " ".
//	Vocabulary: every word; unknown words are dropped.
func (t *Tokenizer) Describe() string { return t.DescribeMessage().String() }

// DescribeMessage returns Describe's text with its formats, so that a
// usermsg.Catalog can word it in another language.
func (t *Tokenizer) DescribeMessage() usermsg.Message {
	return usermsg.Sprintf("%v\n%v", t.describeSplit(), t.describeVocabulary())
}

func (t *Tokenizer) describeSplit() usermsg.Message {
	var steps []usermsg.Formatted
	if t.Mode == ModeUnicode {
		steps = append(steps, plainText("NFKC"))
	}
	if t.Lower {
		steps = append(steps, usermsg.Sprintf("lower-case"))
	}

	switch {
	case t.CharLevel && t.Mode == ModeUnicode:
		steps = append(steps, usermsg.Sprintf("every character except punctuation, symbols and spaces is a token"))
	case t.CharLevel:
		steps = append(steps, usermsg.Sprintf("every character is a token (filters do not apply)"))
	default:
		steps = append(steps, t.describeFilters())
		split := t.Split
		if split == "" {
			split = " "
		}
		if t.Mode == ModeUnicode {
			steps = append(steps, usermsg.Sprintf("split on %s and Unicode punctuation, symbols and spaces", strconv.Quote(split)))
		} else {
			steps = append(steps, usermsg.Sprintf("split on %s", strconv.Quote(split)))
		}
		switch t.Segmenter {
		case SegmentWords:
			steps = append(steps, usermsg.Sprintf("cut Chinese and Japanese into dictionary words"))
		case SegmentChars:
			steps = append(steps, usermsg.Sprintf("cut Chinese and Japanese into characters"))
		}
	}
	if t.Mode == ModeUnicode {
		return usermsg.Sprintf("Unicode rules: %v.", joinMessages(steps))
	}
	return usermsg.Sprintf("Keras rules: %v.", joinMessages(steps))
}

func (t *Tokenizer) describeFilters() usermsg.Message {
	switch t.Filters {
	case DefaultFilters:
		return usermsg.Sprintf("remove the default filters")
	case "":
		return usermsg.Sprintf("no filters")
	}
	return usermsg.Sprintf("remove the filters %s", strconv.Quote(t.Filters))
}

// describeVocabulary words the vocabulary line; each unit (word or
// character) has whole sentences of its own, because other languages do
// not form plurals by adding an s.
func (t *Tokenizer) describeVocabulary() usermsg.Message {
	var keep usermsg.Message
	switch {
	case t.NumWords > 0:
		keep = usermsg.Sprintf("indices below num_words %d", t.NumWords)
	case t.CharLevel:
		keep = usermsg.Sprintf("every character")
	default:
		keep = usermsg.Sprintf("every word")
	}

	oov := strconv.Quote(t.OOVToken)
	switch {
	case t.OOVToken == "" && t.CharLevel:
		return usermsg.Sprintf("Vocabulary: %v; unknown characters are dropped.", keep)
	case t.OOVToken == "":
		return usermsg.Sprintf("Vocabulary: %v; unknown words are dropped.", keep)
	case t.CharLevel:
		return usermsg.Sprintf("Vocabulary: %v; other characters become %s (index 1).", keep, oov)
	default:
		return usermsg.Sprintf("Vocabulary: %v; other words become %s (index 1).", keep, oov)
	}
}
