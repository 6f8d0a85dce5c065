// init's control endpoint (libsys/init_protocol.h, docs/init.md "The control endpoint") from the
// holder's side, through the shell's commands (servers/portsh/commands_control.cc, run with an
// Output that captures their lines) and through raw requests. init starts this test with the
// endpoint in portsh's slot (grant=init_control@4) beside two control_child programs
// (test/system/init_control/init_control_test.manifest), and the boot also names `spare_child`, a
// module no manifest line starts.
//
// Checked: the list (lines, states, task ids); every bad request answered with its code while init
// goes on serving; each command's bad input; start of a module and its kill; a restart=1 program
// killed, restarted, killed again and given up on, and the same for a server blocked in receive; a
// manifest port grant revoked; a grant to the `ports` child, which reads the port, then the revoke
// while it spins on it: its next IN faults and init, its supervisor, ends it.
#include <stddef.h>
#include <stdint.h>

#include "../portsh/captured_output.h"  // test code is outside the user include path
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/c_string.h"
#include "base/format.h"
#include "control_test_protocol.h"  // beside this file: test code is outside the user include path
#include "libsys/init_protocol.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "servers/portsh/command.h"
#include "servers/portsh/shell_slots.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint64_t kWaitNs = uint64_t{20} * 1000 * 1000 * 1000;

// Runs the command line (words split at spaces) with the control group's command of that name.
Status run(CapturedOutput& out, const char* line) {
  static char words[256];
  size_t n = 0;
  for (; line[n] != '\0' && n + 1 < sizeof words; ++n) words[n] = line[n];
  words[n] = '\0';
  char* argv[16] = {};
  int argc = 0;
  for (char* p = words; *p != '\0' && argc < 16;) {
    while (*p == ' ') *p++ = '\0';
    if (*p == '\0') break;
    argv[argc++] = p;
    while (*p != '\0' && *p != ' ') ++p;
  }
  const portsh::CommandGroup group = portsh::control_commands();
  for (size_t i = 0; i < group.count; ++i) {
    if (base::same_text(group.commands[i].name, argv[0])) {
      return group.commands[i].run(out, argc, argv);
    }
  }
  TEST_FAIL_MESSAGE("no such control command");
  return Status::kNotFound;
}

// A raw request on `slot`: the call's failure or init's answer.
Status request(uint64_t label, uint8_t word_count, uint64_t w0 = 0, uint64_t w1 = 0,
               uint64_t w2 = 0, uint64_t w3 = 0, IpcMessage* answer = nullptr,
               uint32_t slot = portsh::kShellInitSlot) {
  IpcMessage m;
  m.label = label;
  m.word_count = word_count;
  m.words[0] = w0;
  m.words[1] = w1;
  m.words[2] = w2;
  m.words[3] = w3;
  const Status s = sys_ipc_call(slot, &m).status;
  if (answer != nullptr) *answer = m;
  return s != Status::kOk ? s : static_cast<Status>(m.label);
}

// The first entry of init's list with `name` (and `line_number`, unless 0 is asked); false if none.
bool find_entry(const char* name, uint32_t line_number, sys::InitProgramEntry* out) {
  for (uint32_t i = 0;; ++i) {
    IpcMessage m;
    if (request(sys::kInitList, 1, i, 0, 0, 0, &m) != Status::kOk) return false;
    sys::InitProgramEntry entry;
    TEST_ASSERT_TRUE(sys::init_entry_unpack(m, &entry));
    if (base::same_text(entry.name, name) &&
        (line_number == 0 || entry.line_number == line_number)) {
      *out = entry;
      return true;
    }
  }
}

uint64_t now_ns() { return sys_monotonic_ns().extra; }

uint32_t g_never_woken = 0;
void nap() { (void)sys_wait_while_equal(&g_never_woken, 0, 10 * 1000 * 1000); }

