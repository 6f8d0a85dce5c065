// Unity-compatible test shim: the ThrowTheSwitch Unity macro surface and its exact output format,
// in C++ that also runs in the freestanding kernel (no libc, no exceptions). A failed assertion
// ends the current test through a non-local jump, exactly as Unity does; destructors of objects
// in the aborted test frame do not run, so tests keep owned resources in fixtures (setUp/tearDown).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "unity_jump.h"

using UNITY_INT = int64_t;
using UNITY_UINT = uint64_t;
using UnityTestFunction = void (*)();

enum class UnityDisplayStyle : uint8_t { kInt, kUint, kHex8, kHex16, kHex32, kHex64, kPointer };

// Everything Unity keeps between calls. Public so the shim's own tests can run a nested session
// and restore the outer one afterwards.
struct UnityState {
  const char* test_file;
  const char* current_test_name;
  UNITY_UINT current_test_line;
  UNITY_UINT number_of_tests;
  UNITY_UINT test_failures;
  UNITY_UINT test_ignores;
  bool current_test_failed;
  bool current_test_ignored;
  UnityJmpBuf abort_frame;
};
extern UnityState Unity;

// Output goes through one character sink. The default sink is unity_output_char(), which each
// environment defines (stdout on the host, the serial console in the kernel, a syscall in user
// space). A hook set here overrides it, so output can be captured.
extern "C" void unity_output_char(int c);
using UnityOutputHook = void (*)(int c);
void unity_set_output_hook(UnityOutputHook hook);  // nullptr restores the default sink

void UnityBegin(const char* file);
int UnityEnd();
void UnityDefaultTestRun(UnityTestFunction func, const char* name, int line);
void UnityPrint(const char* s);
void UnityPrintNumber(UNITY_INT n);
void UnityPrintNumberUnsigned(UNITY_UINT n);
void UnityPrintNumberHex(UNITY_UINT n, int nibbles);

[[noreturn]] void UnityFail(const char* msg, UNITY_UINT line);
[[noreturn]] void UnityIgnore(const char* msg, UNITY_UINT line);
[[noreturn]] void UnityPass(const char* msg, UNITY_UINT line);
void UnityAssertEqualNumber(UNITY_INT expected, UNITY_INT actual, const char* msg, UNITY_UINT line,
                            UnityDisplayStyle style);
void UnityAssertBits(UNITY_INT mask, UNITY_INT expected, UNITY_INT actual, const char* msg,
                     UNITY_UINT line);
void UnityAssertEqualString(const char* expected, const char* actual, const char* msg,
                            UNITY_UINT line);
void UnityAssertEqualMemory(const void* expected, const void* actual, size_t length,
                            const char* msg, UNITY_UINT line);

// Defined by each test program (Unity calls them around every test).
void setUp();
void tearDown();

#define UNITY_BEGIN() UnityBegin(__FILE__)
#define UNITY_END() UnityEnd()
#define RUN_TEST(func) UnityDefaultTestRun(func, #func, __LINE__)

#define UNITY_LINE_ ((UNITY_UINT)__LINE__)
#define UNITY_TEST_ASSERT(cond, line, msg) \
  do {                                     \
    if (!(cond)) UnityFail((msg), (line)); \
  } while (0)

#define TEST_FAIL_MESSAGE(msg) UnityFail((msg), UNITY_LINE_)
#define TEST_FAIL() UnityFail(nullptr, UNITY_LINE_)
#define TEST_IGNORE_MESSAGE(msg) UnityIgnore((msg), UNITY_LINE_)
#define TEST_IGNORE() UnityIgnore(nullptr, UNITY_LINE_)
#define TEST_PASS() UnityPass(nullptr, UNITY_LINE_)
#define TEST_PASS_MESSAGE(msg) UnityPass((msg), UNITY_LINE_)
#define TEST_MESSAGE(msg) UnityMessage((msg), UNITY_LINE_)

