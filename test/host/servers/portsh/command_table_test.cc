// servers/portsh/command_table: the table over the four groups (defined here as fakes), finding a
// command, and what the shell prints for an unknown command, bad arguments and other errors.
#include "servers/portsh/command_table.h"

#include <string>

#include "unity.h"

namespace {

class StringOutput final : public portsh::Output {
 public:
  Status write(const char* bytes, size_t count) override {
    text.append(bytes, count);
    return Status::kOk;
  }
  std::string text;
};

int g_runs = 0;

Status ok(portsh::Output& out, int argc, char** argv) {
  ++g_runs;
  return out.printf("%s ran with %d words\n", argv[0], argc);
}
Status picky(portsh::Output&, int argc, char**) {
  return argc == 2 ? Status::kOk : Status::kInvalidArgument;
}
Status busy(portsh::Output&, int, char**) { return Status::kBusy; }

constexpr portsh::Command kShell[] = {{"help", "help", "this list", ok},
                                      {"picky", "picky WORD", "one word", picky}};
constexpr portsh::Command kSystem[] = {{"ps", "ps", "tasks", ok}};
constexpr portsh::Command kDevices[] = {{"date", "date", "the clock", busy}};

}  // namespace

namespace portsh {
CommandGroup shell_commands() { return {kShell, 2}; }
CommandGroup system_commands() { return {kSystem, 1}; }
CommandGroup control_commands() { return {nullptr, 0}; }
CommandGroup device_commands() { return {kDevices, 1}; }
CommandGroup stress_commands() { return {nullptr, 0}; }
}  // namespace portsh

void setUp() { g_runs = 0; }
void tearDown() {}

void test_the_table_lists_every_group_in_order() {
  const portsh::CommandTable& table = portsh::CommandTable::all();
  TEST_ASSERT_EQUAL_UINT32(4, table.size());
  TEST_ASSERT_EQUAL_STRING("help", table.at(0).name);
  TEST_ASSERT_EQUAL_STRING("picky", table.at(1).name);
  TEST_ASSERT_EQUAL_STRING("ps", table.at(2).name);
  TEST_ASSERT_EQUAL_STRING("date", table.at(3).name);
  TEST_ASSERT_EQUAL_PTR(&kSystem[0], table.find("ps"));
  TEST_ASSERT_NULL(table.find("p"));
  TEST_ASSERT_NULL(table.find("pss"));
}

void test_run_and_its_messages() {
  const portsh::CommandTable& table = portsh::CommandTable::all();
  StringOutput out;
  char ps[] = "ps", x[] = "x";
  char* run_ps[] = {ps, x, nullptr};
  TEST_ASSERT_TRUE(table.run(out, 2, run_ps) == Status::kOk);
  TEST_ASSERT_EQUAL_STRING("ps ran with 2 words\n", out.text.c_str());
  TEST_ASSERT_EQUAL_INT(1, g_runs);

  out.text.clear();
  char nope[] = "nope";
  char* unknown[] = {nope, nullptr};
  TEST_ASSERT_TRUE(table.run(out, 1, unknown) == Status::kNotFound);
  TEST_ASSERT_EQUAL_STRING("portsh: unknown command 'nope' (help lists them)\n", out.text.c_str());

  out.text.clear();
  char pick[] = "picky";
  char* bad[] = {pick, nullptr};
  TEST_ASSERT_TRUE(table.run(out, 1, bad) == Status::kInvalidArgument);
  TEST_ASSERT_EQUAL_STRING("picky: invalid argument\nusage: picky WORD\n", out.text.c_str());

  out.text.clear();
  char date[] = "date";
  char* failing[] = {date, nullptr};
  TEST_ASSERT_TRUE(table.run(out, 1, failing) == Status::kBusy);
  TEST_ASSERT_EQUAL_STRING((std::string("date: ") + status_name(Status::kBusy) + "\n").c_str(),
                           out.text.c_str());
}

void test_printf_cuts_long_text() {
  StringOutput out;
  const std::string long_word(400, 'w');
  TEST_ASSERT_TRUE(out.printf("%s", long_word.c_str()) == Status::kOk);
  TEST_ASSERT_EQUAL_UINT32(portsh::Output::kPrintfMaxBytes - 1, out.text.size());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_the_table_lists_every_group_in_order);
  RUN_TEST(test_run_and_its_messages);
  RUN_TEST(test_printf_cuts_long_text);
  return UNITY_END();
}