// Polls the list until the entry (name, line) is in `state` with `restarts`; the entry then.
sys::InitProgramEntry wait_for_state(const char* name, uint32_t line_number,
                                     sys::InitProgramState state, uint32_t restarts) {
  const uint64_t deadline = now_ns() + kWaitNs;
  sys::InitProgramEntry entry;
  for (;;) {
    TEST_ASSERT_TRUE(find_entry(name, line_number, &entry));
    if (entry.state == state && entry.restarts == restarts) return entry;
    if (now_ns() > deadline) {
      TEST_ASSERT_EQUAL_STRING(sys::init_program_state_name(state),
                               sys::init_program_state_name(entry.state));
      TEST_ASSERT_EQUAL_UINT32(restarts, entry.restarts);
    }
    nap();
  }
}

// The manifest's lines (test/system/init_control/init_control_test.manifest).
constexpr uint32_t kTestLine = 4;
constexpr uint32_t kIdleLine = 5;
constexpr uint32_t kPortsLine = 6;
constexpr uint32_t kServeLine = 7;
constexpr uint32_t kPoolLine = 9;

}  // namespace

void setUp() {}
void tearDown() {}

void test_list_shows_the_manifest_programs() {
  sys::InitProgramEntry self;
  TEST_ASSERT_TRUE(find_entry("init_control_user_test", kTestLine, &self));
  TEST_ASSERT_EQUAL_STRING("running", sys::init_program_state_name(self.state));
  TEST_ASSERT_EQUAL_UINT32(0, self.restarts);
  TEST_ASSERT_NOT_EQUAL(0, self.task_id);
  sys::InitProgramEntry idle;
  sys::InitProgramEntry ports;
  TEST_ASSERT_TRUE(find_entry("control_child", kIdleLine, &idle));
  TEST_ASSERT_TRUE(find_entry("control_child", kPortsLine, &ports));
  TEST_ASSERT_NOT_EQUAL(idle.task_id, ports.task_id);
  TEST_ASSERT_EQUAL_STRING("running", sys::init_program_state_name(ports.state));
  // The command prints a line each, with the header.
  static CapturedOutput out;  // 16 KiB: not on the stack
  out.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(out, "programs"));
  TEST_ASSERT_TRUE(out.contains("line  task  state     restarts  name\n"));
  TEST_ASSERT_TRUE(out.contains("running          0  init_control_user_test\n"));
  TEST_ASSERT_TRUE(out.contains("    6 "));
  TEST_ASSERT_TRUE(out.contains("running          0  control_child\n"));
}

