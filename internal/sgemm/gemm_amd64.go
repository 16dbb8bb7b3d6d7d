package sgemm

// haveKernel reports whether the CPU and the operating system support AVX,
// which sgemmTile needs.
var haveKernel = cpuHasAVX()

// cpuHasAVX reports the AVX and OSXSAVE CPUID bits and whether the
// operating system saves the YMM registers (XCR0 bits 1 and 2).
func cpuHasAVX() bool

// sgemmTile adds to the 4×16 tile at c the product of 4 rows of A and a
// k×16 panel of B, summing over l in order with a separate multiply and add.
// Row r, depth l of A is at a + r·strideI + l·strideL; all strides are in
// bytes. k must be at least 1, and the caller checks every index.
//
//go:noescape
func sgemmTile(k int, a *float32, strideI, strideL int, b *float32, ldb int, c *float32, ldc int)
