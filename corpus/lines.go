package corpus

import (
	"path/filepath"
	"slices"
	"strings"
)

// isLines accepts two or more files none of which is a CSV or TSV file.
func isLines(files []*input) bool {
	if len(files) < 2 {
		return false
	}
	for _, f := range files {
		if isTableExt(f.base) {
			return false
		}
	}
	return true
}

// readLines reads one class per file and one document per line. Blank
// lines are skipped and listed in Skipped; a trailing \r is removed, so CRLF
// files read like LF files. A file without any document is an error,
// because its class would be missing.
func readLines(files []*input) (*Corpus, error) {
	bases := make([]string, len(files))
	for i, f := range files {
		bases[i] = f.base
	}
	names, err := classNames(bases)
	if err != nil {
		return nil, err
	}

	c := &Corpus{}
	empty := -1
	for i, f := range files {
		before := len(c.Docs)
		readFileLines(c, f, names[i])
		if len(c.Docs) == before && empty < 0 {
			empty = i
		}
	}
	if empty >= 0 && len(c.Docs) > 0 {
		return nil, errorf(files[empty].path, 0, "contains no text, so class %q has no documents; "+
			"put one document per line", names[empty])
	}
	return c, nil
}

func readFileLines(c *Corpus, f *input, class string) {
	text := string(f.data)
	// A final newline ends the last line; it does not start an empty one.
	text = strings.TrimSuffix(text, "\n")
	if text == "" {
		return
	}
	for n, line := range strings.Split(text, "\n") {
		lineNo := n + 1
		line, repaired := textLine(line)
		if strings.TrimSpace(line) == "" {
			c.Skipped = append(c.Skipped, Skip{Source: f.base, Line: lineNo, Reason: "blank line"})
			continue
		}
		if repaired {
			c.Repaired = append(c.Repaired, Skip{Source: f.base, Line: lineNo, Reason: repairedReason})
		}
		c.Docs = append(c.Docs, Document{Text: line, Label: class, Source: f.base, Line: lineNo})
	}
}

// classNames names the class of each file by the part of its base name
// that differs from the others. It removes the longest common prefix that
// ends with a separator and the longest common suffix that starts with one,
// so rt-polarity.pos + rt-polarity.neg give pos and neg. Cutting at
// separators keeps good.txt + bad.txt from giving "goo" and "ba". When that
// leaves an empty or repeated name, the names are the base names without
// extension, and failing that the base names.
func classNames(bases []string) ([]string, error) {
	p, s := commonPrefixLen(bases), commonSuffixLen(bases)
	names := make([]string, len(bases))
	for i, b := range bases {
		end := max(len(b)-s, p)
		names[i] = b[p:end]
	}
	if distinctNonEmpty(names) {
		return names, nil
	}

	for i, b := range bases {
		names[i] = strings.TrimSuffix(b, filepath.Ext(b))
	}
	if distinctNonEmpty(names) {
		return names, nil
	}
	if distinctNonEmpty(bases) {
		return slices.Clone(bases), nil
	}
	return nil, errorf("", 0, "two of the files given have the same name, %s; class names come from "+
		"file names, so rename one of them or give each file once", repeated(bases))
}

// isSeparator reports whether b ends or starts a part of a file name. Bytes
// of multi-byte UTF-8 sequences are never separators, so cutting at one
// keeps every name valid UTF-8.
func isSeparator(b byte) bool {
	isAlnum := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
	return b < 0x80 && !isAlnum
}

func commonPrefixLen(names []string) int {
	n := len(names[0])
	for _, s := range names[1:] {
		n = min(n, len(s))
		for i := 0; i < n; i++ {
			if s[i] != names[0][i] {
				n = i
				break
			}
		}
	}
	for n > 0 && !isSeparator(names[0][n-1]) {
		n--
	}
	return n
}

func commonSuffixLen(names []string) int {
	first := names[0]
	n := len(first)
	for _, s := range names[1:] {
		n = min(n, len(s))
		for i := 1; i <= n; i++ {
			if s[len(s)-i] != first[len(first)-i] {
				n = i - 1
				break
			}
		}
	}
	for n > 0 && !isSeparator(first[len(first)-n]) {
		n--
	}
	return n
}

func distinctNonEmpty(names []string) bool {
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if n == "" || seen[n] {
			return false
		}
		seen[n] = true
	}
	return true
}

// repeated returns the first name that occurs twice in names.
func repeated(names []string) string {
	seen := make(map[string]bool, len(names))
	for _, n := range names {
		if seen[n] {
			return n
		}
		seen[n] = true
	}
	return ""
}
