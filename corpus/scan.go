package corpus

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"embedlab/internal/usermsg"
)

// scanLabelRows is how many documents Scan holds back before it decides
// whether the labels are normalised (see labelStage). LoadWith decides on
// all documents.
const scanLabelRows = 1000

// errEmptyFile is the Err of the *Error for a file without any bytes
// (apart from a byte order mark).
var errEmptyFile = errors.New("empty file")

// progressStep is how many bytes are read between calls of
// Options.Progress.
const progressStep = 1 << 20

// Scan reads the corpus at paths and calls visit for each document in
// order, without keeping the texts in memory, so that corpora larger than
// memory can be inspected and tokenised. It stops at the first error visit
// returns and when ctx is cancelled, and then returns that error or
// ctx.Err() as it is. Every other problem is a *Error. Skipped and
// repaired rows are reported in the returned lists.
//
// Scan holds back the first 1000 documents and decides from their labels
// whether to normalise labels (see LoadWith). When it does, a later
// document whose label is not a spelling of positive or negative is
// skipped and reported.
func Scan(ctx context.Context, opts Options, paths []string, visit func(Document) error) (info Info, skipped, repaired []Skip, err error) {
	s, err := newScanner(ctx, opts, visit, scanLabelRows)
	if err != nil {
		return Info{}, nil, nil, err
	}
	err = s.run(paths)
	return s.info, s.skipped, s.repaired, err
}

// LoadWith reads the corpus at paths into memory with the given options.
// Load(paths...) is LoadWith(context.Background(), Options{}, paths...).
//
// Formats are detected from the file names and contents unless
// opts.Format names one:
//   - a folder: one subfolder of .txt files per class, or the aclImdb
//     layout (see FormatFolder);
//   - several files: one class per file, one document per line;
//   - one file: JSON Lines, fastText, CSV/TSV (also without a header),
//     prose split into paragraphs, or else one document per line without
//     labels.
//
// Labels from columns, JSON fields and fastText prefixes are normalised
// when every label is a common spelling of positive (pos, positive, 1,
// true, yes, 正面, 积极) or negative (neg, negative, 0, false, no, 负面,
// 消极), compared without regard to case. Info.LabelMap then records the
// spellings changed. Otherwise labels stay as written, and so do class
// names taken from file and folder names. When a few rows (one in ten or
// fewer) have spellings that are not recognised among recognised ones, a
// warning names them with their line numbers, since they are likely
// typing mistakes. A corpus may have no labels, one class
// or many; only a corpus without documents is an error.
func LoadWith(ctx context.Context, opts Options, paths ...string) (*Corpus, error) {
	c := &Corpus{}
	collect := func(d Document) error {
		c.Docs = append(c.Docs, d)
		return nil
	}
	s, err := newScanner(ctx, opts, collect, -1)
	if err != nil {
		return nil, err
	}
	if err := s.run(paths); err != nil {
		return nil, err
	}

	s.fill(c, paths)
	return c, nil
}

// fill sets everything of c but Docs from the scan.
func (s *scanner) fill(c *Corpus, paths []string) {
	c.Info, c.Skipped, c.Repaired = s.info, s.skipped, s.repaired
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	c.Name = strings.Join(names, " + ")
	for _, d := range c.Docs {
		if d.Label != "" {
			c.Classes = append(c.Classes, d.Label)
		}
	}
	slices.Sort(c.Classes)
	c.Classes = slices.Compact(c.Classes)
}

// scanner holds the state of one Scan or LoadWith call. Readers report
// documents with emit and rows they drop or repair with skip and repair.
type scanner struct {
	ctx      context.Context
	opts     Options
	info     Info
	skipped  []Skip
	repaired []Skip
	labels   *labelStage
	docs     int // documents emitted by the readers

	total, read, reported int64 // bytes, for Options.Progress
}

func newScanner(ctx context.Context, opts Options, visit func(Document) error, holdBack int) (*scanner, error) {
	if opts.Format != "" && !slices.Contains(formatNames, opts.Format) {
		return nil, errorf("", 0, "format %q is not known; use one of %s", opts.Format, orList(formatNames))
	}
	if opts.Encoding != "" {
		enc := canonicalEncoding(opts.Encoding)
		if enc == "" {
			return nil, errorf("", 0, "encoding %q is not supported; use utf-8, utf-16le, utf-16be, windows-1252 (latin-1) or gb18030", opts.Encoding)
		}
		opts.Encoding = enc
	}
	s := &scanner{ctx: ctx, opts: opts}
	s.labels = &labelStage{holdBack: holdBack, visit: visit, s: s}
	return s, nil
}

