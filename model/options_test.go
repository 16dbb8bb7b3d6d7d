package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"embedlab/corpus"
)

// eventRecorder is recorder with the events; nanAfterEpoch, when > 0, puts
// a NaN into the model's embedding after that epoch to force divergence.
type eventRecorder struct {
	recorder
	events        []Event
	m             *Model
	nanAfterEpoch int
}

func (r *eventRecorder) Event(e Event) { r.events = append(r.events, e) }
func (r *eventRecorder) Epoch(e EpochStats) {
	r.recorder.Epoch(e)
	if r.nanAfterEpoch > 0 && e.Epoch == r.nanAfterEpoch {
		for i := range r.m.Embedding {
			r.m.Embedding[i] = float32(math.NaN())
		}
	}
}

// markerSet returns n samples of classes classes: sample i has class
// i mod classes drawn at random, two marker words of its class (ids
// 2+4c..5+4c) and neutral words 40–59, with front padding.
func markerSet(n, classes, maxLen int, seed uint64) *Dataset {
	rng := rand.New(rand.NewPCG(seed, seed))
	d := &Dataset{X: make([]int32, n*maxLen), Y: make([]float32, n), MaxLen: maxLen}
	for i := range n {
		c := rng.IntN(classes)
		d.Y[i] = float32(c)
		row := d.X[i*maxLen : (i+1)*maxLen]
		length := 3 + rng.IntN(maxLen-2)
		for s := maxLen - length; s < maxLen; s++ {
			row[s] = int32(40 + rng.IntN(20))
		}
		for range 2 {
			row[maxLen-length+rng.IntN(length)] = int32(2 + 4*c + rng.IntN(4))
		}
	}
	return d
}

// headModel returns a fresh model of cfg with head over classes classes.
func headModel(cfg Config, head string, classes int) *Model {
	cfg.Head = head
	o := 1
	if head != HeadBinary {
		o = classes
	}
	m := newWeightsOut(cfg, o, newRand(cfg.Seed, 0))
	for c := range classes {
		m.Classes = append(m.Classes, string(rune('a'+c)))
	}
	return m
}

func TestMultiClassLearnsSynthetic(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 6
	all := markerSet(600, 4, cfg.MaxLen, 7)
	train, val := split(all, "", 0.25, newRand(cfg.Seed, splitStream))
	m := headModel(cfg, HeadSoftmax, 4)
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	last := m.History[len(m.History)-1]
	// Chance is 0.25; the markers identify the class.
	if last.ValAccuracy < 0.8 {
		t.Errorf("validation accuracy = %.3f, want at least 0.8", last.ValAccuracy)
	}
	per := last.Classes()
	if len(per) != 4 || per[2].Class != "c" {
		t.Fatalf("per-class metrics = %+v, want 4 classes named a to d", per)
	}
	support := 0
	for _, c := range per {
		support += c.Support
		if c.Recall < 0.5 || c.Precision < 0.5 {
			t.Errorf("class %s: precision %.2f, recall %.2f, want both at least 0.5", c.Class, c.Precision, c.Recall)
		}
	}
	if support != val.Len() {
		t.Errorf("supports add up to %d, want the %d validation samples", support, val.Len())
	}

	probs := m.PredictProba(val.X[:3*cfg.MaxLen])
	for i, p := range probs {
		var sum float64
		for _, v := range p {
			sum += float64(v)
		}
		if len(p) != 4 || math.Abs(sum-1) > 1e-5 {
			t.Errorf("sample %d: probabilities %v, want 4 summing to 1", i, p)
		}
	}
}

func TestMultiLabelLearnsSynthetic(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 8
	// Each sample carries the markers of one or two of three classes.
	const classes = 3
	rng := rand.New(rand.NewPCG(9, 9))
	n := 600
	all := &Dataset{X: make([]int32, n*cfg.MaxLen), Y: make([]float32, n), MaxLen: cfg.MaxLen, Targets: make([]float32, n*classes)}
	for i := range n {
		row := all.X[i*cfg.MaxLen : (i+1)*cfg.MaxLen]
		for s := range row {
			row[s] = int32(40 + rng.IntN(20))
		}
		first := rng.IntN(classes)
		labels := []int{first}
		if rng.IntN(2) == 0 {
			labels = append(labels, (first+1+rng.IntN(classes-1))%classes)
		}
		all.Y[i] = float32(first)
		for _, c := range labels {
			all.Targets[i*classes+c] = 1
			row[rng.IntN(cfg.MaxLen)] = int32(2 + 4*c + rng.IntN(4))
		}
	}
	train, val := split(all, "", 0.25, newRand(cfg.Seed, splitStream))
	m := headModel(cfg, HeadMultiLabel, classes)
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	last := m.History[len(m.History)-1]
	// Each class is present in half the samples, so predicting all zeros
	// scores about 0.5 of the label slots; the markers allow far more.
	if last.ValAccuracy < 0.85 {
		t.Errorf("validation binary accuracy = %.3f, want at least 0.85", last.ValAccuracy)
	}
	if per := last.Classes(); len(per) != classes {
		t.Errorf("per-class metrics = %+v, want %d classes", per, classes)
	}
	p := m.PredictProba(val.X[:cfg.MaxLen])
	if len(p) != 1 || len(p[0]) != classes {
		t.Errorf("PredictProba = %v, want one row of %d probabilities", p, classes)
	}
}