void test_bad_requests_get_their_codes_and_init_goes_on() {
  sys::InitProgramEntry idle;
  TEST_ASSERT_TRUE(find_entry("control_child", kIdleLine, &idle));
  TEST_ASSERT_STATUS(Status::kNotSupported, request(0x494E'4954'0000'01FE, 0));
  TEST_ASSERT_STATUS(Status::kNotSupported, request(0, 0));
  // Word counts, exactly.
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitList, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitList, 2));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitKill, 0));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitKill, 2, idle.task_id));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitStart, 1));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitStartText, 1, 3));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitGrantPorts, 2, idle.task_id));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitRevokePorts, 4, idle.task_id));
  // The list past its end; unknown task ids.
  TEST_ASSERT_STATUS(Status::kOutOfRange, request(sys::kInitList, 1, 1000));
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitKill, 1, 0));
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitKill, 1, 0xFFFF'FFFF'0000'0000));
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitGrantPorts, 3, 99999, 0x80, 1));
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitRevokePorts, 3, 99999, 0x80, 1));
  // Bad ranges, and a revoke of a range never granted.
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     request(sys::kInitGrantPorts, 3, idle.task_id, 0x80, 0));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(sys::kInitGrantPorts, 3, idle.task_id, 0xFFFF, 2));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(sys::kInitGrantPorts, 3, idle.task_id, 0x10000, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange,
                     request(sys::kInitRevokePorts, 3, idle.task_id, 0, uint64_t{1} << 40));
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitRevokePorts, 3, idle.task_id, 0x80, 1));
  // Start lines: no pending line, a part out of place, a bad part, an unknown module, too long.
  TEST_ASSERT_STATUS(Status::kBadState, request(sys::kInitStart, 0));
  IpcMessage part;
  sys::init_text_pack("spare_child", 11, 5, &part);
  TEST_ASSERT_STATUS(Status::kBadState, request(sys::kInitStartText, 4, part.words[0],
                                                part.words[1], part.words[2], part.words[3]));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, request(sys::kInitStartText, 4, 0));
  sys::init_text_pack("no_such_module", 14, 0, &part);
  TEST_ASSERT_STATUS(Status::kOk, request(sys::kInitStartText, 4, part.words[0], part.words[1],
                                          part.words[2], part.words[3]));
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitStart, 0));
  TEST_ASSERT_STATUS(Status::kBadState, request(sys::kInitStart, 0));  // the line is forgotten
  char filler[24];
  for (char& c : filler) c = 'x';
  Status s = Status::kOk;
  for (size_t at = 0; at < 300 && s == Status::kOk; at += sizeof filler) {
    sys::init_text_pack(filler, sizeof filler, at, &part);
    s = request(sys::kInitStartText, 4, part.words[0], part.words[1], part.words[2], part.words[3]);
  }
  TEST_ASSERT_STATUS(Status::kOutOfRange, s);
  TEST_ASSERT_STATUS(Status::kBadState, request(sys::kInitStart, 0));
  // A caller without the endpoint: the slot is empty.
  TEST_ASSERT_STATUS(Status::kBadHandle, request(sys::kInitList, 1, 0, 0, 0, 0, nullptr, 60));
  // init still serves.
  sys::InitProgramEntry again;
  TEST_ASSERT_TRUE(find_entry("control_child", kIdleLine, &again));
  TEST_ASSERT_EQUAL_UINT32(idle.task_id, again.task_id);
  TEST_ASSERT_EQUAL_STRING("running", sys::init_program_state_name(again.state));
}

void test_commands_refuse_bad_input_clearly() {
  static CapturedOutput out;  // 16 KiB: not on the stack
  out.clear();
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(out, "programs extra"));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(out, "start"));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(out, "kill"));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(out, "kill 1 2"));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(out, "grant 1"));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(out, "revoke 1 0x80 0x81"));
  static CapturedOutput range;  // 16 KiB: not on the stack
  range.clear();
  TEST_ASSERT_STATUS(Status::kInvalidArgument, run(range, "grant control_child 0x80-0x7f"));
  TEST_ASSERT_TRUE(range.contains("grant: '0x80-0x7f' is no port range"));
  static CapturedOutput unknown;  // 16 KiB: not on the stack
  unknown.clear();
  TEST_ASSERT_STATUS(Status::kNotFound, run(unknown, "kill 99999"));
  TEST_ASSERT_TRUE(unknown.contains("kill: no running program of init's has task id 99999"));
  static CapturedOutput nobody;  // 16 KiB: not on the stack
  nobody.clear();
  TEST_ASSERT_STATUS(Status::kNotFound, run(nobody, "revoke nobody 0x80"));
  TEST_ASSERT_TRUE(nobody.contains("revoke: init runs no program named 'nobody'"));
  static CapturedOutput two;  // 16 KiB: not on the stack
  two.clear();
  TEST_ASSERT_STATUS(Status::kAlreadyExists, run(two, "kill control_child"));
  TEST_ASSERT_TRUE(
      two.contains("kill: 3 running programs are named 'control_child': give a task id"));
  static CapturedOutput module;  // 16 KiB: not on the stack
  module.clear();
  TEST_ASSERT_STATUS(Status::kNotFound, run(module, "start no_such_module now"));
  TEST_ASSERT_TRUE(module.contains("start: no boot module 'no_such_module'"));
  static CapturedOutput never;  // 16 KiB: not on the stack
  never.clear();
  TEST_ASSERT_STATUS(Status::kNotFound, run(never, "revoke init_control_user_test 0x80+2"));
  TEST_ASSERT_TRUE(never.contains("revoke: init granted task "));
  TEST_ASSERT_TRUE(never.contains(" no ports 0x80-0x81"));
}

