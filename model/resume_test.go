package model

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"embedlab/corpus"
)

// checkpointer saves the model after every epoch, as the CLI's and the
// window's recorders do, and cancels the run after batch cancelAt.
type checkpointer struct {
	recorder
	m     *Model
	path  string
	saves int
	err   error
}

func (c *checkpointer) Epoch(e EpochStats) {
	c.recorder.Epoch(e)
	if err := c.m.Save(c.path); err != nil && c.err == nil {
		c.err = err
	}
	c.saves++
}

// syntheticTokenizer returns a fitted tokenizer for the synthetic models,
// which Save needs; its words do not matter to Fit.
func syntheticTokenizer() *corpus.Tokenizer {
	tok := corpus.NewTokenizer(60)
	tok.FitOnTexts([]string{"good bad film"})
	return tok
}

// sameWeights reports the first weight tensor in which a and b differ in any
// bit, or "".
func sameWeights(a, b *Model) string {
	for i, w := range a.params() {
		if !slices.Equal(w, b.params()[i]) {
			return tensorNames[i]
		}
	}
	return ""
}

func TestTrainingStateRoundTrip(t *testing.T) {
	m := savedModel(t)
	path := filepath.Join(t.TempDir(), "m.embedlab")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}

	if !got.HasTrainingState() {
		t.Fatal("loaded model has no training state")
	}
	if got.opt.step != m.opt.step || got.opt.lr != m.opt.lr || got.opt.beta1 != m.opt.beta1 ||
		got.opt.beta2 != m.opt.beta2 || got.opt.epsilon != m.opt.epsilon {
		t.Errorf("adam = step %d lr %g β %g/%g ε %g, want step %d lr %g β %g/%g ε %g",
			got.opt.step, got.opt.lr, got.opt.beta1, got.opt.beta2, got.opt.epsilon,
			m.opt.step, m.opt.lr, m.opt.beta1, m.opt.beta2, m.opt.epsilon)
	}
	for i := range m.opt.m {
		if !slices.Equal(got.opt.m[i], m.opt.m[i]) || !slices.Equal(got.opt.v[i], m.opt.v[i]) {
			t.Errorf("moments of %s differ after the round trip", tensorNames[i])
		}
	}
	// The generators continue with the same numbers.
	for i := range 5 {
		if a, b := got.shuffle.Uint64(), m.shuffle.Uint64(); a != b {
			t.Fatalf("shuffle draw %d = %d, want %d", i, a, b)
		}
	}
}

func TestMomentTensorsInFile(t *testing.T) {
	// Python's safetensors library reads the moments as ordinary tensors.
	m := savedModel(t)
	data, err := m.encode()
	if err != nil {
		t.Fatal(err)
	}
	hlen := binary.LittleEndian.Uint64(data)
	var header map[string]json.RawMessage
	if err := json.Unmarshal(data[8:8+hlen], &header); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"optimizer/m/lstm/kernel", "optimizer/v/embedding/embeddings", "optimizer/v/dense/bias"} {
		if _, ok := header[name]; !ok {
			t.Errorf("the header lacks %s", name)
		}
	}
}

func TestResumeBitIdentical(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 3
	t.Run("classic", func(t *testing.T) { testResume(t, cfg) })

	// Dropout, a plateau schedule that lowers the rate after every epoch
	// without improvement, and early stopping keep state across epochs
	// that the file must carry too.
	cfg.Dropout, cfg.Schedule, cfg.LRPatience, cfg.Patience = 0.3, "plateau", 1, 5
	t.Run("options", func(t *testing.T) { testResume(t, cfg) })
}