func TestPrepareChoosesHead(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Dim, cfg.Units, cfg.MaxLen, cfg.NumWords, cfg.ValSplit = 4, 4, 5, 50, 0
	cfg.Validation = "last" // keeps corpus order
	three := &corpus.Corpus{Name: "three", Classes: []string{"a", "b", "c"}}
	for i := range 9 {
		l := three.Classes[i%3]
		three.Docs = append(three.Docs, corpus.Document{Text: "word " + l, Label: l})
	}
	m, train, _, err := Prepare(three, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if m.Config.Head != HeadSoftmax || len(m.DenseB) != 3 || len(m.DenseW) != 3*cfg.Units {
		t.Errorf("head %q with %d biases, %d kernel values; want softmax, 3, %d", m.Config.Head, len(m.DenseB), len(m.DenseW), 3*cfg.Units)
	}
	if !slices.Equal(train.Y, []float32{0, 1, 2, 0, 1, 2, 0, 1, 2}) {
		t.Errorf("labels = %v, want the class indices in corpus order", train.Y)
	}

	// As the corpus readers build it, Classes holds the first labels only.
	multi := &corpus.Corpus{Name: "multi", Classes: []string{"a", "b"}, Info: corpus.Info{MultiLabel: true},
		Docs: []corpus.Document{
			{Text: "x y", Label: "a", Labels: []string{"a", "c"}},
			{Text: "y z", Label: "b"},
		}}
	m, train, _, err = Prepare(multi, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if m.Config.Head != HeadMultiLabel || !slices.Equal(train.Targets, []float32{1, 0, 1, 0, 1, 0}) {
		t.Errorf("head %q, targets %v; want multilabel, [1 0 1 0 1 0]", m.Config.Head, train.Targets)
	}
	if !slices.Equal(m.Classes, []string{"a", "b", "c"}) || len(m.DenseB) != 3 {
		t.Errorf("classes %v with %d outputs, want a, b, c and 3", m.Classes, len(m.DenseB))
	}
	cfg.ClassWeight = "balanced"
	if _, _, _, err := Prepare(multi, cfg); err == nil || !strings.Contains(err.Error(), "multi-label") {
		t.Errorf("Prepare with balanced weights on a multi-label corpus = %v, want an error", err)
	}
}

func TestClassWeightsBalanced(t *testing.T) {
	// Expected values from n/(C·count): 10/(3·6), 10/(3·2), 10/(3·2).
	d := &Dataset{Y: []float32{0, 0, 0, 0, 0, 0, 1, 1, 2, 2}}
	got := ClassWeights("balanced", d, 3)
	want := []float64{10.0 / 18, 10.0 / 6, 10.0 / 6}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("weight of class %d = %g, want %g", i, got[i], want[i])
		}
	}
	if w := ClassWeights("none", d, 3); w != nil {
		t.Errorf("none = %v, want nil", w)
	}
	if w := ClassWeights("balanced", d, 4); w[3] != 0 {
		t.Errorf("weight of a class without samples = %g, want 0", w[3])
	}
	acc, class := MajorityBaseline(d)
	if acc != 0.6 || class != 0 {
		t.Errorf("MajorityBaseline = %g, %d; want 0.6, 0", acc, class)
	}
}

