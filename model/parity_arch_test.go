package model

import (
	"fmt"
	"math"
	"testing"
)

// TestParityArchitectures checks mask_zero, stacked and bidirectional LSTMs
// against testdata/parity_arch_*.safetensors, which
// testdata/gen_parity_arch.py writes with torch.nn.LSTM. It compares the
// logits, probabilities and loss of a fixed batch, the gradient of every
// weight, and the weights after one Adam step, with the tolerances of the
// other parity tests.
func TestParityArchitectures(t *testing.T) {
	for _, name := range []string{"maskzero", "layers2", "bidirectional", "bidirectional_layers2_maskzero"} {
		t.Run(name, func(t *testing.T) {
			fx := readFixture(t, "parity_arch_"+name+".safetensors")
			cfg := fx.config(t)
			cfg.Layers = fx.metaInt(t, "layers")
			cfg.Bidirectional = fx.metaInt(t, "bidirectional") == 1
			cfg.MaskZero = fx.metaInt(t, "mask_zero") == 1
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			m := newWeights(cfg, newRand(1, 0))
			m.Classes = []string{"neg", "pos"}
			names := archWeightNames(cfg)
			params := m.params()
			if len(names) != len(params) {
				t.Fatalf("%d fixture names for %d weights", len(names), len(params))
			}
			for i, n := range names {
				want := fx.tensor(t, n)
				if len(want) != len(params[i]) {
					t.Fatalf("fixture %s has %d values, the model %d", n, len(want), len(params[i]))
				}
				copy(params[i], want)
			}
			x, y, n := parityBatch(t, fx, cfg)

			w := newWork(cfg, n)
			g := newGrads(cfg)
			w.forward(m, x, n)
			logits := append([]float32(nil), w.logit[:n]...)
			probs := make([]float32, n)
			for i, z := range logits {
				probs[i] = float32(1 / (1 + math.Exp(-float64(z))))
			}
			sum, _ := w.lossGrad(y, n)
			w.backward(m, x, n, g)

			checkParity(t, "logits", logits, fx.tensor(t, "logits"), parityRel)
			checkParity(t, "probs", probs, fx.tensor(t, "probs"), parityRel)
			checkParity(t, "loss", []float32{float32(sum / float64(n))}, fx.tensor(t, "loss"), parityRel)
			gradList := g.tensors()
			for i, name := range names {
				checkParity(t, "grad/"+name, gradList[i], fx.tensor(t, "grad/"+name), parityRel)
			}
			newAdam(cfg.LR).update(params, gradList)
			for i, name := range names {
				checkParity(t, "step1/"+name, params[i], fx.tensor(t, "step1/"+name), parityStepRel)
			}
		})
	}
}

// archWeightNames returns the fixture names of the weights of cfg in the
// order of Model.params.
func archWeightNames(cfg Config) []string {
	names := append([]string(nil), parityWeightNames...)
	for l := 1; l < cfg.lstmLayers(); l++ {
		names = append(names, fmt.Sprintf("lstm_%d_kernel", l), fmt.Sprintf("lstm_%d_recurrent", l), fmt.Sprintf("lstm_%d_bias", l))
	}
	if cfg.Bidirectional {
		for l := range cfg.lstmLayers() {
			names = append(names, fmt.Sprintf("backward_%d_kernel", l), fmt.Sprintf("backward_%d_recurrent", l), fmt.Sprintf("backward_%d_bias", l))
		}
	}
	return names
}
