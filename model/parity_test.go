package model

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The reference values in testdata/parity_*.safetensors come from
// testdata/gen_parity.py, which builds the same network in PyTorch with
// Keras' conventions, computes in float64 from fixed float32 weights and
// inputs, and rounds the results to float32 once. The script's header lists
// the tensors and how to regenerate them.

// Parity tolerance: a value passes when |got−want| ≤ parityRel·max(|want|,
// parityFloor·max|want of the tensor|). The floor covers elements near zero,
// such as gradient sums whose terms cancel, where the float32 rounding of the
// larger terms dominates any relative measure.
const (
	parityRel   = 1e-5
	parityFloor = 0.1
)

// fixture is one parity file: its tensors as float32 (word ids as int32)
// and its metadata.
type fixture struct {
	f32  map[string][]float32
	i32  map[string][]int32
	meta map[string]string
}

// readFixture reads a safetensors file holding F32 and I32 tensors.
func readFixture(t *testing.T, name string) *fixture {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v; regenerate it with testdata/gen_parity.py", err)
	}
	if len(data) < 8 {
		t.Fatalf("%s: %d bytes is too short for a safetensors header", name, len(data))
	}
	n := binary.LittleEndian.Uint64(data)
	if n > uint64(len(data)-8) {
		t.Fatalf("%s: header length %d exceeds the file", name, n)
	}
	var header map[string]json.RawMessage
	if err := json.Unmarshal(data[8:8+n], &header); err != nil {
		t.Fatalf("%s: header: %v", name, err)
	}
	body := data[8+n:]

	fx := &fixture{f32: map[string][]float32{}, i32: map[string][]int32{}}
	for key, raw := range header {
		if key == "__metadata__" {
			if err := json.Unmarshal(raw, &fx.meta); err != nil {
				t.Fatalf("%s: metadata: %v", name, err)
			}
			continue
		}
		var info struct {
			Dtype   string `json:"dtype"`
			Shape   []int  `json:"shape"`
			Offsets [2]int `json:"data_offsets"`
		}
		if err := json.Unmarshal(raw, &info); err != nil {
			t.Fatalf("%s: tensor %s: %v", name, key, err)
		}
		lo, hi := info.Offsets[0], info.Offsets[1]
		if lo < 0 || hi < lo || hi > len(body) || (hi-lo)%4 != 0 {
			t.Fatalf("%s: tensor %s has byte range %d..%d outside the %d data bytes", name, key, lo, hi, len(body))
		}
		raw := body[lo:hi]
		if size := shapeSize(info.Shape); 4*size != hi-lo {
			t.Fatalf("%s: tensor %s has shape %v but %d bytes", name, key, info.Shape, hi-lo)
		}
		switch info.Dtype {
		case "F32":
			v := make([]float32, len(raw)/4)
			for i := range v {
				v[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
			}
			fx.f32[key] = v
		case "I32":
			v := make([]int32, len(raw)/4)
			for i := range v {
				v[i] = int32(binary.LittleEndian.Uint32(raw[4*i:]))
			}
			fx.i32[key] = v
		default:
			t.Fatalf("%s: tensor %s has dtype %s; want F32 or I32", name, key, info.Dtype)
		}
	}
	return fx
}

// shapeSize returns the number of elements of a tensor of shape dims.
func shapeSize(dims []int) int {
	n := 1
	for _, d := range dims {
		n *= d
	}
	return n
}

// tensor returns the float32 tensor key, failing the test when it is absent.
func (fx *fixture) tensor(t *testing.T, key string) []float32 {
	t.Helper()
	v, ok := fx.f32[key]
	if !ok {
		t.Fatalf("fixture has no float32 tensor %q", key)
	}
	return v
}

// metaInt returns the integer metadata entry key.
func (fx *fixture) metaInt(t *testing.T, key string) int {
	t.Helper()
	v, err := strconv.Atoi(fx.meta[key])
	if err != nil {
		t.Fatalf("fixture metadata %q = %q: %v", key, fx.meta[key], err)
	}
	return v
}

// config returns the model configuration the fixture was generated for.
func (fx *fixture) config(t *testing.T) Config {
	t.Helper()
	cfg := DefaultConfig()
	cfg.NumWords = fx.metaInt(t, "num_words")
	cfg.Dim = fx.metaInt(t, "dim")
	cfg.Units = fx.metaInt(t, "units")
	cfg.MaxLen = fx.metaInt(t, "maxlen")
	cfg.Batch = fx.metaInt(t, "batch")
	lr, err := strconv.ParseFloat(fx.meta["lr"], 64)
	if err != nil {
		t.Fatalf("fixture metadata lr = %q: %v", fx.meta["lr"], err)
	}
	cfg.LR = lr
	return cfg
}

