package wordvec

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// roundTripVectors returns words (with a non-breaking space, non-ASCII and
// punctuation among them) and values that stress exact round trips:
// extremes of float32, subnormals, negative zero and random bits.
func roundTripVectors(n, dim int) *Vectors {
	r := rand.New(rand.NewPCG(7, 7))
	words := make([]string, n)
	data := make([]float32, n*dim)
	specials := []float32{0, float32(math.Copysign(0, -1)), math.MaxFloat32, -math.MaxFloat32,
		math.SmallestNonzeroFloat32, 1e-38, 0.1, 1.0 / 3, 16777217}
	for i := range words {
		words[i] = []string{"w", "é", "new\u00a0york", "--", "''", "हि"}[i%6] + strconv.Itoa(i)
		for j := range dim {
			var x float32
			switch r.IntN(3) {
			case 0:
				x = specials[r.IntN(len(specials))]
			case 1:
				x = float32(r.NormFloat64())
			default:
				x = math.Float32frombits(r.Uint32())
				if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
					x = 1
				}
			}
			data[i*dim+j] = x
		}
	}
	return New(words, dim, data)
}

func sameBits(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

func TestWriteRoundTrip(t *testing.T) {
	v := roundTripVectors(50, 7)
	tests := []struct {
		format, name string
	}{
		{FormatWord2Vec, "v.txt"},
		{FormatWord2VecBinary, "v.bin"},
		{FormatGloVe, "g.txt"},
		{FormatProjector, "vectors.tsv"},
	}
	for _, tc := range tests {
		t.Run(tc.format, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), tc.name)
			meta, err := v.Save(path, tc.format)
			if err != nil {
				t.Fatal(err)
			}
			if (meta != "") != (tc.format == FormatProjector) {
				t.Errorf("metadata path %q for %s", meta, tc.format)
			}
			got, info, err := Load(path, LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != tc.format {
				t.Errorf("detected %q, want %q", info.Format, tc.format)
			}
			if !slices.Equal(got.Words, v.Words) {
				t.Errorf("words differ: %q, want %q", got.Words[:3], v.Words[:3])
			}
			if got.Dim != v.Dim || !sameBits(got.Data, v.Data) {
				t.Errorf("values differ after the round trip")
			}
			if len(info.Warnings) != 0 {
				t.Errorf("warnings %q", info.Warnings)
			}
		})
	}
}

func TestWriteWord2VecBinaryLayout(t *testing.T) {
	// The C word2vec layout: header, then word, space, little-endian
	// float32 and a newline per vector.
	var b bytes.Buffer
	if err := New([]string{"a"}, 1, []float32{1}).WriteWord2Vec(&b, true); err != nil {
		t.Fatal(err)
	}
	if want := "1 1\na \x00\x00\x80\x3f\n"; b.String() != want {
		t.Errorf("binary = %q, want %q", b.String(), want)
	}
	b.Reset()
	if err := New([]string{"a", "b"}, 2, []float32{0.5, -1, 3, 1e-7}).WriteWord2Vec(&b, false); err != nil {
		t.Fatal(err)
	}
	if want := "2 2\na 0.5 -1\nb 3 1e-07\n"; b.String() != want {
		t.Errorf("text = %q, want %q", b.String(), want)
	}
}

func TestWriteRejectsUnstorableWords(t *testing.T) {
	tests := []struct {
		format, word, want string
	}{
		{FormatWord2VecBinary, "new york", "contains a space"},
		{FormatWord2Vec, "a\nb", "line break"},
		{FormatGloVe, "", "is empty"},
		{FormatGloVe, " lead", "starts or ends"},
		{FormatGloVe, "route 66", "ends with a number"},
		{FormatProjector, "a\tb", "contains a tab"},
	}
	for _, tc := range tests {
		t.Run(tc.format+" "+strconv.Quote(tc.word), func(t *testing.T) {
			v := New([]string{"ok", tc.word}, 1, []float32{1, 2})
			path := filepath.Join(t.TempDir(), "out")
			_, err := v.Save(path, tc.format)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "word 2") {
				t.Fatalf("error = %v, want one about word 2 containing %q", err, tc.want)
			}
			if _, statErr := os.Stat(path); statErr == nil {
				t.Errorf("%s was written despite the error", path)
			}
		})
	}
}

func TestSaveKeepsOldFileOnError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.bin")
	os.WriteFile(path, []byte("old"), 0o644)
	if _, err := New([]string{"a b"}, 1, []float32{1}).Save(path, ""); err == nil {
		t.Fatal("no error for a word with a space in word2vec binary")
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("file = %q, want the old content kept", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder has %d entries, want only the old file (no temporary file left)", len(entries))
	}
}

func TestMetadataPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"out/vectors.tsv", "out/metadata.tsv"},
		{"out/glove_vectors.tsv", "out/glove_metadata.tsv"},
		{"emb.tsv", "emb_metadata.tsv"},
	}
	for _, tc := range tests {
		if got := MetadataPath(filepath.FromSlash(tc.in)); got != filepath.FromSlash(tc.want) {
			t.Errorf("MetadataPath(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Two exports in one folder keep separate words files.
	dir := t.TempDir()
	for _, name := range []string{"a.tsv", "b.tsv"} {
		meta, err := New([]string{name}, 1, []float32{1}).Save(filepath.Join(dir, name), "")
		if err != nil {
			t.Fatal(err)
		}
		v, _, err := Load(filepath.Join(dir, name), LoadOptions{})
		if err != nil {
			t.Fatalf("loading %s back (words in %s): %v", name, meta, err)
		}
		if v.Words[0] != name {
			t.Errorf("%s loads the words %q, want its own", name, v.Words)
		}
	}
	if v, _, err := Load(filepath.Join(dir, "a.tsv"), LoadOptions{}); err != nil || v.Words[0] != "a.tsv" {
		t.Errorf("a.tsv after b.tsv was written: words %v, err %v; want its own words", v, err)
	}
}

func TestWriteCoordinatesCSV(t *testing.T) {
	var b bytes.Buffer
	err := WriteCoordinatesCSV(&b, []string{"a,b", "x"}, []float64{0.5, -1e-9}, []float64{2, 0.1})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"word", "x", "y"}, {"a,b", "0.5", "2"}, {"x", "-1e-09", "0.1"}}
	if !slices.EqualFunc(rows, want, slices.Equal) {
		t.Errorf("rows = %q, want %q", rows, want)
	}
	if err := WriteCoordinatesCSV(&b, []string{"a"}, nil, nil); err == nil {
		t.Error("no error for missing coordinates")
	}
}

// TestWriteNeighborsCSV checks that the last column holds the value the
// metric ranked by and that the header names it.
func TestWriteNeighborsCSV(t *testing.T) {
	lists := []NeighborList{
		{Query: "king", Neighbors: []Neighbor{{Word: "queen", Similarity: 0.75, Distance: 1.5}, {Word: "prince", Similarity: 0.5, Distance: 2}}},
		{Query: "dog", Neighbors: []Neighbor{{Word: "cat", Similarity: -0.25, Distance: 3.25}}},
	}
	tests := []struct {
		metric Metric
		want   string
	}{
		{Cosine, "query,rank,word,cosine_similarity\nking,1,queen,0.75\nking,2,prince,0.5\ndog,1,cat,-0.25\n"},
		{Euclidean, "query,rank,word,euclidean_distance\nking,1,queen,1.5\nking,2,prince,2\ndog,1,cat,3.25\n"},
	}
	for _, tc := range tests {
		t.Run(tc.metric.String(), func(t *testing.T) {
			var b bytes.Buffer
			if err := WriteNeighborsCSV(&b, lists, tc.metric); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("csv = %q, want %q", b.String(), tc.want)
			}
		})
	}

	var b bytes.Buffer
	if err := WriteNeighborsCSV(&b, lists, Metric(7)); err == nil {
		t.Error("WriteNeighborsCSV with Metric(7) returned no error")
	}
}

func TestParseValueMatchesStrconv(t *testing.T) {
	// parseValue's fast path must give strconv's correctly rounded result
	// for every spelling a vector file uses.
	r := rand.New(rand.NewPCG(3, 3))
	spell := []func(f float32) string{
		func(f float32) string { return strconv.FormatFloat(float64(f), 'g', -1, 32) },
		func(f float32) string { return strconv.FormatFloat(float64(f), 'f', 6, 32) },
		func(f float32) string { return strconv.FormatFloat(float64(f), 'f', 5, 64) },
		func(f float32) string { return strconv.FormatFloat(float64(f), 'e', 18, 64) },
		func(f float32) string { return strconv.FormatFloat(float64(f), 'e', 4, 32) },
	}
	for i := range 200000 {
		f := float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(12)-6)))
		s := spell[i%len(spell)](f)
		want, err := strconv.ParseFloat(s, 32)
		got, ok := parseValue([]byte(s))
		if err != nil || !ok || math.Float32bits(got) != math.Float32bits(float32(want)) {
			t.Fatalf("parseValue(%q) = %v, %v; strconv gives %v, %v", s, got, ok, float32(want), err)
		}
	}
	for _, s := range []string{"", "-", ".", "e5", "1e", "1e+", "nan", "NaN", "inf", "-Infinity", "1e39", "0x", "1..2", "--1", "1_0", "١"} {
		if v, ok := parseValue([]byte(s)); ok {
			t.Errorf("parseValue(%q) = %v, true; want rejected", s, v)
		}
	}
}
