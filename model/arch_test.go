package model

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tinyArchModel returns a model of tinyModel's sizes with layers LSTM
// layers, MaskZero set to mask and all weights drawn from U(-0.5, 0.5). Its
// batch of four samples has front padding, a 0 in the middle, no padding,
// and padding only, with labels 1, 0, 1, 0.
func tinyArchModel(layers int, mask bool) (*Model, []int32, []float32) {
	return tinyArchModelDirs(layers, mask, false)
}

// tinyArchModelDirs is tinyArchModel with Bidirectional set to bi.
func tinyArchModelDirs(layers int, mask, bi bool) (*Model, []int32, []float32) {
	cfg := Config{NumWords: 7, Dim: 3, MaxLen: 5, Units: 4, Batch: 4, LR: 0.001, Epochs: 1, Seed: 11,
		Layers: layers, MaskZero: mask, Bidirectional: bi}
	m := newWeights(cfg, newRand(cfg.Seed, 0))
	rng := newRand(97, 0)
	for _, w := range m.params() {
		fillUniform(w, 0.5, rng)
	}
	x := []int32{
		0, 0, 3, 1, 2,
		0, 5, 0, 6, 1,
		4, 2, 3, 6, 6,
		0, 0, 0, 0, 0,
	}
	return m, x, []float32{1, 0, 1, 0}
}

// TestArchGradientsMatchFiniteDifferences checks the backward pass of
// mask_zero and stacked layers against central differences of the float64
// reference in lstm_test.go (refHidden), with gradMismatches' tolerance and
// reasoning.
func TestArchGradientsMatchFiniteDifferences(t *testing.T) {
	tests := []struct {
		name    string
		layers  int
		mask    bool
		head    string
		dropout float64
		bi      bool
		// layerDrop is the rate of dropout between the LSTM layers.
		layerDrop float64
	}{
		{"mask_zero", 1, true, HeadBinary, 0, false, 0},
		{"2 layers", 2, false, HeadBinary, 0, false, 0},
		{"2 layers mask_zero", 2, true, HeadBinary, 0, false, 0},
		{"3 layers mask_zero softmax", 3, true, HeadSoftmax, 0, false, 0},
		{"2 layers mask_zero dropout", 2, true, HeadBinary, 0.4, false, 0},
		{"bidirectional", 1, false, HeadBinary, 0, true, 0},
		{"bidirectional mask_zero", 1, true, HeadBinary, 0, true, 0},
		{"bidirectional 2 layers mask_zero", 2, true, HeadBinary, 0, true, 0},
		{"bidirectional 3 layers softmax dropout", 3, false, HeadSoftmax, 0.4, true, 0},
		{"3 layers layer dropout", 3, false, HeadBinary, 0, false, 0.4},
		{"2 layers mask_zero layer and dense dropout", 2, true, HeadBinary, 0.3, false, 0.4},
		{"bidirectional 3 layers mask_zero layer dropout", 3, true, HeadSoftmax, 0, true, 0.4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, x, y := tinyArchModelDirs(tc.layers, tc.mask, tc.bi)
			o := 1
			if tc.head != HeadBinary {
				o = 3
				m.Config.Head, m.Classes = tc.head, []string{"a", "b", "c"}
				m.DenseW, m.DenseB = make([]float32, m.Config.lstmOut()*o), make([]float32, o)
				rng := newRand(96, 0)
				fillUniform(m.DenseW, 0.5, rng)
				fillUniform(m.DenseB, 0.5, rng)
				y = []float32{2, 0, 1, 1}
			}
			n := len(y)
			w := newWorkOut(m.Config, o, n)
			w.dropRng = newRand(3, dropoutStream)
			w.dropRate = tc.dropout
			w.layerDropRate = tc.layerDrop
			g := newGradsOut(m.Config, o)
			w.forward(m, x, n)
			loss, _ := w.lossGradHead(tc.head, y, nil, nil, n)
			w.backward(m, x, n, g)
			var mask []float32
			if tc.dropout > 0 {
				mask = slices.Clone(w.mask[:n*m.Config.lstmOut()])
			}
			var layerMask [][]float32
			for _, lm := range w.seqMask {
				layerMask = append(layerMask, slices.Clone(lm))
			}
			if w.layerDropRate > 0 && !slices.ContainsFunc(layerMask[0], func(v float32) bool { return v == 0 }) {
				t.Fatal("the layer dropout mask drops nothing, so the check tests nothing")
			}

			lossOf := func(p *refParams) float64 {
				p.layerMask = layerMask
				return refLossHead(p, m.Config, tc.head, o, x, y, nil, nil, mask)
			}
			if got, want := loss/float64(n), lossOf(toRef(m)); math.Abs(got-want) > 1e-5 {
				t.Errorf("mean loss = %.7f, reference %.7f", got, want)
			}
			numeric := numericGradsOf(m, 1e-6, lossOf)
			analytic := g.tensors()
			want := 6 + 3*(tc.layers-1)
			if tc.bi {
				want += 3 * tc.layers
			}
			if len(analytic) != len(numeric) || len(analytic) != want {
				t.Fatalf("got %d analytic and %d numeric tensors, want %d", len(analytic), len(numeric), want)
			}
			for ti, a := range analytic {
				if len(a) != len(numeric[ti]) {
					t.Fatalf("%s: analytic has %d values, numeric %d", tensorNames[ti], len(a), len(numeric[ti]))
				}
			}
			for _, bad := range gradMismatches(analytic, numeric) {
				t.Error(bad)
			}
			for ti, gr := range numeric {
				if !slices.ContainsFunc(gr, func(v float64) bool { return math.Abs(v) > 1e-6 }) {
					t.Errorf("%s: every numeric gradient is zero, so the check tests nothing", tensorNames[ti])
				}
			}
			// A masked step adds no gradient, so the padding row gets none.
			d := m.Config.Dim
			if row := g.Embedding[:d]; tc.mask && slices.ContainsFunc(row, func(v float32) bool { return v != 0 }) {
				t.Errorf("padding row gradient = %v with mask_zero, want 0", row)
			}
		})
	}
}

