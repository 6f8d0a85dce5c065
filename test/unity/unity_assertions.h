/* The UNITY_TEST_ASSERT_* layer: each macro turns one assertion into one engine call, with the
 * integer casts and display style that decide how Unity compares and prints it. Included by
 * unity_internals.h; the public TEST_ASSERT_* names are in unity.h. */
#ifndef UNITY_ASSERTIONS_H
#define UNITY_ASSERTIONS_H

#define UNITY_TEST_ASSERT(condition, line, message)       \
  do {                                                    \
    if (!(condition)) UNITY_TEST_FAIL((line), (message)); \
  } while (0)
/* C++ compares with nullptr: clang warns on `nullptr == NULL` (NULL is an integer there). */
#ifdef __cplusplus
#define UNITY_NULL_POINTER nullptr
#else
#define UNITY_NULL_POINTER NULL
#endif
#define UNITY_TEST_ASSERT_NULL(pointer, line, message) \
  UNITY_TEST_ASSERT(((pointer) == UNITY_NULL_POINTER), (line), (message))
#define UNITY_TEST_ASSERT_NOT_NULL(pointer, line, message) \
  UNITY_TEST_ASSERT(((pointer) != UNITY_NULL_POINTER), (line), (message))
#define UNITY_TEST_ASSERT_EMPTY(pointer, line, message) \
  UNITY_TEST_ASSERT(((pointer)[0] == 0), (line), (message))
#define UNITY_TEST_ASSERT_NOT_EMPTY(pointer, line, message) \
  UNITY_TEST_ASSERT(((pointer)[0] != 0), (line), (message))
#define UNITY_TEST_ASSERT_EQUAL_INT(expected, actual, line, message)               \
  UnityAssertEqualIntNumber((UNITY_INT)(expected), (UNITY_INT)(actual), (message), \
                            UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT)
#define UNITY_TEST_ASSERT_EQUAL_INT8(expected, actual, line, message)                           \
  UnityAssertEqualIntNumber((UNITY_INT)(UNITY_INT8)(expected), (UNITY_INT)(UNITY_INT8)(actual), \
                            (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8)
#define UNITY_TEST_ASSERT_EQUAL_INT16(expected, actual, line, message)                            \
  UnityAssertEqualIntNumber((UNITY_INT)(UNITY_INT16)(expected), (UNITY_INT)(UNITY_INT16)(actual), \
                            (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16)
#define UNITY_TEST_ASSERT_EQUAL_INT32(expected, actual, line, message)                            \
  UnityAssertEqualIntNumber((UNITY_INT)(UNITY_INT32)(expected), (UNITY_INT)(UNITY_INT32)(actual), \
                            (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32)
#define UNITY_TEST_ASSERT_EQUAL_INT64(expected, actual, line, message)                            \
  UnityAssertEqualIntNumber((UNITY_INT)(UNITY_INT64)(expected), (UNITY_INT)(UNITY_INT64)(actual), \
                            (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64)
#define UNITY_TEST_ASSERT_EQUAL_UINT(expected, actual, line, message)                 \
  UnityAssertEqualUintNumber((UNITY_UINT)(expected), (UNITY_UINT)(actual), (message), \
                             UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT)
#define UNITY_TEST_ASSERT_EQUAL_UINT8(expected, actual, line, message)                        \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT8)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT8)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_UINT8)
#define UNITY_TEST_ASSERT_EQUAL_UINT16(expected, actual, line, message)                        \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT16)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT16)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_UINT16)
#define UNITY_TEST_ASSERT_EQUAL_UINT32(expected, actual, line, message)                        \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT32)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT32)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_UINT32)
#define UNITY_TEST_ASSERT_EQUAL_UINT64(expected, actual, line, message)                        \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT64)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT64)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_UINT64)
#define UNITY_TEST_ASSERT_EQUAL_size_t(expected, actual, line, message)               \
  UnityAssertEqualUintNumber((UNITY_UINT)(expected), (UNITY_UINT)(actual), (message), \
                             UNITY_LINE_(line), UNITY_DISPLAY_STYLE_SIZE_T)
#define UNITY_TEST_ASSERT_EQUAL_HEX(expected, actual, line, message)                           \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT32)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT32)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_EQUAL_HEX8(expected, actual, line, message)                         \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT8)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT8)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_HEX8)
#define UNITY_TEST_ASSERT_EQUAL_HEX16(expected, actual, line, message)                         \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT16)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT16)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_HEX16)
#define UNITY_TEST_ASSERT_EQUAL_HEX32(expected, actual, line, message)                         \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT32)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT32)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_EQUAL_HEX64(expected, actual, line, message)                         \
  UnityAssertEqualUintNumber((UNITY_UINT)(UNITY_UINT64)(expected),                             \
                             (UNITY_UINT)(UNITY_UINT64)(actual), (message), UNITY_LINE_(line), \
                             UNITY_DISPLAY_STYLE_HEX64)
#define UNITY_TEST_ASSERT_EQUAL_CHAR(expected, actual, line, message)                           \
  UnityAssertEqualIntNumber((UNITY_INT)(UNITY_INT8)(expected), (UNITY_INT)(UNITY_INT8)(actual), \
                            (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR)
#define UNITY_TEST_ASSERT_NOT_EQUAL_INT(threshold, actual, line, message)                 \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(threshold), (UNITY_INT)(actual),   \
                                           UNITY_NOT_EQUAL, (message), UNITY_LINE_(line), \
                                           UNITY_DISPLAY_STYLE_INT)
#define UNITY_TEST_ASSERT_GREATER_THAN_INT(threshold, actual, line, message)                 \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(threshold), (UNITY_INT)(actual),      \
                                           UNITY_GREATER_THAN, (message), UNITY_LINE_(line), \
                                           UNITY_DISPLAY_STYLE_INT)
#define UNITY_TEST_ASSERT_SMALLER_THAN_INT(threshold, actual, line, message)                 \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(threshold), (UNITY_INT)(actual),      \
                                           UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), \
                                           UNITY_DISPLAY_STYLE_INT)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_INT(threshold, actual, line, message)                 \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(threshold), (UNITY_INT)(actual),          \
                                           UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), \
                                           UNITY_DISPLAY_STYLE_INT)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_INT(threshold, actual, line, message)                 \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(threshold), (UNITY_INT)(actual),          \
                                           UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), \
                                           UNITY_DISPLAY_STYLE_INT)
