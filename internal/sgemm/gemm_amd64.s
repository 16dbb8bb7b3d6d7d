#include "textflag.h"

// func cpuHasAVX() bool
TEXT ·cpuHasAVX(SB), NOSPLIT, $0-1
	MOVL $1, AX
	XORL CX, CX
	CPUID
	// ECX bit 27 is OSXSAVE and bit 28 is AVX.
	MOVL CX, BX
	ANDL $0x18000000, BX
	CMPL BX, $0x18000000
	JNE  no
	// XGETBV with ECX = 0 returns XCR0; bits 1 (SSE) and 2 (AVX) must be set.
	XORL CX, CX
	XGETBV
	ANDL $6, AX
	CMPL AX, $6
	JNE  no
	MOVB $1, ret+0(FP)
	RET
no:
	MOVB $0, ret+0(FP)
	RET

// STEP adds to the tile in Y0–Y7 the products of A[r][l], at offset OFF
// of the rows R0–R3, with the row of B in Y8 and Y9.
#define STEP(R0, R1, R2, R3, OFF) \
	VBROADCASTSS (R0)(OFF*1), Y10 \
	VMULPS Y8, Y10, Y11 \
	VMULPS Y9, Y10, Y12 \
	VADDPS Y11, Y0, Y0 \
	VADDPS Y12, Y1, Y1 \
	VBROADCASTSS (R1)(OFF*1), Y13 \
	VMULPS Y8, Y13, Y14 \
	VMULPS Y9, Y13, Y13 \
	VADDPS Y14, Y2, Y2 \
	VADDPS Y13, Y3, Y3 \
	VBROADCASTSS (R2)(OFF*1), Y10 \
	VMULPS Y8, Y10, Y11 \
	VMULPS Y9, Y10, Y12 \
	VADDPS Y11, Y4, Y4 \
	VADDPS Y12, Y5, Y5 \
	VBROADCASTSS (R3)(OFF*1), Y13 \
	VMULPS Y8, Y13, Y14 \
	VMULPS Y9, Y13, Y13 \
	VADDPS Y14, Y6, Y6 \
	VADDPS Y13, Y7, Y7

// func sgemmTile(k int, a *float32, strideI, strideL int, b *float32, ldb int, c *float32, ldc int)
//
// Y0–Y7 hold the 4×16 tile of C, two registers per row. Each step l
// broadcasts A[r][l] and multiplies it by the 16 values of row l of B, then
// adds the products: separate VMULPS and VADDPS, never a fused multiply-add,
// so the rounding matches a scalar c += a·b loop. The loop runs two steps
// per iteration and addresses the four rows of A through one offset, R14,
// which keeps the integer instructions per step at two: the loop is limited
// by how many instructions the core can issue per cycle, not by its
// floating-point units.
TEXT ·sgemmTile(SB), NOSPLIT, $0-64
	MOVQ k+0(FP), CX
	MOVQ a+8(FP), SI
	MOVQ strideI+16(FP), R8
	MOVQ strideL+24(FP), R9
	MOVQ b+32(FP), DI
	MOVQ ldb+40(FP), R10
	MOVQ c+48(FP), DX
	MOVQ ldc+56(FP), R11

	// Rows 1–3 of A; R14 is the offset of depth l within every row.
	LEAQ (SI)(R8*1), AX
	LEAQ (AX)(R8*1), BX
	LEAQ (BX)(R8*1), R12
	XORQ R14, R14

	// Load the tile of C.
	LEAQ (DX)(R11*1), R13
	VMOVUPS (DX), Y0
	VMOVUPS 32(DX), Y1
	VMOVUPS (R13), Y2
	VMOVUPS 32(R13), Y3
	ADDQ R11, R13
	VMOVUPS (R13), Y4
	VMOVUPS 32(R13), Y5
	ADDQ R11, R13
	VMOVUPS (R13), Y6
	VMOVUPS 32(R13), Y7

	// An odd k runs step 0 alone, so that the pairs keep the order of l.
	TESTQ $1, CX
	JZ    pairs
	VMOVUPS (DI), Y8
	VMOVUPS 32(DI), Y9
	STEP(SI, AX, BX, R12, R14)
	ADDQ R9, R14
	ADDQ R10, DI

pairs:
	SHRQ $1, CX
	JZ   store

loop:
	VMOVUPS (DI), Y8
	VMOVUPS 32(DI), Y9
	STEP(SI, AX, BX, R12, R14)
	ADDQ R9, R14
	VMOVUPS (DI)(R10*1), Y8
	VMOVUPS 32(DI)(R10*1), Y9
	STEP(SI, AX, BX, R12, R14)
	ADDQ R9, R14
	LEAQ (DI)(R10*2), DI
	DECQ CX
	JNZ  loop

store:
	LEAQ (DX)(R11*1), R13
	VMOVUPS Y0, (DX)
	VMOVUPS Y1, 32(DX)
	VMOVUPS Y2, (R13)
	VMOVUPS Y3, 32(R13)
	ADDQ R11, R13
	VMOVUPS Y4, (R13)
	VMOVUPS Y5, 32(R13)
	ADDQ R11, R13
	VMOVUPS Y6, (R13)
	VMOVUPS Y7, 32(R13)
	VZEROUPPER
	RET
