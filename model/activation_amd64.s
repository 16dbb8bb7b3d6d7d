//go:build !purego && !amd64.v3

#include "textflag.h"

// The kernels repeat the float32 operations of expfNormal, sigmoid and
// tanh in activation.go one for one, 8 lanes at a time: the same
// constants, the same order, and a separate multiply and add where Go
// writes a·b + c. IEEE 754 rounds each operation the same way in both,
// so the results have the same bits as the Go code.
//
// NOTE: From GOAMD64=v3 on, the Go compiler fuses a·b + c into one
// multiply-add, which rounds once instead of twice, so this file is not
// built there and the activations run in Go.

// Offsets of activationConsts.
#define SIGN 0
#define LO 4
#define HI 8
#define LOG2E 12
#define MAGIC 16
#define LN2HI 20
#define LN2LO 24
#define ONE 28
#define P0 32
#define P1 36
#define P2 40
#define P3 44
#define P4 48
#define P5 52
#define ROUNDBITS 56
#define TWO 60
#define SMALL 64
#define LARGE 68
#define T0 72
#define T1 76
#define T2 80
#define T3 84
#define T4 88

// EXPF sets Y4 to expfNormal(Y0), using Y1–Y3 and Y5, with the constants
// at R8.
#define EXPF \
	VBROADCASTSS LOG2E(R8), Y5 \
	VMULPS       Y5, Y0, Y1 \
	VBROADCASTSS MAGIC(R8), Y5 \
	VADDPS       Y5, Y1, Y1 \
	VSUBPS       Y5, Y1, Y2 \
	VBROADCASTSS LN2HI(R8), Y5 \
	VMULPS       Y5, Y2, Y3 \
	VSUBPS       Y3, Y0, Y3 \
	VBROADCASTSS LN2LO(R8), Y5 \
	VMULPS       Y5, Y2, Y2 \
	VSUBPS       Y2, Y3, Y3 \
	VBROADCASTSS P0(R8), Y4 \
	VMULPS       Y3, Y4, Y4 \
	VBROADCASTSS P1(R8), Y5 \
	VADDPS       Y5, Y4, Y4 \
	VMULPS       Y3, Y4, Y4 \
	VBROADCASTSS P2(R8), Y5 \
	VADDPS       Y5, Y4, Y4 \
	VMULPS       Y3, Y4, Y4 \
	VBROADCASTSS P3(R8), Y5 \
	VADDPS       Y5, Y4, Y4 \
	VMULPS       Y3, Y4, Y4 \
	VBROADCASTSS P4(R8), Y5 \
	VADDPS       Y5, Y4, Y4 \
	VMULPS       Y3, Y4, Y4 \
	VBROADCASTSS P5(R8), Y5 \
	VADDPS       Y5, Y4, Y4 \
	VMULPS       Y3, Y4, Y4 \
	VMULPS       Y3, Y4, Y4 \
	VADDPS       Y3, Y4, Y4 \
	VBROADCASTSS ONE(R8), Y5 \
	VADDPS       Y5, Y4, Y4 \
	VPBROADCASTD ROUNDBITS(R8), Y5 \
	VPSUBD       Y5, Y1, Y1 \
	VPSLLD       $23, Y1, Y1 \
	VMULPS       Y1, Y4, Y4

// func sigmoidBlocks(v *float32, n8 int, consts *float32) int
TEXT ·sigmoidBlocks(SB), NOSPLIT, $0-32
	MOVQ v+0(FP), SI
	MOVQ n8+8(FP), CX
	MOVQ consts+16(FP), R8
	XORQ AX, AX

