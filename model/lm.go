package model

import (
	"math"
	"math/rand/v2"

	"embedlab/internal/usermsg"
)

// HeadLanguageModel is the next-word language model: every time step of
// the top LSTM layer feeds Dense(NumWords), trained with the full softmax
// or a sampled softmax (Config.Candidates) and evaluated with the full
// softmax over word ids 1..NumWords−1. Unit 0 (padding) exists, as in
// Keras' Dense(num_words), but is never a target, never sampled and left
// out of the full softmax.
const HeadLanguageModel = "lm"

// DefaultSamples is the number of candidate words of the sampled softmax
// when Config.Samples is 0 and the vocabulary is above
// FullSoftmaxMaxWords, capped at NumWords−1.
const DefaultSamples = 64

// FullSoftmax as Config.Samples trains the language model with the exact
// softmax over every word of the vocabulary instead of a sampled one.
const FullSoftmax = -1

// FullSoftmaxMaxWords is the largest number of predicted words
// (NumWords−1) for which Config.Samples 0 chooses the full softmax. With
// the default sizes, BenchmarkTrainBatchLMSoftmax measured a full-softmax
// batch at 2.4 times the classifier's training step (BenchmarkTrainBatch)
// for 1,000 words and 4.5 times for 2,000, on one core of an AMD EPYC
// shared with other jobs. Above it the sampled softmax keeps a batch
// within about 1.5 times the classifier's step.
const FullSoftmaxMaxWords = 1000

// Candidates returns the number of candidate words that the language
// model's sampled softmax draws per batch, or 0 for the full softmax.
// Samples FullSoftmax gives 0 and a positive Samples itself. Samples 0
// gives 0 up to FullSoftmaxMaxWords predicted words and DefaultSamples,
// capped at NumWords−1, above.
//
// NOTE: Prepare replaces Samples 0 by the choice. Language model files
// written before it did store 0 for 64 candidates, so those of up to
// FullSoftmaxMaxWords words resume with the full softmax.
func (c Config) Candidates() int {
	switch {
	case c.Samples > 0:
		return c.Samples
	case c.Samples == FullSoftmax, c.NumWords-1 <= FullSoftmaxMaxWords:
		return 0
	}
	return min(DefaultSamples, c.NumWords-1)
}

// isLM reports whether c is a language model.
func (c Config) isLM() bool { return c.Head == HeadLanguageModel }

// validateLanguageModel checks the settings that concern the language
// model.
func (c Config) validateLanguageModel() error {
	if c.Samples < FullSoftmax || c.Samples > MaxSamples {
		return usermsg.Errorf("model: samples %d is out of range; use -1 (full softmax), 0 (chosen by vocabulary size) or 1 to %d", c.Samples, MaxSamples)
	}
	if !c.isLM() {
		return nil
	}
	switch {
	case c.NumWords < 3:
		return usermsg.Errorf("model: num_words %d leaves fewer than 2 words for the language model to predict; use 3 or more", c.NumWords)
	case c.Samples > c.NumWords-1:
		return usermsg.Errorf("model: samples %d exceeds the %d words the language model predicts; use at most %d (num_words − 1)", c.Samples, c.NumWords-1, c.NumWords-1)
	case c.Bidirectional:
		return usermsg.Errorf("model: the language model cannot be bidirectional, because the backward LSTM would read the word it predicts; turn bidirectional off")
	case c.ClassWeight == "balanced":
		return usermsg.Errorf("model: the language model has no classes to weight; set class weights to none")
	}
	return nil
}

// lmBytes estimates the memory that the language model's output layer
// adds to TrainingBytes: the Dense layer over the vocabulary with its
// gradient and Adam's moments, and the per-batch buffers of lmHead.
func (c Config) lmBytes() int64 {
	if !c.isLM() {
		return 0
	}
	v, u, s := int64(c.NumWords), int64(c.Units), int64(c.Candidates())
	rows := int64(c.MaxLen) * int64(c.Batch)
	weights := 4 * (u*v + v)
	batch := rows*(s+2+3*u) + 2*u*s + int64(evalRows)*v
	if s == 0 {
		// The logits of every row over the whole vocabulary, the
		// transposed kernel and the per-row losses.
		batch += rows*v + u*v + 2*rows
	}
	return 4 * (weights + batch)
}

