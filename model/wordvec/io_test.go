package wordvec

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// writeFile writes content to name in a new temporary folder and returns
// its path.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// binaryRecords builds a word2vec binary file; sep is written after each
// vector ("\n" as the C tool does, "" as gensim does).
func binaryRecords(header string, sep string, words []string, vecs [][]float32) string {
	var b bytes.Buffer
	b.WriteString(header)
	for i, w := range words {
		b.WriteString(w + " ")
		for _, x := range vecs[i] {
			binary.Write(&b, binary.LittleEndian, x)
		}
		b.WriteString(sep)
	}
	return b.String()
}

// want3 are the vectors of the small fixtures below.
var want3 = struct {
	words []string
	data  []float32
}{
	[]string{"king", "queen", "dog"},
	[]float32{0.5, -1.25, 3, 0.25, 1e-3, -2, 1, 2, 0.125},
}

func checkVectors(t *testing.T, v *Vectors, words []string, dim int, data []float32) {
	t.Helper()
	if !slices.Equal(v.Words, words) {
		t.Errorf("words = %q, want %q", v.Words, words)
	}
	if v.Dim != dim {
		t.Errorf("dim = %d, want %d", v.Dim, dim)
	}
	// The fixtures write these values exactly, so they must come back bit
	// for bit.
	if !slices.Equal(v.Data, data) {
		t.Errorf("data = %v, want %v", v.Data, data)
	}
}

func TestLoadFormats(t *testing.T) {
	vecs := [][]float32{{0.5, -1.25, 3}, {0.25, 1e-3, -2}, {1, 2, 0.125}}
	tests := []struct {
		name, file, content string
		opts                LoadOptions
		format              string
		headerCount         int
	}{
		{"word2vec text", "v.txt", "3 3\nking 0.5 -1.25 3\nqueen 0.25 0.001 -2\ndog 1 2 0.125\n", LoadOptions{}, FormatWord2Vec, 3},
		{"fastText vec with trailing spaces", "v.vec", "3 3 \nking 0.5 -1.25 3 \nqueen 0.25 1e-3 -2 \ndog 1 2 0.125 \n", LoadOptions{}, FormatWord2Vec, 3},
		{"fasttext format name", "v.vec", "3 3\nking 0.5 -1.25 3\nqueen 0.25 1e-3 -2\ndog 1 2 0.125\n", LoadOptions{Format: "fasttext"}, FormatWord2Vec, 3},
		{"glove", "g.txt", "king 0.5 -1.25 3\nqueen 0.25 0.001 -2\ndog 1 2 0.125\n", LoadOptions{}, FormatGloVe, -1},
		{"glove tabs CRLF BOM no final newline", "g.txt", "\ufeffking\t0.5\t-1.25\t3\r\nqueen 0.25  0.001 -2\r\n\r\ndog 1 2 0.125", LoadOptions{}, FormatGloVe, -1},
		{"glove numeric first word", "g.txt", "king 0.5 -1.25 3\nqueen 0.25 0.001 -2\ndog 1 2 0.125\n", LoadOptions{Format: FormatGloVe}, FormatGloVe, -1},
		{"binary C newline", "v.bin", binaryRecords("3 3\n", "\n", want3.words, vecs), LoadOptions{}, FormatWord2VecBinary, 3},
		{"binary gensim no newline", "v.bin", binaryRecords("3 3\n", "", want3.words, vecs), LoadOptions{}, FormatWord2VecBinary, 3},
		{"binary forced", "v", binaryRecords("3 3\n", "", want3.words, vecs), LoadOptions{Format: FormatWord2VecBinary}, FormatWord2VecBinary, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, info, err := Load(writeFile(t, tc.file, tc.content), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, v, want3.words, 3, want3.data)
			if info.Format != tc.format {
				t.Errorf("format = %q, want %q", info.Format, tc.format)
			}
			if info.HeaderCount != tc.headerCount {
				t.Errorf("header count = %d, want %d", info.HeaderCount, tc.headerCount)
			}
			if len(info.Warnings) != 0 {
				t.Errorf("unexpected warnings %q", info.Warnings)
			}
			if info.Words != 3 || info.Dim != 3 {
				t.Errorf("info words, dim = %d, %d, want 3, 3", info.Words, info.Dim)
			}
		})
	}
}

