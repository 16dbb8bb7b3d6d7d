package usermsg

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
)

// zh is a small catalog; its entries are worded for these tests only.
var zh = Catalog{
	"line %d of %s: %v": "%[2]s 第 %[1]d 行：%[3]v",
	"label %q is empty": "标签 %q 为空",
	"loading %s: %w":    "载入 %s 时出错：%w",
	"%d words skipped":  "跳过了 %d 个词",
	pathNotExist:        "%s：文件或文件夹 %s 不存在",
	pathPermission:      "%s：没有读写 %s 的权限",
	pathOther:           "%s %s：%v",
	reasonNotExist:      "文件或文件夹不存在",
	reasonPermission:    "没有权限",
	reasonIsDir:         "这是文件夹，不是文件",
	reasonNotDir:        "路径中的某一部分不是文件夹",
	listPair:            "%s、%s",
	listMore:            "%s 等",
}

func TestErrorfMatchesFmt(t *testing.T) {
	inner := errors.New("inner")
	tests := []struct {
		format string
		args   []any
	}{
		{"plain", nil},
		{"line %d of %s: %v", []any{3, "a.csv", "bad"}},
		{"loading %s: %w", []any{"m.embedlab", inner}},
		{"two: %w and %w", []any{inner, fs.ErrNotExist}},
	}
	for _, tc := range tests {
		got, want := Errorf(tc.format, tc.args...), fmt.Errorf(tc.format, tc.args...)
		if got.Error() != want.Error() {
			t.Errorf("Errorf(%q).Error() = %q, want %q", tc.format, got.Error(), want.Error())
		}
		for _, target := range []error{inner, fs.ErrNotExist} {
			if errors.Is(got, target) != errors.Is(want, target) {
				t.Errorf("errors.Is(Errorf(%q), %v) = %v, fmt.Errorf gives %v", tc.format, target, errors.Is(got, target), errors.Is(want, target))
			}
		}
	}
}

func TestCatalogText(t *testing.T) {
	_, missing := os.Open(filepath.Join(t.TempDir(), "gone.txt"))
	nested := Errorf("model: loading %s: %w", "m.embedlab",
		Errorf("line %d of %s: %v", 4, "a.csv", Sprintf("label %q is empty", "x")))
	tests := []struct {
		name string
		c    Catalog
		err  error
		want string
	}{
		{"english", nil, nested, `loading m.embedlab: line 4 of a.csv: label "x" is empty`},
		{"nested", zh, Errorf("loading %s: %w", "m.embedlab",
			Errorf("line %d of %s: %v", 4, "a.csv", Sprintf("label %q is empty", "x"))),
			`载入 m.embedlab 时出错：a.csv 第 4 行：标签 "x" 为空`},
		{"untranslated format stays English", zh, Errorf("corpus: no %s", "words"), "no words"},
		{"foreign error inside", zh, Errorf("loading %s: %w", "f", errors.New("corpus: odd")), "载入 f 时出错：odd"},
		{"missing file", zh, missing, "open：文件或文件夹 " + filepath.Join(filepath.Dir(missing.(*fs.PathError).Path), "gone.txt") + " 不存在"},
		{"missing file english", nil, missing, missing.Error()},
		{"message argument", zh, Errorf("line %d of %s: %v", 1, "b", Sprintf("%d words skipped", 2)), "b 第 1 行：跳过了 2 个词"},
	}
	for _, tc := range tests {
		if got := tc.c.Text(tc.err); got != tc.want {
			t.Errorf("%s: Text = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestCatalogMessage(t *testing.T) {
	m := Sprintf("%d words skipped", 7)
	if got, want := m.String(), "7 words skipped"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got, want := zh.Message(m), "跳过了 7 个词"; got != want {
		t.Errorf("Message = %q, want %q", got, want)
	}
	if got := Catalog(nil).Message(m); got != "7 words skipped" {
		t.Errorf("nil catalog: Message = %q, want the English text", got)
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		more    bool
		items   []string
		english string
		chinese string
	}{
		{false, nil, "", ""},
		{false, []string{"5"}, "5", "5"},
		{false, []string{"5", "14", "23"}, "5, 14, 23", "5、14、23"},
		{true, []string{"5", "14"}, "5, 14, …", "5、14 等"},
	}
	for _, tc := range tests {
		m := List(tc.more, tc.items...)
		if got := m.String(); got != tc.english {
			t.Errorf("List(%v, %q).String() = %q, want %q", tc.more, tc.items, got, tc.english)
		}
		if got := zh.Message(m); got != tc.chinese {
			t.Errorf("List(%v, %q) in Chinese = %q, want %q", tc.more, tc.items, got, tc.chinese)
		}
	}

	// Inside another message the list is worded too.
	outer := Errorf("loading %s: %w", List(false, "a.txt", "b.txt"), errors.New("x"))
	if got, want := zh.Text(outer), "载入 a.txt、b.txt 时出错：x"; got != want {
		t.Errorf("list inside a message = %q, want %q", got, want)
	}
}

// TestCatalogWordsSystemReasons checks the reasons of path errors made by
// the system, on their own and inside a message, as a corpus load puts
// them. A rare reason keeps the system's words.
func TestCatalogWordsSystemReasons(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows reports these cases with other error numbers")
	}
	dir := t.TempDir()
	_, missing := os.Open(filepath.Join(dir, "gone.txt"))
	_, folder := os.ReadFile(dir)
	file := filepath.Join(dir, "file.txt")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, notDir := os.Stat(filepath.Join(file, "inside.txt"))
	reason := func(err error) error {
		t.Helper()
		var pe *fs.PathError
		if !errors.As(err, &pe) {
			t.Fatalf("%v is not a path error", err)
		}
		return pe.Err
	}

	tests := []struct {
		name string
		err  error
		want string
	}{
		{"missing file", reason(missing), "文件或文件夹不存在"},
		{"permission", syscall.EACCES, "没有权限"},
		{"folder read as a file", reason(folder), "这是文件夹，不是文件"},
		{"file inside a file", reason(notDir), "路径中的某一部分不是文件夹"},
		{"inside a message", Errorf("loading %s: %w", "a.txt", reason(missing)), "载入 a.txt 时出错：文件或文件夹不存在"},
		{"path error of a folder", folder, "read " + dir + "：这是文件夹，不是文件"},
		{"rare reason", syscall.EXDEV, syscall.EXDEV.Error()},
		{"wrapped reason keeps its wrapper", fmt.Errorf("copying: %w", syscall.EACCES), "copying: " + syscall.EACCES.Error()},
	}
	for _, tc := range tests {
		if got := zh.Text(tc.err); got != tc.want {
			t.Errorf("%s: Text(%v) = %q, want %q", tc.name, tc.err, got, tc.want)
		}
		if got := Catalog(nil).Text(tc.err); got != tc.err.Error() {
			t.Errorf("%s: English Text = %q, want the error's own %q", tc.name, got, tc.err.Error())
		}
	}
}
