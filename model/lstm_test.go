package model

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// refParams holds the weights of a Model in float64 for the reference
// implementation below.
type refParams struct {
	emb, kernel, rec, bias, denseW, denseB []float64
	extra                                  [][3][]float64 // kernel, recurrent, bias of each stacked layer
	back                                   [][3][]float64 // the same for each backward direction

	// layerMask, when not nil, holds a layer-dropout mask for the output
	// sequence of each layer below the top, time-major as work.seqMask
	// (row s·n+b for step s of sample b). It is not a parameter.
	layerMask [][]float32
}

func toRef(m *Model) *refParams {
	conv := func(w []float32) []float64 {
		out := make([]float64, len(w))
		for i, v := range w {
			out[i] = float64(v)
		}
		return out
	}
	p := &refParams{emb: conv(m.Embedding), kernel: conv(m.Kernel), rec: conv(m.Recurrent), bias: conv(m.Bias),
		denseW: conv(m.DenseW), denseB: conv(m.DenseB)}
	for _, e := range m.Extra {
		p.extra = append(p.extra, [3][]float64{conv(e.Kernel), conv(e.Recurrent), conv(e.Bias)})
	}
	for _, e := range m.Backward {
		p.back = append(p.back, [3][]float64{conv(e.Kernel), conv(e.Recurrent), conv(e.Bias)})
	}
	return p
}

// tensors returns the parameters in the order of Model.params.
func (p *refParams) tensors() [][]float64 {
	ts := [][]float64{p.emb, p.kernel, p.rec, p.bias, p.denseW, p.denseB}
	for _, e := range append(slices.Clone(p.extra), p.back...) {
		ts = append(ts, e[0], e[1], e[2])
	}
	return ts
}

// layer returns the kernel, recurrent kernel and bias of LSTM layer l in
// direction dir (0 forward, 1 backward).
func (p *refParams) layer(l, dir int) (kernel, rec, bias []float64) {
	if dir == 1 {
		e := p.back[l]
		return e[0], e[1], e[2]
	}
	if l == 0 {
		return p.kernel, p.rec, p.bias
	}
	e := p.extra[l-1]
	return e[0], e[1], e[2]
}

// tensorNames names the tensors of Model.params, up to MaxLayers layers.
var tensorNames = func() []string {
	names := []string{"embedding", "kernel", "recurrent", "bias", "dense kernel", "dense bias"}
	for l := 1; l < MaxLayers; l++ {
		n := LSTMLayerName(l)
		names = append(names, n+" kernel", n+" recurrent", n+" bias")
	}
	for l := range MaxLayers {
		n := LSTMLayerName(l) + "_backward"
		names = append(names, n+" kernel", n+" recurrent", n+" bias")
	}
	return names
}()

// refLogits is a plain float64 implementation of the binary model, written
// from the formulas sample by sample and step by step, independent of the
// batched code under test.
func refLogits(p *refParams, cfg Config, x []int32) []float64 {
	return refLogitsOut(p, cfg, x, 1, nil)
}

// refLogitsOut is refLogits for a Dense layer of o units (kernel Units×o,
// row-major) and returns n×o logits. mask, when not nil, multiplies the
// last hidden state (n×Units) as dropout does.
func refLogitsOut(p *refParams, cfg Config, x []int32, o int, mask []float32) []float64 {
	hs := refHidden(p, cfg, x)
	u := len(hs[0]) // Units, or 2·Units when bidirectional
	out := make([]float64, len(hs)*o)
	for b, h := range hs {
		for k := range o {
			v := p.denseB[k]
			for j := range u {
				hj := h[j]
				if mask != nil {
					hj *= float64(mask[b*u+j])
				}
				v += hj * p.denseW[j*o+k]
			}
			out[b*o+k] = v
		}
	}
	return out
}

