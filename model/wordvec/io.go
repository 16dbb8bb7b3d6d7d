package wordvec

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"embedlab/internal/usermsg"
)

// Vector file formats accepted by Load and written by Save.
const (
	FormatWord2Vec       = "word2vec"        // text: "count dim" line, then "word v1 … vdim" per line; also fastText .vec
	FormatWord2VecBinary = "word2vec-binary" // "count dim" line, then word, space, dim little-endian float32 per vector
	FormatGloVe          = "glove"           // text without the count line
	FormatProjector      = "projector"       // Embedding Projector vectors.tsv (numbers only) + metadata.tsv (words)
)

// LoadOptions tunes Load. The zero value detects the format.
type LoadOptions struct {
	// Format is "" to detect it from the content, or one of the Format
	// constants; "fasttext" is accepted as FormatWord2Vec.
	Format string

	// Metadata is the projector's words file; "" looks beside the vectors
	// file (see MetadataPath).
	Metadata string

	// Limit, when positive, stops reading after that many vectors, as
	// gensim's limit argument does; vector files list frequent words first.
	// Duplicates do not count. A count line that announces more vectors
	// then gives no warning.
	Limit int

	// Progress, when not nil, is called about every 4 MB with the bytes
	// read so far and the file size, and once at the end, from one
	// goroutine at a time but not necessarily the caller's.
	Progress func(read, total int64)
}

// LoadInfo describes what Load found in a file.
type LoadInfo struct {
	Format   string
	Path     string
	Metadata string // projector: the words file read; "" otherwise
	Gzip     bool   // the file was gzip-compressed
	Limited  bool   // reading stopped at LoadOptions.Limit
	Words    int    // vectors kept, after dropping duplicates
	Dim      int

	// HeaderCount is the count in the word2vec "count dim" line, -1 when
	// the format has none.
	HeaderCount int

	InvalidUTF8 int // words whose invalid UTF-8 bytes were replaced with U+FFFD
	Duplicates  int // later vectors of a word already seen, dropped
	EmptyWords  int // projector rows with an empty word, dropped

	// Warnings describe what was read leniently but could matter, each one
	// full sentence naming the file: a count line that disagrees with the
	// vectors found, a truncated last vector that was dropped, duplicates.
	Warnings []string
	// WarningTexts are the Warnings with their formats, for translation,
	// in the same order.
	WarningTexts []usermsg.Message
}

// warn adds the warning m.
func (info *LoadInfo) warn(m usermsg.Message) {
	info.Warnings = append(info.Warnings, m.String())
	info.WarningTexts = append(info.WarningTexts, m)
}

// ParseError is a problem at one place of a vector file.
type ParseError struct {
	Path string
	// Line is the 1-based line in a text file, or the 1-based vector number
	// in a word2vec binary file (with Binary set).
	Line int
	// Column is the 1-based field on the line, counting the word as field 1
	// in word2vec and GloVe files (a word with spaces counts once); 0 when
	// the problem concerns the whole line.
	Column int
	Binary bool
	Msg    string // what is wrong and what to do

	text any // Msg as a usermsg.Message or error, for translation; nil when Msg was set directly
}

// Error formats e as "wordvec: line L, column C of PATH: msg", with
// "vector" in place of "line" when Binary is set.
func (e *ParseError) Error() string { return e.message().String() }

// UserFormat returns the format and arguments of e's message, for
// usermsg.Catalog.
func (e *ParseError) UserFormat() (string, []any) { return e.message().UserFormat() }

func (e *ParseError) message() usermsg.Message {
	msg := e.reason()
	switch {
	case e.Line <= 0:
		return usermsg.Sprintf("wordvec: %s: %v", e.Path, msg)
	case e.Binary && e.Column > 0:
		return usermsg.Sprintf("wordvec: vector %d, column %d of %s: %v", e.Line, e.Column, e.Path, msg)
	case e.Binary:
		return usermsg.Sprintf("wordvec: vector %d of %s: %v", e.Line, e.Path, msg)
	case e.Column > 0:
		return usermsg.Sprintf("wordvec: line %d, column %d of %s: %v", e.Line, e.Column, e.Path, msg)
	}
	return usermsg.Sprintf("wordvec: line %d of %s: %v", e.Line, e.Path, msg)
}

// reason returns Msg, in its translatable form when e has one.
func (e *ParseError) reason() any {
	if e.text != nil && fmt.Sprint(e.text) == e.Msg {
		return e.text
	}
	return e.Msg
}

// withMsg returns e with the message msg, a usermsg.Message or an error.
func withMsg(e ParseError, msg any) *ParseError {
	e.Msg, e.text = fmt.Sprint(msg), msg
	return &e
}

