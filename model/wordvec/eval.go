package wordvec

import (
	"bufio"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"embedlab/internal/usermsg"

	"gonum.org/v1/gonum/stat"
)

// DefaultEvalRestrict is the number of leading rows the evaluations use
// when EvalOptions.Restrict is 0, gensim's default restrict_vocab.
const DefaultEvalRestrict = 300000

// EvalOptions configures EvaluateAnalogies and EvaluateWordPairs. The zero
// value matches gensim 4.2's evaluate_word_analogies and
// evaluate_word_pairs defaults.
type EvalOptions struct {
	// Restrict is the number of leading rows (the most frequent words of a
	// trained model) that questions may use and answers come from; 0 means
	// DefaultEvalRestrict.
	Restrict int
	// CaseSensitive compares words as they are. By default words are
	// upper-cased on both sides, as gensim does, and a word with several
	// case variants takes the vector of its first row.
	CaseSensitive bool
}

// AnalogySection counts the questions of one section of an analogy file.
type AnalogySection struct {
	Name      string `json:"section"`
	Correct   int    `json:"correct"`
	Incorrect int    `json:"incorrect"`
	// Skipped counts questions with a word outside the vocabulary.
	Skipped int `json:"skipped"`
}

// Accuracy returns Correct/(Correct+Incorrect), or NaN when no question
// was answered.
func (s AnalogySection) Accuracy() float64 {
	if s.Correct+s.Incorrect == 0 {
		return math.NaN()
	}
	return float64(s.Correct) / float64(s.Correct+s.Incorrect)
}

// AnalogyResult is the outcome of EvaluateAnalogies.
type AnalogyResult struct {
	Sections []AnalogySection `json:"sections"`
	// Total sums the sections.
	Total AnalogySection `json:"total"`
	// InvalidLines lists the 1-based numbers of lines that were neither a
	// section header nor four words; they are not counted anywhere.
	InvalidLines []int `json:"invalid_lines,omitempty"`
}

// SkippedShare returns the share of questions skipped because a word is
// missing, between 0 and 1; 0 for a file without questions.
func (r *AnalogyResult) SkippedShare() float64 {
	all := r.Total.Correct + r.Total.Incorrect + r.Total.Skipped
	if all == 0 {
		return 0
	}
	return float64(r.Total.Skipped) / float64(all)
}

// evalVocab maps a (case-folded) word to the first of the first restrict
// rows that has it.
type evalVocab struct {
	rows     map[string]int
	restrict int
	fold     func(string) string
}

func (v *Vectors) evalVocab(opts EvalOptions) evalVocab {
	n := opts.Restrict
	if n <= 0 {
		n = DefaultEvalRestrict
	}
	n = min(n, len(v.Words))
	fold := strings.ToUpper
	if opts.CaseSensitive {
		fold = func(s string) string { return s }
	}
	rows := make(map[string]int, n)
	for i, w := range v.Words[:n] {
		if _, ok := rows[fold(w)]; !ok {
			rows[fold(w)] = i
		}
	}
	return evalVocab{rows: rows, restrict: n, fold: fold}
}

// analogyQuestion is one answerable question of an analogy file.
type analogyQuestion struct {
	section  int
	rows     [3]int // rows of a, b and c
	folded   [3]string
	expected string // folded
}

