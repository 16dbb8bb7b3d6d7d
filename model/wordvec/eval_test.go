package wordvec

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// datasetsDir returns the shared datasets folder, from EMBEDLAB_DATASETS or
// ../shared/datasets beside the repository, skipping the test when absent.
func datasetsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("EMBEDLAB_DATASETS")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "datasets")
	}
	if _, err := os.Stat(filepath.Join(dir, "word_benchmarks")); err != nil {
		t.Skipf("datasets not found at %s: %v", dir, err)
	}
	return dir
}

// TestEvaluateMatchesGensim compares with gensim 4.2.0 (Debian
// python3-gensim) on the shared pretrained vectors. The expected figures
// were printed by
//
//	kv = KeyedVectors.load_word2vec_format(path, binary=..., no_header=...)
//	kv.evaluate_word_analogies("questions-words.txt")
//	kv.evaluate_word_pairs("wordsim353.tsv"), kv.evaluate_word_pairs("simlex999.txt")
//
// with the default arguments, run with /usr/bin/python3. Skipped shares are
// gensim's oov ratios; for analogies, 1 − answered/19544 questions.
func TestEvaluateMatchesGensim(t *testing.T) {
	dir := datasetsDir(t)
	const tol = 0.001
	type pairs struct {
		file              string
		pearson, spearman float64
		skipped           float64 // share, 0..1
	}
	tests := []struct {
		file     string
		accuracy float64
		answered int
		sections map[string][2]int // correct, incorrect
		pairs    []pairs
	}{
		{
			file: "lee_fasttext.vec", accuracy: 0.030612244897959183, answered: 98,
			sections: map[string][2]int{"family": {0, 2}, "gram3-comparative": {0, 12}, "gram4-superlative": {0, 12},
				"gram5-present-participle": {2, 18}, "gram6-nationality-adjective": {1, 19}, "gram7-past-tense": {0, 20}, "gram8-plural": {0, 12}},
			pairs: []pairs{
				{"wordsim353.tsv", -0.119633, -0.058771, 0.87252125},
				{"simlex999.txt", -0.111615, -0.096262, 0.91791792},
			},
		},
		{
			file: "euclidean_vectors.bin", accuracy: 0.0024449877750611247, answered: 409,
			sections: map[string][2]int{"capital-common-countries": {0, 20}, "capital-world": {0, 14}, "currency": {0, 2},
				"family": {1, 19}, "gram1-adjective-to-adverb": {0, 6}, "gram2-opposite": {0, 6}, "gram3-comparative": {0, 56},
				"gram4-superlative": {0, 20}, "gram5-present-participle": {0, 56}, "gram6-nationality-adjective": {0, 41},
				"gram7-past-tense": {0, 110}, "gram8-plural": {0, 56}, "gram9-plural-verbs": {0, 2}},
			pairs: []pairs{
				{"wordsim353.tsv", 0.244250, 0.273602, 0.69121813},
				{"simlex999.txt", 0.036864, 0.038958, 0.83483483},
			},
		},
		{
			file: "test_glove.txt", accuracy: 1, answered: 2,
			sections: map[string][2]int{"family": {2, 0}},
		},
	}
	const questions = 19544
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			v, _, err := Load(filepath.Join(dir, "pretrained_vectors", tc.file), LoadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			res, err := v.EvaluateAnalogiesFile(filepath.Join(dir, "word_benchmarks", "questions-words.txt"), EvalOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Total.Accuracy(); math.Abs(got-tc.accuracy) > tol {
				t.Errorf("analogy accuracy = %.6f, want %.6f ± %g", got, tc.accuracy, tol)
			}
			if got := res.Total.Correct + res.Total.Incorrect; got != tc.answered {
				t.Errorf("answered %d questions, want %d", got, tc.answered)
			}
			wantSkipped := 1 - float64(tc.answered)/questions
			if got := res.SkippedShare(); math.Abs(got-wantSkipped) > 1e-9 {
				t.Errorf("skipped share = %.6f, want %.6f", got, wantSkipped)
			}
			for _, s := range res.Sections {
				want := tc.sections[s.Name]
				if got := [2]int{s.Correct, s.Incorrect}; got != want {
					t.Errorf("section %s: correct, incorrect = %v, want %v", s.Name, got, want)
				}
			}

			for _, p := range tc.pairs {
				got, err := v.EvaluateWordPairsFile(filepath.Join(dir, "word_benchmarks", p.file), EvalOptions{})
				if err != nil {
					t.Fatal(err)
				}
				if math.Abs(got.Pearson-p.pearson) > tol || math.Abs(got.Spearman-p.spearman) > tol {
					t.Errorf("%s: pearson %.6f spearman %.6f, want %.6f %.6f ± %g", p.file, got.Pearson, got.Spearman, p.pearson, p.spearman, tol)
				}
				if math.Abs(got.SkippedShare()-p.skipped) > 1e-6 {
					t.Errorf("%s: skipped share %.6f, want %.6f", p.file, got.SkippedShare(), p.skipped)
				}
			}
		})
	}
}

