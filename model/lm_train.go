package model

import (
	"context"
	"math"
	"math/rand/v2"

	"embedlab/corpus"
	"embedlab/internal/usermsg"
)

// sampleStream is the PCG stream of the sampled softmax's candidates.
const sampleStream = 0x5eed_5a3e

// Unlabelled reports whether c has documents but no labels at all. Prepare
// then trains a language model unless Config.Objective is "classify".
func Unlabelled(c *corpus.Corpus) bool {
	if c == nil || len(c.Docs) == 0 || len(c.Classes) > 0 || c.MultiLabel {
		return false
	}
	for _, d := range c.Docs {
		if d.Label != "" || len(d.Labels) > 0 {
			return false
		}
	}
	return true
}

// wantsLanguageModel reports whether Prepare trains a language model on c.
func wantsLanguageModel(c *corpus.Corpus, cfg Config) bool {
	switch cfg.Objective {
	case "lm":
		return true
	case "classify":
		return false
	}
	return Unlabelled(c)
}

// prepareLanguageModel is Prepare for the next-word language model.
//
// The word ids of the documents are concatenated in corpus order and cut
// into windows of MaxLen inputs whose targets are the same ids shifted by
// one. A window may therefore cross from one document (a paragraph of a
// book) into the next. Words outside the vocabulary are dropped, as the
// Keras tokenizer without an OOV token drops them, so the model predicts
// the next known word and id 0 never occurs. When the text has fewer words
// than NumWords−1, NumWords is lowered to their number plus one, so that
// every unit of the Dense layer is a word. The validation text is the
// documents that c sets aside, or else the last ValSplit of the word ids,
// so it is never trained on. The tokenizer is fitted on all text in the
// second case, as Prepare does for a classifier.
func prepareLanguageModel(c *corpus.Corpus, cfg Config) (m *Model, train, val *Dataset, err error) {
	if c == nil || len(c.Docs) == 0 {
		name := ""
		if c != nil {
			name = c.Name
		}
		return nil, nil, nil, usermsg.Errorf("model: corpus %q has no documents; load a text to train the language model on", name)
	}
	cfg.Head = HeadLanguageModel
	if err := cfg.Validate(); err != nil {
		return nil, nil, nil, err
	}

	texts := c.Texts()
	heldOut := heldOutIndices(c)
	tok := newTokenizer(cfg, texts)
	trainTexts := texts
	if len(heldOut) > 0 {
		trainTexts = textsExcept(texts, heldOut)
	}
	tok.FitOnTexts(trainTexts)
	if size := tok.VocabSize(); size < cfg.NumWords {
		// Units for words the text lacks would never be targets, and the
		// full softmax would still give them probability.
		cfg.NumWords = max(size, 3)
		tok.NumWords = cfg.NumWords
		if err := cfg.Validate(); err != nil {
			return nil, nil, nil, err
		}
	}

	seqs := tok.TextsToSequences(texts)
	var trainIDs, valIDs []int32
	isHeld := make([]bool, len(texts))
	for _, i := range heldOut {
		isHeld[i] = true
	}
	for i, seq := range seqs {
		for _, id := range seq {
			if isHeld[i] {
				valIDs = append(valIDs, int32(id))
			} else {
				trainIDs = append(trainIDs, int32(id))
			}
		}
	}
	if len(heldOut) == 0 {
		cut := int(float64(len(trainIDs)) * (1 - cfg.ValSplit))
		trainIDs, valIDs = trainIDs[:cut], trainIDs[cut:]
	}

	train, val = lmWindows(trainIDs, cfg.MaxLen), lmWindows(valIDs, cfg.MaxLen)
	if train.Len() == 0 {
		return nil, nil, nil, usermsg.Errorf("model: corpus %q gives %d known words for training, fewer than maxlen+1 = %d for one window; add text, lower maxlen or the validation split",
			c.Name, len(trainIDs), cfg.MaxLen+1)
	}
	if cfg.Samples == 0 {
		// The file records the softmax chosen for this vocabulary, so a
		// resumed run keeps it even if FullSoftmaxMaxWords changes.
		cfg.Samples = cfg.Candidates()
		if cfg.Samples == 0 {
			cfg.Samples = FullSoftmax
		}
	}
	m = newWeightsOut(cfg, cfg.NumWords, newRand(cfg.Seed, 0))
	initUnigramBias(m.DenseB, nextCounts(train, cfg.NumWords))
	m.Tokenizer = tok
	return m, train, val, nil
}

// lmWindows cuts ids into ⌊(len(ids)−1)/t⌋ windows of t inputs, each with
// the t following ids as targets; the rest of the ids is left out.
func lmWindows(ids []int32, t int) *Dataset {
	n := max(len(ids)-1, 0) / t
	d := &Dataset{X: make([]int32, n*t), Next: make([]int32, n*t), Y: make([]float32, n), MaxLen: t}
	for i := range n {
		copy(d.X[i*t:(i+1)*t], ids[i*t:(i+1)*t])
		copy(d.Next[i*t:(i+1)*t], ids[i*t+1:(i+1)*t+1])
	}
	return d
}