// ambiguousSet returns n samples where 15% are class 1. One signal word
// per sample is from set A (ids 2–5) with probability 0.7 for class 1 and
// 0.3 for class 0. Since P(1 | A) = 0.15·0.7 / (0.15·0.7 + 0.85·0.3) ≈ 0.29,
// an unweighted model predicts class 0 almost always, while balanced
// weights make A favour class 1.
func ambiguousSet(n, maxLen int, seed uint64) *Dataset {
	rng := rand.New(rand.NewPCG(seed, seed))
	d := &Dataset{X: make([]int32, n*maxLen), Y: make([]float32, n), MaxLen: maxLen}
	for i := range n {
		c := 0
		if rng.Float64() < 0.15 {
			c = 1
		}
		d.Y[i] = float32(c)
		row := d.X[i*maxLen : (i+1)*maxLen]
		for s := range row {
			row[s] = int32(40 + rng.IntN(20))
		}
		pA := 0.3
		if c == 1 {
			pA = 0.7
		}
		word := 6 + rng.IntN(4) // set B
		if rng.Float64() < pA {
			word = 2 + rng.IntN(4)
		}
		row[rng.IntN(maxLen)] = int32(word)
	}
	return d
}

func TestBalancedWeightsRaiseMinorityRecall(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 6
	all := ambiguousSet(1200, cfg.MaxLen, 3)
	recall := func(weight string) float64 {
		c := cfg
		c.ClassWeight = weight
		c.Validation = "stratified"
		train, val := split(all, c.Validation, 0.25, newRand(c.Seed, splitStream))
		m := headModel(c, HeadBinary, 2)
		if err := m.Fit(context.Background(), train, val, nil); err != nil {
			t.Fatal(err)
		}
		per := m.History[len(m.History)-1].Classes()
		t.Logf("%s: %+v", weight, per)
		return per[1].Recall
	}
	plain, balanced := recall("none"), recall("balanced")
	if !(balanced > plain+0.2) {
		t.Errorf("minority recall: balanced %.3f, unweighted %.3f; want balanced above unweighted by 0.2", balanced, plain)
	}
}

func TestValidationModes(t *testing.T) {
	// Sample i has every word id equal to i; 12 of class 0, 4 of class 1.
	n, maxLen := 16, 2
	all := &Dataset{X: make([]int32, n*maxLen), Y: make([]float32, n), MaxLen: maxLen}
	for i := range n {
		all.X[i*maxLen], all.X[i*maxLen+1] = int32(i), int32(i)
		if i%4 == 3 {
			all.Y[i] = 1
		}
	}
	ids := func(d *Dataset) []int32 {
		var out []int32
		for i := range d.Len() {
			out = append(out, d.X[i*maxLen])
		}
		return out
	}

	t.Run("last", func(t *testing.T) {
		train, val := split(all, "last", 0.25, newRand(1, splitStream))
		// int(16·0.75) = 12 training samples, in file order.
		if got := ids(train); !slices.Equal(got, []int32{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}) {
			t.Errorf("training ids = %v, want 0 to 11", got)
		}
		if got := ids(val); !slices.Equal(got, []int32{12, 13, 14, 15}) {
			t.Errorf("validation ids = %v, want 12 to 15", got)
		}
	})
	t.Run("stratified", func(t *testing.T) {
		train, val := split(all, "stratified", 0.25, newRand(1, splitStream))
		// round(12·0.25) = 3 of class 0 and round(4·0.25) = 1 of class 1.
		count := func(d *Dataset, c float32) int {
			k := 0
			for _, y := range d.Y {
				if y == c {
					k++
				}
			}
			return k
		}
		if count(val, 0) != 3 || count(val, 1) != 1 || count(train, 0) != 9 || count(train, 1) != 3 {
			t.Errorf("validation classes %v, training %v; want 3+1 and 9+3", val.Y, train.Y)
		}
		seen := map[int32]bool{}
		for _, id := range append(ids(train), ids(val)...) {
			seen[id] = true
		}
		if len(seen) != n {
			t.Errorf("%d distinct samples in the two sets, want %d", len(seen), n)
		}
		_, again := split(all, "stratified", 0.25, newRand(1, splitStream))
		_, other := split(all, "stratified", 0.25, newRand(2, splitStream))
		if !slices.Equal(ids(val), ids(again)) {
			t.Error("the same seed gives different stratified splits")
		}
		if slices.Equal(ids(val), ids(other)) {
			t.Error("seeds 1 and 2 give the same stratified split")
		}
	})
	t.Run("shuffled is the classic split", func(t *testing.T) {
		train, val := split(all, "shuffled", 0.25, newRand(1, splitStream))
		wantTrain, wantVal := splitShuffled(all.X, all.Y, maxLen, 0.25, newRand(1, splitStream))
		if !slices.Equal(ids(train), ids(wantTrain)) || !slices.Equal(ids(val), ids(wantVal)) {
			t.Error("shuffled split differs from splitShuffled")
		}
	})
}

