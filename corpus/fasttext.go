package corpus

import (
	"strings"

	"embedlab/internal/usermsg"
)

// fastTextPrefix marks a label in fastText's supervised format.
const fastTextPrefix = "__label__"

// looksFastText reports whether half or more of the first lines start
// with a __label__ prefix.
func looksFastText(lines []string) bool {
	n := 0
	for _, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), fastTextPrefix) {
			n++
		}
	}
	return len(lines) > 0 && n*2 >= len(lines)
}

// parseFastText splits a fastText line into its leading labels and the
// text after them.
func parseFastText(line string) (labels []string, text string) {
	rest := strings.TrimSpace(line)
	for strings.HasPrefix(rest, fastTextPrefix) {
		end := strings.IndexAny(rest, " \t")
		if end < 0 {
			end = len(rest)
		}
		labels = append(labels, rest[len(fastTextPrefix):end])
		rest = strings.TrimSpace(rest[end:])
	}
	return labels, rest
}

// readFastText reads fastText's supervised format: labels written as
// __label__X before the text, one document per line. A line with several
// labels gives a document whose Labels holds all of them and whose Label
// is the first; Info.MultiLabel is then set and a warning counts those
// lines. Blank lines, lines without a label and lines without text are
// skipped.
func (s *scanner) readFastText(t *textFile) error {
	multi := 0
	err := s.readAllLines(t, func(line string, n int) error {
		if strings.TrimSpace(line) == "" {
			s.skip(t.base, n, blankLine())
			return nil
		}
		labels, text := parseFastText(line)
		for _, l := range labels {
			if l == "" {
				s.skip(t.base, n, usermsg.Sprintf("a __label__ prefix has no label after it; write it as __label__NAME"))
				return nil
			}
		}
		switch {
		case len(labels) == 0:
			s.skip(t.base, n, usermsg.Sprintf("line has no __label__ prefix; start it with __label__NAME"))
			return nil
		case text == "":
			s.skip(t.base, n, usermsg.Sprintf("text is empty"))
			return nil
		}
		d := Document{Text: text, Label: labels[0], Source: t.base, Line: n}
		if len(labels) > 1 {
			d.Labels = labels
			multi++
		}
		return s.emit(d, true)
	})
	if err != nil {
		return err
	}
	s.noteMultiLabel(multi, t.base)
	return nil
}
