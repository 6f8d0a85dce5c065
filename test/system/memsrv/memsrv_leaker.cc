// A memory-server client that never frees (docs/memory-server.md, "Tests"): it checks it starts
// with nothing held, takes a few allocations, writes them, and then ends holding them all:
// `memsrv_leaker exit` returns from main, `memsrv_leaker fault` writes past its last allocation
// and is killed by init (with restart=1, its restart must again start with nothing held). What
// init and memsrv do at its end is the test: the boot requires memsrv's stop line saying every
// client page is back in the pool.
#include <stdint.h>

#include "abi/portcullis/vm_op.h"
#include "base/c_string.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"

namespace {

constexpr uint32_t kMemory = 3;  // memory=3 in the manifest
constexpr uint64_t kPagesEach[] = {1, 4, 11};
constexpr uint64_t kPagesHeld = 16;  // the sum of kPagesEach

}  // namespace

int main(int argc, char** argv) {
  const bool fault = argc > 1 && base::same_text(argv[1], "fault");
  const Result<sys::mem::PoolStats> start = sys::mem::pool_stats(kMemory);
  if (start.is_error()) {
    sys::printf("memsrv_leaker: pool_stats: %s\n", status_name(start.status()));
    return 1;
  }
  sys::printf("memsrv_leaker: starts holding %lu pages\n", start.value().my_pages);
  if (start.value().my_pages != 0) return 1;
  uint64_t end = 0;
  for (const uint64_t pages : kPagesEach) {
    const Result<uint64_t> va = sys::mem::allocate(kMemory, pages * kPageSize);
    if (va.is_error()) {
      sys::printf("memsrv_leaker: allocate: %s\n", status_name(va.status()));
      return 1;
    }
    for (uint64_t p = 0; p < pages; ++p) {
      *reinterpret_cast<volatile uint64_t*>(va.value() + p * kPageSize) = p + 1;
    }
    end = va.value() + pages * kPageSize;
  }
  const Result<sys::mem::PoolStats> held = sys::mem::pool_stats(kMemory);
  if (held.is_error() || held.value().my_pages != kPagesHeld) return 1;
  sys::printf("memsrv_leaker: holding %lu pages, %s without freeing\n", held.value().my_pages,
              fault ? "faulting" : "exiting");
  if (fault) {
    // The arena is bump-allocated: the page after the last allocation is not mapped.
    *reinterpret_cast<volatile uint64_t*>(end) = 1;
    sys::printf("memsrv_leaker: the write past the allocations did not fault\n");
    return 1;
  }
  return 0;
}
