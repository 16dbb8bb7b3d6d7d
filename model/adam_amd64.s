//go:build !purego && !amd64.v3

#include "textflag.h"

// func adamBlocks(p, m, v, grad *float32, n8 int, consts *[6]float32)
//
// The float32 operations of adamGo, one for one and in its order, 8 lanes
// at a time, so the results have the same bits. VSQRTPS gives the same
// value as adamGo's float64 square root rounded to float32, because a
// float64 result rounded once more to float32 is the correctly rounded
// float32 square root.
TEXT ·adamBlocks(SB), NOSPLIT, $0-48
	MOVQ p+0(FP), DI
	MOVQ m+8(FP), SI
	MOVQ v+16(FP), DX
	MOVQ grad+24(FP), BX
	MOVQ n8+32(FP), CX
	MOVQ consts+40(FP), R8
	VBROADCASTSS 0(R8), Y10  // β₁
	VBROADCASTSS 4(R8), Y11  // 1 − β₁
	VBROADCASTSS 8(R8), Y12  // β₂
	VBROADCASTSS 12(R8), Y13 // 1 − β₂
	VBROADCASTSS 16(R8), Y14 // α
	VBROADCASTSS 20(R8), Y15 // ε
	XORQ AX, AX
	TESTQ CX, CX
	JZ   done

loop:
	VMOVUPS (BX)(AX*1), Y0      // g
	VMULPS  (SI)(AX*1), Y10, Y1 // β₁·m
	VMULPS  Y0, Y11, Y2         // (1 − β₁)·g
	VADDPS  Y2, Y1, Y1          // new m
	VMULPS  (DX)(AX*1), Y12, Y3 // β₂·v
	VMULPS  Y0, Y13, Y4
	VMULPS  Y0, Y4, Y4          // (1 − β₂)·g·g
	VADDPS  Y4, Y3, Y3          // new v
	VMOVUPS Y1, (SI)(AX*1)
	VMOVUPS Y3, (DX)(AX*1)
	VSQRTPS Y3, Y5
	VADDPS  Y15, Y5, Y5         // √v + ε
	VMULPS  Y1, Y14, Y6         // α·m
	VDIVPS  Y5, Y6, Y6
	VMOVUPS (DI)(AX*1), Y7
	VSUBPS  Y6, Y7, Y7
	VMOVUPS Y7, (DI)(AX*1)
	ADDQ    $32, AX
	DECQ    CX
	JNZ     loop

done:
	VZEROUPPER
	RET