func TestEvaluateAnalogiesSmall(t *testing.T) {
	v := analogyVectors()
	// The first question is answerable (queen), the second asks for apple
	// and gets queen, the third has an unknown word, and one line is invalid.
	file := ": royalty\nMan King Woman Queen\nman king woman apple\nman king woman unicorn\n" +
		"just three words\n: empty\n"
	res, err := v.EvaluateAnalogies(strings.NewReader(file), "small.txt", EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := []AnalogySection{{Name: "royalty", Correct: 1, Incorrect: 1, Skipped: 1}, {Name: "empty"}}
	if !slices.Equal(res.Sections, want) {
		t.Errorf("sections = %+v, want %+v", res.Sections, want)
	}
	if got := res.Total.Accuracy(); got != 0.5 {
		t.Errorf("accuracy = %v, want 0.5", got)
	}
	if got := res.SkippedShare(); math.Abs(got-1.0/3) > 1e-12 {
		t.Errorf("skipped share = %v, want 1/3", got)
	}
	if !slices.Equal(res.InvalidLines, []int{5}) {
		t.Errorf("invalid lines = %v, want [5]", res.InvalidLines)
	}

	// Case-sensitive lookup no longer finds "Man".
	res, err = v.EvaluateAnalogies(strings.NewReader(file), "small.txt", EvalOptions{CaseSensitive: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total.Skipped != 2 {
		t.Errorf("case-sensitive skipped = %d, want 2", res.Total.Skipped)
	}
	// Restricting to the first 3 rows leaves queen out.
	res, err = v.EvaluateAnalogies(strings.NewReader(file), "small.txt", EvalOptions{Restrict: 3})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total.Skipped != 3 {
		t.Errorf("restricted skipped = %d, want 3", res.Total.Skipped)
	}

	if _, err := v.EvaluateAnalogies(strings.NewReader("man king woman queen\n"), "nohead.txt", EvalOptions{}); err == nil ||
		!strings.Contains(err.Error(), "line 1 of nohead.txt") {
		t.Errorf("question before a section: error %v, want one naming line 1 of nohead.txt", err)
	}
}

func TestEvaluateWordPairsSmall(t *testing.T) {
	v := New([]string{"a", "b", "c", "d"}, 2, []float32{1, 0, 1, 1, 0, 1, -1, 0})
	// Cosines: a·b 0.7071, a·c 0, b·c 0.7071, a·d -1. Gold scores 3, 1, 2, 0.
	file := "# comment\nword1\tword2\tSimLex999\tconc(w1)\n" +
		"a\tb\t3\tx\nA\tc\t1\nb\tc\t2\na\td\t0\na\tunknown\t5\nbroken line\n"
	res, err := v.EvaluateWordPairs(strings.NewReader(file), "pairs.tsv", EvalOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Expected values from scipy.stats.pearsonr and spearmanr on
	// gold [3 1 2 0] and model [0.70710678 0 0.70710678 -1]:
	// model ranks with the tie averaged are [3.5 2 3.5 1].
	const wantPearson, wantSpearman = 0.9315992108557545, 0.9486832980505139
	if math.Abs(res.Pearson-wantPearson) > 1e-9 || math.Abs(res.Spearman-wantSpearman) > 1e-9 {
		t.Errorf("pearson %.12f spearman %.12f, want %.12f %.12f", res.Pearson, res.Spearman, wantPearson, wantSpearman)
	}
	if res.Pairs != 4 || res.Skipped != 1 || !slices.Equal(res.InvalidLines, []int{8}) {
		t.Errorf("pairs %d skipped %d invalid %v, want 4, 1, [8]", res.Pairs, res.Skipped, res.InvalidLines)
	}
	if _, err := v.EvaluateWordPairs(strings.NewReader("x\ty\t1\n"), "none.tsv", EvalOptions{}); err == nil {
		t.Error("no scorable pair returned no error")
	}
}

func TestRanksAverageTies(t *testing.T) {
	got := ranks([]float64{10, 20, 20, 5, 20})
	want := []float64{2, 4, 4, 1, 4}
	if !slices.Equal(got, want) {
		t.Errorf("ranks = %v, want %v", got, want)
	}
}

// FuzzEvaluateFiles feeds arbitrary text to both evaluation readers: they
// may reject it but must not panic, and shares must stay within [0, 1].
func FuzzEvaluateFiles(f *testing.F) {
	f.Add(": royalty\nman king woman queen\n")
	f.Add("# c\nword1\tword2\tscore\nman\tking\t3.5\nking\tqueen\tNaN\n")
	f.Add("man\tking\n\n: \n:x\n\xff\xfe")
	v := analogyVectors()
	f.Fuzz(func(t *testing.T, text string) {
		if res, err := v.EvaluateAnalogies(strings.NewReader(text), "fuzz.txt", EvalOptions{}); err == nil {
			if s := res.SkippedShare(); s < 0 || s > 1 {
				t.Errorf("analogy skipped share %v outside [0, 1]", s)
			}
		}
		if res, err := v.EvaluateWordPairs(strings.NewReader(text), "fuzz.tsv", EvalOptions{Restrict: 3}); err == nil {
			if s := res.SkippedShare(); s < 0 || s > 1 {
				t.Errorf("pairs skipped share %v outside [0, 1]", s)
			}
		}
	})
}
