/* The shim's engine interface: configuration, types, the functions unity.cc defines and the
 * UNITY_TEST_ASSERT_* layer that the public macros in unity.h expand to. Names, configuration
 * macros and layering follow Unity 2.7.0 (src/unity_internals.h), so code written against Unity's
 * internals (CMock, custom assertion macros) compiles too. Valid C and C++; the engine has C
 * linkage. */
#ifndef UNITY_INTERNALS_H
#define UNITY_INTERNALS_H

#ifdef UNITY_INCLUDE_CONFIG_H
#include "unity_config.h"
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "unity_jump.h"

#ifdef __cplusplus
extern "C" {
#endif

/*---------------------------------------------------------------------------------------------------
 * Widths. Portcullis is x86-64 only (LP64): int is 32 bits, long and pointers 64, so 64-bit support
 *is always on, as Unity's auto-detection decides on that target.
 *-------------------------------------------------------------------------------------------------*/
#define UNITY_INT_WIDTH (32)
#define UNITY_LONG_WIDTH (64)
#define UNITY_POINTER_WIDTH (64)
#ifndef UNITY_SUPPORT_64
#define UNITY_SUPPORT_64
#endif
#define UNITY_MAX_NIBBLES (16)

typedef uint8_t UNITY_UINT8;
typedef uint16_t UNITY_UINT16;
typedef uint32_t UNITY_UINT32;
typedef uint64_t UNITY_UINT64;
typedef int8_t UNITY_INT8;
typedef int16_t UNITY_INT16;
typedef int32_t UNITY_INT32;
typedef int64_t UNITY_INT64;
typedef UNITY_UINT64 UNITY_UINT;
typedef UNITY_INT64 UNITY_INT;
#define UNITY_PTR_TO_INT UNITY_INT64
#define UNITY_INTERNAL_PTR const void*
#define UNITY_PTR_ATTRIBUTE

#ifndef UNITY_LINE_TYPE
#define UNITY_LINE_TYPE UNITY_UINT
#endif
#ifndef UNITY_COUNTER_TYPE
#define UNITY_COUNTER_TYPE UNITY_UINT
#endif

/*---------------------------------------------------------------------------------------------------
 * Floats. A freestanding build without SSE math (the kernel: -mgeneral-regs-only) cannot touch a
 * floating-point register, so it excludes floats exactly as UNITY_EXCLUDE_FLOAT does: the float
 * assertions still compile and fail with "Unity Floating Point Disabled".
 *-------------------------------------------------------------------------------------------------*/
#if defined(UNITY_FREESTANDING) && !defined(__SSE_MATH__) && !defined(UNITY_EXCLUDE_FLOAT)
#define UNITY_EXCLUDE_FLOAT
#endif

#ifdef UNITY_EXCLUDE_FLOAT
#ifndef UNITY_EXCLUDE_DOUBLE
#define UNITY_EXCLUDE_DOUBLE
#endif
#ifndef UNITY_EXCLUDE_FLOAT_PRINT
#define UNITY_EXCLUDE_FLOAT_PRINT
#endif
#else
#ifndef UNITY_FLOAT_PRECISION
#define UNITY_FLOAT_PRECISION (0.00001f)
#endif
#ifndef UNITY_FLOAT_TYPE
#define UNITY_FLOAT_TYPE float
#endif
typedef UNITY_FLOAT_TYPE UNITY_FLOAT;
#ifndef UNITY_IS_NAN
#define UNITY_IS_NAN(n) __builtin_isnan(n)
#endif
#ifndef UNITY_IS_INF
#define UNITY_IS_INF(n) __builtin_isinf(n)
#endif
#endif

/* Doubles are opt-in, as in Unity; without them UNITY_DOUBLE is the float type (the printer's
 * type). */
#if defined(UNITY_EXCLUDE_DOUBLE) || !defined(UNITY_INCLUDE_DOUBLE)
#ifndef UNITY_EXCLUDE_DOUBLE
#define UNITY_EXCLUDE_DOUBLE
#else
#undef UNITY_INCLUDE_DOUBLE
#endif
#ifndef UNITY_EXCLUDE_FLOAT
typedef UNITY_FLOAT UNITY_DOUBLE;
#endif
#else
#ifndef UNITY_DOUBLE_PRECISION
#define UNITY_DOUBLE_PRECISION (1e-12)
#endif
#ifndef UNITY_DOUBLE_TYPE
#define UNITY_DOUBLE_TYPE double
#endif
typedef UNITY_DOUBLE_TYPE UNITY_DOUBLE;
#endif

/*---------------------------------------------------------------------------------------------------
 * Output. As in Unity, UNITY_OUTPUT_CHAR(c) is the sink and a user may define it (and
 * UNITY_OUTPUT_FLUSH, UNITY_OUTPUT_START, UNITY_OUTPUT_COMPLETE) for every file, unity.cc included.
 * Left undefined it is putchar where a C library exists, and unity_output_char() in a freestanding
 * build, which that environment defines (the kernel: its serial console).
 *-------------------------------------------------------------------------------------------------*/
#ifndef UNITY_OUTPUT_CHAR
#ifdef UNITY_FREESTANDING
void unity_output_char(int c);
#define UNITY_OUTPUT_CHAR(a) unity_output_char(a)
#else
#include <stdio.h>
#define UNITY_OUTPUT_CHAR(a) (void)putchar(a)
#endif
#else
#ifdef UNITY_OUTPUT_CHAR_HEADER_DECLARATION
extern void UNITY_OUTPUT_CHAR_HEADER_DECLARATION;
#endif
#endif

#ifndef UNITY_OUTPUT_FLUSH
#ifdef UNITY_USE_FLUSH_STDOUT
#include <stdio.h>
#define UNITY_OUTPUT_FLUSH() (void)fflush(stdout)
#else
#define UNITY_OUTPUT_FLUSH() (void)0
#endif
#else
#ifdef UNITY_OUTPUT_FLUSH_HEADER_DECLARATION
extern void UNITY_OUTPUT_FLUSH_HEADER_DECLARATION;
#endif
#endif

#ifndef UNITY_PRINT_EOL
#define UNITY_PRINT_EOL() UNITY_OUTPUT_CHAR('\n')
#endif
#ifndef UNITY_OUTPUT_START
#define UNITY_OUTPUT_START()
#endif
#ifndef UNITY_OUTPUT_COMPLETE
#define UNITY_OUTPUT_COMPLETE()
#endif

/* Unity 2.7.0 put the text between a failure's details and the user's message in one macro; 2.6 and
 * earlier printed ". " there. */
#ifndef UNITY_FAILURE_DETAIL_SEPARATOR
#define UNITY_FAILURE_DETAIL_SEPARATOR ":"
#endif
#ifndef UNITY_DETAIL1_NAME
#define UNITY_DETAIL1_NAME "Function"
#endif
#ifndef UNITY_DETAIL2_NAME
#define UNITY_DETAIL2_NAME "Argument"
#endif

#if defined(__GNUC__) || defined(__clang__)
#define UNITY_NORETURN __attribute__((__noreturn__))
#else
#define UNITY_NORETURN
#endif

/*---------------------------------------------------------------------------------------------------
 * Types shared with the engine
 *-------------------------------------------------------------------------------------------------*/
typedef void (*UnityTestFunction)(void);

#define UNITY_DISPLAY_RANGE_INT (0x10)
#define UNITY_DISPLAY_RANGE_UINT (0x20)
#define UNITY_DISPLAY_RANGE_HEX (0x40)
#define UNITY_DISPLAY_RANGE_CHAR (0x80)

/* The low nibble is the element width in bytes; the high bits say how a value prints. */
typedef enum {
  UNITY_DISPLAY_STYLE_INT = (UNITY_INT_WIDTH / 8) + UNITY_DISPLAY_RANGE_INT,
  UNITY_DISPLAY_STYLE_INT8 = 1 + UNITY_DISPLAY_RANGE_INT,
  UNITY_DISPLAY_STYLE_INT16 = 2 + UNITY_DISPLAY_RANGE_INT,
  UNITY_DISPLAY_STYLE_INT32 = 4 + UNITY_DISPLAY_RANGE_INT,
  UNITY_DISPLAY_STYLE_INT64 = 8 + UNITY_DISPLAY_RANGE_INT,
  UNITY_DISPLAY_STYLE_UINT = (UNITY_INT_WIDTH / 8) + UNITY_DISPLAY_RANGE_UINT,
  UNITY_DISPLAY_STYLE_UINT8 = 1 + UNITY_DISPLAY_RANGE_UINT,
  UNITY_DISPLAY_STYLE_UINT16 = 2 + UNITY_DISPLAY_RANGE_UINT,
  UNITY_DISPLAY_STYLE_UINT32 = 4 + UNITY_DISPLAY_RANGE_UINT,
  UNITY_DISPLAY_STYLE_UINT64 = 8 + UNITY_DISPLAY_RANGE_UINT,
  UNITY_DISPLAY_STYLE_HEX8 = 1 + UNITY_DISPLAY_RANGE_HEX,
  UNITY_DISPLAY_STYLE_HEX16 = 2 + UNITY_DISPLAY_RANGE_HEX,
  UNITY_DISPLAY_STYLE_HEX32 = 4 + UNITY_DISPLAY_RANGE_HEX,
  UNITY_DISPLAY_STYLE_HEX64 = 8 + UNITY_DISPLAY_RANGE_HEX,
  UNITY_DISPLAY_STYLE_CHAR = 1 + UNITY_DISPLAY_RANGE_CHAR + UNITY_DISPLAY_RANGE_INT,
  UNITY_DISPLAY_STYLE_UNKNOWN
} UNITY_DISPLAY_STYLE_T;
#define UNITY_DISPLAY_STYLE_POINTER UNITY_DISPLAY_STYLE_HEX64
/* size_t is 64 bits here: its arrays are read 8 bytes an element. */
#define UNITY_DISPLAY_STYLE_SIZE_T UNITY_DISPLAY_STYLE_UINT64

typedef enum {
  UNITY_WITHIN = 0x0,
  UNITY_EQUAL_TO = 0x1,
  UNITY_GREATER_THAN = 0x2,
  UNITY_GREATER_OR_EQUAL = 0x2 + UNITY_EQUAL_TO,
  UNITY_SMALLER_THAN = 0x4,
  UNITY_SMALLER_OR_EQUAL = 0x4 + UNITY_EQUAL_TO,
  UNITY_NOT_EQUAL = 0x0,
  UNITY_UNKNOWN
} UNITY_COMPARISON_T;

#ifndef UNITY_EXCLUDE_FLOAT
typedef enum UNITY_FLOAT_TRAIT {
  UNITY_FLOAT_IS_NOT_INF = 0,
  UNITY_FLOAT_IS_INF,
  UNITY_FLOAT_IS_NOT_NEG_INF,
  UNITY_FLOAT_IS_NEG_INF,
  UNITY_FLOAT_IS_NOT_NAN,
  UNITY_FLOAT_IS_NAN,
  UNITY_FLOAT_IS_NOT_DET,
  UNITY_FLOAT_IS_DET,
  UNITY_FLOAT_INVALID_TRAIT
} UNITY_FLOAT_TRAIT_T;
#endif

typedef enum { UNITY_ARRAY_TO_VAL = 0, UNITY_ARRAY_TO_ARRAY, UNITY_ARRAY_UNKNOWN } UNITY_FLAGS_T;

/* Everything Unity keeps between calls, under Unity's field names (tests read
 * Unity.CurrentTestFailed in tearDown). */
struct UNITY_STORAGE_T {
  const char* TestFile;
  const char* CurrentTestName;
  const char* CurrentDetail1;
  const char* CurrentDetail2;
  UNITY_LINE_TYPE CurrentTestLineNumber;
  UNITY_COUNTER_TYPE NumberOfTests;
  UNITY_COUNTER_TYPE TestFailures;
  UNITY_COUNTER_TYPE TestIgnores;
  UNITY_COUNTER_TYPE CurrentTestFailed;
  UNITY_COUNTER_TYPE CurrentTestIgnored;
  UnityJmpBuf AbortFrame;
};
typedef struct UNITY_STORAGE_T UnityStorage;
extern struct UNITY_STORAGE_T Unity;

extern const char UnityStrOk[];
extern const char UnityStrPass[];
extern const char UnityStrFail[];
extern const char UnityStrIgnore[];
extern const char UnityStrErrFloat[];
extern const char UnityStrErrDouble[];
extern const char UnityStrErr64[];
extern const char UnityStrErrShorthand[];

/*---------------------------------------------------------------------------------------------------
 * Engine (unity.cc)
 *-------------------------------------------------------------------------------------------------*/
void UnityBegin(const char* filename);
int UnityEnd(void);
void UnitySetTestFile(const char* filename);
void UnityConcludeTest(void);
void UnityDefaultTestRun(UnityTestFunction Func, const char* FuncName, const int FuncLineNum);

/* A shim extension, not in Unity: routes every character to `hook` instead of UNITY_OUTPUT_CHAR
 * (NULL restores it), so the shim's own tests can capture what a nested session prints. */
typedef void (*UnityOutputHook)(int c);
void unity_set_output_hook(UnityOutputHook hook);

void UnityPrint(const char* string);
void UnityPrintLen(const char* string, const UNITY_UINT32 length);
void UnityPrintMask(const UNITY_UINT mask, const UNITY_UINT number);
void UnityPrintIntNumberByStyle(const UNITY_INT number, const UNITY_DISPLAY_STYLE_T style);
void UnityPrintUintNumberByStyle(const UNITY_UINT number, const UNITY_DISPLAY_STYLE_T style);
void UnityPrintNumber(const UNITY_INT number_to_print);
void UnityPrintNumberUnsigned(const UNITY_UINT number);
void UnityPrintNumberHex(const UNITY_UINT number, const char nibbles_to_print);
#ifndef UNITY_EXCLUDE_FLOAT_PRINT
void UnityPrintFloat(const UNITY_DOUBLE input_number);
#endif
// No printf format attribute: Unity's %b (binary) is not a printf conversion, so a compiler's
// format check would reject valid TEST_PRINTF calls.
void UnityPrintF(const UNITY_LINE_TYPE line, const char* format, ...);
void UnityMessage(const char* message, const UNITY_LINE_TYPE line);

UNITY_NORETURN void UnityFail(const char* message, const UNITY_LINE_TYPE line);
UNITY_NORETURN void UnityIgnore(const char* message, const UNITY_LINE_TYPE line);

void UnityAssertEqualIntNumber(const UNITY_INT expected, const UNITY_INT actual, const char* msg,
                               const UNITY_LINE_TYPE lineNumber, const UNITY_DISPLAY_STYLE_T style);
void UnityAssertEqualUintNumber(const UNITY_UINT expected, const UNITY_UINT actual, const char* msg,
                                const UNITY_LINE_TYPE lineNumber,
                                const UNITY_DISPLAY_STYLE_T style);
void UnityAssertIntGreaterOrLessOrEqualNumber(const UNITY_INT threshold, const UNITY_INT actual,
                                              const UNITY_COMPARISON_T compare, const char* msg,
                                              const UNITY_LINE_TYPE lineNumber,
                                              const UNITY_DISPLAY_STYLE_T style);
void UnityAssertUintGreaterOrLessOrEqualNumber(const UNITY_UINT threshold, const UNITY_UINT actual,
                                               const UNITY_COMPARISON_T compare, const char* msg,
                                               const UNITY_LINE_TYPE lineNumber,
                                               const UNITY_DISPLAY_STYLE_T style);
void UnityAssertEqualIntArray(UNITY_INTERNAL_PTR expected, UNITY_INTERNAL_PTR actual,
                              const UNITY_UINT32 num_elements, const char* msg,
                              const UNITY_LINE_TYPE lineNumber, const UNITY_DISPLAY_STYLE_T style,
                              const UNITY_FLAGS_T flags);
void UnityAssertBits(const UNITY_INT mask, const UNITY_INT expected, const UNITY_INT actual,
                     const char* msg, const UNITY_LINE_TYPE lineNumber);
void UnityAssertEqualString(const char* expected, const char* actual, const char* msg,
                            const UNITY_LINE_TYPE lineNumber);
void UnityAssertEqualStringLen(const char* expected, const char* actual, const UNITY_UINT32 length,
                               const char* msg, const UNITY_LINE_TYPE lineNumber);
void UnityAssertEqualStringArray(UNITY_INTERNAL_PTR expected, const char** actual,
                                 const UNITY_UINT32 num_elements, const char* msg,
                                 const UNITY_LINE_TYPE lineNumber, const UNITY_FLAGS_T flags);
void UnityAssertEqualMemory(UNITY_INTERNAL_PTR expected, UNITY_INTERNAL_PTR actual,
                            const UNITY_UINT32 length, const UNITY_UINT32 num_elements,
                            const char* msg, const UNITY_LINE_TYPE lineNumber,
                            const UNITY_FLAGS_T flags);
void UnityAssertIntNumbersWithin(const UNITY_UINT delta, const UNITY_INT expected,
                                 const UNITY_INT actual, const char* msg,
                                 const UNITY_LINE_TYPE lineNumber,
                                 const UNITY_DISPLAY_STYLE_T style);
void UnityAssertUintNumbersWithin(const UNITY_UINT delta, const UNITY_UINT expected,
                                  const UNITY_UINT actual, const char* msg,
                                  const UNITY_LINE_TYPE lineNumber,
                                  const UNITY_DISPLAY_STYLE_T style);
void UnityAssertNumbersArrayWithin(const UNITY_UINT delta, UNITY_INTERNAL_PTR expected,
                                   UNITY_INTERNAL_PTR actual, const UNITY_UINT32 num_elements,
                                   const char* msg, const UNITY_LINE_TYPE lineNumber,
                                   const UNITY_DISPLAY_STYLE_T style, const UNITY_FLAGS_T flags);

UNITY_INTERNAL_PTR UnityNumToPtr(const UNITY_INT num, const UNITY_UINT8 size);

#ifndef UNITY_EXCLUDE_FLOAT
void UnityAssertFloatsWithin(const UNITY_FLOAT delta, const UNITY_FLOAT expected,
                             const UNITY_FLOAT actual, const char* msg,
                             const UNITY_LINE_TYPE lineNumber);
void UnityAssertFloatsNotWithin(const UNITY_FLOAT delta, const UNITY_FLOAT expected,
                                const UNITY_FLOAT actual, const char* msg,
                                const UNITY_LINE_TYPE lineNumber);
void UnityAssertGreaterOrLessFloat(const UNITY_FLOAT threshold, const UNITY_FLOAT actual,
                                   const UNITY_COMPARISON_T compare, const char* msg,
                                   const UNITY_LINE_TYPE lineNumber);
void UnityAssertWithinFloatArray(const UNITY_FLOAT delta, const UNITY_FLOAT* expected,
                                 const UNITY_FLOAT* actual, const UNITY_UINT32 num_elements,
                                 const char* msg, const UNITY_LINE_TYPE lineNumber,
                                 const UNITY_FLAGS_T flags);
void UnityAssertFloatSpecial(const UNITY_FLOAT actual, const char* msg,
                             const UNITY_LINE_TYPE lineNumber, const UNITY_FLOAT_TRAIT_T style);
UNITY_INTERNAL_PTR UnityFloatToPtr(const float num);
#endif

#ifndef UNITY_EXCLUDE_DOUBLE
void UnityAssertDoublesWithin(const UNITY_DOUBLE delta, const UNITY_DOUBLE expected,
                              const UNITY_DOUBLE actual, const char* msg,
                              const UNITY_LINE_TYPE lineNumber);
void UnityAssertDoublesNotWithin(const UNITY_DOUBLE delta, const UNITY_DOUBLE expected,
                                 const UNITY_DOUBLE actual, const char* msg,
                                 const UNITY_LINE_TYPE lineNumber);
void UnityAssertGreaterOrLessDouble(const UNITY_DOUBLE threshold, const UNITY_DOUBLE actual,
                                    const UNITY_COMPARISON_T compare, const char* msg,
                                    const UNITY_LINE_TYPE lineNumber);
void UnityAssertWithinDoubleArray(const UNITY_DOUBLE delta, const UNITY_DOUBLE* expected,
                                  const UNITY_DOUBLE* actual, const UNITY_UINT32 num_elements,
                                  const char* msg, const UNITY_LINE_TYPE lineNumber,
                                  const UNITY_FLAGS_T flags);
void UnityAssertDoubleSpecial(const UNITY_DOUBLE actual, const char* msg,
                              const UNITY_LINE_TYPE lineNumber, const UNITY_FLOAT_TRAIT_T style);
UNITY_INTERNAL_PTR UnityDoubleToPtr(const double num);
#endif

#ifdef __cplusplus
}
#endif