#define UNITY_TEST_ASSERT_NOT_EQUAL_INT8(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(UNITY_INT8)(threshold),               \
                                           (UNITY_INT)(UNITY_INT8)(actual), UNITY_NOT_EQUAL, \
                                           (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8)
#define UNITY_TEST_ASSERT_GREATER_THAN_INT8(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(UNITY_INT8)(threshold),                  \
                                           (UNITY_INT)(UNITY_INT8)(actual), UNITY_GREATER_THAN, \
                                           (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8)
#define UNITY_TEST_ASSERT_SMALLER_THAN_INT8(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(UNITY_INT8)(threshold),                  \
                                           (UNITY_INT)(UNITY_INT8)(actual), UNITY_SMALLER_THAN, \
                                           (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_INT8(threshold, actual, line, message)                  \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                        \
      (UNITY_INT)(UNITY_INT8)(threshold), (UNITY_INT)(UNITY_INT8)(actual), UNITY_GREATER_OR_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_INT8(threshold, actual, line, message)                  \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                        \
      (UNITY_INT)(UNITY_INT8)(threshold), (UNITY_INT)(UNITY_INT8)(actual), UNITY_SMALLER_OR_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8)
#define UNITY_TEST_ASSERT_NOT_EQUAL_INT16(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                   \
      (UNITY_INT)(UNITY_INT16)(threshold), (UNITY_INT)(UNITY_INT16)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16)
#define UNITY_TEST_ASSERT_GREATER_THAN_INT16(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_INT)(UNITY_INT16)(threshold), (UNITY_INT)(UNITY_INT16)(actual), UNITY_GREATER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16)
#define UNITY_TEST_ASSERT_SMALLER_THAN_INT16(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_INT)(UNITY_INT16)(threshold), (UNITY_INT)(UNITY_INT16)(actual), UNITY_SMALLER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_INT16(threshold, actual, line, message) \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                        \
      (UNITY_INT)(UNITY_INT16)(threshold), (UNITY_INT)(UNITY_INT16)(actual),       \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_INT16(threshold, actual, line, message) \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                        \
      (UNITY_INT)(UNITY_INT16)(threshold), (UNITY_INT)(UNITY_INT16)(actual),       \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16)
#define UNITY_TEST_ASSERT_NOT_EQUAL_INT32(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                   \
      (UNITY_INT)(UNITY_INT32)(threshold), (UNITY_INT)(UNITY_INT32)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32)
#define UNITY_TEST_ASSERT_GREATER_THAN_INT32(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_INT)(UNITY_INT32)(threshold), (UNITY_INT)(UNITY_INT32)(actual), UNITY_GREATER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32)
#define UNITY_TEST_ASSERT_SMALLER_THAN_INT32(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_INT)(UNITY_INT32)(threshold), (UNITY_INT)(UNITY_INT32)(actual), UNITY_SMALLER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_INT32(threshold, actual, line, message) \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                        \
      (UNITY_INT)(UNITY_INT32)(threshold), (UNITY_INT)(UNITY_INT32)(actual),       \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_INT32(threshold, actual, line, message) \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                        \
      (UNITY_INT)(UNITY_INT32)(threshold), (UNITY_INT)(UNITY_INT32)(actual),       \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32)
#define UNITY_TEST_ASSERT_NOT_EQUAL_INT64(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                   \
      (UNITY_INT)(UNITY_INT64)(threshold), (UNITY_INT)(UNITY_INT64)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64)
#define UNITY_TEST_ASSERT_GREATER_THAN_INT64(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_INT)(UNITY_INT64)(threshold), (UNITY_INT)(UNITY_INT64)(actual), UNITY_GREATER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64)
#define UNITY_TEST_ASSERT_SMALLER_THAN_INT64(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_INT)(UNITY_INT64)(threshold), (UNITY_INT)(UNITY_INT64)(actual), UNITY_SMALLER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_INT64(threshold, actual, line, message) \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                        \
      (UNITY_INT)(UNITY_INT64)(threshold), (UNITY_INT)(UNITY_INT64)(actual),       \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_INT64(threshold, actual, line, message) \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                        \
      (UNITY_INT)(UNITY_INT64)(threshold), (UNITY_INT)(UNITY_INT64)(actual),       \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64)
#define UNITY_TEST_ASSERT_NOT_EQUAL_UINT(threshold, actual, line, message)                 \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual), \
                                            UNITY_NOT_EQUAL, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_UINT)
