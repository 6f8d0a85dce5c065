// Rmap notifiers (only with rmap_lock=sem): a subscriber watching a client's virtual range is told
// before any of that client's pages there are unmapped (unmap, reclaim, client exit), and the walk
// waits for its answer, up to a timeout, before it unmaps. In memsrv the call is an IPC send to
// the subscriber (servers/memsrv/ipc_notifier.h) and the answer its kNotifyDone, which memsrv's
// answer thread passes on; in host tests both are plain calls.
#pragma once

#include <stdint.h>

#include "libsys/may_sleep.h"
#include "servers/memsrv/rmap_table.h"

// Identifies one notification; the subscriber hands it back to ReverseMap::answer(). Stale tickets
// (answered after a timeout, or for a subscription since removed) are harmless.
struct NotifierTicket {
  uint32_t subscription = 0;
  uint32_t sequence = 0;
};

class RmapNotifier {
 public:
  // [va, va + page_count pages) of `client` is about to be unmapped. Called with rmap locks held:
  // it may answer right away or later (from another thread), but must not call back into the rmap
  // other than answer().
  virtual void before_unmap(ClientId client, uint64_t va, uint64_t page_count,
                            NotifierTicket ticket) = 0;
  // What the walk calls: the same, with the walk's MaySleep token (only a sleeping rmap lock has
  // one), for a notifier that may block while it tells the subscriber (memsrv's IPC notifier
  // retries its send until the subscriber waits, servers/memsrv/ipc_notifier.h). By default the
  // plain call.
  virtual void before_unmap_may_block(MaySleep, ClientId client, uint64_t va, uint64_t page_count,
                                      NotifierTicket ticket) {
    before_unmap(client, va, page_count, ticket);
  }

 protected:
  ~RmapNotifier() = default;
};

// What subscribe() says in the spin build (with Status::kNotSupported).
inline constexpr const char* kRmapNotifiersNeedSem =
    "rmap notifiers need the semaphore rmap lock (scons rmap_lock=sem): the rmap walk must sleep "
    "while the subscriber answers, which a spinlock holder may not";
