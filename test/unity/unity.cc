// The shim's engine: comparisons and the text Unity 2.7.0 prints for them. The wording, spacing and
// number formats follow Unity 2.7.0's src/unity.c (its UnityStr* constants, UnityTestResultsBegin,
// UnityAddMsgIfSpecified, UnityConcludeTest, UnityEnd, UnityPrintFloat); the code is this project's
// own. Runs in the freestanding kernel too: no libc beyond what unity_internals.h picks, no
// exceptions, no floating point where UNITY_EXCLUDE_FLOAT is set.
#include "unity.h"

struct UNITY_STORAGE_T Unity;

#ifdef UNITY_OUTPUT_COLOR
const char UnityStrOk[] = "\033[42mOK\033[0m";
const char UnityStrPass[] = "\033[42mPASS\033[0m";
const char UnityStrFail[] = "\033[41mFAIL\033[0m";
const char UnityStrIgnore[] = "\033[43mIGNORE\033[0m";
#else
const char UnityStrOk[] = "OK";
const char UnityStrPass[] = "PASS";
const char UnityStrFail[] = "FAIL";
const char UnityStrIgnore[] = "IGNORE";
#endif
const char UnityStrErrShorthand[] = "Unity Shorthand Support Disabled";
const char UnityStrErrFloat[] = "Unity Floating Point Disabled";
const char UnityStrErrDouble[] = "Unity Double Precision Disabled";
const char UnityStrErr64[] = "Unity 64-bit Support Disabled";

