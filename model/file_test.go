package model

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"embedlab/corpus"
)

// savedModel returns a trained synthetic model with a hand-made tokenizer,
// one epoch of history and no validation set, so the history holds NaN.
func savedModel(t *testing.T) *Model {
	t.Helper()
	cfg := syntheticConfig()
	cfg.Epochs = 1
	cfg.ValSplit = 0
	m, train, _ := syntheticModel(cfg, 40)
	if err := m.Fit(context.Background(), train, nil, nil); err != nil {
		t.Fatal(err)
	}
	m.Tokenizer = &corpus.Tokenizer{NumWords: 60, Filters: corpus.DefaultFilters, Lower: true, Split: " ",
		WordCounts: map[string]int{"good": 3, "bad": 2},
		WordIndex:  map[string]int{"good": 1, "bad": 2},
		IndexWord:  []string{"", "good", "bad"}, DocCount: 4}
	return m
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := savedModel(t)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}

	if got.Config != m.Config {
		t.Errorf("config = %+v, want %+v", got.Config, m.Config)
	}
	if !reflect.DeepEqual(got.Tokenizer, m.Tokenizer) {
		t.Errorf("tokenizer = %+v, want %+v", got.Tokenizer, m.Tokenizer)
	}
	if !slices.Equal(got.Classes, m.Classes) {
		t.Errorf("classes = %v, want %v", got.Classes, m.Classes)
	}
	for i, w := range m.params() {
		if !slices.Equal(got.params()[i], w) {
			t.Errorf("%s differs after the round trip", tensorNames[i])
		}
	}
	if len(got.History) != 1 || got.History[0].Loss != m.History[0].Loss || !math.IsNaN(got.History[0].ValLoss) {
		t.Errorf("history = %+v, want %+v", got.History, m.History)
	}

	// The loaded model predicts as the saved one.
	x, _ := synthetic(5, m.Config.MaxLen, 3)
	if a, b := m.Predict(x), got.Predict(x); !slices.Equal(a, b) {
		t.Errorf("predictions differ: %v and %v", a, b)
	}

	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the model (no temporary file)", len(entries))
	}
}

func TestSaveLayout(t *testing.T) {
	// Checks the safetensors layout that Python's safetensors library reads:
	// header length, JSON with string metadata, F32 tensors covering the data.
	m := savedModel(t)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}

	hlen := binary.LittleEndian.Uint64(data)
	if (8+hlen)%8 != 0 {
		t.Errorf("data starts at byte %d, want a multiple of 8", 8+hlen)
	}
	var header map[string]json.RawMessage
	if err := json.Unmarshal(data[8:8+hlen], &header); err != nil {
		t.Fatal(err)
	}

	var meta map[string]string
	if err := json.Unmarshal(header["__metadata__"], &meta); err != nil {
		t.Fatalf("metadata is not a string map: %v", err)
	}
	if meta["format"] != "embedlab-model" || meta["version"] != "2" {
		t.Errorf("metadata format, version = %q, %q", meta["format"], meta["version"])
	}

	var emb tensorHeader
	if err := json.Unmarshal(header["embedding/embeddings"], &emb); err != nil {
		t.Fatal(err)
	}
	if emb.DType != "F32" || !slices.Equal(emb.Shape, []int{60, 8}) {
		t.Errorf("embedding entry = %+v, want F32 [60 8]", emb)
	}
	first := math.Float32frombits(binary.LittleEndian.Uint32(data[8+hlen+uint64(emb.DataOffsets[0]):]))
	if first != m.Embedding[0] {
		t.Errorf("first embedding value in the file = %g, want %g", first, m.Embedding[0])
	}
}

