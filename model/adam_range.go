package model

import "math"

// adamRange applies one Adam step to the parameters p with moments m and
// v and gradients g, all of one length, with consts as for adamBlocks. On
// amd64 with AVX2 the vector kernel updates the blocks of 8 and Go the
// tail, with the same results as adamGo alone.
func adamRange(p, m, v, g []float32, consts *[6]float32) {
	n := len(p)
	m, v, g = m[:n], v[:n], g[:n]
	if haveAVX2 && n >= 8 {
		n8 := n / 8
		adamBlocks(&p[0], &m[0], &v[0], &g[0], n8, consts)
		p, m, v, g = p[8*n8:], m[8*n8:], v[8*n8:], g[8*n8:]
	}
	adamGo(p, m, v, g, consts)
}

// adamGo is adamRange in Go: the update rule of adam.update for each
// element.
func adamGo(p, m, v, g []float32, consts *[6]float32) {
	b1, c1, b2, c2, alpha, eps := consts[0], consts[1], consts[2], consts[3], consts[4], consts[5]
	m, v, g = m[:len(p)], v[:len(p)], g[:len(p)]
	for k := range p {
		gk := g[k]
		mk := b1*m[k] + c1*gk
		vk := b2*v[k] + c2*gk*gk
		m[k], v[k] = mk, vk
		p[k] -= alpha * mk / (float32(math.Sqrt(float64(vk))) + eps)
	}
}