// nextCounts returns how often each word id 0..numWords−1 is a next-word
// target of d. Ids outside that range are not counted.
func nextCounts(d *Dataset, numWords int) []int {
	counts := make([]int, numWords)
	for _, id := range d.Next {
		if id >= 0 && int(id) < numWords {
			counts[id]++
		}
	}
	return counts
}

// UnigramPerplexity returns the perplexity on val's next-word targets of
// the add-one unigram model estimated from train's next-word targets:
// p(w) = (count(w)+1)/(N+numWords−1) over the word ids 1..numWords−1, so
// that a word never seen in training keeps a non-zero probability. A
// language model that has learnt nothing from context scores about this.
// It returns NaN when val is nil or has no targets.
func UnigramPerplexity(train, val *Dataset, numWords int) float64 {
	if val == nil || len(val.Next) == 0 || train == nil || numWords < 2 {
		return math.NaN()
	}
	counts := nextCounts(train, numWords)
	var total int
	for _, c := range counts[1:] {
		total += c
	}
	logTotal := math.Log(float64(total + numWords - 1))
	var nll float64
	for _, id := range val.Next {
		c := 0
		if id >= 1 && int(id) < numWords {
			c = counts[id]
		}
		nll += logTotal - math.Log(float64(c+1))
	}
	return math.Exp(nll / float64(len(val.Next)))
}

// checkNext reports the first next-word target of d outside 1..NumWords−1.
func (d *Dataset) checkNext(cfg Config, name usermsg.Message) error {
	if len(d.Next) != len(d.X) {
		return usermsg.Errorf("model: %v set has %d next-word targets for %d word ids; a language model needs one per id", name, len(d.Next), len(d.X))
	}
	for i, id := range d.Next {
		if id < 1 || int(id) >= cfg.NumWords {
			return usermsg.Errorf("model: %v window %d has next-word id %d outside 1 to %d; tokenize with num_words %d", name, i/d.MaxLen, id, cfg.NumWords-1, cfg.NumWords)
		}
	}
	return nil
}

// startSampler creates the candidate generator from Config.Seed, keeping
// its PCG source so that Save can store its state.
func (m *Model) startSampler() {
	m.sampleSrc = rand.NewPCG(m.Config.Seed, m.Config.Seed^sampleStream)
	m.sampleRng = rand.New(m.sampleSrc)
}

// stepLM is step for a language model: it draws the candidates of a
// sampled softmax, runs the softmax on the windows of d at idx and updates
// the weights. The
// loss it returns is the sum over the windows of each window's mean
// per-word loss, so dividing it by the number of windows gives the mean per
// word. The count of correct predictions counts words.
func (r *run) stepLM(d *Dataset, idx []int) (loss float64, correct int, reason usermsg.Message) {
	m, cfg := r.m, r.m.Config
	n, t := len(idx), cfg.MaxLen
	lm := r.w.lm
	d.gather(idx, r.x, r.y)
	for i, k := range idx {
		copy(r.next[i*t:(i+1)*t], d.Next[k*t:(k+1)*t])
	}
	lm.setTargets(r.next, n, t)
	if lm.samples > 0 {
		lm.draw(m.sampleRng)
	}

	r.w.dropRng = m.dropRng
	r.w.layerDropRate, lm.dropRate = cfg.LayerDropout, cfg.Dropout
	defer func() { r.w.layerDropRate, lm.dropRate = 0, 0 }()
	r.w.forward(m, r.x, n)
	hs := lm.input(r.w, n, m.dropRng, false)
	sum, correct := lm.lossGrad(m, hs, n*t)
	loss = sum / float64(t)
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return loss, correct, usermsg.Sprintf("loss became %v", loss)
	}
	lm.backward(m, hs, n*t, r.g)
	r.w.backward(m, r.x, n, r.g)
	return loss, correct, r.update()
}

// evaluateLM returns the mean full-softmax cross-entropy per word of m on
// d and the share of words that are the most probable next word.
func (r *run) evaluateLM(ctx context.Context, d *Dataset) (loss, accuracy float64, err error) {
	t, batch := d.MaxLen, r.w.capacity
	lm := r.w.lm
	targets := make([]int32, batch*t)
	var correct int
	for start := 0; start < d.Len(); start += batch {
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
		n := min(batch, d.Len()-start)
		r.w.forward(r.m, d.X[start*t:(start+n)*t], n)
		lm.setTargets(d.Next[start*t:(start+n)*t], n, t)
		copy(targets, lm.targets[:n*t])
		l, c := lm.fullSoftmax(r.m, r.w.output(len(r.w.upper), n), targets[:n*t])
		loss += l
		correct += c
	}
	words := float64(d.Len() * t)
	return loss / words, float64(correct) / words, nil
}
