package model

import (
	"math"
	"math/rand/v2"
)

// grads holds the gradients of the loss with respect to each weight tensor,
// with the shapes of the Model fields of the same names.
type grads struct {
	Embedding, Kernel, Recurrent, Bias, DenseW, DenseB []float32
}

// newGrads returns gradients for a binary model of cfg.
func newGrads(cfg Config) *grads { return newGradsOut(cfg, 1) }

// newGradsOut returns gradients for a model of cfg with outputs Dense units.
func newGradsOut(cfg Config, outputs int) *grads {
	d, u := cfg.Dim, cfg.Units
	return &grads{
		Embedding: make([]float32, cfg.NumWords*d),
		Kernel:    make([]float32, d*4*u),
		Recurrent: make([]float32, u*4*u),
		Bias:      make([]float32, 4*u),
		DenseW:    make([]float32, u*outputs),
		DenseB:    make([]float32, outputs),
	}
}

// work holds the activations of one batch and the buffers of the backward
// pass, so that training allocates nothing per batch. Activations are stored
// time-major: row s·n+b of a step-indexed buffer belongs to step s and sample
// b of a batch of n, so the rows of one step are contiguous and each step's
// recurrent product is one matrix product.
type work struct {
	dim, units, steps, capacity, outputs int

	xs    []float32 // steps·n×dim: embedded inputs
	gates []float32 // steps·n×4·units: activated gates i, f, g, o
	c     []float32 // (steps+1)·n×units: cell states, block 0 is c₀ = 0
	h     []float32 // (steps+1)·n×units: hidden states, block 0 is h₀ = 0
	tanhC []float32 // steps·n×units: tanh(c_t)
	logit []float32 // n×outputs

	dlogit []float32 // n×outputs
	dz     []float32 // steps·n×4·units: gradient of the gate pre-activations
	dh, dc []float32 // n×units
	dxs    []float32 // steps·n×dim

	recurrentT []float32 // 4·units×units: Recurrentᵀ
	kernelT    []float32 // 4·units×dim: Kernelᵀ
	touched    []int32   // word ids whose embedding gradient rows are not zero

	// Dropout on the LSTM output, applied by forward while dropRate > 0:
	// inverted dropout, each value kept with probability 1 − dropRate and
	// scaled by 1/(1 − dropRate), so evaluation needs no scaling.
	dropRate float64
	dropRng  *rand.Rand
	mask     []float32 // n×units: 0 or 1/(1 − dropRate)
	hDrop    []float32 // n×units: the last hidden state after dropout
}

// newWork returns buffers for batches of up to capacity samples of a
// binary model of cfg.
func newWork(cfg Config, capacity int) *work { return newWorkOut(cfg, 1, capacity) }

// newWorkOut returns buffers for batches of up to capacity samples of a
// model of cfg with outputs Dense units.
func newWorkOut(cfg Config, outputs, capacity int) *work {
	d, u, t, n := cfg.Dim, cfg.Units, cfg.MaxLen, capacity
	return &work{
		dim: d, units: u, steps: t, capacity: n, outputs: outputs,
		xs:     make([]float32, t*n*d),
		gates:  make([]float32, t*n*4*u),
		c:      make([]float32, (t+1)*n*u),
		h:      make([]float32, (t+1)*n*u),
		tanhC:  make([]float32, t*n*u),
		logit:  make([]float32, n*outputs),
		dlogit: make([]float32, n*outputs),
		dz:     make([]float32, t*n*4*u),
		dh:     make([]float32, n*u),
		dc:     make([]float32, n*u),
		dxs:    make([]float32, t*n*d),

		recurrentT: make([]float32, 4*u*u),
		kernelT:    make([]float32, 4*u*d),
		touched:    make([]int32, 0, t*n),
		mask:       make([]float32, n*u),
		hDrop:      make([]float32, n*u),
	}
}

