package corpus

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"embedlab/internal/usermsg"
)

// textColumns and labelColumns are the header names, compared without case
// and surrounding spaces, that mark the text and label columns of a CSV or
// TSV file and the fields of JSON Lines. When several columns match, the
// name listed first wins.
var (
	textColumns  = []string{"text", "review", "sentence", "content", "comment", "文本", "评论", "内容", "句子"}
	labelColumns = []string{"label", "sentiment", "class", "polarity", "target", "category", "标签", "类别", "情感"}
)

// delimiters are the field separators that CSV files are sniffed for, in
// order of preference on ties.
var delimiters = []rune{',', '\t', ';'}

// sampleRows is how many rows of the sample decide the header and the
// columns.
const sampleRows = 1000

// sniffTableFormat returns FormatTSV or FormatCSV when a file without a
// CSV or TSV extension holds delimited columns, or "". Tabs mark columns
// when 90% or more of the first lines have the same number of tabs, one or
// more, and none of them starts with a tab (an indented text does). A
// comma or semicolon marks columns only when the first line is a header
// naming a known text or label column, because plain sentences have
// commas too.
func sniffTableFormat(sample string, lines []string) string {
	if len(lines) >= 2 {
		counts := make(map[int]int)
		for _, l := range lines {
			if !strings.HasPrefix(l, "\t") {
				counts[strings.Count(l, "\t")]++
			}
		}
		for n, c := range counts {
			if n > 0 && c*10 >= len(lines)*9 {
				return FormatTSV
			}
		}
	}
	if len(lines) == 0 {
		return ""
	}
	for _, d := range []rune{',', ';'} {
		header := strings.Split(lines[0], string(d))
		if len(header) > 1 && (findColumn(header, textColumns) >= 0 || findColumn(header, labelColumns) >= 0) {
			return FormatCSV
		}
	}
	return ""
}

// tableLayout describes the columns of a delimited file and how to split it.
type tableLayout struct {
	delim  rune
	plain  bool     // split lines at delim without quoting
	header bool     // the first row names the columns
	hline  int      // the line the header row starts on
	names  []string // header cells, or "1", "2", … without a header
	text   int      // column index of the text
	label  int      // column index of the label, or -1
}

// readTable reads a delimited file. The delimiter is a tab for .tsv files
// and Options.Format "tsv", and otherwise sniffed (chooseDelimiter).
// Quoting follows RFC 4180 (encoding/csv), so a quoted field may contain
// delimiters and newlines, except in tab-separated files that do not
// quote, which are split at tabs (see plainTabs). Rows that are malformed,
// too short, or have an empty text or label are skipped and listed in
// Skipped with the line they start on.
func (s *scanner) readTable(t *textFile, tsv bool) error {
	ext := strings.ToLower(filepath.Ext(t.base))
	delim := '\t'
	if !tsv && ext != ".tsv" && ext != ".tab" {
		delim = chooseDelimiter(t.sample, t.complete, ext)
	}
	lay := &tableLayout{delim: delim, plain: delim == '\t' && plainTabs(t.sample, t.complete)}

	rows, lines := sampleTableRows(t.sample, lay)
	if len(rows) == 0 {
		return errorf(t.path, 0, "has no rows; put a header row such as text,label and one row per document")
	}
	if err := s.findColumns(t, lay, rows, lines[0]); err != nil {
		return err
	}
	s.info.Format = FormatCSV
	if delim == '\t' {
		s.info.Format = FormatTSV
	}
	s.info.Delimiter = string(delim)
	s.info.HasHeader = lay.header
	s.info.Columns = lay.names
	s.info.TextColumn = lay.names[lay.text]
	if lay.label >= 0 {
		s.info.LabelColumn = lay.names[lay.label]
	}

	rr := newRowReader(t.r, lay)
	for {
		rec, line, err := rr.next()
		if err == io.EOF {
			return nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			if pe.Line > pe.StartLine {
				// An unclosed quote runs on to a later line or to the end
				// of the file; every line up to there is lost with the row.
				s.skip(t.base, pe.StartLine, usermsg.Sprintf("malformed row: %v; lines %d to %d were read as one field and are skipped with it; "+
					"close the quote or remove it", csvReason(pe.Err), pe.StartLine, pe.Line))
				s.warn(usermsg.Sprintf("%s: a quote opened on line %d is not closed properly, so lines %d to %d (%d lines) were skipped",
					t.base, pe.StartLine, pe.StartLine, pe.Line, pe.Line-pe.StartLine+1))
			} else {
				s.skip(t.base, pe.StartLine, usermsg.Sprintf("malformed row: %v", csvReason(pe.Err)))
			}
			if rr.stuck() {
				return nil
			}
			continue
		}
		if err != nil {
			return s.cancelled(fileError(t.path, err))
		}
		if lay.header && line == lay.hline {
			continue
		}
		if err := s.tableRow(t, lay, line, rec); err != nil {
			return err
		}
	}
}

