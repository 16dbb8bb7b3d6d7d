//go:build !amd64 || purego || amd64.v3

package model

func adamBlocks(p, m, v, grad *float32, n8 int, consts *[6]float32) {
	panic("model: adamBlocks called without AVX2")
}