// forward runs the network on the n samples of x (n×steps word ids,
// row-major) and leaves the logits in w.logit[:n].
//
// The LSTM follows Keras (Hochreiter & Schmidhuber 1997 with a forget gate),
// gates in the order i, f, c, o:
//
//	z = x·Kernel + h_{t-1}·Recurrent + Bias
//	c_t = σ(z_f)·c_{t-1} + σ(z_i)·tanh(z_c)
//	h_t = σ(z_o)·tanh(c_t)
//
// The Dense layer reads h of the last step, after dropout while
// w.dropRate > 0, and leaves n×outputs logits. forward panics if n exceeds
// the capacity, x is shorter than n·steps or m's Dense layer does not have
// w.outputs units. Ids must lie in [0, NumWords).
func (w *work) forward(m *Model, x []int32, n int) {
	d, u, t := w.dim, w.units, w.steps
	if n > w.capacity || len(x) < n*t {
		panic("model: forward batch exceeds the work buffers")
	}
	o := w.outputs
	if len(m.DenseB) != o || len(m.DenseW) != u*o {
		panic("model: the Dense layer does not match the work buffers")
	}
	g4 := 4 * u

	// Embedding lookup, time-major.
	for b := range n {
		for s := range t {
			id := int(x[b*t+s])
			copy(w.xs[(s*n+b)*d:(s*n+b+1)*d], m.Embedding[id*d:(id+1)*d])
		}
	}

	// Input projection of every step as one product.
	gemm(false, t*n, g4, d, w.xs, d, m.Kernel, g4, 0, w.gates, g4)

	clear(w.h[:n*u])
	clear(w.c[:n*u])
	for s := range t {
		z := w.gates[s*n*g4 : (s+1)*n*g4]
		hPrev := w.h[s*n*u : (s+1)*n*u]
		if s > 0 { // h₀ = 0 adds nothing
			gemm(false, n, g4, u, hPrev, u, m.Recurrent, g4, 1, z, g4)
		}
		cPrev, cNext := w.c[s*n*u:(s+1)*n*u], w.c[(s+1)*n*u:(s+2)*n*u]
		hNext, tanhC := w.h[(s+1)*n*u:(s+2)*n*u], w.tanhC[s*n*u:(s+1)*n*u]
		splitTwo(n, n*u*40, func(lo, hi int) {
			w.activate(m.Bias, z, cPrev, cNext, hNext, tanhC, lo, hi)
		})
	}

	hLast := w.denseInput(n)
	for b := range n {
		for k := range o {
			sum := m.DenseB[k]
			for j, hv := range hLast[b*u : (b+1)*u] {
				sum += hv * m.DenseW[j*o+k]
			}
			w.logit[b*o+k] = sum
		}
	}
}

// denseInput returns the input of the Dense layer for n samples: h of the
// last step, or a copy with dropout applied and its mask in w.mask while
// w.dropRate > 0.
func (w *work) denseInput(n int) []float32 {
	u, t := w.units, w.steps
	hLast := w.h[t*n*u : (t+1)*n*u]
	if w.dropRate <= 0 {
		return hLast
	}
	keep := float32(1 / (1 - w.dropRate))
	for k, hv := range hLast {
		w.mask[k] = keep
		if w.dropRng.Float64() < w.dropRate {
			w.mask[k] = 0
		}
		w.hDrop[k] = hv * w.mask[k]
	}
	return w.hDrop[:n*u]
}

// activate turns the pre-activations z (n×4·units) of samples lo..hi−1 of
// one step into gates in place and computes their new cell and hidden
// states.
func (w *work) activate(bias, z, cPrev, cNext, hNext, tanhC []float32, lo, hi int) {
	u := w.units
	for b := lo; b < hi; b++ {
		row := z[b*4*u : (b+1)*4*u]
		for j := range row {
			row[j] += bias[j]
		}
		sigmoidInPlace(row[:2*u]) // i and f
		tanhTo(row[2*u:3*u], row[2*u:3*u])
		sigmoidInPlace(row[3*u:]) // o

		in, forget, cand, out := row[:u], row[u:2*u], row[2*u:3*u], row[3*u:]
		cp, cn := cPrev[b*u:(b+1)*u], cNext[b*u:(b+1)*u]
		for j := range u {
			cn[j] = forget[j]*cp[j] + in[j]*cand[j]
		}
		tc := tanhC[b*u : (b+1)*u]
		tanhTo(tc, cn)
		hn := hNext[b*u : (b+1)*u]
		for j := range u {
			hn[j] = out[j] * tc[j]
		}
	}
}

// lossGrad returns the summed binary cross-entropy of the logits of the
// last forward pass against y and the number of correct predictions, and
// sets w.dlogit to the gradient of the mean loss. The loss is computed from
// the logit z as max(z, 0) − z·y + log(1 + exp(−|z|)), which neither
// overflows nor loses precision when the sigmoid saturates.
func (w *work) lossGrad(y []float32, n int) (loss float64, correct int) {
	for b := range n {
		z, yb := float64(w.logit[b]), float64(y[b])
		loss += math.Max(z, 0) - z*yb + math.Log1p(math.Exp(-math.Abs(z)))
		if (z > 0) == (yb > 0.5) {
			correct++
		}
		w.dlogit[b] = float32((1/(1+math.Exp(-z)) - yb) / float64(n))
	}
	return loss, correct
}