// tableRow emits the document of one record, or skips it.
func (s *scanner) tableRow(t *textFile, lay *tableLayout, line int, rec []string) error {
	need := lay.text + 1
	if lay.label >= 0 {
		need = max(need, lay.label+1)
	}
	if len(rec) < need || len(rec) > len(lay.names) {
		if spanned := newlines(rec); spanned > 0 {
			// A quote that is never closed runs on over later lines, which
			// are lost with this row; the message gives how many.
			s.skip(t.base, line, usermsg.Sprintf("row has %d fields and runs over lines %d to %d, probably from a quote that is not closed; "+
				"close the quote or remove it", len(rec), line, line+spanned))
			s.warn(usermsg.Sprintf("%s: a quote opened on line %d is not closed properly, so lines %d to %d (%d lines) were skipped",
				t.base, line, line, line+spanned, spanned+1))
			return nil
		}
	}
	if len(rec) < need {
		s.skip(t.base, line, usermsg.Sprintf("row has %d fields, but the text and label columns need %d", len(rec), need))
		return nil
	}
	if len(rec) > len(lay.names) {
		// A text with an unquoted delimiter would otherwise shift its
		// label into a new, made-up class.
		s.skip(t.base, line, usermsg.Sprintf("row has %d fields, but the file has %d columns; quote a text that contains %q",
			len(rec), len(lay.names), string(lay.delim)))
		return nil
	}

	if spanned := newlines(rec); spanned > 0 && !lay.plain && swallowsRows(rec[lay.text], lay.delim) {
		// A stray quote can pair with one on a later line and make several
		// rows one text with the right number of fields. The row is kept,
		// because a quoted text may hold line breaks, but a warning reports it.
		s.warn(usermsg.Sprintf("%s: the quoted text on line %d runs over lines %d to %d, which look like rows of their own; "+
			"if a quote is not closed there, close it", t.base, line, line, line+spanned))
	}
	text, label := rec[lay.text], ""
	if lay.label >= 0 {
		label = strings.TrimSpace(rec[lay.label])
	}
	var textRepaired, labelRepaired bool
	if t.utf8() {
		text, textRepaired = repairUTF8(text)
		label, labelRepaired = repairUTF8(label)
	}
	switch {
	case strings.TrimSpace(text) == "":
		s.skip(t.base, line, usermsg.Sprintf("text is empty"))
		return nil
	case lay.label >= 0 && label == "":
		s.skip(t.base, line, usermsg.Sprintf("label is empty"))
		return nil
	}
	if textRepaired || labelRepaired {
		s.repair(t.base, line)
	}
	return s.emit(Document{Text: text, Label: label, Source: t.base, Line: line}, true)
}

// swallowsRows reports whether a text spanning several lines has a later
// line that contains the delimiter, as a row swallowed by a stray quote does.
func swallowsRows(text string, delim rune) bool {
	lines := strings.Split(text, "\n")
	for _, l := range lines[1:] {
		if strings.ContainsRune(l, delim) {
			return true
		}
	}
	return false
}

