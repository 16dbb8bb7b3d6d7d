package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"embedlab/corpus"
	"embedlab/model"
)

func TestTrainOptionsRoundTrip(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		got, err := h.a.Config()
		if err != nil {
			t.Fatal(err)
		}
		if want := model.DefaultConfig(); got != want {
			t.Errorf("default fields give %+v, want DefaultConfig %+v", got, want)
		}

		cfg := model.DefaultConfig()
		cfg.ClassWeight, cfg.Validation, cfg.Schedule, cfg.Patience = "balanced", "last", "plateau", 4
		cfg.LRFactor, cfg.LRStepEpochs, cfg.LRPatience, cfg.MinLR, cfg.ClipNorm, cfg.Dropout = 0.3, 5, 2, 1e-5, 2.5, 0.2
		cfg.LayerDropout, cfg.Objective, cfg.Samples = 0.1, "lm", 32
		h.a.SetConfig(cfg)
		got, err = h.a.Config()
		if err != nil {
			t.Fatal(err)
		}
		if got != cfg {
			t.Errorf("fields give %+v, want %+v", got, cfg)
		}
	})
}

func TestTrainOptionsValidation(t *testing.T) {
	h := newHarness(t, Options{})
	tests := []struct {
		name    string
		entry   func(o *trainOptions) *keyEntry
		text    string
		wantErr string
	}{
		{"patience not a number", func(o *trainOptions) *keyEntry { return o.patience }, "many", "Early stopping patience"},
		{"negative patience", func(o *trainOptions) *keyEntry { return o.patience }, "-2", "patience -2 is out of range"},
		{"dropout too high", func(o *trainOptions) *keyEntry { return o.dropout }, "0.95", "dropout 0.95 is out of range"},
		{"layer dropout too high", func(o *trainOptions) *keyEntry { return o.layerDropout }, "0.95", "layer dropout 0.95 is out of range"},
		{"clip norm text", func(o *trainOptions) *keyEntry { return o.clipNorm }, "big", "Clip gradient norm"},
		{"factor 1", func(o *trainOptions) *keyEntry { return o.lrFactor }, "1", "lr factor 1 is out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.do(func() {
				v := h.a.train
				v.setConfig(model.DefaultConfig())
				e := tc.entry(v.opts)
				e.SetText("")
				test.Type(e, tc.text)
				if !strings.Contains(v.configErr.Text, tc.wantErr) {
					t.Errorf("error label = %q, want it to contain %q", v.configErr.Text, tc.wantErr)
				}
				if !v.startBtn.Disabled() {
					t.Error("Start enabled with an invalid option")
				}
			})
		})
	}
	h.do(func() { h.a.train.setConfig(model.DefaultConfig()) })
}

func TestBaselineWarning(t *testing.T) {
	h := newHarness(t, Options{}) // the demo corpus is balanced
	h.do(func() {
		if h.a.train.opts.baseline.Visible() {
			t.Errorf("warning shown for the balanced demo corpus: %q", h.a.train.opts.baseline.Text)
		}
	})

	// 8 positive and 2 negative lines: the majority baseline is 0.8.
	dir := t.TempDir()
	pos, neg := filepath.Join(dir, "r.pos"), filepath.Join(dir, "r.neg")
	if err := os.WriteFile(pos, []byte(strings.Repeat("a fine good film\n", 8)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(neg, []byte("a dull film\nan awful plot\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.do(func() { h.a.LoadFiles(pos, neg) })
	if err := h.waitLoaded(); err != nil {
		t.Fatal(err)
	}
	h.do(func() {
		b := h.a.train.opts.baseline
		if !b.Visible() || !strings.Contains(b.Text, "80%") || !strings.Contains(b.Text, "pos") {
			t.Errorf("warning visible %v, text %q; want it shown naming pos and 80%%", b.Visible(), b.Text)
		}
	})
}

func TestTrainingShowsPerClassAndEvents(t *testing.T) {
	h := newHarness(t, Options{})
	cfg := tinyConfig()
	cfg.Epochs, cfg.Schedule, cfg.LRStepEpochs = 2, "step", 1
	h.do(func() {
		h.a.SetConfig(cfg)
		tapStart(t, h)
	})
	if err := h.waitTrained(); err != nil {
		t.Fatalf("training: %v", err)
	}
	h.do(func() {
		o := h.a.train.opts
		if !o.perClass.Visible() || !strings.Contains(o.perClass.Text, "epoch 2") {
			t.Errorf("per-class label visible %v, text %q; want the recall of epoch 2", o.perClass.Visible(), o.perClass.Text)
		}
		// The step schedule lowers the rate after epochs 1 and 2.
		if !o.events.Visible() || !strings.Contains(o.events.Text, "learning rate lowered") {
			t.Errorf("event label visible %v, text %q; want the step schedule's event", o.events.Visible(), o.events.Text)
		}
	})
}

func TestEventMarkers(t *testing.T) {
	// A resumed run (one epoch before it) of 10 batches per epoch: epoch 3
	// is this run's second, steps 11 to 20, so its end is step 20 and its
	// batch 4 is step 14.
	p := progress{Info: model.TrainInfo{BatchesPerEpoch: 10}, Offset: 1, Events: []model.Event{
		{Epoch: 3, Kind: model.EventLR},
		{Epoch: 3, Batch: 4, Kind: model.EventDiverged},
	}}
	got := eventMarkers(p)
	if len(got) != 2 || got[0].Step != 20 || got[1].Step != 14 || got[1].Label != "diverged" {
		t.Errorf("markers = %+v, want steps 20 and 14, the second labelled diverged", got)
	}
}

func TestValidationFile(t *testing.T) {
	h := newHarness(t, Options{})
	loadReviews(t, h, 20) // classes neg and pos
	val := filepath.Join(t.TempDir(), "val.csv")
	if err := os.WriteFile(val, []byte("text,label\na good film,pos\na dull film,neg\nfine actors,pos\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.open = []string{val}

	var prepare func(context.Context, *corpus.Corpus, model.Config) (*model.Model, *model.Dataset, *model.Dataset, error)
	var c *corpus.Corpus
	h.do(func() {
		o := h.a.train.opts
		test.Tap(o.valChoose)
		if o.valLabel.Text != "val.csv" || o.valClear.Disabled() {
			t.Errorf("label %q, Clear disabled %v; want val.csv and Clear enabled", o.valLabel.Text, o.valClear.Disabled())
		}
		prepare, c = o.preparer(), h.a.current
	})
	_, train, valSet, err := prepare(context.Background(), c, tinyConfig())
	if err != nil {
		t.Fatal(err)
	}
	if valSet.Len() != 3 || train.Len() != 40 {
		t.Errorf("training, validation samples = %d, %d; want all 40 reviews and the 3 rows of val.csv", train.Len(), valSet.Len())
	}

	h.do(func() {
		o := h.a.train.opts
		test.Tap(o.valClear)
		if o.valPath != "" || !o.valClear.Disabled() {
			t.Errorf("after Clear the path is %q, Clear disabled %v; want none and disabled", o.valPath, o.valClear.Disabled())
		}
	})
}
