// memsrv's RmapNotifier (docs/memory-server.md, "Notifiers over IPC"): tells a subscriber that a
// range of its memory is about to be unmapped by sending mem::kNotifyUnmap {address, pages,
// ticket} to the endpoint it subscribed with. The subscriber answers with mem::kNotifyDone on
// memsrv's answer endpoint, which main.cc's answer thread turns into ReverseMap::answer.
//
// ipc_send delivers only to a thread already waiting, so the send is retried while nobody waits,
// until the notifier timeout: that is blocking, and blocking with rmap locks held is allowed only
// under the semaphore rmap lock. The retrying send therefore takes a MaySleep token, which only
// that lock hands out (the walk passes it to before_unmap_may_block); the plain before_unmap,
// which has no token, tries once. A subscriber that could not be reached is tried once per
// notification from then on, until a send reaches it again, so a dead one costs one timeout.
#pragma once

#include <stdint.h>
#include <atomic>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/status.h"
#include "libsys/may_sleep.h"
#include "libsys/mem_protocol.h"
#include "libsys/syscall_stubs.h"
#include "libsys/wait_wake.h"
#include "servers/memsrv/rmap_notifier.h"

class IpcNotifier final : public RmapNotifier {
 public:
  // How long the sender waits between two tries of a send nobody received.
  static constexpr uint64_t kRetryNs = 1'000'000;

  // Before subscribing: `endpoint` is the slot of the subscriber's endpoint capability in memsrv's
  // space, `timeout_ns` how long a send may be retried.
  void set_target(uint32_t endpoint, uint64_t timeout_ns) {
    endpoint_ = endpoint;
    timeout_ns_ = timeout_ns;
    unreachable_.store(false, std::memory_order_relaxed);
  }
  uint32_t endpoint() const { return endpoint_; }

  // Without a token: one try.
  void before_unmap(ClientId, uint64_t va, uint64_t page_count, NotifierTicket ticket) override {
    IpcMessage m = notification(va, page_count, ticket);
    (void)sys_ipc_send(endpoint_, &m);
  }

  void before_unmap_may_block(MaySleep may_sleep, ClientId, uint64_t va, uint64_t page_count,
                              NotifierTicket ticket) override {
    IpcMessage m = notification(va, page_count, ticket);
    const bool once = unreachable_.load(std::memory_order_relaxed);
    const Status s = send_until(may_sleep, endpoint_, m, monotonic_ns() + timeout_ns_, once);
    unreachable_.store(s != Status::kOk, std::memory_order_relaxed);
  }

  // Sends `m` to `endpoint`, trying again every kRetryNs while nobody waits there (kNotFound),
  // until `deadline_ns` (`once`: a single try). kOk once a receiver has it; kTimedOut; or
  // ipc_send's other answers (a closed endpoint: kBadState) at once.
  [[nodiscard]] static Status send_until(MaySleep, uint32_t endpoint, IpcMessage& m,
                                         uint64_t deadline_ns, bool once) {
    const std::atomic<uint32_t> never_woken{0};
    for (;;) {
      IpcMessage attempt = m;  // a send leaves the message as it was, but do not rely on it
      const Status s = sys_ipc_send(endpoint, &attempt).status;
      if (s != Status::kNotFound) return s;
      const uint64_t now = monotonic_ns();
      if (once || now >= deadline_ns) return Status::kTimedOut;
      const uint64_t left = deadline_ns - now;
      (void)wait_while_equal(never_woken, 0, left < kRetryNs ? left : kRetryNs);
    }
  }

 private:
  static IpcMessage notification(uint64_t va, uint64_t page_count, NotifierTicket ticket) {
    IpcMessage m;
    m.label = mem::kNotifyUnmap;
    m.word_count = 3;
    m.words[0] = va;
    m.words[1] = page_count;
    m.words[2] = mem::notifier_ticket_word(ticket.subscription, ticket.sequence);
    return m;
  }

  uint32_t endpoint_ = 0;
  uint64_t timeout_ns_ = 0;
  std::atomic<bool> unreachable_{false};
};