// refHidden returns the top LSTM layer's last hidden state of each sample.
// Each of cfg.Layers layers reads the hidden states of the layer below at
// every step. With cfg.MaskZero a step of word id 0 leaves every layer's h
// and c as they were, which is Keras' mask_zero written out. With
// cfg.Bidirectional a second LSTM reads the steps last to first, and a
// layer's output at each step, and its final state, is [forward, backward].
func refHidden(p *refParams, cfg Config, x []int32) [][]float64 {
	d, t := cfg.Dim, cfg.MaxLen
	n := len(x) / t
	out := make([][]float64, n)
	for b := range n {
		ids := x[b*t : (b+1)*t]
		seq := make([][]float64, t) // the current layer's inputs
		for s, id := range ids {
			seq[s] = p.emb[int(id)*d : int(id+1)*d]
		}
		var h []float64
		for l := range max(cfg.Layers, 1) {
			kernel, rec, bias := p.layer(l, 0)
			outs, hf := refLSTM(kernel, rec, bias, cfg, seq, ids, false)
			h = hf
			if cfg.Bidirectional {
				kernel, rec, bias = p.layer(l, 1)
				back, hb := refLSTM(kernel, rec, bias, cfg, seq, ids, true)
				for s := range outs {
					outs[s] = append(slices.Clone(outs[s]), back[s]...)
				}
				h = append(slices.Clone(hf), hb...)
			}
			if p.layerMask != nil && l < max(cfg.Layers, 1)-1 {
				for s := range outs {
					dropped := slices.Clone(outs[s])
					for j := range dropped {
						dropped[j] *= float64(p.layerMask[l][(s*n+b)*len(dropped)+j])
					}
					outs[s] = dropped
				}
			}
			seq = outs
		}
		out[b] = h
	}
	return out
}

// refLSTM runs one LSTM over seq, last to first when reverse is set, and
// returns its output at each time step and its final state.
func refLSTM(kernel, rec, bias []float64, cfg Config, seq [][]float64, ids []int32, reverse bool) ([][]float64, []float64) {
	u, t := cfg.Units, len(seq)
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }
	h := make([]float64, u)
	c := make([]float64, u)
	outs := make([][]float64, t)
	for k := range t {
		s := k
		if reverse {
			s = t - 1 - k
		}
		if cfg.MaskZero && ids[s] == 0 {
			outs[s] = h
			continue
		}
		e := seq[s]
		hNew := make([]float64, u)
		for j := range u {
			var z [4]float64
			for gate := range 4 {
				col := gate*u + j
				v := bias[col]
				for k := range e {
					v += e[k] * kernel[k*4*u+col]
				}
				for k := range u {
					v += h[k] * rec[k*4*u+col]
				}
				z[gate] = v
			}
			i, f, g, o := sig(z[0]), sig(z[1]), math.Tanh(z[2]), sig(z[3])
			c[j] = f*c[j] + i*g
			hNew[j] = o * math.Tanh(c[j])
		}
		h = hNew
		outs[s] = h
	}
	return outs, h
}

// refLossHead returns the mean loss of the reference model with head
// (see Config.Head) over o outputs, written from the textbook formulas:
// −log p for the softmax's probability of the label, and the mean over
// classes of −t·log σ(z) − (1−t)·log(1−σ(z)) for the multi-label head.
// weights, when not nil, multiply each sample's loss by its class's
// weight; the mean divides by the number of samples.
func refLossHead(p *refParams, cfg Config, head string, o int, x []int32, y, targets []float32, weights []float64, mask []float32) float64 {
	logits := refLogitsOut(p, cfg, x, o, mask)
	n := len(y)
	var sum float64
	for b := range n {
		z := logits[b*o : (b+1)*o]
		var l float64
		switch head {
		case HeadSoftmax:
			var total float64
			for _, v := range z {
				total += math.Exp(v)
			}
			l = -math.Log(math.Exp(z[int(y[b])]) / total)
		case HeadMultiLabel:
			for k, v := range z {
				pr, tk := 1/(1+math.Exp(-v)), float64(targets[b*o+k])
				l -= tk*math.Log(pr) + (1-tk)*math.Log(1-pr)
			}
			l /= float64(o)
		default:
			pr, yb := 1/(1+math.Exp(-z[0])), float64(y[b])
			l = -(yb*math.Log(pr) + (1-yb)*math.Log(1-pr))
		}
		if weights != nil {
			l *= weights[int(y[b])]
		}
		sum += l
	}
	return sum / float64(n)
}

