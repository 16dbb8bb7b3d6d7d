package corpus

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"

	"embedlab/internal/usermsg"
)

// blankLine is the reason of a skipped blank line.
func blankLine() usermsg.Message { return usermsg.Sprintf("blank line") }

// readClassFiles reads two or more plain-text files, one class per file
// named by classNames, one document per line. A file without any document
// is an error, because its class would be missing. CSV, TSV, JSON Lines
// and fastText files must be loaded alone, and so must a format other
// than lines given in Options.Format.
func (s *scanner) readClassFiles(paths []string) error {
	if s.opts.Format != "" && s.opts.Format != FormatLines {
		return errorf(strings.Join(paths, " + "), 0, "several files are read as one class per file, "+
			"one document per line, not as %s; give a %s file alone", s.opts.Format, s.opts.Format)
	}
	bases := make([]string, len(paths))
	for i, p := range paths {
		bases[i] = filepath.Base(p)
		if isStructuredExt(bases[i]) {
			return errorf(p, 0, "a CSV, TSV or JSON Lines file must be loaded alone; "+
				"give either that one file or several plain-text files, one per class")
		}
	}
	names, err := classNames(bases)
	if err != nil {
		return err
	}
	s.info.Format = FormatLines

	empty := -1
	for i, p := range paths {
		before := s.docs
		if err := s.readClassFile(p, bases[i], names[i]); err != nil {
			return err
		}
		if s.docs == before && empty < 0 {
			empty = i
		}
	}
	if empty >= 0 && s.docs > 0 {
		return errorf(paths[empty], 0, "contains no text, so class %q has no documents; "+
			"put one document per line", names[empty])
	}
	return nil
}

// readClassFile reads one file of several; an empty file is left for
// readClassFiles to report, naming its class.
func (s *scanner) readClassFile(path, base, class string) error {
	t, err := s.openText(path, base)
	if errors.Is(err, errEmptyFile) {
		return nil
	}
	if err != nil {
		return err
	}
	defer t.Close()
	s.noteEncoding(t)
	lines := firstLines(t.sample, 20)
	if looksFastText(lines) {
		return errorf(path, 0, "looks like a fastText file (__label__ prefixes); a fastText file must be "+
			"loaded alone")
	}
	// A file of delimited columns carries its own labels; reading it as one
	// class would turn its label column into words and train on file names.
	if s.opts.Format == "" && sniffTableFormat(t.sample, lines) != "" {
		return errorf(path, 0, "has delimited columns, so it carries its own labels and must be loaded alone; "+
			"give each such file on its own, combine them into one file, or pass --format lines to read "+
			"every file as one class")
	}
	return s.readLines(t, class)
}

// isStructuredExt reports whether name has the extension of a file that
// carries its own labels, which cannot be one class of several files.
func isStructuredExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".tsv", ".tab", ".jsonl", ".ndjson":
		return true
	}
	return false
}

// readLines reads one document per line, with the given class, which is
// empty for a single file without labels. Blank lines are skipped and
// listed in Skipped.
func (s *scanner) readLines(t *textFile, class string) error {
	return s.readAllLines(t, func(line string, n int) error {
		if strings.TrimSpace(line) == "" {
			s.skip(t.base, n, blankLine())
			return nil
		}
		return s.emit(Document{Text: line, Label: class, Source: t.base, Line: n}, false)
	})
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
