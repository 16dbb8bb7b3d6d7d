//go:build !purego && !amd64.v3

package model

// adamBlocks applies adamGo's update to n8 blocks of 8 parameters from p,
// with their moments m and v and gradients grad. consts holds β₁, 1 − β₁, β₂,
// 1 − β₂, the step size α and ε as adam.update computes them.
//
//go:noescape
func adamBlocks(p, m, v, grad *float32, n8 int, consts *[6]float32)
