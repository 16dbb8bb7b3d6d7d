package wordvec

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"embedlab/internal/usermsg"
)

// readProjector reads an Embedding Projector pair: vectors.tsv with one
// vector per line as tab-separated numbers, and the words file with one row
// per vector. The words file has a header line only when it has more than
// one column, as the Projector requires. The column named "word" (or
// "token", "label" or "name") contains the words, else the first column.
func readProjector(ctx context.Context, br *bufio.Reader, path string, size int64, limit int, metadata string, info *LoadInfo) (*Vectors, error) {
	if metadata == "" {
		metadata = findMetadata(path)
	}
	info.Metadata = metadata
	words, err := readMetadata(metadata, path, info)
	if err != nil {
		return nil, err
	}

	skipBOM(br)
	sample, _ := br.Peek(sampleSize)
	p := &textParser{path: path, dim: len(splitFields(firstNonBlank(sample))), dimFrom: usermsg.Sprintf("the first line"), sizeHint: size}
	if p.dim == 0 {
		return nil, usermsg.Errorf("wordvec: %s is empty; give a file of word vectors", path)
	}
	if err := checkDim(path, p.dim, 2, size); err != nil {
		return nil, err
	}
	c, err := p.run(ctx, br, 0, &LoadInfo{})
	if err != nil {
		return nil, err
	}
	rows := len(c.data) / p.dim
	if c.truncated != nil {
		info.warn(usermsg.Sprintf("line %d of %s, the last line, is cut off (%v); "+
			"the file looks truncated, and that vector and its word were dropped", c.truncated.Line, path, c.truncated.reason()))
		if len(words.rows) == rows+1 {
			words.rows, words.lines = words.rows[:rows], words.lines[:rows]
		}
	}

	// A single-column words file with one row too many most likely starts
	// with a header that the Projector would not expect.
	if len(words.rows) == rows+1 && words.columns == 1 {
		info.warn(usermsg.Sprintf("%s has one row more than %s has vectors; its first row, %q, was taken as a header",
			metadata, path, truncate(words.rows[0], 40)))
		words.rows, words.lines = words.rows[1:], words.lines[1:]
	}
	if len(words.rows) != rows {
		return nil, usermsg.Errorf("wordvec: %s has %d words but %s has %d vectors; the Projector needs one metadata row per vector "+
			"(and a header row only when there are several columns)", metadata, len(words.rows), path, rows)
	}

	out := collector{path: path, dim: p.dim, info: info, seen: map[string]struct{}{}, limit: limit}
	var firstEmpty int
	withWords := chunkResult{}
	for i, w := range words.rows {
		if w == "" {
			info.EmptyWords++
			if firstEmpty == 0 {
				firstEmpty = words.lines[i]
			}
			continue
		}
		withWords.words = append(withWords.words, w)
		withWords.data = append(withWords.data, c.data[i*p.dim:(i+1)*p.dim]...)
	}
	if info.EmptyWords > 0 {
		info.warn(usermsg.Sprintf("%s: %d rows have an empty word, the first on line %d; "+
			"their vectors were dropped", metadata, info.EmptyWords, firstEmpty))
	}
	if err := out.add(withWords); err != nil {
		return nil, err
	}
	return out.finish()
}

type metadataRows struct {
	rows    []string
	lines   []int // 1-based line of each row
	columns int
}

func readMetadata(path, vectorsPath string, info *LoadInfo) (metadataRows, error) {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return metadataRows{}, usermsg.Errorf("wordvec: %s has no words file beside it (looked for %s); "+
			"the Projector keeps the words in metadata.tsv, so give that file too", vectorsPath, path)
	}
	if err != nil {
		return metadataRows{}, readError(path, err)
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	text := strings.TrimSuffix(string(data), "\n")
	if text == "" {
		return metadataRows{}, usermsg.Errorf("wordvec: %s is empty; it must hold one word per vector of %s", path, vectorsPath)
	}
	lines := strings.Split(text, "\n")
	for i := range lines {
		lines[i] = strings.TrimSuffix(lines[i], "\r")
	}

	out := metadataRows{columns: 1}
	column, first := 0, 0
	if header := strings.Split(lines[0], "\t"); len(header) > 1 {
		out.columns = len(header)
		first = 1
		for i, name := range header {
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "word", "token", "label", "name":
				column = i
			}
		}
	}

	for i := first; i < len(lines); i++ {
		w := lines[i]
		if out.columns > 1 {
			fields := strings.Split(w, "\t")
			w = ""
			if column < len(fields) {
				w = fields[column]
			}
		}
		if !utf8.ValidString(w) {
			w = strings.ToValidUTF8(w, "\uFFFD")
			info.InvalidUTF8++
		}
		out.rows = append(out.rows, w)
		out.lines = append(out.lines, i+1)
	}
	return out, nil
}

// WriteProjector writes v as the Embedding Projector's two files: vectors
// as tab-separated values, one vector per line, to vectorsW, and the words,
// one per line without a header (the Projector wants none for a single
// column), to metadataW. Values read back exactly. It returns an error,
// before writing anything, for an empty word or one with a tab or a line
// break.
func (v *Vectors) WriteProjector(vectorsW, metadataW io.Writer) error {
	if err := v.checkWords(FormatProjector); err != nil {
		return err
	}
	vw := bufio.NewWriterSize(vectorsW, 1<<16)
	mw := bufio.NewWriterSize(metadataW, 1<<16)
	var buf []byte
	for i, word := range v.Words {
		buf = buf[:0]
		for j, x := range v.row(i) {
			if j > 0 {
				buf = append(buf, '\t')
			}
			buf = strconv.AppendFloat(buf, float64(x), 'g', -1, 32)
		}
		buf = append(buf, '\n')
		vw.Write(buf)
		mw.WriteString(word)
		mw.WriteByte('\n')
	}
	if err := vw.Flush(); err != nil {
		return err
	}
	return mw.Flush()
}
