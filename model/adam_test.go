package model

import (
	"math"
	"testing"
)

func TestAdamSteps(t *testing.T) {
	// Expected weights worked out by hand in float64 from the update rule
	// with lr 0.1, β₁ 0.9, β₂ 0.999, ε 1e-7 and w₀ = 1:
	//   step 1, g = 0.5:   m = 0.05, v = 0.00025, α = 0.1·√0.001/0.1 = 0.0316228,
	//                      w = 1 − α·0.05/(√0.00025 + ε) = 0.9000006325
	//   step 2, g = −0.25: m = 0.02, v = 0.00031225, α = 0.1·√0.001999/0.19 = 0.0235317,
	//                      w = 0.9000006325 − α·0.02/(√0.00031225 + ε) = 0.8733670792
	// The second parameter has gradient 0 at both steps and must not move.
	opt := newAdam(0.1)
	w := []float32{1}
	still := []float32{3}

	steps := []struct {
		name string
		g    float32
		want float64
	}{
		{"step 1", 0.5, 0.9000006325},
		{"step 2", -0.25, 0.8733670792},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			opt.update([][]float32{w, still}, [][]float32{{st.g}, {0}})
			// float32 has about 7 significant digits.
			if math.Abs(float64(w[0])-st.want) > 1e-6 {
				t.Errorf("w = %.9f, want %.9f", w[0], st.want)
			}
			if still[0] != 3 {
				t.Errorf("parameter with zero gradient = %g, want 3", still[0])
			}
		})
	}
}

func TestAdamShapeChangePanics(t *testing.T) {
	opt := newAdam(0.1)
	opt.update([][]float32{{1, 2}}, [][]float32{{1, 1}})
	defer func() {
		if recover() == nil {
			t.Error("update with a different shape did not panic")
		}
	}()
	opt.update([][]float32{{1}}, [][]float32{{1}})
}
