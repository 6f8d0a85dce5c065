// The shell's `stress WORKLOAD SECONDS [SEED]`: a stress workload (docs/stress.md) run in place in
// the live system, its report printed on this console. The shell does not run it itself: it asks
// init, through its control endpoint (kShellInitSlot, libsys/init_protocol.h), to start the
// stress controller's `on_request` line of servers/init/boot.manifest with the workload, the
// seconds, a seed and `console` as arguments. That line's grants are what the controller acts
// with (the I/O-port root, its children's modules, the serial endpoint it prints through); the
// shell only holds the right to ask. It then follows the controller's state in init's list until
// it has ended. The controller prints progress and the final table, leak accounting and verdict
// (servers/stress/console_table.h); the shell adds how it ended.
#include <stddef.h>
#include <stdint.h>

#include <atomic>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/init_protocol.h"
#include "libsys/syscall_stubs.h"
#include "libsys/wait_wake.h"
#include "servers/portsh/command.h"
#include "servers/portsh/init_requests.h"
#include "servers/portsh/shell_slots.h"
#include "servers/portsh/stress_arguments.h"
#include "servers/stress/workload_names.h"

namespace portsh {
namespace {

constexpr uint64_t kMs = 1000ull * 1000;
constexpr uint64_t kSecond = 1000 * kMs;
// How often the shell asks init whether the controller has ended.
constexpr uint64_t kPollNs = 200 * kMs;
// How long past SECONDS the shell waits for the end: the controller's leak accounting, its
// overrun bound (90 s past the deadline, servers/stress/main.cc) and a loaded emulator.
constexpr uint64_t kGraceNs = 300 * kSecond;

void pause_ns(uint64_t ns) {
  std::atomic<uint32_t> never_woken{0};
  (void)wait_while_equal(never_woken, 0, ns);
}

// A seed when none was given: the clock, mixed (splitmix64's finalizer) so that runs a moment
// apart differ in every bit.
uint64_t fresh_seed() {
  uint64_t x = monotonic_ns() + 0x9E37'79B9'7F4A'7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58'476D'1CE4'E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D0'49BB'1331'11EBull;
  return x ^ (x >> 31);
}

void print_workloads(Output& out) {
  (void)out.print("workloads:");
  for (uint32_t i = 0; i < stress::kWorkloadNameCount; ++i) {
    if (stress_workload_runs_here(i)) (void)out.printf(" %s", stress::kWorkloadNames[i]);
  }
  (void)out.print(" (memsrv runs in ./portcullis stress only)\n");
}

// Says what is wrong with the arguments; kInvalidArgument (the table adds the usage line).
Status refuse(Output& out, StressArgumentError error, int argc, char** argv) {
  switch (error) {
    case StressArgumentError::kUsage:
      if (argc == 1) {
        (void)out.print(
            "stress: runs a stress workload here and prints its table (docs/stress.md)\n");
        print_workloads(out);
      }
      break;
    case StressArgumentError::kUnknownWorkload:
      (void)out.printf("stress: no workload '%s'; ", argv[1]);
      print_workloads(out);
      break;
    case StressArgumentError::kNotInThisBoot:
      (void)out.printf(
          "stress: '%s' needs the memory-server clients only ./portcullis stress starts; ",
          argv[1]);
      print_workloads(out);
      break;
    case StressArgumentError::kBadSeconds:
      (void)out.printf("stress: '%s' is no number of seconds from %u to %u\n", argv[2],
                       kStressMinSeconds, kStressMaxSeconds);
      break;
    case StressArgumentError::kBadSeed:
      (void)out.printf("stress: '%s' is no seed (0x and 1 to 16 hex digits)\n", argv[3]);
      break;
    case StressArgumentError::kNone:
      break;
  }
  return Status::kInvalidArgument;
}

// Sends the start line a part at a time and asks init to start it: the program's index in init's
// list, or why not (printed).
Status start_controller(Output& out, const char* line, size_t length, uint32_t* task_id,
                        uint32_t* index) {
  if (const Status s = send_init_start_text(line, length); s != Status::kOk) {
    if (!from_init(s)) return report_init_call_failure(out, "stress", s);
    (void)out.printf("stress: init refused the start line (%s)\n", status_name(s));
    return s;
  }
  IpcMessage m;
  m.label = sys::kInitStart;
  const Status s = call_init(&m);
  if (s == Status::kOk) {
    *task_id = static_cast<uint32_t>(m.words[0]);
    *index = static_cast<uint32_t>(m.words[1]);
    return s;
  }
  if (s == Status::kNotFound) {
    (void)out.print("stress: this boot has no stress controller (no boot module 'stress')\n");
  } else if (s == Status::kNoSpace) {
    (void)out.print("stress: init's program table is full (32 programs a boot)\n");
  } else if (!from_init(s)) {
    return report_init_call_failure(out, "stress", s);
  } else {
    (void)out.printf("stress: the controller was not started (%s)\n", status_name(s));
  }
  return s;
}

// Waits until init's program `index` is no longer running; its last state.
Status wait_for_end(uint32_t index, uint64_t limit_ns, sys::InitProgramState* state) {
  const uint64_t give_up = monotonic_ns() + limit_ns;
  for (;;) {
    sys::InitProgramEntry entry;
    TRY(init_list_entry(index, &entry));
    *state = entry.state;
    if (entry.state != sys::InitProgramState::kRunning &&
        entry.state != sys::InitProgramState::kKilling) {
      return Status::kOk;
    }
    if (monotonic_ns() >= give_up) return Status::kTimedOut;
    pause_ns(kPollNs);
  }
}

Status stress_command(Output& out, int argc, char** argv) {
  StressRequest request;
  const StressArgumentError error = parse_stress_arguments(argc, argv, request);
  if (error != StressArgumentError::kNone) return refuse(out, error, argc, argv);
  if (!request.has_seed) request.seed = fresh_seed();
  char line[128];
  const size_t length = format_stress_line(request, line, sizeof line);
  if (length == 0) return Status::kOutOfRange;
  uint32_t task_id = 0;
  uint32_t index = 0;
  TRY(start_controller(out, line, length, &task_id, &index));
  // Nothing printed here: the controller runs above the shell's priority and may have begun its
  // report on this console already; a line of the shell's would land in the middle of it.
  sys::InitProgramState state = sys::InitProgramState::kRunning;
  const Status waited = wait_for_end(index, request.seconds * kSecond + kGraceNs, &state);
  if (waited == Status::kTimedOut) {
    (void)out.printf("stress: the controller (task %u) is still running; `kill %u` ends it\n",
                     task_id, task_id);
    return waited;
  }
  if (waited != Status::kOk) {
    (void)out.printf("stress: init did not say how the controller ended (%s)\n",
                     status_name(waited));
    return waited;
  }
  if (state == sys::InitProgramState::kExited) {
    (void)out.printf("stress: the controller (task %u) exited; the verdict is above\n", task_id);
    return Status::kOk;
  }
  (void)out.printf("stress: the controller (task %u) %s: no verdict (the kernel log says why)\n",
                   task_id, sys::init_program_state_name(state));
  return Status::kBadState;
}

constexpr Command kStressCommands[] = {
    {"stress", "stress WORKLOAD SECONDS [SEED]",
     "run a stress workload here (1-600 s) and print its table", stress_command},
};

}  // namespace

CommandGroup stress_commands() {
  return CommandGroup{kStressCommands, sizeof kStressCommands / sizeof kStressCommands[0]};
}

}  // namespace portsh
