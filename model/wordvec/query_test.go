package wordvec

import (
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"testing"
)

// bruteForce ranks every allowed row by a float64 score computed here
// independently of the package, best first, ties in row order.
func bruteForce(v *Vectors, q []float32, opts SearchOptions, excluded map[int]bool) []candidate {
	n := v.Len()
	if opts.Restrict > 0 {
		n = min(n, opts.Restrict)
	}
	var all []candidate
	for i := range n {
		if excluded[i] {
			continue
		}
		r := v.Data[i*v.Dim : (i+1)*v.Dim]
		var qr, qq, rr, d2 float64
		for j := range r {
			qr += float64(q[j]) * float64(r[j])
			qq += float64(q[j]) * float64(q[j])
			rr += float64(r[j]) * float64(r[j])
			d := float64(q[j]) - float64(r[j])
			d2 += d * d
		}
		score := 0.0
		if opts.Metric == Euclidean {
			score = -math.Sqrt(d2)
		} else if qq > 0 && rr > 0 {
			score = qr / math.Sqrt(qq*rr)
		}
		all = append(all, candidate{score, i})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].sim > all[j].sim })
	return all[:min(opts.K, len(all))]
}

func checkAgainstBrute(t *testing.T, v *Vectors, q []float32, opts SearchOptions, got []Neighbor, excluded map[int]bool) {
	t.Helper()
	want := bruteForce(v, q, opts, excluded)
	if len(got) != len(want) {
		t.Fatalf("got %d neighbours, want %d", len(got), len(want))
	}
	for i, w := range want {
		score := got[i].Similarity
		if opts.Metric == Euclidean {
			score = -got[i].Distance
		}
		if got[i].Row != w.row || math.Abs(score-w.sim) > 1e-9 {
			t.Errorf("rank %d: got row %d score %.12f, want row %d score %.12f", i, got[i].Row, score, w.row, w.sim)
		}
	}
}

func TestNearestVectorMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	const n, dim = 3000, 40
	v := randomVectors(rng, n, dim)
	// Exact duplicates tie; scaled copies tie for cosine only; a zero row,
	// tiny and huge rows test the cases the float32 stage hands over.
	copy(v.Data[5*dim:6*dim], v.Data[50*dim:51*dim])
	for j := range dim {
		v.Data[60*dim+j] = 3 * v.Data[61*dim+j]
		v.Data[70*dim+j] = 0
		v.Data[80*dim+j] *= 1e-20
		v.Data[90*dim+j] *= 1e20
	}
	for _, metric := range []Metric{Cosine, Euclidean} {
		for _, restrict := range []int{0, 500} {
			for _, qrow := range []int{5, 61, 70, 80, 1234} {
				opts := SearchOptions{K: 15, Metric: metric, Restrict: restrict}
				q := slices.Clone(v.Data[qrow*dim : (qrow+1)*dim])
				got, err := v.NearestVector(q, opts)
				if err != nil {
					t.Fatal(err)
				}
				t.Run(metric.String(), func(t *testing.T) { checkAgainstBrute(t, v, q, opts, got, nil) })
			}
		}
	}
}

func TestNearestBatchEqualsSingle(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	const n, dim, nq = 2000, 30, 37
	v := randomVectors(rng, n, dim)
	queries := make([]float32, nq*dim)
	for i := range queries {
		queries[i] = float32(rng.NormFloat64())
	}
	for _, metric := range []Metric{Cosine, Euclidean} {
		opts := SearchOptions{K: 7, Metric: metric, Exclude: []string{"w3", "w10"}}
		batch, err := v.NearestBatch(queries, opts)
		if err != nil {
			t.Fatal(err)
		}
		if len(batch) != nq {
			t.Fatalf("%d result lists, want %d", len(batch), nq)
		}
		for qi := range nq {
			q := queries[qi*dim : (qi+1)*dim]
			single, err := v.NearestVector(q, opts)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(batch[qi], single) {
				t.Errorf("%v query %d: batch %v, single %v", metric, qi, batch[qi], single)
			}
			checkAgainstBrute(t, v, q, opts, batch[qi], map[int]bool{3: true, 10: true})
		}
	}
	if _, err := v.NearestBatch(queries[:dim+1], SearchOptions{K: 1}); err == nil {
		t.Error("NearestBatch with a partial query returned no error")
	}
}

