// Package sgemm multiplies row-major float32 matrices for the model and the
// projections, with an AVX kernel on amd64 and gonum's Sgemm elsewhere.
package sgemm

import (
	"runtime"
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// blasImpl computes the matrix products where gemm has no vector kernel.
// gonum's Sgemm splits large products into output blocks that each one
// goroutine sums in a fixed order, so its results do not depend on
// scheduling.
var blasImpl gonum.Implementation

// Gemm sets C = β·C + op(A)·B for row-major float32 matrices, where C is
// m×n, op(A) is m×k (A itself is k×m when transA is set) and B is k×n; β
// is 0 or 1.
//
// Each element of C is summed in the order l = 0, 1, …, k−1 with a rounded
// multiply and a rounded add per term, the order gonum's Sgemm uses for
// these two cases, so the result does not depend on the kernel or on how
// the work is split between goroutines. On amd64 with AVX a register-blocked
// kernel computes 4×16 tiles with 8-wide vectors; elsewhere gonum computes
// the product.
func Gemm(transA bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if counting.Load() {
		gemmCounted(transA, m, n, k, a, lda, b, ldb, beta, c, ldc)
		return
	}
	gemm(transA, m, n, k, a, lda, b, ldb, beta, c, ldc)
}

func gemm(transA bool, m, n, k int, a []float32, lda int, b []float32, ldb int, beta float32, c []float32, ldc int) {
	if beta != 0 && beta != 1 {
		panic("sgemm: Gemm supports β 0 or 1 only")
	}
	if !useKernel {
		tA := blas.NoTrans
		if transA {
			tA = blas.Trans
		}
		blasImpl.Sgemm(tA, blas.NoTrans, m, n, k, 1, a, lda, b, ldb, beta, c, ldc)
		return
	}
	if m == 0 || n == 0 {
		return
	}
	if beta == 0 {
		for i := range m {
			clear(c[i*ldc : i*ldc+n])
		}
	}
	if k == 0 {
		return
	}
	g := gemmArgs{transA, m, k, a, lda, b, ldb, c, ldc}

	// Split the columns between two goroutines when the product is large
	// enough to repay the hand-over, at a multiple of the tile width.
	if m*n*k < 1<<18 || n < 2*tileCols || runtime.GOMAXPROCS(0) < 2 {
		g.columns(0, n)
		return
	}
	mid := (n/2 + tileCols - 1) / tileCols * tileCols
	done := startColumns(g, mid, n)
	g.columns(0, mid)
	<-done
	donePool.Put(done)
}

const tileRows, tileCols = 4, 16

type gemmArgs struct {
	transA bool
	m, k   int
	a      []float32
	lda    int
	b      []float32
	ldb    int
	c      []float32
	ldc    int
}

// columns adds op(A)·B to the columns j0..j1−1 of C: whole tiles with the
// vector kernel, a last partial column panel through zero-padded copies, and
// rows after the last whole tile with scalar code. All three sum in the same
// order.
func (g gemmArgs) columns(j0, j1 int) {
	m, k := g.m, g.k
	fullRows := m / tileRows * tileRows
	fullEnd := j0 + (j1-j0)/tileCols*tileCols
	strideI, strideL := g.lda, 1
	if g.transA {
		strideI, strideL = 1, g.lda
	}

	for j := j0; j < fullEnd; j += tileCols {
		for i := 0; i < fullRows; i += tileRows {
			// The last element each tile reads, which bounds-checks the
			// slices before the kernel reads them without checks.
			_ = g.a[(i+tileRows-1)*strideI+(k-1)*strideL]
			_ = g.b[(k-1)*g.ldb+j+tileCols-1]
			_ = g.c[(i+tileRows-1)*g.ldc+j+tileCols-1]
			sgemmTile(k, &g.a[i*strideI], 4*strideI, 4*strideL, &g.b[j], 4*g.ldb, &g.c[i*g.ldc+j], 4*g.ldc)
		}
	}
	if width := j1 - fullEnd; width > 0 && fullRows > 0 {
		g.partialPanel(fullEnd, width, fullRows)
	}
	g.scalar(fullRows, m, j0, j1)
}

// panelPool holds scratch buffers for partialPanel, so that repeated
// products do not allocate.
var panelPool = sync.Pool{New: func() any { return new([]float32) }}

// partialPanel adds op(A)·B to rows 0..rows−1 and the width < 16 columns
// from j of C, running the kernel on a zero-padded copy of the B panel and
// on a copy of each C tile.
func (g gemmArgs) partialPanel(j, width, rows int) {
	k := g.k
	buf := panelPool.Get().(*[]float32)
	if need := k*tileCols + tileRows*tileCols; cap(*buf) < need {
		*buf = make([]float32, need)
	}
	panel := (*buf)[:k*tileCols]
	tile := (*buf)[k*tileCols : k*tileCols+tileRows*tileCols]
	clear(panel)
	for l := range k {
		copy(panel[l*tileCols:l*tileCols+width], g.b[l*g.ldb+j:l*g.ldb+j+width])
	}

	strideI, strideL := g.lda, 1
	if g.transA {
		strideI, strideL = 1, g.lda
	}
	for i := 0; i < rows; i += tileRows {
		for r := range tileRows {
			copy(tile[r*tileCols:r*tileCols+width], g.c[(i+r)*g.ldc+j:(i+r)*g.ldc+j+width])
		}
		_ = g.a[(i+tileRows-1)*strideI+(k-1)*strideL]
		sgemmTile(k, &g.a[i*strideI], 4*strideI, 4*strideL, &panel[0], 4*tileCols, &tile[0], 4*tileCols)
		for r := range tileRows {
			copy(g.c[(i+r)*g.ldc+j:(i+r)*g.ldc+j+width], tile[r*tileCols:r*tileCols+width])
		}
	}
	panelPool.Put(buf)
}

// scalar adds op(A)·B to rows i0..i1−1 and columns j0..j1−1 of C.
func (g gemmArgs) scalar(i0, i1, j0, j1 int) {
	strideI, strideL := g.lda, 1
	if g.transA {
		strideI, strideL = 1, g.lda
	}
	for i := i0; i < i1; i++ {
		for j := j0; j < j1; j++ {
			s := g.c[i*g.ldc+j]
			for l := range g.k {
				// The conversion forbids fusing into a multiply-add,
				// which would round differently from the kernel.
				s += float32(g.a[i*strideI+l*strideL] * g.b[l*g.ldb+j])
			}
			g.c[i*g.ldc+j] = s
		}
	}
}

// useKernel is haveKernel unless a test turned the kernel off.
var useKernel = haveKernel

// HaveKernel reports whether this CPU runs the vector kernel.
func HaveKernel() bool { return haveKernel }

// Kernel returns the name of the code that Gemm runs now: "avx" for the
// vector kernel, "gonum" for the pure-Go fallback.
func Kernel() string {
	if useKernel {
		return "avx"
	}
	return "gonum"
}

// UseKernel turns the vector kernel on or off (it stays off where the CPU
// lacks it) and returns the previous setting. Tests call it to run the
// gonum fallback on machines that have the kernel; it must not be called
// while another goroutine multiplies.
func UseKernel(on bool) (was bool) {
	was = useKernel
	useKernel = on && haveKernel
	return was
}
