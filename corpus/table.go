package corpus

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// textColumns and labelColumns are the header names, compared without case
// and surrounding spaces, that mark the text and label columns of a CSV or
// TSV file. When several columns match, the name listed first wins.
var (
	textColumns  = []string{"text", "review", "sentence", "content", "comment", "文本", "评论", "内容", "句子"}
	labelColumns = []string{"label", "sentiment", "class", "polarity", "target", "category", "标签", "类别", "情感"}
)

// isTableExt reports whether name has the extension of a CSV or TSV file.
func isTableExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".csv" || ext == ".tsv"
}

// isTable accepts one CSV or TSV file, or one file of another extension
// whose first line splits at a delimiter into a header with a known text or
// label column.
func isTable(files []*input) bool {
	if len(files) != 1 {
		return false
	}
	f := files[0]
	if isTableExt(f.base) {
		return true
	}
	delim := sniffDelimiter(firstLine(f.data))
	if delim == 0 {
		return false
	}
	header := strings.Split(firstLine(f.data), string(delim))
	return findColumn(header, textColumns) >= 0 || findColumn(header, labelColumns) >= 0
}

// readTable reads a CSV or TSV file with a header row. The delimiter is ','
// for .csv, a tab for .tsv, and otherwise whichever of ',', tab and ';'
// occurs most in the first line. Quoting follows RFC 4180 (encoding/csv), so
// a quoted field may contain delimiters and newlines. Rows that are
// malformed, too short, or have an empty text or label are skipped and
// listed in Skipped with the line they start on.
func readTable(files []*input) (*Corpus, error) {
	f := files[0]
	r := csv.NewReader(bytes.NewReader(f.data))
	r.Comma = tableDelimiter(f)
	r.FieldsPerRecord = -1

	header, err := r.Read()
	if err == io.EOF {
		return nil, errorf(f.path, 0, "is empty; it needs a header row such as text,label and one row per document")
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, errorf(f.path, pe.Line, "the header row is malformed (%v); fix the quotes in it", pe.Err)
	}
	if err != nil {
		return nil, &Error{File: f.path, Msg: "cannot be read: " + err.Error(), Err: err}
	}
	headerLine, _ := r.FieldPos(0)
	for i, h := range header {
		header[i], _ = repairUTF8(h)
	}
	textCol, labelCol := findColumn(header, textColumns), findColumn(header, labelColumns)
	if textCol < 0 || labelCol < 0 {
		return nil, missingColumns(f.path, headerLine, header, textCol < 0, labelCol < 0)
	}

	c := &Corpus{}
	for {
		offset := r.InputOffset()
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if errors.As(err, &pe) {
			c.Skipped = append(c.Skipped, Skip{Source: f.base, Line: pe.StartLine,
				Reason: fmt.Sprintf("malformed row: %v", pe.Err)})
			if r.InputOffset() == offset {
				break // no progress; the reader cannot go on
			}
			continue
		}
		if err != nil {
			return nil, &Error{File: f.path, Msg: "cannot be read: " + err.Error(), Err: err}
		}
		line, _ := r.FieldPos(0)
		readRow(c, f.base, line, rec, textCol, labelCol)
	}
	return c, nil
}

// readRow adds the document of one record to c, or skips it.
func readRow(c *Corpus, source string, line int, rec []string, textCol, labelCol int) {
	skip := func(reason string) {
		c.Skipped = append(c.Skipped, Skip{Source: source, Line: line, Reason: reason})
	}
	if need := max(textCol, labelCol) + 1; len(rec) < need {
		skip(fmt.Sprintf("row has %d fields, but the text and label columns need %d", len(rec), need))
		return
	}

	text, textRepaired := repairUTF8(rec[textCol])
	label, labelRepaired := repairUTF8(rec[labelCol])
	label = strings.TrimSpace(label)
	switch {
	case strings.TrimSpace(text) == "":
		skip("text is empty")
		return
	case label == "":
		skip("label is empty")
		return
	}
	if textRepaired || labelRepaired {
		c.Repaired = append(c.Repaired, Skip{Source: source, Line: line, Reason: repairedReason})
	}
	c.Docs = append(c.Docs, Document{Text: text, Label: label, Source: source, Line: line})
}

func tableDelimiter(f *input) rune {
	switch strings.ToLower(filepath.Ext(f.base)) {
	case ".csv":
		return ','
	case ".tsv":
		return '\t'
	}
	if d := sniffDelimiter(firstLine(f.data)); d != 0 {
		return d
	}
	return ','
}

func firstLine(data []byte) string {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	return strings.TrimSuffix(string(line), "\r")
}

// sniffDelimiter returns the most frequent of ',', tab and ';' outside
// double quotes in line, preferring them in that order on ties, or 0 when
// none occurs.
func sniffDelimiter(line string) rune {
	candidates := []rune{',', '\t', ';'}
	counts := make([]int, len(candidates))
	quoted := false
	for _, r := range line {
		if r == '"' {
			quoted = !quoted
			continue
		}
		for i, c := range candidates {
			if r == c && !quoted {
				counts[i]++
			}
		}
	}
	best := -1
	for i, n := range counts {
		if n > 0 && (best < 0 || n > counts[best]) {
			best = i
		}
	}
	if best < 0 {
		return 0
	}
	return candidates[best]
}

// findColumn returns the index of the header column that matches the
// earliest of names, or -1.
func findColumn(header []string, names []string) int {
	for _, name := range names {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
	}
	return -1
}

func missingColumns(path string, line int, header []string, noText, noLabel bool) *Error {
	var missing, fix []string
	if noText {
		missing = append(missing, "text column")
		fix = append(fix, "the text column "+orList(textColumns))
	}
	if noLabel {
		missing = append(missing, "label column")
		fix = append(fix, "the label column "+orList(labelColumns))
	}
	found := make([]string, len(header))
	for i, h := range header {
		found[i] = fmt.Sprintf("%q", h)
	}
	return errorf(path, line, "the header row (%s) has no %s; name %s",
		strings.Join(found, ", "), strings.Join(missing, " and no "), strings.Join(fix, " and "))
}

// orList formats names as "a, b or c".
func orList(names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
