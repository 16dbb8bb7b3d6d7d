package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestAdamRangeMatchesGo(t *testing.T) {
	// adamRange runs the vector kernel where the CPU has AVX2. Its results
	// must have the bits of the Go loop, over lengths that are not
	// multiples of 8 and gradients from 0 to large.
	rng := rand.New(rand.NewPCG(2, 7))
	consts := &[6]float32{0.9, 1 - 0.9, 0.999, 1 - 0.999, 0.0316, 1e-7}
	for _, n := range []int{1, 7, 8, 9, 63, 1000} {
		p, m, v, g := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
		for i := range n {
			p[i] = float32(rng.NormFloat64())
			m[i] = float32(rng.NormFloat64() * 1e-2)
			v[i] = float32(math.Abs(rng.NormFloat64()) * 1e-4)
			g[i] = float32(rng.NormFloat64() * math.Exp2(float64(rng.IntN(30)-20)))
			if i%5 == 0 {
				g[i] = 0
			}
		}
		p2, m2, v2 := append([]float32(nil), p...), append([]float32(nil), m...), append([]float32(nil), v...)

		adamRange(p, m, v, g, consts)
		adamGo(p2, m2, v2, g, consts)
		for i := range n {
			if math.Float32bits(p[i]) != math.Float32bits(p2[i]) {
				t.Errorf("n %d: p[%d] = %g, want %g", n, i, p[i], p2[i])
			}
			if math.Float32bits(m[i]) != math.Float32bits(m2[i]) {
				t.Errorf("n %d: m[%d] = %g, want %g", n, i, m[i], m2[i])
			}
			if math.Float32bits(v[i]) != math.Float32bits(v2[i]) {
				t.Errorf("n %d: v[%d] = %g, want %g", n, i, v[i], v2[i])
			}
		}
	}
}

// BenchmarkAdamRange times one update of the seed model's embedding
// (10,000 × 100 values) on one goroutine.
func BenchmarkAdamRange(b *testing.B) {
	const n = 10000 * 100
	p, m, v, g := make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
	for i := range g {
		g[i] = float32(i%7) * 1e-3
	}
	consts := &[6]float32{0.9, 1 - 0.9, 0.999, 1 - 0.999, 0.001, 1e-7}
	for _, path := range []struct {
		name   string
		update func(p, m, v, g []float32, consts *[6]float32)
	}{{"dispatch", adamRange}, {"go", adamGo}} {
		b.Run(path.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				path.update(p, m, v, g, consts)
			}
		})
	}
}
