// The memory server's client side (docs/memory-server.md): allocate, free and protect anonymous
// memory in the calling task, through the badged endpoint init put in the program's memory=SLOT.
// Each is one ipc_call; the answer is memsrv's Status (a refused request changed nothing).
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

// The most pages memsrv puts in one vm_batch (1: page at a time), for the benchmark.
inline Result<uint64_t> batch_max_pages(uint32_t endpoint) {
  IpcMessage m;
  m.label = ::mem::kBatchLimits;
  TRY(request(endpoint, m));
  return m.words[0];
}

}  // namespace sys::mem