// testResume compares an uninterrupted run of cfg.Epochs (3) epochs with
// runs stopped after epoch 1 and resumed from the checkpoint.
func testResume(t *testing.T, cfg Config) {

	// The uninterrupted run.
	whole, train, val := syntheticModel(cfg, 64)
	if err := whole.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name     string
		cancelAt int // batch after which the first run stops; 0 runs one whole epoch
	}{
		{"stopped after epoch 1", 0},
		// 48 training samples in batches of 16 make 3 batches an epoch, so
		// batch 5 is in epoch 2; the checkpoint holds epoch 1.
		{"cancelled in epoch 2", 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			first, train, val := syntheticModel(cfg, 64)
			first.Tokenizer = syntheticTokenizer()
			path := filepath.Join(t.TempDir(), "checkpoint.embedlab")
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			rec := &checkpointer{m: first, path: path}
			if tc.cancelAt == 0 {
				first.Config.Epochs = 1
			} else {
				rec.cancel, rec.cancelAt = cancel, tc.cancelAt
			}
			err := first.Fit(ctx, train, val, rec)
			if tc.cancelAt > 0 && !errors.Is(err, context.Canceled) {
				t.Fatalf("Fit = %v, want context.Canceled", err)
			} else if tc.cancelAt == 0 && err != nil {
				t.Fatal(err)
			}
			if rec.err != nil || rec.saves != 1 {
				t.Fatalf("checkpoints written = %d (error %v), want 1", rec.saves, rec.err)
			}

			resumed, err := Load(path)
			if err != nil {
				t.Fatal(err)
			}
			resumed.Config.Epochs = 3 - len(resumed.History)
			if err := resumed.Fit(context.Background(), train, val, nil); err != nil {
				t.Fatal(err)
			}

			if name := sameWeights(resumed, whole); name != "" {
				t.Errorf("%s differs from the uninterrupted run", name)
			}
			if len(resumed.History) != 3 {
				t.Fatalf("history has %d epochs, want 3", len(resumed.History))
			}
			for i, e := range resumed.History {
				w := whole.History[i]
				if e.Epoch != w.Epoch || e.Loss != w.Loss || e.Accuracy != w.Accuracy || e.ValLoss != w.ValLoss {
					t.Errorf("epoch %d = loss %v acc %v val_loss %v, want %v %v %v (epoch %d)",
						e.Epoch, e.Loss, e.Accuracy, e.ValLoss, w.Loss, w.Accuracy, w.ValLoss, w.Epoch)
				}
			}
		})
	}
}

func TestResumeWithoutStateDiffers(t *testing.T) {
	// Guards the test above: without the stored state, a resumed run is not
	// identical, so that test can fail.
	cfg := syntheticConfig()
	cfg.Epochs = 2
	whole, train, val := syntheticModel(cfg, 64)
	if err := whole.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	part, _, _ := syntheticModel(cfg, 64)
	part.Config.Epochs = 1
	if err := part.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	part.opt, part.shuffle, part.shuffleSrc = nil, nil, nil
	if err := part.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	if sameWeights(part, whole) == "" {
		t.Error("a run resumed without the optimiser state equals the uninterrupted one")
	}
}

// oldFile returns the file a version 1 program wrote for m: the same layout
// without the training state.
func oldFile(t *testing.T, m *Model) []byte {
	t.Helper()
	old := *m
	old.opt, old.shuffle, old.shuffleSrc = nil, nil, nil
	data, err := old.encode()
	if err != nil {
		t.Fatal(err)
	}
	hlen := int(binary.LittleEndian.Uint64(data))
	h := strings.Replace(string(data[8:8+hlen]), `"version":"2"`, `"version":"1"`, 1)
	if h == string(data[8:8+hlen]) {
		t.Fatal("the header holds no version 2")
	}
	h = withoutChecksum(h) // version 1 had no checksums
	return append(binary.LittleEndian.AppendUint64(nil, uint64(len(h))), append([]byte(h), data[8+hlen:]...)...)
}

func TestLoadVersion1(t *testing.T) {
	m := savedModel(t)
	path := filepath.Join(t.TempDir(), "old.embedlab")
	if err := os.WriteFile(path, oldFile(t, m), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatalf("Load of a version 1 file: %v", err)
	}
	if got.HasTrainingState() {
		t.Error("a version 1 file gave a model with training state")
	}
	if name := sameWeights(got, m); name != "" {
		t.Errorf("%s differs after loading the version 1 file", name)
	}

	// It trains on with a fresh Adam.
	x, y := synthetic(32, m.Config.MaxLen, 7)
	d := &Dataset{X: x, Y: y, MaxLen: m.Config.MaxLen}
	if err := got.Fit(context.Background(), d, nil, nil); err != nil {
		t.Fatal(err)
	}
	if got.opt.step != 2 || len(got.History) != 2 {
		t.Errorf("after one more epoch: adam step %d, history %d epochs; want 2 and 2", got.opt.step, len(got.History))
	}
}

