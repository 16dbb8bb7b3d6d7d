package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"

	"embedlab/internal/usermsg"
)

// Model files use the safetensors layout (https://github.com/huggingface/safetensors):
// an 8-byte little-endian header length, a JSON header naming each tensor
// with dtype, shape and byte range, then the little-endian tensor data. The
// header's "__metadata__" holds the config, tokenizer, classes and history
// as JSON strings, so Python's safetensors library can open the weights.
//
// Version 2 adds the training state after a Fit. Adam's moment estimates
// are the tensors "optimizer/m/<weight>" and "optimizer/v/<weight>", and its
// step and settings the metadata key "optimizer". The batch-order and
// dropout generators are under "shuffle_state" and "dropout_state", and a
// language model's candidate sampler under "sampler_state". The
// learning-rate schedule and early-stopping state are under "callbacks",
// with the best weights as "early_stopping/best/<weight>". Version 1 files
// lack all of these and still load. Version 3 marks a model that a version 2
// reader would misread: mask_zero, several or bidirectional layers, or the
// language model. Every other model is still written as version 2.
//
// The metadata key "crc32" holds the CRC-32 (IEEE, as Python's zlib.crc32
// computes it) of all bytes after the header, as 8 lower-case hex digits.
// Readers that predate it ignore it, and files without it still load, so
// the key needs no new format version. "meta_crc32" holds the CRC-32 of the
// other metadata (metaChecksum), so that a changed class name or vocabulary
// entry is caught too.
const (
	fileFormat      = "embedlab-model"
	fileVersion     = 3
	checksumKey     = "crc32"
	metaChecksumKey = "meta_crc32"

	// checksumPlaceholder is written in place of the checksum until the
	// data after the header is encoded.
	checksumPlaceholder = "00000000"

	// maxHeaderLen bounds the JSON header so a corrupt length cannot make
	// Load allocate without limit. A 1,000,000-word tokenizer needs about
	// 60 MB.
	maxHeaderLen = 512 << 20
)

type tensorHeader struct {
	DType       string   `json:"dtype"`
	Shape       []int    `json:"shape"`
	DataOffsets [2]int64 `json:"data_offsets"`
}

// Save writes m to path atomically: it writes a temporary file in the same
// folder, syncs it and renames it over path. The file holds the optimiser
// and batch-order state of the last Fit, so that Fit on the loaded model
// continues exactly where the saved one stopped.
//
// Save only reads m. It is safe to call from a Recorder's Epoch method,
// because Fit calls Epoch on its own goroutine between epochs, when the
// weights and the training state are consistent. It must not run on
// another goroutine while Fit runs.
func (m *Model) Save(path string) error {
	if err := m.checkWeights(); err != nil {
		return err
	}
	if err := checkFinite(append(m.shapes(), m.stateTensors()...)); err != nil {
		return usermsg.Errorf("model: not saving %s: %w, so training diverged; train again with a lower learning rate or with clipping", path, err)
	}
	data, err := m.encode()
	if err != nil {
		return err
	}

	if err := CheckSavePath(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return usermsg.Errorf("model: cannot save %s: %w; check that its folder is writable", path, err)
	}
	tmp := f.Name()
	// CreateTemp makes the file readable by its owner only; a model file is
	// an ordinary document.
	err = f.Chmod(0o644)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return usermsg.Errorf("model: saving %s failed: %w; check the free disk space and that the folder is writable", path, err)
	}
	return nil
}

