// servers/stress/console_table: the stress controller's report for people, line by line: amounts
// without floating point, the begin and progress lines, the table with its total and rates, the
// leak accounting with a LEAK mark, and each verdict.
#include "servers/stress/console_table.h"

#include <string.h>

#include <string>
#include <vector>

#include "unity.h"

namespace {

// Global, so a failed assertion (Unity jumps out of the test) leaves nothing to leak-check.
std::vector<std::string> g_lines;

class Lines final : public stress::LineSink {
 public:
  Lines() { g_lines.clear(); }
  void line(const char* text, size_t length) override { g_lines.emplace_back(text, length); }
  std::vector<std::string>& lines = g_lines;
};

const char* amount(uint64_t value) {
  static char text[16];
  const size_t n = stress::format_amount(text, sizeof text, value);
  TEST_ASSERT_EQUAL_size_t(n, strlen(text));
  return text;
}

const stress::WorkloadRow kRows[] = {{"ports", 30000, 30000, 0, 40, 40},
                                     {"cow", 1500, 1400, 0, 2, 2}};

}  // namespace

void setUp() { g_lines.clear(); }
void tearDown() {}

void test_amounts() {
  TEST_ASSERT_EQUAL_STRING("0", amount(0));
  TEST_ASSERT_EQUAL_STRING("9999", amount(9999));
  TEST_ASSERT_EQUAL_STRING("10.0k", amount(10000));
  TEST_ASSERT_EQUAL_STRING("12.3k", amount(12399));  // rounded down
  TEST_ASSERT_EQUAL_STRING("999.9k", amount(999999));
  TEST_ASSERT_EQUAL_STRING("1.0M", amount(1000000));
  TEST_ASSERT_EQUAL_STRING("4.5G", amount(4500000000ull));
  TEST_ASSERT_EQUAL_STRING("18446.7P", amount(UINT64_MAX));  // the last unit goes on
}

void test_begin_and_progress() {
  Lines out;
  stress::print_console_begin(out, kRows, 2, 0x1f, 3, 4);
  TEST_ASSERT_EQUAL_size_t(2, out.lines.size());
  TEST_ASSERT_EQUAL_STRING("stress: ports,cow for 3 s on 4 CPUs, seed 0x1f\n",
                           out.lines[0].c_str());
  TEST_ASSERT_EQUAL_STRING(
      "  (the same run alone: ./portcullis stress --seed 0x1f --seconds 3 --cpus 4 --workload "
      "ports --workload cow)\n",
      out.lines[1].c_str());
  stress::print_console_progress(out, kRows, 2, 2500, 3);
  TEST_ASSERT_EQUAL_STRING("  2 s of 3: ops 31.5k, checks 31.4k, violations 0, faults 42\n",
                           out.lines[2].c_str());
  stress::print_console_progress(out, kRows, 2, 3999, 3);
  TEST_ASSERT_EQUAL_STRING("  3 s of 3: ops 31.5k, checks 31.4k, violations 0, faults 42\n",
                           out.lines[3].c_str());
  stress::print_console_progress(out, kRows, 2, 5000, 3);
  TEST_ASSERT_EQUAL_STRING(
      "  5 s past the deadline of 3: ops 31.5k, checks 31.4k, violations 0, faults 42\n",
      out.lines[4].c_str());
}

void test_progress_interval() {
  TEST_ASSERT_EQUAL_UINT64(1000, stress::console_progress_interval_ms(1));
  TEST_ASSERT_EQUAL_UINT64(1000, stress::console_progress_interval_ms(10));
  TEST_ASSERT_EQUAL_UINT64(2000, stress::console_progress_interval_ms(25));
  TEST_ASSERT_EQUAL_UINT64(60000, stress::console_progress_interval_ms(600));
}

void test_table_that_passes() {
  const stress::LeakRow keys[] = {{"frames", 100, 100}, {"task", 3, 3}};
  stress::LeakReport leaks;
  leaks.rows = keys;
  leaks.count = 2;
  Lines out;
  stress::print_console_table(out, kRows, 2, 3000, leaks);
  static const std::vector<std::string> want = {
      "workload            ops    ops/s       checks  violations   faults  survived\n",
      "ports             30000    10.0k        30000           0       40        40\n",
      "cow                1500      500         1400           0        2         2\n",
      "total             31500    10.5k        31400           0       42        42\n",
      "leak accounting: the whole system's counts before and after the workloads ran\n",
      "key                        before        after\n",
      "frames                        100          100\n",
      "task                            3            3\n",
      "verdict: PASS: 0 violations, 0 leaks\n"};
  TEST_ASSERT_EQUAL_size_t(want.size(), out.lines.size());
  for (size_t i = 0; i < want.size(); ++i) {
    TEST_ASSERT_EQUAL_STRING(want[i].c_str(), out.lines[i].c_str());
  }
}

void test_table_with_violations_and_leaks() {
  const stress::WorkloadRow rows[] = {{"ipc", 10, 9, 1, 0, 0}};
  const stress::LeakRow keys[] = {{"frames", 100, 99}, {"task", 3, 3}, {"heap_bytes", 64, 96}};
  stress::LeakReport leaks;
  leaks.rows = keys;
  leaks.count = 3;
  leaks.leaks = 2;
  Lines out;
  stress::print_console_table(out, rows, 1, 0, leaks);  // 0 ms: no division by zero
  TEST_ASSERT_EQUAL_STRING("frames                        100           99  LEAK\n",
                           out.lines[5].c_str());
  TEST_ASSERT_EQUAL_STRING("verdict: FAIL: 1 violation, 2 leaks (frames, heap_bytes)\n",
                           out.lines.back().c_str());
}

void test_table_without_leak_accounting() {
  stress::LeakReport leaks;
  leaks.unavailable = "no-memory";
  Lines out;
  stress::print_console_table(out, kRows, 2, 1000, leaks);
  TEST_ASSERT_EQUAL_STRING("  unavailable (no-memory)\n", out.lines[5].c_str());
  TEST_ASSERT_EQUAL_STRING("verdict: FAIL: 0 violations, leaks not known (no-memory)\n",
                           out.lines.back().c_str());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_amounts);
  RUN_TEST(test_begin_and_progress);
  RUN_TEST(test_progress_interval);
  RUN_TEST(test_table_that_passes);
  RUN_TEST(test_table_with_violations_and_leaks);
  RUN_TEST(test_table_without_leak_accounting);
  return UNITY_END();
}
