/* How a failed assertion leaves the test: setjmp/longjmp. The host uses libc's (the sanitizers
 * intercept it); freestanding builds use the shim's own x86-64 pair in unity_jump_x86_64.S.
 * Valid C and C++. */
#ifndef UNITY_JUMP_H
#define UNITY_JUMP_H

#if defined(UNITY_FREESTANDING)
#ifdef __cplusplus
extern "C" {
#endif
typedef unsigned long UnityJmpBuf[8]; /* rbx, rbp, r12-r15, rsp, return rip */
__attribute__((returns_twice)) int unity_setjmp(UnityJmpBuf buf);
__attribute__((noreturn)) void unity_longjmp(UnityJmpBuf buf, int value);
#ifdef __cplusplus
}
#endif
#define UNITY_SETJMP(buf) unity_setjmp(buf)
#define UNITY_LONGJMP(buf) unity_longjmp(buf, 1)
#else
#include <setjmp.h>
typedef jmp_buf UnityJmpBuf;
#define UNITY_SETJMP(buf) setjmp(buf)
#define UNITY_LONGJMP(buf) longjmp(buf, 1)
#endif

#endif /* UNITY_JUMP_H */
