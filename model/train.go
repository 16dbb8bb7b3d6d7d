package model

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"embedlab/corpus"
	"embedlab/internal/usermsg"
)

// Prepare fits a tokenizer on c, builds a model initialised as Keras does,
// and splits the padded corpus into training and validation sets after one
// seeded shuffle.
//
// The tokenizer keeps the cfg.NumWords−1 most frequent words and is fitted
// on every text, validation texts included, as the classic Keras example
// does. A corpus may set documents aside for validation (Document.Split
// "validation", such as the test folder of the aclImdb layout). Those
// documents are then the validation set and cfg.ValSplit is ignored. The
// tokenizer is then fitted on the training documents only, so validation
// words that training lacks stay out of the vocabulary, as for unseen text.
// Sequences are padded and truncated at the front to cfg.MaxLen with id 0,
// which the model masks only when cfg.MaskZero is set.
//
// Prepare chooses the output head (Config.Head) from the corpus: binary,
// with label 1 for Classes[1], for two classes; softmax over the class
// indices for more; multi-label, with a multi-hot target per document
// built from Document.Labels, when the corpus is multi-label
// (Info.MultiLabel). A corpus without labels, or cfg.Objective "lm",
// gives the next-word language model of prepareLanguageModel instead.
// cfg.Validation chooses how a corpus without its own validation documents
// is split; the default "shuffled" is the seeded shuffle of earlier
// versions.
func Prepare(c *corpus.Corpus, cfg Config) (m *Model, train, val *Dataset, err error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, nil, err
	}
	if wantsLanguageModel(c, cfg) {
		return prepareLanguageModel(c, cfg)
	}
	if cfg.Head == HeadLanguageModel {
		cfg.Head = HeadBinary // headOf sets the classifier's head below
	}
	if c != nil && c.MultiLabel {
		// The corpus lists the first label of each document; a multi-label
		// model has a class for every label.
		withAll := *c
		withAll.Classes = TrainingClasses(c)
		c = &withAll
	}
	if err := checkCorpus(c); err != nil {
		return nil, nil, nil, err
	}

	texts := c.Texts()
	heldOut := heldOutIndices(c)
	tok := newTokenizer(cfg, texts)
	if len(heldOut) == 0 {
		tok.FitOnTexts(texts)
	} else {
		tok.FitOnTexts(textsExcept(texts, heldOut))
	}
	x := corpus.PadSequences(tok.TextsToSequences(texts), cfg.MaxLen, "pre", "pre", 0)
	if len(x) != len(texts)*cfg.MaxLen {
		panic(fmt.Sprintf("model: padding returned %d word ids for %d texts of maxlen %d", len(x), len(texts), cfg.MaxLen))
	}
	all := &Dataset{X: x, Y: make([]float32, len(texts)), MaxLen: cfg.MaxLen}
	for i, k := range c.LabelIndices() {
		all.Y[i] = float32(k)
	}
	cfg.Head = headOf(c)
	if cfg.Head == HeadMultiLabel {
		all.Targets = multiHot(c)
		if cfg.ClassWeight == "balanced" {
			return nil, nil, nil, usermsg.Errorf("model: corpus %q is multi-label, where class weights are not defined; set class weights to none", c.Name)
		}
	}

	if len(heldOut) == 0 {
		train, val = split(all, cfg.Validation, cfg.ValSplit, newRand(cfg.Seed, splitStream))
	} else {
		train, val = subsetOf(all, indicesExcept(len(texts), heldOut)), subsetOf(all, heldOut)
	}
	if train.Len() == 0 {
		return nil, nil, nil, usermsg.Errorf("model: corpus %q has %d documents, which leaves none for training with validation split %g; add documents or lower the split", c.Name, len(texts), cfg.ValSplit)
	}
	outputs := 1
	if cfg.Head != HeadBinary {
		outputs = len(c.Classes)
	}
	m = newWeightsOut(cfg, outputs, newRand(cfg.Seed, 0))
	m.Tokenizer = tok
	m.Classes = append([]string(nil), c.Classes...)
	return m, train, val, nil
}

