package model

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// Random streams derived from Config.Seed. The weights use the PCG stream
// equal to the seed, as rand.New(rand.NewPCG(seed, seed)) does. The split and
// the epoch shuffles use their own streams, so a change to one step leaves
// the random numbers of the others as they were.
const (
	splitStream   = 0x5eed_5b11
	shuffleStream = 0x5eed_0e9c
)

func newRand(seed, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^stream))
}

// newWeights returns a model with weights drawn as Keras 3 initialises the
// layers: Embedding U(-0.05, 0.05), LSTM kernel Glorot uniform, recurrent
// kernel orthogonal, bias zero with 1 in the forget-gate block, Dense kernel
// Glorot uniform and bias zero. The Dense layer has one unit (the binary
// head); newWeightsOut gives other heads. Each stacked LSTM layer is
// initialised as the first, its kernel Glorot uniform over Units×4·Units.
func newWeights(cfg Config, rng *rand.Rand) *Model { return newWeightsOut(cfg, 1, rng) }

// newWeightsOut is newWeights with outputs Dense units. The draws are in
// the same order, so outputs 1 gives newWeights' model.
func newWeightsOut(cfg Config, outputs int, rng *rand.Rand) *Model {
	d, u := cfg.Dim, cfg.Units
	m := &Model{
		Config:    cfg,
		Embedding: make([]float32, cfg.NumWords*d),
		Kernel:    make([]float32, d*4*u),
		Recurrent: make([]float32, u*4*u),
		Bias:      make([]float32, 4*u),
		DenseW:    make([]float32, cfg.lstmOut()*outputs),
		DenseB:    make([]float32, outputs),
	}

	fillUniform(m.Embedding, 0.05, rng)
	fillUniform(m.Kernel, glorotLimit(d, 4*u), rng)
	fillOrthogonal(m.Recurrent, u, 4*u, rng)
	for j := u; j < 2*u; j++ {
		m.Bias[j] = 1 // unit_forget_bias
	}
	// Stacked layers draw in the order Keras builds them: each LSTM after
	// the one below, all before the Dense layer. One layer draws nothing
	// here, so its model is the same as before stacking existed.
	// Keras' Bidirectional builds the forward layer, then the backward one.
	m.Extra, m.Backward = newExtraLayers(cfg), newBackwardLayers(cfg)
	for l := range cfg.lstmLayers() {
		if l > 0 {
			initLSTM(m.Extra[l-1], cfg.lstmOut(), u, rng)
		}
		if cfg.Bidirectional {
			in := cfg.lstmOut()
			if l == 0 {
				in = d
			}
			initLSTM(m.Backward[l], in, u, rng)
		}
	}
	fillUniform(m.DenseW, glorotLimit(cfg.lstmOut(), outputs), rng)
	return m
}

// initUnigramBias sets the language model's output bias to the add-one
// log unigram probabilities of its training targets,
// b[w] = log((counts[w]+1)/(N+len(b)−1)) for w ≥ 1, where N is the sum of
// counts[1:], and leaves b[0], the padding unit outside the softmax, at 0.
//
// Keras initialises a Dense bias to zero, and the classifier keeps that.
// The language model departs from it because a softmax over thousands of
// words that starts uniform spends its first epochs learning word
// frequencies. With a sampled softmax, the rare words are seldom drawn as
// negatives and may never lose the probability the uniform start gives
// them.
// With this bias the model starts near the unigram model (exactly there
// when the kernel's contribution is zero) and only needs to learn what
// the context adds. It draws no random numbers, so the other weights are
// those of Keras' initialisation.
func initUnigramBias(b []float32, counts []int) {
	var total int
	for _, c := range counts[1:] {
		total += c
	}
	logTotal := math.Log(float64(total + len(b) - 1))
	b[0] = 0
	for w := 1; w < len(b); w++ {
		b[w] = float32(math.Log(float64(counts[w]+1)) - logTotal)
	}
}

// initLSTM draws the weights of one LSTM layer whose input has in values
// as the first layer's are drawn.
func initLSTM(e LSTMWeights, in, u int, rng *rand.Rand) {
	fillUniform(e.Kernel, glorotLimit(in, 4*u), rng)
	fillOrthogonal(e.Recurrent, u, 4*u, rng)
	for j := u; j < 2*u; j++ {
		e.Bias[j] = 1 // unit_forget_bias
	}
}

// glorotLimit returns the bound of Glorot & Bengio's (2010) uniform
// initialiser for a fanIn×fanOut kernel.
func glorotLimit(fanIn, fanOut int) float64 {
	return math.Sqrt(6 / float64(fanIn+fanOut))
}

// fillUniform fills w from U(-limit, limit).
func fillUniform(w []float32, limit float64, rng *rand.Rand) {
	for i := range w {
		w[i] = float32((2*rng.Float64() - 1) * limit)
	}
}

// fillOrthogonal fills w (rows×cols, row-major, rows ≤ cols) with a matrix
// whose rows are orthonormal, as Keras' Orthogonal initialiser does. It
// factorises a cols×rows standard-normal matrix as QR and multiplies the
// columns of Q by the signs of R's diagonal, which makes the distribution
// uniform. The transpose of that Q is the result.
func fillOrthogonal(w []float32, rows, cols int, rng *rand.Rand) {
	if rows > cols || len(w) != rows*cols {
		panic("model: fillOrthogonal needs rows ≤ cols and len(w) = rows·cols")
	}
	a := mat.NewDense(cols, rows, nil)
	for i := range cols {
		for j := range rows {
			a.Set(i, j, rng.NormFloat64())
		}
	}

	var qr mat.QR
	qr.Factorize(a)
	var q, r mat.Dense
	qr.QTo(&q)
	qr.RTo(&r)

	// Q is cols×cols; its first rows columns span the columns of a.
	for j := range rows {
		sign := 1.0
		if r.At(j, j) < 0 {
			sign = -1
		}
		for i := range cols {
			w[j*cols+i] = float32(sign * q.At(i, j))
		}
	}
}