// TestMaskZeroIgnoresPadding compares, with mask_zero, the logits of
// pre-padded sequences with those of the same model run on the unpadded
// words alone (MaxLen set to their number), which no padding can affect.
// Without the mask the two differ, so the comparison can fail.
func TestMaskZeroIgnoresPadding(t *testing.T) {
	words := [][]int32{{3, 1, 2}, {5, 6, 1, 4}, {2}}
	for _, layers := range []int{1, 2, 3, -1, -2} { // negative: bidirectional
		for _, mask := range []bool{true, false} {
			m, _, _ := tinyArchModelDirs(max(layers, -layers), mask, layers < 0)
			maxDiff := 0.0
			for _, ws := range words {
				padded := make([]int32, m.Config.MaxLen)
				copy(padded[len(padded)-len(ws):], ws)
				w := newWork(m.Config, 1)
				w.forward(m, padded, 1)

				short := *m
				short.Config.MaxLen = len(ws)
				ws2 := newWork(short.Config, 1)
				ws2.forward(&short, ws, 1)
				maxDiff = max(maxDiff, math.Abs(float64(w.logit[0]-ws2.logit[0])))
			}
			// float32 sums in the same order give equal values; 1e-6 allows
			// a different blocking of the matrix products.
			if mask && maxDiff > 1e-6 {
				t.Errorf("%d layers, mask_zero: padded and unpadded logits differ by %.3g, want ≤ 1e-6", layers, maxDiff)
			}
			if !mask && maxDiff < 1e-4 {
				t.Errorf("%d layers without mask: padded and unpadded logits differ by only %.3g; padding should change them", layers, maxDiff)
			}
		}
	}
}

// With mask_zero a sequence of padding only leaves h = 0, so the logit is
// the Dense bias exactly.
func TestMaskZeroAllPadding(t *testing.T) {
	for _, layers := range []int{1, 2, -2} { // negative: bidirectional
		m, x, _ := tinyArchModelDirs(max(layers, -layers), true, layers < 0)
		w := newWork(m.Config, 4)
		w.forward(m, x, 4)
		if got, want := w.logit[3], m.DenseB[0]; got != want {
			t.Errorf("%d layers: logit of a padding-only sequence = %v, want the dense bias %v", layers, got, want)
		}
	}
}