#define UNITY_TEST_ASSERT_GREATER_THAN_UINT(threshold, actual, line, message)                 \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),    \
                                            UNITY_GREATER_THAN, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_UINT)
#define UNITY_TEST_ASSERT_SMALLER_THAN_UINT(threshold, actual, line, message)                 \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),    \
                                            UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_UINT)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_UINT(threshold, actual, line, message)                 \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),        \
                                            UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_UINT)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_UINT(threshold, actual, line, message)                 \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),        \
                                            UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_UINT)
#define UNITY_TEST_ASSERT_NOT_EQUAL_UINT8(threshold, actual, line, message)                     \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                    \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8)
#define UNITY_TEST_ASSERT_GREATER_THAN_UINT8(threshold, actual, line, message)                     \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                       \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual), UNITY_GREATER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8)
#define UNITY_TEST_ASSERT_SMALLER_THAN_UINT8(threshold, actual, line, message)                     \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                       \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual), UNITY_SMALLER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_UINT8(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual),     \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_UINT8(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual),     \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8)
#define UNITY_TEST_ASSERT_NOT_EQUAL_UINT16(threshold, actual, line, message)                      \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT16)
#define UNITY_TEST_ASSERT_GREATER_THAN_UINT16(threshold, actual, line, message)  \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual), \
      UNITY_GREATER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT16)
#define UNITY_TEST_ASSERT_SMALLER_THAN_UINT16(threshold, actual, line, message)  \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual), \
      UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT16)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_UINT16(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                        \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual),    \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT16)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_UINT16(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                        \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual),    \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT16)
#define UNITY_TEST_ASSERT_NOT_EQUAL_UINT32(threshold, actual, line, message)                      \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT32)
#define UNITY_TEST_ASSERT_GREATER_THAN_UINT32(threshold, actual, line, message)  \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual), \
      UNITY_GREATER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT32)
#define UNITY_TEST_ASSERT_SMALLER_THAN_UINT32(threshold, actual, line, message)  \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual), \
      UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT32)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_UINT32(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                        \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual),    \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT32)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_UINT32(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                        \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual),    \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT32)
#define UNITY_TEST_ASSERT_NOT_EQUAL_UINT64(threshold, actual, line, message)                      \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT64)
#define UNITY_TEST_ASSERT_GREATER_THAN_UINT64(threshold, actual, line, message)  \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual), \
      UNITY_GREATER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT64)
#define UNITY_TEST_ASSERT_SMALLER_THAN_UINT64(threshold, actual, line, message)  \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual), \
      UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT64)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_UINT64(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                        \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual),    \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT64)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_UINT64(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                        \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual),    \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT64)
#define UNITY_TEST_ASSERT_NOT_EQUAL_size_t(threshold, actual, line, message)               \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual), \
                                            UNITY_NOT_EQUAL, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_SIZE_T)
#define UNITY_TEST_ASSERT_GREATER_THAN_size_t(threshold, actual, line, message)               \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),    \
                                            UNITY_GREATER_THAN, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_SIZE_T)
#define UNITY_TEST_ASSERT_SMALLER_THAN_size_t(threshold, actual, line, message)               \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),    \
                                            UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_SIZE_T)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_size_t(threshold, actual, line, message)               \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),        \
                                            UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_SIZE_T)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_size_t(threshold, actual, line, message)               \
  UnityAssertUintGreaterOrLessOrEqualNumber((UNITY_UINT)(threshold), (UNITY_UINT)(actual),        \
                                            UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), \
                                            UNITY_DISPLAY_STYLE_SIZE_T)
#define UNITY_TEST_ASSERT_NOT_EQUAL_HEX8(threshold, actual, line, message)                      \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                    \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8)
#define UNITY_TEST_ASSERT_GREATER_THAN_HEX8(threshold, actual, line, message)                      \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                       \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual), UNITY_GREATER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8)
#define UNITY_TEST_ASSERT_SMALLER_THAN_HEX8(threshold, actual, line, message)                      \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                       \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual), UNITY_SMALLER_THAN, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_HEX8(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                      \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual),    \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_HEX8(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                      \
      (UNITY_UINT)(UNITY_UINT8)(threshold), (UNITY_UINT)(UNITY_UINT8)(actual),    \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8)
#define UNITY_TEST_ASSERT_NOT_EQUAL_HEX16(threshold, actual, line, message)                       \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16)
#define UNITY_TEST_ASSERT_GREATER_THAN_HEX16(threshold, actual, line, message)   \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual), \
      UNITY_GREATER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16)
#define UNITY_TEST_ASSERT_SMALLER_THAN_HEX16(threshold, actual, line, message)   \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual), \
      UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_HEX16(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual),   \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_HEX16(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT16)(threshold), (UNITY_UINT)(UNITY_UINT16)(actual),   \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16)
#define UNITY_TEST_ASSERT_NOT_EQUAL_HEX32(threshold, actual, line, message)                       \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_GREATER_THAN_HEX32(threshold, actual, line, message)   \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual), \
      UNITY_GREATER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_SMALLER_THAN_HEX32(threshold, actual, line, message)   \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual), \
      UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_HEX32(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual),   \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_HEX32(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT32)(threshold), (UNITY_UINT)(UNITY_UINT32)(actual),   \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_NOT_EQUAL_HEX64(threshold, actual, line, message)                       \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                                      \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual), UNITY_NOT_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64)