var formatNames = []string{FormatLines, FormatProse, FormatCSV, FormatTSV, FormatFastText, FormatFolder, FormatJSONLines}

// emit passes one document on. normalise is true for labels written in the
// data (columns, fields, fastText prefixes), which may be normalised.
func (s *scanner) emit(d Document, normalise bool) error {
	s.docs++
	return s.labels.add(d, normalise)
}

func (s *scanner) skip(source string, line int, reason usermsg.Message) {
	s.skipped = append(s.skipped, Skip{Source: source, Line: line, Reason: reason.String(), reason: reason})
}

func (s *scanner) repair(source string, line int) {
	reason := repairedReason()
	s.repaired = append(s.repaired, Skip{Source: source, Line: line, Reason: reason.String(), reason: reason})
}

// noteMultiLabel marks the corpus multi-label and warns when count lines of
// the file base carried several labels.
func (s *scanner) noteMultiLabel(count int, base string) {
	if count == 0 {
		return
	}
	s.info.MultiLabel = true
	lines := counted(count, usermsg.Sprintf("1 line has"), usermsg.Sprintf("%d lines have", count))
	s.warn(usermsg.Sprintf("%s: %v several labels, so the corpus is multi-label: training learns every label "+
		"of a document, with one sigmoid output per label", base, lines))
}

func (s *scanner) warn(msg usermsg.Message) {
	s.info.Warnings = append(s.info.Warnings, msg.String())
	s.info.warnings = append(s.info.warnings, msg)
}

// run reads paths with the reader for their format.
func (s *scanner) run(paths []string) error {
	if len(paths) == 0 {
		return errorf("", 0, "no files given; give one file, one folder, or one file per class")
	}
	stats := make([]os.FileInfo, len(paths))
	for i, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return fileError(p, err)
		}
		stats[i] = st
		s.total += st.Size()
	}

	var err error
	switch {
	case stats[0].IsDir() || s.opts.Format == FormatFolder:
		if len(paths) > 1 {
			return errorf(strings.Join(paths, " + "), 0, "a folder must be given alone; give either one folder "+
				"or the files themselves")
		}
		if !stats[0].IsDir() {
			return errorf(paths[0], 0, "is not a folder, so it cannot be read in the folder format; "+
				"give a folder with one subfolder of .txt files per class")
		}
		err = s.readFolder(paths[0])
	case len(paths) > 1:
		for i, st := range stats {
			if st.IsDir() {
				return errorf(paths[i], 0, "is a folder; a folder must be given alone, not with other files")
			}
		}
		err = s.readClassFiles(paths)
	default:
		err = s.readFile(paths[0])
	}
	return s.finish(paths, err)
}

// finish passes on the documents held back and checks that there were
// documents. err is the readers' error.
func (s *scanner) finish(paths []string, err error) error {
	if err != nil {
		return s.cancelled(err)
	}
	if err := s.labels.flush(); err != nil {
		return err
	}
	s.progressDone()
	if s.docs == 0 {
		return s.noDocuments(paths)
	}
	return nil
}

// cancelled returns ctx.Err() in place of err when the scan was stopped,
// so that callers can tell cancellation from a problem with the files.
func (s *scanner) cancelled(err error) error {
	if ctxErr := s.ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	return err
}

// noDocuments explains why nothing was read.
func (s *scanner) noDocuments(paths []string) error {
	all := strings.Join(paths, " + ")
	if len(s.skipped) == 0 {
		return errorf(all, 0, "contains no documents; put one document per line, "+
			"or one per row under the header of a CSV/TSV file")
	}
	blank := true
	for _, sk := range s.skipped {
		blank = blank && sk.Reason == blankLine().String()
	}
	if blank {
		return errorf(all, 0, "contains no documents, because every line is blank; put one document per line")
	}
	first := s.skipped[0]
	var where usermsg.Formatted = usermsg.Sprintf("line %d of %s", first.Line, first.Source)
	if first.Line == 0 {
		where = plainText(first.Source) // a file of a folder
	}
	return errorf(all, 0, "contains no documents: all %d rows were skipped, the first, %v, because %v; "+
		"fix them and load the corpus again", len(s.skipped), where, first.Message())
}