namespace {

constexpr char kStrNull[] = "NULL";
constexpr char kStrSpacer[] = UNITY_FAILURE_DETAIL_SEPARATOR;
constexpr char kStrExpected[] = " Expected ";
constexpr char kStrWas[] = " Was ";
constexpr char kStrGt[] = " to be greater than ";
constexpr char kStrLt[] = " to be less than ";
constexpr char kStrOrEqual[] = "or equal to ";
constexpr char kStrNotEqual[] = " to be not equal to ";
constexpr char kStrElement[] = " Element ";
constexpr char kStrByte[] = " Byte ";
constexpr char kStrCharacter[] = " Character ";
constexpr char kStrMemory[] = " Memory Mismatch.";
constexpr char kStrDelta[] = " Values Not Within Delta ";
constexpr char kStrPointless[] = " You Asked Me To Compare Nothing, Which Was Pointless.";
constexpr char kStrNullPointerForExpected[] = " Expected pointer to be NULL";
constexpr char kStrNullPointerForActual[] = " Actual pointer was NULL";
constexpr char kStrBreaker[] = "-----------------------";
constexpr char kStrResultsTests[] = " Tests ";
constexpr char kStrResultsFailures[] = " Failures ";
constexpr char kStrResultsIgnored[] = " Ignored ";
constexpr char kStrInfo[] = "INFO";
constexpr char kStrDetail1Name[] = UNITY_DETAIL1_NAME " ";
constexpr char kStrDetail2Name[] = " " UNITY_DETAIL2_NAME " ";
#ifndef UNITY_EXCLUDE_FLOAT
constexpr char kStrNot[] = "Not ";
constexpr char kStrInvalidFloatTrait[] = "Invalid Float Trait";
// Indexed by UNITY_FLOAT_TRAIT_T / 2.
constexpr const char* kFloatTraitNames[] = {"Infinity", "Negative Infinity", "NaN", "Determinate"};
#endif

UnityOutputHook g_output_hook = nullptr;

void put(int c) {
  if (g_output_hook != nullptr) {
    g_output_hook(c);
  } else {
    UNITY_OUTPUT_CHAR(c);
  }
}

void print_eol() {
  if (g_output_hook != nullptr) {
    g_output_hook('\n');
  } else {
    UNITY_PRINT_EOL();
  }
}

// One character of user text: printable ASCII as is, CR and LF escaped so a result stays on one
// line, everything else as \xNN.
void print_char(int ch) {
  const auto byte = static_cast<unsigned char>(ch);
  if (byte >= 32 && byte <= 126) {
    put(byte);
  } else if (byte == '\r') {
    put('\\');
    put('r');
  } else if (byte == '\n') {
    put('\\');
    put('n');
  } else {
    put('\\');
    put('x');
    UnityPrintNumberHex(byte, 2);
  }
}

#ifdef UNITY_OUTPUT_COLOR
// Copies an ANSI colour sequence ("\033[42m") through unescaped; returns its length.
size_t print_ansi_escape(const char* s) {
  size_t n = 0;
  while (s[n] != '\0' && s[n] != 'm') put(s[n++]);
  put('m');
  return n + 1;
}
#endif

void print_hex_prefixed(UNITY_UINT n, int nibbles) {
  put('0');
  put('x');
  UnityPrintNumberHex(n, static_cast<char>(nibbles));
}

int style_bytes(UNITY_DISPLAY_STYLE_T style) { return static_cast<int>(style) & 0xF; }
bool style_is(UNITY_DISPLAY_STYLE_T style, int range) {
  return (static_cast<int>(style) & range) == range;
}

// A value of any style, given as its bit pattern widened to 64 bits.
void print_value(UNITY_INT bits, UNITY_DISPLAY_STYLE_T style) {
  if (style == UNITY_DISPLAY_STYLE_CHAR) {
    put('\'');
    print_char(static_cast<int>(bits));
    put('\'');
  } else if (style_is(style, UNITY_DISPLAY_RANGE_INT)) {
    UnityPrintNumber(bits);
  } else if (style_is(style, UNITY_DISPLAY_RANGE_UINT)) {
    UnityPrintNumberUnsigned(static_cast<UNITY_UINT>(bits));
  } else {
    print_hex_prefixed(static_cast<UNITY_UINT>(bits), style_bytes(style) * 2);
  }
}

void results_begin(const char* file, UNITY_LINE_TYPE line) {
  UnityPrint(file);
  put(':');
  UnityPrintNumber(static_cast<UNITY_INT>(line));
  put(':');
  UnityPrint(Unity.CurrentTestName);
  put(':');
}

void fail_begin(UNITY_LINE_TYPE line) {
  results_begin(Unity.TestFile, line);
  UnityPrint(UnityStrFail);
  put(':');
}

void print_details() {
  if (Unity.CurrentDetail1 == nullptr) return;
  UnityPrint(kStrDetail1Name);
  UnityPrint(Unity.CurrentDetail1);
  if (Unity.CurrentDetail2 != nullptr) {
    UnityPrint(kStrDetail2Name);
    UnityPrint(Unity.CurrentDetail2);
  }
}

// Details set with UNITY_SET_DETAIL(S), then the user's message, each after the separator.
void add_msg_if_specified(const char* msg) {
  if (Unity.CurrentDetail1 != nullptr) {
    UnityPrint(kStrSpacer);
    print_details();
  }
  if (msg != nullptr) {
    UnityPrint(kStrSpacer);
    UnityPrint(msg);
  }
}

[[noreturn]] void fail_and_bail() {
  Unity.CurrentTestFailed = 1;
  UNITY_OUTPUT_FLUSH();
  TEST_ABORT();
}

[[noreturn]] void fail_with(UNITY_LINE_TYPE line, const char* what, const char* msg) {
  fail_begin(line);
  UnityPrint(what);
  add_msg_if_specified(msg);
  fail_and_bail();
}

// An assertion reached after the test already failed or was ignored (from tearDown) ends it
// quietly.
void abort_if_failed_or_ignored() {
  if (Unity.CurrentTestFailed != 0 || Unity.CurrentTestIgnored != 0) TEST_ABORT();
}

// Zero elements is an error, as in Unity; the same pointer (NULL included) passes; one NULL fails.
// Returns whether the contents still need comparing.
bool arrays_need_comparing(const void* expected, const void* actual, UNITY_UINT32 num_elements,
                           const char* msg, UNITY_LINE_TYPE line) {
  if (num_elements == 0) fail_with(line, kStrPointless, msg);
  if (expected == actual) return false;
  if (expected == nullptr) fail_with(line, kStrNullPointerForExpected, msg);
  if (actual == nullptr) fail_with(line, kStrNullPointerForActual, msg);
  return true;
}

// Reads one element of `bytes` width; signed styles sign-extend, the others zero-extend.
UNITY_INT read_element(const void* p, int bytes, UNITY_DISPLAY_STYLE_T style) {
  const bool is_signed = style_is(style, UNITY_DISPLAY_RANGE_INT);
  switch (bytes) {
    case 1:
      return is_signed ? *static_cast<const UNITY_INT8*>(p) : *static_cast<const UNITY_UINT8*>(p);
    case 2:
      return is_signed ? *static_cast<const UNITY_INT16*>(p) : *static_cast<const UNITY_UINT16*>(p);
    case 8:
      return *static_cast<const UNITY_INT64*>(p);
    default:
      return is_signed ? *static_cast<const UNITY_INT32*>(p) : *static_cast<const UNITY_UINT32*>(p);
  }
}

void print_quoted_or_null(const char* s, bool limited, UNITY_UINT32 length) {
  if (s == nullptr) {
    UnityPrint(kStrNull);
    return;
  }
  put('\'');
  if (limited) {
    UnityPrintLen(s, length);
  } else {
    UnityPrint(s);
  }
  put('\'');
}

// Returns whether the strings match within `limit` characters; *first_difference is where not.
bool strings_match(const char* e, const char* a, UNITY_UINT32 limit,
                   UNITY_UINT32* first_difference) {
  if (e == nullptr || a == nullptr) return e == a;
  for (UNITY_UINT32 i = 0; i < limit && (e[i] != '\0' || a[i] != '\0'); ++i) {
    if (e[i] != a[i]) {
      *first_difference = i;
      return false;
    }
  }
  return true;
}

// " Expected 'port' Was 'pert' Character 1 Expected 'o' Was 'e'" (the character part only when both
// strings exist).
void print_string_mismatch(const char* e, const char* a, bool limited, UNITY_UINT32 length,
                           UNITY_UINT32 at) {
  UnityPrint(kStrExpected);
  print_quoted_or_null(e, limited, length);
  UnityPrint(kStrWas);
  print_quoted_or_null(a, limited, length);
  if (e == nullptr || a == nullptr) return;
  UnityPrint(kStrCharacter);
  UnityPrintNumberUnsigned(at);
  UnityPrint(kStrExpected);
  print_value(e[at], UNITY_DISPLAY_STYLE_CHAR);
  UnityPrint(kStrWas);
  print_value(a[at], UNITY_DISPLAY_STYLE_CHAR);
}

void print_comparison(UNITY_COMPARISON_T compare) {
  if ((compare & UNITY_GREATER_THAN) != 0) UnityPrint(kStrGt);
  if ((compare & UNITY_SMALLER_THAN) != 0) UnityPrint(kStrLt);
  if ((compare & UNITY_EQUAL_TO) != 0) UnityPrint(kStrOrEqual);
  if (compare == UNITY_NOT_EQUAL) UnityPrint(kStrNotEqual);
}

template <typename T>
bool compare_fails(T threshold, T actual, UNITY_COMPARISON_T compare) {
  if (threshold == actual && (compare & UNITY_EQUAL_TO) == 0) return true;
  if (actual > threshold && (compare & UNITY_SMALLER_THAN) != 0) return true;
  if (actual < threshold && (compare & UNITY_GREATER_THAN) != 0) return true;
  return false;
}

UNITY_UINT distance(UNITY_INT a, UNITY_INT b, bool is_signed) {
  if (is_signed) {
    return a > b ? static_cast<UNITY_UINT>(a) - static_cast<UNITY_UINT>(b)
                 : static_cast<UNITY_UINT>(b) - static_cast<UNITY_UINT>(a);
  }
  const auto ua = static_cast<UNITY_UINT>(a), ub = static_cast<UNITY_UINT>(b);
  return ua > ub ? ua - ub : ub - ua;
}

#ifndef UNITY_EXCLUDE_FLOAT
// Within delta, with Unity's rules: equal infinities match, NaN matches NaN (unless
// UNITY_NAN_NOT_EQUAL_NAN), and any other infinite or NaN difference does not.
template <typename F>
bool within(F delta, F expected, F actual) {
  if (UNITY_IS_INF(expected) && UNITY_IS_INF(actual) && ((expected < 0) == (actual < 0)))
    return true;
#ifndef UNITY_NAN_NOT_EQUAL_NAN
  if (UNITY_IS_NAN(expected) && UNITY_IS_NAN(actual)) return true;
#endif
  F diff = actual - expected;
  if (diff < 0) diff = -diff;
  if (delta < 0) delta = -delta;
  return !(UNITY_IS_NAN(diff) || UNITY_IS_INF(diff) || diff > delta);
}

void print_expected_and_actual_float(UNITY_DOUBLE expected, UNITY_DOUBLE actual) {
#ifndef UNITY_EXCLUDE_FLOAT_PRINT
  UnityPrint(kStrExpected);
  UnityPrintFloat(expected);
  UnityPrint(kStrWas);
  UnityPrintFloat(actual);
#else
  (void)expected;
  (void)actual;
  UnityPrint(kStrDelta);
#endif
}

template <typename F>
void assert_within(F delta, F expected, F actual, const char* msg, UNITY_LINE_TYPE line) {
  abort_if_failed_or_ignored();
  if (within(delta, expected, actual)) return;
  fail_begin(line);
  print_expected_and_actual_float(static_cast<UNITY_DOUBLE>(expected),
                                  static_cast<UNITY_DOUBLE>(actual));
  add_msg_if_specified(msg);
  fail_and_bail();
}

template <typename F>
void assert_not_within(F delta, F expected, F actual, const char* msg, UNITY_LINE_TYPE line) {
  abort_if_failed_or_ignored();
  if (!within(delta, expected, actual)) return;
  fail_begin(line);
#ifndef UNITY_EXCLUDE_FLOAT_PRINT
  UnityPrint(kStrExpected);
  UnityPrintFloat(static_cast<UNITY_DOUBLE>(expected));
  UnityPrint(kStrNotEqual);
  UnityPrintFloat(static_cast<UNITY_DOUBLE>(actual));
#endif
  add_msg_if_specified(msg);
  fail_and_bail();
}

template <typename F>
void assert_greater_or_less(F threshold, F actual, UNITY_COMPARISON_T compare, F precision,
                            const char* msg, UNITY_LINE_TYPE line) {
  abort_if_failed_or_ignored();
  // "Not success" rather than failure, so NaN fails every comparison.
  bool failed = (!(actual < threshold) && (compare & UNITY_SMALLER_THAN) != 0) ||
                (!(actual > threshold) && (compare & UNITY_GREATER_THAN) != 0);
  if ((compare & UNITY_EQUAL_TO) != 0 && within(threshold * precision, threshold, actual))
    failed = false;
  if (!failed) return;
  fail_begin(line);
#ifndef UNITY_EXCLUDE_FLOAT_PRINT
  UnityPrint(kStrExpected);
  UnityPrintFloat(static_cast<UNITY_DOUBLE>(actual));
  if ((compare & UNITY_GREATER_THAN) != 0) UnityPrint(kStrGt);
  if ((compare & UNITY_SMALLER_THAN) != 0) UnityPrint(kStrLt);
  if ((compare & UNITY_EQUAL_TO) != 0) UnityPrint(kStrOrEqual);
  UnityPrintFloat(static_cast<UNITY_DOUBLE>(threshold));
#endif
  add_msg_if_specified(msg);
  fail_and_bail();
}

template <typename F>
void assert_within_array(F delta, const F* expected, const F* actual, UNITY_UINT32 num_elements,
                         F precision, const char* msg, UNITY_LINE_TYPE line, UNITY_FLAGS_T flags) {
  abort_if_failed_or_ignored();
  if (num_elements == 0) fail_with(line, kStrPointless, msg);
  if (UNITY_IS_INF(delta)) return;  // an infinite delta makes any arrays equal
  if (UNITY_IS_NAN(delta)) fail_with(line, kStrPointless, msg);
  if (!arrays_need_comparing(expected, actual, num_elements, msg, line)) return;
  if (delta < 0) delta = -delta;
  for (UNITY_UINT32 i = 0; i < num_elements; ++i) {
    const F e = flags == UNITY_ARRAY_TO_ARRAY ? expected[i] : expected[0];
    F element_delta = e * precision;
    if (element_delta < 0) element_delta = -element_delta;
    if (!within(delta + element_delta, e, actual[i])) {
      fail_begin(line);
      UnityPrint(kStrElement);
      UnityPrintNumberUnsigned(i);
      print_expected_and_actual_float(static_cast<UNITY_DOUBLE>(e),
                                      static_cast<UNITY_DOUBLE>(actual[i]));
      add_msg_if_specified(msg);
      fail_and_bail();
    }
  }
}

template <typename F>
void assert_special(F actual, const char* msg, UNITY_LINE_TYPE line, UNITY_FLOAT_TRAIT_T trait) {
  abort_if_failed_or_ignored();
  const bool should_be = (static_cast<int>(trait) & 1) != 0;
  const char* name = nullptr;
  bool is = false;
  switch (trait) {
    case UNITY_FLOAT_IS_INF:
    case UNITY_FLOAT_IS_NOT_INF:
      is = UNITY_IS_INF(actual) && actual > 0;
      break;
    case UNITY_FLOAT_IS_NEG_INF:
    case UNITY_FLOAT_IS_NOT_NEG_INF:
      is = UNITY_IS_INF(actual) && actual < 0;
      break;
    case UNITY_FLOAT_IS_NAN:
    case UNITY_FLOAT_IS_NOT_NAN:
      is = UNITY_IS_NAN(actual);
      break;
    case UNITY_FLOAT_IS_DET:  // determinate: neither infinite nor NaN
    case UNITY_FLOAT_IS_NOT_DET:
      is = !UNITY_IS_INF(actual) && !UNITY_IS_NAN(actual);
      break;
    default:
      name = kStrInvalidFloatTrait;
      is = !should_be;
      break;
  }
  if (is == should_be) return;
  if (name == nullptr) name = kFloatTraitNames[static_cast<int>(trait) >> 1];
  fail_begin(line);
  UnityPrint(kStrExpected);
  if (!should_be) UnityPrint(kStrNot);
  UnityPrint(name);
  UnityPrint(kStrWas);
#ifndef UNITY_EXCLUDE_FLOAT_PRINT
  UnityPrintFloat(static_cast<UNITY_DOUBLE>(actual));
#else
  if (should_be) UnityPrint(kStrNot);
  UnityPrint(name);
#endif
  add_msg_if_specified(msg);
  fail_and_bail();
}
#endif  // UNITY_EXCLUDE_FLOAT

// EACH_EQUAL_* compares every element against one value, which needs an address of the right width.
union {
  UNITY_INT8 i8;
  UNITY_INT16 i16;
  UNITY_INT32 i32;
  UNITY_INT64 i64;
#ifndef UNITY_EXCLUDE_FLOAT
  float f;
#endif
#ifndef UNITY_EXCLUDE_DOUBLE
  double d;
#endif
} g_quick_compare;

}  // namespace