// refLoss returns the mean binary cross-entropy of the reference model.
func refLoss(p *refParams, cfg Config, x []int32, y []float32) float64 {
	var sum float64
	logits := refLogits(p, cfg, x)
	for b, z := range logits {
		pr := 1 / (1 + math.Exp(-z))
		yb := float64(y[b])
		sum -= yb*math.Log(pr) + (1-yb)*math.Log(1-pr)
	}
	return sum / float64(len(logits))
}

// tinyModel returns a small model with weights drawn from U(-0.5, 0.5), so
// that every gate is away from saturation and from zero, and a batch of
// three samples that uses the padding row 0.
func tinyModel() (*Model, []int32, []float32) {
	cfg := Config{NumWords: 7, Dim: 3, MaxLen: 5, Units: 4, Batch: 3, LR: 0.001, Epochs: 1, Seed: 11}
	m := newWeights(cfg, newRand(cfg.Seed, 0))
	rng := newRand(99, 0)
	for _, w := range m.params() {
		fillUniform(w, 0.5, rng)
	}
	x := []int32{
		0, 0, 3, 1, 2,
		0, 5, 5, 6, 1,
		4, 2, 3, 6, 6,
	}
	y := []float32{1, 0, 1}
	return m, x, y
}

func TestForwardOneUnitByHand(t *testing.T) {
	// One unit, one dimension, two steps, so the formulas can be written out.
	cfg := Config{NumWords: 3, Dim: 1, MaxLen: 2, Units: 1, Batch: 1, LR: 0.001, Epochs: 1}
	m := &Model{Config: cfg,
		Embedding: []float32{0, 0.5, -1},
		Kernel:    []float32{0.1, 0.2, 0.3, 0.4}, // i, f, c, o
		Recurrent: []float32{-0.3, 0.6, 0.9, 0.2},
		Bias:      []float32{0, 1, 0, 0},
		DenseW:    []float32{2},
		DenseB:    []float32{-0.5},
	}
	sig := func(v float64) float64 { return 1 / (1 + math.Exp(-v)) }

	// Step 1, input 0.5, h₀ = c₀ = 0.
	x1 := 0.5
	i1, f1, g1, o1 := sig(0.1*x1), sig(0.2*x1+1), math.Tanh(0.3*x1), sig(0.4*x1)
	c1 := f1*0 + i1*g1
	h1 := o1 * math.Tanh(c1)
	// Step 2, input -1.
	x2 := -1.0
	i2 := sig(0.1*x2 - 0.3*h1)
	f2 := sig(0.2*x2 + 0.6*h1 + 1)
	g2 := math.Tanh(0.3*x2 + 0.9*h1)
	o2 := sig(0.4*x2 + 0.2*h1)
	c2 := f2*c1 + i2*g2
	h2 := o2 * math.Tanh(c2)
	want := 2*h2 - 0.5

	w := newWork(cfg, 1)
	w.forward(m, []int32{1, 2}, 1)
	// float32 carries about 7 digits; 1e-6 is several roundings.
	if got := float64(w.logit[0]); math.Abs(got-want) > 1e-6 {
		t.Errorf("logit = %.8f, want %.8f", got, want)
	}
	if got := float64(w.h[2*1*1]); math.Abs(got-h2) > 1e-6 {
		t.Errorf("h₂ = %.8f, want %.8f", got, h2)
	}
	if got := float64(w.c[1]); math.Abs(got-c1) > 1e-6 {
		t.Errorf("c₁ = %.8f, want %.8f", got, c1)
	}
}

func TestForwardMatchesReference(t *testing.T) {
	m, x, _ := tinyModel()
	want := refLogits(toRef(m), m.Config, x)
	w := newWork(m.Config, 3)
	w.forward(m, x, 3)
	for b, z := range want {
		if math.Abs(float64(w.logit[b])-z) > 1e-5 {
			t.Errorf("sample %d: logit = %.7f, want %.7f", b, w.logit[b], z)
		}
	}
}