#define TEST_ASSERT_MESSAGE(cond, msg) UNITY_TEST_ASSERT((cond), UNITY_LINE_, (msg))
#define TEST_ASSERT(cond) UNITY_TEST_ASSERT((cond), UNITY_LINE_, " Expression Evaluated To FALSE")
#define TEST_ASSERT_TRUE(cond) TEST_ASSERT(cond)
#define TEST_ASSERT_TRUE_MESSAGE(cond, msg) TEST_ASSERT_MESSAGE((cond), (msg))
#define TEST_ASSERT_UNLESS(cond) UNITY_TEST_ASSERT(!(cond), UNITY_LINE_, " Expression Evaluated To TRUE")
#define TEST_ASSERT_FALSE(cond) UNITY_TEST_ASSERT(!(cond), UNITY_LINE_, " Expected FALSE Was TRUE")
#define TEST_ASSERT_FALSE_MESSAGE(cond, msg) UNITY_TEST_ASSERT(!(cond), UNITY_LINE_, (msg))
#define TEST_ASSERT_NULL(p) UNITY_TEST_ASSERT((p) == nullptr, UNITY_LINE_, " Expected NULL")
#define TEST_ASSERT_NULL_MESSAGE(p, msg) UNITY_TEST_ASSERT((p) == nullptr, UNITY_LINE_, (msg))
#define TEST_ASSERT_NOT_NULL(p) UNITY_TEST_ASSERT((p) != nullptr, UNITY_LINE_, " Expected Non-NULL")
#define TEST_ASSERT_NOT_NULL_MESSAGE(p, msg) UNITY_TEST_ASSERT((p) != nullptr, UNITY_LINE_, (msg))

#define UNITY_EQ_(e, a, msg, style, cast) \
  UnityAssertEqualNumber((UNITY_INT)(cast)(e), (UNITY_INT)(cast)(a), (msg), UNITY_LINE_, (style))
#define UNITY_EQ_INT_(e, a, msg, cast) UNITY_EQ_(e, a, msg, UnityDisplayStyle::kInt, cast)
#define UNITY_EQ_UINT_(e, a, msg, cast) UNITY_EQ_(e, a, msg, UnityDisplayStyle::kUint, cast)

#define TEST_ASSERT_EQUAL_INT(e, a) UNITY_EQ_INT_(e, a, nullptr, int)
#define TEST_ASSERT_EQUAL_INT8(e, a) UNITY_EQ_INT_(e, a, nullptr, int8_t)
#define TEST_ASSERT_EQUAL_INT16(e, a) UNITY_EQ_INT_(e, a, nullptr, int16_t)
#define TEST_ASSERT_EQUAL_INT32(e, a) UNITY_EQ_INT_(e, a, nullptr, int32_t)
#define TEST_ASSERT_EQUAL_INT64(e, a) UNITY_EQ_INT_(e, a, nullptr, int64_t)
#define TEST_ASSERT_EQUAL(e, a) TEST_ASSERT_EQUAL_INT(e, a)
#define TEST_ASSERT_EQUAL_UINT(e, a) UNITY_EQ_UINT_(e, a, nullptr, unsigned)
#define TEST_ASSERT_EQUAL_UINT8(e, a) UNITY_EQ_UINT_(e, a, nullptr, uint8_t)
#define TEST_ASSERT_EQUAL_UINT16(e, a) UNITY_EQ_UINT_(e, a, nullptr, uint16_t)
#define TEST_ASSERT_EQUAL_UINT32(e, a) UNITY_EQ_UINT_(e, a, nullptr, uint32_t)
#define TEST_ASSERT_EQUAL_UINT64(e, a) UNITY_EQ_UINT_(e, a, nullptr, uint64_t)
#define TEST_ASSERT_EQUAL_size_t(e, a) UNITY_EQ_UINT_(e, a, nullptr, uint64_t)
#define TEST_ASSERT_EQUAL_HEX8(e, a) UNITY_EQ_(e, a, nullptr, UnityDisplayStyle::kHex8, uint8_t)
#define TEST_ASSERT_EQUAL_HEX16(e, a) UNITY_EQ_(e, a, nullptr, UnityDisplayStyle::kHex16, uint16_t)
#define TEST_ASSERT_EQUAL_HEX32(e, a) UNITY_EQ_(e, a, nullptr, UnityDisplayStyle::kHex32, uint32_t)
#define TEST_ASSERT_EQUAL_HEX64(e, a) UNITY_EQ_(e, a, nullptr, UnityDisplayStyle::kHex64, uint64_t)
#define TEST_ASSERT_EQUAL_HEX(e, a) TEST_ASSERT_EQUAL_HEX32(e, a)
#define TEST_ASSERT_EQUAL_PTR(e, a) \
  UnityAssertEqualNumber((UNITY_INT)(uintptr_t)(e), (UNITY_INT)(uintptr_t)(a), nullptr, UNITY_LINE_, UnityDisplayStyle::kPointer)
#define TEST_ASSERT_EQUAL_STRING(e, a) UnityAssertEqualString((e), (a), nullptr, UNITY_LINE_)
#define TEST_ASSERT_EQUAL_MEMORY(e, a, len) UnityAssertEqualMemory((e), (a), (len), nullptr, UNITY_LINE_)