void unity_set_output_hook(UnityOutputHook hook) { g_output_hook = hook; }

/*------------------------------------------------------------------------------------------------
 * Printing
 *----------------------------------------------------------------------------------------------*/
void UnityPrint(const char* string) {
  if (string == nullptr) return;
  for (const char* p = string; *p != '\0'; ++p) {
#ifdef UNITY_OUTPUT_COLOR
    if (p[0] == 27 && p[1] == '[') {
      p += print_ansi_escape(p) - 1;
      continue;
    }
#endif
    print_char(*p);
  }
}

void UnityPrintLen(const char* string, const UNITY_UINT32 length) {
  if (string == nullptr) return;
  for (UNITY_UINT32 i = 0; i < length && string[i] != '\0'; ++i) print_char(string[i]);
}

void UnityPrintIntNumberByStyle(const UNITY_INT number, const UNITY_DISPLAY_STYLE_T style) {
  print_value(number, style);
}

void UnityPrintUintNumberByStyle(const UNITY_UINT number, const UNITY_DISPLAY_STYLE_T style) {
  print_value(static_cast<UNITY_INT>(number), style);
}

void UnityPrintNumber(const UNITY_INT number_to_print) {
  auto magnitude = static_cast<UNITY_UINT>(number_to_print);
  if (number_to_print < 0) {
    put('-');
    magnitude = ~magnitude + 1;  // well defined for INT64_MIN too
  }
  UnityPrintNumberUnsigned(magnitude);
}

