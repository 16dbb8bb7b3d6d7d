//go:build !amd64

package sgemm

// haveKernel is false where no vector kernel exists, so gemm uses gonum.
const haveKernel = false

func sgemmTile(k int, a *float32, strideI, strideL int, b *float32, ldb int, c *float32, ldc int) {
	panic("sgemm: sgemmTile has no kernel on this architecture")
}