// divergingSets returns training data and a validation set with the
// opposite labels, so that the validation loss rises once the model
// learns the training set.
func divergingSets(cfg Config) (train, val *Dataset) {
	x, y := synthetic(240, cfg.MaxLen, 42)
	train = &Dataset{X: x[:160*cfg.MaxLen], Y: y[:160], MaxLen: cfg.MaxLen}
	val = &Dataset{X: x[160*cfg.MaxLen:], Y: slices.Clone(y[160:]), MaxLen: cfg.MaxLen}
	for i := range val.Y {
		val.Y[i] = 1 - val.Y[i]
	}
	return train, val
}

func TestEarlyStoppingRestoresBestWeights(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs, cfg.Patience = 10, 2
	train, val := divergingSets(cfg)
	m := headModel(cfg, HeadBinary, 2)
	rec := &eventRecorder{}
	if err := m.Fit(context.Background(), train, val, rec); err != nil {
		t.Fatal(err)
	}
	best := 0
	for i, h := range m.History {
		if h.ValLoss < m.History[best].ValLoss {
			best = i
		}
	}
	t.Logf("val losses: %v", valLosses(m.History))
	// Keras stops when patience epochs in a row bring no improvement.
	if len(m.History) != best+1+cfg.Patience {
		t.Fatalf("ran %d epochs with the best at epoch %d, want %d", len(m.History), best+1, best+1+cfg.Patience)
	}
	if len(rec.events) != 1 || rec.events[0].Kind != EventEarlyStop || !strings.Contains(rec.events[0].Message, "restored the weights of epoch") {
		t.Errorf("events = %+v, want one early stop", rec.events)
	}
	if ev := m.History[len(m.History)-1].EventList(); len(ev) != 1 || ev[0].Kind != EventEarlyStop {
		t.Errorf("last epoch's events = %+v, want the early stop", ev)
	}

	// The same run without early stopping, cut at the best epoch, has the
	// weights that must have been restored.
	ref := cfg
	ref.Patience, ref.Epochs = 0, best+1
	want := headModel(ref, HeadBinary, 2)
	if err := want.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	for i, p := range m.params() {
		if !slices.Equal(p, want.params()[i]) {
			t.Errorf("%s differs from the weights after epoch %d", tensorNames[i], best+1)
		}
	}
}

func valLosses(h []EpochStats) []float64 {
	var out []float64
	for _, e := range h {
		out = append(out, e.ValLoss)
	}
	return out
}

func TestScheduleLearningRates(t *testing.T) {
	t.Run("step", func(t *testing.T) {
		cfg := syntheticConfig()
		cfg.Epochs, cfg.Schedule, cfg.LRFactor, cfg.LRStepEpochs = 5, "step", 0.5, 2
		m, train, val := syntheticModel(cfg, 64)
		rec := &eventRecorder{}
		if err := m.Fit(context.Background(), train, val, rec); err != nil {
			t.Fatal(err)
		}
		want := []float64{0.01, 0.01, 0.005, 0.005, 0.0025}
		for i, h := range m.History {
			if math.Abs(h.LR-want[i]) > 1e-15 {
				t.Errorf("epoch %d: lr = %g, want %g", i+1, h.LR, want[i])
			}
		}
		if len(rec.events) != 2 || rec.events[0].Epoch != 2 || rec.events[0].Kind != EventLR {
			t.Errorf("events = %+v, want lr events after epochs 2 and 4", rec.events)
		}
	})
	t.Run("step ends at the last epoch", func(t *testing.T) {
		// The rate for epoch 5 of a 4-epoch run is not announced.
		cfg := syntheticConfig()
		cfg.Epochs, cfg.Schedule, cfg.LRFactor, cfg.LRStepEpochs = 4, "step", 0.5, 2
		m, train, val := syntheticModel(cfg, 64)
		rec := &eventRecorder{}
		if err := m.Fit(context.Background(), train, val, rec); err != nil {
			t.Fatal(err)
		}
		if len(rec.events) != 1 || !strings.Contains(rec.events[0].Message, "for epoch 3") {
			t.Errorf("events = %+v, want only the lr event for epoch 3", rec.events)
		}
	})
	t.Run("plateau", func(t *testing.T) {
		cfg := syntheticConfig()
		cfg.Epochs, cfg.Schedule, cfg.LRFactor, cfg.LRPatience, cfg.MinLR = 6, "plateau", 0.5, 1, 0.003
		train, val := divergingSets(cfg)
		m := headModel(cfg, HeadBinary, 2)
		if err := m.Fit(context.Background(), train, val, nil); err != nil {
			t.Fatal(err)
		}
		// Keras' rule, applied to the recorded validation losses: after
		// patience epochs without a drop of more than 1e-4, multiply by
		// the factor, not below min_lr.
		lr, best, wait := cfg.LR, math.Inf(1), 0
		for i, h := range m.History {
			if h.LR != lr {
				t.Errorf("epoch %d: lr = %g, want %g", i+1, h.LR, lr)
			}
			if h.ValLoss < best-1e-4 {
				best, wait = h.ValLoss, 0
			} else if wait++; wait >= cfg.LRPatience && lr > cfg.MinLR {
				lr, wait = max(lr*cfg.LRFactor, cfg.MinLR), 0
			}
		}
		if last := m.History[len(m.History)-1].LR; last >= cfg.LR {
			t.Errorf("lr never fell: last %g; val losses %v", last, valLosses(m.History))
		}
	})
	t.Run("plateau needs validation", func(t *testing.T) {
		cfg := syntheticConfig()
		cfg.Schedule, cfg.ValSplit = "plateau", 0
		m, train, val := syntheticModel(cfg, 40)
		if err := m.Fit(context.Background(), train, val, nil); err == nil || !strings.Contains(err.Error(), "no validation set") {
			t.Errorf("Fit = %v, want an error about the missing validation set", err)
		}
	})
}

