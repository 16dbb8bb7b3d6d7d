package model

import "math"

// adam is the Adam optimiser of Kingma & Ba (2015) in the form Keras 3
// implements it: the bias corrections are folded into the step size,
// α_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), and ε is added to √v rather than to the
// corrected v̂. Every element is updated at every step, including embedding
// rows whose gradient is zero, as Keras does for a dense gradient.
type adam struct {
	lr, beta1, beta2, epsilon float64
	step                      int
	m, v                      [][]float32 // moment estimates, shaped like the parameters
}

// newAdam returns Adam with Keras' defaults β₁ 0.9, β₂ 0.999 and ε 1e-7.
func newAdam(lr float64) *adam {
	return &adam{lr: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7}
}

// update applies one step to params given their gradients, in the same
// order and shapes at every call. It panics if the shapes change.
func (a *adam) update(params, grads [][]float32) {
	if a.m == nil {
		a.m = make([][]float32, len(params))
		a.v = make([][]float32, len(params))
		for i, p := range params {
			a.m[i] = make([]float32, len(p))
			a.v[i] = make([]float32, len(p))
		}
	}
	if len(params) != len(a.m) || len(grads) != len(params) {
		panic("model: adam parameter list changed between steps")
	}

	a.step++
	t := float64(a.step)
	alpha := float32(a.lr * math.Sqrt(1-math.Pow(a.beta2, t)) / (1 - math.Pow(a.beta1, t)))
	b1, b2, eps := float32(a.beta1), float32(a.beta2), float32(a.epsilon)
	consts := &[6]float32{b1, 1 - b1, b2, 1 - b2, alpha, eps}
	for i, p := range params {
		m, v, g := a.m[i], a.v[i], grads[i]
		if len(m) != len(p) || len(g) != len(p) {
			panic("model: adam parameter shape changed between steps")
		}
		splitTwo(len(p), 10*len(p), func(lo, hi int) {
			adamRange(p[lo:hi], m[lo:hi], v[lo:hi], g[lo:hi], consts)
		})
	}
}