func TestLoadGloVeNumericWord(t *testing.T) {
	// The first field is the word even when it is a number.
	v, _, err := Load(writeFile(t, "g.txt", "1999 0.5 1\n2000 2 3\n"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, v, []string{"1999", "2000"}, 2, []float32{0.5, 1, 2, 3})
}

func TestLoadProjector(t *testing.T) {
	vectors := "0.5\t-1.25\t3\n0.25\t0.001\t-2\n1\t2\t0.125\n"
	tests := []struct {
		name, vectorsName, metaName, meta string
		opts                              LoadOptions
		words                             []string
		warnings                          int
	}{
		{"one column no header", "vectors.tsv", "metadata.tsv", "king\nqueen\ndog\n", LoadOptions{}, want3.words, 0},
		{"prefixed names", "glove_vectors.tsv", "glove_metadata.tsv", "king\nqueen\ndog", LoadOptions{}, want3.words, 0},
		{"header with word column", "vectors.tsv", "metadata.tsv", "count\tword\n5\tking\n4\tqueen\n3\tdog\n", LoadOptions{}, want3.words, 0},
		{"header without word column takes first", "vectors.tsv", "metadata.tsv", "w\tcount\nking\t5\nqueen\t4\ndog\t3\n", LoadOptions{}, want3.words, 0},
		{"one column with stray header", "vectors.tsv", "metadata.tsv", "word\nking\nqueen\ndog\n", LoadOptions{}, want3.words, 1},
		{"words with spaces", "vectors.tsv", "metadata.tsv", "new york\nqueen\ndog\n", LoadOptions{}, []string{"new york", "queen", "dog"}, 0},
		{"metadata option", "vectors.tsv", "words.tsv", "king\nqueen\ndog\n", LoadOptions{Metadata: "words.tsv"}, want3.words, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.vectorsName)
			os.WriteFile(path, []byte(vectors), 0o644)
			os.WriteFile(filepath.Join(dir, tc.metaName), []byte(tc.meta), 0o644)
			if tc.opts.Metadata != "" {
				tc.opts.Metadata = filepath.Join(dir, tc.opts.Metadata)
			}
			v, info, err := Load(path, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, v, tc.words, 3, want3.data)
			if info.Format != FormatProjector {
				t.Errorf("format = %q, want projector", info.Format)
			}
			if len(info.Warnings) != tc.warnings {
				t.Errorf("warnings = %q, want %d", info.Warnings, tc.warnings)
			}
		})
	}
}

