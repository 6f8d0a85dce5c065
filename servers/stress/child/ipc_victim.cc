// stress_child's `ipc-victim` mode (the kill workload, servers/stress/kill_workload.cc): threads
// that call the controller's service endpoint without pause (long calls, short calls, calls
// carrying an endpoint copy) and check each answer, while the main thread waits on the kill
// endpoint; a message there makes it fault, which kills the task in the middle of those calls.
// `until=NS` (monotonic_ns) bounds it all if no kill comes: the task then exits by itself.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "libsys/endpoint.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "servers/stress/child/modes.h"
#include "servers/stress/child_protocol.h"
#include "servers/stress/line_words.h"
#include "servers/stress/random.h"

namespace stress {
namespace {

constexpr uint32_t kCallers = 3;
constexpr uint64_t kKillWaitNs = 20'000'000;  // the main thread's check of `until`

struct Victim {
  uint64_t until_ns = 0;
  uint64_t seed = 0;
  sys::Endpoint service{sys::Cap(kVictimServiceSlot)};
  sys::Endpoint own{sys::Cap()};  // sent with kVictimCapLabel (the server deletes its copy)
};

uint64_t now_ns() { return sys_monotonic_ns().extra; }

void report_wrong_answer(const Victim& victim, uint64_t label, uint64_t word0) {
  IpcMessage m;
  m.label = kVictimWrongAnswerLabel;
  m.word_count = 2;
  m.words[0] = label;
  m.words[1] = word0;
  (void)victim.service.call(m);
}

void one_call(const Victim& victim, Random& random) {
  const uint64_t pick = random.below(3);
  if (pick == 0) {
    IpcShortMessage m;
    m.label = kVictimEchoLabel;
    const uint64_t word = random.next();
    m.words[0] = word;
    if (victim.service.call_short(m) != Status::kOk) return;  // the controller's stop
    if (m.label != kVictimAnswerLabel || m.words[0] != ~word) {
      report_wrong_answer(victim, m.label, m.words[0]);
    }
    return;
  }
  IpcMessage m;
  m.label = pick == 1 ? kVictimEchoLabel : kVictimCapLabel;
  const uint64_t word = random.next();
  m.word_count = 1;
  m.words[0] = word;
  if (pick == 2 && victim.own.cap().valid()) {
    m.cap_count = 1;
    m.caps[0] = victim.own.slot();
  }
  if (victim.service.call(m) != Status::kOk) return;
  if (m.label != kVictimAnswerLabel || m.words[0] != ~word) {
    report_wrong_answer(victim, m.label, m.words[0]);
  }
}

void caller_main(void* arg) {
  const auto& victim = *static_cast<const Victim*>(arg);
  static std::atomic<uint32_t> next_stream{0};
  Random random(mix_seed(victim.seed, "caller", next_stream.fetch_add(1)));
  while (now_ns() < victim.until_ns) one_call(victim, random);
}

}  // namespace

int ipc_victim_main(int argc, char** argv) {
  Victim victim;
  if (!line_value(argc, argv, "until", victim.until_ns)) return 1;
  (void)line_value(argc, argv, "seed", victim.seed);
  Result<sys::Endpoint> own = sys::Endpoint::create();
  if (own.is_ok()) victim.own = own.release_value();
  sys::Thread callers[kCallers];
  sys::ThreadOptions options;
  options.stack_pages = 2;
  for (auto& caller : callers) {
    if (caller.start(caller_main, &victim, options) != Status::kOk) break;
  }
  const sys::Endpoint kill{sys::Cap(kVictimKillSlot)};
  while (now_ns() < victim.until_ns) {
    IpcMessage m;
    const Status s = kill.receive(m, kKillWaitNs);
    // The kill: a fault with every caller somewhere in its call.
    if (s == Status::kOk && m.label == kVictimKillLabel) __builtin_trap();
  }
  for (auto& caller : callers) caller.join();
  return 0;
}

}  // namespace stress