#define TEST_ASSERT_EQUAL_INT_MESSAGE(e, a, msg) UNITY_EQ_INT_(e, a, msg, int)
#define TEST_ASSERT_EQUAL_INT8_MESSAGE(e, a, msg) UNITY_EQ_INT_(e, a, msg, int8_t)
#define TEST_ASSERT_EQUAL_INT16_MESSAGE(e, a, msg) UNITY_EQ_INT_(e, a, msg, int16_t)
#define TEST_ASSERT_EQUAL_INT32_MESSAGE(e, a, msg) UNITY_EQ_INT_(e, a, msg, int32_t)
#define TEST_ASSERT_EQUAL_INT64_MESSAGE(e, a, msg) UNITY_EQ_INT_(e, a, msg, int64_t)
#define TEST_ASSERT_EQUAL_MESSAGE(e, a, msg) TEST_ASSERT_EQUAL_INT_MESSAGE(e, a, msg)
#define TEST_ASSERT_EQUAL_UINT_MESSAGE(e, a, msg) UNITY_EQ_UINT_(e, a, msg, unsigned)
#define TEST_ASSERT_EQUAL_UINT8_MESSAGE(e, a, msg) UNITY_EQ_UINT_(e, a, msg, uint8_t)
#define TEST_ASSERT_EQUAL_UINT16_MESSAGE(e, a, msg) UNITY_EQ_UINT_(e, a, msg, uint16_t)
#define TEST_ASSERT_EQUAL_UINT32_MESSAGE(e, a, msg) UNITY_EQ_UINT_(e, a, msg, uint32_t)
#define TEST_ASSERT_EQUAL_UINT64_MESSAGE(e, a, msg) UNITY_EQ_UINT_(e, a, msg, uint64_t)
#define TEST_ASSERT_EQUAL_HEX8_MESSAGE(e, a, msg) UNITY_EQ_(e, a, msg, UnityDisplayStyle::kHex8, uint8_t)
#define TEST_ASSERT_EQUAL_HEX16_MESSAGE(e, a, msg) UNITY_EQ_(e, a, msg, UnityDisplayStyle::kHex16, uint16_t)
#define TEST_ASSERT_EQUAL_HEX32_MESSAGE(e, a, msg) UNITY_EQ_(e, a, msg, UnityDisplayStyle::kHex32, uint32_t)
#define TEST_ASSERT_EQUAL_HEX64_MESSAGE(e, a, msg) UNITY_EQ_(e, a, msg, UnityDisplayStyle::kHex64, uint64_t)
#define TEST_ASSERT_EQUAL_PTR_MESSAGE(e, a, msg) \
  UnityAssertEqualNumber((UNITY_INT)(uintptr_t)(e), (UNITY_INT)(uintptr_t)(a), (msg), UNITY_LINE_, UnityDisplayStyle::kPointer)
#define TEST_ASSERT_EQUAL_STRING_MESSAGE(e, a, msg) UnityAssertEqualString((e), (a), (msg), UNITY_LINE_)
#define TEST_ASSERT_EQUAL_MEMORY_MESSAGE(e, a, len, msg) UnityAssertEqualMemory((e), (a), (len), (msg), UNITY_LINE_)

#define TEST_ASSERT_BITS(mask, e, a) UnityAssertBits((UNITY_INT)(mask), (UNITY_INT)(e), (UNITY_INT)(a), nullptr, UNITY_LINE_)
#define TEST_ASSERT_BITS_MESSAGE(mask, e, a, msg) UnityAssertBits((UNITY_INT)(mask), (UNITY_INT)(e), (UNITY_INT)(a), (msg), UNITY_LINE_)
#define TEST_ASSERT_BITS_HIGH(mask, a) TEST_ASSERT_BITS((mask), (UNITY_UINT)(-1), (a))
#define TEST_ASSERT_BITS_LOW(mask, a) TEST_ASSERT_BITS((mask), (UNITY_UINT)(0), (a))
#define TEST_ASSERT_BIT_HIGH(bit, a) TEST_ASSERT_BITS(((UNITY_UINT)1 << (bit)), (UNITY_UINT)(-1), (a))
#define TEST_ASSERT_BIT_LOW(bit, a) TEST_ASSERT_BITS(((UNITY_UINT)1 << (bit)), (UNITY_UINT)(0), (a))

void UnityMessage(const char* msg, UNITY_UINT line);
