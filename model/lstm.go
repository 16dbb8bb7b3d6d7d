package model

import (
	"math"
	"math/rand/v2"
)

// grads holds the gradients of the loss with respect to each weight tensor,
// with the shapes of the Model fields of the same names.
type grads struct {
	Embedding, Kernel, Recurrent, Bias, DenseW, DenseB []float32
	Extra                                              []LSTMWeights // layers above the first
	Backward                                           []LSTMWeights // backward directions, when bidirectional
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
		DenseW:    make([]float32, cfg.lstmOut()*outputs),
		DenseB:    make([]float32, outputs),
		Extra:     newExtraLayers(cfg),
		Backward:  newBackwardLayers(cfg),
	}
}

// newExtraLayers returns zeroed weights for the LSTM layers of cfg above
// the first, or nil for one layer.
func newExtraLayers(cfg Config) []LSTMWeights {
	var out []LSTMWeights
	for range cfg.lstmLayers() - 1 {
		out = append(out, newLSTMWeights(cfg.lstmOut(), cfg.Units))
	}
	return out
}

// newBackwardLayers returns zeroed weights for the backward direction of
// every LSTM layer of a bidirectional cfg, or nil.
func newBackwardLayers(cfg Config) []LSTMWeights {
	if !cfg.Bidirectional {
		return nil
	}
	out := []LSTMWeights{newLSTMWeights(cfg.Dim, cfg.Units)}
	for range cfg.lstmLayers() - 1 {
		out = append(out, newLSTMWeights(cfg.lstmOut(), cfg.Units))
	}
	return out
}

func newLSTMWeights(in, u int) LSTMWeights {
	return LSTMWeights{
		Kernel:    make([]float32, in*4*u),
		Recurrent: make([]float32, u*4*u),
		Bias:      make([]float32, 4*u),
	}
}

// lstm returns the kernel, recurrent kernel and bias of LSTM layer l
// (0-based, bottom first) in direction dir (0 forward, 1 backward).
func (g *grads) lstm(l, dir int) (kernel, recurrent, bias []float32) {
	if dir == 1 {
		e := g.Backward[l]
		return e.Kernel, e.Recurrent, e.Bias
	}
	if l == 0 {
		return g.Kernel, g.Recurrent, g.Bias
	}
	e := g.Extra[l-1]
	return e.Kernel, e.Recurrent, e.Bias
}

// lstm returns the kernel, recurrent kernel and bias of LSTM layer l
// (0-based, bottom first) in direction dir (0 forward, 1 backward).
func (m *Model) lstm(l, dir int) (kernel, recurrent, bias []float32) {
	if dir == 1 {
		e := m.Backward[l]
		return e.Kernel, e.Recurrent, e.Bias
	}
	if l == 0 {
		return m.Kernel, m.Recurrent, m.Bias
	}
	e := m.Extra[l-1]
	return e.Kernel, e.Recurrent, e.Bias
}

// lstmBuf holds the activations and backward buffers of one direction of
// one LSTM layer, time-major as described at work. The backward direction
// reads the steps last to first: its gates and dz are stored by time, its
// c, h and tanhC in the order it reads them, so block k+1 of h is the state
// after reading time steps−1−k.
type lstmBuf struct {
	gates, c, h, tanhC, dz []float32
	recurrentT, kernelT    []float32
}

