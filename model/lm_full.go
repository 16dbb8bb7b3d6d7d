package model

import "math"

// fullLossGrad is lossGrad for the full softmax over word ids
// 1..NumWords−1. It computes the rows×vocab logits hs·DenseW + DenseB in
// one product and replaces them in h.full by the gradient of the mean
// cross-entropy, softmax − one-hot divided by rows, with 0 for unit 0.
func (h *lmHead) fullLossGrad(m *Model, hs []float32, rows int) (loss float64, correct int) {
	u, v := h.units, h.vocab
	z := h.full[:rows*v]
	for r := range rows {
		copy(z[r*v:(r+1)*v], m.DenseB)
	}
	gemm(false, rows, v, u, hs, u, m.DenseW, v, 1, z, v)

	// Each row writes only its own slice and result, so the two halves
	// give the same numbers as one pass.
	scale := 1 / float64(rows)
	splitTwo(rows, rows*v*8, func(lo, hi int) {
		for r := lo; r < hi; r++ {
			h.rowLoss[r], h.rowHit[r] = softmaxGradRow(z[r*v:(r+1)*v], int(h.targets[r]), scale)
		}
	})
	for r := range rows {
		loss += h.rowLoss[r]
		if h.rowHit[r] {
			correct++
		}
	}
	return loss, correct
}

// softmaxGradRow returns the cross-entropy of the softmax of row[1:]
// against word id y and whether y has the largest logit (the first of
// equal ones), and overwrites row with scale·(softmax − one-hot(y)), with
// row[0], the padding unit, set to 0. The exponentials are expf's float32
// ones, which keep the loss within about 1e-6 of float64's; the sums are
// float64.
func softmaxGradRow(row []float32, y int, scale float64) (loss float64, hit bool) {
	best := 1
	for k := 2; k < len(row); k++ {
		if row[k] > row[best] {
			best = k
		}
	}
	mx := float64(row[best])
	zy := float64(row[y])

	var sum float64
	for k := 1; k < len(row); k++ {
		e := expf(row[k] - float32(mx))
		sum += float64(e)
		row[k] = e
	}
	loss = mx + math.Log(sum) - zy

	norm := scale / sum
	row[0] = 0
	for k := 1; k < len(row); k++ {
		row[k] = float32(float64(row[k]) * norm)
	}
	row[y] = float32(math.Exp(zy-mx)*norm - scale)
	return loss, best == y
}

// fullBackward is backward for the full softmax. The gradient dZ that
// fullLossGrad left in h.full gives the Dense kernel's gradient as hsᵀ·dZ,
// the bias's as the column sums of dZ, and dH as dZ·DenseWᵀ: two matrix
// products of the size of the forward one.
func (h *lmHead) fullBackward(m *Model, hs []float32, rows int, g *grads) {
	u, v := h.units, h.vocab
	dz := h.full[:rows*v]
	gemm(true, u, v, rows, hs, u, dz, v, 0, g.DenseW, v)

	clear(g.DenseB)
	for r := range rows {
		for k, d := range dz[r*v : (r+1)*v] {
			g.DenseB[k] += d
		}
	}

	transpose(h.denseWT, m.DenseW, u, v)
	dH := h.dH[:rows*u]
	gemm(false, rows, u, v, dz, v, h.denseWT, u, 0, dH, u)
	h.dropBackward(dH)
}
