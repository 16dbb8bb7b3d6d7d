package wordvec

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// handMade returns 2-D vectors whose cosines to "a" = (1, 0) follow from
// the angles: b at 45° gives 1/√2, c at 90° gives 0, d at 180° gives -1,
// e is a longer copy of a and gives 1, and zero gives 0 by convention.
func handMade() *Vectors {
	return New(
		[]string{"a", "b", "c", "d", "e", "zero"},
		2,
		[]float32{
			1, 0,
			1, 1,
			0, 1,
			-1, 0,
			2, 0,
			0, 0,
		})
}

func TestNearestHandMade(t *testing.T) {
	const tol = 1e-7
	tests := []struct {
		name  string
		word  string
		k     int
		words []string
		sims  []float64
	}{
		{"all of a", "a", 10, []string{"e", "b", "c", "zero", "d"}, []float64{1, 1 / math.Sqrt2, 0, 0, -1}},
		{"top two of a", "a", 2, []string{"e", "b"}, []float64{1, 1 / math.Sqrt2}},
		{"k equals others", "a", 5, []string{"e", "b", "c", "zero", "d"}, []float64{1, 1 / math.Sqrt2, 0, 0, -1}},
		// c = (0, 1): b is at 45°. a, d and e are at 90° and tie at 0 with
		// the zero vector, so these four keep row order.
		{"ties keep row order", "c", 10, []string{"b", "a", "d", "e", "zero"}, []float64{1 / math.Sqrt2, 0, 0, 0, 0}},
		{"zero vector query", "zero", 3, []string{"a", "b", "c"}, []float64{0, 0, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := handMade().Nearest(tc.word, tc.k)
			if err != nil {
				t.Fatalf("Nearest(%q, %d): %v", tc.word, tc.k, err)
			}
			if len(got) != len(tc.words) {
				t.Fatalf("Nearest(%q, %d) returned %d neighbors %v, want %d", tc.word, tc.k, len(got), got, len(tc.words))
			}
			for i, n := range got {
				if n.Word != tc.words[i] {
					t.Errorf("neighbor %d is %q, want %q (all: %v)", i, n.Word, tc.words[i], got)
				}
				if math.Abs(n.Similarity-tc.sims[i]) > tol {
					t.Errorf("similarity of %q is %v, want %v ± %g", n.Word, n.Similarity, tc.sims[i], tol)
				}
				if n.Word == tc.word {
					t.Errorf("query word %q is among its own neighbors", tc.word)
				}
			}
		})
	}
}

func TestNearestErrors(t *testing.T) {
	v := handMade()

	_, err := v.Nearest("xyz", 3)
	var unknown *UnknownWordError
	if !errors.As(err, &unknown) {
		t.Fatalf("Nearest(unknown) error = %v, want *UnknownWordError", err)
	}
	if unknown.Word != "xyz" {
		t.Errorf("UnknownWordError.Word = %q, want %q", unknown.Word, "xyz")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, `wordvec: "xyz" is not in the vocabulary`) {
		t.Errorf("message = %q, want it to name the word", msg)
	}

	for _, k := range []int{0, -1} {
		if _, err := v.Nearest("a", k); err == nil {
			t.Errorf("Nearest(a, %d) returned no error, want one for k < 1", k)
		}
	}

	bad := New([]string{"a", "b"}, 2, []float32{1, 2, 3})
	if _, err := bad.Nearest("a", 1); err == nil {
		t.Error("Nearest on 3 values for 2×2 returned no error")
	}
	if _, ok := bad.Index("a"); ok {
		t.Error("Index on mismatched shape returned ok")
	}
	if _, err := New([]string{"a"}, 0, nil).Nearest("a", 1); err == nil {
		t.Error("Nearest with Dim 0 returned no error")
	}
}

func TestNearestSingleWord(t *testing.T) {
	got, err := New([]string{"only"}, 3, []float32{1, 2, 3}).Nearest("only", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("Nearest in a one-word vocabulary = %v, want none", got)
	}
}