// parityError returns the largest error of got against want relative to
// max(|want|, parityFloor·max|want|), and the index where it occurs. A NaN
// gives an infinite error.
func parityError(got, want []float32) (maxRel float64, at int) {
	var scale float64
	for _, w := range want {
		scale = math.Max(scale, math.Abs(float64(w)))
	}
	at = -1
	for i := range want {
		diff := math.Abs(float64(got[i]) - float64(want[i]))
		rel := diff / math.Max(math.Abs(float64(want[i])), parityFloor*scale)
		if math.IsNaN(rel) || scale == 0 && diff > 0 {
			rel = math.Inf(1)
		}
		if diff == 0 {
			rel = 0
		}
		if at < 0 || rel > maxRel {
			maxRel, at = rel, i
		}
	}
	return maxRel, at
}

// checkParity compares got with want element by element and logs the
// largest error, so that go test -v shows the margin.
func checkParity(t *testing.T, name string, got, want []float32, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %d values, want %d", name, len(got), len(want))
		return
	}
	rel, at := parityError(got, want)
	if !(rel <= tol) {
		t.Errorf("%s: element %d = %g, want %g: error %.3g relative to max(|want|, %g·max|want|), above %g",
			name, at, got[at], want[at], rel, parityFloor, tol)
		return
	}
	t.Logf("%-20s max error %.3g", name, rel)
}

// parityWeightNames lists the weight tensors in the order of Model.params.
var parityWeightNames = []string{"embedding", "kernel", "recurrent", "bias", "dense_w", "dense_b"}

// parityStepRel is the tolerance for weights updated with the Go model's own
// gradients. Adam's first step moves a weight by about lr·g/(|g| + ε/√(1−β₂)),
// whose slope in g nears lr·√(1−β₂)/ε ≈ 316 for gradients below 3e-6, so a
// gradient that is exact to float32 precision can still move such a weight
// by a few 1e-8 too many. In the binary fixture this gives errors up to
// 1.1e-5. TestParityAdam checks the update itself at parityRel.
const parityStepRel = 2e-5

// parityModel returns a model holding the fixture's weights, with the
// pointers to its weight fields in the order of parityWeightNames. setup,
// when not nil, sets the options of the configuration.
func parityModel(t *testing.T, fx *fixture, setup func(*Config)) (*Model, []*[]float32) {
	t.Helper()
	cfg := fx.config(t)
	if setup != nil {
		setup(&cfg)
	}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	m := &Model{Config: cfg}
	ptrs := []*[]float32{&m.Embedding, &m.Kernel, &m.Recurrent, &m.Bias, &m.DenseW, &m.DenseB}
	for i, name := range parityWeightNames {
		*ptrs[i] = append([]float32(nil), fx.tensor(t, name)...)
	}
	// The class names only set the Dense width of the softmax and
	// multi-label heads.
	for k := range max(len(m.DenseB), 2) {
		m.Classes = append(m.Classes, fmt.Sprint("class", k))
	}
	if err := m.checkWeights(); err != nil {
		t.Fatalf("fixture weights do not fit the configuration: %v", err)
	}
	return m, ptrs
}

// parityBatch returns the fixture's word ids and labels.
func parityBatch(t *testing.T, fx *fixture, cfg Config) (x []int32, y []float32, n int) {
	t.Helper()
	x, y = fx.i32["x"], fx.tensor(t, "y")
	n = len(y)
	if len(x) != n*cfg.MaxLen {
		t.Fatalf("fixture x has %d ids for %d labels of maxlen %d", len(x), n, cfg.MaxLen)
	}
	return x, y, n
}

// TestParityBinary checks the seed model against the PyTorch reference: the
// logits and probabilities of a fixed batch, the mean loss, the gradient of
// every weight, and the weights after one and after two Adam steps.
func TestParityBinary(t *testing.T) {
	fx := readFixture(t, "parity_binary.safetensors")
	m, ptrs := parityModel(t, fx, nil)
	cfg := m.Config
	x, y, n := parityBatch(t, fx, cfg)

	w := newWork(cfg, n)
	g := newGrads(cfg)
	gradList := [][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB}
	opt := newAdam(cfg.LR)

	// Step 1: outputs, loss and gradients at the fixed weights, then the
	// update.
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
	for i, name := range parityWeightNames {
		checkParity(t, "grad/"+name, gradList[i], fx.tensor(t, "grad/"+name), parityRel)
	}
	opt.update(m.params(), gradList)
	for i, name := range parityWeightNames {
		checkParity(t, "step1/"+name, *ptrs[i], fx.tensor(t, "step1/"+name), parityStepRel)
	}

	// Step 2 continues from the Go model's own step-1 weights and moments.
	w.forward(m, x, n)
	w.lossGrad(y, n)
	w.backward(m, x, n, g)
	opt.update(m.params(), gradList)
	for i, name := range parityWeightNames {
		checkParity(t, "step2/"+name, *ptrs[i], fx.tensor(t, "step2/"+name), parityStepRel)
	}

	// The gradient of step 2 is compared at the reference step-1 weights,
	// because the Go model's own differ from them by float32 rounding.
	for i, name := range parityWeightNames {
		copy(*ptrs[i], fx.tensor(t, "step1/"+name))
	}
	w.forward(m, x, n)
	w.lossGrad(y, n)
	w.backward(m, x, n, g)
	for i, name := range parityWeightNames {
		checkParity(t, "grad2/"+name, gradList[i], fx.tensor(t, "grad2/"+name), parityRel)
	}
}