func TestNeedsValidation(t *testing.T) {
	tests := []struct {
		name      string
		patience  int
		schedule  string
		want, not string // want is "" for no error; not must be absent from the error
	}{
		{"neither", 0, "step", "", ""},
		{"patience", 2, "", "early stopping (patience 2) watches the validation loss", "plateau"},
		{"plateau", 0, "plateau", "the plateau schedule watches the validation loss", "patience"},
		{"both", 2, "plateau", "early stopping (patience) and the plateau schedule", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Patience, cfg.Schedule = tc.patience, tc.schedule
			err := needsValidation(cfg)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("needsValidation = %v, want nil", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("needsValidation = %v, want an error containing %q", err, tc.want)
			case tc.not != "" && err != nil && strings.Contains(err.Error(), tc.not):
				t.Errorf("needsValidation = %v, which mentions %q that is not set", err, tc.not)
			}
		})
	}
}

func TestCallbackMessagesCountEpochs(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Patience, cfg.Schedule, cfg.LRPatience = 1, "plateau", 1
	m := headModel(cfg, HeadBinary, 2)
	c := newCallbacks(cfg)
	c.epochEnd(m, 1, 0.5)
	events, stop := c.epochEnd(m, 2, 0.6)
	if !stop || len(events) != 2 {
		t.Fatalf("epochEnd = %+v, %v; want a rate change and an early stop", events, stop)
	}
	for _, e := range events {
		if !strings.Contains(e.Message, "for 1 epoch") || strings.Contains(e.Message, "1 epochs") {
			t.Errorf("message %q, want \"for 1 epoch\"", e.Message)
		}
	}
}

func TestClipNormBoundsGradient(t *testing.T) {
	for _, clip := range []float64{0, 1e-3} {
		cfg := syntheticConfig()
		cfg.ClipNorm = clip
		m, train, _ := syntheticModel(cfg, 32)
		m.opt = newAdam(cfg.LR)
		m.startShuffle()
		r := newRun(m, cfg.Batch)
		idx := []int{0, 1, 2, 3, 4, 5, 6, 7}
		if _, _, reason := r.step(train, idx); reason.String() != "" {
			t.Fatal(reason)
		}
		norm := math.Sqrt(sumSquares(r.grads))
		switch {
		case clip == 0 && norm <= 1e-3:
			t.Fatalf("unclipped gradient norm %g is already below 1e-3, so the test tests nothing", norm)
		case clip > 0 && norm > clip*(1+1e-5):
			t.Errorf("gradient norm after clipping = %g, want at most %g", norm, clip)
		case clip > 0 && norm < clip*(1-1e-5):
			t.Errorf("gradient norm after clipping = %g, want %g (rescaled, not zeroed)", norm, clip)
		}
	}
}

