// The memory server's client side (docs/memory-server.md): allocate, free and protect anonymous
// memory in the calling task, share it with another client, reclaim it, through the badged endpoint
// init put in the program's memory=SLOT. Each is one ipc_call; the answer is memsrv's Status (a
// refused request changed nothing).
#pragma once

#include <stdint.h>

#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/vm_op.h"
#include "base/result.h"
#include "libsys/mem_protocol.h"
#include "libsys/syscall_stubs.h"

namespace sys::mem {

struct PoolStats {
  uint64_t free_pages = 0;
  uint64_t total_pages = 0;
  uint64_t my_pages = 0;  // what the calling client holds
};

// One request: `label` with `words`; the answer's Status, its words in `m`.
inline Status request(uint32_t endpoint, IpcMessage& m) {
  const Status s = sys_ipc_call(endpoint, &m).status;
  return s != Status::kOk ? s : static_cast<Status>(m.label);
}

// `length` bytes (whole pages) of zeroed memory at `address`, or where memsrv picks
// (::mem::kAnywhere); `rights` kVmRead or kVmRead | kVmWrite. The address used.
inline Result<uint64_t> allocate(uint32_t endpoint, uint64_t length,
                                 uint64_t address = ::mem::kAnywhere,
                                 uint64_t rights = kVmRead | kVmWrite) {
  IpcMessage m;
  m.label = ::mem::kAllocate;
  m.word_count = 3;
  m.words[0] = length;
  m.words[1] = address;
  m.words[2] = rights;
  TRY(request(endpoint, m));
  return m.words[0];
}

inline Status free(uint32_t endpoint, uint64_t address, uint64_t length) {
  IpcMessage m;
  m.label = ::mem::kFree;
  m.word_count = 2;
  m.words[0] = address;
  m.words[1] = length;
  return request(endpoint, m);
}

inline Status protect(uint32_t endpoint, uint64_t address, uint64_t length, uint64_t rights) {
  IpcMessage m;
  m.label = ::mem::kProtect;
  m.word_count = 3;
  m.words[0] = address;
  m.words[1] = length;
  m.words[2] = rights;
  return request(endpoint, m);
}

inline Result<PoolStats> pool_stats(uint32_t endpoint) {
  IpcMessage m;
  m.label = ::mem::kPoolStats;
  TRY(request(endpoint, m));
  return PoolStats{m.words[0], m.words[1], m.words[2]};
}

// Offers [address, +length) of the caller's memory to the client of `to_badge` (learnt from it
// over IPC, see who_am_i) with `rights`: the offer id to hand that client.
inline Result<uint64_t> share_offer(uint32_t endpoint, uint64_t address, uint64_t length,
                                    uint64_t rights, uint64_t to_badge) {
  IpcMessage m;
  m.label = ::mem::kShareOffer;
  m.word_count = 4;
  m.words[0] = address;
  m.words[1] = length;
  m.words[2] = rights;
  m.words[3] = to_badge;
  TRY(request(endpoint, m));
  return m.words[0];
}

// Maps the frames of offer `offer_id` (made to the caller) at `address` or ::mem::kAnywhere.
inline Result<uint64_t> share_accept(uint32_t endpoint, uint64_t offer_id,
                                     uint64_t address = ::mem::kAnywhere) {
  IpcMessage m;
  m.label = ::mem::kShareAccept;
  m.word_count = 2;
  m.words[0] = offer_id;
  m.words[1] = address;
  TRY(request(endpoint, m));
  return m.words[0];
}

inline Status share_cancel(uint32_t endpoint, uint64_t offer_id) {
  IpcMessage m;
  m.label = ::mem::kShareCancel;
  m.word_count = 1;
  m.words[0] = offer_id;
  return request(endpoint, m);
}

// The badge memsrv knows the caller by.
inline Result<uint64_t> who_am_i(uint32_t endpoint) {
  IpcMessage m;
  m.label = ::mem::kWhoAmI;
  TRY(request(endpoint, m));
  return m.words[0];
}

// Takes [address, +length) (pages the caller allocated) back from every client: the mappings
// removed.
inline Result<uint64_t> reclaim(uint32_t endpoint, uint64_t address, uint64_t length) {
  IpcMessage m;
  m.label = ::mem::kReclaim;
  m.word_count = 2;
  m.words[0] = address;
  m.words[1] = length;
  TRY(request(endpoint, m));
  return m.words[0];
}

inline Result<uint64_t> frame_of(uint32_t endpoint, uint64_t address) {
  IpcMessage m;
  m.label = ::mem::kFrameOf;
  m.word_count = 1;
  m.words[0] = address;
  TRY(request(endpoint, m));
  return m.words[0];
}

struct CheckResult {
  Status status = Status::kOk;  // kBadState: an invariant does not hold
  uint64_t pages_checked = 0;
  uint64_t mappings_checked = 0;
  uint64_t failed = 0;
  uint64_t where = 0;
};

// memsrv's invariant check; the IPC's own failure as the Status, else what the check found.
inline Result<CheckResult> check(uint32_t endpoint) {
  IpcMessage m;
  m.label = ::mem::kCheck;
  const Status s = request(endpoint, m);
  if (s != Status::kOk && s != Status::kBadState) return s;
  return CheckResult{s, m.words[0], m.words[1], m.words[2], m.words[3]};
}

// The most pages memsrv puts in one vm_batch (1: page at a time), for the benchmark.
inline Result<uint64_t> batch_max_pages(uint32_t endpoint) {
  IpcMessage m;
  m.label = ::mem::kBatchLimits;
  TRY(request(endpoint, m));
  return m.words[0];
}

// ---- notifiers (a memsrv built with the semaphore rmap lock; otherwise kNotSupported) ----

struct Subscription {
  uint32_t id = 0;
  uint32_t answer = 0;  // the slot of memsrv's answer endpoint (this client's badged copy)
};

// Watch [address, +length) of the calling task's memory: before memsrv unmaps any of it, it sends
// ::mem::kNotifyUnmap to `notify_endpoint` (a slot of the caller's, with write and grant rights;
// memsrv keeps a copy), where a thread of the caller should be receiving, and waits for
// notify_done. The caller owns the answer endpoint's slot (delete it after unsubscribe).
inline Result<Subscription> subscribe(uint32_t endpoint, uint32_t notify_endpoint, uint64_t address,
                                      uint64_t length) {
  IpcMessage m;
  m.label = ::mem::kSubscribe;
  m.word_count = 2;
  m.words[0] = address;
  m.words[1] = length;
  m.cap_count = 1;
  m.caps[0] = notify_endpoint;
  TRY(request(endpoint, m));
  if (m.cap_count != 1) return Status::kBadState;
  return Subscription{static_cast<uint32_t>(m.words[0]), m.caps[0]};
}

inline Status unsubscribe(uint32_t endpoint, uint32_t id) {
  IpcMessage m;
  m.label = ::mem::kUnsubscribe;
  m.word_count = 1;
  m.words[0] = id;
  return request(endpoint, m);
}

// The answer to a kNotifyUnmap: its ticket word (words[2]), on the subscription's answer
// endpoint.
inline Status notify_done(uint32_t answer_endpoint, uint64_t ticket) {
  IpcMessage m;
  m.label = ::mem::kNotifyDone;
  m.word_count = 1;
  m.words[0] = ticket;
  return request(answer_endpoint, m);
}

struct ServerInfo {
  uint64_t workers = 0;
  bool notifiers = false;  // the semaphore rmap lock
  uint64_t notifier_timeout_ns = 0;
};

inline Result<ServerInfo> server_info(uint32_t endpoint) {
  IpcMessage m;
  m.label = ::mem::kServerInfo;
  TRY(request(endpoint, m));
  return ServerInfo{m.words[0], m.words[1] != 0, m.words[2]};
}

struct ServerStats {
  uint64_t clients = 0;
  uint64_t rmap_entries = 0;
};

inline Result<ServerStats> server_stats(uint32_t endpoint) {
  IpcMessage m;
  m.label = ::mem::kServerStats;
  TRY(request(endpoint, m));
  return ServerStats{m.words[0], m.words[1]};
}

}  // namespace sys::mem
