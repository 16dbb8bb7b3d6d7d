package model

import (
	"strings"
	"testing"
)

// The expected counts follow from the shapes of Embedding(10000, 100),
// LSTM(128) and Dense(1) on sequences of 50 ids: 10000·100;
// 4·128·(100+128+1); 128·1+1. Their total, 1,117,377, is the count Keras'
// model.summary() reports for the classic model.
func TestConfigLayersSeed(t *testing.T) {
	layers := ConfigLayers(DefaultConfig(), 1)
	want := []LayerInfo{
		{"embedding", "Embedding", "(None, 50, 100)", 1_000_000},
		{"lstm", "LSTM", "(None, 128)", 117_248},
		{"dense", "Dense", "(None, 1)", 129},
	}
	if len(layers) != len(want) {
		t.Fatalf("got %d layers, want %d", len(layers), len(want))
	}
	for i := range want {
		if layers[i] != want[i] {
			t.Errorf("layer %d = %+v, want %+v", i, layers[i], want[i])
		}
	}
	if got := TotalParams(layers); got != 1_117_377 {
		t.Errorf("TotalParams = %d, want 1117377", got)
	}
}

// TestLayersMatchWeights checks the counts against the weight slices a
// model is built with, for a softmax-sized Dense layer too.
func TestLayersMatchWeights(t *testing.T) {
	for _, outputs := range []int{1, 3} {
		cfg := Config{NumWords: 30, Dim: 7, MaxLen: 5, Units: 4, Batch: 2, LR: 0.01, Epochs: 1}
		m := newWeights(cfg, newRand(1, 0))
		m.DenseW = make([]float32, cfg.Units*outputs)
		m.DenseB = make([]float32, outputs)
		sizes := []int{len(m.Embedding), len(m.Kernel) + len(m.Recurrent) + len(m.Bias), len(m.DenseW) + len(m.DenseB)}
		for i, l := range m.Layers() {
			if l.Params != sizes[i] {
				t.Errorf("outputs %d: layer %s has %d params, want %d from the weights", outputs, l.Name, l.Params, sizes[i])
			}
		}
		if got, want := m.Layers()[2].OutputShape, outputShape(outputs); got != want {
			t.Errorf("outputs %d: dense shape %q, want %q", outputs, got, want)
		}
	}
}

// Keras lists Dropout as a layer without parameters.
func TestConfigLayersDropout(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Dropout = 0.2
	layers := ConfigLayers(cfg, 1)
	names := make([]string, len(layers))
	for i, l := range layers {
		names[i] = l.Name
	}
	if got, want := strings.Join(names, " "), "embedding lstm dropout dense"; got != want {
		t.Fatalf("layers %q, want %q", got, want)
	}
	if l := layers[2]; l.OutputShape != "(None, 128)" || l.Params != 0 {
		t.Errorf("dropout layer = %+v, want shape (None, 128) and 0 params", l)
	}
	if got := TotalParams(layers); got != 1_117_377 {
		t.Errorf("TotalParams = %d, want 1117377 as without dropout", got)
	}
}

func TestFormatSummary(t *testing.T) {
	text := FormatSummary(ConfigLayers(DefaultConfig(), 1))
	for _, want := range []string{
		"Layer (type)", "Output Shape", "Param #",
		"embedding (Embedding)", "(None, 50, 100)", "1,000,000",
		"lstm (LSTM)", "(None, 128)", "117,248",
		"dense (Dense)", "(None, 1)", "129",
		// 1,117,377 float32 values are 4,469,508 bytes, 4.26 MiB.
		"Total params: 1,117,377 (4.26 MB as float32)",
		// Keras lists trainable and frozen weights; every weight here trains.
		"Trainable params: 1,117,377 (4.26 MB)",
		"Non-trainable params: 0 (0 B)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) != 9 {
		t.Errorf("got %d lines, want 9 (header, rule, 3 layers, rule, total, trainable, non-trainable):\n%s", len(lines), text)
	}
}

func TestGroupThousands(t *testing.T) {
	cases := []struct {
		n    int
		want string
	}{
		{0, "0"}, {999, "999"}, {1000, "1,000"}, {117248, "117,248"},
		{1117377, "1,117,377"}, {-1234567, "-1,234,567"},
	}
	for _, tc := range cases {
		if got := groupThousands(tc.n); got != tc.want {
			t.Errorf("groupThousands(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