// TestParityAdam feeds the reference gradients to the Go optimiser, so that
// the two updates, and the bias correction of the second, are compared
// without the gradients' float32 rounding.
func TestParityAdam(t *testing.T) {
	fx := readFixture(t, "parity_binary.safetensors")
	m, ptrs := parityModel(t, fx, nil)
	opt := newAdam(m.Config.LR)
	for _, step := range []string{"1", "2"} {
		gradName := "grad/"
		if step == "2" {
			gradName = "grad2/"
		}
		gradList := make([][]float32, len(parityWeightNames))
		for i, name := range parityWeightNames {
			gradList[i] = fx.tensor(t, gradName+name)
		}
		opt.update(m.params(), gradList)
		for i, name := range parityWeightNames {
			checkParity(t, "step"+step+"/"+name, *ptrs[i], fx.tensor(t, "step"+step+"/"+name), parityRel)
		}
	}
}

// TestParityErrorDetects checks that the comparison fails for an error just
// above the tolerance, so that the parity tests can fail.
func TestParityErrorDetects(t *testing.T) {
	want := []float32{1, -0.5, 0.25, 0}
	cases := []struct {
		name string
		got  []float32
		ok   bool // whether the error is within parityRel
	}{
		{"equal", []float32{1, -0.5, 0.25, 0}, true},
		{"within relative", []float32{1 + 5e-6, -0.5, 0.25, 0}, true},
		{"above relative", []float32{1, -0.5 * (1 + 3e-5), 0.25, 0}, false},
		{"zero within floor", []float32{1, -0.5, 0.25, 5e-7}, true},
		{"zero above floor", []float32{1, -0.5, 0.25, 2e-6}, false},
		{"nan", []float32{1, float32(math.NaN()), 0.25, 0}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rel, _ := parityError(tc.got, want)
			if ok := rel <= parityRel; ok != tc.ok {
				t.Errorf("parityError(%v) = %g; within %g is %v, want %v", tc.got, rel, parityRel, ok, tc.ok)
			}
		})
	}
}