// logUniform is the log-uniform (Zipfian) candidate sampler of TensorFlow's
// log_uniform_candidate_sampler over the classes 0..n−1:
//
//	P(k) = (log(k+2) − log(k+1)) / log(n+1)
//
// It suits classes ranked by frequency, as the Keras tokenizer ranks word
// ids. Class k is word id k+1.
type logUniform struct {
	n       int
	logSize float64 // log(n+1)
}

func newLogUniform(n int) logUniform { return logUniform{n: n, logSize: math.Log(float64(n) + 1)} }

// prob returns P(k).
func (s logUniform) prob(k int) float64 { return math.Log1p(1/float64(k+1)) / s.logSize }

// draw returns one class by inverting the cumulative distribution
// P(K ≤ k) = log(k+2)/log(n+1), as TensorFlow's sampler does.
func (s logUniform) draw(rng *rand.Rand) int {
	k := int(math.Exp(rng.Float64()*s.logSize)) - 1
	return min(k, s.n-1)
}

// sampleUnique fills cand with len(cand) distinct classes drawn with
// replacement until that many are distinct, and returns the number of
// draws. seen (n values, all false) is scratch space, left all false.
func (s logUniform) sampleUnique(rng *rand.Rand, cand []int32, seen []bool) (tries int) {
	for k := 0; k < len(cand); {
		c := s.draw(rng)
		tries++
		if !seen[c] {
			seen[c] = true
			cand[k] = int32(c)
			k++
		}
	}
	for _, c := range cand {
		seen[c] = false
	}
	return tries
}

// logExpected returns the log of the expected number of times class k
// occurs among the draws of sampleUnique that took tries draws:
// 1 − (1 − P(k))^tries, as TensorFlow computes it for unique samplers.
func (s logUniform) logExpected(k, tries int) float64 {
	return math.Log(-math.Expm1(float64(tries) * math.Log1p(-s.prob(k))))
}

// lmHead holds the buffers of the language model's output layer for one
// batch of n windows of t steps, whose rows r = s·n+b (time-major, as the
// LSTM buffers) each predict one next word.
//
// With samples 0 training uses the full softmax over word ids
// 1..NumWords−1, as validation does. Otherwise it uses the sampled softmax
// of Jean et al. (2015), "On Using Very Large Target Vocabulary for Neural
// Machine Translation", in the form of TensorFlow's sampled_softmax_loss.
// One set of S distinct candidates per batch comes from logUniform. Every
// logit has the log of its class's expected count subtracted, and a
// candidate equal to a row's target is removed from that row's softmax
// (remove_accidental_hits).
type lmHead struct {
	vocab, samples, units int
	sampler               logUniform

	cand    []int32   // S candidate classes; class k is word id k+1
	logQ    []float64 // S: log expected count of each candidate
	tries   int       // draws that sampleUnique needed
	seen    []bool    // sampler scratch, one per class
	wS      []float32 // units×S: the Dense columns of the candidates
	wST     []float32 // S×units: their transpose
	logits  []float32 // rows×S: sampled logits, then their gradient
	targets []int32   // rows: the word id each row predicts
	trueZ   []float32 // rows: corrected logit of the target, then its gradient
	dH      []float32 // rows×units: gradient of the top layer's output sequence
	dWS     []float32 // units×S

	// Buffers of the full softmax in training, nil for the sampled one.
	full    []float32 // rows×vocab logits, then their gradient
	denseWT []float32 // vocab×units: the transposed Dense kernel
	rowLoss []float64 // rows: cross-entropy of each row
	rowHit  []bool    // rows: whether the target is the row's most probable word

	// Dropout on the top layer's output sequence before the Dense layer.
	dropRate    float64
	mask, hDrop []float32 // rows×units
	chunk       []float32 // evalRows×vocab logits of the full softmax
}