#define UNITY_TEST_ASSERT_GREATER_THAN_HEX64(threshold, actual, line, message)   \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual), \
      UNITY_GREATER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64)
#define UNITY_TEST_ASSERT_SMALLER_THAN_HEX64(threshold, actual, line, message)   \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                     \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual), \
      UNITY_SMALLER_THAN, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_HEX64(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual),   \
      UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_HEX64(threshold, actual, line, message) \
  UnityAssertUintGreaterOrLessOrEqualNumber(                                       \
      (UNITY_UINT)(UNITY_UINT64)(threshold), (UNITY_UINT)(UNITY_UINT64)(actual),   \
      UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64)
#define UNITY_TEST_ASSERT_NOT_EQUAL_CHAR(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(UNITY_INT8)(threshold),               \
                                           (UNITY_INT)(UNITY_INT8)(actual), UNITY_NOT_EQUAL, \
                                           (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR)
#define UNITY_TEST_ASSERT_GREATER_THAN_CHAR(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(UNITY_INT8)(threshold),                  \
                                           (UNITY_INT)(UNITY_INT8)(actual), UNITY_GREATER_THAN, \
                                           (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR)
#define UNITY_TEST_ASSERT_SMALLER_THAN_CHAR(threshold, actual, line, message)                   \
  UnityAssertIntGreaterOrLessOrEqualNumber((UNITY_INT)(UNITY_INT8)(threshold),                  \
                                           (UNITY_INT)(UNITY_INT8)(actual), UNITY_SMALLER_THAN, \
                                           (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_CHAR(threshold, actual, line, message)                  \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                        \
      (UNITY_INT)(UNITY_INT8)(threshold), (UNITY_INT)(UNITY_INT8)(actual), UNITY_GREATER_OR_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_CHAR(threshold, actual, line, message)                  \
  UnityAssertIntGreaterOrLessOrEqualNumber(                                                        \
      (UNITY_INT)(UNITY_INT8)(threshold), (UNITY_INT)(UNITY_INT8)(actual), UNITY_SMALLER_OR_EQUAL, \
      (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR)
#define UNITY_TEST_ASSERT_INT_WITHIN(delta, expected, actual, line, message)                   \
  UnityAssertIntNumbersWithin((UNITY_UINT)(delta), (UNITY_INT)(expected), (UNITY_INT)(actual), \
                              (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT)
#define UNITY_TEST_ASSERT_INT_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(delta), (UNITY_INTERNAL_PTR)(expected),             \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),      \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_INT_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual), \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),   \
                           UNITY_DISPLAY_STYLE_INT, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_INT(expected, actual, num_elements, line, message)           \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_INT)(expected), 4),                    \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_INT8_WITHIN(delta, expected, actual, line, message)                      \
  UnityAssertIntNumbersWithin((UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_INT)(UNITY_INT8)(expected), \
                              (UNITY_INT)(UNITY_INT8)(actual), (message), UNITY_LINE_(line),       \
                              UNITY_DISPLAY_STYLE_INT8)
#define UNITY_TEST_ASSERT_INT8_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),       \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_INT8_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),  \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),    \
                           UNITY_DISPLAY_STYLE_INT8, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_INT8(expected, actual, num_elements, line, message)          \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_INT)(UNITY_INT8)(expected), 1),        \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT8, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_INT16_WITHIN(delta, expected, actual, line, message) \
  UnityAssertIntNumbersWithin(                                                 \
      (UNITY_UINT)(UNITY_UINT16)(delta), (UNITY_INT)(UNITY_INT16)(expected),   \
      (UNITY_INT)(UNITY_INT16)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16)
#define UNITY_TEST_ASSERT_INT16_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT16)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_INT16_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),   \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),     \
                           UNITY_DISPLAY_STYLE_INT16, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_INT16(expected, actual, num_elements, line, message)         \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_INT)(UNITY_INT16)(expected), 2),       \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT16, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_INT32_WITHIN(delta, expected, actual, line, message) \
  UnityAssertIntNumbersWithin(                                                 \
      (UNITY_UINT)(UNITY_UINT32)(delta), (UNITY_INT)(UNITY_INT32)(expected),   \
      (UNITY_INT)(UNITY_INT32)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32)
#define UNITY_TEST_ASSERT_INT32_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT32)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_INT32_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),   \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),     \
                           UNITY_DISPLAY_STYLE_INT32, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_INT32(expected, actual, num_elements, line, message)         \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_INT)(UNITY_INT32)(expected), 4),       \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT32, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_INT64_WITHIN(delta, expected, actual, line, message) \
  UnityAssertIntNumbersWithin(                                                 \
      (UNITY_UINT)(UNITY_UINT64)(delta), (UNITY_INT)(UNITY_INT64)(expected),   \
      (UNITY_INT)(UNITY_INT64)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64)
