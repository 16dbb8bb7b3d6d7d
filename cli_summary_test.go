package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"embedlab/corpus"
	"embedlab/model"
)

// The seed configuration's count, 1,117,377, is the count Keras'
// model.summary() reports for Embedding(10000, 100) → LSTM(128) → Dense(1)
// on sequences of 50 ids.
func TestSummaryConfig(t *testing.T) {
	cases := []struct {
		name  string
		args  []string
		wants []string
	}{
		{"seed", nil, []string{"embedding (Embedding)", "(None, 50, 100)", "1,000,000", "lstm (LSTM)", "117,248", "(None, 1)", "129", "Total params: 1,117,377"}},
		// 4·64·(32+64+1) = 24,832 LSTM and 64·5+5 = 325 Dense parameters.
		{"softmax", []string{"--num-words", "500", "--dim", "32", "--units", "64", "--maxlen", "20", "--head", "softmax", "--classes", "5"},
			[]string{"(None, 20, 32)", "16,000", "(None, 64)", "24,832", "(None, 5)", "325", "Total params: 41,157"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runSummary(tc.args, &stdout, &stderr); code != 0 {
				t.Fatalf("exit status %d, stderr %q", code, stderr.String())
			}
			for _, want := range tc.wants {
				if !strings.Contains(stdout.String(), want) {
					t.Errorf("output lacks %q:\n%s", want, stdout.String())
				}
			}
		})
	}
}

func TestSummaryJSON(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runSummary([]string{"--json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, stderr.String())
	}
	var got struct {
		Layers []struct {
			Name        string `json:"name"`
			OutputShape string `json:"output_shape"`
			Params      int    `json:"params"`
		} `json:"layers"`
		Total        int  `json:"total_params"`
		Trainable    int  `json:"trainable_params"`
		NonTrainable *int `json:"non_trainable_params"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, stdout.String())
	}
	if got.Total != 1_117_377 {
		t.Errorf("total_params = %d, want 1117377", got.Total)
	}
	if got.Trainable != got.Total || got.NonTrainable == nil || *got.NonTrainable != 0 {
		t.Errorf("trainable_params = %d, non_trainable_params = %v; want %d and 0", got.Trainable, got.NonTrainable, got.Total)
	}
	if len(got.Layers) != 3 || got.Layers[1].Name != "lstm" || got.Layers[1].Params != 117_248 {
		t.Errorf("layers = %+v, want embedding, lstm with 117248 params, dense", got.Layers)
	}
}

// TestSummaryModel saves a small model and checks that the summary reads
// its configuration from the file.
func TestSummaryModel(t *testing.T) {
	cfg := model.DefaultConfig()
	cfg.NumWords, cfg.Dim, cfg.Units, cfg.MaxLen, cfg.Epochs = 40, 8, 6, 12, 1
	m, _, _, err := model.Prepare(corpus.Demo("en", 1), cfg)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "small.embedlab")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}

	var stdout, stderr bytes.Buffer
	if code := runSummary([]string{"--model", path}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit status %d, stderr %q", code, stderr.String())
	}
	// 40·8 = 320; 4·6·(8+6+1) = 360; 6+1 = 7; 687 in all.
	for _, want := range []string{"(None, 12, 8)", "320", "(None, 6)", "360", "(None, 1)", "Total params: 687"} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, stdout.String())
		}
	}
}

func TestSummaryErrors(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"missing model", []string{"--model", filepath.Join(t.TempDir(), "none.embedlab")}, "none.embedlab"},
		{"model with config flag", []string{"--model", "m.embedlab", "--units", "3"}, "--units cannot change a saved model"},
		{"binary with classes", []string{"--classes", "3"}, "--classes 3 does not fit the binary head"},
		{"unknown head", []string{"--head", "tanh"}, `--head "tanh" is not known`},
		{"too few classes", []string{"--head", "softmax", "--classes", "1"}, "--classes 1 is out of range"},
		{"invalid units", []string{"--units", "0"}, "units 0 is out of range"},
		{"positional", []string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := runSummary(tc.args, &stdout, &stderr); code != 1 {
				t.Errorf("exit status %d, want 1", code)
			}
			if !strings.HasPrefix(stderr.String(), "embedlab summary: ") || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr = %q, want an 'embedlab summary: ' line containing %q", stderr.String(), tc.want)
			}
		})
	}
}