func TestDivergenceGuard(t *testing.T) {
	cfg := syntheticConfig()
	m, train, val := syntheticModel(cfg, 64)
	rec := &eventRecorder{m: m, nanAfterEpoch: 1}
	err := m.Fit(context.Background(), train, val, rec)
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "loss became NaN at epoch 2 batch 1; lower the learning rate") {
		t.Fatalf("Fit = %v, want ErrDiverged naming epoch 2 batch 1", err)
	}
	if len(m.History) != 1 {
		t.Errorf("history has %d epochs, want only the finished first", len(m.History))
	}
	if len(rec.events) != 1 || rec.events[0].Kind != EventDiverged || rec.events[0].Epoch != 2 || rec.events[0].Batch != 1 {
		t.Errorf("events = %+v, want one divergence at epoch 2 batch 1", rec.events)
	}
	if m.opt.step != len(rec.batches) {
		t.Errorf("Adam took %d steps for %d reported batches, want no step for the diverged batch", m.opt.step, len(rec.batches))
	}

	// An infinite weight makes the first batch diverge; no weight may
	// change.
	m2, train2, _ := syntheticModel(cfg, 64)
	m2.Kernel[0] = float32(math.Inf(1))
	before := slices.Clone(m2.Recurrent)
	err = m2.Fit(context.Background(), train2, nil, nil)
	if !errors.Is(err, ErrDiverged) || !strings.Contains(err.Error(), "epoch 1 batch 1") {
		t.Fatalf("Fit with an infinite weight = %v, want ErrDiverged at epoch 1 batch 1", err)
	}
	if !slices.Equal(before, m2.Recurrent) {
		t.Error("the recurrent weights changed although the first batch diverged")
	}
}

func TestDropout(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 2
	fit := func(dropout float64) *Model {
		c := cfg
		c.Dropout = dropout
		m, train, val := syntheticModel(c, 200)
		if err := m.Fit(context.Background(), train, val, nil); err != nil {
			t.Fatal(err)
		}
		return m
	}
	a, b, plain := fit(0.3), fit(0.3), fit(0)
	if !slices.Equal(a.DenseW, b.DenseW) || a.History[1].Loss != b.History[1].Loss {
		t.Error("two dropout runs with the same seed differ")
	}
	if slices.Equal(a.DenseW, plain.DenseW) {
		t.Error("dropout 0.3 trains the same weights as no dropout")
	}

	// Evaluation ignores dropout: the same weights predict the same with
	// or without a dropout rate in the config.
	x, _ := synthetic(5, cfg.MaxLen, 1)
	p := a.Predict(x)
	a.Config.Dropout = 0
	if q := a.Predict(x); !slices.Equal(p, q) {
		t.Errorf("Predict with dropout %v, without %v; want equal", p, q)
	}
}

