package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// randomActivationInputs returns n values of both signs whose magnitudes
// range from 2⁻³⁰ to about 2¹², so that they cover tanh's three ranges
// and expf's edge range.
func randomActivationInputs(rng *rand.Rand, n int) []float32 {
	xs := make([]float32, n)
	for i := range xs {
		xs[i] = float32(rng.NormFloat64() * math.Exp2(float64(rng.IntN(41)-30)))
	}
	return xs
}

func TestActivationPathsMatchScalars(t *testing.T) {
	// Both paths, the vector kernel where the CPU has AVX2 (sigmoidInPlace,
	// tanhTo) and the Go loops (sigmoidGo, tanhGo), must give the bits of
	// the scalar functions, on lengths that are not multiples of 8.
	rng := rand.New(rand.NewPCG(8, 3))
	same := func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) || (a != a && b != b) }
	for _, n := range []int{1, 7, 8, 9, 31, 512, 1001} {
		xs := randomActivationInputs(rng, n)
		paths := []struct {
			name    string
			sigmoid func([]float32)
			tanh    func(dst, src []float32)
		}{
			{"dispatch", sigmoidInPlace, tanhTo},
			{"go", sigmoidGo, tanhGo},
		}
		for _, p := range paths {
			sig := append([]float32(nil), xs...)
			p.sigmoid(sig)
			th := make([]float32, n)
			p.tanh(th, xs)
			for i, x := range xs {
				if want := sigmoid(x); !same(sig[i], want) {
					t.Errorf("%s, n %d: sigmoid at %g = %g, want %g", p.name, n, x, sig[i], want)
				}
				if want := tanh(x); !same(th[i], want) {
					t.Errorf("%s, n %d: tanh at %g = %g, want %g", p.name, n, x, th[i], want)
				}
			}
		}
	}
}

func TestActivationKernelsStopAtEdges(t *testing.T) {
	if !haveAVX2 {
		t.Skip("the vector activations need AVX2")
	}
	// Block 1 of 3 has a value where expf needs its edge path (sigmoid)
	// or NaN (tanh), so the kernels must stop after block 0.
	cases := []struct {
		name string
		edge float32
	}{
		{"large negative", -100},
		{"large positive", 100},
		{"NaN", float32(math.NaN())},
	}
	for _, tc := range cases {
		v := make([]float32, 24)
		v[11] = tc.edge
		if got := sigmoidBlocks(&v[0], 3, &activationConsts[0]); got != 1 {
			t.Errorf("%s: sigmoidBlocks did %d blocks, want 1", tc.name, got)
		}
		if v[11] != tc.edge && !(tc.edge != tc.edge) {
			t.Errorf("%s: sigmoidBlocks changed the edge value to %g", tc.name, v[11])
		}
	}
	src := make([]float32, 24)
	src[9] = float32(math.NaN())
	dst := make([]float32, 24)
	if got := tanhBlocks(&dst[0], &src[0], 3, &activationConsts[0]); got != 1 {
		t.Errorf("tanhBlocks did %d blocks before NaN in block 1, want 1", got)
	}
	src[9] = 1e30 // tanh is ±1 here, which the kernel computes itself
	if got := tanhBlocks(&dst[0], &src[0], 3, &activationConsts[0]); got != 3 {
		t.Errorf("tanhBlocks did %d blocks with a large value, want 3", got)
	}
	if dst[9] != 1 {
		t.Errorf("tanhBlocks(1e30) = %g, want 1", dst[9])
	}
}

// BenchmarkActivations times sigmoid over the 4·128 gate values of a
// batch of 32 and tanh over 128·32 values, as one LSTM step computes them.
func BenchmarkActivations(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 1))
	src := make([]float32, 32*4*128)
	for i := range src {
		src[i] = float32(rng.NormFloat64() * 2)
	}
	v := make([]float32, len(src))
	paths := []struct {
		name    string
		sigmoid func([]float32)
		tanh    func(dst, src []float32)
	}{{"dispatch", sigmoidInPlace, tanhTo}, {"go", sigmoidGo, tanhGo}}
	for _, p := range paths {
		b.Run(fmt.Sprintf("sigmoid/%s", p.name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				copy(v, src)
				p.sigmoid(v)
			}
		})
		b.Run(fmt.Sprintf("tanh/%s", p.name), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				p.tanh(v[:32*128], src[:32*128])
			}
		})
	}
}
