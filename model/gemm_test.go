package model

import "testing"

func TestTranspose(t *testing.T) {
	src := []float32{1, 2, 3, 4, 5, 6} // 2×3
	dst := make([]float32, 6)
	transpose(dst, src, 2, 3)
	want := []float32{1, 4, 2, 5, 3, 6}
	for i := range want {
		if dst[i] != want[i] {
			t.Fatalf("transpose = %v, want %v", dst, want)
		}
	}
}