/*---------------------------------------------------------------------------------------------------
 * Control flow
 *-------------------------------------------------------------------------------------------------*/
#define TEST_PROTECT() (UNITY_SETJMP(Unity.AbortFrame) == 0)
#define TEST_ABORT() UNITY_LONGJMP(Unity.AbortFrame)

#define UNITY_SET_DETAIL(d1)     \
  do {                           \
    Unity.CurrentDetail1 = (d1); \
    Unity.CurrentDetail2 = NULL; \
  } while (0)
#define UNITY_SET_DETAILS(d1, d2) \
  do {                            \
    Unity.CurrentDetail1 = (d1);  \
    Unity.CurrentDetail2 = (d2);  \
  } while (0)
#define UNITY_CLR_DETAILS()      \
  do {                           \
    Unity.CurrentDetail1 = NULL; \
    Unity.CurrentDetail2 = NULL; \
  } while (0)

/* RUN_TEST(func) or RUN_TEST(func, line), as Unity's generated runners call it. */
#define RUN_TEST(...) UNITY_RUN_TEST_AT_LINE_(__VA_ARGS__, __LINE__, unity_unused_)
#define UNITY_RUN_TEST_AT_LINE_(func, line, ...) UnityDefaultTestRun(func, #func, line)

#define UNITY_LINE_(line) ((UNITY_LINE_TYPE)(line))
#define UNITY_TEST_FAIL(line, message) UnityFail((message), UNITY_LINE_(line))
#define UNITY_TEST_IGNORE(line, message) UnityIgnore((message), UNITY_LINE_(line))

#include "unity_assertions.h"

#endif /* UNITY_INTERNALS_H */
