package model

import (
	"slices"
	"testing"
)

// cloneTensors returns a deep copy of ts.
func cloneTensors(ts [][]float32) [][]float32 {
	out := make([][]float32, len(ts))
	for i, t := range ts {
		out[i] = slices.Clone(t)
	}
	return out
}

// TestParityLanguageModel checks the language model against
// testdata/parity_lm*.safetensors, which testdata/gen_parity_lm.py writes
// with torch.nn.LSTM and TensorFlow's sampled-softmax formula. It compares
// the sampled and the full-softmax loss of a fixed batch with a fixed
// candidate set. For training with either softmax, it also compares the
// gradient of every weight and the weights after one Adam step. The
// tolerances are those of the other parity tests.
func TestParityLanguageModel(t *testing.T) {
	for _, name := range []string{"lm", "lm_layers2"} {
		t.Run(name, func(t *testing.T) {
			fx := readFixture(t, "parity_"+name+".safetensors")
			cfg := fx.config(t)
			cfg.Head = HeadLanguageModel
			cfg.Layers = fx.metaInt(t, "layers")
			cfg.Samples = fx.metaInt(t, "samples")
			if err := cfg.Validate(); err != nil {
				t.Fatal(err)
			}
			m := newWeightsOut(cfg, cfg.NumWords, newRand(1, 0))
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
			x, next, cand := fx.i32["x"], fx.i32["next"], fx.i32["candidates"]
			n := len(x) / cfg.MaxLen
			if len(next) != len(x) || len(cand) != cfg.Samples || n*cfg.MaxLen != len(x) {
				t.Fatalf("fixture has %d ids, %d targets and %d candidates; want whole windows of maxlen %d and %d candidates",
					len(x), len(next), len(cand), cfg.MaxLen, cfg.Samples)
			}

			w := newWorkOut(cfg, m.Outputs(), n)
			g := newGradsOut(cfg, m.Outputs())
			lm := w.lm
			lm.setCandidates(cand, fx.metaInt(t, "tries"))
			lm.setTargets(next, n, cfg.MaxLen)
			w.forward(m, x, n)
			hs := lm.input(w, n, nil, false)
			rows := n * cfg.MaxLen
			sum, _ := lm.lossGrad(m, hs, rows)
			lm.backward(m, hs, rows, g)
			w.backward(m, x, n, g)

			checkParity(t, "loss", []float32{float32(sum / float64(rows))}, fx.tensor(t, "loss"), parityRel)
			gradList := g.tensors()
			for i, name := range names {
				checkParity(t, "grad/"+name, gradList[i], fx.tensor(t, "grad/"+name), parityRel)
			}
			full, _ := lm.fullSoftmax(m, hs, lm.targets[:rows])
			checkParity(t, "full_loss", []float32{float32(full / float64(rows))}, fx.tensor(t, "full_loss"), parityRel)

			start := cloneTensors(params)
			newAdam(cfg.LR).update(params, gradList)
			for i, name := range names {
				checkParity(t, "step1/"+name, params[i], fx.tensor(t, "step1/"+name), parityStepRel)
			}

			// The same batch and weights trained with the full softmax.
			for i := range params {
				copy(params[i], start[i])
			}
			m.Config.Samples = FullSoftmax
			w, g = newWorkOut(m.Config, m.Outputs(), n), newGradsOut(m.Config, m.Outputs())
			gradList = g.tensors()
			lm = w.lm
			lm.setTargets(next, n, cfg.MaxLen)
			w.forward(m, x, n)
			hs = lm.input(w, n, nil, false)
			sum, _ = lm.lossGrad(m, hs, rows)
			lm.backward(m, hs, rows, g)
			w.backward(m, x, n, g)
			checkParity(t, "full softmax training loss", []float32{float32(sum / float64(rows))}, fx.tensor(t, "full_loss"), parityRel)
			for i, name := range names {
				checkParity(t, "full_grad/"+name, gradList[i], fx.tensor(t, "full_grad/"+name), parityRel)
			}
			newAdam(cfg.LR).update(params, gradList)
			for i, name := range names {
				checkParity(t, "full_step1/"+name, params[i], fx.tensor(t, "full_step1/"+name), parityStepRel)
			}
		})
	}
}
