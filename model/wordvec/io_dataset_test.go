package wordvec

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestLoadPretrainedVectors loads the small pretrained vector files of the
// datasets folder. The expected shapes are what gensim 4.2.0's
// load_word2vec_format returns for the same files, and agree with their
// count lines.
func TestLoadPretrainedVectors(t *testing.T) {
	dir := os.Getenv("EMBEDLAB_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "datasets")
	}
	dir = filepath.Join(dir, "pretrained_vectors")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("pretrained vectors not found at %s: %v", dir, err)
	}
	tests := []struct {
		file, format string
		words, dim   int
		first        string
	}{
		{"lee_fasttext.vec", FormatWord2Vec, 1762, 10, "the"},
		{"EN.1-10.cbow1_wind5_hs0_neg10_size300_smpl1e-05.txt", FormatWord2Vec, 20, 300, "one"},
		{"euclidean_vectors.bin", FormatWord2VecBinary, 2747, 10, "the"},
		{"test_glove.txt", FormatGloVe, 76, 50, "the"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			v, info, err := Load(filepath.Join(dir, tc.file), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != tc.format || v.Len() != tc.words || v.Dim != tc.dim {
				t.Errorf("got %s %d×%d, want %s %d×%d", info.Format, v.Len(), v.Dim, tc.format, tc.words, tc.dim)
			}
			if v.Words[0] != tc.first {
				t.Errorf("first word %q, want %q", v.Words[0], tc.first)
			}
			if len(info.Warnings) != 0 || info.Duplicates != 0 || info.InvalidUTF8 != 0 {
				t.Errorf("warnings %q, %d duplicates, %d invalid UTF-8; want none", info.Warnings, info.Duplicates, info.InvalidUTF8)
			}
		})
	}
}

// writeSyntheticGloVe writes rows×dim GloVe text shaped like glove.6B:
// values of about ±0.4 with six decimals.
func writeSyntheticGloVe(path string, rows, dim int) error {
	r := rand.New(rand.NewPCG(1, 1))
	return WriteFileAtomic(path, func(w io.Writer) error {
		var buf []byte
		for i := range rows {
			buf = append(buf[:0], "w"...)
			buf = strconv.AppendInt(buf, int64(i), 10)
			for range dim {
				buf = append(buf, ' ')
				buf = strconv.AppendFloat(buf, r.NormFloat64()*0.4, 'f', 6, 64)
			}
			buf = append(buf, '\n')
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}

// TestLoadLargeGloVe times a large GloVe load for the benchmark records.
// It runs only when EMBEDLAB_BIG_GLOVE names a file: an existing one is
// loaded as it is, and a missing one is first written with
// EMBEDLAB_BIG_ROWS rows (400000 by default) of 300 numbers, about 1 GB.
func TestLoadLargeGloVe(t *testing.T) {
	path := os.Getenv("EMBEDLAB_BIG_GLOVE")
	if path == "" {
		t.Skip("set EMBEDLAB_BIG_GLOVE to a file path to run")
	}
	if _, err := os.Stat(path); err != nil {
		rows := 400000
		if s := os.Getenv("EMBEDLAB_BIG_ROWS"); s != "" {
			rows, _ = strconv.Atoi(s)
		}
		if err := writeSyntheticGloVe(path, rows, 300); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	v, info, err := Load(path, LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	fmt.Printf("loaded %d×%d (%s) in %.2fs\n", v.Len(), v.Dim, info.Format, elapsed.Seconds())
}

func BenchmarkLoadGloVe(b *testing.B) {
	path := filepath.Join(b.TempDir(), "g.txt")
	const rows, dim = 5000, 300
	if err := writeSyntheticGloVe(path, rows, dim); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(path)
	b.SetBytes(st.Size())
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Load(path, LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseValue(b *testing.B) {
	fields := [][]byte{[]byte("0.418"), []byte("-0.082752"), []byte("0.12345679"), []byte("-1.671300083398818970e-02")}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, ok := parseValue(fields[i%len(fields)]); !ok {
			b.Fatal("rejected")
		}
	}
}