// evalRows is the number of rows whose full-softmax logits are computed at
// once: 64 rows of a 20,000-word vocabulary take 5 MB.
const evalRows = 64

func newLMHead(cfg Config, capacity int) *lmHead {
	v, s, u := cfg.NumWords, cfg.Candidates(), cfg.Units
	rows := cfg.MaxLen * capacity
	h := &lmHead{
		vocab: v, samples: s, units: u, sampler: newLogUniform(v - 1),
		cand: make([]int32, s), logQ: make([]float64, s), seen: make([]bool, v-1),
		wS: make([]float32, u*s), wST: make([]float32, s*u),
		logits: make([]float32, rows*s), targets: make([]int32, rows), trueZ: make([]float32, rows),
		dH: make([]float32, rows*u), dWS: make([]float32, u*s),
	}
	if s == 0 {
		h.seen = nil
		h.full, h.denseWT = make([]float32, rows*v), make([]float32, v*u)
		h.rowLoss, h.rowHit = make([]float64, rows), make([]bool, rows)
	}
	return h
}

// draw samples the candidates of the next batch from rng.
func (h *lmHead) draw(rng *rand.Rand) {
	h.setCandidates(h.cand, h.sampler.sampleUnique(rng, h.cand, h.seen))
}

// setCandidates makes cand, drawn in tries draws, the candidates of the
// next batch. Tests use it to fix the candidates.
func (h *lmHead) setCandidates(cand []int32, tries int) {
	copy(h.cand, cand)
	h.tries = tries
	for k, c := range h.cand {
		h.logQ[k] = h.sampler.logExpected(int(c), tries)
	}
}

// setTargets copies the next-word ids of n windows (n×t, row-major) into
// h.targets in time-major row order.
func (h *lmHead) setTargets(next []int32, n, t int) {
	for b := range n {
		for s := range t {
			h.targets[s*n+b] = next[b*t+s]
		}
	}
}

// input returns the top layer's output sequence for n windows (rows×units),
// after dropout while h.dropRate > 0. Masks come from rng unless fixed.
func (h *lmHead) input(w *work, n int, rng *rand.Rand, fixed bool) []float32 {
	seq := w.output(len(w.upper), n)
	if h.dropRate <= 0 {
		return seq
	}
	if h.mask == nil {
		h.mask = make([]float32, len(h.dH))
		h.hDrop = make([]float32, len(h.dH))
	}
	keep := float32(1 / (1 - h.dropRate))
	for k, v := range seq {
		if !fixed {
			h.mask[k] = keep
			if rng.Float64() < h.dropRate {
				h.mask[k] = 0
			}
		}
		h.hDrop[k] = v * h.mask[k]
	}
	return h.hDrop[:len(seq)]
}

// lossGrad computes the training loss of the rows of the last forward
// pass, whose top output sequence is hs, against h.targets: the full
// softmax's (fullLossGrad) when h.samples is 0, otherwise the sampled
// softmax's with the candidates h.cand. It returns the summed loss and the
// number of rows whose target logit beats every candidate's (every word's
// for the full softmax), and leaves the gradient of the mean loss in
// h.logits and h.trueZ, or in h.full.
func (h *lmHead) lossGrad(m *Model, hs []float32, rows int) (loss float64, correct int) {
	if h.samples == 0 {
		return h.fullLossGrad(m, hs, rows)
	}
	u, s, v := h.units, h.samples, h.vocab
	for j := range u {
		for k, c := range h.cand {
			wv := m.DenseW[j*v+int(c)+1]
			h.wS[j*s+k] = wv
			h.wST[k*u+j] = wv
		}
	}
	z := h.logits[:rows*s]
	gemm(false, rows, s, u, hs, u, h.wS, s, 0, z, s)

	scale := 1 / float64(rows)
	for r := range rows {
		y := int(h.targets[r])
		row := z[r*s : (r+1)*s]
		var dot float32
		for j, hv := range hs[r*u : (r+1)*u] {
			dot += hv * m.DenseW[j*v+y]
		}
		zt := float64(dot+m.DenseB[y]) - h.sampler.logExpected(y-1, h.tries)

		mx := zt
		for k, c := range h.cand {
			zk := float64(row[k]+m.DenseB[int(c)+1]) - h.logQ[k]
			if int(c)+1 == y {
				zk = math.Inf(-1) // an accidental hit is not a negative
			}
			row[k] = float32(zk)
			mx = math.Max(mx, zk)
		}
		if zt >= mx {
			correct++
		}
		sum := math.Exp(zt - mx)
		for _, zk := range row {
			sum += math.Exp(float64(zk) - mx)
		}
		lse := mx + math.Log(sum)
		loss += lse - zt

		h.trueZ[r] = float32((math.Exp(zt-lse) - 1) * scale)
		for k, zk := range row {
			row[k] = float32(math.Exp(float64(zk)-lse) * scale)
		}
	}
	return loss, correct
}