// PredictSteps with mask_zero: each step's probability is the prediction
// for the text up to that word, which PredictTexts gives for the prefix.
func TestPredictStepsMaskZeroMatchesPrefixes(t *testing.T) {
	m, _, _ := tinyArchModel(2, true)
	m.Config.NumWords = 7
	m.Classes = []string{"neg", "pos"}
	m.Tokenizer = syntheticTokenizer()
	m.Tokenizer.NumWords = 7 // keep every id inside the tiny embedding
	text := "good bad film good"
	tokens, _, steps, err := m.PredictSteps(text)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tokens {
		if steps[i] == nil {
			t.Fatalf("step %d (%q) is nil; the tokenizer should know every word", i, tokens[i])
		}
		prefix := strings.Join(tokens[:i+1], " ")
		p, err := m.PredictTexts([]string{prefix})
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(float64(steps[i][1] - p[0])); d > 1e-6 {
			t.Errorf("step %d: probability %.7f, PredictTexts(%q) %.7f", i, steps[i][1], prefix, p[0])
		}
	}
}

func TestStackedInit(t *testing.T) {
	cfg := Config{NumWords: 30, Dim: 7, MaxLen: 5, Units: 6, Batch: 2, LR: 0.01, Epochs: 1, Seed: 4}
	one := newWeights(cfg, newRand(cfg.Seed, 0))
	cfg.Layers = 3
	three := newWeights(cfg, newRand(cfg.Seed, 0))
	// The first layer draws as before stacking existed.
	for i, w := range [][]float32{one.Embedding, one.Kernel, one.Recurrent, one.Bias} {
		if !slices.Equal(w, three.params()[i]) {
			t.Errorf("%s differs between one and three layers", tensorNames[i])
		}
	}
	if len(three.Extra) != 2 {
		t.Fatalf("three layers have %d extra layers, want 2", len(three.Extra))
	}
	u := cfg.Units
	limit := float32(glorotLimit(u, 4*u))
	for l, e := range three.Extra {
		if len(e.Kernel) != u*4*u || len(e.Recurrent) != u*4*u || len(e.Bias) != 4*u {
			t.Fatalf("layer %d shapes %d/%d/%d, want %d/%d/%d", l+2, len(e.Kernel), len(e.Recurrent), len(e.Bias), u*4*u, u*4*u, 4*u)
		}
		for _, v := range e.Kernel {
			if v == 0 || v < -limit || v > limit {
				t.Fatalf("layer %d kernel value %v outside ±%v (Glorot uniform)", l+2, v, limit)
			}
		}
		for j, v := range e.Bias {
			if want := float32(0); (j >= u && j < 2*u) != (v == 1) || (v != 1 && v != want) {
				t.Errorf("layer %d bias[%d] = %v, want 1 in the forget block and 0 elsewhere", l+2, j, v)
			}
		}
		// Orthogonal: the rows of Recurrent (u×4u) are orthonormal.
		for a := range u {
			for b := range u {
				var dot float64
				for k := range 4 * u {
					dot += float64(e.Recurrent[a*4*u+k]) * float64(e.Recurrent[b*4*u+k])
				}
				want := 0.0
				if a == b {
					want = 1
				}
				if math.Abs(dot-want) > 1e-5 {
					t.Errorf("layer %d recurrent rows %d·%d = %.6f, want %g", l+2, a, b, dot, want)
				}
			}
		}
	}
}

// The counts follow from the Keras shapes: 4·U·(in+U+1) per LSTM with in
// the Dim for the first and U for the others; all but the last return
// their sequences.
func TestConfigLayersStacked(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Layers = 3
	layers := ConfigLayers(cfg, 1)
	want := []LayerInfo{
		{"embedding", "Embedding", "(None, 50, 100)", 1_000_000},
		{"lstm", "LSTM", "(None, 50, 128)", 117_248},
		{"lstm_1", "LSTM", "(None, 50, 128)", 131_584},
		{"lstm_2", "LSTM", "(None, 128)", 131_584},
		{"dense", "Dense", "(None, 1)", 129},
	}
	if !slices.Equal(layers, want) {
		t.Errorf("layers = %+v\nwant %+v", layers, want)
	}
	m := newWeights(Config{NumWords: 30, Dim: 7, MaxLen: 5, Units: 4, Batch: 2, LR: 0.01, Epochs: 1, Layers: 2}, newRand(1, 0))
	var weights int
	for _, p := range m.params() {
		weights += len(p)
	}
	if got := TotalParams(m.Layers()); got != weights {
		t.Errorf("TotalParams = %d, the weights hold %d", got, weights)
	}
}

