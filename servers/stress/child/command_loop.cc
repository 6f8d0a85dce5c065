// stress_child's `commands` mode (command_loop.h).
//
// The spinner and the close: the parent starts the spinner (a thread pinned to another CPU that
// INs from one port without pause and notes the TSC at which its latest successful IN started),
// closes the port (or has this task's main thread disable it), reads the TSC once the closing call
// has returned and sends that time here. From then on no IN may succeed that started later: the
// spinner checks each access it completes against the time once it is known, and the main thread,
// once the spinner has stopped (faulted: its fault message went to the parent, who keeps it
// retrying until this report is in), reports the start of the last successful IN, so an access
// that succeeded late and faulted right after is caught too.
#include "servers/stress/child/command_loop.h"

#include <stdint.h>

#include <atomic>
#include <new>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "abi/portcullis/thread_params.h"
#include "libsys/port.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "libsys/wait_wake.h"
#include "servers/stress/command_protocol.h"
#include "servers/stress/tsc.h"

namespace stress {
namespace {

struct Spinner {
  uint16_t port = 0;
  std::atomic<uint32_t> warm{0};  // 1 once kSpinWarmUp INs completed (the one wake it makes)
  std::atomic<uint64_t> count{0};
  std::atomic<uint64_t> last_start{0};  // TSC before the latest IN that completed
  std::atomic<uint64_t> closed_at{0};   // TSC after the close returned; 0: not closed yet
};

Spinner g_spinner;
// The spinner's Thread: never joined (the main thread returns while it spins), so never destroyed.
alignas(sys::Thread) unsigned char g_spinner_thread[sizeof(sys::Thread)];

void spin(void*) {
  Spinner& s = g_spinner;
  for (;;) {
    const uint64_t start = read_tsc();
    (void)sys::raw_in<uint8_t>(s.port);
    s.last_start.store(start, std::memory_order_relaxed);
    if (s.count.fetch_add(1, std::memory_order_release) + 1 == kSpinWarmUp) {
      // The spinner's one system call, long before any close: a syscall could reload the I/O
      // bitmap and hide a CPU that missed an invalidation, so none follows.
      s.warm.store(1, std::memory_order_release);
      wake_waiters(s.warm, 1);
    }
    const uint64_t closed = s.closed_at.load(std::memory_order_acquire);
    if (closed != 0 && start > closed) {
      IpcMessage m;
      m.label = kChildLateAccess;
      m.word_count = 3;
      m.words[0] = start;
      m.words[1] = closed;
      m.words[2] = s.count.load(std::memory_order_relaxed);
      (void)sys_ipc_call(kChildReportSlot, &m);
      return;
    }
  }
}

constexpr uint64_t kUs = 1000;
constexpr uint64_t kMs = 1000 * kUs;
// The spinner has stopped when no IN completed for this long (it is blocked in its fault, which
// the parent keeps retrying until the report is in). A spinner that was only descheduled this
// long and goes on checks each IN itself, so an early report misses nothing.
constexpr uint64_t kStoppedNs = 200 * kUs;
constexpr uint64_t kMaxSettleNs = 500 * kMs;
constexpr uint64_t kMaxWarmUpNs = 60ull * 1000 * kMs;

// Starts the spinner on `cpu` and waits until it has made kSpinWarmUp INs (each completed IN is
// a permitted access that worked; one that faults goes to the parent instead).
Status start_spinner(uint16_t port, uint32_t cpu, uint64_t& count) {
  g_spinner.port = port;
  sys::Thread* thread = new (g_spinner_thread) sys::Thread;
  sys::ThreadOptions options;
  options.cpu = cpu;
  options.stack_pages = 1;
  // The child's own level, the level of the controller's workload threads: below it, a spinner
  // pinned to a CPU where threads of that level always have work never ran at all (an 8-CPU run
  // left four children waiting for ever: their spinners could neither warm up nor fault).
  options.priority = kThreadPrioritySame;
  const Status started = thread->start(spin, nullptr, options);
  if (started != Status::kOk) return started;
  const uint64_t give_up = monotonic_ns() + kMaxWarmUpNs;
  while (g_spinner.warm.load(std::memory_order_acquire) == 0 && monotonic_ns() < give_up) {
    (void)wait_while_equal(g_spinner.warm, 0, kMaxWarmUpNs);
  }
  count = g_spinner.count.load(std::memory_order_acquire);
  return count >= kSpinWarmUp ? Status::kOk : Status::kTimedOut;
}

// After the close at `closed_at`: passes the time on to the spinner, waits until it has stopped
// (kStoppedNs without a completed IN; at most kMaxSettleNs), and fills the report words. Polls
// with yields: a timed wait sleeps whole scheduler ticks (10 ms).
void settle_after_close(uint64_t closed_at, IpcMessage& report) {
  g_spinner.closed_at.store(closed_at, std::memory_order_release);
  const uint64_t start = monotonic_ns();
  uint64_t seen = g_spinner.count.load(std::memory_order_acquire);
  uint64_t since = start;
  for (;;) {
    (void)sys_thread_yield();
    const uint64_t now = monotonic_ns();
    const uint64_t count = g_spinner.count.load(std::memory_order_acquire);
    if (count != seen) {
      seen = count;
      since = now;
    } else if (now - since >= kStoppedNs) {
      break;
    }
    if (now - start >= kMaxSettleNs) break;
  }
  report.word_count = 4;
  report.words[1] = g_spinner.last_start.load(std::memory_order_relaxed);
  report.words[2] = closed_at;
  report.words[3] = g_spinner.count.load(std::memory_order_relaxed);
}

}  // namespace

int run_command_loop() {
  IpcMessage m;
  m.label = kChildReady;
  bool closing = false;  // the last report: exit after its answer
  for (;;) {
    const IpcMessage sent = m;
    Status called = sys_ipc_call(kChildReportSlot, &m).status;
    while (called == Status::kBadState) {  // dropped while the parent served another child
      m = sent;
      called = sys_ipc_call(kChildReportSlot, &m).status;
    }
    if (called != Status::kOk || closing) return called == Status::kOk ? 0 : 1;
    const IpcMessage command = m;
    m = IpcMessage{};
    m.label = kChildResult;
    m.word_count = 1;
    Status result = Status::kOk;
    switch (command.label) {
      case kChildIn8:
        (void)sys::raw_in<uint8_t>(static_cast<uint16_t>(command.words[0]));
        break;
      case kChildEnable:
        result = sys_io_ports_enable(kChildPortsSlot).status;
        break;
      case kChildAttach:
        result = sys_io_bitmap_attach(kChildBitmapSlot).status;
        break;
      case kChildSpin: {
        uint64_t count = 0;
        result = start_spinner(static_cast<uint16_t>(command.words[0]),
                               static_cast<uint32_t>(command.words[1]), count);
        m.word_count = 2;
        m.words[1] = count;
        break;
      }
      case kChildRevoked:
        settle_after_close(command.words[0], m);
        closing = true;
        break;
      case kChildDisable:
        result = sys_io_ports_disable(kChildPortsSlot).status;
        settle_after_close(read_tsc(), m);
        closing = true;
        break;
      case kChildExit:
        return 0;
      default:  // a kill answer meant for a fault, or garbage: stop calling
        return 2;
    }
    m.words[0] = static_cast<uint64_t>(result);
  }
}

}  // namespace stress
