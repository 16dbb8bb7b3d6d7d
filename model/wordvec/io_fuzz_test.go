package wordvec

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"unicode/utf8"
)

// checkLoadedVectors checks what every successful Load promises, then saves
// v in format and loads it back, which must give the same words and bits.
func checkLoadedVectors(t *testing.T, v *Vectors, info LoadInfo, format string) {
	t.Helper()
	if v.Dim < 1 || len(v.Data) != v.Len()*v.Dim || v.Len() == 0 {
		t.Fatalf("shape: %d words, dim %d, %d values", v.Len(), v.Dim, len(v.Data))
	}
	if info.Words != v.Len() || info.Dim != v.Dim {
		t.Errorf("info %d×%d, vectors %d×%d", info.Words, info.Dim, v.Len(), v.Dim)
	}
	for _, x := range v.Data {
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			t.Fatalf("non-finite value %v loaded", x)
		}
	}
	seen := map[string]bool{}
	for _, w := range v.Words {
		if w == "" || !utf8.ValidString(w) || seen[w] {
			t.Fatalf("word %q is empty, invalid UTF-8 or repeated", w)
		}
		seen[w] = true
	}

	if v.checkWords(format) != nil {
		return // not storable in this format, which Save reports
	}
	path := filepath.Join(t.TempDir(), "roundtrip")
	if format == FormatProjector {
		path += "_vectors.tsv"
	}
	if _, err := v.Save(path, format); err != nil {
		t.Fatalf("save: %v", err)
	}
	got, _, err := Load(path, LoadOptions{Format: format})
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	if !slices.Equal(got.Words, v.Words) || !sameBits(got.Data, v.Data) {
		t.Fatalf("round trip changed the vectors: %q → %q", v.Words, got.Words)
	}
}

func fuzzLoad(t *testing.T, name string, data []byte, format string) {
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	v, info, err := Load(path, LoadOptions{Format: format})
	if err != nil {
		return
	}
	checkLoadedVectors(t, v, info, format)
}

func FuzzLoadWord2VecText(f *testing.F) {
	for _, s := range []string{
		"2 3\nking 0.5 -1.25 3\nqueen 0.25 1e-3 -2\n",
		"2 2 \nnew york 1 2 \nla 3 4 \n",
		"1 2\r\ncaf\xe9 1 2\r\n",
		"3 2\na 1 2\na 3 4\nb 5",
		"1 2\na nan 2\n",
		"0 0\n",
		"",
		"1 1\n\u00a0x 1e38\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, "v.txt", data, FormatWord2Vec)
	})
}

func FuzzLoadWord2VecBinary(f *testing.F) {
	vecs := [][]float32{{1, 2}, {3, float32(math.Inf(1))}}
	for _, s := range []string{
		binaryRecords("2 2\n", "\n", []string{"a", "b"}, [][]float32{{1, 2}, {3, 4}}),
		binaryRecords("2 2\n", "", []string{"a", "\xff"}, [][]float32{{1, 2}, {3, 4}}),
		binaryRecords("2 2\n", "", []string{"a", "b"}, vecs),
		binaryRecords("3 1\n", "", []string{"a", "a", "c"}, [][]float32{{1}, {2}, {3}})[:20],
		"1 1\n",
		"x",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, "v.bin", data, FormatWord2VecBinary)
	})
}

func FuzzLoadGloVe(f *testing.F) {
	for _, s := range []string{
		"the 0.418 0.24968 -0.41242\n, 0.013441 0.23682 -0.16899\n",
		"\ufeffa\t1\t2\r\n\r\nb 3 4",
		"1999 0.5 1\n2000 2 3\n",
		"a 1 2\nb 1 2 3\n",
		"a -0 1E2 -2.5e-3\n",
		"\x00\x01",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzLoad(t, "g.txt", data, FormatGloVe)
	})
}

func FuzzLoadProjector(f *testing.F) {
	for _, s := range [][2]string{
		{"0.5\t-1.25\n0.25\t1e-3\n", "king\nqueen\n"},
		{"1\t2\n3\t4\n", "word\tcount\na\t1\nb\t2\n"},
		{"1\t2\n3\t4\n5\t6\n", "\na\nb\n"},
		{"1\t2\n3", "a\nb\n"},
		{"1 2\n", "word\na\n"},
		{"", ""},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, vectors, metadata []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "vectors.tsv")
		os.WriteFile(path, vectors, 0o644)
		os.WriteFile(filepath.Join(dir, "metadata.tsv"), metadata, 0o644)
		v, info, err := Load(path, LoadOptions{Format: FormatProjector})
		if err != nil {
			return
		}
		rows := bytes.Count(vectors, []byte{'\n'}) + 1
		if v.Len() > rows {
			t.Fatalf("%d vectors from %d lines", v.Len(), rows)
		}
		checkLoadedVectors(t, v, info, FormatProjector)
	})
}
