package ui

import (
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"embedlab/internal/usermsg"
	"embedlab/model"
)

// TestEngineMessagesInChinese loads the Chinese catalog of engine messages
// directly, since switching the window's language races with the chart
// goroutines, and checks that query errors, load warnings and model file
// errors reach the window in Chinese. The expected fragments come from
// assets/messages/*.zh_Hans.json.
func TestEngineMessagesInChinese(t *testing.T) {
	done, modelDone := make(chan error, 2), make(chan error, 2)
	h := newHarness(t, Options{
		OnVectorsDone: func(_ string, err error) { done <- err },
		OnModelDone:   func(_ string, err error) { modelDone <- err },
	})
	setMessageCatalog(true)
	t.Cleanup(func() { setMessageCatalog(false) })

	// The count line announces one vector more than the file holds.
	path := writeToyVectors(t, t.TempDir(), "toy.txt", len(toyVectors)+1)
	h.open = []string{path}
	h.do(func() { test.Tap(h.a.explore.tools.importBtn) })
	if err := waitDone(t, done); err != nil {
		t.Fatalf("import: %v", err)
	}
	v := h.a.explore
	h.do(func() {
		want := "计数行声明有 " + strconv.Itoa(len(toyVectors)+1) + " 个向量"
		if !strings.Contains(v.hint.Text, want) {
			t.Errorf("hint %q lacks the Chinese warning %q", v.hint.Text, want)
		}

		v.word.SetText("nowhere")
		test.Tap(v.findBtn)
		if want := `词表中没有 "nowhere"`; !strings.Contains(v.queryErr.Text, want) {
			t.Errorf("neighbour error %q, want it to contain %q", v.queryErr.Text, want)
		}

		tl := v.tools
		tl.anaA.SetText("man")
		tl.anaB.SetText("king")
		tl.anaC.SetText("nowhere")
		test.Tap(tl.anaBtn)
		if want := `词表中没有 "nowhere"`; tl.anaResult.Importance != widget.DangerImportance || !strings.Contains(tl.anaResult.Text, want) {
			t.Errorf("analogy result %q, want an error containing %q", tl.anaResult.Text, want)
		}

		tl.oddWords.SetText("king queen")
		test.Tap(tl.oddBtn)
		if want := "找不同至少需要 3 个词"; !strings.Contains(tl.oddResult.Text, want) {
			t.Errorf("odd-one-out result %q, want it to contain %q", tl.oddResult.Text, want)
		}
	})

	// A text file opened as a model.
	pos, _ := reviewFiles(t, t.TempDir(), 3)
	h.open = []string{pos}
	h.do(h.a.OpenModel)
	if err := waitErr(t, modelDone); err == nil {
		t.Fatal("opening a text file as a model gave no error")
	}
	h.do(func() {
		if want := "不是 Embedding Lab 模型文件"; !strings.Contains(overlayTexts(h.w), want) {
			t.Errorf("error dialog shows %q, want it to contain %q", overlayTexts(h.w), want)
		}
	})
}

func TestEventMessageUsesCatalog(t *testing.T) {
	setMessageCatalog(true)
	t.Cleanup(func() { setMessageCatalog(false) })
	text := usermsg.Sprintf("%d epochs", 3)
	tests := []struct {
		name  string
		event model.Event
		want  string // from assets/messages/model.zh_Hans.json
	}{
		{"made by training", model.Event{Message: text.String(), Text: text}, "3 轮"},
		{"read from a model file", model.Event{Message: "3 epochs"}, "3 epochs"},
	}
	for _, tc := range tests {
		if got := eventMessage(tc.event); got != tc.want {
			t.Errorf("%s: eventMessage = %q, want %q", tc.name, got, tc.want)
		}
	}
}