void UnityPrintNumberUnsigned(const UNITY_UINT number) {
  UNITY_UINT divisor = 1;
  while (number / divisor > 9) divisor *= 10;
  do {
    put(static_cast<int>('0' + number / divisor % 10));
    divisor /= 10;
  } while (divisor > 0);
}

void UnityPrintNumberHex(const UNITY_UINT number, const char nibbles_to_print) {
  int nibbles = static_cast<unsigned char>(nibbles_to_print);
  if (nibbles > UNITY_MAX_NIBBLES) nibbles = UNITY_MAX_NIBBLES;
  while (nibbles > 0) {
    --nibbles;
    const int nibble = static_cast<int>(number >> (nibbles * 4)) & 0xF;
    put(nibble <= 9 ? '0' + nibble : 'A' - 10 + nibble);
  }
}

void UnityPrintMask(const UNITY_UINT mask, const UNITY_UINT number) {
  UNITY_UINT bit = UNITY_UINT{1} << (UNITY_INT_WIDTH - 1);
  for (int i = 0; i < UNITY_INT_WIDTH; ++i, bit >>= 1) {
    if ((bit & mask) == 0) {
      put('X');
    } else {
      put((bit & number) != 0 ? '1' : '0');
    }
  }
}

#ifndef UNITY_EXCLUDE_FLOAT_PRINT
// Like printf("%.7g") (or "%.9g" with UNITY_INCLUDE_DOUBLE), in Unity's arithmetic: scale the value
// to an integer of that many digits (one exact power-of-ten step at a time), round half to even,
// drop trailing zeros, then print it with a decimal point or an exponent (e+N / e-N, no padding).
void UnityPrintFloat(const UNITY_DOUBLE input_number) {
#ifdef UNITY_INCLUDE_DOUBLE
  constexpr int kSigDigits = 9;
  constexpr UNITY_INT32 kMinScaled = 100000000;
  constexpr UNITY_INT32 kMaxScaled = 1000000000;
#else
  constexpr int kSigDigits = 7;
  constexpr UNITY_INT32 kMinScaled = 1000000;
  constexpr UNITY_INT32 kMaxScaled = 10000000;
#endif
  UNITY_DOUBLE number = input_number;
  if (number < 0.0f) {  // -0.0 prints as 0, as in Unity
    put('-');
    number = -number;
  }
  if (number == 0.0f) {
    UnityPrint("0");
    return;
  }
  if (UNITY_IS_NAN(number)) {
    UnityPrint("nan");
    return;
  }
  if (UNITY_IS_INF(number)) {
    UnityPrint("inf");
    return;
  }

  int exponent = 0;
  UNITY_INT32 integer_part = 0;
  if (number < 1.0f) {
    UNITY_DOUBLE factor = 1.0f;
    while (number < static_cast<UNITY_DOUBLE>(kMaxScaled) / 1e10f) {
      number *= 1e10f;
      exponent -= 10;
    }
    while (number * factor < static_cast<UNITY_DOUBLE>(kMinScaled)) {
      factor *= 10.0f;
      --exponent;
    }
    number *= factor;
  } else if (number > static_cast<UNITY_DOUBLE>(kMaxScaled)) {
    UNITY_DOUBLE divisor = 1.0f;
    while (number > static_cast<UNITY_DOUBLE>(kMinScaled) * 1e10f) {
      number /= 1e10f;
      exponent += 10;
    }
    while (number / divisor > static_cast<UNITY_DOUBLE>(kMaxScaled)) {
      divisor *= 10.0f;
      ++exponent;
    }
    number /= divisor;
  } else {
    // Split off the integer part first: fewer multiplications, less rounding.
    UNITY_DOUBLE factor = 1.0f;
    integer_part = static_cast<UNITY_INT32>(number);
    number -= static_cast<UNITY_DOUBLE>(integer_part);
    while (integer_part < kMinScaled) {
      integer_part *= 10;
      factor *= 10.0f;
      --exponent;
    }
    number *= factor;
  }

  UNITY_INT32 n = (static_cast<UNITY_INT32>(number + number) + 1) / 2;  // round half up ...
#ifndef UNITY_ROUND_TIES_AWAY_FROM_ZERO
  if ((n & 1) != 0 && static_cast<UNITY_DOUBLE>(n) - number == 0.5f) --n;  // ... then ties to even
#endif
  n += integer_part;
  if (n >= kMaxScaled) {
    n = kMinScaled;
    ++exponent;
  }

  int decimals = (exponent <= 0 && exponent >= -(kSigDigits + 3)) ? -exponent : kSigDigits - 1;
  exponent += decimals;
  while (decimals > 0 && n % 10 == 0) {
    n /= 10;
    --decimals;
  }
  char digits[16];
  int count = 0;
  while (n != 0 || count <= decimals) {
    digits[count++] = static_cast<char>('0' + n % 10);
    n /= 10;
  }
  while (count > 0) {
    if (count == decimals) put('.');
    put(digits[--count]);
  }
  if (exponent != 0) {
    put('e');
    if (exponent < 0) {
      put('-');
      exponent = -exponent;
    } else {
      put('+');
    }
    UnityPrintNumberUnsigned(static_cast<UNITY_UINT>(exponent));
  }
}
#endif  // UNITY_EXCLUDE_FLOAT_PRINT

