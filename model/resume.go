package model

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"embedlab/corpus"
	"embedlab/internal/usermsg"
)

// startShuffle creates the batch-order generator from Config.Seed, keeping
// its PCG source so that Save can store the generator's state.
func (m *Model) startShuffle() {
	m.shuffleSrc = rand.NewPCG(m.Config.Seed, m.Config.Seed^shuffleStream)
	m.shuffle = rand.New(m.shuffleSrc)
}

// HasTrainingState reports whether m carries the optimiser state and the
// batch-order generator of an earlier Fit, either from that Fit or from a
// file written after it. Without them, the next Fit starts Adam afresh
// and shuffles as the first epoch of a new run did, so a resumed run differs
// from an uninterrupted one.
func (m *Model) HasTrainingState() bool { return m.opt != nil && m.shuffleSrc != nil }

// PrepareResume splits c as Prepare did when m was created, so that Fit can
// continue training m. It runs Prepare again with m's config and checks
// that the tokenizer it fits equals m's: the same corpus with the same
// seed then gives the same training and validation sets. It returns an
// error naming the difference when c is not the corpus m was trained on.
//
// When early stopping ended m's last run (EarlyStop), PrepareResume also
// starts early stopping afresh: it resets the best validation loss, its
// epoch, the saved best weights and the wait, as a second Keras fit() with
// a new EarlyStopping callback does. Continuing such a run is a request for
// more epochs, and the old best would otherwise stop it again after
// Patience epochs. The plateau schedule keeps its state, and a run that
// was interrupted rather than stopped early keeps all of it.
func PrepareResume(m *Model, c *corpus.Corpus) (train, val *Dataset, err error) {
	if m == nil || m.Tokenizer == nil {
		return nil, nil, usermsg.Errorf("model: the model has no tokenizer; load a model written by 'embedlab train --out'")
	}
	fresh, train, val, err := Prepare(c, m.Config)
	if err != nil {
		return nil, nil, err
	}
	if !slices.Equal(fresh.Classes, m.Classes) {
		return nil, nil, usermsg.Errorf("model: corpus %q has the classes %v but the model was trained on %v; give the corpus the model was trained on", c.Name, fresh.Classes, m.Classes)
	}
	if why := tokenizerDifference(fresh.Tokenizer, m.Tokenizer); why.String() != "" {
		return nil, nil, usermsg.Errorf("model: corpus %q is not the corpus the model was trained on (%v); give the same files and options as the first run", c.Name, why)
	}
	if _, _, stopped := m.EarlyStop(); stopped && m.cb != nil {
		m.cb.Best, m.cb.BestEpoch, m.cb.Wait, m.cb.best = math.Inf(1), 0, 0, nil
	}
	return train, val, nil
}

// SetLearningRate sets the learning rate that Fit uses from the next epoch
// on, for continuing a run at another rate, as a Keras user assigns
// optimizer.learning_rate between fit() calls. It sets Config.LR, which
// the constant schedule uses as it is and the step schedule as the rate
// it reduces, and the plateau schedule's current rate. It returns the
// rate of the next epoch before and after the change, and an error when
// lr is out of range or below the plateau schedule's MinLR, leaving m
// unchanged.
func (m *Model) SetLearningRate(lr float64) (before, after float64, err error) {
	cfg := m.Config
	cfg.LR = lr
	if err := cfg.Validate(); err != nil {
		return 0, 0, err
	}
	before = m.nextLearningRate()
	m.Config.LR = lr
	if m.cb != nil {
		m.cb.LR = lr
	}
	return before, m.nextLearningRate(), nil
}

// nextLearningRate returns the rate that Fit uses for the next epoch.
func (m *Model) nextLearningRate() float64 {
	if m.cb == nil {
		return newCallbacks(m.Config).learningRate(m.Config, len(m.History))
	}
	return m.cb.learningRate(m.Config, len(m.History))
}

// EarlyStop reports whether early stopping ended the last run of m, with
// the epoch after which it stopped and the epoch whose weights it restored
// and m now holds. restored is 0 when the file keeps no early-stopping
// state, so the restored epoch is unknown.
func (m *Model) EarlyStop() (stoppedAfter, restored int, ok bool) {
	if len(m.History) == 0 {
		return 0, 0, false
	}
	last := m.History[len(m.History)-1]
	if last.Events == nil {
		return 0, 0, false
	}
	for _, e := range *last.Events {
		if e.Kind != EventEarlyStop {
			continue
		}
		if m.cb != nil && m.cb.best != nil {
			restored = m.cb.BestEpoch
		}
		return last.Epoch, restored, true
	}
	return 0, 0, false
}

