package corpus

import "strings"

// looksProse reports whether text reads as prose with hard-wrapped lines,
// such as a Project Gutenberg book, rather than one document per line.
// Paragraphs are runs of non-blank lines between blank lines. Prose has at
// least two paragraphs, half or more of its non-blank lines are in
// paragraphs of two or more lines, and a paragraph has 20 lines or fewer
// on average. The last rule keeps a file of one document per line with a
// stray blank line from being read as two long paragraphs.
func looksProse(text string) bool {
	paragraphs, lines, inLong, run := 0, 0, 0, 0
	end := func() {
		if run > 0 {
			paragraphs++
			if run >= 2 {
				inLong += run
			}
		}
		run = 0
	}
	for line := range strings.Lines(text) {
		if strings.TrimSpace(line) == "" {
			end()
			continue
		}
		lines++
		run++
	}
	end()
	return paragraphs >= 2 && inLong*2 >= lines && lines <= 20*paragraphs
}

// readProse reads paragraphs separated by blank lines, one document each,
// with the lines of a paragraph joined by single spaces after trimming
// them. Document.Line is the first line of the paragraph. Blank lines
// separate documents and are not listed as skipped.
func (s *scanner) readProse(t *textFile) error {
	var para []string
	start := 0
	flush := func() error {
		if len(para) == 0 {
			return nil
		}
		d := Document{Text: strings.Join(para, " "), Source: t.base, Line: start}
		para = para[:0]
		return s.emit(d, false)
	}
	err := s.readAllLines(t, func(line string, n int) error {
		line = strings.TrimSpace(line)
		if line == "" {
			return flush()
		}
		if len(para) == 0 {
			start = n
		}
		para = append(para, line)
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}
