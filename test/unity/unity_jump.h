// How a failed assertion leaves the test: setjmp/longjmp. The host uses libc's (the sanitizers
// intercept it); freestanding builds use the shim's own x86-64 pair in unity_jump_x86_64.S.
#pragma once

#if defined(UNITY_FREESTANDING)
using UnityJmpBuf = unsigned long[8];  // rbx, rbp, r12-r15, rsp, return rip
extern "C" __attribute__((returns_twice)) int unity_setjmp(UnityJmpBuf buf);
extern "C" [[noreturn]] void unity_longjmp(UnityJmpBuf buf, int value);
#define UNITY_SETJMP(buf) unity_setjmp(buf)
#define UNITY_LONGJMP(buf) unity_longjmp(buf, 1)
#else
#include <setjmp.h>
using UnityJmpBuf = jmp_buf;
#define UNITY_SETJMP(buf) setjmp(buf)
#define UNITY_LONGJMP(buf) longjmp(buf, 1)
#endif
