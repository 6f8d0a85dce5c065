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

}  // namespace sys::mem