// tokenizerDifference returns how got differs from want in what the model
// depends on, or an empty message when it does not.
func tokenizerDifference(got, want *corpus.Tokenizer) usermsg.Message {
	switch {
	case got.DocCount != want.DocCount:
		return usermsg.Sprintf("it has %d documents for the vocabulary, the model %d", got.DocCount, want.DocCount)
	case got.Segmenter != want.Segmenter:
		return usermsg.Sprintf("its text is segmented with %q, the model's with %q", segmenterName(got.Segmenter), segmenterName(want.Segmenter))
	case !slices.Equal(got.IndexWord, want.IndexWord):
		return usermsg.Sprintf("its vocabulary differs")
	}
	for w, n := range want.WordCounts {
		if got.WordCounts[w] != n {
			return usermsg.Sprintf("the word %q occurs %d times, in the model's corpus %d", w, got.WordCounts[w], n)
		}
	}
	return usermsg.Message{}
}

// optimizerMeta is the optimiser state stored in the file's metadata under
// "optimizer". The moment estimates are tensors named
// "optimizer/m/<weight>" and "optimizer/v/<weight>" when Moments is true;
// they are absent when Fit was stopped before its first step.
type optimizerMeta struct {
	Name         string  `json:"name"` // "adam"
	Step         int     `json:"step"`
	LearningRate float64 `json:"learning_rate"`
	Beta1        float64 `json:"beta_1"`
	Beta2        float64 `json:"beta_2"`
	Epsilon      float64 `json:"epsilon"`
	Moments      bool    `json:"moments"`
}

// trainingStateMeta adds the optimiser and the batch-order generator state
// of m to meta: "optimizer" as JSON and "shuffle_state" as the base64 of
// the PCG generator's binary form. It adds nothing before the first Fit.
func (m *Model) trainingStateMeta(meta map[string]string) error {
	if !m.HasTrainingState() {
		return nil
	}
	a := m.opt
	om := optimizerMeta{Name: "adam", Step: a.step, LearningRate: a.lr, Beta1: a.beta1, Beta2: a.beta2,
		Epsilon: a.epsilon, Moments: a.m != nil}
	b, err := json.Marshal(om)
	if err != nil {
		return usermsg.Errorf("model: encoding the optimiser state: %w", err)
	}
	meta["optimizer"] = string(b)

	state, err := m.shuffleSrc.MarshalBinary()
	if err != nil {
		return usermsg.Errorf("model: encoding the shuffle state: %w", err)
	}
	meta["shuffle_state"] = base64.StdEncoding.EncodeToString(state)

	if m.dropSrc != nil {
		state, err := m.dropSrc.MarshalBinary()
		if err != nil {
			return usermsg.Errorf("model: encoding the dropout state: %w", err)
		}
		meta["dropout_state"] = base64.StdEncoding.EncodeToString(state)
	}
	if m.sampleSrc != nil {
		state, err := m.sampleSrc.MarshalBinary()
		if err != nil {
			return usermsg.Errorf("model: encoding the sampler state: %w", err)
		}
		meta["sampler_state"] = base64.StdEncoding.EncodeToString(state)
	}
	if m.cb != nil {
		c := m.cb
		b, err := json.Marshal(callbacksMeta{LR: c.LR, PlateauBest: nullable(c.PlateauBest), PlateauWait: c.PlateauWait,
			Best: nullable(c.Best), BestEpoch: c.BestEpoch, Wait: c.Wait, BestWeights: c.best != nil})
		if err != nil {
			return usermsg.Errorf("model: encoding the callbacks state: %w", err)
		}
		meta["callbacks"] = string(b)
	}
	return nil
}

// callbacksMeta is the learning-rate schedule and early-stopping state
// stored under the metadata key "callbacks". A nil loss is +Inf (nothing
// seen yet), which JSON cannot hold. The best weights are the tensors
// "early_stopping/best/<weight>" when BestWeights is true.
type callbacksMeta struct {
	LR          float64  `json:"lr"`
	PlateauBest *float64 `json:"plateau_best"`
	PlateauWait int      `json:"plateau_wait"`
	Best        *float64 `json:"best"`
	BestEpoch   int      `json:"best_epoch"`
	Wait        int      `json:"wait"`
	BestWeights bool     `json:"best_weights"`
}

