package model

import (
	"fmt"
	"math"
	"strconv"
	"testing"
)

// TestParityArchitectures checks mask_zero, stacked and bidirectional LSTMs,
// and dropout between stacked layers under a fixed mask, against testdata/parity_arch_*.safetensors, which
// testdata/gen_parity_arch.py writes with torch.nn.LSTM. It compares the
// logits, probabilities and loss of a fixed batch, the gradient of every
// weight, and the weights after one Adam step, with the tolerances of the
// other parity tests.
func TestParityArchitectures(t *testing.T) {
	names := []string{"maskzero", "layers2", "bidirectional", "bidirectional_layers2_maskzero",
		"layers3_layerdropout", "bidirectional_layers2_maskzero_layerdropout"}
	for _, name := range names {
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
			if masks, ok := fx.f32["layer_mask"]; ok {
				// The fixture's masks are time-major, one per layer below
				// the top, as work.seqMask; forward reuses them.
				rate, err := strconv.ParseFloat(fx.meta["layer_dropout"], 64)
				if err != nil {
					t.Fatalf("fixture metadata layer_dropout = %q: %v", fx.meta["layer_dropout"], err)
				}
				w.layerDropRate, w.fixedMasks = rate, true
				size := cfg.MaxLen * n * cfg.lstmOut()
				if len(masks) != (cfg.lstmLayers()-1)*size {
					t.Fatalf("fixture layer_mask has %d values, want %d", len(masks), (cfg.lstmLayers()-1)*size)
				}
				for l := range cfg.lstmLayers() - 1 {
					w.seqMask = append(w.seqMask, masks[l*size:(l+1)*size])
					w.seqDrop = append(w.seqDrop, make([]float32, size))
				}
			}
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