func TestLoadRejectsTrainingState(t *testing.T) {
	m := savedModel(t)
	data, err := m.encode()
	if err != nil {
		t.Fatal(err)
	}
	hlen := int(binary.LittleEndian.Uint64(data))
	header := string(data[8 : 8+hlen])
	rewrite := func(edit func(string) string) []byte {
		h := edit(header)
		out := binary.LittleEndian.AppendUint64(nil, uint64(len(h)))
		return append(append(out, h...), data[8+hlen:]...)
	}
	dropKey := func(key string) func(string) string {
		return func(h string) string {
			var fields map[string]json.RawMessage
			if err := json.Unmarshal([]byte(h), &fields); err != nil {
				t.Fatal(err)
			}
			var meta map[string]string
			if err := json.Unmarshal(fields["__metadata__"], &meta); err != nil {
				t.Fatal(err)
			}
			if _, ok := meta[key]; !ok {
				t.Fatalf("the metadata has no %s", key)
			}
			delete(meta, key)
			b, err := json.Marshal(meta)
			if err != nil {
				t.Fatal(err)
			}
			fields["__metadata__"] = b
			out, err := json.Marshal(fields)
			if err != nil {
				t.Fatal(err)
			}
			return string(out)
		}
	}

	tests := []struct {
		name    string
		content []byte
		wantErr string
	}{
		{"moments cut off", data[:len(data)-8], "truncated or corrupt"},
		{"no shuffle state", rewrite(dropKey("shuffle_state")), "only one of the optimiser state and the shuffle state"},
		{"no optimizer", rewrite(dropKey("optimizer")), "only one of the optimiser state and the shuffle state"},
		{"bad shuffle base64", rewrite(func(h string) string { return strings.Replace(h, `"shuffle_state":"`, `"shuffle_state":"!`, 1) }), "not base64"},
		{"other optimizer", rewrite(func(h string) string { return strings.Replace(h, `\"name\":\"adam\"`, `\"name\":\"sgdw\"`, 1) }), `optimizer "sgdw" is not known`},
		{"step zero with moments", rewrite(func(h string) string { return strings.Replace(h, `\"step\":3`, `\"step\":0`, 1) }), "step 0 does not match"},
	}
	dir := t.TempDir()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			if err := os.WriteFile(path, tc.content, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Load = %v, want an error containing %q", err, tc.wantErr)
			}
			if got != nil {
				t.Error("Load returned a model along with the error")
			}
		})
	}
}

// labelledCorpus returns n documents per class over a small vocabulary.
func labelledCorpus(n int, extra string) *corpus.Corpus {
	c := &corpus.Corpus{Name: "tiny", Classes: []string{"neg", "pos"}}
	for i := range n {
		c.Docs = append(c.Docs,
			corpus.Document{Text: "a fine good film " + extra, Label: "pos"},
			corpus.Document{Text: "a dull bad film number " + string(rune('a'+i%26)), Label: "neg"})
	}
	return c
}

func TestPrepareResume(t *testing.T) {
	if !corpusTokenizerReady() {
		t.Skip("corpus tokenizer not implemented yet")
	}
	cfg := Config{NumWords: 20, Dim: 4, MaxLen: 6, Units: 3, Batch: 8, LR: 0.01, Epochs: 1, ValSplit: 0.25, Seed: 3}
	c := labelledCorpus(20, "")
	m, train, val, err := Prepare(c, cfg)
	if err != nil {
		t.Fatal(err)
	}

	gotTrain, gotVal, err := PrepareResume(m, c)
	if err != nil {
		t.Fatalf("PrepareResume on the same corpus: %v", err)
	}
	if !slices.Equal(gotTrain.X, train.X) || !slices.Equal(gotTrain.Y, train.Y) || !slices.Equal(gotVal.X, val.X) {
		t.Error("PrepareResume split the corpus differently from Prepare")
	}

	if _, _, err := PrepareResume(m, labelledCorpus(20, "extra words")); err == nil || !strings.Contains(err.Error(), "not the corpus the model was trained on") {
		t.Errorf("PrepareResume on another corpus = %v, want the other-corpus error", err)
	}
	other := labelledCorpus(20, "")
	other.Classes = []string{"bad", "good"}
	for i := range other.Docs {
		other.Docs[i].Label = map[string]string{"neg": "bad", "pos": "good"}[other.Docs[i].Label]
	}
	if _, _, err := PrepareResume(m, other); err == nil || !strings.Contains(err.Error(), "classes") {
		t.Errorf("PrepareResume with other classes = %v, want the classes error", err)
	}
}