#define UNITY_TEST_ASSERT_INT64_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT64)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_INT64_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),   \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),     \
                           UNITY_DISPLAY_STYLE_INT64, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_INT64(expected, actual, num_elements, line, message)         \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_INT)(UNITY_INT64)(expected), 8),       \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_INT64, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_UINT_WITHIN(delta, expected, actual, line, message)                     \
  UnityAssertUintNumbersWithin((UNITY_UINT)(delta), (UNITY_UINT)(expected), (UNITY_UINT)(actual), \
                               (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT)
#define UNITY_TEST_ASSERT_UINT_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(delta), (UNITY_INTERNAL_PTR)(expected),              \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),       \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_UINT_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),  \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),    \
                           UNITY_DISPLAY_STYLE_UINT, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_UINT(expected, actual, num_elements, line, message)          \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(expected), 4),                   \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_UINT8_WITHIN(delta, expected, actual, line, message) \
  UnityAssertUintNumbersWithin(                                                \
      (UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_UINT)(UNITY_UINT8)(expected),   \
      (UNITY_UINT)(UNITY_UINT8)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8)
#define UNITY_TEST_ASSERT_UINT8_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_INTERNAL_PTR)(expected),  \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_UINT8_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),   \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),     \
                           UNITY_DISPLAY_STYLE_UINT8, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_UINT8(expected, actual, num_elements, line, message)         \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT8)(expected), 1),      \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT8, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_UINT16_WITHIN(delta, expected, actual, line, message)                  \
  UnityAssertUintNumbersWithin((UNITY_UINT)(UNITY_UINT16)(delta),                                \
                               (UNITY_UINT)(UNITY_UINT16)(expected),                             \
                               (UNITY_UINT)(UNITY_UINT16)(actual), (message), UNITY_LINE_(line), \
                               UNITY_DISPLAY_STYLE_UINT16)
#define UNITY_TEST_ASSERT_UINT16_ARRAY_WITHIN(delta, expected, actual, num_elements, line,         \
                                              message)                                             \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT16)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT16,          \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_UINT16_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),    \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),      \
                           UNITY_DISPLAY_STYLE_UINT16, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_UINT16(expected, actual, num_elements, line, message)        \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT16)(expected), 2),     \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT16, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_UINT32_WITHIN(delta, expected, actual, line, message)                  \
  UnityAssertUintNumbersWithin((UNITY_UINT)(UNITY_UINT32)(delta),                                \
                               (UNITY_UINT)(UNITY_UINT32)(expected),                             \
                               (UNITY_UINT)(UNITY_UINT32)(actual), (message), UNITY_LINE_(line), \
                               UNITY_DISPLAY_STYLE_UINT32)
#define UNITY_TEST_ASSERT_UINT32_ARRAY_WITHIN(delta, expected, actual, num_elements, line,         \
                                              message)                                             \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT32)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT32,          \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_UINT32_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),    \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),      \
                           UNITY_DISPLAY_STYLE_UINT32, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_UINT32(expected, actual, num_elements, line, message)        \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT32)(expected), 4),     \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT32, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_UINT64_WITHIN(delta, expected, actual, line, message)                  \
  UnityAssertUintNumbersWithin((UNITY_UINT)(UNITY_UINT64)(delta),                                \
                               (UNITY_UINT)(UNITY_UINT64)(expected),                             \
                               (UNITY_UINT)(UNITY_UINT64)(actual), (message), UNITY_LINE_(line), \
                               UNITY_DISPLAY_STYLE_UINT64)
#define UNITY_TEST_ASSERT_UINT64_ARRAY_WITHIN(delta, expected, actual, num_elements, line,         \
                                              message)                                             \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT64)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT64,          \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_UINT64_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),    \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),      \
                           UNITY_DISPLAY_STYLE_UINT64, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_UINT64(expected, actual, num_elements, line, message)        \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT64)(expected), 8),     \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_UINT64, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_size_t_WITHIN(delta, expected, actual, line, message)                   \
  UnityAssertUintNumbersWithin((UNITY_UINT)(delta), (UNITY_UINT)(expected), (UNITY_UINT)(actual), \
                               (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_SIZE_T)
#define UNITY_TEST_ASSERT_size_t_ARRAY_WITHIN(delta, expected, actual, num_elements, line,  \
                                              message)                                      \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(delta), (UNITY_INTERNAL_PTR)(expected),        \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_SIZE_T,   \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_size_t_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),    \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),      \
                           UNITY_DISPLAY_STYLE_SIZE_T, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_size_t(expected, actual, num_elements, line, message)        \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(expected), 8),                   \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_SIZE_T, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_HEX_WITHIN(delta, expected, actual, line, message)   \
  UnityAssertUintNumbersWithin(                                                \
      (UNITY_UINT)(UNITY_UINT32)(delta), (UNITY_UINT)(UNITY_UINT32)(expected), \
      (UNITY_UINT)(UNITY_UINT32)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_HEX_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message)   \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT32)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_HEX_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual), \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),   \
                           UNITY_DISPLAY_STYLE_HEX32, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_HEX(expected, actual, num_elements, line, message)           \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT32)(expected), 4),     \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_HEX8_WITHIN(delta, expected, actual, line, message) \
  UnityAssertUintNumbersWithin(                                               \
      (UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_UINT)(UNITY_UINT8)(expected),  \
      (UNITY_UINT)(UNITY_UINT8)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8)
#define UNITY_TEST_ASSERT_HEX8_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),       \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_HEX8_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),  \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),    \
                           UNITY_DISPLAY_STYLE_HEX8, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_HEX8(expected, actual, num_elements, line, message)          \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT8)(expected), 1),      \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX8, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_HEX16_WITHIN(delta, expected, actual, line, message) \
  UnityAssertUintNumbersWithin(                                                \
      (UNITY_UINT)(UNITY_UINT16)(delta), (UNITY_UINT)(UNITY_UINT16)(expected), \
      (UNITY_UINT)(UNITY_UINT16)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16)