func TestLoadProjectorErrors(t *testing.T) {
	tests := []struct{ name, vectors, meta, want string }{
		{"no metadata", "1\t2\n", "", "metadata.tsv"},
		{"fewer words", "1\t2\n3\t4\n5\t6\n", "a\n", "has 1 words but"},
		{"short row", "1\t2\n3\n5\t6\n", "a\nb\nc\n", "line 2"},
		{"nan", "1\t2\n3\tnan\n", "a\nb\n", "column 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "vectors.tsv")
			os.WriteFile(path, []byte(tc.vectors), 0o644)
			if tc.meta != "" {
				os.WriteFile(filepath.Join(dir, "metadata.tsv"), []byte(tc.meta), 0o644)
			}
			_, _, err := Load(path, LoadOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadProjectorEmptyWordDropped(t *testing.T) {
	// A vocabulary written with its padding entry "" at index 0, as Keras's
	// TextVectorization lists it.
	dir := t.TempDir()
	path := filepath.Join(dir, "vectors.tsv")
	os.WriteFile(path, []byte("0\t0\n1\t2\n3\t4\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "metadata.tsv"), []byte("\na\nb\n"), 0o644)
	v, info, err := Load(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	checkVectors(t, v, []string{"a", "b"}, 2, []float32{1, 2, 3, 4})
	if info.EmptyWords != 1 {
		t.Errorf("empty words = %d, want 1", info.EmptyWords)
	}
}

func TestLoadLenient(t *testing.T) {
	nbsp := "new\u00a0york"
	tests := []struct {
		name, content string
		words         []string
		data          []float32
		check         func(t *testing.T, info LoadInfo)
	}{
		{"word with spaces", "new york 1 2\nla 3 4\n", []string{"new york", "la"}, []float32{1, 2, 3, 4}, nil},
		{"non-breaking space kept", nbsp + " 1 2\n", []string{nbsp}, []float32{1, 2}, nil},
		{"invalid utf8 replaced", "caf\xe9 1 2\nok 3 4\n", []string{"caf\uFFFD", "ok"}, []float32{1, 2, 3, 4},
			func(t *testing.T, info LoadInfo) {
				if info.InvalidUTF8 != 1 {
					t.Errorf("invalid UTF-8 = %d, want 1", info.InvalidUTF8)
				}
			}},
		{"duplicates keep first", "a 1 2\nb 3 4\na 5 6\n", []string{"a", "b"}, []float32{1, 2, 3, 4},
			func(t *testing.T, info LoadInfo) {
				if info.Duplicates != 1 || len(info.Warnings) != 1 {
					t.Errorf("duplicates = %d, warnings %q; want 1 and one warning", info.Duplicates, info.Warnings)
				}
			}},
		{"count line too high", "5 2\na 1 2\nb 3 4\n", []string{"a", "b"}, []float32{1, 2, 3, 4},
			func(t *testing.T, info LoadInfo) {
				if len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0], "announces 5 vectors, but the file has 2") {
					t.Errorf("warnings = %q, want the count mismatch", info.Warnings)
				}
			}},
		{"count line too low", "1 2\na 1 2\nb 3 4\n", []string{"a", "b"}, []float32{1, 2, 3, 4},
			func(t *testing.T, info LoadInfo) {
				if len(info.Warnings) != 1 {
					t.Errorf("warnings = %q, want the count mismatch", info.Warnings)
				}
			}},
		{"truncated last line dropped", "2 3\na 1 2 3\nb 4 5", []string{"a"}, []float32{1, 2, 3},
			func(t *testing.T, info LoadInfo) {
				if len(info.Warnings) != 2 || !strings.Contains(info.Warnings[0], "line 3") {
					t.Errorf("warnings = %q, want line 3 truncated and the count mismatch", info.Warnings)
				}
			}},
		{"truncated inside a number", "a 1 2 3\nb 4 5 6e", []string{"a"}, []float32{1, 2, 3},
			func(t *testing.T, info LoadInfo) {
				if len(info.Warnings) != 1 || !strings.Contains(info.Warnings[0], "line 2") {
					t.Errorf("warnings = %q, want line 2 truncated", info.Warnings)
				}
			}},
		{"negative zero and exponents", "a -0 1E2 -2.5e-3\n", []string{"a"}, []float32{float32(math.Copysign(0, -1)), 100, -2.5e-3},
			func(t *testing.T, info LoadInfo) {}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, info, err := Load(writeFile(t, "v.txt", tc.content), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, v, tc.words, len(tc.data)/len(tc.words), tc.data)
			if tc.check != nil {
				tc.check(t, info)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name, content string
		line, column  int // want a *ParseError there; line 0 for another error
		want          string
	}{
		{"empty", "", 0, 0, "is empty"},
		{"blank", " \n\n", 0, 0, "is empty"},
		{"header only", "3 2\n", 0, 0, "contains no vectors"},
		{"binary garbage", "\x00\x01\x02\xff\xfe garbage", 0, 0, "binary data"},
		{"not vectors", "hello world\nfoo bar\n", 1, 0, "neither"},
		{"nan", "a 1 2\nb nan 2\n", 2, 2, "NaN"},
		{"inf", "a 1 2\nb 1 -Inf\n", 2, 3, "infinite"},
		{"overflow", "a 1 2\nb 1 1e39\n", 2, 3, "float32 range"},
		{"not a number", "2 2\na 1 2\nb x1 2\nc 3 4\n", 3, 2, `"x1" is not a number`},
		{"too few numbers", "a 1 2 3\nb 1 2\nc 1 2 3\n", 2, 0, "expected a word and 3 numbers"},
		{"too many numbers", "a 1 2\nb 1 2 3\nc 1 2\n", 2, 0, "more than 2 numbers"},
		{"bad count line dimension", "3 0\n", 1, 0, "dimension is 0"},
		{"huge dimension", "1 70000\n", 1, 0, "larger than the maximum"},
		{"dimension larger than the file", "1 3000\na 1\n", 1, 0, "more bytes per vector than the file has"},
		{"model file", "\x10\x00\x00\x00\x00\x00\x00\x00{\"a\":1}", 0, 0, "model file"},
		{"line of numbers only", "a 1 2\n3 4\n", 2, 0, "expected a word"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, "v.txt", tc.content)
			_, _, err := Load(path, LoadOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error = %q, want one naming the file and containing %q", err, tc.want)
			}
			var pe *ParseError
			if tc.line == 0 {
				return
			}
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if pe.Line != tc.line || pe.Column != tc.column || pe.Path != path {
				t.Errorf("at %s line %d column %d, want %s line %d column %d", pe.Path, pe.Line, pe.Column, path, tc.line, tc.column)
			}
		})
	}
}

func TestLoadBinaryMessy(t *testing.T) {
	vecs := [][]float32{{1, 2}, {3, 4}, {5, 6}}
	t.Run("truncated vector dropped", func(t *testing.T) {
		content := binaryRecords("3 2\n", "\n", []string{"a", "b", "c"}, vecs)
		v, info, err := Load(writeFile(t, "v.bin", content[:len(content)-4]), LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checkVectors(t, v, []string{"a", "b"}, 2, []float32{1, 2, 3, 4})
		if len(info.Warnings) != 2 || !strings.Contains(info.Warnings[0], "vector 3") {
			t.Errorf("warnings = %q, want vector 3 truncated and the count mismatch", info.Warnings)
		}
	})
	t.Run("duplicates and invalid utf8", func(t *testing.T) {
		content := binaryRecords("3 2\n", "", []string{"a", "\xff", "a"}, vecs)
		v, info, err := Load(writeFile(t, "v.bin", content), LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		checkVectors(t, v, []string{"a", "\uFFFD"}, 2, []float32{1, 2, 3, 4})
		if info.Duplicates != 1 || info.InvalidUTF8 != 1 {
			t.Errorf("duplicates %d, invalid UTF-8 %d; want 1 and 1", info.Duplicates, info.InvalidUTF8)
		}
	})
	t.Run("nan rejected", func(t *testing.T) {
		nan := float32(math.NaN())
		content := binaryRecords("2 2\n", "", []string{"a", "b"}, [][]float32{{1, 2}, {3, nan}})
		_, _, err := Load(writeFile(t, "v.bin", content), LoadOptions{})
		var pe *ParseError
		if !errors.As(err, &pe) || pe.Line != 2 || pe.Column != 3 || !pe.Binary {
			t.Fatalf("error = %v, want a ParseError at vector 2, column 3", err)
		}
	})
}

func TestLoadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := LoadContext(ctx, writeFile(t, "g.txt", "a 1 2\n"), LoadOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v, want context.Canceled", err)
	}
}

func TestLoadProgressReachesTotal(t *testing.T) {
	content := strings.Repeat("word 0.25 0.5 0.75\n", 1000)
	var lastRead, lastTotal int64
	_, _, err := Load(writeFile(t, "g.txt", content), LoadOptions{Progress: func(read, total int64) {
		lastRead, lastTotal = read, total
	}})
	if err != nil {
		t.Fatal(err)
	}
	if n := int64(len(content)); lastRead != n || lastTotal != n {
		t.Errorf("last progress %d/%d, want %d/%d", lastRead, lastTotal, n, n)
	}
}

// TestLoadManyChunks makes the parallel parser split a file into many
// chunks, and checks that order and line numbers survive.
func TestLoadManyChunks(t *testing.T) {
	var b strings.Builder
	const rows = 60000 // about 9 MB, three chunks
	for i := range rows {
		b.WriteString("w")
		b.WriteString(strings.Repeat("x", i%7))
		b.WriteString(strconv.Itoa(i))
		b.WriteString(" 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.0 1.1 1.2 1.3 1.4 1.5 1.6 1.7 1.8 1.9 2.0 2.1 2.2 2.3 2.4 2.5 2.6 2.7 2.8 2.9 3.0 3.1 3.2 3.3 3.4 3.5 3.6 3.7 3.8 3.9 4.0\n")
	}
	content := b.String()
	v, _, err := Load(writeFile(t, "g.txt", content), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if v.Len() != rows {
		t.Fatalf("read %d vectors, want %d", v.Len(), rows)
	}
	for _, i := range []int{0, 1, rows / 2, rows - 1} {
		if want := "w" + strings.Repeat("x", i%7) + strconv.Itoa(i); v.Words[i] != want {
			t.Errorf("word %d = %q, want %q", i, v.Words[i], want)
		}
	}

	// A bad value near the end must name its line, counted across chunks.
	word := "w" + strings.Repeat("x", 55555%7) + "55555"
	bad := strings.Replace(content, word+" 0.1", word+" oops", 1)
	_, _, err = Load(writeFile(t, "g.txt", bad), LoadOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 55556 || pe.Column != 2 {
		t.Fatalf("error = %v, want line 55556 column 2", err)
	}
}

func gzipped(s string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	zw.Close()
	return b.String()
}

func TestLoadGzip(t *testing.T) {
	vecs := [][]float32{{0.5, -1.25, 3}, {0.25, 1e-3, -2}, {1, 2, 0.125}}
	tests := []struct{ name, content, format string }{
		{"word2vec text", gzipped("3 3\nking 0.5 -1.25 3\nqueen 0.25 0.001 -2\ndog 1 2 0.125\n"), FormatWord2Vec},
		{"binary", gzipped(binaryRecords("3 3\n", "\n", want3.words, vecs)), FormatWord2VecBinary},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, info, err := Load(writeFile(t, "v.gz", tc.content), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, v, want3.words, 3, want3.data)
			if info.Format != tc.format || !info.Gzip {
				t.Errorf("format %q, gzip %v; want %q, true", info.Format, info.Gzip, tc.format)
			}
		})
	}
	t.Run("truncated", func(t *testing.T) {
		content := gzipped(strings.Repeat("word 0.25 0.5\n", 1000))
		_, _, err := Load(writeFile(t, "v.gz", content[:len(content)-10]), LoadOptions{})
		if err == nil || !strings.Contains(err.Error(), "truncated") {
			t.Fatalf("error = %v, want one saying the file is truncated", err)
		}
	})
}

func TestLoadFastTextModelRejected(t *testing.T) {
	_, _, err := Load(writeFile(t, "m.bin", "\xba\x16\x4f\x2f\x0c\x00\x00\x00rest"), LoadOptions{})
	if err == nil || !strings.Contains(err.Error(), ".vec file") {
		t.Fatalf("error = %v, want one pointing to the .vec file", err)
	}
}

func TestLoadLimit(t *testing.T) {
	vecs := [][]float32{{1, 2}, {3, 4}, {5, 6}}
	tests := []struct{ name, file, content string }{
		{"word2vec text", "v.txt", "3 2\na 1 2\na 9 9\nb 3 4\nc 5 6\n"},
		{"glove with a bad line after the limit", "g.txt", "a 1 2\nb 3 4\nc nan 6\n"},
		{"binary", "v.bin", binaryRecords("3 2\n", "", []string{"a", "b", "c"}, vecs)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, info, err := Load(writeFile(t, tc.file, tc.content), LoadOptions{Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			checkVectors(t, v, []string{"a", "b"}, 2, []float32{1, 2, 3, 4})
			if !info.Limited {
				t.Error("info.Limited is false")
			}
			for _, w := range info.Warnings {
				if strings.Contains(w, "count line") {
					t.Errorf("warning %q about the count line, want none with a limit", w)
				}
			}
		})
	}

	t.Run("projector", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "vectors.tsv")
		os.WriteFile(path, []byte("1\t2\n3\t4\n5\t6\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "metadata.tsv"), []byte("a\nb\nc\n"), 0o644)
		v, _, err := Load(path, LoadOptions{Limit: 2})
		if err != nil {
			t.Fatal(err)
		}
		checkVectors(t, v, []string{"a", "b"}, 2, []float32{1, 2, 3, 4})
	})

	t.Run("many chunks", func(t *testing.T) {
		var b strings.Builder
		for i := range 600000 { // about 9 MB, so that chunks are in flight when the limit stops them
			b.WriteString("w" + strconv.Itoa(i) + " 0.25 0.5\n")
		}
		v, _, err := Load(writeFile(t, "g.txt", b.String()), LoadOptions{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if v.Len() != 1000 || v.Words[999] != "w999" {
			t.Errorf("read %d vectors, last %q; want 1000, w999", v.Len(), v.Words[v.Len()-1])
		}
	})
}

func TestLoadMalformedFirstVectorIsText(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.txt")
	if err := os.WriteFile(path, []byte("2 3\nking 1 2 x\nqueen 1 2 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := Load(path, LoadOptions{})
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("Load = %v, want a *ParseError", err)
	}
	if pe.Line != 2 || pe.Column != 4 {
		t.Errorf("error at line %d column %d, want line 2 column 4: %v", pe.Line, pe.Column, err)
	}
}