func TestLoadRejects(t *testing.T) {
	m := savedModel(t)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.safetensors")
	if err := m.Save(good); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	hlen := int(binary.LittleEndian.Uint64(data))

	// rewriteHeader returns the file with a transformed JSON header.
	rewriteHeader := func(edit func(string) string) []byte {
		h := edit(string(data[8 : 8+hlen]))
		out := binary.LittleEndian.AppendUint64(nil, uint64(len(h)))
		out = append(out, h...)
		return append(out, data[8+hlen:]...)
	}
	tests := []struct {
		name    string
		content []byte
		wantErr string
	}{
		{"empty", nil, "shorter than the 8-byte header length"},
		{"truncated header", data[:8+hlen/2], "truncated"},
		{"truncated data", data[:len(data)-4], "truncated or corrupt"},
		{"extra data", append(slices.Clone(data), 0, 0, 0, 0), "has 4 bytes after the last tensor"},
		{"flipped byte", flipLastByte(data), "does not match the checksum written with it"},
		{"bad checksum", rewriteHeader(func(h string) string { return checksumField.ReplaceAllString(h, `"crc32":"xyz"`) }), `checksum "xyz"`},
		{"NaN without checksum", withNaN(rewriteHeader(withoutChecksum), false), "tensor embedding/embeddings has the value NaN at index 1; the file is damaged"},
		{"NaN with checksum", withNaN(data, true), "tensor embedding/embeddings has the value NaN at index 1; the file is damaged"},
		{"not JSON", rewriteHeader(func(h string) string { return "{" + h }), "not valid JSON"},
		{"other format", rewriteHeader(func(h string) string { return strings.Replace(h, "embedlab-model", "other-models", 1) }), "not an Embedding Lab model file"},
		{"newer version", rewriteHeader(func(h string) string { return strings.Replace(h, `"version":"2"`, `"version":"4"`, 1) }), "format version 4 but this program reads up to version 3"},
		{"bad dtype", rewriteHeader(func(h string) string { return strings.Replace(h, `"F32"`, `"F16"`, 1) }), "F16"},
		{"bad config", rewriteHeader(func(h string) string { return strings.Replace(h, `\"Units\":8`, `\"Units\":0`, 1) }), "units 0"},
		{"one class", rewriteHeader(func(h string) string { return strings.Replace(h, `[\"neg\",\"pos\"]`, `[\"neg\"]`, 1) }), "lists 1 class, fewer than 2"},
		{"huge config", rewriteHeader(func(h string) string { return strings.Replace(h, `\"NumWords\":60`, `\"NumWords\":900000`, 1) }), "truncated or corrupt"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_"))
			if err := os.WriteFile(path, tc.content, 0o644); err != nil {
				t.Fatal(err)
			}
			got, err := Load(path)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), path) {
				t.Errorf("Load = %v, want an error naming the file and containing %q", err, tc.wantErr)
			}
			if got != nil {
				t.Error("Load returned a model along with the error")
			}
		})
	}

	t.Run("missing file", func(t *testing.T) {
		if _, err := Load(filepath.Join(dir, "absent")); err == nil || !strings.Contains(err.Error(), "absent") {
			t.Errorf("Load = %v, want an error naming the file", err)
		}
	})
}

// checksumField matches the CRC-32 entry of a file's metadata.
var checksumField = regexp.MustCompile(`"crc32":"[0-9a-f]*"`)

// withoutChecksum removes the CRC-32 entry from a header, as files written
// before the checksum existed lack it.
func withoutChecksum(header string) string {
	return checksumField.ReplaceAllString(header, `"written_by":"an older version"`)
}

// flipLastByte returns a copy of a model file with the last data byte
// inverted.
func flipLastByte(data []byte) []byte {
	out := slices.Clone(data)
	out[len(out)-1] ^= 0xff
	return out
}

// withNaN returns a copy of a model file with a NaN as the second value of
// the embedding/embeddings tensor, and with its checksum recomputed when
// updateChecksum is set, as a tool that edits tensors would write it.
func withNaN(data []byte, updateChecksum bool) []byte {
	hlen := int(binary.LittleEndian.Uint64(data))
	var header map[string]json.RawMessage
	if err := json.Unmarshal(data[8:8+hlen], &header); err != nil {
		panic(err)
	}
	var emb tensorHeader
	if err := json.Unmarshal(header["embedding/embeddings"], &emb); err != nil {
		panic(err)
	}
	out := slices.Clone(data)
	body := out[8+hlen:]
	binary.LittleEndian.PutUint32(body[emb.DataOffsets[0]+4:], math.Float32bits(float32(math.NaN())))
	if !updateChecksum {
		return out
	}
	h := checksumField.ReplaceAllString(string(out[8:8+hlen]), fmt.Sprintf(`"crc32":"%08x"`, crc32.ChecksumIEEE(body)))
	return append(append(binary.LittleEndian.AppendUint64(nil, uint64(len(h))), h...), body...)
}