func TestValidateLayers(t *testing.T) {
	for _, tc := range []struct {
		layers int
		ok     bool
	}{{0, true}, {1, true}, {4, true}, {5, false}, {-1, false}} {
		cfg := DefaultConfig()
		cfg.Layers = tc.layers
		err := cfg.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("layers %d: Validate = %v, want ok %v", tc.layers, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "1 to 4") {
			t.Errorf("layers %d: error %q does not give the range", tc.layers, err)
		}
	}
}

func TestStackedSaveLoad(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Layers, cfg.MaskZero, cfg.Epochs = 2, true, 1
	m, train, val := syntheticModel(cfg, 64)
	m.Tokenizer = syntheticTokenizer()
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.embedlab")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Config != m.Config {
		t.Errorf("config = %+v, want %+v", got.Config, m.Config)
	}
	if name := sameWeights(got, m); name != "" {
		t.Errorf("%s differs after the round trip", name)
	}
	if len(got.opt.m) != len(m.params()) {
		t.Errorf("loaded %d moment tensors, want %d", len(got.opt.m), len(m.params()))
	}
	for i := range m.opt.m {
		if !slices.Equal(got.opt.m[i], m.opt.m[i]) || !slices.Equal(got.opt.v[i], m.opt.v[i]) {
			t.Errorf("moments of %s differ after the round trip", tensorNames[i])
		}
	}

	data, err := m.encode()
	if err != nil {
		t.Fatal(err)
	}
	var header map[string]json.RawMessage
	if err := json.Unmarshal(data[8:8+binary.LittleEndian.Uint64(data)], &header); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"lstm_1/kernel", "lstm_1/recurrent_kernel", "lstm_1/bias", "optimizer/m/lstm_1/kernel"} {
		if _, ok := header[name]; !ok {
			t.Errorf("the header lacks %s", name)
		}
	}

	// A clone trains on its own copies of the stacked weights.
	c := m.Clone()
	c.Extra[0].Kernel[0]++
	if c.Extra[0].Kernel[0] == m.Extra[0].Kernel[0] {
		t.Error("Clone shares the stacked layer's kernel with the original")
	}
}

func TestStackedResumeBitIdentical(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs, cfg.Layers, cfg.MaskZero = 3, 2, true
	t.Run("stacked", func(t *testing.T) { testResume(t, cfg) })
	cfg.Bidirectional, cfg.Dropout = true, 0.3
	t.Run("bidirectional", func(t *testing.T) { testResume(t, cfg) })
	cfg.Layers, cfg.LayerDropout = 3, 0.2
	t.Run("layer dropout", func(t *testing.T) { testResume(t, cfg) })
}

// Dropout layers take Keras' default names in the order the model adds
// them: one after each LSTM layer but the top, then the one before Dense.
func TestConfigLayersLayerDropout(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Layers, cfg.LayerDropout, cfg.Dropout = 3, 0.2, 0.5
	want := []LayerInfo{
		{"embedding", "Embedding", "(None, 50, 100)", 1_000_000},
		{"lstm", "LSTM", "(None, 50, 128)", 117_248},
		{"dropout", "Dropout", "(None, 50, 128)", 0},
		{"lstm_1", "LSTM", "(None, 50, 128)", 131_584},
		{"dropout_1", "Dropout", "(None, 50, 128)", 0},
		{"lstm_2", "LSTM", "(None, 128)", 131_584},
		{"dropout_2", "Dropout", "(None, 128)", 0},
		{"dense", "Dense", "(None, 1)", 129},
	}
	if got := ConfigLayers(cfg, 1); !slices.Equal(got, want) {
		t.Errorf("layers = %+v\nwant %+v", got, want)
	}
	cfg.Layers = 1 // nothing lies between layers
	if got := ConfigLayers(cfg, 1); len(got) != 4 || got[2].Name != "dropout" {
		t.Errorf("one layer: layers = %+v, want one Dropout before Dense", got)
	}
}

// TestLayerDropoutChangesTraining checks that the option takes effect in
// Fit: the same seed with and without it gives different weights, and the
// same seed with it gives the same weights twice.
func TestLayerDropoutChangesTraining(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs, cfg.Layers = 1, 2
	run := func(rate float64) []float32 {
		c := cfg
		c.LayerDropout = rate
		m, train, val := syntheticModel(c, 64)
		if err := m.Fit(context.Background(), train, val, nil); err != nil {
			t.Fatal(err)
		}
		return m.Extra[0].Kernel
	}
	off, on, again := run(0), run(0.3), run(0.3)
	if slices.Equal(off, on) {
		t.Error("layer dropout 0.3 trained the same weights as no dropout")
	}
	if !slices.Equal(on, again) {
		t.Error("two runs with layer dropout and one seed trained different weights")
	}
}

