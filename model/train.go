package model

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"embedlab/corpus"
)

// Prepare fits a tokenizer on c, builds a model initialised as Keras does,
// and splits the padded corpus into training and validation sets after one
// seeded shuffle.
//
// The tokenizer keeps the cfg.NumWords−1 most frequent words and is fitted
// on every text, validation texts included, as the classic Keras example
// does. When the corpus sets documents aside for validation (Document.Split
// "validation", such as the test folder of the aclImdb layout), those
// documents are the validation set, cfg.ValSplit is ignored, and the
// tokenizer is fitted on the training documents only, so that validation
// words the training set lacks stay out of the vocabulary as they would for
// unseen text. Sequences are padded and truncated at the front to cfg.MaxLen with
// id 0, which the model does not mask. The label is 1 for Classes[1]. Only
// two-class corpora are accepted.
func Prepare(c *corpus.Corpus, cfg Config) (m *Model, train, val *Dataset, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, nil, err
	}
	if err := checkCorpus(c); err != nil {
		return nil, nil, nil, err
	}

	texts := c.Texts()
	heldOut := heldOutIndices(c)
	tok := corpus.NewTokenizer(cfg.NumWords)
	// Chinese and Japanese text has no spaces between words, so it is
	// segmented with a dictionary when most letters are CJK.
	switch cfg.Segmenter {
	case "":
		tok.Segmenter = corpus.DetectSegmenter(texts)
	case "none":
	default:
		tok.Segmenter = cfg.Segmenter
	}
	if len(heldOut) == 0 {
		tok.FitOnTexts(texts)
	} else {
		tok.FitOnTexts(textsExcept(texts, heldOut))
	}
	x := corpus.PadSequences(tok.TextsToSequences(texts), cfg.MaxLen, "pre", "pre", 0)
	if len(x) != len(texts)*cfg.MaxLen {
		panic(fmt.Sprintf("model: padding returned %d word ids for %d texts of maxlen %d", len(x), len(texts), cfg.MaxLen))
	}
	y := make([]float32, len(texts))
	for i, k := range c.LabelIndices() {
		y[i] = float32(k)
	}

	if len(heldOut) == 0 {
		train, val = splitShuffled(x, y, cfg.MaxLen, cfg.ValSplit, newRand(cfg.Seed, splitStream))
	} else {
		train, val = splitHeldOut(x, y, cfg.MaxLen, heldOut)
	}
	if train.Len() == 0 {
		return nil, nil, nil, fmt.Errorf("model: corpus %q has %d documents, which leaves none for training with validation split %g; add documents or lower the split", c.Name, len(texts), cfg.ValSplit)
	}
	m = newWeights(cfg, newRand(cfg.Seed, 0))
	m.Tokenizer = tok
	m.Classes = append([]string(nil), c.Classes...)
	return m, train, val, nil
}

// checkCorpus reports why c cannot train a binary model, if it cannot.
func checkCorpus(c *corpus.Corpus) error {
	if c == nil || len(c.Docs) == 0 {
		name := ""
		if c != nil {
			name = c.Name
		}
		return fmt.Errorf("model: corpus %q has no documents; load a corpus with labelled texts", name)
	}
	switch n := len(c.Classes); {
	case n == 0:
		return fmt.Errorf("model: corpus %q has no class labels; give one file per class or a CSV/TSV file with a label column", c.Name)
	case n == 1:
		return fmt.Errorf("model: corpus %q has only the class %q; give one file per class or a CSV/TSV file with a label column holding two classes", c.Name, c.Classes[0])
	case n > 2:
		// TODO: train corpora of more than two classes with a softmax output.
		return fmt.Errorf("model: corpus %q has %d classes (%s); this version trains two-class corpora only", c.Name, n, strings.Join(c.Classes, ", "))
	}
	for _, d := range c.Docs {
		if d.Label != c.Classes[0] && d.Label != c.Classes[1] {
			return fmt.Errorf("model: %s line %d: label %q is not one of %s/%s; fix the label or remove the document", d.Source, d.Line, d.Label, c.Classes[0], c.Classes[1])
		}
	}
	return nil
}

// Fit trains m for m.Config.Epochs epochs. It returns ctx.Err() when ctx is
// cancelled, keeping the weights of the batches already trained.
//
// Each epoch visits the training samples in a new order drawn from a
// generator seeded by Config.Seed, in batches of Config.Batch with a smaller
// last batch, and takes one Adam step per batch. Epochs are numbered on from
// len(m.History), and each finished epoch is appended to m.History. The
// optimiser state and the shuffling generator persist across calls, so a
// second Fit continues the first. When val is nil or empty, the validation
// loss and accuracy are NaN. rec may be nil; Fit calls it from the calling
// goroutine. m must not be used by other goroutines during Fit.
func (m *Model) Fit(ctx context.Context, train, val *Dataset, rec Recorder) error {
	if err := m.checkWeights(); err != nil {
		return err
	}
	if train == nil || train.Len() == 0 {
		return errors.New("model: training set is empty; give at least one sample")
	}
	if err := train.check(m.Config, "training"); err != nil {
		return err
	}
	if val != nil {
		if err := val.check(m.Config, "validation"); err != nil {
			return err
		}
	}

	cfg := m.Config
	if m.opt == nil {
		m.opt = newAdam(cfg.LR)
		m.shuffle = newRand(cfg.Seed, shuffleStream)
	}
	r := newRun(m, cfg.Batch)
	batches := (train.Len() + cfg.Batch - 1) / cfg.Batch
	valLen := 0
	if val != nil {
		valLen = val.Len()
	}
	if rec != nil {
		rec.Begin(TrainInfo{Epochs: cfg.Epochs, BatchesPerEpoch: batches, TrainSamples: train.Len(), ValSamples: valLen})
	}

	start := time.Now()
	for range cfg.Epochs {
		stats, err := r.epoch(ctx, train, rec, start)
		if err != nil {
			return err
		}
		stats.ValLoss, stats.ValAccuracy = math.NaN(), math.NaN()
		if valLen > 0 {
			if stats.ValLoss, stats.ValAccuracy, err = r.evaluate(ctx, val); err != nil {
				return err
			}
		}
		stats.Seconds = time.Since(stats.begin).Seconds()
		m.History = append(m.History, stats.EpochStats)
		if rec != nil {
			rec.Epoch(stats.EpochStats)
		}
	}
	return nil
}

