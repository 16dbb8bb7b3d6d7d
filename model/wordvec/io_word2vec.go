package wordvec

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"embedlab/internal/usermsg"
)

// maxBinaryWord bounds a word in a word2vec binary file; a longer run of
// bytes without a space means the file is not in that format.
const maxBinaryWord = 1 << 16

// readBinary reads a word2vec binary file: a "count dim" line, then for
// each vector the word, a space and dim little-endian float32 values. The
// C word2vec tool writes a newline after each vector, but gensim does not.
// Like gensim, readBinary drops newlines in front of a word, so it reads
// both.
func readBinary(ctx context.Context, br *bufio.Reader, path string, size int64, limit int, info *LoadInfo) (*Vectors, error) {
	skipBOM(br)
	line, err := readLine(br)
	if err != nil && len(line) == 0 {
		return nil, readErrorOrEmpty(path, err)
	}
	fields := splitFields(line)
	if len(fields) != 2 || !isCount(fields[0]) || !isCount(fields[1]) {
		return nil, usermsg.Errorf("wordvec: %s does not start with a word2vec \"count dim\" line (it starts with %q); "+
			"it is not a word2vec binary file", path, truncate(string(line), 40))
	}
	count, _ := strconv.Atoi(string(fields[0]))
	dim, _ := strconv.Atoi(string(fields[1]))
	if err := checkDim(path, dim, 4, size); err != nil {
		return nil, err
	}
	info.HeaderCount = count

	c := collector{path: path, dim: dim, info: info, seen: map[string]struct{}{}, limit: limit}
	expected := count
	if limit > 0 {
		expected = min(count, limit)
	}
	// The count sizes the buffers only up to what the file size allows,
	// since it may be wrong: each value takes 4 bytes.
	if size <= 0 {
		size = 1 << 28 // unknown, as for a gzip file: allocate at most 256 MB ahead
	}
	c.data = make([]float32, 0, min(int64(expected)*int64(dim), size/4))
	c.words = make([]string, 0, cap(c.data)/dim)
	raw := make([]byte, 4*dim)
	vals := make([]float32, dim)
	for n := 1; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		word, err := readBinaryWord(br)
		if errors.Is(err, io.EOF) && len(word) == 0 {
			break
		}
		if errors.Is(err, io.EOF) {
			c.truncated = withMsg(ParseError{Line: n}, usermsg.Sprintf("the file ends inside the word %q", truncate(string(word), 40)))
			break
		}
		if err != nil {
			return nil, withMsg(ParseError{Path: path, Line: n, Binary: true}, err)
		}
		if got, err := io.ReadFull(br, raw); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				c.truncated = withMsg(ParseError{Line: n}, usermsg.Sprintf("the file ends after %d of the %d bytes of %q's vector",
					got, len(raw), truncate(string(word), 40)))
				break
			}
			return nil, readError(path, err)
		}
		for j := range vals {
			vals[j] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*j:]))
			if f := float64(vals[j]); math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, withMsg(ParseError{Path: path, Line: n, Column: j + 2, Binary: true}, usermsg.Sprintf(
					"value %d of %q's vector is %v; vectors must hold finite numbers", j+1, truncate(string(word), 40), f))
			}
		}
		if len(word) == 0 {
			return nil, withMsg(ParseError{Path: path, Line: n, Binary: true}, usermsg.Sprintf("the word is empty; the file is damaged or not word2vec binary"))
		}
		w := string(word)
		if !utf8.ValidString(w) {
			w = strings.ToValidUTF8(w, "\uFFFD")
			info.InvalidUTF8++
		}
		if err := c.add(chunkResult{words: []string{w}, data: vals}); err != nil {
			return nil, err
		}
		if c.full {
			break
		}
	}
	if c.truncated != nil {
		info.warn(usermsg.Sprintf("vector %d of %s, the last one, is cut off (%v); "+
			"the file looks truncated, and that vector was dropped", c.truncated.Line, path, c.truncated.reason()))
		c.truncated = nil
	}
	found := len(c.words) + info.Duplicates
	if found != count && !info.Limited {
		info.warn(usermsg.Sprintf("%s: the count line announces %d vectors, but the file has %d, "+
			"and all of them were read", path, count, found))
	}
	return c.finish()
}