// Load reads a vector file in any format of the Format constants, detecting
// it from the content unless opts.Format is set. A gzip-compressed file
// (such as vectors.bin.gz) is decompressed as it is read. Detection rules:
//   - a first line of two integers ("count dim") starts a word2vec file,
//     binary when the next line is not a word followed by dim numbers;
//   - a first line of numbers separated by tabs, or only numbers in a .tsv
//     file, is a projector vectors.tsv, whose words come from metadata.tsv;
//   - a first line of a word followed by numbers is a GloVe file.
//
// Text lines split on ASCII spaces and tabs only, so a non-breaking space
// stays inside a word. The last dim fields are the numbers and the rest is
// the word, so words may contain spaces. Invalid UTF-8 in words becomes
// U+FFFD, and a repeated word keeps its first vector (as gensim does); both
// are counted in LoadInfo. A count line that disagrees with the vectors, or
// a truncated last vector (dropped, never padded), gives a warning. A NaN,
// infinite or non-numeric value, a row of another dimension, an empty file
// or binary garbage give an error, a *ParseError where a line is at fault.
func Load(path string, opts LoadOptions) (*Vectors, LoadInfo, error) {
	return LoadContext(context.Background(), path, opts)
}

// LoadContext is Load that stops with ctx.Err() when ctx is cancelled.
func LoadContext(ctx context.Context, path string, opts LoadOptions) (*Vectors, LoadInfo, error) {
	info := LoadInfo{Path: path, HeaderCount: -1}
	f, size, err := openVectorFile(path)
	if err != nil {
		return nil, info, err
	}
	defer f.Close()
	cr := &countingReader{r: f, ctx: ctx, total: size, progress: opts.Progress}
	raw := bufio.NewReaderSize(cr, 64<<10)
	var src io.Reader = raw
	if head, _ := raw.Peek(2); bytes.Equal(head, gzipMagic) {
		zr, err := gzip.NewReader(raw)
		if err != nil {
			return nil, info, usermsg.Errorf("wordvec: %s starts like a gzip file but cannot be decompressed (%v); check that the download is complete", path, err)
		}
		defer zr.Close()
		src = gzipReader{zr}
		info.Gzip = true
		size = 0 // the decompressed size is unknown
	}
	br := bufio.NewReaderSize(src, sampleSize)
	sample, _ := br.Peek(sampleSize)
	if cr.err != nil && !errors.Is(cr.err, io.EOF) {
		return nil, info, readError(path, cr.err)
	}

	format := strings.ToLower(opts.Format)
	if format == "fasttext" {
		format = FormatWord2Vec
	}
	switch format {
	case "":
		if format, err = detectFormat(path, sample); err != nil {
			return nil, info, err
		}
	case FormatWord2Vec, FormatWord2VecBinary, FormatGloVe, FormatProjector:
	default:
		return nil, info, usermsg.Errorf("wordvec: format %q is unknown; use %s, %s, %s or %s",
			opts.Format, FormatWord2Vec, FormatWord2VecBinary, FormatGloVe, FormatProjector)
	}
	info.Format = format

	var v *Vectors
	switch format {
	case FormatWord2VecBinary:
		v, err = readBinary(ctx, br, path, size, opts.Limit, &info)
	case FormatProjector:
		v, err = readProjector(ctx, br, path, size, opts.Limit, opts.Metadata, &info)
	default:
		v, err = readText(ctx, br, path, size, opts.Limit, format == FormatWord2Vec, &info)
	}
	if err == nil && cr.err != nil && !errors.Is(cr.err, io.EOF) {
		err = readError(path, cr.err)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, info, ctx.Err()
		}
		return nil, info, err
	}
	if opts.Progress != nil {
		opts.Progress(cr.read, max(cr.total, cr.read))
	}
	info.Words, info.Dim = v.Len(), v.Dim
	return v, info, nil
}

var gzipMagic = []byte{0x1f, 0x8b}

// MaxDim bounds the dimension Load accepts, so that a damaged count line
// cannot make it allocate gigabytes per vector. Published embeddings have
// at most a few thousand dimensions.
const MaxDim = 1 << 16

// checkDim rejects a dimension that is out of range, or one that needs more
// bytes per vector (bytesPerValue each) than a file of size bytes has. A
// size of 0 means unknown.
func checkDim(path string, dim, bytesPerValue int, size int64) error {
	switch {
	case dim < 1:
		return withMsg(ParseError{Path: path, Line: 1}, usermsg.Sprintf("the dimension is %d; it must be at least 1", dim))
	case dim > MaxDim:
		return withMsg(ParseError{Path: path, Line: 1}, usermsg.Sprintf("the dimension %d is larger than the maximum %d; the file is damaged or not a vector file", dim, MaxDim))
	case size > 0 && int64(dim)*int64(bytesPerValue) > size:
		return withMsg(ParseError{Path: path, Line: 1}, usermsg.Sprintf("the dimension %d needs more bytes per vector than the file has (%d); "+
			"the count line is damaged or the file truncated", dim, size))
	}
	return nil
}

