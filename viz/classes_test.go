package viz

import (
	"fmt"
	"image"
	"slices"
	"testing"
)

func TestClassBalance(t *testing.T) {
	tests := []struct {
		name   string
		names  []string
		counts []int
		w, h   int
		bars   bool // whether BatchLossColor shows
	}{
		{name: "two classes", names: []string{"neg", "pos"}, counts: []int{1500, 1500}, w: 600, h: 400, bars: true},
		{name: "unbalanced", names: []string{"neg", "pos"}, counts: []int{90, 10}, w: 600, h: 400, bars: true},
		{name: "one class", names: []string{"only"}, counts: []int{7}, w: 600, h: 400, bars: true},
		{name: "no classes", w: 600, h: 400},
		{name: "all zero", names: []string{"a", "b"}, counts: []int{0, 0}, w: 600, h: 400},
		{name: "Chinese names", names: []string{"负面", "正面"}, counts: []int{3, 5}, w: 600, h: 400, bars: true},
		{name: "many classes", names: classNames(60), counts: seqCounts(60), w: 600, h: 400, bars: true},
		{name: "smallest size", names: []string{"neg", "pos"}, counts: []int{4, 6}, w: 240, h: 180, bars: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			img, err := ClassBalance(tc.names, tc.counts, tc.w, tc.h)
			if err != nil {
				t.Fatal(err)
			}
			if got := img.Bounds().Size(); got != image.Pt(tc.w, tc.h) {
				t.Fatalf("size = %v, want %dx%d", got, tc.w, tc.h)
			}
			if ink(img) == 0 {
				t.Error("chart is blank, want axes and text")
			}
			if got := hasColor(img, BatchLossColor); got != tc.bars {
				t.Errorf("bar colour present = %v, want %v", got, tc.bars)
			}
			savePNG(t, img)
		})
	}
}

func TestClassBalanceErrors(t *testing.T) {
	if _, err := ClassBalance([]string{"a", "b"}, []int{1}, 600, 400); err == nil {
		t.Error("ClassBalance with 2 names and 1 count returned no error")
	}
	if _, err := ClassBalance([]string{"a"}, []int{-1}, 600, 400); err == nil {
		t.Error("ClassBalance with a negative count returned no error")
	}
	if _, err := ClassBalance([]string{"a"}, []int{1}, 100, 100); err == nil {
		t.Error("ClassBalance at 100×100 returned no error")
	}
}

func TestMergeSmallClasses(t *testing.T) {
	names := []string{"a", "b", "c", "d", "e"}
	counts := []int{5, 1, 9, 2, 7}
	// Limit 3 keeps the two largest, c and e, in their order and merges
	// a, b and d into other: 5 + 1 + 2 = 8.
	gotNames, gotCounts := mergeSmallClasses(names, counts, 3)
	if want := []string{"c", "e", "other (3 classes)"}; !slices.Equal(gotNames, want) {
		t.Errorf("names = %q, want %q", gotNames, want)
	}
	if want := []int{9, 7, 8}; !slices.Equal(gotCounts, want) {
		t.Errorf("counts = %v, want %v", gotCounts, want)
	}

	gotNames, gotCounts = mergeSmallClasses(names, counts, 5)
	if !slices.Equal(gotNames, names) || !slices.Equal(gotCounts, counts) {
		t.Errorf("at the limit: got %q %v, want the input unchanged", gotNames, gotCounts)
	}
}

func classNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("class %d", i)
	}
	return out
}

func seqCounts(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}