// CheckSavePath reports whether Save could write path: its folder must exist
// and accept new files, and path must not be a folder. Callers check it
// before training so that a typo in the output path does not cost the run.
func CheckSavePath(path string) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return usermsg.Errorf("model: %s is a folder; give a file name for the model, such as %s", path, filepath.Join(path, "model.embedlab"))
	}
	dir := filepath.Dir(path)
	info, err := os.Stat(dir)
	if err != nil {
		return usermsg.Errorf("model: cannot save %s: folder %s does not exist; create it or choose another path", path, dir)
	}
	if !info.IsDir() {
		return usermsg.Errorf("model: cannot save %s: %s is not a folder; choose another path", path, dir)
	}
	probe, err := os.CreateTemp(dir, ".embedlab-write-test*")
	if err != nil {
		return usermsg.Errorf("model: cannot save %s: folder %s is not writable; choose another folder", path, dir)
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// encode returns the file contents for m.
func (m *Model) encode() ([]byte, error) {
	meta := map[string]string{"format": fileFormat, "version": strconv.Itoa(m.formatVersion())}
	if err := m.trainingStateMeta(meta); err != nil {
		return nil, err
	}
	for key, v := range map[string]any{"config": m.Config, "tokenizer": m.Tokenizer, "classes": m.Classes, "history": historyJSON(m.History)} {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, usermsg.Errorf("model: encoding the %s: %w", key, err)
		}
		meta[key] = string(b)
	}

	header := map[string]any{"__metadata__": meta}
	var offset int64
	tensors := append(m.shapes(), m.stateTensors()...)
	for _, t := range tensors {
		end := offset + 4*int64(len(t.data))
		header[t.name] = tensorHeader{DType: "F32", Shape: t.shape, DataOffsets: [2]int64{offset, end}}
		offset = end
	}
	// The checksum is 8 hex digits, so a placeholder of that length keeps
	// the header's length, and the real value replaces it once the data
	// that follows the header exists.
	meta[metaChecksumKey] = fmt.Sprintf("%08x", metaChecksum(meta))
	meta[checksumKey] = checksumPlaceholder
	hb, err := json.Marshal(header)
	if err != nil {
		return nil, usermsg.Errorf("model: encoding the file header: %w", err)
	}
	// Pad the header with spaces so the data starts 8-byte aligned, as the
	// safetensors format recommends.
	for len(hb)%8 != 0 {
		hb = append(hb, ' ')
	}

	out := make([]byte, 8, 8+len(hb)+int(offset))
	binary.LittleEndian.PutUint64(out, uint64(len(hb)))
	out = append(out, hb...)
	for _, t := range tensors {
		for _, v := range t.data {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(v))
		}
	}

	// Metadata values are JSON strings, whose quotes are escaped, so the
	// first unescaped match is the checksum entry itself.
	entry := []byte(`"` + checksumKey + `":"` + checksumPlaceholder + `"`)
	at := bytes.Index(out[8:8+len(hb)], entry)
	if at < 0 {
		panic("model: the encoded header lacks the checksum entry")
	}
	at += 8 + len(entry) - 1 - len(checksumPlaceholder)
	copy(out[at:], fmt.Sprintf("%08x", crc32.ChecksumIEEE(out[8+len(hb):])))
	return out, nil
}

// historyEntry is EpochStats with NaN, which JSON cannot hold, written as null.
type historyEntry struct {
	Epoch         int      `json:"epoch"`
	Loss          float64  `json:"loss"`
	Accuracy      float64  `json:"accuracy"`
	ValLoss       *float64 `json:"val_loss"`
	ValAccuracy   *float64 `json:"val_accuracy"`
	Seconds       float64  `json:"seconds"`
	SamplesPerSec float64  `json:"samples_per_s"`

	LR            float64         `json:"lr,omitempty"`
	PerClass      *[]ClassMetrics `json:"per_class,omitempty"`
	Events        *[]Event        `json:"events,omitempty"`
	ValPerplexity float64         `json:"val_perplexity,omitempty"`
	Unigram       float64         `json:"unigram_perplexity,omitempty"`
}