#define UNITY_TEST_ASSERT_HEX16_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT16)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_HEX16_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),   \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),     \
                           UNITY_DISPLAY_STYLE_HEX16, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_HEX16(expected, actual, num_elements, line, message)         \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT16)(expected), 2),     \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX16, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_HEX32_WITHIN(delta, expected, actual, line, message) \
  UnityAssertUintNumbersWithin(                                                \
      (UNITY_UINT)(UNITY_UINT32)(delta), (UNITY_UINT)(UNITY_UINT32)(expected), \
      (UNITY_UINT)(UNITY_UINT32)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32)
#define UNITY_TEST_ASSERT_HEX32_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT32)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_HEX32_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),   \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),     \
                           UNITY_DISPLAY_STYLE_HEX32, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_HEX32(expected, actual, num_elements, line, message)         \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT32)(expected), 4),     \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX32, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_HEX64_WITHIN(delta, expected, actual, line, message) \
  UnityAssertUintNumbersWithin(                                                \
      (UNITY_UINT)(UNITY_UINT64)(delta), (UNITY_UINT)(UNITY_UINT64)(expected), \
      (UNITY_UINT)(UNITY_UINT64)(actual), (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64)
#define UNITY_TEST_ASSERT_HEX64_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT64)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),        \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_HEX64_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),   \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),     \
                           UNITY_DISPLAY_STYLE_HEX64, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_HEX64(expected, actual, num_elements, line, message)         \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_UINT)(UNITY_UINT64)(expected), 8),     \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_HEX64, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_CHAR_WITHIN(delta, expected, actual, line, message)                      \
  UnityAssertIntNumbersWithin((UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_INT)(UNITY_INT8)(expected), \
                              (UNITY_INT)(UNITY_INT8)(actual), (message), UNITY_LINE_(line),       \
                              UNITY_DISPLAY_STYLE_CHAR)
#define UNITY_TEST_ASSERT_CHAR_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertNumbersArrayWithin((UNITY_UINT)(UNITY_UINT8)(delta), (UNITY_INTERNAL_PTR)(expected), \
                                (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements),       \
                                (message), UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR,           \
                                UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_CHAR_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),  \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),    \
                           UNITY_DISPLAY_STYLE_CHAR, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_CHAR(expected, actual, num_elements, line, message)          \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(UNITY_INT)(UNITY_INT8)(expected), 1),        \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_CHAR, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_EQUAL_PTR(expected, actual, line, message)                  \
  UnityAssertEqualUintNumber((UNITY_UINT)(uintptr_t)(const void*)(expected),          \
                             (UNITY_UINT)(uintptr_t)(const void*)(actual), (message), \
                             UNITY_LINE_(line), UNITY_DISPLAY_STYLE_POINTER)