void test_start_then_kill() {
  static CapturedOutput started;  // 16 KiB: not on the stack
  started.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(started, "start spare_child idle"));
  TEST_ASSERT_TRUE(started.contains("started spare_child: task "));
  sys::InitProgramEntry spare;
  TEST_ASSERT_TRUE(find_entry("spare_child", 0, &spare));
  TEST_ASSERT_EQUAL_UINT32(0, spare.line_number);
  TEST_ASSERT_EQUAL_STRING("running", sys::init_program_state_name(spare.state));
  static CapturedOutput list;  // 16 KiB: not on the stack
  list.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(list, "programs"));
  sys::printf("init_control_user_test: `programs` says:\n%s", list.text());  // for the reader
  TEST_ASSERT_TRUE(list.contains("    - "));
  TEST_ASSERT_TRUE(list.contains("  spare_child\n"));
  static CapturedOutput killed;  // 16 KiB: not on the stack
  killed.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(killed, "kill spare_child"));
  TEST_ASSERT_TRUE(killed.contains("killing task "));
  TEST_ASSERT_TRUE(killed.contains(" (spare_child)"));
  wait_for_state("spare_child", 0, sys::InitProgramState::kKilled, 0);
  // Ended: no kill, grant or revoke reaches it any more.
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitKill, 1, spare.task_id));
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitGrantPorts, 3, spare.task_id, 0x80, 1));
}

void test_a_manifest_port_grant_is_revocable() {
  sys::InitProgramEntry idle;
  TEST_ASSERT_TRUE(find_entry("control_child", kIdleLine, &idle));
  char line[64];
  format(line, sizeof line, "revoke %u 0x2f8", idle.task_id);
  static CapturedOutput out;  // 16 KiB: not on the stack
  out.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(out, line));
  TEST_ASSERT_TRUE(out.contains("revoked ports 0x2f8-0x2f8 from task "));
  TEST_ASSERT_TRUE(out.contains(": 1 capabilities removed\n"));
  TEST_ASSERT_STATUS(Status::kNotFound,
                     request(sys::kInitRevokePorts, 3, idle.task_id, 0x2F8, 1));  // gone
}

void test_a_restart_1_program_killed_is_restarted_then_given_up() {
  sys::InitProgramEntry idle;
  TEST_ASSERT_TRUE(find_entry("control_child", kIdleLine, &idle));
  TEST_ASSERT_STATUS(Status::kOk, request(sys::kInitKill, 1, idle.task_id));
  const sys::InitProgramEntry restarted =
      wait_for_state("control_child", kIdleLine, sys::InitProgramState::kRunning, 1);
  TEST_ASSERT_NOT_EQUAL(idle.task_id, restarted.task_id);
  // The old task is gone; the new one is killed again, and init gives up (restart=1).
  TEST_ASSERT_STATUS(Status::kNotFound, request(sys::kInitKill, 1, idle.task_id));
  char line[32];
  format(line, sizeof line, "kill %u", restarted.task_id);
  static CapturedOutput out;  // 16 KiB: not on the stack
  out.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(out, line));
  wait_for_state("control_child", kIdleLine, sys::InitProgramState::kGivenUp, 1);
}

// A server waiting in ipc_receive runs no code of its own until a message comes: init's kill
// sends one on the endpoint it serves, so the kill completes (and restart=1 restarts it).
void test_a_server_blocked_in_receive_is_killed() {
  sys::InitProgramEntry server;
  TEST_ASSERT_TRUE(find_entry("control_child", kServeLine, &server));
  TEST_ASSERT_STATUS(Status::kOk, request(sys::kInitKill, 1, server.task_id));
  const sys::InitProgramEntry restarted =
      wait_for_state("control_child", kServeLine, sys::InitProgramState::kRunning, 1);
  TEST_ASSERT_NOT_EQUAL(server.task_id, restarted.task_id);
  TEST_ASSERT_STATUS(Status::kOk, request(sys::kInitKill, 1, restarted.task_id));
  wait_for_state("control_child", kServeLine, sys::InitProgramState::kGivenUp, 1);
}

