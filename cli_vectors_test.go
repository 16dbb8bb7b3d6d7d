package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"embedlab/model/wordvec"
)

const gloveFixture = "king 0.5 -1.25 3\nqueen 0.25 0.001 -2\nnew york 1 2 0.125\n"

func TestConvertByExtension(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	os.WriteFile(in, []byte(gloveFixture), 0o644)
	want, _, err := wordvec.Load(in, wordvec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}

	// Each step reads the previous output, so the chain checks every
	// reader and writer and that the values survive exactly.
	steps := []struct {
		out, to, format string
		args            []string
	}{
		{"a.tsv", wordvec.FormatProjector, wordvec.FormatProjector, nil},
		{"b.vec", wordvec.FormatWord2Vec, wordvec.FormatWord2Vec, nil},
		{"c.txt", wordvec.FormatGloVe, wordvec.FormatGloVe, []string{"--to", "glove"}},
		{"d.txt", wordvec.FormatWord2Vec, wordvec.FormatWord2Vec, nil},
	}
	prev := in
	for _, s := range steps {
		out := filepath.Join(dir, s.out)
		args := append([]string{"convert", prev, out}, s.args...)
		code, _, errOut := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("convert to %s: exit code %d; stderr: %s", s.out, code, errOut)
		}
		if !strings.Contains(errOut, "read 3 vectors of dimension 3") {
			t.Errorf("convert to %s: stderr %q, want the summary", s.out, errOut)
		}
		got, info, err := wordvec.Load(out, wordvec.LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if info.Format != s.format || !slices.Equal(got.Words, want.Words) || !slices.Equal(got.Data, want.Data) {
			t.Errorf("%s: format %s, words %q; want %s, %q and the same values", s.out, info.Format, got.Words, s.format, want.Words)
		}
		prev = out
	}
	if _, err := os.Stat(filepath.Join(dir, "a_metadata.tsv")); err != nil {
		t.Errorf("no a_metadata.tsv beside a.tsv: %v", err)
	}
}

func TestConvertBinaryRejectsSpacedWord(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	os.WriteFile(in, []byte(gloveFixture), 0o644)
	code, _, errOut := runCLI(t, "convert", in, filepath.Join(dir, "out.bin"))
	if code != 1 || !strings.Contains(errOut, `"new york"`) || !strings.Contains(errOut, "word2vec text instead") {
		t.Fatalf("exit code %d, stderr %q; want an error naming the word and the way out", code, errOut)
	}
}

func TestConvertFromModel(t *testing.T) {
	dir := t.TempDir()
	modelPath := filepath.Join(dir, "demo.embedlab")
	args := append([]string{"train", "--out", modelPath}, smallTrainArgs...)
	if code, _, errOut := runCLI(t, args...); code != 0 {
		t.Fatalf("train exit code %d; stderr: %s", code, errOut)
	}
	out := filepath.Join(dir, "demo.bin")
	code, _, errOut := runCLI(t, "convert", modelPath, out, "--limit", "20")
	if code != 0 {
		t.Fatalf("convert exit code %d; stderr: %s", code, errOut)
	}
	v, info, err := wordvec.Load(out, wordvec.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// smallTrainArgs sets --dim 8, and the demo corpus has more than 20 words.
	if info.Format != wordvec.FormatWord2VecBinary || v.Dim != 8 || v.Len() != 20 {
		t.Errorf("got %s %d×%d, want word2vec-binary with 20 words of dimension 8", info.Format, v.Len(), v.Dim)
	}
}

func TestConvertErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	os.WriteFile(in, []byte(gloveFixture), 0o644)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte("a 1 2\nb nan 2\n"), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"one argument", []string{in}, "expected IN and OUT"},
		{"unknown extension", []string{in, filepath.Join(dir, "out.xyz")}, "cannot tell the output format"},
		{"unknown format", []string{in, filepath.Join(dir, "out.txt"), "--to", "csv"}, `--to "csv" is unknown`},
		{"missing input", []string{filepath.Join(dir, "none.txt"), filepath.Join(dir, "out.txt")}, "does not exist"},
		{"nan", []string{bad, filepath.Join(dir, "out.txt")}, "line 2, column 2"},
		{"negative limit", []string{in, filepath.Join(dir, "out.txt"), "--limit", "-1"}, "--limit -1 is out of range"},
		{"not a model", []string{in, filepath.Join(dir, "out.txt"), "--from", "model"}, "not an Embedding Lab model file"},
		{"missing folder", []string{in, filepath.Join(dir, "no", "out.txt")}, "does not exist; create it first"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, append([]string{"convert"}, tc.args...)...)
			if code != 1 || !strings.Contains(errOut, tc.want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("exit code %d, stderr %q; want 1 and one line containing %q", code, errOut, tc.want)
			}
		})
	}
}

func TestConvertHelp(t *testing.T) {
	code, out, _ := runCLI(t, "convert", "-h")
	if code != 0 || !strings.Contains(out, ".bin is word2vec-binary") || !strings.Contains(out, "-to") {
		t.Errorf("exit code %d, help %q; want the extension rule and the flags", code, out)
	}
}

func TestLoadProgressDrawsAndClears(t *testing.T) {
	var b strings.Builder
	p := &loadProgress{w: &b, name: "big.txt"}
	p.update(512<<20, 1024<<20)
	if got := b.String(); !strings.Contains(got, " 50%") || !strings.Contains(got, "512/1024 MB") {
		t.Errorf("progress line %q, want 50%% and 512/1024 MB", got)
	}
	p.last = time.Time{}         // skip the throttle
	p.update(2048<<20, 1024<<20) // more than the total must not break the bar
	p.clear()
	if got := b.String(); !strings.HasSuffix(got, "\r") {
		t.Errorf("output %q does not end by clearing the line", got)
	}
}

func TestConvertRejectsSameFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v.txt")
	if err := os.WriteFile(path, []byte("1 2\nking 1 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "convert", path, path, "--to", "glove")
	if code != 1 || !strings.Contains(errOut, "both the input and the output") {
		t.Errorf("exit %d, stderr %q; want 1 and a message that the input would be replaced", code, errOut)
	}
	if data, _ := os.ReadFile(path); string(data) != "1 2\nking 1 2\n" {
		t.Errorf("the input changed: %q", data)
	}
}