// EvaluateAnalogies reads an analogy file in the questions-words format of
// Mikolov et al. 2013 and solves each question with 3CosAdd over the first
// opts.Restrict rows. In that format a line ": name" starts a section and
// every other line "a b c d" is the question a:b :: c:?, whose answer is d. A question counts as correct when the best
// answer that is not one of a, b, c (after case folding) is d; only the top
// 5 answers are considered, as in gensim 4.2's evaluate_word_analogies,
// whose figures it reproduces. Questions with a word outside those rows are
// skipped and counted. name is used in error messages.
func (v *Vectors) EvaluateAnalogies(r io.Reader, name string, opts EvalOptions) (*AnalogyResult, error) {
	if err := v.checkShape(); err != nil {
		return nil, err
	}
	v.prepare()
	vocab := v.evalVocab(opts)
	res := &AnalogyResult{Total: AnalogySection{Name: "Total accuracy"}}
	var questions []analogyQuestion

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.HasPrefix(text, ": ") {
			res.Sections = append(res.Sections, AnalogySection{Name: strings.TrimSpace(strings.TrimLeft(text, ": "))})
			continue
		}
		fields := strings.Fields(text)
		if len(fields) != 4 {
			res.InvalidLines = append(res.InvalidLines, line)
			continue
		}
		if len(res.Sections) == 0 {
			return nil, usermsg.Errorf("wordvec: line %d of %s: question before the first section header; start the file with a line such as \": capital-common-countries\"", line, name)
		}
		sec := &res.Sections[len(res.Sections)-1]
		q := analogyQuestion{section: len(res.Sections) - 1, expected: vocab.fold(fields[3])}
		known := true
		for i := range 3 {
			q.folded[i] = vocab.fold(fields[i])
			row, ok := vocab.rows[q.folded[i]]
			known = known && ok
			q.rows[i] = row
		}
		if _, ok := vocab.rows[q.expected]; !ok || !known {
			sec.Skipped++
			continue
		}
		questions = append(questions, q)
	}
	if err := sc.Err(); err != nil {
		return nil, usermsg.Errorf("wordvec: reading %s: %w", name, err)
	}

	correct := v.answerAnalogies(questions, vocab)
	for i, q := range questions {
		if correct[i] {
			res.Sections[q.section].Correct++
		} else {
			res.Sections[q.section].Incorrect++
		}
	}
	for _, s := range res.Sections {
		res.Total.Correct += s.Correct
		res.Total.Incorrect += s.Incorrect
		res.Total.Skipped += s.Skipped
	}
	return res, nil
}

// analogyBatch is the number of questions answered by one NearestBatch call:
// large enough to share each pass over the vectors, small enough to keep
// the candidate lists short.
const analogyBatch = 256

// answerAnalogies reports for each question whether 3CosAdd finds its
// expected word.
func (v *Vectors) answerAnalogies(questions []analogyQuestion, vocab evalVocab) []bool {
	correct := make([]bool, len(questions))
	// Eight results leave five after dropping the three query rows, the
	// five that gensim looks at.
	opts := SearchOptions{K: 8, Restrict: vocab.restrict}
	for start := 0; start < len(questions); start += analogyBatch {
		batch := questions[start:min(start+analogyBatch, len(questions))]
		offsets := make([]float32, len(batch)*v.Dim)
		for i, q := range batch {
			units := [3][]float64{v.unit(q.rows[0]), v.unit(q.rows[1]), v.unit(q.rows[2])}
			for j := range v.Dim {
				offsets[i*v.Dim+j] = float32(units[1][j] - units[0][j] + units[2][j])
			}
		}
		answers := v.search(splitRows(offsets, v.Dim), opts)
		for i, q := range batch {
			correct[start+i] = firstAnswer(answers[i], q, vocab) == q.expected
		}
	}
	return correct
}

// firstAnswer returns the folded word of the best result that is neither a
// query row nor, after folding, a query word. It looks at five results at
// most and returns "" when none qualifies.
func firstAnswer(answers []Neighbor, q analogyQuestion, vocab evalVocab) string {
	seen := 0
	for _, a := range answers {
		if slices.Contains(q.rows[:], a.Row) {
			continue
		}
		if seen++; seen > 5 {
			break
		}
		w := vocab.fold(a.Word)
		if !slices.Contains(q.folded[:], w) {
			return w
		}
	}
	return ""
}

func splitRows(data []float32, dim int) [][]float32 {
	rows := make([][]float32, len(data)/dim)
	for i := range rows {
		rows[i] = data[i*dim : (i+1)*dim : (i+1)*dim]
	}
	return rows
}

// PairsResult is the outcome of EvaluateWordPairs.
type PairsResult struct {
	// Pearson and Spearman correlate the file's scores with the cosine
	// similarities; NaN when fewer than two pairs were scored or a side
	// is constant.
	Pearson  float64 `json:"pearson"`
	Spearman float64 `json:"spearman"`
	// Pairs counts the scored pairs, Skipped those with a word outside the
	// vocabulary.
	Pairs   int `json:"pairs"`
	Skipped int `json:"skipped"`
	// InvalidLines lists the 1-based numbers of lines that have fewer than
	// three tab-separated fields or a score that is not a number.
	InvalidLines []int `json:"invalid_lines,omitempty"`
}