/*------------------------------------------------------------------------------------------------
 * TEST_PRINTF: Unity's printf subset
 *----------------------------------------------------------------------------------------------*/
namespace {

enum class LengthModifier { kNone, kLong, kLongLong };

// Skips a length modifier at `p`; l and ll widen the argument, h and hh (promoted to int) and j z t
// L are accepted and ignored, as in Unity.
LengthModifier take_length_modifier(const char** p) {
  const char* s = *p;
  switch (s[0]) {
    case 'l':
      if (s[1] == 'l') {
        *p += 2;
        return LengthModifier::kLongLong;
      }
      *p += 1;
      return LengthModifier::kLong;
    case 'h':
      *p += s[1] == 'h' ? 2 : 1;
      return LengthModifier::kNone;
    case 'j':
    case 'z':
    case 't':
    case 'L':
      *p += 1;
      return LengthModifier::kNone;
    default:
      return LengthModifier::kNone;
  }
}

UNITY_INT take_signed(va_list* va, LengthModifier m) {
  switch (m) {
    case LengthModifier::kLongLong:
      return va_arg(*va, long long);
    case LengthModifier::kLong:
      return va_arg(*va, long);
    default:
      return va_arg(*va, int);
  }
}

UNITY_UINT take_unsigned(va_list* va, LengthModifier m) {
  switch (m) {
    case LengthModifier::kLongLong:
      return va_arg(*va, unsigned long long);
    case LengthModifier::kLong:
      return va_arg(*va, unsigned long);
    default:
      return va_arg(*va, unsigned int);
  }
}

void print_formatted(const char* format, va_list* va) {
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p == '\n') {
      print_eol();
      continue;
    }
#ifdef UNITY_OUTPUT_COLOR
    if (p[0] == 27 && p[1] == '[') {
      p += print_ansi_escape(p) - 1;
      continue;
    }
#endif
    if (*p != '%') {
      print_char(*p);
      continue;
    }
    ++p;
    const LengthModifier m = take_length_modifier(&p);
    switch (*p) {
      case 'd':
      case 'i':
        UnityPrintNumber(take_signed(va, m));
        break;
      case 'u':
        UnityPrintNumberUnsigned(take_unsigned(va, m));
        break;
#ifndef UNITY_EXCLUDE_FLOAT_PRINT
      case 'f':
      case 'g':
        UnityPrintFloat(static_cast<UNITY_DOUBLE>(va_arg(*va, double)));
        break;
#endif
      case 'b':
        put('0');
        put('b');
        UnityPrintMask(~UNITY_UINT{0}, take_unsigned(va, m));
        break;
      case 'x':
      case 'X':
        print_hex_prefixed(take_unsigned(va, m), UNITY_MAX_NIBBLES);
        break;
      case 'p':
        print_hex_prefixed(take_unsigned(va, LengthModifier::kLongLong), UNITY_POINTER_WIDTH / 4);
        break;
      case 'c':
        print_char(va_arg(*va, int));
        break;
      case 's':
        UnityPrint(va_arg(*va, const char*));
        break;
      case '%':
        put('%');
        break;
      case '\0':  // a lone '%' ends the format
        put('%');
        return;
      default:  // unknown conversions print as written
        put('%');
        print_char(*p);
        break;
    }
  }
}

}  // namespace

void UnityPrintF(const UNITY_LINE_TYPE line, const char* format, ...) {
  results_begin(Unity.TestFile, line);
  UnityPrint(kStrInfo);
  if (format != nullptr) {
    UnityPrint(": ");
    va_list va;
    va_start(va, format);
    print_formatted(format, &va);
    va_end(va);
  }
  print_eol();
}

/*------------------------------------------------------------------------------------------------
 * Running tests
 *----------------------------------------------------------------------------------------------*/
void UnityBegin(const char* filename) {
  Unity.TestFile = filename;
  Unity.CurrentTestName = nullptr;
  Unity.CurrentTestLineNumber = 0;
  Unity.NumberOfTests = 0;
  Unity.TestFailures = 0;
  Unity.TestIgnores = 0;
  Unity.CurrentTestFailed = 0;
  Unity.CurrentTestIgnored = 0;
  UNITY_CLR_DETAILS();
  UNITY_OUTPUT_START();
}

void UnitySetTestFile(const char* filename) { Unity.TestFile = filename; }

void UnityConcludeTest(void) {
  if (Unity.CurrentTestIgnored != 0) {
    Unity.TestIgnores++;
  } else if (Unity.CurrentTestFailed == 0) {
    results_begin(Unity.TestFile, Unity.CurrentTestLineNumber);
    UnityPrint(UnityStrPass);
  } else {
    Unity.TestFailures++;
  }
  Unity.CurrentTestFailed = 0;
  Unity.CurrentTestIgnored = 0;
  print_eol();
  UNITY_OUTPUT_FLUSH();
}

void UnityDefaultTestRun(UnityTestFunction Func, const char* FuncName, const int FuncLineNum) {
  Unity.CurrentTestName = FuncName;
  Unity.CurrentTestLineNumber = static_cast<UNITY_LINE_TYPE>(FuncLineNum);
  Unity.NumberOfTests++;
  UNITY_CLR_DETAILS();
  if (TEST_PROTECT()) {
    setUp();
    Func();
  }
  // tearDown runs even after a failure, under its own protection, as in Unity.
  if (TEST_PROTECT()) {
    tearDown();
  }
  UnityConcludeTest();
}