// TrainingClasses returns the classes a model prepared from c has: c.Classes,
// and for a multi-label corpus every label of Document.Labels as well,
// sorted.
func TrainingClasses(c *corpus.Corpus) []string {
	if c == nil || !c.MultiLabel {
		if c == nil {
			return nil
		}
		return c.Classes
	}
	out := slices.Clone(c.Classes)
	for _, d := range c.Docs {
		out = append(out, d.Labels...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// headOf returns the output head for c: multi-label when a document has
// several labels, softmax for more than two classes, binary otherwise.
func headOf(c *corpus.Corpus) string {
	switch {
	case c.MultiLabel:
		return HeadMultiLabel
	case len(c.Classes) > 2:
		return HeadSoftmax
	}
	return HeadBinary
}

// multiHot returns the len(Docs)×len(Classes) targets of c: 1 for each of a
// document's Labels, or for its Label when it has no Labels.
func multiHot(c *corpus.Corpus) []float32 {
	o := len(c.Classes)
	pos := make(map[string]int, o)
	for i, name := range c.Classes {
		pos[name] = i
	}
	t := make([]float32, len(c.Docs)*o)
	for i, d := range c.Docs {
		labels := d.Labels
		if len(labels) == 0 {
			labels = []string{d.Label}
		}
		for _, l := range labels {
			if k, ok := pos[l]; ok {
				t[i*o+k] = 1
			}
		}
	}
	return t
}

// indicesExcept returns 0..n−1 without the sorted indices in skip.
func indicesExcept(n int, skip []int) []int {
	out := make([]int, 0, n-len(skip))
	k := 0
	for i := range n {
		if k < len(skip) && skip[k] == i {
			k++
			continue
		}
		out = append(out, i)
	}
	return out
}

// checkCorpus reports why c cannot train a model, if it cannot.
func checkCorpus(c *corpus.Corpus) error {
	if c == nil || len(c.Docs) == 0 {
		name := ""
		if c != nil {
			name = c.Name
		}
		return usermsg.Errorf("model: corpus %q has no documents; load a corpus with labelled texts", name)
	}
	switch n := len(c.Classes); {
	case n == 0:
		return usermsg.Errorf("model: corpus %q has no class labels; give one file per class or a CSV/TSV file with a label column", c.Name)
	case n == 1:
		return usermsg.Errorf("model: corpus %q has only the class %q; give one file per class or a CSV/TSV file with a label column holding two classes", c.Name, c.Classes[0])
	}
	for _, d := range c.Docs {
		if !slices.Contains(c.Classes, d.Label) {
			return usermsg.Errorf("model: %s line %d: label %q is not one of %s; fix the label or remove the document", d.Source, d.Line, d.Label, strings.Join(c.Classes, "/"))
		}
	}
	return nil
}

// Fit trains m for m.Config.Epochs epochs. It returns ctx.Err() when ctx is
// cancelled, keeping the weights of the batches already trained.
//
// Each epoch visits the training samples in a new order drawn from a
// generator seeded by Config.Seed, in batches of Config.Batch with a smaller
// last batch, and takes one Adam step per batch. Epochs are numbered on from
// len(m.History), and each finished epoch is appended to m.History. The
// optimiser state and the shuffling generator persist across calls, so a
// second Fit continues the first. When val is nil or empty, the validation
// loss and accuracy are NaN. rec may be nil; Fit calls it from the calling
// goroutine. m must not be used by other goroutines during Fit.
//
// The options of m.Config take effect here: class weights on the training
// loss, dropout, gradient clipping, the learning-rate schedule and early
// stopping, whose state persists across calls as the optimiser's does.
// Early stopping and the plateau schedule need a validation set.
//
// A language model (HeadLanguageModel) with a sampled softmax draws the
// candidates for each batch from a generator seeded by Config.Seed, whose
// state persists as the shuffle's does. Its validation loss is the full
// softmax's cross-entropy per word, and EpochStats.ValPerplexity its exp;
// EpochStats.UnigramPerplexity is the baseline of UnigramPerplexity.
//
// Fit also guards against divergence. When the loss or a gradient of a
// batch is NaN or infinite, it skips that batch's update and returns an
// error wrapping ErrDiverged that names the epoch, the batch and the cause,
// so the weights stay those from before that batch. Events (EventRecorder) report learning-rate
// changes, early stops and divergence.
func (m *Model) Fit(ctx context.Context, train, val *Dataset, rec Recorder) error {
	if err := m.checkWeights(); err != nil {
		return err
	}
	if train == nil || train.Len() == 0 {
		return usermsg.Errorf("model: training set is empty; give at least one sample")
	}
	cfg := m.Config
	o := m.Outputs()
	if len(m.DenseB) != o {
		return usermsg.Errorf("model: the Dense layer has %d units but a %s head over %d classes needs %d; prepare the model again", len(m.DenseB), headName(cfg.Head), len(m.Classes), o)
	}
	if err := train.check(cfg, usermsg.Sprintf("training")); err != nil {
		return err
	}
	if err := train.checkTargets(cfg, o, usermsg.Sprintf("training")); err != nil {
		return err
	}
	valLen := 0
	if val != nil {
		if err := val.check(cfg, usermsg.Sprintf("validation")); err != nil {
			return err
		}
		if err := val.checkTargets(cfg, o, usermsg.Sprintf("validation")); err != nil {
			return err
		}
		valLen = val.Len()
	}
	if valLen == 0 {
		if err := needsValidation(cfg); err != nil {
			return err
		}
	}

	if m.opt == nil {
		m.opt = newAdam(cfg.LR)
		m.startShuffle()
	}
	if m.dropRng == nil {
		m.dropSrc = rand.NewPCG(cfg.Seed, cfg.Seed^dropoutStream)
		m.dropRng = rand.New(m.dropSrc)
	}
	if m.cb == nil {
		m.cb = newCallbacks(cfg)
	}
	if cfg.isLM() && cfg.Candidates() > 0 && m.sampleRng == nil {
		m.startSampler()
	}
	r := newRun(m, cfg.Batch)
	r.weights = ClassWeights(cfg.ClassWeight, train, max(o, 2))
	var unigram float64
	if cfg.isLM() && valLen > 0 {
		unigram = UnigramPerplexity(train, val, cfg.NumWords)
	}
	batches := (train.Len() + cfg.Batch - 1) / cfg.Batch
	if rec != nil {
		rec.Begin(TrainInfo{Epochs: cfg.Epochs, BatchesPerEpoch: batches, TrainSamples: train.Len(), ValSamples: valLen})
	}
	events, _ := rec.(EventRecorder)

	start := time.Now()
	for i := range cfg.Epochs {
		lr := m.cb.learningRate(cfg, len(m.History))
		m.opt.lr = lr
		stats, err := r.epoch(ctx, train, rec, start)
		if err != nil {
			var d *divergence
			if errors.As(err, &d) && events != nil {
				events.Event(d.event)
			}
			return err
		}
		stats.LR = lr
		stats.ValLoss, stats.ValAccuracy = math.NaN(), math.NaN()
		switch {
		case valLen > 0 && cfg.isLM():
			if stats.ValLoss, stats.ValAccuracy, err = r.evaluateLM(ctx, val); err != nil {
				return err
			}
			stats.ValPerplexity = math.Exp(stats.ValLoss)
			stats.UnigramPerplexity = unigram
		case valLen > 0:
			var per []ClassMetrics
			if stats.ValLoss, stats.ValAccuracy, per, err = r.evaluate(ctx, val); err != nil {
				return err
			}
			stats.PerClass = &per
		}
		evs, stop := m.cb.epochEnd(m, stats.Epoch, stats.ValLoss)
		if stop || i == cfg.Epochs-1 {
			// A rate for an epoch this run does not train would announce
			// an epoch past the last. The schedule's state still changes,
			// so a resumed run uses the rate, and its epoch lines show it.
			evs = slices.DeleteFunc(evs, func(e Event) bool { return e.Kind == EventLR })
		}
		if len(evs) > 0 {
			stats.Events = &evs
		}
		stats.Seconds = time.Since(stats.begin).Seconds()
		m.History = append(m.History, stats.EpochStats)
		if rec != nil {
			rec.Epoch(stats.EpochStats)
		}
		if events != nil {
			for _, e := range evs {
				events.Event(e)
			}
		}
		if stop {
			break
		}
	}
	return nil
}

// needsValidation returns an error naming the options of cfg that watch
// the validation loss (early stopping, the plateau schedule), for a run
// without a validation set, and nil when cfg uses neither.
func needsValidation(cfg Config) error {
	// The advice is spelled out in each format, not shared through a
	// constant, so that each whole sentence can be translated.
	switch {
	case cfg.Patience > 0 && cfg.Schedule == "plateau":
		return usermsg.Errorf("model: early stopping (patience) and the plateau schedule watch the validation loss, " +
			"but there is no validation set; set a validation split above 0 or give a validation corpus, or set patience 0 and another schedule")
	case cfg.Patience > 0:
		return usermsg.Errorf("model: early stopping (patience %d) watches the validation loss, "+
			"but there is no validation set; set a validation split above 0 or give a validation corpus, or set patience 0", cfg.Patience)
	case cfg.Schedule == "plateau":
		return usermsg.Errorf("model: the plateau schedule watches the validation loss, " +
			"but there is no validation set; set a validation split above 0 or give a validation corpus, or choose the constant or step schedule")
	}
	return nil
}

// headName returns the head's name for messages.
func headName(head string) string {
	if head == HeadBinary {
		return "binary"
	}
	return head
}

// ErrDiverged is wrapped by the error Fit returns when the loss or a
// gradient became NaN or infinite.
var ErrDiverged = errors.New("training diverged")

// divergence is the error of a batch whose loss or gradient is not finite.
type divergence struct{ event Event }

func (d *divergence) Error() string { return "model: " + d.event.Message }
func (d *divergence) Unwrap() error { return ErrDiverged }

// UserFormat returns the event's message with its format, for
// usermsg.Catalog, which leaves out the "model: " prefix of Error anyway.
func (d *divergence) UserFormat() (string, []any) { return d.event.Text.UserFormat() }

// run holds the buffers of one Fit call.
type run struct {
	m       *Model
	w       *work
	g       *grads
	params  [][]float32
	grads   [][]float32
	order   []int
	x       []int32
	y       []float32
	targets []float32 // batch×outputs multi-label targets
	weights []float64 // class weights, nil for none
	next    []int32   // batch×maxlen next-word targets of a language model
}

func newRun(m *Model, batch int) *run {
	cfg := m.Config
	o := m.Outputs()
	g := newGradsOut(cfg, o)
	r := &run{
		m: m, w: newWorkOut(cfg, o, batch), g: g,
		params:  m.params(),
		grads:   g.tensors(),
		x:       make([]int32, batch*cfg.MaxLen),
		y:       make([]float32, batch),
		targets: make([]float32, batch*o),
	}
	if cfg.isLM() {
		r.targets = nil // a language model has no multi-hot targets
		r.next = make([]int32, batch*cfg.MaxLen)
	}
	return r
}

// params returns the weight tensors in a fixed order: the six of the
// one-layer model, then kernel, recurrent kernel and bias of each stacked
// layer from the bottom, then those of each backward direction.
func (m *Model) params() [][]float32 {
	ts := appendLayers([][]float32{m.Embedding, m.Kernel, m.Recurrent, m.Bias, m.DenseW, m.DenseB}, m.Extra)
	return appendLayers(ts, m.Backward)
}

// tensors returns the gradients in the order of Model.params.
func (g *grads) tensors() [][]float32 {
	ts := appendLayers([][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB}, g.Extra)
	return appendLayers(ts, g.Backward)
}

func appendLayers(ts [][]float32, layers []LSTMWeights) [][]float32 {
	for _, e := range layers {
		ts = append(ts, e.Kernel, e.Recurrent, e.Bias)
	}
	return ts
}

// slots returns the number of predictions per sample that accuracy counts:
// one per class for the multi-label head, one per word of the window for
// the language model, one otherwise.
func (r *run) slots() int {
	switch r.m.Config.Head {
	case HeadMultiLabel:
		return r.w.outputs
	case HeadLanguageModel:
		return r.m.Config.MaxLen
	}
	return 1
}

// epochStats is EpochStats with the time the epoch began.
type epochStats struct {
	EpochStats
	begin time.Time
}

// epoch trains one epoch and returns its training loss and accuracy, the
// sample-weighted means over its batches.
func (r *run) epoch(ctx context.Context, train *Dataset, rec Recorder, fitStart time.Time) (epochStats, error) {
	m, cfg := r.m, r.m.Config
	n := train.Len()
	if len(r.order) != n {
		r.order = make([]int, n)
	}
	for i := range r.order {
		r.order[i] = i
	}
	m.shuffle.Shuffle(n, func(i, j int) { r.order[i], r.order[j] = r.order[j], r.order[i] })

	stats := epochStats{EpochStats: EpochStats{Epoch: len(m.History) + 1}, begin: time.Now()}
	batches := (n + cfg.Batch - 1) / cfg.Batch
	slots := r.slots()
	var lossSum float64
	var correct, seen, firstLen int
	var afterFirst time.Time
	for bi := range batches {
		if err := ctx.Err(); err != nil {
			return stats, err
		}
		idx := r.order[bi*cfg.Batch : min((bi+1)*cfg.Batch, n)]
		loss, corr, reason := r.step(train, idx)
		if reason.String() != "" {
			return stats, &divergence{newEvent(stats.Epoch, bi+1, EventDiverged,
				usermsg.Sprintf("%v at epoch %d batch %d; lower the learning rate or enable clipping (the weights from before that batch were kept)", reason, stats.Epoch, bi+1))}
		}
		lossSum += loss
		correct += corr
		seen += len(idx)

		now := time.Now()
		if bi == 0 { // the first batch pays for warming up caches and goroutines
			afterFirst, firstLen = now, len(idx)
		} else if d := now.Sub(afterFirst).Seconds(); d > 0 {
			stats.SamplesPerSec = float64(seen-firstLen) / d
		}
		if rec != nil {
			rec.Batch(BatchStats{Epoch: stats.Epoch, Batch: bi + 1, Batches: batches,
				Loss: lossSum / float64(seen), Accuracy: float64(correct) / float64(seen*slots),
				BatchLoss:     loss / float64(len(idx)),
				SamplesPerSec: stats.SamplesPerSec, Elapsed: now.Sub(fitStart)})
		}
	}
	if batches == 1 {
		// With one batch there is nothing after the first to time, so
		// report the batch itself rather than 0.
		if d := time.Since(stats.begin).Seconds(); d > 0 {
			stats.SamplesPerSec = float64(seen) / d
		}
	}
	stats.Loss = lossSum / float64(seen)
	stats.Accuracy = float64(correct) / float64(seen*slots)
	return stats, nil
}

// step trains on the samples of d at idx and returns their summed loss and
// the number of correct predictions, both before the update. When the loss
// or a gradient is not finite it skips the update and returns why.
func (r *run) step(d *Dataset, idx []int) (loss float64, correct int, reason usermsg.Message) {
	m, cfg := r.m, r.m.Config
	if cfg.isLM() {
		return r.stepLM(d, idx)
	}
	n := len(idx)
	d.gather(idx, r.x, r.y)
	d.gatherTargets(idx, r.w.outputs, r.targets)
	r.w.dropRate, r.w.dropRng = cfg.Dropout, m.dropRng
	if cfg.lstmLayers() > 1 {
		r.w.layerDropRate = cfg.LayerDropout
	}
	defer func() { r.w.dropRate, r.w.layerDropRate = 0, 0 }()
	r.w.forward(m, r.x, n)
	loss, correct = r.w.lossGradHead(cfg.Head, r.y, r.targets, r.weights, n)
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return loss, correct, usermsg.Sprintf("loss became %v", loss)
	}
	r.w.backward(m, r.x, n, r.g)
	return loss, correct, r.update()
}

// update clips the gradients of the last backward pass when Config.ClipNorm
// is set and takes one Adam step. When a gradient is not finite it skips
// the step and returns why.
func (r *run) update() (reason usermsg.Message) {
	cfg := r.m.Config
	if cfg.ClipNorm > 0 {
		sq := sumSquares(r.grads)
		if math.IsNaN(sq) || math.IsInf(sq, 0) {
			return usermsg.Sprintf("a gradient became NaN or infinite")
		}
		if norm := math.Sqrt(sq); norm > cfg.ClipNorm {
			scaleAll(r.grads, float32(cfg.ClipNorm/norm))
		}
	} else if !r.gradsFinite() {
		return usermsg.Sprintf("a gradient became NaN or infinite")
	}
	r.m.opt.update(r.params, r.grads)
	return usermsg.Message{}
}

// sumSquares returns the squared global L2 norm of ts, summed in float64.
func sumSquares(ts [][]float32) float64 {
	var sum float64
	for _, t := range ts {
		for _, v := range t {
			sum += float64(v) * float64(v)
		}
	}
	return sum
}

// scaleAll multiplies every value of ts by s.
func scaleAll(ts [][]float32, s float32) {
	for _, t := range ts {
		for i := range t {
			t[i] *= s
		}
	}
}

// gradsFinite reports whether every gradient of the last backward pass is
// finite. Of the embedding gradient it reads only the rows of the batch,
// since backward keeps the others zero.
func (r *run) gradsFinite() bool {
	finite := func(v []float32) bool {
		var s float32
		for _, x := range v {
			s += x * 0
		}
		return s == 0 // x·0 is NaN exactly when x is NaN or infinite
	}
	for _, t := range r.grads[1:] {
		if !finite(t) {
			return false
		}
	}
	d := r.m.Config.Dim
	for _, id := range r.w.touched {
		if !finite(r.g.Embedding[int(id)*d : (int(id)+1)*d]) {
			return false
		}
	}
	return true
}

// evaluate returns the mean loss, the accuracy and the per-class metrics
// of m on d, in batches, without dropout and class weights.
func (r *run) evaluate(ctx context.Context, d *Dataset) (loss, accuracy float64, per []ClassMetrics, err error) {
	head, o := r.m.Config.Head, r.w.outputs
	batch := r.w.capacity
	t := d.MaxLen
	cm := newConfusion(max(o, 2))
	var correct int
	for start := 0; start < d.Len(); start += batch {
		if err := ctx.Err(); err != nil {
			return 0, 0, nil, err
		}
		n := min(batch, d.Len()-start)
		r.w.forward(r.m, d.X[start*t:(start+n)*t], n)
		var targets []float32
		if d.Targets != nil {
			targets = d.Targets[start*o : (start+n)*o]
		}
		y := d.Y[start : start+n]
		l, c := r.w.lossGradHead(head, y, targets, nil, n)
		cm.add(r.w, head, y, targets, n)
		loss += l
		correct += c
	}
	return loss / float64(d.Len()), float64(correct) / float64(d.Len()*r.slots()), cm.metrics(r.m.Classes), nil
}

// WithValidationCorpus returns a copy of c with the documents of val
// appended and marked as Split "validation", so that Prepare holds them out
// as the validation set instead of splitting c. The output head follows c
// alone: every label of val must be a class of c, and val may have
// documents with several labels only when c is multi-label. Neither corpus
// is changed.
func WithValidationCorpus(c, val *corpus.Corpus) (*corpus.Corpus, error) {
	if c == nil || val == nil {
		return c, nil
	}
	if !c.MultiLabel {
		for _, d := range val.Docs {
			if len(d.Labels) > 1 {
				return nil, usermsg.Errorf("model: validation corpus %q is multi-label (%s line %d has the labels %s) but the training corpus %q has one label per document; give a validation file with one label per document, or train on a multi-label corpus",
					val.Name, d.Source, d.Line, strings.Join(d.Labels, ", "), c.Name)
			}
		}
	}
	known := TrainingClasses(c)
	// The readers normalise label spellings such as "neg" to "negative",
	// so one corpus may spell a class as written and the other normalised;
	// val's labels take c's spelling.
	rename := map[string]string{}
	for raw, norm := range val.LabelMap {
		if !slices.Contains(known, norm) && slices.Contains(known, raw) {
			rename[norm] = raw
		}
	}
	for raw, norm := range c.LabelMap {
		if !slices.Contains(known, raw) && slices.Contains(known, norm) {
			rename[raw] = norm
		}
	}
	for _, name := range TrainingClasses(val) {
		if r, ok := rename[name]; ok {
			name = r
		}
		if !slices.Contains(known, name) {
			return nil, usermsg.Errorf("model: validation corpus %q has the class %q, which the training corpus lacks (classes %s); give a validation set with the same labels",
				val.Name, name, strings.Join(known, ", "))
		}
	}
	out := *c
	out.Name = c.Name + " + " + val.Name + " (validation)"
	out.Docs = slices.Clone(c.Docs)
	for _, d := range val.Docs {
		d.Split = "validation"
		if r, ok := rename[d.Label]; ok {
			d.Label = r
		}
		if len(d.Labels) > 0 {
			d.Labels = slices.Clone(d.Labels)
			for i, l := range d.Labels {
				if r, ok := rename[l]; ok {
					d.Labels[i] = r
				}
			}
		}
		out.Docs = append(out.Docs, d)
	}
	return &out, nil
}

// heldOutIndices returns the indices of the documents of c set aside for
// validation, in corpus order.
func heldOutIndices(c *corpus.Corpus) []int {
	var idx []int
	for i, d := range c.Docs {
		if d.Split == "validation" {
			idx = append(idx, i)
		}
	}
	return idx
}

// textsExcept returns texts without the indices in skip, which is sorted.
func textsExcept(texts []string, skip []int) []string {
	out := make([]string, 0, len(texts)-len(skip))
	k := 0
	for i, t := range texts {
		if k < len(skip) && skip[k] == i {
			k++
			continue
		}
		out = append(out, t)
	}
	return out
}

// ClassesMissingFromValidation returns the classes of m, in class order,
// that label samples of train but none of val, so that a caller can warn
// that the validation metrics do not cover them. A split in file
// order of a file sorted by class leaves out whole classes, for example.
// It returns nil for a language model or an empty validation set.
func ClassesMissingFromValidation(m *Model, train, val *Dataset) []string {
	if m.Config.isLM() || train == nil || val == nil || val.Len() == 0 {
		return nil
	}
	inTrain, inVal := classPresence(train, len(m.Classes)), classPresence(val, len(m.Classes))
	var missing []string
	for k, name := range m.Classes {
		if inTrain[k] && !inVal[k] {
			missing = append(missing, name)
		}
	}
	return missing
}

// classPresence reports for each of the classes whether a sample of d
// has it: through the multi-hot Targets when d has them, else through Y.
func classPresence(d *Dataset, classes int) []bool {
	seen := make([]bool, classes)
	if d.Targets != nil {
		for i, v := range d.Targets {
			if v != 0 {
				seen[i%classes] = true
			}
		}
		return seen
	}
	for _, y := range d.Y {
		if k := int(y); k >= 0 && k < classes {
			seen[k] = true
		}
	}
	return seen
}

// newTokenizer returns an unfitted tokenizer for cfg with the segmenter
// that cfg.Segmenter chooses for texts. Chinese and Japanese text has no
// spaces between words, so by default it is segmented with a dictionary
// when most letters are CJK.
func newTokenizer(cfg Config, texts []string) *corpus.Tokenizer {
	tok := corpus.NewTokenizer(cfg.NumWords)
	switch cfg.Segmenter {
	case "":
		tok.Segmenter = corpus.DetectSegmenter(texts)
	case "none":
	default:
		tok.Segmenter = cfg.Segmenter
	}
	return tok
}
