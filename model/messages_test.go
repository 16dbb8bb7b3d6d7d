package model

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"embedlab/internal/usermsg"
)

// testCatalog words a few of the package's formats for these tests only;
// the real Chinese catalog is checked against the formats in assets.
var testCatalog = usermsg.Catalog{
	"1 epoch": "1 轮",
	"stopped early after epoch %d: validation loss has not improved for %v; restored the weights of epoch %d (val_loss %.4f)": "第 %d 轮后停止，%v无改进，恢复第 %d 轮（%.4f）",
	"learning rate lowered to %.3g: validation loss has not improved for %v":                                                  "学习率降为 %.3g，%v无改进",
	"%v at epoch %d batch %d; lower the learning rate or enable clipping (the weights from before that batch were kept)":      "第 %[2]d 轮第 %[3]d 批：%[1]v",
	"loss became %v": "损失为 %v",
	"model: %s is not an Embedding Lab model file (%v); give a file written by 'embedlab train --out'": "%s 不是模型文件（%v）",
	"the file is %d bytes, shorter than the 8-byte header length":                                      "只有 %d 字节",
	"model: %v %d is out of range; use %d to %d":                                                       "%v为 %d，请用 %d 到 %d",
	"units": "单元数",
}

func TestEventTextMatchesMessage(t *testing.T) {
	cfg := syntheticConfig()
	cfg.Patience, cfg.Schedule, cfg.LRPatience = 1, "plateau", 1
	m := headModel(cfg, HeadBinary, 2)
	c := newCallbacks(cfg)
	c.epochEnd(m, 1, 0.5)
	events, _ := c.epochEnd(m, 2, 0.6)
	if len(events) != 2 {
		t.Fatalf("epochEnd gave %d events, want a rate change and an early stop", len(events))
	}
	// The rate after one plateau is cfg.LR times the default factor 0.1.
	want := []string{"学习率降为 " + strconv.FormatFloat(cfg.LR*0.1, 'g', 3, 64) + "，1 轮无改进", "第 2 轮后停止，1 轮无改进，恢复第 1 轮（0.5000）"}
	for i, e := range events {
		if e.Text.String() != e.Message {
			t.Errorf("event %d: Text %q, Message %q; want the same English text", i, e.Text.String(), e.Message)
		}
		if got := testCatalog.Message(e.Text); got != want[i] {
			t.Errorf("event %d: translated %q, want %q", i, got, want[i])
		}
	}
}

func TestMessagesTranslate(t *testing.T) {
	cfg := syntheticConfig()

	m, train, val := syntheticModel(cfg, 64)
	rec := &eventRecorder{m: m, nanAfterEpoch: 1}
	diverged := m.Fit(context.Background(), train, val, rec)

	notModel := filepath.Join(t.TempDir(), "short.embedlab")
	if err := os.WriteFile(notModel, []byte("abc"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, loadErr := Load(notModel)

	bad := cfg
	bad.Units = 0

	tests := []struct {
		name    string
		err     error
		english string // expected English text, for Error
		chinese string // expected text with testCatalog
	}{
		{"divergence", diverged,
			"model: loss became NaN at epoch 2 batch 1; lower the learning rate or enable clipping (the weights from before that batch were kept)",
			"第 2 轮第 1 批：损失为 NaN"},
		{"not a model file", loadErr,
			"model: " + notModel + " is not an Embedding Lab model file (the file is 3 bytes, shorter than the 8-byte header length); give a file written by 'embedlab train --out'",
			notModel + " 不是模型文件（只有 3 字节）"},
		{"config range", bad.Validate(),
			"model: units 0 is out of range; use 1 to " + strconv.Itoa(MaxUnits),
			"单元数为 0，请用 1 到 " + strconv.Itoa(MaxUnits)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil {
				t.Fatal("got no error")
			}
			if got := tc.err.Error(); got != tc.english {
				t.Errorf("Error() = %q, want %q", got, tc.english)
			}
			if got := testCatalog.Text(tc.err); got != tc.chinese {
				t.Errorf("translated = %q, want %q", got, tc.chinese)
			}
			var english usermsg.Catalog
			if got := english.Text(tc.err); got != strings.TrimPrefix(tc.english, "model: ") {
				t.Errorf("untranslated = %q, want the English text without its prefix", got)
			}
		})
	}
}