int UnityEnd(void) {
  print_eol();
  UnityPrint(kStrBreaker);
  print_eol();
  UnityPrintNumber(static_cast<UNITY_INT>(Unity.NumberOfTests));
  UnityPrint(kStrResultsTests);
  UnityPrintNumber(static_cast<UNITY_INT>(Unity.TestFailures));
  UnityPrint(kStrResultsFailures);
  UnityPrintNumber(static_cast<UNITY_INT>(Unity.TestIgnores));
  UnityPrint(kStrResultsIgnored);
  print_eol();
  if (Unity.TestFailures == 0) {
    UnityPrint(UnityStrOk);
  } else {
    UnityPrint(UnityStrFail);
#ifdef UNITY_DIFFERENTIATE_FINAL_FAIL
    put('E');
    put('D');
#endif
  }
  print_eol();
  UNITY_OUTPUT_FLUSH();
  UNITY_OUTPUT_COMPLETE();
  return static_cast<int>(Unity.TestFailures);
}

/*------------------------------------------------------------------------------------------------
 * Fail, ignore, message
 *----------------------------------------------------------------------------------------------*/
void UnityFail(const char* message, const UNITY_LINE_TYPE line) {
  abort_if_failed_or_ignored();
  results_begin(Unity.TestFile, line);
  UnityPrint(UnityStrFail);
  if (message != nullptr) {
    put(':');
    if (Unity.CurrentDetail1 != nullptr) {
      print_details();
      UnityPrint(kStrSpacer);
    }
    if (message[0] != ' ') put(' ');
    UnityPrint(message);
  }
  fail_and_bail();
}

void UnityIgnore(const char* message, const UNITY_LINE_TYPE line) {
  abort_if_failed_or_ignored();
  results_begin(Unity.TestFile, line);
  UnityPrint(UnityStrIgnore);
  if (message != nullptr) {
    put(':');
    put(' ');
    UnityPrint(message);
  }
  Unity.CurrentTestIgnored = 1;
  UNITY_OUTPUT_FLUSH();
  TEST_ABORT();
}

void UnityMessage(const char* message, const UNITY_LINE_TYPE line) {
  results_begin(Unity.TestFile, line);
  UnityPrint(kStrInfo);
  if (message != nullptr) {
    put(':');
    put(' ');
    UnityPrint(message);
  }
  print_eol();
}

/*------------------------------------------------------------------------------------------------
 * Integers
 *----------------------------------------------------------------------------------------------*/
void UnityAssertEqualIntNumber(const UNITY_INT expected, const UNITY_INT actual, const char* msg,
                               const UNITY_LINE_TYPE lineNumber,
                               const UNITY_DISPLAY_STYLE_T style) {
  abort_if_failed_or_ignored();
  if (expected == actual) return;
  fail_begin(lineNumber);
  UnityPrint(kStrExpected);
  print_value(expected, style);
  UnityPrint(kStrWas);
  print_value(actual, style);
  add_msg_if_specified(msg);
  fail_and_bail();
}

void UnityAssertEqualUintNumber(const UNITY_UINT expected, const UNITY_UINT actual, const char* msg,
                                const UNITY_LINE_TYPE lineNumber,
                                const UNITY_DISPLAY_STYLE_T style) {
  UnityAssertEqualIntNumber(static_cast<UNITY_INT>(expected), static_cast<UNITY_INT>(actual), msg,
                            lineNumber, style);
}

namespace {
template <typename T>
void assert_compare(T threshold, T actual, UNITY_COMPARISON_T compare, const char* msg,
                    UNITY_LINE_TYPE line, UNITY_DISPLAY_STYLE_T style) {
  abort_if_failed_or_ignored();
  if (!compare_fails(threshold, actual, compare)) return;
  fail_begin(line);
  UnityPrint(kStrExpected);
  print_value(static_cast<UNITY_INT>(actual), style);
  print_comparison(compare);
  print_value(static_cast<UNITY_INT>(threshold), style);
  add_msg_if_specified(msg);
  fail_and_bail();
}

void assert_numbers_within(UNITY_UINT delta, UNITY_INT expected, UNITY_INT actual, bool is_signed,
                           const char* msg, UNITY_LINE_TYPE line, UNITY_DISPLAY_STYLE_T style) {
  abort_if_failed_or_ignored();
  if (distance(expected, actual, is_signed) <= delta) return;
  fail_begin(line);
  UnityPrint(kStrDelta);
  print_value(static_cast<UNITY_INT>(delta), style);
  UnityPrint(kStrExpected);
  print_value(expected, style);
  UnityPrint(kStrWas);
  print_value(actual, style);
  add_msg_if_specified(msg);
  fail_and_bail();
}
}  // namespace

void UnityAssertIntGreaterOrLessOrEqualNumber(const UNITY_INT threshold, const UNITY_INT actual,
                                              const UNITY_COMPARISON_T compare, const char* msg,
                                              const UNITY_LINE_TYPE lineNumber,
                                              const UNITY_DISPLAY_STYLE_T style) {
  assert_compare(threshold, actual, compare, msg, lineNumber, style);
}

void UnityAssertUintGreaterOrLessOrEqualNumber(const UNITY_UINT threshold, const UNITY_UINT actual,
                                               const UNITY_COMPARISON_T compare, const char* msg,
                                               const UNITY_LINE_TYPE lineNumber,
                                               const UNITY_DISPLAY_STYLE_T style) {
  assert_compare(threshold, actual, compare, msg, lineNumber, style);
}

void UnityAssertIntNumbersWithin(const UNITY_UINT delta, const UNITY_INT expected,
                                 const UNITY_INT actual, const char* msg,
                                 const UNITY_LINE_TYPE lineNumber,
                                 const UNITY_DISPLAY_STYLE_T style) {
  assert_numbers_within(delta, expected, actual, true, msg, lineNumber, style);
}

void UnityAssertUintNumbersWithin(const UNITY_UINT delta, const UNITY_UINT expected,
                                  const UNITY_UINT actual, const char* msg,
                                  const UNITY_LINE_TYPE lineNumber,
                                  const UNITY_DISPLAY_STYLE_T style) {
  assert_numbers_within(delta, static_cast<UNITY_INT>(expected), static_cast<UNITY_INT>(actual),
                        false, msg, lineNumber, style);
}