func TestNearestDuplicateWord(t *testing.T) {
	// A second row for "a" is the same word, so it must not show up as a
	// neighbor even though its cosine is 1.
	v := New([]string{"a", "b", "a"}, 2, []float32{1, 0, 0, 1, 1, 0})
	got, err := v.Nearest("a", 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Word != "b" {
		t.Errorf("Nearest(a) = %v, want only b", got)
	}
	if i, _ := v.Index("a"); i != 0 {
		t.Errorf("Index(a) = %d, want the first row 0", i)
	}
}

func TestNearestNonFinite(t *testing.T) {
	inf := float32(math.Inf(1))
	nan := float32(math.NaN())
	v := New([]string{"a", "inf", "nan", "b"}, 2, []float32{1, 0, inf, 0, nan, 1, 1, 0})
	got, err := v.Nearest("a", 3)
	if err != nil {
		t.Fatal(err)
	}
	want := []Neighbor{
		{Word: "b", Similarity: 1, Distance: 0, Row: 3},
		{Word: "inf", Similarity: 0, Distance: 1, Row: 1},
		{Word: "nan", Similarity: 0, Distance: 1, Row: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Nearest(a) = %v, want %v", got, want)
	}
}

func TestIndexAndVector(t *testing.T) {
	v := handMade()
	i, ok := v.Index("d")
	if !ok || i != 3 {
		t.Errorf("Index(d) = %d, %v, want 3, true", i, ok)
	}
	if _, ok := v.Index("nope"); ok {
		t.Error("Index(nope) = ok, want not found")
	}
	vec, ok := v.Vector("b")
	if !ok || !slices.Equal(vec, []float32{1, 1}) {
		t.Errorf("Vector(b) = %v, %v, want [1 1], true", vec, ok)
	}
	if _, ok := v.Vector("nope"); ok {
		t.Error("Vector(nope) = ok, want not found")
	}
	if v.Len() != 6 {
		t.Errorf("Len = %d, want 6", v.Len())
	}
}

// TestNearestMatchesFullSort compares the heap selection with sorting every
// row by a separately written cosine.
func TestNearestMatchesFullSort(t *testing.T) {
	const n, dim, k = 300, 7, 25
	rng := rand.New(rand.NewPCG(3, 3))
	v := randomVectors(rng, n, dim)
	// Duplicate a row so that exact ties occur.
	copy(v.Data[10*dim:11*dim], v.Data[20*dim:21*dim])

	for _, q := range []int{0, 10, 20, 299} {
		want := make([]candidate, 0, n-1)
		a := v.Data[q*dim : (q+1)*dim]
		for i := range n {
			if i == q {
				continue
			}
			b := v.Data[i*dim : (i+1)*dim]
			var ab, aa, bb float64
			for j := range dim {
				ab += float64(a[j]) * float64(b[j])
				aa += float64(a[j]) * float64(a[j])
				bb += float64(b[j]) * float64(b[j])
			}
			want = append(want, candidate{ab / math.Sqrt(aa*bb), i})
		}
		sort.SliceStable(want, func(i, j int) bool { return want[i].sim > want[j].sim })

		got, err := v.Nearest(v.Words[q], k)
		if err != nil {
			t.Fatal(err)
		}
		for i := range k {
			if got[i].Word != v.Words[want[i].row] || math.Abs(got[i].Similarity-want[i].sim) > 1e-12 {
				t.Errorf("query %d, rank %d: got %s %.15f, want %s %.15f",
					q, i, got[i].Word, got[i].Similarity, v.Words[want[i].row], want[i].sim)
			}
		}
	}
}

func TestNearestConcurrentFirstUse(t *testing.T) {
	v := randomVectors(rand.New(rand.NewPCG(4, 4)), 200, 5)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for g := range errs {
		wg.Go(func() { _, errs[g] = v.Nearest(v.Words[g], 3) })
	}
	wg.Wait()
	for g, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", g, err)
		}
	}
}

func randomVectors(rng *rand.Rand, n, dim int) *Vectors {
	words := make([]string, n)
	data := make([]float32, n*dim)
	for i := range words {
		words[i] = "w" + strconv.Itoa(i)
	}
	for i := range data {
		data[i] = float32(rng.NormFloat64())
	}
	return New(words, dim, data)
}

func BenchmarkNearest(b *testing.B) {
	v := randomVectors(rand.New(rand.NewPCG(1, 1)), 10000, 100)
	if _, err := v.Nearest("w0", 10); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, err := v.Nearest(v.Words[i%len(v.Words)], 10); err != nil {
			b.Fatal(err)
		}
	}
}