// Keras lists Bidirectional(LSTM(128)) on 100 dimensions with
// 2·4·128·(100+128+1) = 234,496 parameters and a 256-unit output, so the
// Dense layer has 256+1.
func TestConfigLayersBidirectional(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Bidirectional, cfg.Layers = true, 2
	want := []LayerInfo{
		{"embedding", "Embedding", "(None, 50, 100)", 1_000_000},
		{"bidirectional", "Bidirectional", "(None, 50, 256)", 234_496},
		// 2·4·128·(256+128+1)
		{"bidirectional_1", "Bidirectional", "(None, 256)", 394_240},
		{"dense", "Dense", "(None, 1)", 257},
	}
	if layers := ConfigLayers(cfg, 1); !slices.Equal(layers, want) {
		t.Errorf("layers = %+v\nwant %+v", layers, want)
	}
	m := newWeights(Config{NumWords: 30, Dim: 7, MaxLen: 5, Units: 4, Batch: 2, LR: 0.01, Epochs: 1, Layers: 2, Bidirectional: true}, newRand(1, 0))
	var weights int
	for _, p := range m.params() {
		weights += len(p)
	}
	if got := TotalParams(m.Layers()); got != weights {
		t.Errorf("TotalParams = %d, the weights hold %d", got, weights)
	}
}

// PredictSteps of a bidirectional model ends with the model's prediction.
func TestPredictStepsBidirectionalLast(t *testing.T) {
	m, _, _ := tinyArchModelDirs(2, true, true)
	m.Classes = []string{"neg", "pos"}
	m.Tokenizer = syntheticTokenizer()
	m.Tokenizer.NumWords = 7
	text := "good bad film"
	_, _, steps, err := m.PredictSteps(text)
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.PredictTexts([]string{text})
	if err != nil {
		t.Fatal(err)
	}
	if last := steps[len(steps)-1]; last == nil || last[1] != p[0] {
		t.Errorf("last step = %v, PredictTexts %v", last, p[0])
	}
}

// A short run with two masked layers learns the synthetic task, so the
// stacked backward pass also works in Fit.
func TestStackedLearns(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Layers, cfg.MaskZero, cfg.Epochs = 2, true, 8
	m, train, val := syntheticModel(cfg, 128)
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	first, last := m.History[0], m.History[len(m.History)-1]
	if !(last.Loss < first.Loss) {
		t.Errorf("training loss went from %.4f to %.4f, want lower", first.Loss, last.Loss)
	}
}

// BenchmarkTrainBatchArch times one training step of the default model
// with mask_zero, with two layers and bidirectional, on batches of 32 random sequences
// whose first half is padding, as short texts are.
func BenchmarkTrainBatchArch(b *testing.B) {
	for _, tc := range []struct {
		name   string
		layers int
		mask   bool
		bi     bool
	}{{"1 layer", 1, false, false}, {"mask_zero", 1, true, false}, {"2 layers", 2, false, false}, {"bidirectional", 1, false, true}} {
		b.Run(tc.name, func(b *testing.B) {
			cfg := DefaultConfig()
			cfg.Layers, cfg.MaskZero, cfg.Bidirectional = tc.layers, tc.mask, tc.bi
			m := newWeights(cfg, newRand(cfg.Seed, 0))
			m.opt = newAdam(cfg.LR)
			rng := newRand(1, 0)
			d := &Dataset{X: make([]int32, cfg.Batch*cfg.MaxLen), Y: make([]float32, cfg.Batch), MaxLen: cfg.MaxLen}
			for i := range d.X {
				if i%cfg.MaxLen >= cfg.MaxLen/2 {
					d.X[i] = int32(1 + rng.IntN(cfg.NumWords-1))
				}
			}
			idx := make([]int, cfg.Batch)
			for i := range idx {
				idx[i] = i
				d.Y[i] = float32(i % 2)
			}
			r := newRun(m, cfg.Batch)
			r.step(d, idx) // allocate the Adam moments outside the timing

			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				r.step(d, idx)
			}
		})
	}
}