// A program granted the memory pool is a memory server to init: not killed, not started again.
// Granted ports, it exits.
void test_the_memory_server_is_neither_killed_nor_started_again() {
  static CapturedOutput started;  // 16 KiB: not on the stack
  started.clear();
  TEST_ASSERT_STATUS(Status::kAccessDenied, run(started, "start pool_child"));
  TEST_ASSERT_TRUE(started.contains("start: 'pool_child' is granted the memory pool"));
  sys::InitProgramEntry pool;
  TEST_ASSERT_TRUE(find_entry("pool_child", kPoolLine, &pool));
  TEST_ASSERT_STATUS(Status::kAccessDenied, request(sys::kInitKill, 1, pool.task_id));
  char line[32];
  format(line, sizeof line, "kill %u", pool.task_id);
  static CapturedOutput out;  // 16 KiB: not on the stack
  out.clear();
  TEST_ASSERT_STATUS(Status::kAccessDenied, run(out, line));
  TEST_ASSERT_TRUE(out.contains(" is the memory server"));
  TEST_ASSERT_STATUS(Status::kOk, request(sys::kInitGrantPorts, 3, pool.task_id, 0x80, 1));
  wait_for_state("pool_child", kPoolLine, sys::InitProgramState::kExited, 0);
}

void test_grant_to_a_child_then_revoke_while_it_spins() {
  sys::InitProgramEntry ports;
  TEST_ASSERT_TRUE(find_entry("control_child", kPortsLine, &ports));
  char line[48];
  format(line, sizeof line, "grant %u 0x80", ports.task_id);
  static CapturedOutput granted;  // 16 KiB: not on the stack
  granted.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(granted, line));
  TEST_ASSERT_TRUE(granted.contains("granted ports 0x80-0x80 to task "));
  TEST_ASSERT_TRUE(granted.contains(" (control_child) in its slot 16\n"));
  // The child read the port through it (an IN that worked), and spins on it after our answer.
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kControlSlot, &m, kWaitNs).status);
  TEST_ASSERT_EQUAL_HEX64(kPortReadLabel, m.label);
  TEST_ASSERT_EQUAL_UINT64(16, m.words[0]);
  m.label = 0;
  m.word_count = 0;
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(kControlSlot, &m, 0).status);
  nap();
  TEST_ASSERT_STATUS(Status::kOk, find_entry("control_child", kPortsLine, &ports)
                                      ? Status::kOk
                                      : Status::kNotFound);
  TEST_ASSERT_EQUAL_STRING("running", sys::init_program_state_name(ports.state));
  // The revoke answers once the ports are gone on every CPU: the spinning IN faults.
  format(line, sizeof line, "revoke %u 0x80", ports.task_id);
  static CapturedOutput revoked;  // 16 KiB: not on the stack
  revoked.clear();
  TEST_ASSERT_STATUS(Status::kOk, run(revoked, line));
  TEST_ASSERT_TRUE(revoked.contains("revoked ports 0x80-0x80 from task "));
  TEST_ASSERT_TRUE(revoked.contains(": 1 capabilities removed\n"));
  wait_for_state("control_child", kPortsLine, sys::InitProgramState::kFaulted, 0);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_list_shows_the_manifest_programs);
  RUN_TEST(test_bad_requests_get_their_codes_and_init_goes_on);
  RUN_TEST(test_commands_refuse_bad_input_clearly);
  RUN_TEST(test_start_then_kill);
  RUN_TEST(test_a_manifest_port_grant_is_revocable);
  RUN_TEST(test_a_restart_1_program_killed_is_restarted_then_given_up);
  RUN_TEST(test_a_server_blocked_in_receive_is_killed);
  RUN_TEST(test_the_memory_server_is_neither_killed_nor_started_again);
  RUN_TEST(test_grant_to_a_child_then_revoke_while_it_spins);
  return UNITY_END();
}