// decodePCG returns the generator stored as base64 under key.
func decodePCG(meta map[string]string, key string) (*rand.PCG, error) {
	state, err := base64.StdEncoding.DecodeString(meta[key])
	if err != nil {
		return nil, usermsg.Errorf("the %s in the metadata is not base64: %v; the file is corrupt", key, err)
	}
	src := new(rand.PCG)
	if err := src.UnmarshalBinary(state); err != nil {
		return nil, usermsg.Errorf("the %s in the metadata is invalid: %v; the file is corrupt", key, err)
	}
	return src, nil
}

// decodeTrainingState restores the training state of meta into m, which
// has its config: the optimiser, the batch-order and dropout generators and
// the callbacks. The returned flags say whether the file holds the moment
// tensors and the best weights, which allocateState makes room for. Old
// files have no state, and m then keeps none.
func decodeTrainingState(meta map[string]string, m *Model) (moments, best bool, err error) {
	moments, err = decodeOptimizer(meta, m)
	if err != nil || m.opt == nil {
		return false, false, err
	}
	if _, ok := meta["dropout_state"]; ok {
		if m.dropSrc, err = decodePCG(meta, "dropout_state"); err != nil {
			return false, false, err
		}
		m.dropRng = rand.New(m.dropSrc)
	}
	if _, ok := meta["sampler_state"]; ok {
		if m.sampleSrc, err = decodePCG(meta, "sampler_state"); err != nil {
			return false, false, err
		}
		m.sampleRng = rand.New(m.sampleSrc)
	}
	if s, ok := meta["callbacks"]; ok {
		var cm callbacksMeta
		if err := json.Unmarshal([]byte(s), &cm); err != nil {
			return false, false, usermsg.Errorf("the callbacks state in the metadata is invalid: %v; the file is corrupt", err)
		}
		if !(cm.LR > 0 && cm.LR <= 1) || cm.PlateauWait < 0 || cm.Wait < 0 || cm.BestEpoch < 0 {
			return false, false, usermsg.Errorf("the callbacks state %s is out of range; the file is corrupt", s)
		}
		m.cb = &callbacks{LR: cm.LR, PlateauBest: infIfNull(cm.PlateauBest), PlateauWait: cm.PlateauWait,
			Best: infIfNull(cm.Best), BestEpoch: cm.BestEpoch, Wait: cm.Wait}
		best = cm.BestWeights
	}
	return moments, best, nil
}

func infIfNull(p *float64) float64 {
	if p == nil {
		return math.Inf(1)
	}
	return *p
}

// decodeOptimizer restores Adam and the batch-order generator.
func decodeOptimizer(meta map[string]string, m *Model) (moments bool, err error) {
	optJSON, hasOpt := meta["optimizer"]
	_, hasShuffle := meta["shuffle_state"]
	switch {
	case !hasOpt && !hasShuffle:
		return false, nil
	case hasOpt != hasShuffle:
		return false, usermsg.Errorf("the metadata contains only one of the optimiser state and the shuffle state; the file is corrupt")
	}

	var om optimizerMeta
	if err := json.Unmarshal([]byte(optJSON), &om); err != nil {
		return false, usermsg.Errorf("the optimizer state in the metadata is invalid: %v", err)
	}
	switch {
	case om.Name != "adam":
		return false, usermsg.Errorf("the optimizer %q is not known; this program trains with adam, so the file is from a newer version or corrupt", om.Name)
	case om.Step < 0 || om.Moments != (om.Step > 0):
		return false, usermsg.Errorf("the optimizer step %d does not match its moments; the file is corrupt", om.Step)
	case !(om.LearningRate > 0 && om.LearningRate <= 1) || !(om.Beta1 >= 0 && om.Beta1 < 1) ||
		!(om.Beta2 >= 0 && om.Beta2 < 1) || !(om.Epsilon > 0 && !math.IsInf(om.Epsilon, 0)):
		return false, usermsg.Errorf("the optimizer settings %+v are out of range; the file is corrupt", om)
	}
	src, err := decodePCG(meta, "shuffle_state")
	if err != nil {
		return false, err
	}

	a := newAdam(om.LearningRate)
	a.step, a.beta1, a.beta2, a.epsilon = om.Step, om.Beta1, om.Beta2, om.Epsilon
	m.opt, m.shuffleSrc, m.shuffle = a, src, rand.New(src)
	return om.Moments, nil
}