func TestPredictStepsLastEqualsPredict(t *testing.T) {
	m := savedModel(t) // vocabulary: good 1, bad 2
	tests := []struct {
		name     string
		text     string
		wantKept []bool
	}{
		{"all known", "good bad good", []bool{true, true, true}},
		{"unknown words skipped", "Good, awful bad!", []bool{true, false, true}},
		{"no known words", "awful", []bool{false}},
		// maxlen 12: the first two of 14 known words are truncated.
		{"longer than maxlen", strings.Repeat("good bad ", 7), []bool{false, false, true, true, true, true, true, true, true, true, true, true, true, true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tokens, ids, steps, err := m.PredictSteps(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			if len(tokens) != len(tc.wantKept) || len(ids) != len(tokens) || len(steps) != len(tokens) {
				t.Fatalf("got %d tokens, %d ids, %d steps; want %d each", len(tokens), len(ids), len(steps), len(tc.wantKept))
			}
			last := -1
			for i, kept := range tc.wantKept {
				if (steps[i] != nil) != kept {
					t.Errorf("token %q: has a step = %v, want %v", tokens[i], steps[i] != nil, kept)
				}
				if steps[i] != nil {
					last = i
					if len(steps[i]) != 2 || math.Abs(float64(steps[i][0]+steps[i][1])-1) > 1e-6 {
						t.Errorf("token %q: probabilities %v, want two that sum to 1 (±1e-6)", tokens[i], steps[i])
					}
				}
			}

			want, err := m.PredictTexts([]string{tc.text})
			if err != nil {
				t.Fatal(err)
			}
			if last < 0 {
				return
			}
			// Same sequence, same arithmetic order: exactly equal.
			if got := steps[last][1]; got != want[0] {
				t.Errorf("last step = %v, want PredictTexts' %v", got, want[0])
			}
		})
	}

	t.Run("steps change along the text", func(t *testing.T) {
		_, _, steps, err := m.PredictSteps("good good bad bad")
		if err != nil {
			t.Fatal(err)
		}
		if steps[0][1] == steps[3][1] {
			t.Errorf("the first and last steps are equal (%v), so the steps do not follow the text", steps[0][1])
		}
	})
}

func TestPredictStepsWithoutTokenizer(t *testing.T) {
	m, _, _ := tinyModel()
	if _, _, _, err := m.PredictSteps("good"); err == nil || !strings.Contains(err.Error(), "no tokenizer") {
		t.Errorf("PredictSteps = %v, want the missing-tokenizer error", err)
	}
}

func TestCloneContinuesExactly(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Epochs = 1
	cfg.Dropout = 0.2
	m, train, val := syntheticModel(cfg, 64)
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	c := m.Clone()
	before := slices.Clone(m.Kernel)
	if err := c.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.Kernel, before) || len(m.History) != 1 {
		t.Error("training the clone changed the original")
	}
	if err := m.Fit(context.Background(), train, val, nil); err != nil {
		t.Fatal(err)
	}
	if name := sameWeights(m, c); name != "" {
		t.Errorf("%s differs between the original and the clone after one more epoch each", name)
	}
}

