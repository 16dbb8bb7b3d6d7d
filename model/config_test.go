package model

import (
	"math"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Config)
		wantErr string // substring; empty means valid
	}{
		{"default", func(*Config) {}, ""},
		{"smallest", func(c *Config) { *c = Config{NumWords: 2, Dim: 1, MaxLen: 1, Units: 1, Batch: 1, LR: 1e-9, Epochs: 1} }, ""},
		{"val split 0.9", func(c *Config) { c.ValSplit = 0.9 }, ""},
		{"maxlen 0", func(c *Config) { c.MaxLen = 0 }, "model: maxlen 0 is out of range; use 1 to 10000"},
		{"numwords 1", func(c *Config) { c.NumWords = 1 }, "vocabulary size (num_words) 1 is out of range"},
		{"numwords huge", func(c *Config) { c.NumWords = MaxNumWords + 1 }, "vocabulary size (num_words) 1000001"},
		{"dim negative", func(c *Config) { c.Dim = -3 }, "dim -3"},
		{"units 0", func(c *Config) { c.Units = 0 }, "units 0"},
		{"batch 0", func(c *Config) { c.Batch = 0 }, "batch 0"},
		{"epochs 0", func(c *Config) { c.Epochs = 0 }, "epochs 0"},
		{"lr 0", func(c *Config) { c.LR = 0 }, "learning rate 0"},
		{"lr NaN", func(c *Config) { c.LR = math.NaN() }, "learning rate NaN"},
		{"lr 2", func(c *Config) { c.LR = 2 }, "learning rate 2"},
		{"val split 0.95", func(c *Config) { c.ValSplit = 0.95 }, "validation split 0.95 is out of range; use 0 to 0.9"},
		{"val split negative", func(c *Config) { c.ValSplit = -0.1 }, "validation split -0.1"},
		{"val split NaN", func(c *Config) { c.ValSplit = math.NaN() }, "validation split NaN"},
		{"too much memory", func(c *Config) { c.MaxLen, c.Batch = MaxMaxLen, MaxBatch }, "GiB to train"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := DefaultConfig()
			tc.edit(&c)
			err := c.Validate()
			switch {
			case tc.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
				t.Errorf("Validate() = %v, want an error containing %q", err, tc.wantErr)
			}
		})
	}
}

func TestTrainingBytes(t *testing.T) {
	// The default model: 10000·100 + 100·512 + 128·512 + 512 + 128 + 1 =
	// 1,117,377 weights, stored 4 times, plus 50·32·(200 + 1408) batch
	// values, 4 bytes each.
	want := int64(4 * (4*1117377 + 50*32*(200+1408)))
	if got := DefaultConfig().TrainingBytes(); got != want {
		t.Errorf("TrainingBytes() = %d, want %d", got, want)
	}
}