// allocateState gives m.opt zeroed moment estimates and m.cb zeroed best
// weights, shaped like the weights, for decodeTensors to fill.
func (m *Model) allocateState(moments, best bool) {
	params := m.params()
	zeros := func() [][]float32 {
		out := make([][]float32, len(params))
		for i, p := range params {
			out[i] = make([]float32, len(p))
		}
		return out
	}
	if moments {
		m.opt.m, m.opt.v = zeros(), zeros()
	}
	if best {
		m.cb.best = zeros()
	}
}

// stateTensors returns Adam's moment estimates and early stopping's best
// weights, named after the weights they belong to; there are none before
// the first step. They are matched to the weight tensors of shapes through
// params, which lists the same slices in Adam's order; a weight missing
// from params is a programmer error and panics.
func (m *Model) stateTensors() []tensor {
	params := m.params()
	named := func(prefix string, values [][]float32) []tensor {
		if len(values) != len(params) {
			panic("model: " + prefix + " contains a different list of weights")
		}
		var out []tensor
		for _, t := range m.shapes() {
			i := slices.IndexFunc(params, func(p []float32) bool { return len(p) > 0 && len(t.data) > 0 && &p[0] == &t.data[0] })
			if i < 0 {
				panic(fmt.Sprintf("model: weight %s is not among the trained parameters", t.name))
			}
			out = append(out, tensor{prefix + t.name, t.shape, values[i]})
		}
		return out
	}
	var out []tensor
	if m.opt != nil && m.opt.m != nil {
		out = append(out, named("optimizer/m/", m.opt.m)...)
		out = append(out, named("optimizer/v/", m.opt.v)...)
	}
	if m.cb != nil && m.cb.best != nil {
		out = append(out, named("early_stopping/best/", m.cb.best)...)
	}
	return out
}

// Clone returns a deep copy of m with its training state, so that the copy
// can train on while m is read, and Fit on the copy continues exactly as
// Fit on m would. The tokenizer is shared, because nothing changes it after
// Prepare or Load.
func (m *Model) Clone() *Model {
	c := *m
	c.Classes = slices.Clone(m.Classes)
	c.Embedding, c.Kernel, c.Recurrent = slices.Clone(m.Embedding), slices.Clone(m.Kernel), slices.Clone(m.Recurrent)
	c.Bias, c.DenseW, c.DenseB = slices.Clone(m.Bias), slices.Clone(m.DenseW), slices.Clone(m.DenseB)
	cloneLayers := func(ls []LSTMWeights) []LSTMWeights {
		var out []LSTMWeights
		for _, e := range ls {
			out = append(out, LSTMWeights{slices.Clone(e.Kernel), slices.Clone(e.Recurrent), slices.Clone(e.Bias)})
		}
		return out
	}
	c.Extra, c.Backward = cloneLayers(m.Extra), cloneLayers(m.Backward)
	c.History = slices.Clone(m.History)

	cloneAll := func(v [][]float32) [][]float32 {
		if v == nil {
			return nil
		}
		out := make([][]float32, len(v))
		for i, s := range v {
			out[i] = slices.Clone(s)
		}
		return out
	}
	if m.opt != nil {
		a := *m.opt
		a.m, a.v = cloneAll(m.opt.m), cloneAll(m.opt.v)
		c.opt = &a
	}
	if m.shuffleSrc != nil {
		src := *m.shuffleSrc
		c.shuffleSrc, c.shuffle = &src, rand.New(&src)
	}
	if m.dropSrc != nil {
		src := *m.dropSrc
		c.dropSrc, c.dropRng = &src, rand.New(&src)
	}
	if m.sampleSrc != nil {
		src := *m.sampleSrc
		c.sampleSrc, c.sampleRng = &src, rand.New(&src)
	}
	if m.cb != nil {
		cb := *m.cb
		cb.best = cloneAll(m.cb.best)
		c.cb = &cb
	}
	return &c
}

// segmenterName returns the name of a Tokenizer.Segmenter as the
// --segmenter flag takes it: "none" for the empty value.
func segmenterName(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
