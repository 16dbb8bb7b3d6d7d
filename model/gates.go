package model

// gateGradsRow computes one sample's part of gateGrads. The inputs are the
// gates (4·u values, the blocks i, f, c, o) and dh, dc, tanhC and cPrev
// (u values each). It writes the gradient of the pre-activations into dz
// (4·u values) and replaces dc with the cell-state gradient of the
// previous step. On amd64 with AVX2 the vector kernel computes the blocks
// of 8 units and Go the rest, with the same results as gateGradsGo alone.
func gateGradsRow(gates, dz, dh, dc, tanhC, cPrev []float32) {
	u := len(dh)
	_, _, _, _, _ = gates[4*u-1], dz[4*u-1], dc[u-1], tanhC[u-1], cPrev[u-1]
	done := 0
	if haveAVX2 && u >= 8 {
		n8 := u / 8
		gateGradsBlocks(&gates[0], &dz[0], &dh[0], &dc[0], &tanhC[0], &cPrev[0], u, n8)
		done = 8 * n8
	}
	gateGradsGo(gates, dz, dh, dc, tanhC, cPrev, done)
}

// gateGradsGo is gateGradsRow in Go for the units from j0 on.
func gateGradsGo(gates, dz, dh, dc, tanhC, cPrev []float32, j0 int) {
	u := len(dh)
	for j := j0; j < u; j++ {
		i, f, g, o := gates[j], gates[u+j], gates[2*u+j], gates[3*u+j]
		dhj, tc := dh[j], tanhC[j]
		dcj := dc[j] + dhj*o*(1-tc*tc)

		dz[j] = dcj * g * i * (1 - i)
		dz[u+j] = dcj * cPrev[j] * f * (1 - f)
		dz[2*u+j] = dcj * i * (1 - g*g)
		dz[3*u+j] = dhj * tc * o * (1 - o)
		dc[j] = dcj * f
	}
}
