// The shim's engine. Wording and layout follow Unity 2.5 byte for byte (unity.c: UnityTestResultsBegin,
// UnityConcludeTest, UnityEnd and the UnityStr* constants), so tools that read Unity logs read ours.
#include "unity.h"

UnityState Unity;

namespace {

UnityOutputHook g_output_hook = nullptr;

constexpr const char kStrPass[] = "PASS";
constexpr const char kStrFail[] = "FAIL";
constexpr const char kStrIgnore[] = "IGNORE";
constexpr const char kStrExpected[] = " Expected ";
constexpr const char kStrWas[] = " Was ";
constexpr const char kStrSpacer[] = ". ";
constexpr const char kStrMemory[] = " Memory Mismatch.";
constexpr const char kStrByte[] = " Byte ";
constexpr const char kStrNull[] = "NULL";
constexpr const char kStrBreaker[] = "-----------------------";
constexpr const char kStrResultsTests[] = " Tests ";
constexpr const char kStrResultsFailures[] = " Failures ";
constexpr const char kStrResultsIgnored[] = " Ignored ";
constexpr const char kStrOk[] = "OK";
constexpr int kIntWidthBits = 32;  // Unity's default UNITY_INT_WIDTH, used by the bit-mask printer

void put(int c) {
  if (g_output_hook != nullptr) {
    g_output_hook(c);
  } else {
    unity_output_char(c);
  }
}

void print_eol() { put('\n'); }

void results_begin(const char* file, UNITY_UINT line) {
  UnityPrint(file);
  put(':');
  UnityPrintNumberUnsigned(line);
  put(':');
  UnityPrint(Unity.current_test_name);
  put(':');
}

void fail_begin(UNITY_UINT line) {
  results_begin(Unity.test_file, line);
  UnityPrint(kStrFail);
  put(':');
}

void add_msg_if_specified(const char* msg) {
  if (msg != nullptr) {
    UnityPrint(kStrSpacer);
    UnityPrint(msg);
  }
}

[[noreturn]] void fail_and_bail() {
  Unity.current_test_failed = true;
  UNITY_LONGJMP(Unity.abort_frame);
}

void print_hex_prefixed(UNITY_UINT n, int nibbles) {
  put('0');
  put('x');
  UnityPrintNumberHex(n, nibbles);
}

void print_number_by_style(UNITY_INT n, UnityDisplayStyle style) {
  switch (style) {
    case UnityDisplayStyle::kInt: UnityPrintNumber(n); break;
    case UnityDisplayStyle::kUint: UnityPrintNumberUnsigned(static_cast<UNITY_UINT>(n)); break;
    case UnityDisplayStyle::kHex8: print_hex_prefixed(static_cast<UNITY_UINT>(n), 2); break;
    case UnityDisplayStyle::kHex16: print_hex_prefixed(static_cast<UNITY_UINT>(n), 4); break;
    case UnityDisplayStyle::kHex32: print_hex_prefixed(static_cast<UNITY_UINT>(n), 8); break;
    case UnityDisplayStyle::kHex64:
    case UnityDisplayStyle::kPointer: print_hex_prefixed(static_cast<UNITY_UINT>(n), 16); break;
  }
}

void print_mask(UNITY_UINT mask, UNITY_UINT number) {
  UNITY_UINT bit = UNITY_UINT{1} << (kIntWidthBits - 1);
  for (int i = 0; i < kIntWidthBits; ++i) {
    if ((bit & mask) != 0) {
      put((bit & number) != 0 ? '1' : '0');
    } else {
      put('X');
    }
    bit >>= 1;
  }
}

void print_quoted_or_null(const char* s) {
  if (s == nullptr) {
    UnityPrint(kStrNull);
    return;
  }
  put('\'');
  UnityPrint(s);
  put('\'');
}

void conclude_test() {
  if (Unity.current_test_ignored) {
    Unity.test_ignores++;
  } else if (!Unity.current_test_failed) {
    results_begin(Unity.test_file, Unity.current_test_line);
    UnityPrint(kStrPass);
  } else {
    Unity.test_failures++;
  }
  Unity.current_test_failed = false;
  Unity.current_test_ignored = false;
  print_eol();
}

}  // namespace

void unity_set_output_hook(UnityOutputHook hook) { g_output_hook = hook; }

void UnityPrint(const char* s) {
  if (s == nullptr) return;
  for (; *s != '\0'; ++s) {
    const auto ch = static_cast<unsigned char>(*s);
    if (ch >= 32 && ch <= 126) {
      put(ch);
    } else if (ch == '\r') {  // escaped as Unity does, so one result stays on one line
      put('\\');
      put('r');
    } else if (ch == '\n') {
      put('\\');
      put('n');
    } else {
      put('\\');
      put('x');
      UnityPrintNumberHex(ch, 2);
    }
  }
}

void UnityPrintNumberUnsigned(UNITY_UINT n) {
  UNITY_UINT divisor = 1;
  while (n / divisor > 9) divisor *= 10;
  do {
    put(static_cast<int>('0' + (n / divisor) % 10));
    divisor /= 10;
  } while (divisor > 0);
}

void UnityPrintNumber(UNITY_INT n) {
  UNITY_UINT magnitude = static_cast<UNITY_UINT>(n);
  if (n < 0) {
    put('-');
    magnitude = ~magnitude + 1;  // well defined for INT64_MIN too
  }
  UnityPrintNumberUnsigned(magnitude);
}

void UnityPrintNumberHex(UNITY_UINT n, int nibbles) {
  for (int i = nibbles - 1; i >= 0; --i) {
    const unsigned nibble = static_cast<unsigned>(n >> (4 * i)) & 0xF;
    put(nibble <= 9 ? static_cast<int>('0' + nibble) : static_cast<int>('A' - 10 + nibble));
  }
}