// numericGrads returns the central-difference gradient of the float64
// reference loss for every parameter, with step h.
func numericGrads(m *Model, x []int32, y []float32, h float64) [][]float64 {
	return numericGradsOf(m, h, func(p *refParams) float64 { return refLoss(p, m.Config, x, y) })
}

// numericGradsOf returns the central-difference gradient of loss for every
// parameter of m, with step h.
func numericGradsOf(m *Model, h float64, loss func(*refParams) float64) [][]float64 {
	p := toRef(m)
	var out [][]float64
	for _, w := range p.tensors() {
		g := make([]float64, len(w))
		for k := range w {
			orig := w[k]
			w[k] = orig + h
			up := loss(p)
			w[k] = orig - h
			down := loss(p)
			w[k] = orig
			g[k] = (up - down) / (2 * h)
		}
		out = append(out, g)
	}
	return out
}

// analyticGrads returns the gradients of the code under test.
func analyticGrads(m *Model, x []int32, y []float32) *grads {
	n := len(y)
	w := newWork(m.Config, n)
	g := newGrads(m.Config)
	w.forward(m, x, n)
	w.lossGrad(y, n)
	w.backward(m, x, n, g)
	return g
}

// gradMismatches lists the entries where the analytic float32 gradient and
// the numeric float64 gradient differ by more than 1e-5 + 1e-3·|numeric|.
//
// The numeric gradient uses float64 with h = 1e-6, so its own error is about
// 1e-10 (h² truncation plus 1e-16/h rounding). The analytic gradient is
// float32 (7 digits) after a few hundred roundings through five steps. On
// this model the largest difference is about 4e-9 (the test logs it), far
// below the tolerance. A wrong or missing term changes a gradient by far more.
func gradMismatches(analytic [][]float32, numeric [][]float64) []string {
	var bad []string
	for ti := range numeric {
		for k, nv := range numeric[ti] {
			av := float64(analytic[ti][k])
			if math.Abs(av-nv) > 1e-5+1e-3*math.Abs(nv) {
				bad = append(bad, fmt.Sprintf("%s[%d]: analytic %.7g, numeric %.7g", tensorNames[ti], k, av, nv))
			}
		}
	}
	return bad
}

func TestGradientsMatchFiniteDifferences(t *testing.T) {
	m, x, y := tinyModel()
	g := analyticGrads(m, x, y)
	analytic := [][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB}
	numeric := numericGrads(m, x, y, 1e-6)

	for _, bad := range gradMismatches(analytic, numeric) {
		t.Error(bad)
	}
	var maxDiff float64
	for ti := range numeric {
		for k, nv := range numeric[ti] {
			maxDiff = max(maxDiff, math.Abs(float64(analytic[ti][k])-nv))
		}
	}
	t.Logf("largest |analytic − numeric| = %.2g", maxDiff)

	// Every tensor must get a gradient, and the used embedding rows
	// (including padding row 0) must be checked with non-zero values.
	d := m.Config.Dim
	for ti, gr := range numeric {
		nonzero := 0
		for _, v := range gr {
			if math.Abs(v) > 1e-6 {
				nonzero++
			}
		}
		if nonzero == 0 {
			t.Errorf("%s: every numeric gradient is zero, so the check tests nothing", tensorNames[ti])
		}
	}
	for _, id := range []int{0, 1, 2, 3, 4, 5, 6} {
		if numeric[0][id*d] == 0 {
			t.Errorf("embedding row %d has a zero numeric gradient although x uses it", id)
		}
	}
}

func TestGradientCheckDetectsError(t *testing.T) {
	m, x, y := tinyModel()
	g := analyticGrads(m, x, y)
	numeric := numericGrads(m, x, y, 1e-6)

	// Halve one recurrent gradient, as a forgotten term might.
	g.Recurrent[5] *= 0.5
	analytic := [][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB}
	if bad := gradMismatches(analytic, numeric); len(bad) != 1 {
		t.Errorf("mismatches = %q, want exactly the changed recurrent entry", bad)
	}
}