func TestPredictStepsSoftmax(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Head = HeadSoftmax
	m := newWeightsOut(cfg, 3, newRand(cfg.Seed, 0))
	m.Classes = []string{"neg", "neutral", "pos"}
	m.Tokenizer = syntheticTokenizer() // good 1, bad 2, film 3

	_, _, steps, err := m.PredictSteps("good film bad")
	if err != nil {
		t.Fatal(err)
	}
	x := corpus.PadSequences(m.Tokenizer.TextsToSequences([]string{"good film bad"}), cfg.MaxLen, "pre", "pre", 0)
	want := m.PredictProba(x)[0]
	if !slices.Equal(steps[2], want) {
		t.Errorf("last step = %v, want PredictProba's %v", steps[2], want)
	}
	for i, s := range steps {
		var sum float64
		for _, p := range s {
			sum += float64(p)
		}
		if len(s) != 3 || math.Abs(sum-1) > 1e-6 {
			t.Errorf("step %d = %v, want 3 probabilities that sum to 1 (±1e-6)", i, s)
		}
	}
}

// checkpointModel returns the seed configuration's 1,117,377 weights with
// Adam's moments, as a checkpoint after an epoch holds them.
func checkpointModel() *Model {
	m := newWeights(DefaultConfig(), newRand(1, 0))
	m.Classes = []string{"neg", "pos"}
	m.Tokenizer = syntheticTokenizer()
	m.opt = newAdam(0.001)
	m.opt.step = 1
	m.startShuffle()
	m.allocateState(true, false)
	return m
}

// BenchmarkLoadCheckpoint reads the file of BenchmarkSaveCheckpoint back,
// with its CRC-32 and the check for NaN and infinite values.
func BenchmarkLoadCheckpoint(b *testing.B) {
	path := filepath.Join(b.TempDir(), "m.embedlab")
	if err := checkpointModel().Save(path); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSaveCheckpoint saves the seed configuration's 1,117,377 weights
// with Adam's moments, as a checkpoint after every epoch does.
func BenchmarkSaveCheckpoint(b *testing.B) {
	m := checkpointModel()
	path := filepath.Join(b.TempDir(), "m.embedlab")
	b.ReportAllocs()
	for b.Loop() {
		if err := m.Save(path); err != nil {
			b.Fatal(err)
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(info.Size())/1e6, "MB")
}

func TestSetLearningRate(t *testing.T) {
	tests := []struct {
		name           string
		schedule       string
		before, after  float64
		wantConfigRate float64
	}{
		// The plateau schedule has lowered its rate to 0.001 after epoch 2.
		{"plateau", "plateau", 0.001, 0.003, 0.003},
		{"constant", "", 0.01, 0.003, 0.003},
		// step: 0.01·0.5^⌊2/1⌋ = 0.0025 before, 0.003·0.25 = 0.00075 after.
		{"step", "step", 0.0025, 0.00075, 0.003},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := syntheticConfig() // LR 0.01
			cfg.Schedule, cfg.LRFactor, cfg.LRStepEpochs = tc.schedule, 0.5, 1
			m := headModel(cfg, HeadBinary, 2)
			m.History = make([]EpochStats, 2)
			m.cb = newCallbacks(cfg)
			m.cb.LR = 0.001
			before, after, err := m.SetLearningRate(0.003)
			if err != nil {
				t.Fatal(err)
			}
			const tol = 1e-15
			if math.Abs(before-tc.before) > tol || math.Abs(after-tc.after) > tol {
				t.Errorf("SetLearningRate = %g, %g; want %g, %g", before, after, tc.before, tc.after)
			}
			if m.Config.LR != tc.wantConfigRate {
				t.Errorf("Config.LR = %g, want %g", m.Config.LR, tc.wantConfigRate)
			}
		})
	}

	m := headModel(syntheticConfig(), HeadBinary, 2)
	if _, _, err := m.SetLearningRate(0); err == nil || m.Config.LR != syntheticConfig().LR {
		t.Errorf("SetLearningRate(0) = %v with Config.LR %g; want an error and the rate unchanged", err, m.Config.LR)
	}
}

func TestTokenizerDifferenceNamesSegmenters(t *testing.T) {
	got := &corpus.Tokenizer{}
	want := &corpus.Tokenizer{Segmenter: corpus.SegmentWords}
	msg := tokenizerDifference(got, want).String()
	if !strings.Contains(msg, `"none"`) || !strings.Contains(msg, `"`+corpus.SegmentWords+`"`) {
		t.Errorf("difference = %q, want both segmenters named, the empty one as \"none\"", msg)
	}
}
