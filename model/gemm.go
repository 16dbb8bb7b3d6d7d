package model

import (
	"runtime"
	"sync"

	"embedlab/internal/sgemm"
)

// gemm sets C = β·C + op(A)·B; see sgemm.Gemm for the shapes and the
// summation order, which keeps results independent of the kernel.
func gemm(transA bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	sgemm.Gemm(transA, m, n, k, a, lda, b, ldb, beta, c, ldc)
}

// transpose writes the transpose of the rows×cols matrix src into dst
// (cols×rows), both row-major.
func transpose(dst, src []float32, rows, cols int) {
	for i := range rows {
		for j, v := range src[i*cols : (i+1)*cols] {
			dst[j*rows+i] = v
		}
	}
}

// splitTwo runs f over [0, n) in two halves on two goroutines when work
// (the cost in element operations) repays the hand-over, and in one call
// otherwise. f must write disjoint results for disjoint ranges. Then the
// output does not depend on the split.
func splitTwo(n, work int, f func(lo, hi int)) {
	if n < 2 || work < 1<<15 || runtime.GOMAXPROCS(0) < 2 {
		f(0, n)
		return
	}
	mid := n / 2
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		f(mid, n)
	}()
	f(0, mid)
	wg.Wait()
}