// newlines returns the number of line breaks inside the fields of rec. A
// field left open at the end of the file also holds the file's final line
// break, which starts no further line and is not counted.
func newlines(rec []string) int {
	n := 0
	for _, f := range rec {
		n += strings.Count(strings.TrimSuffix(f, "\n"), "\n")
	}
	return n
}

// chooseDelimiter returns the delimiter among ',', tab and ';' that splits
// the first rows of sample into the same number of fields, two or more,
// most often. Ties go to ',' for .csv files and otherwise to the order of
// delimiters; a sample that no delimiter splits gives ','.
func chooseDelimiter(sample string, complete bool, ext string) rune {
	best, bestScore := ',', -1.0
	for _, d := range delimiters {
		lay := &tableLayout{delim: d, plain: d == '\t' && plainTabs(sample, complete)}
		rows, _ := sampleTableRows(sample, lay)
		if len(rows) == 0 {
			continue
		}
		counts := make(map[int]int)
		for _, r := range rows {
			counts[len(r)]++
		}
		mode, modeCount := 0, 0
		for n, c := range counts {
			if c > modeCount || c == modeCount && n > mode {
				mode, modeCount = n, c
			}
		}
		if mode < 2 {
			continue
		}
		score := float64(modeCount) / float64(len(rows))
		if score > bestScore || score == bestScore && ext == ".csv" && d == ',' {
			best, bestScore = d, score
		}
	}
	return best
}

// plainTabs reports whether a tab-separated sample is split at tabs
// without RFC 4180 quoting. Files such as the UCI sentiment sentences
// hold quote marks that are text, sometimes unbalanced, and a quoting
// reader would swallow lines. Quoting is used only when the sample parses
// without error under it and some quoted field needs it, because it
// contains a tab, a newline or a doubled quote.
//
// NOTE: split at tabs, a text that itself contains a tab loses the part
// after it to the next column.
func plainTabs(sample string, complete bool) bool {
	r := csv.NewReader(strings.NewReader(sample))
	r.Comma = '\t'
	r.FieldsPerRecord = -1
	needed := false
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			// A record cut at the end of an incomplete sample may fail.
			if !complete && r.InputOffset() >= int64(len(sample)) {
				break
			}
			return true
		}
		for _, f := range rec {
			if strings.ContainsAny(f, "\t\n\"") {
				needed = true
			}
		}
	}
	return !needed
}

// sampleTableRows parses up to sampleRows rows of sample, and the line
// each starts on. Malformed rows are left out.
func sampleTableRows(sample string, lay *tableLayout) (rows [][]string, lines []int) {
	rr := newRowReader(strings.NewReader(sample), lay)
	for len(rows) < sampleRows {
		rec, line, err := rr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if rr.stuck() {
				break
			}
			continue
		}
		rows = append(rows, rec)
		lines = append(lines, line)
	}
	return rows, lines
}

// rowReader returns the records of a delimited file with the line each
// starts on. Blank lines are passed over, as encoding/csv does.
type rowReader struct {
	csv    *csv.Reader
	lines  *lineSplitter
	delim  string
	offset int64
}

func newRowReader(r io.Reader, lay *tableLayout) *rowReader {
	if lay.plain {
		return &rowReader{lines: &lineSplitter{r: newLineReader(r)}, delim: string(lay.delim)}
	}
	c := csv.NewReader(r)
	c.Comma = lay.delim
	c.FieldsPerRecord = -1
	// A quote inside an unquoted field (a "bare" quote) is text, as
	// Python's csv module and pandas read it.
	c.LazyQuotes = true
	return &rowReader{csv: c}
}

func (rr *rowReader) next() ([]string, int, error) {
	if rr.lines != nil {
		for {
			line, n, err := rr.lines.next()
			if err != nil {
				return nil, 0, err
			}
			if strings.TrimSpace(line) != "" {
				return strings.Split(line, rr.delim), n, nil
			}
		}
	}
	rr.offset = rr.csv.InputOffset()
	rec, err := rr.csv.Read()
	if err != nil {
		return nil, 0, err
	}
	line, _ := rr.csv.FieldPos(0)
	return rec, line, nil
}

