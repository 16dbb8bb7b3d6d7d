//go:build !purego && !amd64.v3

package model

// gateGradsBlocks computes gateGradsGo's results for n8 blocks of 8 units
// of one sample. gates and dz point at the sample's row of 4·u values, in
// which the gate blocks i, f, c, o are each u wide. dh, dc, tanhC and
// cPrev point at its u values.
//
//go:noescape
func gateGradsBlocks(gates, dz, dh, dc, tanhC, cPrev *float32, u, n8 int)
