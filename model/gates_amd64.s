//go:build !purego && !amd64.v3

#include "textflag.h"

// func gateGradsBlocks(gates, dz, dh, dc, tanhC, cPrev *float32, u, n8 int)
//
// The float32 operations of gateGradsGo, one for one and in its order, 8
// units at a time, so the results have the same bits. SI and DI walk the
// i block of gates and dz; the f, c and o blocks are u, 2·u and 3·u bytes
// (R12, R12·2, R11) further. AX is the byte offset into the rows of u.
TEXT ·gateGradsBlocks(SB), NOSPLIT, $0-64
	MOVQ gates+0(FP), SI
	MOVQ dz+8(FP), DI
	MOVQ dh+16(FP), R8
	MOVQ dc+24(FP), R9
	MOVQ tanhC+32(FP), R10
	MOVQ cPrev+40(FP), BX
	MOVQ u+48(FP), R12
	MOVQ n8+56(FP), CX
	SHLQ $2, R12
	LEAQ (R12)(R12*2), R11
	MOVL $0x3f800000, DX // 1.0
	MOVQ DX, X14
	VBROADCASTSS X14, Y14
	XORQ AX, AX
	TESTQ CX, CX
	JZ   done

loop:
	VMOVUPS (SI), Y0          // i
	VMOVUPS (SI)(R12*1), Y1   // f
	VMOVUPS (SI)(R12*2), Y2   // c, the candidate g
	VMOVUPS (SI)(R11*1), Y3   // o
	VMOVUPS (R8)(AX*1), Y4    // dh
	VMOVUPS (R10)(AX*1), Y5   // tanh of the cell state

	// dc = dc + dh·o·(1 − tc²)
	VMULPS Y5, Y5, Y6
	VSUBPS Y6, Y14, Y6
	VMULPS Y3, Y4, Y7
	VMULPS Y6, Y7, Y7
	VADDPS (R9)(AX*1), Y7, Y7

	// dz_i = dc·g·i·(1 − i)
	VMULPS  Y2, Y7, Y8
	VMULPS  Y0, Y8, Y8
	VSUBPS  Y0, Y14, Y9
	VMULPS  Y9, Y8, Y8
	VMOVUPS Y8, (DI)

	// dz_f = dc·cPrev·f·(1 − f)
	VMULPS  (BX)(AX*1), Y7, Y8
	VMULPS  Y1, Y8, Y8
	VSUBPS  Y1, Y14, Y9
	VMULPS  Y9, Y8, Y8
	VMOVUPS Y8, (DI)(R12*1)

	// dz_c = dc·i·(1 − g²)
	VMULPS  Y0, Y7, Y8
	VMULPS  Y2, Y2, Y9
	VSUBPS  Y9, Y14, Y9
	VMULPS  Y9, Y8, Y8
	VMOVUPS Y8, (DI)(R12*2)

	// dz_o = dh·tc·o·(1 − o)
	VMULPS  Y5, Y4, Y8
	VMULPS  Y3, Y8, Y8
	VSUBPS  Y3, Y14, Y9
	VMULPS  Y9, Y8, Y8
	VMOVUPS Y8, (DI)(R11*1)

	// The cell-state gradient passed to the previous step: dc·f.
	VMULPS  Y1, Y7, Y7
	VMOVUPS Y7, (R9)(AX*1)

	ADDQ $32, SI
	ADDQ $32, DI
	ADDQ $32, AX
	DECQ CX
	JNZ  loop

done:
	VZEROUPPER
	RET