func historyJSON(h []EpochStats) []historyEntry {
	out := make([]historyEntry, len(h))
	for i, e := range h {
		out[i] = historyEntry{Epoch: e.Epoch, Loss: finite(e.Loss), Accuracy: finite(e.Accuracy),
			ValLoss: nullable(e.ValLoss), ValAccuracy: nullable(e.ValAccuracy),
			Seconds: finite(e.Seconds), SamplesPerSec: finite(e.SamplesPerSec),
			LR: finite(e.LR), PerClass: e.PerClass, Events: e.Events, ValPerplexity: finite(e.ValPerplexity),
			Unigram: finite(e.UnigramPerplexity)}
	}
	return out
}

func nullable(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

func fromNullable(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// Load reads a model written by Save. It rejects a truncated, corrupt or
// foreign file, or one written by a newer version, with an error naming
// path, and returns no partial model. A file whose tensor data does not
// match its stored CRC-32, or that holds a NaN or infinite value in any
// weight or training-state tensor, is rejected as damaged.
func Load(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usermsg.Errorf("model: %s does not exist; check the path, or train a model with 'embedlab train --out %s'", path, path)
	}
	if err != nil {
		return nil, usermsg.Errorf("model: cannot read %s: %w", path, err)
	}
	m, err := decode(data)
	var notModel *notModelError
	if errors.As(err, &notModel) {
		return nil, usermsg.Errorf("model: %s is not an Embedding Lab model file (%v); give a file written by 'embedlab train --out'", path, notModel.reason)
	}
	if err != nil {
		return nil, usermsg.Errorf("model: loading %s: %w", path, err)
	}
	return m, nil
}

// notModelError is the error of decoding data that is not a model file at
// all, as opposed to a damaged one.
type notModelError struct {
	reason usermsg.Message // the reason the data is not a model file
}

func (e *notModelError) Error() string {
	return "not an Embedding Lab model file: " + e.reason.String()
}

func notModel(format string, args ...any) error {
	return &notModelError{reason: usermsg.Sprintf(format, args...)}
}

// formatVersion returns the oldest format version that describes m. A
// program that predates an option then reports the file as newer instead
// of loading it wrongly (a version 2 reader ignores MaskZero) or calling it
// corrupt.
func (m *Model) formatVersion() int {
	c := m.Config
	if c.MaskZero || c.lstmLayers() > 1 || c.Bidirectional || c.isLM() {
		return 3
	}
	return 2
}

// decode parses the contents of a model file.
func decode(data []byte) (*Model, error) {
	if len(data) < 8 {
		return nil, notModel("the file is %d bytes, shorter than the 8-byte header length", len(data))
	}
	hlen := binary.LittleEndian.Uint64(data)
	if hlen > maxHeaderLen || hlen > uint64(len(data)-8) {
		return nil, notModel("its first 8 bytes do not give a header length that fits the file, so it is another kind of file or truncated")
	}
	var header map[string]json.RawMessage
	if err := json.Unmarshal(data[8:8+hlen], &header); err != nil {
		if bytes.Contains(data[8:8+hlen], []byte(`"format":"`+fileFormat+`"`)) {
			// The header names this format, so the file is one of ours
			// with bytes changed since it was written.
			return nil, usermsg.Errorf("the file is damaged: its header is not valid JSON (%v); use a backup or train again", err)
		}
		return nil, notModel("the header is not valid JSON: %v", err)
	}
	body := data[8+hlen:]

	var meta map[string]string
	if err := json.Unmarshal(header["__metadata__"], &meta); err != nil || meta["format"] != fileFormat {
		return nil, notModel("the header's __metadata__ lacks format %q", fileFormat)
	}
	version, err := strconv.Atoi(meta["version"])
	switch {
	case err != nil || version < 1:
		return nil, usermsg.Errorf("the format version %q is invalid; the file is corrupt", meta["version"])
	case version > fileVersion:
		return nil, usermsg.Errorf("the file has format version %d but this program reads up to version %d; update Embedding Lab", version, fileVersion)
	}

	m := &Model{}
	if err := decodeMeta(meta, m); err != nil {
		return nil, err
	}
	moments, best, err := decodeTrainingState(meta, m)
	if err != nil {
		return nil, err
	}
	// Check the size before allocating, so a corrupt config cannot ask for
	// gigabytes. The two moment estimates and the best weights are shaped
	// like the weights.
	var size int64
	for _, t := range m.shapes() {
		size += 4 * int64(t.size())
	}
	copies := 1
	if moments {
		copies += 2
	}
	if best {
		copies++
	}
	size *= int64(copies)
	switch n := int64(len(body)); {
	case n > size:
		return nil, usermsg.Errorf("the file has %d bytes after the last tensor; the file is damaged or something was appended to it", n-size)
	case n < size:
		return nil, usermsg.Errorf("the file has %d bytes of tensor data but its config needs %d; the file is truncated or corrupt", n, size)
	}
	if err := verifyChecksum(meta, body); err != nil {
		return nil, err
	}
	m.allocate()
	m.allocateState(moments, best)
	tensors := append(m.shapes(), m.stateTensors()...)
	if err := decodeTensors(header, body, tensors); err != nil {
		return nil, err
	}
	if err := checkFinite(tensors); err != nil {
		return nil, usermsg.Errorf("%w; the file is damaged, since training never saves such values; train the model again or use a copy of the file", err)
	}
	return m, nil
}

// metaChecksum returns the CRC-32 of the metadata entries other than the two
// checksums, each as key, NUL, value, NUL in the order of the keys.
func metaChecksum(meta map[string]string) uint32 {
	keys := make([]string, 0, len(meta))
	for k := range meta {
		if k != checksumKey && k != metaChecksumKey {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	h := crc32.NewIEEE()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
		h.Write([]byte(meta[k]))
		h.Write([]byte{0})
	}
	return h.Sum32()
}

// verifyChecksum compares the CRC-32 of body, and that of the metadata,
// with the ones stored in meta. Files written before a checksum existed
// have none and pass.
func verifyChecksum(meta map[string]string, body []byte) error {
	if stored, ok := meta[metaChecksumKey]; ok {
		if got := fmt.Sprintf("%08x", metaChecksum(meta)); got != stored {
			return usermsg.Errorf("the file is damaged: its metadata (settings, vocabulary, classes or history) does not match the checksum written with it (CRC-32 %s, stored %s); train the model again or use a copy of the file", got, stored)
		}
	}
	stored, ok := meta[checksumKey]
	if !ok {
		return nil
	}
	want, err := strconv.ParseUint(stored, 16, 32)
	if err != nil || len(stored) != 8 {
		return usermsg.Errorf("the checksum %q in the metadata is not 8 hex digits; the file is damaged", stored)
	}
	if got := crc32.ChecksumIEEE(body); got != uint32(want) {
		return usermsg.Errorf("the file is damaged: its data does not match the checksum written with it (CRC-32 %08x, stored %s); train the model again or use a copy of the file", got, stored)
	}
	return nil
}

// checkFinite returns an error naming the first tensor of ts that holds a
// NaN or infinite value, with the value's index.
func checkFinite(ts []tensor) error {
	for _, t := range ts {
		for i, v := range t.data {
			if v-v != 0 { // NaN for NaN and ±Inf, 0 for every finite v
				return usermsg.Errorf("tensor %s has the value %v at index %d", t.name, v, i)
			}
		}
	}
	return nil
}

// decodeMeta fills the config, tokenizer, classes and history of m.
func decodeMeta(meta map[string]string, m *Model) error {
	var history []historyEntry
	for _, f := range []struct {
		key string
		dst any
	}{{"config", &m.Config}, {"tokenizer", &m.Tokenizer}, {"classes", &m.Classes}, {"history", &history}} {
		s, ok := meta[f.key]
		if !ok {
			return usermsg.Errorf("the metadata has no %s; the file is corrupt", f.key)
		}
		if err := json.Unmarshal([]byte(s), f.dst); err != nil {
			return usermsg.Errorf("the %s in the metadata is invalid: %v", f.key, err)
		}
	}
	if err := m.Config.Validate(); err != nil {
		return usermsg.Errorf("the stored config is invalid: %w", err)
	}
	if m.Tokenizer == nil {
		return usermsg.Errorf("the metadata has no tokenizer; the file is corrupt")
	}
	if err := m.Tokenizer.Validate(); err != nil {
		return usermsg.Errorf("the stored tokenizer is invalid: %w; the file is corrupt or from a newer version", err)
	}
	if len(m.Classes) < 2 && !m.Config.isLM() {
		listed := usermsg.Sprintf("%d classes", len(m.Classes))
		if len(m.Classes) == 1 {
			listed = usermsg.Sprintf("1 class")
		}
		return usermsg.Errorf("the metadata lists %v, fewer than 2; the file is corrupt", listed)
	}
	for _, e := range history {
		m.History = append(m.History, EpochStats{Epoch: e.Epoch, Loss: e.Loss, Accuracy: e.Accuracy,
			ValLoss: fromNullable(e.ValLoss), ValAccuracy: fromNullable(e.ValAccuracy),
			Seconds: e.Seconds, SamplesPerSec: e.SamplesPerSec,
			LR: e.LR, PerClass: e.PerClass, Events: e.Events, ValPerplexity: e.ValPerplexity,
			UnigramPerplexity: e.Unigram})
	}
	return nil
}

// allocate makes weight tensors of the shapes m.Config gives.
func (m *Model) allocate() {
	g := newGradsOut(m.Config, m.Outputs())
	m.Embedding, m.Kernel, m.Recurrent, m.Bias, m.DenseW, m.DenseB = g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB
	m.Extra, m.Backward = g.Extra, g.Backward
}

// decodeTensors checks that the header lists exactly the tensors of want
// with their shapes, covering body without gaps, and copies them into want.
func decodeTensors(header map[string]json.RawMessage, body []byte, want []tensor) error {
	if len(header)-1 != len(want) {
		return usermsg.Errorf("the file lists %d tensors but this model needs %d; the file is corrupt", len(header)-1, len(want))
	}
	type span struct{ begin, end int64 }
	var spans []span
	for _, t := range want {
		raw, ok := header[t.name]
		if !ok {
			return usermsg.Errorf("the tensor %s is missing; the file is corrupt", t.name)
		}
		var th tensorHeader
		if err := json.Unmarshal(raw, &th); err != nil {
			return usermsg.Errorf("the entry of tensor %s is invalid: %v", t.name, err)
		}
		if th.DType != "F32" || fmt.Sprint(th.Shape) != fmt.Sprint(t.shape) {
			return usermsg.Errorf("tensor %s is %s %v but the config needs F32 %v; the file is corrupt", t.name, th.DType, th.Shape, t.shape)
		}
		b, e := th.DataOffsets[0], th.DataOffsets[1]
		if b < 0 || e-b != 4*int64(len(t.data)) || e > int64(len(body)) {
			return usermsg.Errorf("tensor %s has byte range %d to %d, which does not fit %d bytes of data; the file is truncated or corrupt", t.name, b, e, len(body))
		}
		for i := range t.data {
			t.data[i] = math.Float32frombits(binary.LittleEndian.Uint32(body[b+4*int64(i):]))
		}
		spans = append(spans, span{b, e})
	}

	sort.Slice(spans, func(i, j int) bool { return spans[i].begin < spans[j].begin })
	var at int64
	for _, s := range spans {
		if s.begin != at {
			return usermsg.Errorf("the tensors overlap or leave gaps in the data; the file is corrupt")
		}
		at = s.end
	}
	if at != int64(len(body)) {
		return usermsg.Errorf("the file has %d bytes after the last tensor; the file is corrupt", int64(len(body))-at)
	}
	return nil
}