#define UNITY_TEST_ASSERT_EQUAL_PTR_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualIntArray((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual), \
                           (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),   \
                           UNITY_DISPLAY_STYLE_POINTER, UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_PTR(expected, actual, num_elements, line, message)           \
  UnityAssertEqualIntArray(UnityNumToPtr((UNITY_INT)(uintptr_t)(const void*)(expected), 8),       \
                           (UNITY_INTERNAL_PTR)(actual), (UNITY_UINT32)(num_elements), (message), \
                           UNITY_LINE_(line), UNITY_DISPLAY_STYLE_POINTER, UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_EQUAL_STRING(expected, actual, line, message)             \
  UnityAssertEqualString((const char*)(expected), (const char*)(actual), (message), \
                         UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_EQUAL_STRING_LEN(expected, actual, len, line, message)                 \
  UnityAssertEqualStringLen((const char*)(expected), (const char*)(actual), (UNITY_UINT32)(len), \
                            (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_EQUAL_STRING_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertEqualStringArray((UNITY_INTERNAL_PTR)(expected), (const char**)(actual),       \
                              (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),   \
                              UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_STRING(expected, actual, num_elements, line, message) \
  UnityAssertEqualStringArray((UNITY_INTERNAL_PTR)(expected), (const char**)(actual),      \
                              (UNITY_UINT32)(num_elements), (message), UNITY_LINE_(line),  \
                              UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_EQUAL_MEMORY(expected, actual, len, line, message)           \
  UnityAssertEqualMemory((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual), \
                         (UNITY_UINT32)(len), 1, (message), UNITY_LINE_(line),         \
                         UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_MEMORY_ARRAY(expected, actual, len, num_elements, line, message) \
  UnityAssertEqualMemory((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),           \
                         (UNITY_UINT32)(len), (UNITY_UINT32)(num_elements), (message),           \
                         UNITY_LINE_(line), UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_MEMORY(expected, actual, len, num_elements, line, message) \
  UnityAssertEqualMemory((UNITY_INTERNAL_PTR)(expected), (UNITY_INTERNAL_PTR)(actual),          \
                         (UNITY_UINT32)(len), (UNITY_UINT32)(num_elements), (message),          \
                         UNITY_LINE_(line), UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_BITS(mask, expected, actual, line, message)                       \
  UnityAssertBits((UNITY_INT)(mask), (UNITY_INT)(expected), (UNITY_INT)(actual), (message), \
                  UNITY_LINE_(line))

#ifndef UNITY_EXCLUDE_FLOAT
#define UNITY_TEST_ASSERT_FLOAT_WITHIN(delta, expected, actual, line, message)                  \
  UnityAssertFloatsWithin((UNITY_FLOAT)(delta), (UNITY_FLOAT)(expected), (UNITY_FLOAT)(actual), \
                          (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_FLOAT_NOT_WITHIN(delta, expected, actual, line, message)                 \
  UnityAssertFloatsNotWithin((UNITY_FLOAT)(delta), (UNITY_FLOAT)(expected), (UNITY_FLOAT)(actual), \
                             (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_EQUAL_FLOAT(expected, actual, line, message)                  \
  UnityAssertFloatsWithin((UNITY_FLOAT)(expected) * (UNITY_FLOAT)UNITY_FLOAT_PRECISION, \
                          (UNITY_FLOAT)(expected), (UNITY_FLOAT)(actual), (message),    \
                          UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_NOT_EQUAL_FLOAT(expected, actual, line, message)                 \
  UnityAssertFloatsNotWithin((UNITY_FLOAT)(expected) * (UNITY_FLOAT)UNITY_FLOAT_PRECISION, \
                             (UNITY_FLOAT)(expected), (UNITY_FLOAT)(actual), (message),    \
                             UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_FLOAT_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UnityAssertWithinFloatArray((UNITY_FLOAT)(delta), (const UNITY_FLOAT*)(expected),                \
                              (const UNITY_FLOAT*)(actual), (UNITY_UINT32)(num_elements),          \
                              (message), UNITY_LINE_(line), UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_FLOAT_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertWithinFloatArray((UNITY_FLOAT)0, (const UNITY_FLOAT*)(expected),              \
                              (const UNITY_FLOAT*)(actual), (UNITY_UINT32)(num_elements),  \
                              (message), UNITY_LINE_(line), UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_FLOAT(expected, actual, num_elements, line, message)    \
  UnityAssertWithinFloatArray((UNITY_FLOAT)0, (const UNITY_FLOAT*)UnityFloatToPtr(expected), \
                              (const UNITY_FLOAT*)(actual), (UNITY_UINT32)(num_elements),    \
                              (message), UNITY_LINE_(line), UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_GREATER_THAN_FLOAT(threshold, actual, line, message)   \
  UnityAssertGreaterOrLessFloat((UNITY_FLOAT)(threshold), (UNITY_FLOAT)(actual), \
                                UNITY_GREATER_THAN, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_SMALLER_THAN_FLOAT(threshold, actual, line, message)   \
  UnityAssertGreaterOrLessFloat((UNITY_FLOAT)(threshold), (UNITY_FLOAT)(actual), \
                                UNITY_SMALLER_THAN, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_FLOAT(threshold, actual, line, message) \
  UnityAssertGreaterOrLessFloat((UNITY_FLOAT)(threshold), (UNITY_FLOAT)(actual),   \
                                UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_FLOAT(threshold, actual, line, message) \
  UnityAssertGreaterOrLessFloat((UNITY_FLOAT)(threshold), (UNITY_FLOAT)(actual),   \
                                UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_FLOAT_IS_INF(actual, line, message) \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), UNITY_FLOAT_IS_INF)
#define UNITY_TEST_ASSERT_FLOAT_IS_NEG_INF(actual, line, message)              \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), \
                          UNITY_FLOAT_IS_NEG_INF)
#define UNITY_TEST_ASSERT_FLOAT_IS_NAN(actual, line, message) \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), UNITY_FLOAT_IS_NAN)
#define UNITY_TEST_ASSERT_FLOAT_IS_DETERMINATE(actual, line, message) \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), UNITY_FLOAT_IS_DET)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_INF(actual, line, message)              \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), \
                          UNITY_FLOAT_IS_NOT_INF)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_NEG_INF(actual, line, message)          \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), \
                          UNITY_FLOAT_IS_NOT_NEG_INF)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_NAN(actual, line, message)              \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), \
                          UNITY_FLOAT_IS_NOT_NAN)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_DETERMINATE(actual, line, message)      \
  UnityAssertFloatSpecial((UNITY_FLOAT)(actual), (message), UNITY_LINE_(line), \
                          UNITY_FLOAT_IS_NOT_DET)
#else /* the assertions compile and fail, as in Unity */
#define UNITY_TEST_ASSERT_FLOAT_WITHIN(delta, expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_NOT_WITHIN(delta, expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_EQUAL_FLOAT(expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_NOT_EQUAL_FLOAT(expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_ARRAY_WITHIN(delta, expected, actual, num_elements, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_EQUAL_FLOAT_ARRAY(expected, actual, num_elements, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_EACH_EQUAL_FLOAT(expected, actual, num_elements, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_GREATER_THAN_FLOAT(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_SMALLER_THAN_FLOAT(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_FLOAT(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_FLOAT(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_NEG_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_NAN(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_DETERMINATE(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_NEG_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_NAN(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#define UNITY_TEST_ASSERT_FLOAT_IS_NOT_DETERMINATE(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrFloat)
#endif

#ifndef UNITY_EXCLUDE_DOUBLE
#define UNITY_TEST_ASSERT_DOUBLE_WITHIN(delta, expected, actual, line, message) \
  UnityAssertDoublesWithin((UNITY_DOUBLE)(delta), (UNITY_DOUBLE)(expected),     \
                           (UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_DOUBLE_NOT_WITHIN(delta, expected, actual, line, message) \
  UnityAssertDoublesNotWithin((UNITY_DOUBLE)(delta), (UNITY_DOUBLE)(expected),      \
                              (UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_EQUAL_DOUBLE(expected, actual, line, message)                     \
  UnityAssertDoublesWithin((UNITY_DOUBLE)(expected) * (UNITY_DOUBLE)UNITY_DOUBLE_PRECISION, \
                           (UNITY_DOUBLE)(expected), (UNITY_DOUBLE)(actual), (message),     \
                           UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_NOT_EQUAL_DOUBLE(expected, actual, line, message)                    \
  UnityAssertDoublesNotWithin((UNITY_DOUBLE)(expected) * (UNITY_DOUBLE)UNITY_DOUBLE_PRECISION, \
                              (UNITY_DOUBLE)(expected), (UNITY_DOUBLE)(actual), (message),     \
                              UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_DOUBLE_ARRAY_WITHIN(delta, expected, actual, num_elements, line,  \
                                              message)                                      \
  UnityAssertWithinDoubleArray((UNITY_DOUBLE)(delta), (const UNITY_DOUBLE*)(expected),      \
                               (const UNITY_DOUBLE*)(actual), (UNITY_UINT32)(num_elements), \
                               (message), UNITY_LINE_(line), UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EQUAL_DOUBLE_ARRAY(expected, actual, num_elements, line, message) \
  UnityAssertWithinDoubleArray((UNITY_DOUBLE)0, (const UNITY_DOUBLE*)(expected),            \
                               (const UNITY_DOUBLE*)(actual), (UNITY_UINT32)(num_elements), \
                               (message), UNITY_LINE_(line), UNITY_ARRAY_TO_ARRAY)
#define UNITY_TEST_ASSERT_EACH_EQUAL_DOUBLE(expected, actual, num_elements, line, message)       \
  UnityAssertWithinDoubleArray((UNITY_DOUBLE)0, (const UNITY_DOUBLE*)UnityDoubleToPtr(expected), \
                               (const UNITY_DOUBLE*)(actual), (UNITY_UINT32)(num_elements),      \
                               (message), UNITY_LINE_(line), UNITY_ARRAY_TO_VAL)
#define UNITY_TEST_ASSERT_GREATER_THAN_DOUBLE(threshold, actual, line, message)     \
  UnityAssertGreaterOrLessDouble((UNITY_DOUBLE)(threshold), (UNITY_DOUBLE)(actual), \
                                 UNITY_GREATER_THAN, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_SMALLER_THAN_DOUBLE(threshold, actual, line, message)     \
  UnityAssertGreaterOrLessDouble((UNITY_DOUBLE)(threshold), (UNITY_DOUBLE)(actual), \
                                 UNITY_SMALLER_THAN, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_DOUBLE(threshold, actual, line, message) \
  UnityAssertGreaterOrLessDouble((UNITY_DOUBLE)(threshold), (UNITY_DOUBLE)(actual), \
                                 UNITY_GREATER_OR_EQUAL, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_DOUBLE(threshold, actual, line, message) \
  UnityAssertGreaterOrLessDouble((UNITY_DOUBLE)(threshold), (UNITY_DOUBLE)(actual), \
                                 UNITY_SMALLER_OR_EQUAL, (message), UNITY_LINE_(line))
#define UNITY_TEST_ASSERT_DOUBLE_IS_INF(actual, line, message) \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), UNITY_FLOAT_IS_INF)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NEG_INF(actual, line, message)               \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), \
                           UNITY_FLOAT_IS_NEG_INF)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NAN(actual, line, message) \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), UNITY_FLOAT_IS_NAN)
#define UNITY_TEST_ASSERT_DOUBLE_IS_DETERMINATE(actual, line, message) \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), UNITY_FLOAT_IS_DET)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_INF(actual, line, message)               \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), \
                           UNITY_FLOAT_IS_NOT_INF)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_NEG_INF(actual, line, message)           \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), \
                           UNITY_FLOAT_IS_NOT_NEG_INF)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_NAN(actual, line, message)               \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), \
                           UNITY_FLOAT_IS_NOT_NAN)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_DETERMINATE(actual, line, message)       \
  UnityAssertDoubleSpecial((UNITY_DOUBLE)(actual), (message), UNITY_LINE_(line), \
                           UNITY_FLOAT_IS_NOT_DET)
#else /* the assertions compile and fail, as in Unity */
#define UNITY_TEST_ASSERT_DOUBLE_WITHIN(delta, expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_NOT_WITHIN(delta, expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_EQUAL_DOUBLE(expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_NOT_EQUAL_DOUBLE(expected, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_ARRAY_WITHIN(delta, expected, actual, num_elements, line, \
                                              message)                                     \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_EQUAL_DOUBLE_ARRAY(expected, actual, num_elements, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_EACH_EQUAL_DOUBLE(expected, actual, num_elements, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_GREATER_THAN_DOUBLE(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_SMALLER_THAN_DOUBLE(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_GREATER_OR_EQUAL_DOUBLE(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_SMALLER_OR_EQUAL_DOUBLE(threshold, actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NEG_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NAN(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_DETERMINATE(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_NEG_INF(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_NAN(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#define UNITY_TEST_ASSERT_DOUBLE_IS_NOT_DETERMINATE(actual, line, message) \
  UNITY_TEST_FAIL((line), UnityStrErrDouble)
#endif

#endif /* UNITY_ASSERTIONS_H */
