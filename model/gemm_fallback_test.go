package model

import (
	"testing"

	"embedlab/internal/sgemm"
)

func TestGemmFallbackGradients(t *testing.T) {
	// Without the kernel, gemm hands the products to gonum; the gradients
	// must still match finite differences.
	defer sgemm.UseKernel(sgemm.UseKernel(false))

	m, x, y := tinyModel()
	g := analyticGrads(m, x, y)
	analytic := [][]float32{g.Embedding, g.Kernel, g.Recurrent, g.Bias, g.DenseW, g.DenseB}
	for _, bad := range gradMismatches(analytic, numericGrads(m, x, y, 1e-6)) {
		t.Error(bad)
	}
}
