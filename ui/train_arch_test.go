package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"embedlab/model"
)

func TestTrainOptionsArchitecture(t *testing.T) {
	h := newHarness(t, Options{})
	h.do(func() {
		cfg := model.DefaultConfig()
		cfg.Layers, cfg.MaskZero, cfg.Bidirectional = 3, true, true
		h.a.SetConfig(cfg)
		got, err := h.a.Config()
		if err != nil {
			t.Fatal(err)
		}
		if got != cfg {
			t.Errorf("fields give %+v, want %+v", got, cfg)
		}

		// One layer shows as 1 and is stored as DefaultConfig's 0.
		h.a.SetConfig(model.DefaultConfig())
		o := h.a.train.opts
		if o.layers.Text != "1" || o.maskZero.Checked || o.bidirectional.Checked {
			t.Errorf("default fields show layers %q, mask %v, bidirectional %v; want 1 and unchecked",
				o.layers.Text, o.maskZero.Checked, o.bidirectional.Checked)
		}

		v := h.a.train
		o.layers.SetText("")
		test.Type(o.layers, "5")
		if !strings.Contains(v.configErr.Text, "layers 5 is out of range") {
			t.Errorf("error label = %q, want the layers range", v.configErr.Text)
		}
		if !v.startBtn.Disabled() {
			t.Error("Start enabled with 5 layers")
		}
		v.setConfig(model.DefaultConfig())
	})
}
