package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestGateGradsRowMatchesGo(t *testing.T) {
	// gateGradsRow runs the vector kernel where the CPU has AVX2. Its
	// results must have the bits of the Go loop, for unit counts that are
	// not multiples of 8.
	rng := rand.New(rand.NewPCG(5, 3))
	sigmoidish := func() float32 { return float32(rng.Float64()) }
	for _, u := range []int{1, 7, 8, 9, 128, 131} {
		gates := make([]float32, 4*u)
		for j := range gates {
			gates[j] = sigmoidish()
			if j >= 2*u && j < 3*u { // the candidate is a tanh, in (−1, 1)
				gates[j] = 2*gates[j] - 1
			}
		}
		dh, dc, tanhC, cPrev := randomFloats32(rng, u), randomFloats32(rng, u), make([]float32, u), randomFloats32(rng, u)
		for j := range tanhC {
			tanhC[j] = 2*sigmoidish() - 1
		}
		dz, dzWant := make([]float32, 4*u), make([]float32, 4*u)
		dcWant := append([]float32(nil), dc...)

		gateGradsRow(gates, dz, dh, dc, tanhC, cPrev)
		gateGradsGo(gates, dzWant, dh, dcWant, tanhC, cPrev, 0)
		for j := range dz {
			if math.Float32bits(dz[j]) != math.Float32bits(dzWant[j]) {
				t.Errorf("u %d: dz[%d] = %g, want %g", u, j, dz[j], dzWant[j])
			}
		}
		for j := range dc {
			if math.Float32bits(dc[j]) != math.Float32bits(dcWant[j]) {
				t.Errorf("u %d: dc[%d] = %g, want %g", u, j, dc[j], dcWant[j])
			}
		}
	}
}

func randomFloats32(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(rng.NormFloat64())
	}
	return s
}

// BenchmarkGateGradsRow times the gate gradients of one sample of the
// seed model's LSTM (128 units), on the path this machine takes and in Go.
func BenchmarkGateGradsRow(b *testing.B) {
	const u = 128
	rng := rand.New(rand.NewPCG(1, 1))
	gates, dz := randomFloats32(rng, 4*u), make([]float32, 4*u)
	dh, dc, tanhC, cPrev := randomFloats32(rng, u), randomFloats32(rng, u), randomFloats32(rng, u), randomFloats32(rng, u)
	b.Run("dispatch", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			gateGradsRow(gates, dz, dh, dc, tanhC, cPrev)
		}
	})
	b.Run("go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			gateGradsGo(gates, dz, dh, dc, tanhC, cPrev, 0)
		}
	})
}