// progress adds n bytes read and calls Options.Progress once per
// progressStep bytes.
func (s *scanner) progress(n int) {
	s.read += int64(n)
	if s.opts.Progress != nil && s.read-s.reported >= progressStep {
		s.reported = s.read
		s.opts.Progress(s.read, max(s.total, s.read))
	}
}

// progressDone calls Options.Progress a last time when the scan is over.
func (s *scanner) progressDone() {
	if s.opts.Progress != nil {
		s.opts.Progress(s.read, max(s.total, s.read))
	}
}

// countingReader counts the bytes read from a file for Options.Progress
// and stops reading when the scan's context is cancelled.
type countingReader struct {
	r io.Reader
	s *scanner
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.s.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.s.progress(n)
	return n, err
}

// textFile is one input file opened for reading: decoded, with LF line
// ends, and with its start kept for detection.
type textFile struct {
	path     string // as given
	base     string // Source of its documents
	encoding string
	sample   string // decoded start of the file, whole lines only
	complete bool   // sample is the whole file
	r        *bufio.Reader
	closer   io.Closer // nil for text not read from a file
}

// utf8 reports whether the text is read without decoding, so that lines
// may hold invalid UTF-8 to repair.
func (t *textFile) utf8() bool { return t.encoding == EncodingUTF8 }

func (t *textFile) Close() error {
	if t.closer == nil {
		return nil
	}
	return t.closer.Close()
}

// openText opens path, detects its encoding unless Options.Encoding is
// set, and rejects empty and binary files. source is the Source of its
// documents.
func (s *scanner) openText(path, source string) (*textFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	t, err := s.openReader(f, path, source)
	if err != nil {
		f.Close()
		return nil, err
	}
	t.closer = f
	return t, nil
}

// openReader is openText for text read from r.
func (s *scanner) openReader(r io.Reader, path, source string) (*textFile, error) {
	raw := bufio.NewReaderSize(&countingReader{r: r, s: s}, sampleSize)
	head, err := raw.Peek(sampleSize)
	complete := err == io.EOF
	if err != nil && !complete {
		return nil, s.cancelled(fileError(path, err))
	}

	// NOTE: the encoding is decided from the first 64 KB alone. A UTF-8
	// file whose only non-UTF-8 bytes come later is read as UTF-8, and
	// those bytes are replaced and the rows listed in Repaired.
	enc, bom := s.opts.Encoding, 0
	if enc == "" {
		if bytes0(head) && !hasUTF16BOM(head) {
			return nil, binaryError(path, usermsg.Sprintf("it contains NUL bytes"))
		}
		enc, bom = sniffEncoding(head, complete)
	} else if enc == EncodingUTF8 && len(head) >= 3 && string(head[:3]) == string(utf8BOM) {
		bom = 3
	}
	if enc == EncodingUTF8 {
		// The UTF-16 decoders remove their byte order mark themselves.
		head = head[bom:]
		raw.Discard(bom)
	}

	t := &textFile{path: path, base: source, encoding: enc, complete: complete}
	t.sample = decodeSample(head, enc, complete)
	if t.sample == "" && complete {
		e := errorf(path, 0, "is empty; put one document per line, or a header row and one row per document")
		e.Err = errEmptyFile
		return nil, e
	}
	if reason := binaryReason(t.sample); reason.String() != "" {
		return nil, binaryError(path, reason)
	}
	if enc != EncodingUTF8 {
		if bad, total := countReplacements(t.sample); bad*20 > total {
			return nil, errorf(path, 0, "cannot be decoded as %s: %d of its first %d characters are invalid; "+
				"choose the encoding it was saved in, or save it as UTF-8", enc, bad, total)
		}
	}
	t.r = bufio.NewReaderSize(decodingReader(raw, enc), sampleSize)
	return t, nil
}

func bytes0(b []byte) bool {
	for _, c := range b {
		if c == 0 {
			return true
		}
	}
	return false
}

func hasUTF16BOM(b []byte) bool {
	return len(b) >= 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF)
}

func binaryError(path string, reason usermsg.Message) *Error {
	return errorf(path, 0, "looks like a binary file, not text (%v); give a plain-text, CSV, JSON Lines or "+
		"fastText file, and save UTF-16 text with a byte order mark or as UTF-8", reason)
}

// noteEncoding records the encoding of t in Info and warns about a
// guessed legacy encoding.
func (s *scanner) noteEncoding(t *textFile) {
	if s.info.Encoding == "" {
		s.info.Encoding = t.encoding
	}
	if s.opts.Encoding == "" {
		if w := encodingWarning(t.base, t.encoding); w.String() != "" {
			s.warn(w)
		}
	}
}