// TestLoadWithoutChecksum checks that a file written before the CRC-32
// existed still loads with the same weights.
func TestLoadWithoutChecksum(t *testing.T) {
	m := savedModel(t)
	data, err := m.encode()
	if err != nil {
		t.Fatal(err)
	}
	hlen := int(binary.LittleEndian.Uint64(data))
	header := string(data[8 : 8+hlen])
	if !checksumField.MatchString(header) {
		t.Fatalf("the header has no crc32 entry: %s", header)
	}
	h := withoutChecksum(header)
	old := append(append(binary.LittleEndian.AppendUint64(nil, uint64(len(h))), h...), data[8+hlen:]...)
	path := filepath.Join(t.TempDir(), "old.embedlab")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Load(path)
	if err != nil {
		t.Fatalf("Load of a file without checksum: %v", err)
	}
	if !slices.Equal(got.Embedding, m.Embedding) || !slices.Equal(got.DenseW, m.DenseW) {
		t.Error("the weights loaded from a file without checksum differ from the saved ones")
	}
}

func TestSaveRejectsNaN(t *testing.T) {
	m := savedModel(t)
	m.Recurrent[2] = float32(math.Inf(1))
	err := m.Save(filepath.Join(t.TempDir(), "m.embedlab"))
	if err == nil || !strings.Contains(err.Error(), "tensor lstm/recurrent_kernel has the value +Inf at index 2") {
		t.Errorf("Save = %v, want an error naming lstm/recurrent_kernel and index 2", err)
	}
}

func TestSaveKeepsOldFileOnError(t *testing.T) {
	m := savedModel(t)
	path := filepath.Join(t.TempDir(), "m.safetensors")
	if err := m.Save(path); err != nil {
		t.Fatal(err)
	}
	broken := *m
	broken.Kernel = broken.Kernel[:3]
	if err := broken.Save(path); err == nil || !strings.Contains(err.Error(), "lstm/kernel") {
		t.Errorf("Save = %v, want an error naming lstm/kernel", err)
	}
	if _, err := Load(path); err != nil {
		t.Errorf("the earlier file no longer loads: %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	m := &Model{Config: Config{NumWords: 4, Dim: 2, MaxLen: 3, Units: 1, Batch: 2, LR: 0.001, Epochs: 1}}
	m.allocate()
	m.Classes = []string{"a", "b"}
	m.Tokenizer = corpus.NewTokenizer(4)
	data, err := m.encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(data[:20])

	// A file with training state: moments, generators, callbacks and best weights.
	trained := m.Clone()
	trained.opt = newAdam(0.001)
	trained.opt.step = 1
	trained.startShuffle()
	trained.cb = newCallbacks(trained.Config)
	trained.allocateState(true, true)
	stateful, err := trained.encode()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(stateful)
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decode(b)
		if err == nil && got == nil {
			t.Error("decode returned neither a model nor an error")
		}
	})
}

func TestCheckSavePath(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, want string // want is a part of the error; "" for none
	}{
		{"new file", filepath.Join(dir, "m.embedlab"), ""},
		{"missing folder", filepath.Join(dir, "nope", "m.embedlab"), "does not exist"},
		{"folder", dir, "is a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSavePath(tc.path)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("CheckSavePath(%q) = %v, want nil", tc.path, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("CheckSavePath(%q) = %v, want an error containing %q", tc.path, err, tc.want)
			}
		})
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("CheckSavePath left %d files behind", len(entries))
	}
}

func TestFormatVersion(t *testing.T) {
	// A version 2 reader must see every option it would misread as a newer
	// file, and still read the models it understands.
	base := DefaultConfig()
	tests := []struct {
		name string
		edit func(*Config)
		want int
	}{
		{"seed model", func(*Config) {}, 2},
		{"softmax head", func(c *Config) { c.Head = HeadSoftmax }, 2},
		{"dropout and clipping", func(c *Config) { c.Dropout, c.ClipNorm = 0.5, 1 }, 2},
		{"mask_zero", func(c *Config) { c.MaskZero = true }, 3},
		{"two layers", func(c *Config) { c.Layers = 2 }, 3},
		{"bidirectional", func(c *Config) { c.Bidirectional = true }, 3},
		{"language model", func(c *Config) { c.Head = HeadLanguageModel }, 3},
	}
	for _, tc := range tests {
		cfg := base
		tc.edit(&cfg)
		m := &Model{Config: cfg}
		if got := m.formatVersion(); got != tc.want {
			t.Errorf("%s: formatVersion = %d, want %d", tc.name, got, tc.want)
		}
	}
}