void UnityAssertEqualIntArray(UNITY_INTERNAL_PTR expected, UNITY_INTERNAL_PTR actual,
                              const UNITY_UINT32 num_elements, const char* msg,
                              const UNITY_LINE_TYPE lineNumber, const UNITY_DISPLAY_STYLE_T style,
                              const UNITY_FLAGS_T flags) {
  abort_if_failed_or_ignored();
  if (!arrays_need_comparing(expected, actual, num_elements, msg, lineNumber)) return;
  const int bytes = style_bytes(style);
  const auto* e = static_cast<const char*>(expected);
  const auto* a = static_cast<const char*>(actual);
  for (UNITY_UINT32 i = 0; i < num_elements; ++i, a += bytes) {
    const UNITY_INT expect_val = read_element(e, bytes, style);
    const UNITY_INT actual_val = read_element(a, bytes, style);
    if (expect_val != actual_val) {
      fail_begin(lineNumber);
      UnityPrint(kStrElement);
      UnityPrintNumberUnsigned(i);
      UnityPrint(kStrExpected);
      print_value(expect_val, style);
      UnityPrint(kStrWas);
      print_value(actual_val, style);
      add_msg_if_specified(msg);
      fail_and_bail();
    }
    if (flags == UNITY_ARRAY_TO_ARRAY) e += bytes;
  }
}

void UnityAssertNumbersArrayWithin(const UNITY_UINT delta, UNITY_INTERNAL_PTR expected,
                                   UNITY_INTERNAL_PTR actual, const UNITY_UINT32 num_elements,
                                   const char* msg, const UNITY_LINE_TYPE lineNumber,
                                   const UNITY_DISPLAY_STYLE_T style, const UNITY_FLAGS_T flags) {
  abort_if_failed_or_ignored();
  if (!arrays_need_comparing(expected, actual, num_elements, msg, lineNumber)) return;
  const int bytes = style_bytes(style);
  const bool is_signed = style_is(style, UNITY_DISPLAY_RANGE_INT);
  const auto* e = static_cast<const char*>(expected);
  const auto* a = static_cast<const char*>(actual);
  for (UNITY_UINT32 i = 0; i < num_elements; ++i, a += bytes) {
    const UNITY_INT expect_val = read_element(e, bytes, style);
    const UNITY_INT actual_val = read_element(a, bytes, style);
    if (distance(expect_val, actual_val, is_signed) > delta) {
      fail_begin(lineNumber);
      UnityPrint(kStrDelta);
      print_value(static_cast<UNITY_INT>(delta), style);
      UnityPrint(kStrElement);
      UnityPrintNumberUnsigned(i);
      UnityPrint(kStrExpected);
      print_value(expect_val, style);
      UnityPrint(kStrWas);
      print_value(actual_val, style);
      add_msg_if_specified(msg);
      fail_and_bail();
    }
    if (flags == UNITY_ARRAY_TO_ARRAY) e += bytes;
  }
}

void UnityAssertBits(const UNITY_INT mask, const UNITY_INT expected, const UNITY_INT actual,
                     const char* msg, const UNITY_LINE_TYPE lineNumber) {
  abort_if_failed_or_ignored();
  if ((mask & expected) == (mask & actual)) return;
  fail_begin(lineNumber);
  UnityPrint(kStrExpected);
  UnityPrintMask(static_cast<UNITY_UINT>(mask), static_cast<UNITY_UINT>(expected));
  UnityPrint(kStrWas);
  UnityPrintMask(static_cast<UNITY_UINT>(mask), static_cast<UNITY_UINT>(actual));
  add_msg_if_specified(msg);
  fail_and_bail();
}

UNITY_INTERNAL_PTR UnityNumToPtr(const UNITY_INT num, const UNITY_UINT8 size) {
  switch (size) {
    case 1:
      g_quick_compare.i8 = static_cast<UNITY_INT8>(num);
      return &g_quick_compare.i8;
    case 2:
      g_quick_compare.i16 = static_cast<UNITY_INT16>(num);
      return &g_quick_compare.i16;
    case 8:
      g_quick_compare.i64 = num;
      return &g_quick_compare.i64;
    default:
      g_quick_compare.i32 = static_cast<UNITY_INT32>(num);
      return &g_quick_compare.i32;
  }
}

/*------------------------------------------------------------------------------------------------
 * Strings and memory
 *----------------------------------------------------------------------------------------------*/
void UnityAssertEqualString(const char* expected, const char* actual, const char* msg,
                            const UNITY_LINE_TYPE lineNumber) {
  abort_if_failed_or_ignored();
  UNITY_UINT32 at = 0;
  if (strings_match(expected, actual, ~UNITY_UINT32{0}, &at)) return;
  fail_begin(lineNumber);
  print_string_mismatch(expected, actual, false, 0, at);
  add_msg_if_specified(msg);
  fail_and_bail();
}

void UnityAssertEqualStringLen(const char* expected, const char* actual, const UNITY_UINT32 length,
                               const char* msg, const UNITY_LINE_TYPE lineNumber) {
  abort_if_failed_or_ignored();
  UNITY_UINT32 at = 0;
  if (strings_match(expected, actual, length, &at)) return;
  fail_begin(lineNumber);
  print_string_mismatch(expected, actual, true, length, at);
  add_msg_if_specified(msg);
  fail_and_bail();
}

void UnityAssertEqualStringArray(UNITY_INTERNAL_PTR expected, const char** actual,
                                 const UNITY_UINT32 num_elements, const char* msg,
                                 const UNITY_LINE_TYPE lineNumber, const UNITY_FLAGS_T flags) {
  abort_if_failed_or_ignored();
  if (!arrays_need_comparing(expected, actual, num_elements, msg, lineNumber)) return;
  for (UNITY_UINT32 j = 0; j < num_elements; ++j) {
    const char* e = flags == UNITY_ARRAY_TO_ARRAY ? static_cast<const char* const*>(expected)[j]
                                                  : static_cast<const char*>(expected);
    const char* a = actual[j];
    UNITY_UINT32 at = 0;
    if (strings_match(e, a, ~UNITY_UINT32{0}, &at)) continue;
    fail_begin(lineNumber);
    if (num_elements > 1) {
      UnityPrint(kStrElement);
      UnityPrintNumberUnsigned(j);
    }
    print_string_mismatch(e, a, false, 0, at);
    add_msg_if_specified(msg);
    fail_and_bail();
  }
}