void UnityBegin(const char* file) {
  Unity.test_file = file;
  Unity.current_test_name = nullptr;
  Unity.current_test_line = 0;
  Unity.number_of_tests = 0;
  Unity.test_failures = 0;
  Unity.test_ignores = 0;
  Unity.current_test_failed = false;
  Unity.current_test_ignored = false;
}

int UnityEnd() {
  print_eol();
  UnityPrint(kStrBreaker);
  print_eol();
  UnityPrintNumberUnsigned(Unity.number_of_tests);
  UnityPrint(kStrResultsTests);
  UnityPrintNumberUnsigned(Unity.test_failures);
  UnityPrint(kStrResultsFailures);
  UnityPrintNumberUnsigned(Unity.test_ignores);
  UnityPrint(kStrResultsIgnored);
  print_eol();
  UnityPrint(Unity.test_failures == 0 ? kStrOk : kStrFail);
  print_eol();
  return static_cast<int>(Unity.test_failures);
}

void UnityDefaultTestRun(UnityTestFunction func, const char* name, int line) {
  Unity.current_test_name = name;
  Unity.current_test_line = static_cast<UNITY_UINT>(line);
  Unity.number_of_tests++;
  if (UNITY_SETJMP(Unity.abort_frame) == 0) {
    setUp();
    func();
  }
  // tearDown runs even after a failure, under its own protection, as in Unity.
  if (UNITY_SETJMP(Unity.abort_frame) == 0) {
    tearDown();
  }
  conclude_test();
}

void UnityFail(const char* msg, UNITY_UINT line) {
  results_begin(Unity.test_file, line);
  UnityPrint(kStrFail);
  if (msg != nullptr) {
    put(':');
    if (msg[0] != ' ') put(' ');
    UnityPrint(msg);
  }
  fail_and_bail();
}

void UnityIgnore(const char* msg, UNITY_UINT line) {
  results_begin(Unity.test_file, line);
  UnityPrint(kStrIgnore);
  if (msg != nullptr) {
    put(':');
    put(' ');
    UnityPrint(msg);
  }
  Unity.current_test_ignored = true;
  UNITY_LONGJMP(Unity.abort_frame);
}

void UnityPass(const char* msg, UNITY_UINT line) {
  if (msg != nullptr) {
    results_begin(Unity.test_file, line);
    UnityPrint(kStrPass);
    put(':');
    put(' ');
    UnityPrint(msg);
    print_eol();
  }
  UNITY_LONGJMP(Unity.abort_frame);
}

void UnityMessage(const char* msg, UNITY_UINT line) {
  results_begin(Unity.test_file, line);
  UnityPrint("INFO");
  if (msg != nullptr) {
    put(':');
    put(' ');
    UnityPrint(msg);
  }
  print_eol();
}

void UnityAssertEqualNumber(UNITY_INT expected, UNITY_INT actual, const char* msg, UNITY_UINT line,
                            UnityDisplayStyle style) {
  if (expected == actual) return;
  fail_begin(line);
  UnityPrint(kStrExpected);
  print_number_by_style(expected, style);
  UnityPrint(kStrWas);
  print_number_by_style(actual, style);
  add_msg_if_specified(msg);
  fail_and_bail();
}

void UnityAssertBits(UNITY_INT mask, UNITY_INT expected, UNITY_INT actual, const char* msg,
                     UNITY_UINT line) {
  if ((mask & expected) == (mask & actual)) return;
  fail_begin(line);
  UnityPrint(kStrExpected);
  print_mask(static_cast<UNITY_UINT>(mask), static_cast<UNITY_UINT>(expected));
  UnityPrint(kStrWas);
  print_mask(static_cast<UNITY_UINT>(mask), static_cast<UNITY_UINT>(actual));
  add_msg_if_specified(msg);
  fail_and_bail();
}

void UnityAssertEqualString(const char* expected, const char* actual, const char* msg,
                            UNITY_UINT line) {
  bool equal = true;
  if (expected != nullptr && actual != nullptr) {
    for (size_t i = 0; expected[i] != '\0' || actual[i] != '\0'; ++i) {
      if (expected[i] != actual[i]) {
        equal = false;
        break;
      }
    }
  } else {
    equal = expected == actual;
  }
  if (equal) return;
  fail_begin(line);
  UnityPrint(kStrExpected);
  print_quoted_or_null(expected);
  UnityPrint(kStrWas);
  print_quoted_or_null(actual);
  add_msg_if_specified(msg);
  fail_and_bail();
}

void UnityAssertEqualMemory(const void* expected, const void* actual, size_t length,
                            const char* msg, UNITY_UINT line) {
  if (length == 0) {
    fail_begin(line);
    UnityPrint(" You Asked Me To Compare Nothing, Which Was Pointless");
    add_msg_if_specified(msg);
    fail_and_bail();
  }
  if (expected == actual) return;
  if (expected == nullptr || actual == nullptr) {
    fail_begin(line);
    UnityPrint(expected == nullptr ? " Expected pointer to be NULL" : " Actual pointer was NULL");
    add_msg_if_specified(msg);
    fail_and_bail();
  }
  const auto* e = static_cast<const uint8_t*>(expected);
  const auto* a = static_cast<const uint8_t*>(actual);
  for (size_t i = 0; i < length; ++i) {
    if (e[i] != a[i]) {
      fail_begin(line);
      UnityPrint(kStrMemory);
      UnityPrint(kStrByte);
      UnityPrintNumberUnsigned(i);
      UnityPrint(kStrExpected);
      print_hex_prefixed(e[i], 2);
      UnityPrint(kStrWas);
      print_hex_prefixed(a[i], 2);
      add_msg_if_specified(msg);
      fail_and_bail();
    }
  }
}