// backward computes the gradients of the mean loss of the last forward pass
// on x into g, given w.dlogit from lossGrad. It overwrites every tensor of g
// and keeps the embedding gradient zero outside the rows of x.
func (w *work) backward(m *Model, x []int32, n int, g *grads) {
	d, u, t := w.dim, w.units, w.steps
	g4 := 4 * u

	// Dense layer. With dropout, the kernel saw hDrop and the gradient
	// reaches h only through the kept units.
	o := w.outputs
	hLast := w.h[t*n*u : (t+1)*n*u]
	if w.dropRate > 0 {
		hLast = w.hDrop[:n*u]
	}
	clear(g.DenseW)
	clear(g.DenseB)
	for b := range n {
		dl := w.dlogit[b*o : (b+1)*o]
		for k, v := range dl {
			g.DenseB[k] += v
		}
		for j := range u {
			hv := hLast[b*u+j]
			var dh float32
			for k, v := range dl {
				g.DenseW[j*o+k] += hv * v
				dh += v * m.DenseW[j*o+k]
			}
			w.dh[b*u+j] = dh
		}
	}
	if w.dropRate > 0 {
		for k := range w.dh[:n*u] {
			w.dh[k] *= w.mask[k]
		}
	}

	// Backpropagation through time, one matrix product per step for dh and
	// one for the recurrent kernel's gradient. The products with transposed
	// weights read explicit transposes, so that gemm's kernel reads B by rows.
	transpose(w.recurrentT, m.Recurrent, u, g4)
	transpose(w.kernelT, m.Kernel, d, g4)
	clear(w.dc[:n*u])
	clear(g.Recurrent)
	for s := t - 1; s >= 0; s-- {
		dz := w.dz[s*n*g4 : (s+1)*n*g4]
		gates, cPrev, tanhC := w.gates[s*n*g4:(s+1)*n*g4], w.c[s*n*u:(s+1)*n*u], w.tanhC[s*n*u:(s+1)*n*u]
		splitTwo(n, n*u*20, func(lo, hi int) {
			w.gateGrads(gates, cPrev, tanhC, dz, lo, hi)
		})
		if s == 0 { // h₀ = 0 is a constant
			break
		}
		hPrev := w.h[s*n*u : (s+1)*n*u]
		gemm(true, u, g4, n, hPrev, u, dz, g4, 1, g.Recurrent, g4)
		gemm(false, n, u, g4, dz, g4, w.recurrentT, u, 0, w.dh[:n*u], u)
	}

	// Input projection and bias over all steps at once.
	rows := t * n
	dzAll := w.dz[:rows*g4]
	gemm(true, d, g4, rows, w.xs, d, dzAll, g4, 0, g.Kernel, g4)
	clear(g.Bias)
	for r := range rows {
		for j, v := range dzAll[r*g4 : (r+1)*g4] {
			g.Bias[j] += v
		}
	}
	gemm(false, rows, d, g4, dzAll, g4, w.kernelT, d, 0, w.dxs, d)

	// Embedding rows: clear the rows of the previous batch, then scatter-add.
	for _, id := range w.touched {
		clear(g.Embedding[int(id)*d : (int(id)+1)*d])
	}
	w.touched = w.touched[:0]
	for b := range n {
		for s := range t {
			id := int(x[b*t+s])
			dst := g.Embedding[id*d : (id+1)*d]
			for k, v := range w.dxs[(s*n+b)*d : (s*n+b+1)*d] {
				dst[k] += v
			}
			w.touched = append(w.touched, int32(id))
		}
	}
}

// gateGrads turns dh (from the later step or the Dense layer) and dc of
// samples lo..hi−1 into the gradient of one step's pre-activations dz, and
// leaves in dc the gradient with respect to the previous cell state.
func (w *work) gateGrads(gates, cPrev, tanhC, dz []float32, lo, hi int) {
	u := w.units
	for b := lo; b < hi; b++ {
		gr := gates[b*4*u : (b+1)*4*u]
		dr := dz[b*4*u : (b+1)*4*u]
		for j := range u {
			i, f, g, o := gr[j], gr[u+j], gr[2*u+j], gr[3*u+j]
			k := b*u + j
			dh, tc := w.dh[k], tanhC[k]
			dc := w.dc[k] + dh*o*(1-tc*tc)

			dr[j] = dc * g * i * (1 - i)
			dr[u+j] = dc * cPrev[k] * f * (1 - f)
			dr[2*u+j] = dc * i * (1 - g*g)
			dr[3*u+j] = dh * tc * o * (1 - o)
			w.dc[k] = dc * f
		}
	}
}
