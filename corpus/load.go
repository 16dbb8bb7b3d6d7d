package corpus

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Load reads the corpus at paths, in one of two layouts.
//
// Two or more plain-text files give one class per file and one document
// per line. The class is the part of the file names that differs
// (rt-polarity.pos + rt-polarity.neg give pos and neg). Blank lines are
// skipped.
//
// One CSV or TSV file with a header row gives a text column and a label
// column, found by header name without regard to case. The text column is
// named text, review, sentence, content, comment, 文本, 评论, 内容 or 句子.
// The label column is named label, sentiment, class, polarity, target,
// category, 标签, 类别 or 情感. The delimiter is ','
// for .csv, a tab for .tsv, and otherwise the most frequent of ',', tab and
// ';' in the header row. Rows that are malformed or too short, or that have
// an empty text or label, are skipped.
//
// Both layouts accept a UTF-8 byte order mark and CRLF line ends. Every
// problem with the files is returned as a *Error. Skipped rows are listed
// in Corpus.Skipped, and rows whose invalid UTF-8 was replaced in
// Corpus.Repaired. A loaded corpus has at least one document and two classes.
func Load(paths ...string) (*Corpus, error) {
	if len(paths) == 0 {
		return nil, errorf("", 0, "no files given; give one file per class or one CSV/TSV file")
	}
	files := make([]*input, len(paths))
	for i, p := range paths {
		f, err := readInput(p)
		if err != nil {
			return nil, err
		}
		files[i] = f
	}
	return loadInputs(files)
}

// loadInputs reads the corpus from files already in memory.
func loadInputs(files []*input) (*Corpus, error) {
	for _, fm := range formats {
		if !fm.detect(files) {
			continue
		}
		c, err := fm.read(files)
		if err != nil {
			return nil, err
		}
		return finish(c, files)
	}
	return nil, unknownLayout(files)
}

// input is one file given to Load, read whole.
type input struct {
	path string // as given to Load
	base string // file name without folders; the Source of its documents
	data []byte // contents without a UTF-8 byte order mark
}

// format is one corpus layout. Load uses the first format in formats whose
// detect returns true, so a new layout is one more entry there.
type format struct {
	detect func(files []*input) bool
	read   func(files []*input) (*Corpus, error)
}

var formats = []format{
	{detect: isTable, read: readTable},
	{detect: isLines, read: readLines},
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	utf16LEBOM = []byte{0xFF, 0xFE}
	utf16BEBOM = []byte{0xFE, 0xFF}
)

func readInput(path string) (*input, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	if info.IsDir() {
		return nil, errorf(path, 0, "is a folder, and folders are not supported yet; "+
			"give the files inside it, one per class, or one CSV/TSV file")
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fileError(path, err)
	}
	return newInput(path, data)
}

// newInput checks the encoding of data and removes a UTF-8 byte order mark.
func newInput(path string, data []byte) (*input, error) {
	// NOTE: only UTF-8 is read. Detecting other encodings (Latin-1, GBK)
	// is left for later; UTF-16 is at least recognised by its byte order mark.
	if bytes.HasPrefix(data, utf16LEBOM) || bytes.HasPrefix(data, utf16BEBOM) {
		return nil, errorf(path, 0, "is encoded as UTF-16; save it as UTF-8 and load it again")
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	return &input{path: path, base: filepath.Base(path), data: data}, nil
}

// fileError reports an OS error on path without repeating the path that
// fs.PathError already carries.
func fileError(path string, err error) *Error {
	reason := err
	var pe *fs.PathError
	if errors.As(err, &pe) {
		reason = pe.Err
	}
	msg := "cannot be read: " + reason.Error()
	if errors.Is(err, fs.ErrNotExist) {
		msg += "; check the path"
	}
	return &Error{File: path, Msg: msg, Err: err}
}

// finish checks that c has documents and two or more classes, and fills in
// Name and Classes.
func finish(c *Corpus, files []*input) (*Corpus, error) {
	names := make([]string, len(files))
	paths := make([]string, len(files))
	for i, f := range files {
		names[i], paths[i] = f.base, f.path
	}
	c.Name = strings.Join(names, " + ")
	all := strings.Join(paths, " + ")

	if len(c.Docs) == 0 {
		return nil, errorf(all, 0, "contains no documents; put one document per line, "+
			"or one per row under the header of a CSV/TSV file")
	}
	c.Classes = c.Classes[:0]
	for _, d := range c.Docs {
		c.Classes = append(c.Classes, d.Label)
	}
	slices.Sort(c.Classes)
	c.Classes = slices.Compact(c.Classes)
	if len(c.Classes) < 2 {
		return nil, errorf(all, 0, "every document has the class %q, but training needs two classes; "+
			"give one file per class or a label column with two values", c.Classes[0])
	}
	return c, nil
}

// unknownLayout explains why no format accepted files.
func unknownLayout(files []*input) error {
	if len(files) == 1 {
		return errorf(files[0].path, 0, "a single plain-text file has no labels; "+
			"give one file per class (such as rt-polarity.pos and rt-polarity.neg) "+
			"or one CSV/TSV file whose header row names a text column and a label column")
	}
	for _, f := range files {
		if isTableExt(f.base) {
			return errorf(f.path, 0, "a CSV/TSV file must be loaded alone; "+
				"give either one CSV/TSV file or several plain-text files, one per class")
		}
	}
	return errorf("", 0, "cannot tell the layout of the files given; give one file per class or one CSV/TSV file")
}

// textLine returns line without a trailing \r and with every invalid UTF-8
// sequence replaced by U+FFFD, and whether it replaced anything.
func textLine(line string) (string, bool) {
	return repairUTF8(strings.TrimSuffix(line, "\r"))
}

func repairUTF8(s string) (string, bool) {
	if utf8.ValidString(s) {
		return s, false
	}
	return strings.ToValidUTF8(s, "\uFFFD"), true
}

// repairedReason is the Reason of Corpus.Repaired entries.
// NOTE: invalid bytes are replaced rather than decoded, because encoding
// detection (Latin-1, GBK and others) is not written yet.
const repairedReason = "invalid UTF-8 replaced by U+FFFD; save the file as UTF-8"
