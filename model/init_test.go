package model

import (
	"math"
	"slices"
	"testing"
)

func TestInitRanges(t *testing.T) {
	cfg := Config{NumWords: 500, Dim: 20, MaxLen: 5, Units: 16, Batch: 4, LR: 0.001, Epochs: 1, Seed: 7}
	m := newWeights(cfg, newRand(cfg.Seed, 0))
	tests := []struct {
		name  string
		w     []float32
		limit float64
	}{
		{"embedding", m.Embedding, 0.05},
		{"kernel", m.Kernel, math.Sqrt(6.0 / (20 + 64))},
		{"dense", m.DenseW, math.Sqrt(6.0 / (16 + 1))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := slices.Min(tc.w), slices.Max(tc.w)
			if float64(lo) < -tc.limit || float64(hi) > tc.limit {
				t.Errorf("values span [%g, %g], want within ±%g", lo, hi, tc.limit)
			}
			// A uniform sample of this size reaches close to both bounds;
			// this catches a wrong scale such as a limit of half the value.
			if len(tc.w) >= 100 && (float64(lo) > -0.9*tc.limit || float64(hi) < 0.9*tc.limit) {
				t.Errorf("values span [%g, %g], want near ±%g", lo, hi, tc.limit)
			}
		})
	}
}

func TestInitBias(t *testing.T) {
	cfg := Config{NumWords: 10, Dim: 3, MaxLen: 5, Units: 4, Batch: 4, LR: 0.001, Epochs: 1, Seed: 1}
	m := newWeights(cfg, newRand(cfg.Seed, 0))
	// Keras' unit_forget_bias: the forget block (second quarter) is 1.
	want := []float32{0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0}
	if !slices.Equal(m.Bias, want) {
		t.Errorf("bias = %v, want %v", m.Bias, want)
	}
	if m.DenseB[0] != 0 {
		t.Errorf("dense bias = %g, want 0", m.DenseB[0])
	}
}

func TestInitRecurrentOrthogonal(t *testing.T) {
	for _, units := range []int{1, 4, 32} {
		cfg := Config{NumWords: 10, Dim: 3, MaxLen: 5, Units: units, Batch: 4, LR: 0.001, Epochs: 1, Seed: 3}
		m := newWeights(cfg, newRand(cfg.Seed, 0))
		cols := 4 * units
		// R·Rᵀ must be the identity because the rows of R are orthonormal;
		// 1e-5 allows for rounding the float64 QR result to float32.
		for i := range units {
			for j := range units {
				var dot float64
				for k := range cols {
					dot += float64(m.Recurrent[i*cols+k]) * float64(m.Recurrent[j*cols+k])
				}
				want := 0.0
				if i == j {
					want = 1
				}
				if math.Abs(dot-want) > 1e-5 {
					t.Fatalf("units %d: (R·Rᵀ)[%d][%d] = %g, want %g", units, i, j, dot, want)
				}
			}
		}
	}
}

func TestInitSeeded(t *testing.T) {
	cfg := Config{NumWords: 50, Dim: 4, MaxLen: 5, Units: 3, Batch: 4, LR: 0.001, Epochs: 1}
	a := newWeights(cfg, newRand(1, 0))
	b := newWeights(cfg, newRand(1, 0))
	c := newWeights(cfg, newRand(2, 0))
	if !slices.Equal(a.Recurrent, b.Recurrent) || !slices.Equal(a.Embedding, b.Embedding) {
		t.Error("two initialisations with seed 1 differ")
	}
	if slices.Equal(a.Embedding, c.Embedding) {
		t.Error("seeds 1 and 2 give the same embedding")
	}
}