// run holds the buffers of one Fit call.
type run struct {
	m      *Model
	w      *work
	g      *grads
	params [][]float32
	grads  [][]float32
	order  []int
	x      []int32
	y      []float32
}

func newRun(m *Model, batch int) *run {
	cfg := m.Config
	g := newGrads(cfg)
	return &run{
		m: m, w: newWork(cfg, batch), g: g,
		params: m.params(),
		grads:  [][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB},
		x:      make([]int32, batch*cfg.MaxLen),
		y:      make([]float32, batch),
	}
}

// params returns the weight tensors in a fixed order.
func (m *Model) params() [][]float32 {
	return [][]float32{m.Embedding, m.Kernel, m.Recurrent, m.Bias, m.DenseW, m.DenseB}
}

// epochStats is EpochStats with the time the epoch began.
type epochStats struct {
	EpochStats
	begin time.Time
}

// epoch trains one epoch and returns its training loss and accuracy, the
// sample-weighted means over its batches.
func (r *run) epoch(ctx context.Context, train *Dataset, rec Recorder, fitStart time.Time) (epochStats, error) {
	m, cfg := r.m, r.m.Config
	n := train.Len()
	if len(r.order) != n {
		r.order = make([]int, n)
	}
	for i := range r.order {
		r.order[i] = i
	}
	m.shuffle.Shuffle(n, func(i, j int) { r.order[i], r.order[j] = r.order[j], r.order[i] })

	stats := epochStats{EpochStats: EpochStats{Epoch: len(m.History) + 1}, begin: time.Now()}
	batches := (n + cfg.Batch - 1) / cfg.Batch
	var lossSum float64
	var correct, seen, firstLen int
	var afterFirst time.Time
	for bi := range batches {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		idx := r.order[bi*cfg.Batch : min((bi+1)*cfg.Batch, n)]
		loss, corr := r.step(train, idx)
		lossSum += loss
		correct += corr
		seen += len(idx)

		now := time.Now()
		if bi == 0 { // the first batch pays for warming up caches and goroutines
			afterFirst, firstLen = now, len(idx)
		} else if d := now.Sub(afterFirst).Seconds(); d > 0 {
			stats.SamplesPerSec = float64(seen-firstLen) / d
		}
		if rec != nil {
			rec.Batch(BatchStats{Epoch: stats.Epoch, Batch: bi + 1, Batches: batches,
				Loss: lossSum / float64(seen), Accuracy: float64(correct) / float64(seen),
				BatchLoss:     loss / float64(len(idx)),
				SamplesPerSec: stats.SamplesPerSec, Elapsed: now.Sub(fitStart)})
		}
	}
	if batches == 1 {
		// With one batch there is nothing after the first to time, so
		// report the batch itself rather than 0.
		if d := time.Since(stats.begin).Seconds(); d > 0 {
			stats.SamplesPerSec = float64(seen) / d
		}
	}
	stats.Loss = lossSum / float64(seen)
	stats.Accuracy = float64(correct) / float64(seen)
	return stats, nil
}

// step trains on the samples of d at idx and returns their summed loss and
// the number of correct predictions, both before the update.
func (r *run) step(d *Dataset, idx []int) (loss float64, correct int) {
	n := len(idx)
	d.gather(idx, r.x, r.y)
	r.w.forward(r.m, r.x, n)
	loss, correct = r.w.lossGrad(r.y, n)
	r.w.backward(r.m, r.x, n, r.g)
	r.m.opt.update(r.params, r.grads)
	return loss, correct
}

// evaluate returns the mean loss and the accuracy of m on d, in batches.
func (r *run) evaluate(ctx context.Context, d *Dataset) (loss, accuracy float64, err error) {
	batch := r.w.capacity
	t := d.MaxLen
	var correct int
	for start := 0; start < d.Len(); start += batch {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		n := min(batch, d.Len()-start)
		r.w.forward(r.m, d.X[start*t:(start+n)*t], n)
		l, c := r.w.lossGrad(d.Y[start:start+n], n)
		loss += l
		correct += c
	}
	return loss / float64(d.Len()), float64(correct) / float64(d.Len()), nil
}

// heldOutIndices returns the indices of the documents of c set aside for
// validation, in corpus order.
func heldOutIndices(c *corpus.Corpus) []int {
	var idx []int
	for i, d := range c.Docs {
		if d.Split == "validation" {
			idx = append(idx, i)
		}
	}
	return idx
}

// textsExcept returns texts without the indices in skip, which is sorted.
func textsExcept(texts []string, skip []int) []string {
	out := make([]string, 0, len(texts)-len(skip))
	k := 0
	for i, t := range texts {
		if k < len(skip) && skip[k] == i {
			k++
			continue
		}
		out = append(out, t)
	}
	return out
}
