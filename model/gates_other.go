//go:build !amd64 || purego || amd64.v3

package model

func gateGradsBlocks(gates, dz, dh, dc, tanhC, cPrev *float32, u, n8 int) {
	panic("model: gateGradsBlocks called without AVX2")
}