// stuck reports whether the last malformed record left the csv reader
// where it was, so that it cannot go on.
func (rr *rowReader) stuck() bool {
	return rr.csv == nil || rr.csv.InputOffset() == rr.offset
}

// findColumns fills in the header, names, text and label of lay from the
// sample rows, by Options.TextColumn and Options.LabelColumn, by header
// name, and failing those by content (textByContent, labelByContent).
func (s *scanner) findColumns(t *textFile, lay *tableLayout, rows [][]string, firstLine int) error {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	lay.header = isHeader(rows[0], rows[1:], s.opts)
	data := rows
	if lay.header {
		data = rows[1:]
		lay.hline = firstLine
		lay.names = make([]string, len(rows[0]))
		for i, h := range rows[0] {
			lay.names[i], _ = repairUTF8(strings.TrimSpace(h))
			if lay.names[i] == "" {
				// A column without a name is known by its number.
				lay.names[i] = fmt.Sprint(i + 1)
			}
		}
	} else {
		lay.names = make([]string, width)
		for i := range lay.names {
			lay.names[i] = fmt.Sprint(i + 1)
		}
	}
	cols := columnStats(data, len(lay.names))

	var err error
	lay.text, err = chooseColumn(t.path, lay.names, s.opts.TextColumn, false)
	if err != nil {
		return err
	}
	lay.label, err = chooseColumn(t.path, lay.names, s.opts.LabelColumn, true)
	if err != nil {
		return err
	}
	if lay.text < 0 && s.opts.TextColumn == "" && lay.header {
		lay.text = findColumn(lay.names, textColumns)
	}
	if lay.label < 0 && s.opts.LabelColumn == "" && lay.header {
		lay.label = findColumn(lay.names, labelColumns)
	}
	if lay.text < 0 {
		lay.text = textByContent(cols, lay.label)
	}
	if lay.text < 0 {
		line := 0
		if lay.header {
			line = firstLine
		}
		return withColumns(errorf(t.path, line, "has no text column among the columns %s; name the text column %s, "+
			"or choose the text column yourself", quoteList(lay.names), orList(textColumns)), lay.names)
	}
	if lay.label < 0 && s.opts.LabelColumn == "" {
		lay.label = labelByContent(cols, lay.text)
	}
	return nil
}

// chooseColumn returns the column that the user chose by name or by
// 1-based number, -1 when choice is empty, or an error naming the columns.
// label tells whether the label column or the text column is chosen.
func chooseColumn(path string, names []string, choice string, label bool) (int, error) {
	if choice == "" {
		return -1, nil
	}
	if i := findColumn(names, []string{choice}); i >= 0 {
		return i, nil
	}
	var n int
	if _, err := fmt.Sscanf(choice, "%d", &n); err == nil && fmt.Sprint(n) == strings.TrimSpace(choice) {
		if n >= 1 && n <= len(names) {
			return n - 1, nil
		}
	}
	if label {
		return -1, withColumns(errorf(path, 0, "has no label column %q; the columns are %s; give one of their names or "+
			"a number from 1 to %d", choice, quoteList(names), len(names)), names)
	}
	return -1, withColumns(errorf(path, 0, "has no text column %q; the columns are %s; give one of their names or "+
		"a number from 1 to %d", choice, quoteList(names), len(names)), names)
}

// isHeader reports whether first names the columns rather than holding
// data. It does when a cell is a known column name or a column chosen in
// opts. Otherwise every cell must be a short non-numeric word or phrase.
// Some column must also show that the first row differs from the rows
// after it, because the column is mostly numbers, or because it has few
// distinct values that repeat and the first row's cell is not among them.
func isHeader(first []string, rest [][]string, opts Options) bool {
	if findColumn(first, textColumns) >= 0 || findColumn(first, labelColumns) >= 0 {
		return true
	}
	for _, c := range []string{opts.TextColumn, opts.LabelColumn} {
		if c != "" && !isNumber(c) && findColumn(first, []string{c}) >= 0 {
			return true
		}
	}
	for _, cell := range first {
		cell = strings.TrimSpace(cell)
		if cell == "" || isNumber(cell) || len([]rune(cell)) > 30 || len(strings.Fields(cell)) > 3 {
			return false
		}
	}
	if len(rest) == 0 {
		return false
	}
	cols := columnStats(rest, len(first))
	for j, c := range cols {
		if c.filled == 0 {
			continue
		}
		if c.numbers*10 >= c.filled*8 {
			return true
		}
		if c.fewValues() && len(c.distinct)*2 <= c.filled && !c.distinct[strings.TrimSpace(first[j])] {
			return true
		}
	}
	return false
}