func TestNearestWithOptions(t *testing.T) {
	v := handMade() // a (1,0), b (1,1), c (0,1), d (-1,0), e (2,0), zero
	tests := []struct {
		name  string
		word  string
		opts  SearchOptions
		words []string
		dist  []float64
	}{
		// Distances from a = (1, 0): e 1, b 1, zero 1, c √2, d 2; ties in row order.
		{"euclidean", "a", SearchOptions{K: 5, Metric: Euclidean}, []string{"b", "e", "zero", "c", "d"}, []float64{1, 1, 1, math.Sqrt2, 2}},
		{"restrict", "a", SearchOptions{K: 5, Restrict: 3}, []string{"b", "c"}, []float64{1 - 1/math.Sqrt2, 1}},
		{"exclude", "a", SearchOptions{K: 2, Exclude: []string{"e", "nope"}}, []string{"b", "c"}, []float64{1 - 1/math.Sqrt2, 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := v.NearestWith(tc.word, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			var words []string
			for i, n := range got {
				words = append(words, n.Word)
				if i < len(tc.dist) && math.Abs(n.Distance-tc.dist[i]) > 1e-12 {
					t.Errorf("distance of %s = %v, want %v", n.Word, n.Distance, tc.dist[i])
				}
			}
			if !slices.Equal(words, tc.words) {
				t.Errorf("words = %v, want %v", words, tc.words)
			}
		})
	}

	bad := []SearchOptions{{K: 0}, {K: 1, Restrict: -1}, {K: 1, Metric: Metric(9)}}
	for _, opts := range bad {
		if _, err := v.NearestWith("a", opts); err == nil {
			t.Errorf("NearestWith(%+v) returned no error", opts)
		}
	}
	if _, err := v.NearestVector([]float32{1}, SearchOptions{K: 1}); err == nil {
		t.Error("NearestVector with a 1-value query on 2-D vectors returned no error")
	}
}

func TestZeroRowsFlagged(t *testing.T) {
	v := handMade()
	if got := v.ZeroRows(); !slices.Equal(got, []int{5}) {
		t.Errorf("ZeroRows = %v, want [5]", got)
	}
	got, err := v.NearestVector([]float32{0, 0}, SearchOptions{K: 6})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range got {
		if n.Similarity != 0 || math.IsNaN(n.Distance) {
			t.Errorf("zero query: %s similarity %v distance %v, want 0 and a number", n.Word, n.Similarity, n.Distance)
		}
		if n.Zero != (n.Word == "zero") {
			t.Errorf("%s: Zero = %v", n.Word, n.Zero)
		}
	}
}

// analogyVectors places words so that king − man + woman lands on queen:
// the gender offset is the second axis, royalty the first.
func analogyVectors() *Vectors {
	return New(
		[]string{"man", "woman", "king", "queen", "apple", "prince"},
		3,
		[]float32{
			0, 1, 0.1,
			0, -1, 0.1,
			1, 1, 0.1,
			1, -1, 0.1,
			-1, 0, 1,
			1, 0.9, 0.2,
		})
}

func TestAnalogy(t *testing.T) {
	v := analogyVectors()
	for _, method := range []AnalogyMethod{CosAdd, CosMul} {
		t.Run(method.String(), func(t *testing.T) {
			got, err := v.Analogy("man", "king", "woman", method, 3, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got[0].Word != "queen" {
				t.Errorf("man:king :: woman:? = %v, want queen first", got)
			}
			for _, n := range got {
				if n.Word == "man" || n.Word == "king" || n.Word == "woman" {
					t.Errorf("query word %s among the answers %v", n.Word, got)
				}
			}
		})
	}

	// 3CosMul score of queen from the formula, computed here by hand with
	// gensim's ε of 1e-6.
	unit := func(x []float64) []float64 {
		n := math.Sqrt(x[0]*x[0] + x[1]*x[1] + x[2]*x[2])
		return []float64{x[0] / n, x[1] / n, x[2] / n}
	}
	cos := func(a, b []float64) float64 {
		a, b = unit(a), unit(b)
		return (a[0]*b[0] + a[1]*b[1] + a[2]*b[2] + 1) / 2
	}
	queen := []float64{1, -1, 0.1}
	want := cos(queen, []float64{1, 1, 0.1}) * cos(queen, []float64{0, -1, 0.1}) / (cos(queen, []float64{0, 1, 0.1}) + 1e-6)
	got, err := v.Analogy("man", "king", "woman", CosMul, 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(got[0].Similarity-want) > 1e-6 {
		t.Errorf("3CosMul score of queen = %v, want %v", got[0].Similarity, want)
	}

	var unknown *UnknownWordError
	if _, err := v.Analogy("man", "nope", "woman", CosAdd, 1, 0); !errors.As(err, &unknown) || unknown.Word != "nope" {
		t.Errorf("Analogy with an unknown word: error %v, want *UnknownWordError for nope", err)
	}
}

func TestSimilarityAndOddOneOut(t *testing.T) {
	v := handMade()
	tests := []struct {
		a, b string
		want float64
	}{
		{"a", "b", 1 / math.Sqrt2},
		{"a", "d", -1},
		{"a", "zero", 0},
		{"e", "a", 1},
	}
	for _, tc := range tests {
		got, err := v.Similarity(tc.a, tc.b)
		if err != nil || math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("Similarity(%s, %s) = %v, %v, want %v", tc.a, tc.b, got, err, tc.want)
		}
	}
	if _, err := v.Similarity("a", "nope"); err == nil {
		t.Error("Similarity with an unknown word returned no error")
	}

	av := analogyVectors()
	// Royal men and a fruit: apple points away from the others.
	odd, err := av.OddOneOut([]string{"king", "prince", "man", "apple"})
	if err != nil || odd != "apple" {
		t.Errorf("OddOneOut = %q, %v, want apple", odd, err)
	}
	if _, err := av.OddOneOut([]string{"king"}); err == nil {
		t.Error("OddOneOut of one word returned no error")
	}
	if _, err := av.OddOneOut([]string{"king", "nope"}); err == nil {
		t.Error("OddOneOut with an unknown word returned no error")
	}
}

// TestNearestResolvesNearTies builds rows whose cosines to the query differ
// by about 1e-8, far below half and float32 precision, so the order can
// only come from the exact stage.
func TestNearestResolvesNearTies(t *testing.T) {
	const n, dim = 400, 16
	words := make([]string, n)
	data := make([]float32, n*dim)
	for i := range n {
		words[i] = "w" + strconv.Itoa(i)
		// Vector i is (1, s_i, 0, ...) with s_i growing with i, so its
		// cosine to (1, 0, ...) falls slowly with i. It is stored in row
		// n−1−i, so that row order and the expected ranking disagree.
		r := n - 1 - i
		data[r*dim] = 1
		data[r*dim+1] = float32(1e-4 * float64(i+1))
	}
	v := New(words, dim, data)
	q := make([]float32, dim)
	q[0] = 1
	got, err := v.NearestVector(q, SearchOptions{K: 10})
	if err != nil {
		t.Fatal(err)
	}
	for i, nb := range got {
		if want := n - 1 - i; nb.Row != want {
			t.Errorf("rank %d: row %d (similarity %.12f), want row %d", i, nb.Row, nb.Similarity, want)
		}
	}
}

func TestAnalogyHugeK(t *testing.T) {
	// A k far beyond the vocabulary must return every other word, not
	// allocate room for k.
	for _, method := range []AnalogyMethod{CosAdd, CosMul} {
		got, err := analogyVectors().Analogy("man", "king", "woman", method, 1<<40, 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Errorf("%v: %d answers, want the 3 other words", method, len(got))
		}
	}
}

func TestNearestTinyVectors(t *testing.T) {
	// Every squared norm is below the smallest normal float32, so the
	// float32 stage cannot rank these rows and must hand them all over.
	v := randomVectors(rand.New(rand.NewPCG(9, 9)), 200, 12)
	for i := range v.Data {
		v.Data[i] *= 1e-22
	}
	q := slices.Clone(v.Data[:12])
	for _, metric := range []Metric{Cosine, Euclidean} {
		opts := SearchOptions{K: 5, Metric: metric}
		got, err := v.NearestVector(q, opts)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(metric.String(), func(t *testing.T) { checkAgainstBrute(t, v, q, opts, got, nil) })
	}
}

// TestCosMulMatchesGensim compares Analogy's 3CosMul answers with gensim
// 4.2.0's most_similar_cosmul on the vectors of testdata/cosmul_vectors.txt.
// testdata/gen_cosmul.py wrote both files, and its doc says how to run it.
//
// gensim computes in float32, so its cos' carries an absolute error of a
// float32 step or two near 1, 1.2e-7 each. The tolerance on a score is
// therefore 1e-5 of it plus 2e-7/(cos'(x, a) + ε) of it. The second term
// matters for the word "opposite", whose cos'(x, a) is 2.7e-5; its score
// differed from gensim's by 6.7e-5 of itself. An ε of 0.001 would move
// every score by at least 0.1%, and that of "opposite" 36-fold.
func TestCosMulMatchesGensim(t *testing.T) {
	v, _, err := Load(filepath.Join("testdata", "cosmul_vectors.txt"), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("testdata", "cosmul_gensim.json"))
	if err != nil {
		t.Fatal(err)
	}
	var queries []struct {
		A, B, C string
		Answers []struct {
			Word  string
			Score float64
		}
	}
	if err := json.Unmarshal(raw, &queries); err != nil {
		t.Fatal(err)
	}
	if len(queries) == 0 {
		t.Fatal("cosmul_gensim.json has no queries")
	}

	for _, q := range queries {
		t.Run(q.A+":"+q.B+"::"+q.C, func(t *testing.T) {
			got, err := v.Analogy(q.A, q.B, q.C, CosMul, len(q.Answers), 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(q.Answers) {
				t.Fatalf("got %d answers, want %d", len(got), len(q.Answers))
			}
			for i, want := range q.Answers {
				if got[i].Word != want.Word {
					t.Errorf("answer %d = %s, want %s", i, got[i].Word, want.Word)
					continue
				}
				shifted := (cosineOf(t, v, want.Word, q.A) + 1) / 2
				tol := want.Score * (1e-5 + 2e-7/(shifted+CosMulEpsilon))
				if diff := math.Abs(got[i].Similarity - want.Score); diff > tol {
					t.Errorf("%s: score %.9g, gensim %.9g, difference %g > %g", want.Word, got[i].Similarity, want.Score, diff, tol)
				}
			}
		})
	}
}

func cosineOf(t *testing.T, v *Vectors, a, b string) float64 {
	t.Helper()
	c, err := v.Similarity(a, b)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