func TestValidateOptions(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string
	}{
		{"class weight", func(c *Config) { c.ClassWeight = "equal" }, `class weight "equal" is not known; use none, balanced`},
		{"validation", func(c *Config) { c.Validation = "first" }, `validation "first" is not known; use shuffled, last, stratified`},
		{"schedule", func(c *Config) { c.Schedule = "cosine" }, `schedule "cosine" is not known`},
		{"head", func(c *Config) { c.Head = "tanh" }, `output head "tanh" is not known`},
		{"patience", func(c *Config) { c.Patience = -1 }, "patience -1 is out of range"},
		{"lr factor", func(c *Config) { c.LRFactor = 1 }, "lr factor 1 is out of range"},
		{"lr factor NaN", func(c *Config) { c.LRFactor = math.NaN() }, "lr factor NaN"},
		{"min lr", func(c *Config) { c.Schedule, c.MinLR = "plateau", 0.01 }, "min lr 0.01 is above the learning rate 0.001, where the plateau schedule starts; use 0 to 0.001"},
		{"min lr negative", func(c *Config) { c.MinLR = -1 }, "min lr -1 is out of range"},
		{"clip", func(c *Config) { c.ClipNorm = -1 }, "clip norm -1 is out of range"},
		{"dropout", func(c *Config) { c.Dropout = 0.95 }, "dropout 0.95 is out of range; use 0 to 0.9"},
		{"step epochs", func(c *Config) { c.LRStepEpochs = -2 }, "lr step epochs -2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tc.edit(&cfg)
			if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Validate = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
	cfg := DefaultConfig()
	cfg.ClassWeight, cfg.Validation, cfg.Schedule, cfg.Patience = "balanced", "stratified", "plateau", 3
	cfg.LRFactor, cfg.LRPatience, cfg.MinLR, cfg.ClipNorm, cfg.Dropout = 0.2, 2, 1e-5, 1, 0.5
	if err := cfg.Validate(); err != nil {
		t.Errorf("Validate of valid options = %v", err)
	}
}

func TestEpochStatsJSONKeepsKeys(t *testing.T) {
	// Without the new fields the JSON has exactly the keys of earlier
	// versions.
	b, err := json.Marshal(EpochStats{Epoch: 1, Loss: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := []string{"accuracy", "epoch", "loss", "samples_per_s", "seconds", "val_accuracy", "val_loss"}
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, want) {
		t.Errorf("keys = %v, want %v", keys, want)
	}
}

func TestWithValidationCorpus(t *testing.T) {
	train := &corpus.Corpus{Name: "t", Classes: []string{"neg", "pos"}, Docs: []corpus.Document{
		{Text: "good", Label: "pos"}, {Text: "bad", Label: "neg"}}}
	// As a CSV reader leaves it: "neg" and "pos" normalised.
	val := &corpus.Corpus{Name: "v", Classes: []string{"negative", "positive"},
		Info: corpus.Info{LabelMap: map[string]string{"neg": "negative", "pos": "positive"}},
		Docs: []corpus.Document{{Text: "fine", Label: "positive"}, {Text: "dull", Label: "negative"}}}
	got, err := WithValidationCorpus(train, val)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Docs) != 4 || got.Docs[2].Split != "validation" || got.Docs[2].Label != "pos" || got.Docs[3].Label != "neg" {
		t.Errorf("docs = %+v, want the two validation documents appended with split validation and labels pos, neg", got.Docs)
	}
	if len(train.Docs) != 2 || val.Docs[0].Label != "positive" {
		t.Error("WithValidationCorpus changed its arguments")
	}

	other := &corpus.Corpus{Name: "o", Classes: []string{"maybe"}, Docs: []corpus.Document{{Text: "x", Label: "maybe"}}}
	if _, err := WithValidationCorpus(train, other); err == nil || !strings.Contains(err.Error(), `has the class "maybe", which the training corpus lacks`) {
		t.Errorf("unknown class = %v, want an error naming it", err)
	}
}

func TestClassesMissingFromValidation(t *testing.T) {
	m := headModel(syntheticConfig(), HeadSoftmax, 3) // classes a, b, c
	multi := headModel(syntheticConfig(), HeadMultiLabel, 3)
	tests := []struct {
		name       string
		m          *Model
		train, val *Dataset
		want       []string
	}{
		{"all present", m, &Dataset{Y: []float32{0, 1, 2}}, &Dataset{Y: []float32{2, 1, 0}}, nil},
		{"one class", m, &Dataset{Y: []float32{0, 1, 2}}, &Dataset{Y: []float32{2, 2}}, []string{"a", "b"}},
		{"absent from both", m, &Dataset{Y: []float32{0, 1}}, &Dataset{Y: []float32{0, 1}}, nil},
		{"empty validation", m, &Dataset{Y: []float32{0, 1, 2}}, &Dataset{}, nil},
		{"multi-label", multi, &Dataset{Y: []float32{0, 0}, Targets: []float32{1, 1, 0, 0, 0, 1}},
			&Dataset{Y: []float32{0}, Targets: []float32{1, 0, 0}}, []string{"b", "c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, d := range []*Dataset{tc.train, tc.val} {
				d.MaxLen = 1
				d.X = make([]int32, len(d.Y))
			}
			if got := ClassesMissingFromValidation(tc.m, tc.train, tc.val); !slices.Equal(got, tc.want) {
				t.Errorf("ClassesMissingFromValidation = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestValidationCorpusKeepsHead checks that the output head follows the
// training corpus: a multi-label validation file is rejected for a
// single-label training corpus, and accepted for a multi-label one.
func TestValidationCorpusKeepsHead(t *testing.T) {
	single := &corpus.Corpus{Name: "topics.csv", Classes: []string{"a", "b"}, Docs: []corpus.Document{
		{Text: "alpha one", Label: "a"}, {Text: "beta two", Label: "b"}, {Text: "alpha three", Label: "a"}, {Text: "beta four", Label: "b"}}}
	multiVal := &corpus.Corpus{Name: "ml.txt", Classes: []string{"a", "b"}, Info: corpus.Info{MultiLabel: true},
		Docs: []corpus.Document{
			{Text: "alpha", Label: "a", Source: "ml.txt", Line: 1},
			{Text: "alpha beta", Label: "a", Labels: []string{"a", "b"}, Source: "ml.txt", Line: 2}}}

	_, err := WithValidationCorpus(single, multiVal)
	if err == nil {
		t.Fatal("a multi-label validation corpus for a single-label training corpus was accepted")
	}
	for _, want := range []string{`"ml.txt" is multi-label`, "line 2", `"topics.csv" has one label per document`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}

	singleVal := &corpus.Corpus{Name: "v.csv", Classes: []string{"a", "b"}, Docs: []corpus.Document{
		{Text: "alpha", Label: "a"}, {Text: "beta", Label: "b"}}}
	merged, err := WithValidationCorpus(single, singleVal)
	if err != nil {
		t.Fatal(err)
	}
	cfg := DefaultConfig()
	cfg.NumWords, cfg.Dim, cfg.Units, cfg.MaxLen = 20, 4, 4, 4
	m, _, _, err := Prepare(merged, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if m.Config.Head != HeadBinary {
		t.Errorf("head = %q, want %q from the two-class training corpus", m.Config.Head, HeadBinary)
	}

	multiTrain := *multiVal
	multiTrain.Name = "train.txt"
	merged, err = WithValidationCorpus(&multiTrain, multiVal)
	if err != nil {
		t.Fatalf("multi-label validation for a multi-label training corpus: %v", err)
	}
	if !merged.MultiLabel {
		t.Error("merged corpus lost the training corpus's multi-label flag")
	}
}

// TestUCIMultiClassAndMultiLabel trains small models on the 3,000 UCI
// sentiment sentences: three classes by source (amazon, imdb, yelp), and
// a fastText file written from them with two labels per line (source and
// sentiment). Each must beat its majority baseline clearly and report
// per-class metrics. A 32-unit model reaches about 0.87 validation
// accuracy by source in 4 epochs, so 0.7 leaves room.
func TestUCIMultiClassAndMultiLabel(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on 3,000 sentences twice")
	}
	path := filepath.Join(datasetsDir(), "uci_sentiment_sentences", "sentiment_sentences_combined.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("UCI sentences not available: %v", err)
	}
	cfg := DefaultConfig()
	cfg.NumWords, cfg.Dim, cfg.Units, cfg.MaxLen, cfg.Epochs, cfg.Validation = 3000, 32, 32, 30, 4, "stratified"

	bySource, err := corpus.LoadWith(context.Background(), corpus.Options{LabelColumn: "source"}, path)
	if err != nil {
		t.Fatal(err)
	}
	var fastText strings.Builder
	sentiment, err := corpus.LoadWith(context.Background(), corpus.Options{LabelColumn: "label"}, path)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range bySource.Docs {
		fmt.Fprintf(&fastText, "__label__%s __label__%s %s\n", d.Label, sentiment.Docs[i].Label, strings.ReplaceAll(d.Text, "\n", " "))
	}
	ftPath := filepath.Join(t.TempDir(), "uci.txt")
	if err := os.WriteFile(ftPath, []byte(fastText.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	multi, err := corpus.LoadWith(context.Background(), corpus.Options{Format: corpus.FormatFastText}, ftPath)
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		c        *corpus.Corpus
		head     string
		classes  int
		minValAc float64
	}{
		{"three sources", bySource, HeadSoftmax, 3, 0.7},
		// Predicting no label scores 0.6 of the 5 slots (3 of 5 are 0).
		{"source and sentiment labels", multi, HeadMultiLabel, 5, 0.75},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, train, val, err := Prepare(tc.c, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if m.Config.Head != tc.head || len(m.Classes) != tc.classes {
				t.Fatalf("head %q with classes %v, want %q with %d", m.Config.Head, m.Classes, tc.head, tc.classes)
			}
			if err := m.Fit(context.Background(), train, val, nil); err != nil {
				t.Fatal(err)
			}
			last := m.History[len(m.History)-1]
			t.Logf("val accuracy %.4f, per class %+v", last.ValAccuracy, last.Classes())
			if last.ValAccuracy < tc.minValAc {
				t.Errorf("validation accuracy = %.4f, want at least %.2f", last.ValAccuracy, tc.minValAc)
			}
			if len(last.Classes()) != tc.classes {
				t.Errorf("%d per-class entries, want %d", len(last.Classes()), tc.classes)
			}
		})
	}
}

func TestGradsFiniteFindsNaN(t *testing.T) {
	cfg := syntheticConfig()
	m, train, _ := syntheticModel(cfg, 32)
	m.opt = newAdam(cfg.LR)
	m.startShuffle()
	r := newRun(m, cfg.Batch)
	if _, _, reason := r.step(train, []int{0, 1, 2}); reason.String() != "" {
		t.Fatal(reason)
	}
	if !r.gradsFinite() {
		t.Fatal("gradients of a normal batch reported as not finite")
	}
	r.g.Recurrent[3] = float32(math.NaN())
	if r.gradsFinite() {
		t.Error("a NaN in the recurrent gradient was not found")
	}
	r.g.Recurrent[3] = 0
	row := int(r.w.touched[0])
	r.g.Embedding[row*cfg.Dim+1] = float32(math.Inf(-1))
	if r.gradsFinite() {
		t.Errorf("an infinite value in embedding row %d, which the batch uses, was not found", row)
	}
}