void UnityAssertEqualMemory(UNITY_INTERNAL_PTR expected, UNITY_INTERNAL_PTR actual,
                            const UNITY_UINT32 length, const UNITY_UINT32 num_elements,
                            const char* msg, const UNITY_LINE_TYPE lineNumber,
                            const UNITY_FLAGS_T flags) {
  abort_if_failed_or_ignored();
  if (num_elements == 0 || length == 0) fail_with(lineNumber, kStrPointless, msg);
  if (!arrays_need_comparing(expected, actual, num_elements, msg, lineNumber)) return;
  const auto* e = static_cast<const unsigned char*>(expected);
  const auto* a = static_cast<const unsigned char*>(actual);
  for (UNITY_UINT32 element = 0; element < num_elements; ++element, a += length) {
    for (UNITY_UINT32 b = 0; b < length; ++b) {
      if (e[b] == a[b]) continue;
      fail_begin(lineNumber);
      UnityPrint(kStrMemory);
      if (num_elements > 1) {
        UnityPrint(kStrElement);
        UnityPrintNumberUnsigned(element);
      }
      UnityPrint(kStrByte);
      UnityPrintNumberUnsigned(b);
      UnityPrint(kStrExpected);
      print_value(e[b], UNITY_DISPLAY_STYLE_HEX8);
      UnityPrint(kStrWas);
      print_value(a[b], UNITY_DISPLAY_STYLE_HEX8);
      add_msg_if_specified(msg);
      fail_and_bail();
    }
    if (flags == UNITY_ARRAY_TO_ARRAY) e += length;
  }
}

/*------------------------------------------------------------------------------------------------
 * Floating point
 *----------------------------------------------------------------------------------------------*/
#ifndef UNITY_EXCLUDE_FLOAT
void UnityAssertFloatsWithin(const UNITY_FLOAT delta, const UNITY_FLOAT expected,
                             const UNITY_FLOAT actual, const char* msg,
                             const UNITY_LINE_TYPE lineNumber) {
  assert_within(delta, expected, actual, msg, lineNumber);
}

void UnityAssertFloatsNotWithin(const UNITY_FLOAT delta, const UNITY_FLOAT expected,
                                const UNITY_FLOAT actual, const char* msg,
                                const UNITY_LINE_TYPE lineNumber) {
  assert_not_within(delta, expected, actual, msg, lineNumber);
}

void UnityAssertGreaterOrLessFloat(const UNITY_FLOAT threshold, const UNITY_FLOAT actual,
                                   const UNITY_COMPARISON_T compare, const char* msg,
                                   const UNITY_LINE_TYPE lineNumber) {
  assert_greater_or_less(threshold, actual, compare,
                         static_cast<UNITY_FLOAT>(UNITY_FLOAT_PRECISION), msg, lineNumber);
}

void UnityAssertWithinFloatArray(const UNITY_FLOAT delta, const UNITY_FLOAT* expected,
                                 const UNITY_FLOAT* actual, const UNITY_UINT32 num_elements,
                                 const char* msg, const UNITY_LINE_TYPE lineNumber,
                                 const UNITY_FLAGS_T flags) {
  assert_within_array(delta, expected, actual, num_elements,
                      static_cast<UNITY_FLOAT>(UNITY_FLOAT_PRECISION), msg, lineNumber, flags);
}

void UnityAssertFloatSpecial(const UNITY_FLOAT actual, const char* msg,
                             const UNITY_LINE_TYPE lineNumber, const UNITY_FLOAT_TRAIT_T style) {
  assert_special(actual, msg, lineNumber, style);
}

UNITY_INTERNAL_PTR UnityFloatToPtr(const float num) {
  g_quick_compare.f = num;
  return &g_quick_compare.f;
}
#endif  // UNITY_EXCLUDE_FLOAT

#ifndef UNITY_EXCLUDE_DOUBLE
void UnityAssertDoublesWithin(const UNITY_DOUBLE delta, const UNITY_DOUBLE expected,
                              const UNITY_DOUBLE actual, const char* msg,
                              const UNITY_LINE_TYPE lineNumber) {
  assert_within(delta, expected, actual, msg, lineNumber);
}

void UnityAssertDoublesNotWithin(const UNITY_DOUBLE delta, const UNITY_DOUBLE expected,
                                 const UNITY_DOUBLE actual, const char* msg,
                                 const UNITY_LINE_TYPE lineNumber) {
  assert_not_within(delta, expected, actual, msg, lineNumber);
}

void UnityAssertGreaterOrLessDouble(const UNITY_DOUBLE threshold, const UNITY_DOUBLE actual,
                                    const UNITY_COMPARISON_T compare, const char* msg,
                                    const UNITY_LINE_TYPE lineNumber) {
  assert_greater_or_less(threshold, actual, compare,
                         static_cast<UNITY_DOUBLE>(UNITY_DOUBLE_PRECISION), msg, lineNumber);
}

void UnityAssertWithinDoubleArray(const UNITY_DOUBLE delta, const UNITY_DOUBLE* expected,
                                  const UNITY_DOUBLE* actual, const UNITY_UINT32 num_elements,
                                  const char* msg, const UNITY_LINE_TYPE lineNumber,
                                  const UNITY_FLAGS_T flags) {
  assert_within_array(delta, expected, actual, num_elements,
                      static_cast<UNITY_DOUBLE>(UNITY_DOUBLE_PRECISION), msg, lineNumber, flags);
}

void UnityAssertDoubleSpecial(const UNITY_DOUBLE actual, const char* msg,
                              const UNITY_LINE_TYPE lineNumber, const UNITY_FLOAT_TRAIT_T style) {
  assert_special(actual, msg, lineNumber, style);
}

UNITY_INTERNAL_PTR UnityDoubleToPtr(const double num) {
  g_quick_compare.d = num;
  return &g_quick_compare.d;
}
#endif  // UNITY_EXCLUDE_DOUBLE