func TestEmbeddingGradClearedBetweenBatches(t *testing.T) {
	m, x, y := tinyModel()
	w := newWork(m.Config, 3)
	g := newGrads(m.Config)
	w.forward(m, x, 3)
	w.lossGrad(y, 3)
	w.backward(m, x, 3, g)

	// A second batch with other words must leave only its own rows non-zero.
	x2 := []int32{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}
	w.forward(m, x2, 3)
	w.lossGrad(y, 3)
	w.backward(m, x2, 3, g)
	d := m.Config.Dim
	for id := range m.Config.NumWords {
		for k := range d {
			if id != 1 && g.Embedding[id*d+k] != 0 {
				t.Fatalf("embedding gradient row %d = %v after a batch of word 1 only, want 0", id, g.Embedding[id*d:(id+1)*d])
			}
		}
	}
}

// tinyHeadModel returns tinyModel's weights and batch with a Dense layer of
// three units for head, the class indices 2, 0, 1 and, for the multi-label
// head, targets with one, two and no labels.
func tinyHeadModel(head string) (m *Model, x []int32, y, targets []float32) {
	m, x, _ = tinyModel()
	m.Config.Head = head
	m.Classes = []string{"a", "b", "c"}
	rng := newRand(98, 0)
	m.DenseW = make([]float32, m.Config.Units*3)
	m.DenseB = make([]float32, 3)
	fillUniform(m.DenseW, 0.5, rng)
	fillUniform(m.DenseB, 0.5, rng)
	y = []float32{2, 0, 1}
	if head == HeadMultiLabel {
		targets = []float32{0, 0, 1, 1, 1, 0, 0, 0, 0}
	}
	return m, x, y, targets
}

func TestHeadGradientsMatchFiniteDifferences(t *testing.T) {
	// The same tolerance and reasoning as TestGradientsMatchFiniteDifferences.
	weights := []float64{0.5, 2, 1.25}
	tests := []struct {
		name     string
		head     string
		weighted bool
		dropout  float64
	}{
		{"softmax", HeadSoftmax, false, 0},
		{"multi-label", HeadMultiLabel, false, 0},
		{"binary weighted", HeadBinary, true, 0},
		{"softmax weighted", HeadSoftmax, true, 0},
		{"multi-label weighted", HeadMultiLabel, true, 0},
		{"binary dropout", HeadBinary, false, 0.4},
		{"softmax dropout", HeadSoftmax, false, 0.4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var m *Model
			var x []int32
			var y, targets []float32
			if tc.head == HeadBinary {
				m, x, y = tinyModel()
			} else {
				m, x, y, targets = tinyHeadModel(tc.head)
			}
			o := len(m.DenseB)
			var cw []float64
			if tc.weighted {
				cw = weights
			}
			n := len(y)
			w := newWorkOut(m.Config, o, n)
			if tc.dropout > 0 {
				w.dropRate, w.dropRng = tc.dropout, newRand(3, dropoutStream)
			}
			g := newGradsOut(m.Config, o)
			w.forward(m, x, n)
			loss, _ := w.lossGradHead(tc.head, y, targets, cw, n)
			w.backward(m, x, n, g)
			var mask []float32
			if tc.dropout > 0 {
				mask = slices.Clone(w.mask[:n*m.Config.Units])
				if !slices.Contains(mask, 0) {
					t.Fatal("the dropout mask drops nothing, so the check tests nothing")
				}
			}

			refL := refLossHead(toRef(m), m.Config, tc.head, o, x, y, targets, cw, mask)
			if got := loss / float64(n); math.Abs(got-refL) > 1e-5 {
				t.Errorf("mean loss = %.7f, reference %.7f", got, refL)
			}
			numeric := numericGradsOf(m, 1e-6, func(p *refParams) float64 {
				return refLossHead(p, m.Config, tc.head, o, x, y, targets, cw, mask)
			})
			analytic := [][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB}
			for _, bad := range gradMismatches(analytic, numeric) {
				t.Error(bad)
			}
			for ti, gr := range numeric {
				if !slices.ContainsFunc(gr, func(v float64) bool { return math.Abs(v) > 1e-6 }) {
					t.Errorf("%s: every numeric gradient is zero, so the check tests nothing", tensorNames[ti])
				}
			}
		})
	}
}