// SkippedShare returns the share of pairs skipped because a word is
// missing, between 0 and 1.
func (r *PairsResult) SkippedShare() float64 {
	if r.Pairs+r.Skipped == 0 {
		return 0
	}
	return float64(r.Skipped) / float64(r.Pairs+r.Skipped)
}

// EvaluateWordPairs reads a word-pair file in the WordSim-353 or SimLex-999
// layout and correlates its scores with the cosine similarities of the
// pairs: Pearson, and Spearman with tied values ranked by their average
// rank, as scipy.stats.spearmanr does. Each line holds word1, word2 and a
// human score separated by tabs, and further columns are ignored. Lines
// starting with # and a header line are skipped. Words are looked up as EvaluateAnalogies does.
// It returns an error when no pair could be scored.
func (v *Vectors) EvaluateWordPairs(r io.Reader, name string, opts EvalOptions) (*PairsResult, error) {
	if err := v.checkShape(); err != nil {
		return nil, err
	}
	v.prepare()
	vocab := v.evalVocab(opts)
	res := &PairsResult{}
	var gold, model []float64

	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	header := true // the first line that is not a comment may name the columns
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		first := header
		header = false
		fields := strings.Split(text, "\t")
		if len(fields) < 3 {
			res.InvalidLines = append(res.InvalidLines, line)
			continue
		}
		score, err := strconv.ParseFloat(strings.TrimSpace(fields[2]), 64)
		if err != nil || math.IsNaN(score) || math.IsInf(score, 0) {
			if !first {
				res.InvalidLines = append(res.InvalidLines, line)
			}
			continue
		}
		ra, okA := vocab.rows[vocab.fold(fields[0])]
		rb, okB := vocab.rows[vocab.fold(fields[1])]
		if !okA || !okB {
			res.Skipped++
			continue
		}
		gold = append(gold, score)
		model = append(model, cosine(v.row(ra), v.row(rb), v.norms[ra], v.norms[rb]))
	}
	if err := sc.Err(); err != nil {
		return nil, usermsg.Errorf("wordvec: reading %s: %w", name, err)
	}
	if len(gold) == 0 {
		return nil, usermsg.Errorf("wordvec: no pair of %s could be scored (%d skipped for a missing word, %d invalid lines); "+
			"check that the file has word1, word2 and a score separated by tabs (an analogy file with four words a line goes to --analogies), and that the vectors cover its words",
			name, res.Skipped, len(res.InvalidLines))
	}

	res.Pairs = len(gold)
	res.Pearson = pearson(gold, model)
	res.Spearman = pearson(ranks(gold), ranks(model))
	return res, nil
}

// pearson returns the Pearson correlation of x and y, NaN when there are
// fewer than two values or either side is constant.
func pearson(x, y []float64) float64 {
	if len(x) < 2 {
		return math.NaN()
	}
	return stat.Correlation(x, y, nil)
}

// ranks returns the 1-based ranks of x with ties given the average of the
// ranks they span, the "average" method of scipy.stats.rankdata.
func ranks(x []float64) []float64 {
	order := make([]int, len(x))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
	r := make([]float64, len(x))
	for i := 0; i < len(order); {
		j := i
		for j+1 < len(order) && x[order[j+1]] == x[order[i]] {
			j++
		}
		avg := float64(i+j)/2 + 1
		for _, o := range order[i : j+1] {
			r[o] = avg
		}
		i = j + 1
	}
	return r
}

// EvaluateAnalogiesFile runs EvaluateAnalogies on the file at path.
func (v *Vectors) EvaluateAnalogiesFile(path string, opts EvalOptions) (*AnalogyResult, error) {
	f, err := openEvalFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return v.EvaluateAnalogies(f, filepath.Base(path), opts)
}

// EvaluateWordPairsFile runs EvaluateWordPairs on the file at path.
func (v *Vectors) EvaluateWordPairsFile(path string, opts EvalOptions) (*PairsResult, error) {
	f, err := openEvalFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return v.EvaluateWordPairs(f, filepath.Base(path), opts)
}

func openEvalFile(path string) (*os.File, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, usermsg.Errorf("wordvec: %s does not exist; check the path", path)
	}
	if err != nil {
		return nil, usermsg.Errorf("wordvec: cannot open %s: %w", path, err)
	}
	return f, nil
}