// readFile reads a single file in the format given or detected.
func (s *scanner) readFile(path string) error {
	t, err := s.openText(path, filepath.Base(path))
	if err != nil {
		return err
	}
	defer t.Close()
	return s.readText(t)
}

// readText reads an opened single file in the format given or detected.
func (s *scanner) readText(t *textFile) error {
	s.noteEncoding(t)

	format := s.opts.Format
	if format == "" {
		format = detectFormat(t)
	}
	s.info.Format = format
	switch format {
	case FormatCSV, FormatTSV:
		return s.readTable(t, format == FormatTSV)
	case FormatFastText:
		return s.readFastText(t)
	case FormatJSONLines:
		return s.readJSONLines(t)
	case FormatProse:
		return s.readProse(t)
	default:
		return s.readLines(t, "")
	}
}

// DetectFileFormat returns the format that reading the file at path alone
// would detect from its extension and the start of its text: FormatCSV,
// FormatTSV, FormatJSONLines and FormatFastText for files that carry their
// own labels, FormatProse or FormatLines for plain text. An empty file is
// FormatLines.
func DetectFileFormat(path string) (string, error) {
	s, err := newScanner(context.Background(), Options{}, nil, 0)
	if err != nil {
		return "", err
	}
	t, err := s.openText(path, filepath.Base(path))
	if errors.Is(err, errEmptyFile) {
		return FormatLines, nil
	}
	if err != nil {
		return "", err
	}
	defer t.Close()
	return detectFormat(t), nil
}

// detectFormat guesses the format of a single file from its extension and
// the start of its text. The extensions .csv, .tsv, .jsonl and .ndjson
// decide. For other files, JSON objects, __label__ prefixes, delimited
// columns and prose paragraphs are looked for in that order. A file with
// none of them contains one document per line.
func detectFormat(t *textFile) string {
	switch strings.ToLower(filepath.Ext(t.base)) {
	case ".csv":
		return FormatCSV
	case ".tsv", ".tab":
		return FormatTSV
	case ".jsonl", ".ndjson":
		return FormatJSONLines
	}
	lines := firstLines(t.sample, 50)
	switch {
	case looksJSONLines(lines):
		return FormatJSONLines
	case looksFastText(lines):
		return FormatFastText
	}
	if f := sniffTableFormat(t.sample, lines); f != "" {
		return f
	}
	if looksProse(t.sample) {
		return FormatProse
	}
	return FormatLines
}

// firstLines returns up to n non-blank lines from the start of text.
func firstLines(text string, n int) []string {
	var out []string
	for line := range strings.Lines(text) {
		if len(out) == n {
			break
		}
		line = strings.TrimRight(line, "\n")
		if strings.TrimSpace(line) != "" {
			out = append(out, line)
		}
	}
	return out
}

// readAllLines calls fn for each line of t without its line end, numbered
// from 1, repairing invalid UTF-8 in files read as UTF-8.
func (s *scanner) readAllLines(t *textFile, fn func(line string, n int) error) error {
	n := 0
	for {
		line, err := t.r.ReadString('\n')
		if err != nil && err != io.EOF {
			return s.cancelled(fileError(t.path, err))
		}
		if line == "" && err == io.EOF {
			return nil
		}
		n++
		line = strings.TrimSuffix(line, "\n")
		if t.utf8() {
			var repaired bool
			if line, repaired = repairUTF8(line); repaired {
				s.repair(t.base, n)
			}
		}
		if ferr := fn(line, n); ferr != nil {
			return ferr
		}
		if err == io.EOF {
			return nil
		}
	}
}

// lineSplitter returns the lines of a text with LF line ends, without
// them, numbered from 1.
type lineSplitter struct {
	r *bufio.Reader
	n int
}

func newLineReader(r io.Reader) *bufio.Reader {
	if br, ok := r.(*bufio.Reader); ok {
		return br
	}
	return bufio.NewReaderSize(r, sampleSize)
}

func (l *lineSplitter) next() (string, int, error) {
	line, err := l.r.ReadString('\n')
	if err != nil && err != io.EOF {
		return "", 0, err
	}
	if line == "" && err == io.EOF {
		return "", 0, io.EOF
	}
	l.n++
	return strings.TrimSuffix(line, "\n"), l.n, nil
}