// backward writes the gradients of the Dense layer into g and the gradient
// of the top layer's output sequence into h.dH, from the gradients that
// lossGrad left. hs is the sequence lossGrad read.
func (h *lmHead) backward(m *Model, hs []float32, rows int, g *grads) {
	if h.samples == 0 {
		h.fullBackward(m, hs, rows, g)
		return
	}
	u, s, v := h.units, h.samples, h.vocab
	dz := h.logits[:rows*s]
	clear(g.DenseW)
	clear(g.DenseB)

	// Candidates: one product for the kernel columns, one for dH.
	gemm(true, u, s, rows, hs, u, dz, s, 0, h.dWS, s)
	for j := range u {
		for k, c := range h.cand {
			g.DenseW[j*v+int(c)+1] += h.dWS[j*s+k]
		}
	}
	for r := range rows {
		for k, c := range h.cand {
			g.DenseB[int(c)+1] += dz[r*s+k]
		}
	}
	dH := h.dH[:rows*u]
	gemm(false, rows, u, s, dz, s, h.wST, u, 0, dH, u)

	// Targets: each row's own column.
	for r := range rows {
		y, dt := int(h.targets[r]), h.trueZ[r]
		g.DenseB[y] += dt
		hr, dr := hs[r*u:(r+1)*u], dH[r*u:(r+1)*u]
		for j := range u {
			g.DenseW[j*v+y] += hr[j] * dt
			dr[j] += dt * m.DenseW[j*v+y]
		}
	}
	h.dropBackward(dH)
}

// dropBackward applies the dropout mask of the last forward pass to the
// gradient dH, when dropout is on.
func (h *lmHead) dropBackward(dH []float32) {
	if h.dropRate > 0 {
		for k := range dH {
			dH[k] *= h.mask[k]
		}
	}
}

// fullSoftmax returns, for the rows of hs (rows×units), the summed
// cross-entropy of the full softmax over word ids 1..NumWords−1 against
// targets and the number of rows whose most probable word is the target.
func (h *lmHead) fullSoftmax(m *Model, hs []float32, targets []int32) (loss float64, correct int) {
	u, v := h.units, h.vocab
	if h.chunk == nil {
		h.chunk = make([]float32, evalRows*v)
	}
	rows := len(targets)
	for start := 0; start < rows; start += evalRows {
		n := min(evalRows, rows-start)
		z := h.chunk[:n*v]
		for r := range n {
			copy(z[r*v:(r+1)*v], m.DenseB)
		}
		gemm(false, n, v, u, hs[start*u:(start+n)*u], u, m.DenseW, v, 1, z, v)
		for r := range n {
			row := z[r*v+1 : (r+1)*v] // unit 0 is padding
			best := 0
			for k, zk := range row {
				if zk > row[best] {
					best = k
				}
			}
			mx := float64(row[best])
			var sum float64
			for _, zk := range row {
				sum += math.Exp(float64(zk) - mx)
			}
			y := int(targets[start+r]) - 1
			loss += mx + math.Log(sum) - float64(row[y])
			if best == y {
				correct++
			}
		}
	}
	return loss, correct
}