// column describes the values of one column in the sample rows.
type column struct {
	filled   int             // non-empty cells
	numbers  int             // cells that are numbers
	runes    int             // total length of the cells in runes
	distinct map[string]bool // distinct values, up to maxDistinct+1 of them
}

// maxDistinct is the largest number of distinct values a label column
// may have.
const maxDistinct = 20

func (c *column) meanLength() float64 {
	if c.filled == 0 {
		return 0
	}
	return float64(c.runes) / float64(c.filled)
}

// fewValues reports whether the column looks like labels: at most
// maxDistinct distinct short values, of which some repeat unless there
// are only two.
func (c *column) fewValues() bool {
	n := len(c.distinct)
	return c.filled > 0 && n <= maxDistinct && (n < c.filled || n <= 2) && c.meanLength() <= 20
}

func columnStats(rows [][]string, width int) []*column {
	cols := make([]*column, width)
	for j := range cols {
		cols[j] = &column{distinct: make(map[string]bool)}
	}
	for _, r := range rows {
		for j, cell := range r {
			if j >= width {
				break
			}
			cell = strings.TrimSpace(cell)
			if cell == "" {
				continue
			}
			c := cols[j]
			c.filled++
			c.runes += len([]rune(cell))
			if isNumber(cell) {
				c.numbers++
			}
			if len(c.distinct) <= maxDistinct {
				c.distinct[cell] = true
			}
		}
	}
	return cols
}

// textByContent returns the column other than label with the longest
// mean text among those that are mostly not numbers, or -1.
func textByContent(cols []*column, label int) int {
	best := -1
	for j, c := range cols {
		if j == label || c.filled == 0 || c.numbers*2 >= c.filled {
			continue
		}
		if best < 0 || c.meanLength() > cols[best].meanLength() {
			best = j
		}
	}
	return best
}

// labelByContent returns the column other than text that looks most like
// labels, or -1: among the columns with few values, the one filled in
// the most rows, then the one with the fewest distinct values, then the
// rightmost. It must be filled in at least half of the rows of the
// fullest column.
func labelByContent(cols []*column, text int) int {
	fullest := 0
	for _, c := range cols {
		fullest = max(fullest, c.filled)
	}
	best := -1
	for j, c := range cols {
		if j == text || !c.fewValues() || c.filled*2 < fullest {
			continue
		}
		if best < 0 || c.filled > cols[best].filled ||
			c.filled == cols[best].filled && len(c.distinct) <= len(cols[best].distinct) {
			best = j
		}
	}
	return best
}

// isNumber reports whether s is an integer or a decimal number, such as a
// 0/1 label, a rating or an id.
func isNumber(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimLeft(s, "+-")
	if s == "" {
		return false
	}
	dot := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return s != "."
}

// findColumn returns the index of the header column that matches the
// earliest of names, or -1.
func findColumn(header []string, names []string) int {
	for _, name := range names {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name)) {
				return i
			}
		}
	}
	return -1
}

// csvReason returns a reason of encoding/csv with a format for
// usermsg.Catalog when it is one of the package's errors, whose texts are
// fixed, and err itself otherwise.
func csvReason(err error) any {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return usermsg.Sprintf(`bare " in non-quoted-field`)
	case errors.Is(err, csv.ErrQuote):
		return usermsg.Sprintf(`extraneous or missing " in quoted-field`)
	}
	return err
}

// quoteList formats names as "a", "b", "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
