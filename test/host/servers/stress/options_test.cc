// servers/stress/options: the stress controller's command line: each option, `all`, and every
// refusal with the word it names.
#include <string.h>

#include <initializer_list>

#include "servers/stress/options.h"
#include "unity.h"

namespace {

const char* const kNames[] = {"ports", "cow", "churn"};

Status parse(std::initializer_list<const char*> words, stress::Options& options,
             stress::OptionsError& error) {
  const char* argv[8] = {"stress"};
  int argc = 1;
  for (const char* w : words) argv[argc++] = w;
  return stress::parse_options(argc, argv, kNames, 3, options, error);
}

void expect_refused(std::initializer_list<const char*> words, const char* word, const char* why) {
  stress::Options options;
  options.seconds = 77;
  stress::OptionsError error;
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kInvalidArgument),
                           status_name(parse(words, options, error)));
  TEST_ASSERT_EQUAL_UINT32(strlen(word), error.length);
  TEST_ASSERT_EQUAL_INT(0, strncmp(word, error.word, error.length));
  TEST_ASSERT_EQUAL_INT(0, strncmp(why, error.why, strlen(why)));
  TEST_ASSERT_EQUAL_UINT32(77, options.seconds);  // unchanged on error
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_every_option() {
  stress::Options options;
  stress::OptionsError error;
  TEST_ASSERT_EQUAL_STRING(
      status_name(Status::kOk),
      status_name(parse({"seed=0xDeadBeef12345678", "seconds=30", "workloads=churn,ports"}, options,
                        error)));
  TEST_ASSERT_EQUAL_HEX64(0xDEADBEEF12345678ull, options.seed);
  TEST_ASSERT_EQUAL_UINT32(30, options.seconds);
  TEST_ASSERT_EQUAL_HEX32(0x5, options.workloads);
}

void test_defaults_and_all() {
  stress::Options options;
  stress::OptionsError error;
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kOk),
                           status_name(parse({"workloads=all"}, options, error)));
  TEST_ASSERT_EQUAL_HEX64(stress::kDefaultSeed, options.seed);
  TEST_ASSERT_EQUAL_UINT32(stress::kDefaultSeconds, options.seconds);
  TEST_ASSERT_EQUAL_HEX32(0x7, options.workloads);
  TEST_ASSERT_FALSE(options.console);
}

void test_parse_seed() {
  uint64_t seed = 7;
  TEST_ASSERT_TRUE(stress::parse_seed("0xaBc", seed));
  TEST_ASSERT_EQUAL_HEX64(0xabc, seed);
  TEST_ASSERT_TRUE(stress::parse_seed("0xffffffffffffffff", seed));
  TEST_ASSERT_EQUAL_HEX64(UINT64_MAX, seed);
  seed = 7;
  for (const char* bad : {"12", "0x", "0xg", "0X1", "0x12345678123456781", ""}) {
    TEST_ASSERT_FALSE(stress::parse_seed(bad, seed));
  }
  TEST_ASSERT_EQUAL_HEX64(7, seed);  // untouched
}

void test_console() {
  stress::Options options;
  stress::OptionsError error;
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kOk),
                           status_name(parse({"workloads=cow", "console"}, options, error)));
  TEST_ASSERT_TRUE(options.console);
  expect_refused({"workloads=cow", "consoles"}, "consoles", "unknown option");
  expect_refused({"workloads=cow", "console=1"}, "console=1", "unknown option");
}

void test_refusals() {
  expect_refused({"workloads=ports,mem"}, "mem", "unknown workload");
  expect_refused({"workloads=port"}, "port", "unknown workload");
  expect_refused({"workloads=ports,"}, "ports,", "empty workload name");
  expect_refused({"workloads="}, "", "empty workload name");
  expect_refused({"seed=12", "workloads=all"}, "seed=12", "seed=");
  expect_refused({"seed=0x", "workloads=all"}, "seed=0x", "seed=");
  expect_refused({"seed=0x12345678123456781", "workloads=all"}, "seed=0x12345678123456781",
                 "seed=");
  expect_refused({"seconds=0", "workloads=all"}, "seconds=0", "seconds=");
  expect_refused({"seconds=86401", "workloads=all"}, "seconds=86401", "seconds=");
  expect_refused({"seconds=1x", "workloads=all"}, "seconds=1x", "seconds=");
  expect_refused({"verbose", "workloads=all"}, "verbose", "unknown option");
  expect_refused({"seed=0x1"}, "", "no workloads=");
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_every_option);
  RUN_TEST(test_defaults_and_all);
  RUN_TEST(test_refusals);
  RUN_TEST(test_parse_seed);
  RUN_TEST(test_console);
  return UNITY_END();
}