// gzipReader reports compressed data that ends early as an error, because
// the readers take io.ErrUnexpectedEOF for the normal end of a file.
type gzipReader struct{ r io.Reader }

func (g gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = usermsg.Errorf("the gzip data ends early, so the file is truncated")
	}
	return n, err
}

// sampleSize is how much of a file detection looks at: enough for several
// lines of 300 numbers written with full float32 precision.
const sampleSize = 1 << 20

func openVectorFile(path string) (*os.File, int64, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, 0, usermsg.Errorf("wordvec: %s does not exist; check the path", path)
	}
	if err != nil {
		return nil, 0, usermsg.Errorf("wordvec: cannot open %s: %w", path, err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, usermsg.Errorf("wordvec: cannot read %s: %w", path, err)
	}
	if st.IsDir() {
		f.Close()
		return nil, 0, usermsg.Errorf("wordvec: %s is a folder; give a vector file such as vectors.txt or vectors.tsv", path)
	}
	return f, st.Size(), nil
}

func readError(path string, err error) error {
	return usermsg.Errorf("wordvec: reading %s failed: %w", path, err)
}

// countingReader counts bytes for LoadOptions.Progress, calling it about
// every 4 MB, and stops reading once ctx is cancelled.
type countingReader struct {
	r           io.Reader
	ctx         context.Context
	total, read int64
	reported    int64
	progress    func(read, total int64)
	err         error // first error other than EOF, or ctx.Err()
}

func (c *countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		c.err = err
		return 0, err
	}
	n, err := c.r.Read(p)
	c.read += int64(n)
	if c.progress != nil && c.read-c.reported >= 4<<20 {
		c.reported = c.read
		c.progress(c.read, max(c.total, c.read))
	}
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}

// detectFormat picks the format from the first bytes of a file.
func detectFormat(path string, sample []byte) (string, error) {
	sample = bytes.TrimPrefix(sample, utf8BOM)
	if len(bytes.TrimSpace(sample)) == 0 {
		return "", usermsg.Errorf("wordvec: %s is empty; give a file of word vectors", path)
	}
	if bytes.HasPrefix(sample, fastTextMagic) {
		return "", usermsg.Errorf("wordvec: %s is a fastText model (.bin), which this program does not read; "+
			"use the .vec file that fastText writes beside it", path)
	}
	if looksLikeSafetensors(sample) {
		return "", usermsg.Errorf("wordvec: %s looks like an Embedding Lab model file, not a vector file; open it as a model (--model)", path)
	}
	first, rest := cutLine(sample)
	fields := splitFields(first)

	// A word2vec count line is separated by a space; two integers
	// separated by a tab are a 2-D vector of a projector file.
	if len(fields) == 2 && isCount(fields[0]) && isCount(fields[1]) && bytes.IndexByte(first, '\t') < 0 {
		dim, _ := strconv.Atoi(string(fields[1]))
		next, _ := cutLine(rest)
		if bytes.IndexByte(rest, '\n') < 0 && len(sample) == sampleSize {
			// The first vector is longer than the sample, so its line
			// cannot be checked whole; binary values contain control bytes.
			if isText(next) {
				return FormatWord2Vec, nil
			}
			return FormatWord2VecBinary, nil
		}
		// A line of plain text is a text record even when it is malformed,
		// so that the text reader reports its line and column; the values
		// of a binary record almost always contain control bytes.
		if len(bytes.TrimSpace(next)) == 0 || looksLikeTextRecord(next, dim) || isText(next) && utf8.Valid(next) {
			return FormatWord2Vec, nil
		}
		return FormatWord2VecBinary, nil
	}
	if isBinary(sample) {
		return "", usermsg.Errorf("wordvec: %s contains binary data but does not start with a word2vec \"count dim\" line; "+
			"it is not a vector file this program reads (word2vec, GloVe, fastText .vec or projector .tsv)", path)
	}
	numeric := len(fields) > 0
	for _, f := range fields {
		if !isNumber(f) {
			numeric = false
			break
		}
	}
	switch {
	case numeric && (bytes.IndexByte(first, '\t') >= 0 || strings.EqualFold(filepath.Ext(path), ".tsv")):
		return FormatProjector, nil
	case len(fields) >= 2 && isNumber(fields[len(fields)-1]):
		return FormatGloVe, nil
	}
	return "", withMsg(ParseError{Path: path, Line: 1}, usermsg.Sprintf("%q is neither a word2vec \"count dim\" line nor a word followed by numbers; "+
		"this program reads word2vec, GloVe, fastText .vec and projector .tsv files", truncate(string(first), 60)))
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// fastTextMagic starts fastText's binary model files: the int32 793712314,
// little-endian.
var fastTextMagic = []byte{0xba, 0x16, 0x4f, 0x2f}

// looksLikeSafetensors reports an 8-byte little-endian length followed by
// a JSON object, the start of a model file.
func looksLikeSafetensors(b []byte) bool {
	if len(b) < 10 || b[8] != '{' {
		return false
	}
	n := uint64(0)
	for i := 7; i >= 0; i-- {
		n = n<<8 | uint64(b[i])
	}
	return n >= 2 && n < 1<<40
}

// LooksLikeModelFile reports whether the file at path starts like a
// safetensors file, as Embedding Lab model files do. It returns false when
// the file cannot be read.
func LooksLikeModelFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var head [10]byte
	n, _ := io.ReadFull(f, head[:])
	return looksLikeSafetensors(head[:n])
}