// readBinaryWord returns the bytes up to the next space, without newlines
// in front.
func readBinaryWord(br *bufio.Reader) ([]byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return nil, err
		}
		if b != '\n' {
			br.UnreadByte()
			break
		}
	}
	var word []byte
	for {
		chunk, err := br.ReadSlice(' ')
		word = append(word, chunk...)
		if err == nil {
			return word[:len(word)-1], nil
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return word, err
		}
		if len(word) > maxBinaryWord {
			return nil, usermsg.Errorf("no space follows the word within %d bytes; the file is damaged or not word2vec binary", maxBinaryWord)
		}
	}
}

// checkWords reports a word that the format could not store or read back
// unchanged.
func (v *Vectors) checkWords(format string) error {
	if err := v.checkShape(); err != nil {
		return err
	}
	for i, w := range v.Words {
		var bad usermsg.Message
		switch {
		case w == "":
			bad = usermsg.Sprintf("is empty")
		case strings.ContainsAny(w, "\n\r"):
			bad = usermsg.Sprintf("contains a line break")
		case format == FormatWord2VecBinary && strings.Contains(w, " "):
			bad = usermsg.Sprintf("contains a space, which ends a word in word2vec binary; export to word2vec text instead")
		case format == FormatProjector && strings.Contains(w, "\t"):
			bad = usermsg.Sprintf("contains a tab, which separates columns in metadata.tsv")
		case format != FormatWord2VecBinary && format != FormatProjector && strings.Trim(w, " \t") != w:
			bad = usermsg.Sprintf("starts or ends with a space or tab, which a text vector file cannot keep")
		case format != FormatWord2VecBinary && format != FormatProjector && strings.ContainsAny(w, " \t") && isNumber(lastField(w)):
			bad = usermsg.Sprintf("ends with a number after a space, which reads back as one more vector value")
		}
		if bad.String() != "" {
			return usermsg.Errorf("wordvec: cannot write word %d, %q, as %s: it %v", i+1, truncate(w, 40), format, bad)
		}
	}
	return nil
}

func lastField(w string) []byte {
	if k := strings.LastIndexAny(w, " \t"); k >= 0 {
		return []byte(w[k+1:])
	}
	return []byte(w)
}

// WriteWord2Vec writes v in word2vec format: a "count dim" line, then per
// word either "word v1 … vdim" (text) or the word, a space, dim
// little-endian float32 and a newline, as the C word2vec tool writes
// (binary). Text values are the shortest decimals that read back as the
// same float32, so a round trip is exact. It returns an error, before
// writing anything, for a word the format cannot hold, such as a word with
// a space in binary or with a line break.
func (v *Vectors) WriteWord2Vec(w io.Writer, binaryFormat bool) error {
	format := FormatWord2Vec
	if binaryFormat {
		format = FormatWord2VecBinary
	}
	if err := v.checkWords(format); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	fmt.Fprintf(bw, "%d %d\n", v.Len(), v.Dim)
	if binaryFormat {
		buf := make([]byte, 4*v.Dim)
		for i, word := range v.Words {
			for j, x := range v.row(i) {
				binary.LittleEndian.PutUint32(buf[4*j:], math.Float32bits(x))
			}
			bw.WriteString(word)
			bw.WriteByte(' ')
			bw.Write(buf)
			bw.WriteByte('\n')
		}
		return bw.Flush()
	}
	v.writeTextRows(bw)
	return bw.Flush()
}

// WriteGloVe writes v in GloVe text format: "word v1 … vdim" per line and no
// count line, with values that read back exactly. Its errors are those of
// WriteWord2Vec for text.
func (v *Vectors) WriteGloVe(w io.Writer) error {
	if err := v.checkWords(FormatGloVe); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	v.writeTextRows(bw)
	return bw.Flush()
}

func (v *Vectors) writeTextRows(bw *bufio.Writer) {
	var buf []byte
	for i, word := range v.Words {
		buf = append(buf[:0], word...)
		for _, x := range v.row(i) {
			buf = append(buf, ' ')
			buf = strconv.AppendFloat(buf, float64(x), 'g', -1, 32)
		}
		buf = append(buf, '\n')
		bw.Write(buf)
	}
}