func newLSTMBuf(in, u, t, n int) lstmBuf {
	return lstmBuf{
		gates:      make([]float32, t*n*4*u),
		c:          make([]float32, (t+1)*n*u),
		h:          make([]float32, (t+1)*n*u),
		tanhC:      make([]float32, t*n*u),
		dz:         make([]float32, t*n*4*u),
		recurrentT: make([]float32, 4*u*u),
		kernelT:    make([]float32, 4*u*in),
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

	// The fields above from gates on belong to the first LSTM layer's
	// forward direction. upper holds the buffers of the layers above it,
	// and back those of the backward directions, one per layer, when the
	// model is bidirectional.
	//
	// width is the output width of a layer: units, or 2·units when the
	// forward and backward outputs are concatenated. Then cat[l] holds
	// layer l's output sequence (steps·n×width) for layer l+1, and hCat the
	// final states for the Dense layer (n×width).
	//
	// dxu[l%2] receives the gradient of layer l's input (steps·n×width),
	// which is the gradient of the layer below's output sequence. There are
	// two buffers because layer l reads layer l+1's while it writes its
	// own. dhTop (n×width) is the gradient of the Dense layer's input.
	upper []lstmBuf
	back  []lstmBuf
	width int
	cat   [][]float32
	hCat  []float32
	dxu   [2][]float32
	dhTop []float32

	// Dropout on the LSTM output, applied by forward while dropRate > 0:
	// inverted dropout, each value kept with probability 1 − dropRate and
	// scaled by 1/(1 − dropRate), so evaluation needs no scaling.
	dropRate float64
	dropRng  *rand.Rand
	mask     []float32 // n×width: 0 or 1/(1 − dropRate)
	hDrop    []float32 // n×width: the last hidden state after dropout

	// Dropout between stacked layers is applied by forward while
	// layerDropRate > 0, with masks drawn from dropRng before the mask
	// above. seqMask[l] and seqDrop[l] (steps·n×width, time-major) are the
	// mask and the dropped output sequence of layer l, which layer l+1
	// reads. The first forward that needs them allocates them.
	layerDropRate    float64
	seqMask, seqDrop [][]float32

	// fixedMasks makes forward reuse the masks already in mask and seqMask
	// instead of drawing new ones, so that tests can compare runs and
	// reference values under one known mask.
	fixedMasks bool

	// lm is the language model's output layer, nil for a classifier. With
	// it, forward stops after the LSTM layers and backward takes the
	// gradient of the top layer's output sequence from lm.dH.
	lm *lmHead
}

// newWork returns buffers for batches of up to capacity samples of a
// binary model of cfg.
func newWork(cfg Config, capacity int) *work { return newWorkOut(cfg, 1, capacity) }

// newWorkOut returns buffers for batches of up to capacity samples of a
// model of cfg with outputs Dense units.
func newWorkOut(cfg Config, outputs, capacity int) *work {
	d, u, t, n := cfg.Dim, cfg.Units, cfg.MaxLen, capacity
	w := &work{
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
		mask:       make([]float32, n*cfg.lstmOut()),
		hDrop:      make([]float32, n*cfg.lstmOut()),
		width:      cfg.lstmOut(),
		dhTop:      make([]float32, n*cfg.lstmOut()),
	}
	hw, layers := cfg.lstmOut(), cfg.lstmLayers()
	for range layers - 1 {
		w.upper = append(w.upper, newLSTMBuf(hw, u, t, n))
	}
	if cfg.Bidirectional {
		w.back = append(w.back, newLSTMBuf(d, u, t, n))
		for range layers - 1 {
			w.back = append(w.back, newLSTMBuf(hw, u, t, n))
		}
		for range layers - 1 {
			w.cat = append(w.cat, make([]float32, t*n*hw))
		}
		w.hCat = make([]float32, n*hw)
	}
	if layers > 1 {
		w.dxu = [2][]float32{make([]float32, t*n*hw), make([]float32, t*n*hw)}
	}
	if cfg.isLM() {
		w.lm = newLMHead(cfg, capacity)
	}
	return w
}

// dirs returns the number of directions of each layer, 1 or 2.
func (w *work) dirs() int {
	if w.back != nil {
		return 2
	}
	return 1
}

// buf returns the buffers of LSTM layer l (0-based, bottom first) in
// direction dir (0 forward, 1 backward).
func (w *work) buf(l, dir int) lstmBuf {
	if dir == 1 {
		return w.back[l]
	}
	if l == 0 {
		return lstmBuf{w.gates, w.c, w.h, w.tanhC, w.dz, w.recurrentT, w.kernelT}
	}
	return w.upper[l-1]
}

// top returns the forward buffers of the last LSTM layer, whose hidden
// state the Dense layer reads.
func (w *work) top() lstmBuf { return w.buf(len(w.upper), 0) }

// input returns the input sequence of layer l for a batch of n (steps·n
// rows, time-major) and its width.
func (w *work) input(l, n int) ([]float32, int) {
	switch {
	case l == 0:
		return w.xs, w.dim
	case w.layerDropRate > 0:
		return w.seqDrop[l-1][:w.steps*n*w.width], w.width
	case w.back != nil:
		return w.cat[l-1], w.width
	}
	return w.buf(l-1, 0).h[n*w.units:], w.units // steps 1..t
}

// output returns the output sequence of layer l for a batch of n
// (steps·n×width, time-major) before layer dropout. For the top layer it
// needs a unidirectional model, because cat holds only the layers below.
func (w *work) output(l, n int) []float32 {
	if w.back != nil {
		return w.cat[l][:w.steps*n*w.width]
	}
	return w.buf(l, 0).h[n*w.units : (w.steps+1)*n*w.units]
}

// dropLayerOutput writes the output sequence of layer l with dropout into
// w.seqDrop[l], drawing its mask unless w.fixedMasks is set. The mask is
// drawn value by value in time-major order.
func (w *work) dropLayerOutput(l, n int) {
	if w.seqDrop == nil {
		size := w.steps * w.capacity * w.width
		for range len(w.upper) {
			w.seqMask = append(w.seqMask, make([]float32, size))
			w.seqDrop = append(w.seqDrop, make([]float32, size))
		}
	}
	mask, dst := w.seqMask[l], w.seqDrop[l]
	keep := float32(1 / (1 - w.layerDropRate))
	for k, v := range w.output(l, n) {
		if !w.fixedMasks {
			mask[k] = keep
			if w.dropRng.Float64() < w.layerDropRate {
				mask[k] = 0
			}
		}
		dst[k] = v * mask[k]
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
// With several layers, each layer's hidden states of all steps are the
// next layer's inputs. With Config.MaskZero, a step whose word id is 0
// copies every layer's h and c from the step before (Keras' mask_zero).
// The Dense layer reads h of the top layer's last step, after dropout while
// w.dropRate > 0, and leaves n×outputs logits. A language model (w.lm)
// stops before the Dense layer, which lmHead applies to every step.
// forward panics if n exceeds the capacity, x is shorter than n·steps, m's
// Dense layer does not have w.outputs units or m has not the work's number
// of layers. Ids must lie in [0, NumWords).
func (w *work) forward(m *Model, x []int32, n int) {
	d, t := w.dim, w.steps
	if n > w.capacity || len(x) < n*t {
		panic("model: forward batch exceeds the work buffers")
	}
	o, hw := w.outputs, w.width
	if len(m.DenseB) != o || len(m.DenseW) != hw*o {
		panic("model: the Dense layer does not match the work buffers")
	}
	if len(m.Extra) != len(w.upper) || len(m.Backward) != len(w.back) {
		panic("model: the model's LSTM layers do not match the work buffers")
	}

	// Embedding lookup, time-major.
	for b := range n {
		for s := range t {
			id := int(x[b*t+s])
			copy(w.xs[(s*n+b)*d:(s*n+b+1)*d], m.Embedding[id*d:(id+1)*d])
		}
	}

	layers := len(w.upper) + 1
	for l := range layers {
		in, inDim := w.input(l, n)
		for dir := range w.dirs() {
			w.forwardLayer(m, x, n, l, dir, in, inDim)
		}
		if w.back != nil && l < layers-1 {
			w.concat(w.cat[l], l, n, false)
		}
		if w.layerDropRate > 0 && l < layers-1 {
			w.dropLayerOutput(l, n)
		}
	}
	if w.lm != nil {
		return
	}

	hLast := w.denseInput(n)
	for b := range n {
		for k := range o {
			sum := m.DenseB[k]
			for j, hv := range hLast[b*hw : (b+1)*hw] {
				sum += hv * m.DenseW[j*o+k]
			}
			w.logit[b*o+k] = sum
		}
	}
}

// timeOf returns the time step that direction dir reads k-th.
func (w *work) timeOf(dir, k int) int {
	if dir == 1 {
		return w.steps - 1 - k
	}
	return k
}

// forwardLayer runs direction dir of layer l on its input sequence in.
func (w *work) forwardLayer(m *Model, x []int32, n, l, dir int, in []float32, inDim int) {
	u, t := w.units, w.steps
	g4 := 4 * u
	lb := w.buf(l, dir)
	kernel, recurrent, bias := m.lstm(l, dir)
	masked := m.Config.MaskZero

	// Input projection of every step as one product.
	gemm(false, t*n, g4, inDim, in, inDim, kernel, g4, 0, lb.gates, g4)

	clear(lb.h[:n*u])
	clear(lb.c[:n*u])
	for k := range t {
		s := w.timeOf(dir, k)
		z := lb.gates[s*n*g4 : (s+1)*n*g4]
		hPrev := lb.h[k*n*u : (k+1)*n*u]
		if k > 0 { // h₀ = 0 adds nothing
			gemm(false, n, g4, u, hPrev, u, recurrent, g4, 1, z, g4)
		}
		cPrev, cNext := lb.c[k*n*u:(k+1)*n*u], lb.c[(k+1)*n*u:(k+2)*n*u]
		hNext, tanhC := lb.h[(k+1)*n*u:(k+2)*n*u], lb.tanhC[k*n*u:(k+1)*n*u]
		splitTwo(n, n*u*40, func(lo, hi int) {
			w.activate(bias, z, cPrev, cNext, hNext, tanhC, lo, hi)
			if !masked {
				return
			}
			for b := lo; b < hi; b++ {
				if x[b*t+s] == 0 {
					copy(cNext[b*u:(b+1)*u], cPrev[b*u:(b+1)*u])
					copy(hNext[b*u:(b+1)*u], hPrev[b*u:(b+1)*u])
				}
			}
		})
	}
}

// concat writes into dst the [forward, backward] output of bidirectional
// layer l for a batch of n. With last false, that is the sequence of both
// states at each time step (steps·n×2·units, time-major). With last true,
// it is the final states (n×2·units): forward after the last time step,
// backward after the first.
func (w *work) concat(dst []float32, l, n int, last bool) {
	u, t, hw := w.units, w.steps, w.width
	fw, bw := w.buf(l, 0).h, w.buf(l, 1).h
	rows := t
	if last {
		rows = 1
	}
	for r := range rows {
		kf, kb := r+1, t-r // blocks of h holding time r
		if last {
			kf, kb = t, t
		}
		for b := range n {
			row := dst[(r*n+b)*hw : (r*n+b+1)*hw]
			copy(row[:u], fw[(kf*n+b)*u:(kf*n+b+1)*u])
			copy(row[u:], bw[(kb*n+b)*u:(kb*n+b+1)*u])
		}
	}
}

// denseInput returns the input of the Dense layer for n samples: the top
// layer's h of the last step, or a copy with dropout applied and its mask in w.mask while
// w.dropRate > 0.
func (w *work) denseInput(n int) []float32 {
	u, t := w.units, w.steps
	hLast := w.top().h[t*n*u : (t+1)*n*u]
	if w.back != nil {
		w.concat(w.hCat, len(w.upper), n, true)
		hLast = w.hCat[:n*w.width]
	}
	if w.dropRate <= 0 {
		return hLast
	}
	keep := float32(1 / (1 - w.dropRate))
	for k, hv := range hLast {
		if !w.fixedMasks {
			w.mask[k] = keep
			if w.dropRng.Float64() < w.dropRate {
				w.mask[k] = 0
			}
		}
		w.hDrop[k] = hv * w.mask[k]
	}
	return w.hDrop[:n*w.width]
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
// on x into g, given w.dlogit from lossGrad, or for a language model the
// Dense gradients in g and w.lm.dH from lmHead.backward. It overwrites
// every tensor of g and keeps the embedding gradient zero outside the rows
// of x.
func (w *work) backward(m *Model, x []int32, n int, g *grads) {
	d, t := w.dim, w.steps
	hw := w.width

	if w.lm == nil {
		w.backwardDense(m, n, g)
	}

	// Backpropagation through time from the top layer down.
	for l := len(w.upper); l >= 0; l-- {
		if w.layerDropRate > 0 && l < len(w.upper) {
			// Layer l+1 left the gradient of its dropped input; the
			// gradient of layer l's output passes only the kept values.
			dOut := w.dxu[(l+1)%2][:t*n*hw]
			for k, v := range w.seqMask[l][:len(dOut)] {
				dOut[k] *= v
			}
		}
		for dir := range w.dirs() {
			w.backwardLayer(m, x, n, l, dir, g)
		}
	}

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

// backwardDense computes the gradients of the Dense layer into g and the
// gradient of its input into w.dhTop, given w.dlogit.
func (w *work) backwardDense(m *Model, n int, g *grads) {
	u, t, hw := w.units, w.steps, w.width

	// Dense layer. With dropout, the kernel saw hDrop and the gradient
	// reaches h only through the kept units.
	o := w.outputs
	hLast := w.top().h[t*n*u : (t+1)*n*u]
	if w.back != nil {
		hLast = w.hCat[:n*hw]
	}
	if w.dropRate > 0 {
		hLast = w.hDrop[:n*hw]
	}
	clear(g.DenseW)
	clear(g.DenseB)
	for b := range n {
		dl := w.dlogit[b*o : (b+1)*o]
		for k, v := range dl {
			g.DenseB[k] += v
		}
		for j := range hw {
			hv := hLast[b*hw+j]
			var dh float32
			for k, v := range dl {
				g.DenseW[j*o+k] += hv * v
				dh += v * m.DenseW[j*o+k]
			}
			w.dhTop[b*hw+j] = dh
		}
	}
	if w.dropRate > 0 {
		for k := range w.dhTop[:n*hw] {
			w.dhTop[k] *= w.mask[k]
		}
	}
}

// backwardLayer computes the gradients of direction dir of layer l into
// g and the gradient of its input into w.dxs (layer 0) or w.dxu[l%2]. The
// forward direction runs first and overwrites that input gradient, the
// backward direction adds to it.
func (w *work) backwardLayer(m *Model, x []int32, n, l, dir int, g *grads) {
	u, t, hw := w.units, w.steps, w.width
	g4 := 4 * u
	lb := w.buf(l, dir)
	kernel, recurrent, _ := m.lstm(l, dir)
	gKernel, gRecurrent, gBias := g.lstm(l, dir)
	in, inDim := w.input(l, n)
	masked := m.Config.MaskZero

	// ext is the gradient of this layer's output sequence (steps·n rows of
	// width hw), where this direction's columns start at dir·units. The top
	// layer of a classifier outputs only its final state, whose gradient is
	// dhTop; that of a language model outputs its sequence.
	var ext []float32
	switch {
	case l < len(w.upper):
		ext = w.dxu[(l+1)%2]
	case w.lm != nil:
		ext = w.lm.dH
	}
	addExt := func(s int) {
		for b := range n {
			row := ext[(s*n+b)*hw+dir*u : (s*n+b)*hw+dir*u+u]
			for j, v := range row {
				w.dh[b*u+j] += v
			}
		}
	}
	if ext == nil {
		for b := range n {
			copy(w.dh[b*u:(b+1)*u], w.dhTop[b*hw+dir*u:b*hw+dir*u+u])
		}
	} else {
		clear(w.dh[:n*u])
		addExt(w.timeOf(dir, t-1))
	}

	// One matrix product per step for dh and one for the recurrent
	// kernel's gradient. The products with transposed weights read
	// explicit transposes, so that gemm's kernel reads B by rows.
	transpose(lb.recurrentT, recurrent, u, g4)
	transpose(lb.kernelT, kernel, inDim, g4)
	clear(w.dc[:n*u])
	clear(gRecurrent)
	var xs []int32 // the word ids when masking
	if masked {
		xs = x
	}
	for k := t - 1; k >= 0; k-- {
		s := w.timeOf(dir, k)
		dz := lb.dz[s*n*g4 : (s+1)*n*g4]
		gates, cPrev, tanhC := lb.gates[s*n*g4:(s+1)*n*g4], lb.c[k*n*u:(k+1)*n*u], lb.tanhC[k*n*u:(k+1)*n*u]
		splitTwo(n, n*u*20, func(lo, hi int) {
			w.gateGrads(gates, cPrev, tanhC, dz, xs, s, lo, hi)
		})
		if k == 0 { // h₀ = 0 is a constant
			break
		}
		hPrev := lb.h[k*n*u : (k+1)*n*u]
		gemm(true, u, g4, n, hPrev, u, dz, g4, 1, gRecurrent, g4)
		// When masking, gateGrads left dh of the masked samples, which
		// pass it on unchanged, and zeroed the others.
		var beta float32
		if masked {
			beta = 1
		}
		gemm(false, n, u, g4, dz, g4, lb.recurrentT, u, beta, w.dh[:n*u], u)
		if ext != nil {
			addExt(w.timeOf(dir, k-1))
		}
	}

	// Input projection and bias over all steps at once.
	rows := t * n
	dzAll := lb.dz[:rows*g4]
	gemm(true, inDim, g4, rows, in, inDim, dzAll, g4, 0, gKernel, g4)
	clear(gBias)
	for r := range rows {
		for j, v := range dzAll[r*g4 : (r+1)*g4] {
			gBias[j] += v
		}
	}
	dIn := w.dxs
	if l > 0 {
		dIn = w.dxu[l%2]
	}
	var beta float32
	if dir == 1 {
		beta = 1
	}
	gemm(false, rows, inDim, g4, dzAll, g4, lb.kernelT, inDim, beta, dIn, inDim)
}

// gateGrads turns dh (from the later step or the Dense layer) and dc of
// samples lo..hi−1 into the gradient of one step's pre-activations dz, and
// leaves in dc the gradient with respect to the previous cell state.
//
// x is nil without masking. With it, a sample whose word id at time step s
// is 0 copied its state from the step before, so its dz is 0 and its dh
// and dc pass to the previous step unchanged. The other samples' dh is set
// to 0, so that the caller can add the recurrent product to dh.
func (w *work) gateGrads(gates, cPrev, tanhC, dz []float32, x []int32, s, lo, hi int) {
	u := w.units
	for b := lo; b < hi; b++ {
		gr := gates[b*4*u : (b+1)*4*u]
		dr := dz[b*4*u : (b+1)*4*u]
		if x != nil && x[b*w.steps+s] == 0 {
			clear(dr)
			continue
		}
		row := b * u
		gateGradsRow(gr, dr, w.dh[row:row+u], w.dc[row:row+u], tanhC[row:row+u], cPrev[row:row+u])
		if x != nil {
			clear(w.dh[b*u : (b+1)*u])
		}
	}
}
