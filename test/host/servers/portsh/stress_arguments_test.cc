// servers/portsh/stress_arguments: `stress WORKLOAD SECONDS [SEED]`'s parsing (every refusal, the
// bounds, memsrv refused in this boot) and the start line it asks init for.
#include "servers/portsh/stress_arguments.h"

#include <string.h>

#include <initializer_list>

#include "servers/stress/workload_names.h"
#include "unity.h"

namespace {

using portsh::StressArgumentError;

StressArgumentError parse(std::initializer_list<const char*> words,
                          portsh::StressRequest& request) {
  const char* argv[8] = {"stress"};
  int argc = 1;
  for (const char* w : words) argv[argc++] = w;
  return portsh::parse_stress_arguments(argc, argv, request);
}

void expect(StressArgumentError want, std::initializer_list<const char*> words) {
  portsh::StressRequest request;
  request.seconds = 77;
  TEST_ASSERT_EQUAL_INT(static_cast<int>(want), static_cast<int>(parse(words, request)));
  TEST_ASSERT_EQUAL_UINT32(77, request.seconds);  // unchanged on error
}

}  // namespace

void setUp() {}
void tearDown() {}

void test_a_workload_and_seconds() {
  portsh::StressRequest request;
  TEST_ASSERT_EQUAL_INT(static_cast<int>(StressArgumentError::kNone),
                        static_cast<int>(parse({"cow", "3"}, request)));
  TEST_ASSERT_EQUAL_STRING("cow", stress::kWorkloadNames[request.workload]);
  TEST_ASSERT_EQUAL_UINT32(3, request.seconds);
  TEST_ASSERT_FALSE(request.has_seed);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(StressArgumentError::kNone),
                        static_cast<int>(parse({"crash", "600", "0xAbC"}, request)));
  TEST_ASSERT_EQUAL_STRING("crash", stress::kWorkloadNames[request.workload]);
  TEST_ASSERT_EQUAL_UINT32(600, request.seconds);
  TEST_ASSERT_TRUE(request.has_seed);
  TEST_ASSERT_EQUAL_HEX64(0xabc, request.seed);
}

void test_every_workload_but_memsrv() {
  for (uint32_t i = 0; i < stress::kWorkloadNameCount; ++i) {
    portsh::StressRequest request;
    const bool memsrv = strcmp(stress::kWorkloadNames[i], "memsrv") == 0;
    TEST_ASSERT_EQUAL_INT(
        static_cast<int>(memsrv ? StressArgumentError::kNotInThisBoot : StressArgumentError::kNone),
        static_cast<int>(parse({stress::kWorkloadNames[i], "1"}, request)));
    TEST_ASSERT_EQUAL(!memsrv, portsh::stress_workload_runs_here(i));
  }
  TEST_ASSERT_FALSE(portsh::stress_workload_runs_here(stress::kWorkloadNameCount));
}

void test_refusals() {
  expect(StressArgumentError::kUsage, {});
  expect(StressArgumentError::kUsage, {"ports"});
  expect(StressArgumentError::kUsage, {"ports", "3", "0x1", "more"});
  expect(StressArgumentError::kUnknownWorkload, {"nosuch", "3"});
  expect(StressArgumentError::kUnknownWorkload, {"port", "3"});
  expect(StressArgumentError::kUnknownWorkload, {"all", "3"});
  expect(StressArgumentError::kNotInThisBoot, {"memsrv", "3"});
  expect(StressArgumentError::kBadSeconds, {"ports", "0"});
  expect(StressArgumentError::kBadSeconds, {"ports", "601"});
  expect(StressArgumentError::kBadSeconds, {"ports", "abc"});
  expect(StressArgumentError::kBadSeconds, {"ports", "-1"});
  expect(StressArgumentError::kBadSeconds, {"ports", ""});
  expect(StressArgumentError::kBadSeconds, {"ports", "9999999999"});
  expect(StressArgumentError::kBadSeed, {"ports", "3", "12"});
  expect(StressArgumentError::kBadSeed, {"ports", "3", "0x"});
  expect(StressArgumentError::kBadSeed, {"ports", "3", "0xg"});
  expect(StressArgumentError::kBadSeed, {"ports", "3", "0x12345678123456781"});
}

void test_the_start_line() {
  portsh::StressRequest request;
  TEST_ASSERT_EQUAL_INT(static_cast<int>(StressArgumentError::kNone),
                        static_cast<int>(parse({"ports", "3", "0x5eed"}, request)));
  char line[128];
  const char want[] = "stress workloads=ports seconds=3 seed=0x5eed console";
  TEST_ASSERT_EQUAL_size_t(sizeof want - 1, portsh::format_stress_line(request, line, sizeof line));
  TEST_ASSERT_EQUAL_STRING(want, line);
  TEST_ASSERT_EQUAL_size_t(0, portsh::format_stress_line(request, line, 10));  // does not fit
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_a_workload_and_seconds);
  RUN_TEST(test_every_workload_but_memsrv);
  RUN_TEST(test_refusals);
  RUN_TEST(test_the_start_line);
  return UNITY_END();
}