// looksLikeTextRecord reports whether line is a word followed by dim numbers.
func looksLikeTextRecord(line []byte, dim int) bool {
	if !isText(line) {
		return false
	}
	fields := splitFields(line)
	if dim < 1 || len(fields) < dim+1 {
		return false
	}
	for _, f := range fields[len(fields)-dim:] {
		if !isNumber(f) {
			return false
		}
	}
	return true
}

// isBinary reports control bytes other than tab, CR, LF and form feed.
func isBinary(b []byte) bool {
	return !isText(b)
}

func isText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			return false
		}
	}
	return true
}

func isCount(b []byte) bool {
	if len(b) == 0 || len(b) > 12 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isNumber(b []byte) bool {
	_, ok := parseValue(b)
	return ok
}

// cutLine splits b after its first line, dropping the newline and a CR.
func cutLine(b []byte) (line, rest []byte) {
	line, rest, _ = bytes.Cut(b, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), rest
}

// splitFields splits on runs of ASCII spaces and tabs only, unlike
// bytes.Fields, so that a non-breaking space stays inside a word.
func splitFields(line []byte) [][]byte {
	var out [][]byte
	for i := 0; i < len(line); {
		for i < len(line) && isSep(line[i]) {
			i++
		}
		start := i
		for i < len(line) && !isSep(line[i]) {
			i++
		}
		if i > start {
			out = append(out, line[start:i])
		}
	}
	return out
}

func isSep(c byte) bool { return c == ' ' || c == '\t' }

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// MetadataPath returns the words file that belongs to a projector vectors
// file: "NAME_metadata.tsv" for "NAME_vectors.tsv" (any name ending in
// "vectors.tsv", so "vectors.tsv" gives the Projector's "metadata.tsv"), and
// "STEM_metadata.tsv" for any other "STEM.tsv", so that two exports in one
// folder never share a words file.
func MetadataPath(vectorsPath string) string {
	dir, base := filepath.Split(vectorsPath)
	if prefix, ok := strings.CutSuffix(base, "vectors.tsv"); ok {
		return filepath.Join(dir, prefix+"metadata.tsv")
	}
	stem := strings.TrimSuffix(base, filepath.Ext(base))
	return filepath.Join(dir, stem+"_metadata.tsv")
}

// findMetadata returns MetadataPath(vectorsPath) when that file exists, and
// otherwise "metadata.tsv" beside it, the name the Projector itself uses.
func findMetadata(vectorsPath string) string {
	own := MetadataPath(vectorsPath)
	if _, err := os.Stat(own); err == nil {
		return own
	}
	return filepath.Join(filepath.Dir(vectorsPath), "metadata.tsv")
}

// WriteFileAtomic creates or replaces path with what write produces: it
// writes a temporary file in the same folder through a buffer, syncs it and
// renames it over path, so that a failure leaves any old file intact.
func WriteFileAtomic(path string, write func(w io.Writer) error) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return usermsg.Errorf("wordvec: %s is a folder; give a file name", path)
	}
	if info, err := os.Stat(filepath.Dir(path)); err != nil || !info.IsDir() {
		return usermsg.Errorf("wordvec: cannot write %s: the folder %s does not exist; create it first", path, filepath.Dir(path))
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return usermsg.Errorf("wordvec: cannot write %s: %w; check that its folder exists and is writable", path, err)
	}
	tmp := f.Name()

	// CreateTemp makes the file readable by its owner only; an exported
	// file is an ordinary document.
	err = f.Chmod(0o644)
	if err == nil {
		bw := bufio.NewWriterSize(f, 1<<20)
		if werr := write(bw); werr != nil {
			f.Close()
			os.Remove(tmp)
			if strings.HasPrefix(werr.Error(), "wordvec: ") {
				return werr // it names the word or value at fault
			}
			return usermsg.Errorf("wordvec: writing %s failed: %w", path, werr)
		}
		err = bw.Flush()
	}

	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return usermsg.Errorf("wordvec: writing %s failed: %w", path, err)
	}
	return nil
}
