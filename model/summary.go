package model

import (
	"fmt"
	"strconv"
	"strings"
)

// LayerInfo describes one layer as Keras' model.summary() lists it.
type LayerInfo struct {
	Name        string // Keras' default layer name: "embedding", "lstm", "dense"
	Type        string // Keras class name: "Embedding", "LSTM", "Dense"
	OutputShape string // with None for the batch axis, such as "(None, 50, 100)"
	Params      int    // trainable parameters
}

// ConfigLayers returns the layers of a model of cfg whose Dense layer has
// outputs units (1 for two classes with a sigmoid), one row per LSTM layer
// (Keras' names lstm, lstm_1, …), with a Dropout layer after each LSTM
// layer but the top when cfg.LayerDropout is above 0, and one before the
// Dense layer when cfg.Dropout is above 0. A language model's top LSTM
// layer returns its sequence and its Dense layer has NumWords units on
// every step, and outputs is ignored. It needs no weights, so it
// describes a configuration before training.
func ConfigLayers(cfg Config, outputs int) []LayerInfo {
	d, u := cfg.Dim, cfg.Units
	layers := []LayerInfo{
		{Name: "embedding", Type: "Embedding", OutputShape: outputShape(cfg.MaxLen, d), Params: cfg.NumWords * d},
	}
	in, hw := d, cfg.lstmOut()
	for l := range cfg.lstmLayers() {
		// Keras' LSTM: an in×4U kernel, a U×4U recurrent kernel and a 4U
		// bias. All but the top layer return their whole sequence.
		shape := outputShape(hw)
		if l < cfg.lstmLayers()-1 || cfg.isLM() {
			shape = outputShape(cfg.MaxLen, hw)
		}
		info := LayerInfo{Name: LSTMLayerName(l), Type: "LSTM", OutputShape: shape, Params: 4*u*in + 4*u*u + 4*u}
		if cfg.Bidirectional {
			// Keras names the wrappers bidirectional, bidirectional_1, …
			info.Name = strings.Replace(info.Name, "lstm", "bidirectional", 1)
			info.Type, info.Params = "Bidirectional", 2*info.Params
		}
		layers = append(layers, info)
		in = hw
		if cfg.LayerDropout > 0 && l < cfg.lstmLayers()-1 {
			layers = append(layers, LayerInfo{Name: dropoutName(layers), Type: "Dropout", OutputShape: shape})
		}
	}
	top := outputShape(hw)
	if cfg.isLM() {
		// Every step predicts the next word: Dense(NumWords) on each.
		top, outputs = outputShape(cfg.MaxLen, hw), cfg.NumWords
	}
	if cfg.Dropout > 0 {
		layers = append(layers, LayerInfo{Name: dropoutName(layers), Type: "Dropout", OutputShape: top})
	}
	denseShape := outputShape(outputs)
	if cfg.isLM() {
		denseShape = outputShape(cfg.MaxLen, outputs)
	}
	return append(layers, LayerInfo{Name: "dense", Type: "Dense", OutputShape: denseShape, Params: hw*outputs + outputs})
}

// dropoutName returns Keras' default name for the next Dropout layer after
// layers: dropout, dropout_1, …
func dropoutName(layers []LayerInfo) string {
	n := 0
	for _, l := range layers {
		if l.Type == "Dropout" {
			n++
		}
	}
	if n == 0 {
		return "dropout"
	}
	return "dropout_" + strconv.Itoa(n)
}

// Layers returns the layers of m, taking the Dense layer's width from its
// weights.
func (m *Model) Layers() []LayerInfo {
	outputs := len(m.DenseB)
	if outputs == 0 {
		outputs = 1
	}
	return ConfigLayers(m.Config, outputs)
}

// Summary returns m's layer table as FormatSummary writes it.
func (m *Model) Summary() string { return FormatSummary(m.Layers()) }

// TotalParams returns the sum of the layers' parameters.
func TotalParams(layers []LayerInfo) int {
	total := 0
	for _, l := range layers {
		total += l.Params
	}
	return total
}

// FormatSummary writes layers as a plain-text table in the manner of Keras'
// model.summary(): one row per layer with its name and type, output shape
// and parameter count, then the total and its size in float32, and the
// trainable and non-trainable counts. Every weight of this model trains,
// so the non-trainable count is always 0.
func FormatSummary(layers []LayerInfo) string {
	headers := [3]string{"Layer (type)", "Output Shape", "Param #"}
	rows := make([][3]string, len(layers))
	widths := [3]int{len(headers[0]), len(headers[1]), len(headers[2])}
	for i, l := range layers {
		rows[i] = [3]string{l.Name + " (" + l.Type + ")", l.OutputShape, groupThousands(l.Params)}
		for k, cell := range rows[i] {
			widths[k] = max(widths[k], len(cell))
		}
	}

	var b strings.Builder
	line := strings.Repeat("─", widths[0]+widths[1]+widths[2]+6)
	writeRow := func(cells [3]string) {
		fmt.Fprintf(&b, "%-*s   %-*s   %*s\n", widths[0], cells[0], widths[1], cells[1], widths[2], cells[2])
	}
	writeRow(headers)
	b.WriteString(line + "\n")
	for _, r := range rows {
		writeRow(r)
	}
	b.WriteString(line + "\n")
	total := TotalParams(layers)
	fmt.Fprintf(&b, "Total params: %s (%s as float32)\n", groupThousands(total), formatBytes(4*int64(total)))
	fmt.Fprintf(&b, "Trainable params: %s (%s)\n", groupThousands(total), formatBytes(4*int64(total)))
	fmt.Fprintf(&b, "Non-trainable params: 0 (%s)\n", formatBytes(0))
	return b.String()
}

// outputShape formats an output shape with None for the batch axis.
func outputShape(dims ...int) string {
	parts := []string{"None"}
	for _, d := range dims {
		parts = append(parts, strconv.Itoa(d))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// groupThousands formats n with commas between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatBytes formats n bytes in binary units (1 MB = 2²⁰ bytes).
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.2f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.2f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