sigmoidLoop:
	CMPQ AX, CX
	JGE  sigmoidDone
	VMOVUPS (SI), Y0
	// x = −v, and stop unless −87 ≤ x ≤ 88 in every lane (false for NaN).
	VBROADCASTSS SIGN(R8), Y5
	VXORPS       Y5, Y0, Y0
	VBROADCASTSS LO(R8), Y5
	VCMPPS       $0x1d, Y5, Y0, Y1 // x ≥ lo, ordered
	VBROADCASTSS HI(R8), Y5
	VCMPPS       $0x12, Y5, Y0, Y2 // x ≤ hi, ordered
	VANDPS       Y2, Y1, Y1
	VMOVMSKPS    Y1, DX
	CMPL         DX, $0xff
	JNE          sigmoidDone
	EXPF
	// 1 / (1 + e)
	VBROADCASTSS ONE(R8), Y5
	VADDPS       Y5, Y4, Y4
	VDIVPS       Y4, Y5, Y4
	VMOVUPS      Y4, (SI)
	ADDQ         $32, SI
	INCQ         AX
	JMP          sigmoidLoop

sigmoidDone:
	VZEROUPPER
	MOVQ AX, ret+24(FP)
	RET

// func tanhBlocks(dst, src *float32, n8 int, consts *float32) int
//
// Every lane computes both of tanh's formulas, the odd polynomial and
// 1 − 2/(e^2|x| + 1), and keeps the one tanh uses: the polynomial below
// |x| = 0.625, ±1 above 9. The exponential of the lanes it discards may
// be any value, since it is never stored.
TEXT ·tanhBlocks(SB), NOSPLIT, $0-40
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n8+16(FP), CX
	MOVQ consts+24(FP), R8
	XORQ AX, AX

tanhLoop:
	CMPQ AX, CX
	JGE  tanhDone
	VMOVUPS (SI), Y6                 // x
	VCMPPS  $0x03, Y6, Y6, Y1        // unordered: x is NaN
	VMOVMSKPS Y1, DX
	TESTL   DX, DX
	JNZ     tanhDone
	VBROADCASTSS SIGN(R8), Y7
	VANDPS  Y7, Y6, Y8               // sign of x
	VANDNPS Y6, Y7, Y9               // ax = |x|

	// Exponential form: t = 1 − 2/(expfNormal(2·ax) + 1), negated for x < 0.
	VBROADCASTSS TWO(R8), Y5
	VMULPS  Y5, Y9, Y0
	EXPF
	VBROADCASTSS ONE(R8), Y5
	VADDPS  Y5, Y4, Y4
	VBROADCASTSS TWO(R8), Y0
	VDIVPS  Y4, Y0, Y4
	VSUBPS  Y4, Y5, Y4
	VXORPS  Y8, Y4, Y10              // copy the sign of x

	// Odd polynomial: z = x², p·z·x + x.
	VMULPS  Y6, Y6, Y0               // z
	VBROADCASTSS T0(R8), Y4
	VMULPS  Y0, Y4, Y4
	VBROADCASTSS T1(R8), Y5
	VADDPS  Y5, Y4, Y4
	VMULPS  Y0, Y4, Y4
	VBROADCASTSS T2(R8), Y5
	VADDPS  Y5, Y4, Y4
	VMULPS  Y0, Y4, Y4
	VBROADCASTSS T3(R8), Y5
	VADDPS  Y5, Y4, Y4
	VMULPS  Y0, Y4, Y4
	VBROADCASTSS T4(R8), Y5
	VADDPS  Y5, Y4, Y4
	VMULPS  Y0, Y4, Y4
	VMULPS  Y6, Y4, Y4
	VADDPS  Y6, Y4, Y4

	// Choose: polynomial where ax < 0.625, ±1 where ax > 9.
	VBROADCASTSS SMALL(R8), Y5
	VCMPPS  $0x11, Y5, Y9, Y1        // ax < 0.625, ordered
	VBLENDVPS Y1, Y4, Y10, Y10
	VBROADCASTSS LARGE(R8), Y5
	VCMPPS  $0x1e, Y5, Y9, Y1        // ax > 9, ordered
	VBROADCASTSS ONE(R8), Y5
	VORPS   Y8, Y5, Y5               // ±1 with the sign of x
	VBLENDVPS Y1, Y5, Y10, Y10
	VMOVUPS Y10, (DI)
	ADDQ    $32, SI
	ADDQ    $32, DI
	INCQ    AX
	JMP     tanhLoop

tanhDone:
	VZEROUPPER
	MOVQ AX, ret+32(FP)
	RET