// TestParityHeads checks the softmax head (sparse categorical
// cross-entropy) and the multi-label head (one sigmoid per class, binary
// cross-entropy averaged over the classes) against the PyTorch reference.
// Their fixtures share the binary fixture's inputs and Embedding and LSTM
// weights and bring their own Dense layer of three units.
func TestParityHeads(t *testing.T) {
	shared := readFixture(t, "parity_binary.safetensors")
	cases := []struct {
		file, head string
	}{
		{"parity_softmax.safetensors", HeadSoftmax},
		{"parity_multilabel.safetensors", HeadMultiLabel},
	}
	for _, tc := range cases {
		t.Run(tc.head, func(t *testing.T) {
			fx := readFixture(t, tc.file)
			if fx.meta["head"] != tc.head {
				t.Fatalf("%s has head %q, want %q", tc.file, fx.meta["head"], tc.head)
			}
			m, ptrs := parityModel(t, shared, nil)
			m.Config.Head = tc.head
			m.DenseW = append([]float32(nil), fx.tensor(t, "dense_w")...)
			m.DenseB = append([]float32(nil), fx.tensor(t, "dense_b")...)
			cfg, o := m.Config, len(m.DenseB)
			m.Classes = m.Classes[:0]
			for k := range o {
				m.Classes = append(m.Classes, fmt.Sprint("class", k))
			}
			x, _, n := parityBatch(t, shared, cfg)

			// The softmax fixture's y holds class ids; the multi-label
			// fixture's y holds the n×o multi-hot targets.
			y, targets := fx.tensor(t, "y"), []float32(nil)
			if tc.head == HeadMultiLabel {
				y, targets = make([]float32, n), y
			}

			w := newWorkOut(cfg, o, n)
			g := newGradsOut(cfg, o)
			gradList := [][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB}
			w.forward(m, x, n)
			logits := append([]float32(nil), w.logit[:n*o]...)
			var probs []float32
			for b := range n {
				probs = append(probs, probabilities(tc.head, logits[b*o:(b+1)*o], o)...)
			}
			sum, _ := w.lossGradHead(tc.head, y, targets, nil, n)
			w.backward(m, x, n, g)

			checkParity(t, "logits", logits, fx.tensor(t, "logits"), parityRel)
			checkParity(t, "probs", probs, fx.tensor(t, "probs"), parityRel)
			checkParity(t, "loss", []float32{float32(sum / float64(n))}, fx.tensor(t, "loss"), parityRel)
			for i, name := range parityWeightNames {
				checkParity(t, "grad/"+name, gradList[i], fx.tensor(t, "grad/"+name), parityRel)
			}

			// The update with the Go gradients, then again from the fixed
			// weights with the reference gradients.
			start := make([][]float32, len(ptrs))
			for i, p := range ptrs {
				start[i] = append([]float32(nil), *p...)
			}
			newAdam(cfg.LR).update(m.params(), gradList)
			for i, name := range parityWeightNames {
				checkParity(t, "step1/"+name, *ptrs[i], fx.tensor(t, "step1/"+name), parityStepRel)
			}
			refGrads := make([][]float32, len(parityWeightNames))
			for i, name := range parityWeightNames {
				copy(*ptrs[i], start[i])
				refGrads[i] = fx.tensor(t, "grad/"+name)
			}
			newAdam(cfg.LR).update(m.params(), refGrads)
			for i, name := range parityWeightNames {
				checkParity(t, "adam step1/"+name, *ptrs[i], fx.tensor(t, "step1/"+name), parityRel)
			}
		})
	}
}

// TestParityOptions checks the training options that change the loss or
// the gradients, through the training step that Fit runs: balanced class
// weights for the binary and the softmax head, and clipping by global norm.
// The fixtures use a small network and hold all their weights.
func TestParityOptions(t *testing.T) {
	cases := []struct {
		file string
		set  func(t *testing.T, fx *fixture, cfg *Config)
	}{
		{"parity_classweight.safetensors", func(_ *testing.T, _ *fixture, cfg *Config) { cfg.ClassWeight = "balanced" }},
		{"parity_classweight_softmax.safetensors", func(_ *testing.T, _ *fixture, cfg *Config) {
			cfg.ClassWeight, cfg.Head = "balanced", HeadSoftmax
		}},
		{"parity_clipnorm.safetensors", func(t *testing.T, fx *fixture, cfg *Config) {
			clip, err := strconv.ParseFloat(fx.meta["clip_norm"], 64)
			if err != nil {
				t.Fatalf("fixture metadata clip_norm = %q: %v", fx.meta["clip_norm"], err)
			}
			cfg.ClipNorm = clip
		}},
	}
	for _, tc := range cases {
		t.Run(optionName(tc.file), func(t *testing.T) {
			fx := readFixture(t, tc.file)
			m, ptrs := parityModel(t, fx, func(cfg *Config) { tc.set(t, fx, cfg) })
			o := len(m.DenseB)
			x, y, n := parityBatch(t, fx, m.Config)
			d := &Dataset{X: x, Y: y, MaxLen: m.Config.MaxLen}
			idx := make([]int, n)
			for i := range idx {
				idx[i] = i
			}

			m.opt = newAdam(m.Config.LR)
			r := newRun(m, n)
			r.weights = ClassWeights(m.Config.ClassWeight, d, max(o, 2))
			if want, ok := fx.f32["class_weight"]; ok {
				got := make([]float32, len(r.weights))
				for i, v := range r.weights {
					got[i] = float32(v)
				}
				checkParity(t, "class_weight", got, want, parityRel)
			}
			sum, _, why := r.step(d, idx)
			if why.String() != "" {
				t.Fatalf("step stopped: %s", why)
			}

			checkParity(t, "loss", []float32{float32(sum / float64(n))}, fx.tensor(t, "loss"), parityRel)
			for i, name := range parityWeightNames {
				checkParity(t, "grad/"+name, r.grads[i], fx.tensor(t, "grad/"+name), parityRel)
			}
			for i, name := range parityWeightNames {
				checkParity(t, "step1/"+name, *ptrs[i], fx.tensor(t, "step1/"+name), parityStepRel)
			}
		})
	}
}

// optionName returns the option part of a fixture file name.
func optionName(file string) string {
	return strings.TrimSuffix(strings.TrimPrefix(file, "parity_"), ".safetensors")
}
