// The memory server's protocol (docs/memory-server.md, "The server"): what a client and init send
// memsrv on its endpoint, and what it answers. Long-form IPC only (ipc_call / ipc_receive): memsrv
// tells its clients apart by the badge of the endpoint capability they call with, which the short
// receive cannot hand it. Every answer's label is a Status; its words are the request's results.
#pragma once

#include <stdint.h>

#include "abi/portcullis/page.h"

namespace mem {

// Requests from a client (any badge memsrv was told about by init).
// allocate: words {length, address or kAnywhere, rights (kVmRead, optionally kVmWrite)} ->
// words {address}: zeroed pool frames mapped there.
inline constexpr uint64_t kAllocate = 0x4D45'4D00'0000'0001;  // "MEM"
// free: words {address, length}: unmapped, the frames back in the pool.
inline constexpr uint64_t kFree = 0x4D45'4D00'0000'0002;
// protect: words {address, length, rights}: the pages' rights changed.
inline constexpr uint64_t kProtect = 0x4D45'4D00'0000'0003;
// pool_stats (a debugging aid, for tests): -> words {free pages, total pages, this client's pages}.
inline constexpr uint64_t kPoolStats = 0x4D45'4D00'0000'0004;
// share offer: words {address, length, rights, receiver's badge} -> words {offer id}. The pages
// (within one of the caller's regions) may be mapped by that receiver only, at most with `rights`.
inline constexpr uint64_t kShareOffer = 0x4D45'4D00'0000'0005;
// share accept: words {offer id, address or kAnywhere} -> words {address}: the offered frames are
// mapped there too (the offer is used up). Only the badge the offer names may accept it.
inline constexpr uint64_t kShareAccept = 0x4D45'4D00'0000'0006;
// who am I: -> words {the caller's badge}, to tell a peer whom to offer to.
inline constexpr uint64_t kWhoAmI = 0x4D45'4D00'0000'0007;
// reclaim: words {address, length} (pages the caller allocated) -> words {mappings removed}: the
// frames are unmapped from every client that maps them and go back to the pool.
inline constexpr uint64_t kReclaim = 0x4D45'4D00'0000'0008;
// frame of (a debugging aid, for tests): words {address} -> words {physical frame mapped there}.
inline constexpr uint64_t kFrameOf = 0x4D45'4D00'0000'0009;
// check (a debugging aid, for tests): -> words {pool pages checked, client
// mappings checked, what failed (0: nothing; MemoryCheckReport::Failure), where}. The label is
// kOk when every invariant holds, kBadState when one does not.
inline constexpr uint64_t kCheck = 0x4D45'4D00'0000'000A;
// share cancel: words {offer id}: a live offer the caller made is withdrawn.
inline constexpr uint64_t kShareCancel = 0x4D45'4D00'0000'000B;

// batch_limits (for the benchmark, test/bench/user/mem_bench.cc): -> words {the most pages memsrv
// puts in one vm_batch; 1 = page at a time}. Read-only: the limit is memsrv's start argument
// `batch=N` (servers/memsrv/main.cc), so no client can change how another's requests are applied.
inline constexpr uint64_t kBatchLimits = 0x4D45'4D00'0000'0020;

// Notifiers (docs/memory-server.md, "Notifiers over IPC"; only a memsrv built with the semaphore
// rmap lock, otherwise kNotSupported). subscribe: words {address, length} of the client's own
// memory, caps {an endpoint of the client's (write and grant rights) where a thread of its
// receives the notifications} -> words {subscription id}, caps {memsrv's answer endpoint, badged
// with the client's badge}. Before memsrv unmaps any of the client's pages in that range (free,
// client end), it sends kNotifyUnmap to the client's endpoint and waits, at most its notifier
// timeout, until the client calls kNotifyDone on the answer endpoint.
inline constexpr uint64_t kSubscribe = 0x4D45'4D00'0000'0010;
// unsubscribe: words {subscription id}. The endpoint capability memsrv held is deleted.
inline constexpr uint64_t kUnsubscribe = 0x4D45'4D00'0000'0011;
// notify done (on the answer endpoint from kSubscribe, by ipc_call): words {ticket}. The answer
// to one kNotifyUnmap; a stale or foreign ticket changes nothing (still kOk, or kAccessDenied for
// a subscription that is not the caller's).
inline constexpr uint64_t kNotifyDone = 0x4D45'4D00'0000'0012;
// What memsrv sends (ipc_send) to a subscriber's endpoint: words {address, pages, ticket}: that
// range of the subscriber's memory is about to be unmapped; answer kNotifyDone {ticket} once done
// with it.
inline constexpr uint64_t kNotifyUnmap = 0x4D45'4D00'0000'0013;
// A notifier ticket packed into one word: subscription in the high half, sequence in the low.
inline constexpr uint64_t notifier_ticket_word(uint32_t subscription, uint32_t sequence) {
  return (uint64_t{subscription} << 32) | sequence;
}
// server info (a debugging aid, for tests and benchmarks): -> words {workers, 1 if the rmap lock
// is the semaphore (notifiers work) else 0, notifier timeout in ns}.
inline constexpr uint64_t kServerInfo = 0x4D45'4D00'0000'0014;
// server stats (read-only, for the shell's `mem`, servers/portsh/commands_shell.cc): -> words
// {clients registered, reverse-map entries (one per client mapping of a pool page)}.
inline constexpr uint64_t kServerStats = 0x4D45'4D00'0000'0030;

// Requests from init (kInitBadge only).
// register: words {client badge, quota in pages}, caps {the client's AddressSpace capability}.
// The badge names that client from then on; registering a badge again (a restarted program)
// first gives back everything the old address space had.
inline constexpr uint64_t kRegister = 0x4D45'4D00'0000'0101;
// stop: memsrv answers and exits (init sends it once every client has ended).
inline constexpr uint64_t kStop = 0x4D45'4D00'0000'0102;
// client ended: words {client badge} -> words {pages given back}. Every allocation the client
// held goes back to the pool, and the badge is unknown from then on (until registered again).
// init sends it once the program's task has ended (task_wait), whether it exited or faulted.
inline constexpr uint64_t kClientEnded = 0x4D45'4D00'0000'0103;
// memsrv to its own workers (through its own unbadged endpoint capability, so badge 0): leave
// the receive loop. Obeyed only once a stop has begun; from anyone else it is an unknown client's.
inline constexpr uint64_t kWorkerStop = 0x4D45'4D00'0000'0110;

// The badges: init calls with kInitBadge; init gives each client a copy badged
// kFirstClientBadge + its program index. An unbadged capability (badge 0) is refused.
inline constexpr uint64_t kInitBadge = 1;
inline constexpr uint64_t kFirstClientBadge = 0x100;

// allocate's address word: memsrv picks the address (in the client's arena, below).
inline constexpr uint64_t kAnywhere = 0;
// Where memsrv places allocations it picks, in every client: one 1 TiB arena high in the user half,
// far from program images and stacks (abi/portcullis/program_layout.h).
inline constexpr uint64_t kArenaBase = uint64_t{0x6000} << 32;
inline constexpr uint64_t kArenaBytes = uint64_t{1} << 40;
// Per-client quota when init is given none (memory=SLOT without :PAGES).
inline constexpr uint64_t kDefaultQuotaPages = 1024;

// The slots memsrv finds its capabilities in (its manifest line grants them there).
inline constexpr uint32_t kServerPoolSlot = 3;      // grant=memory_pool@3
inline constexpr uint32_t kServerEndpointSlot = 4;  // grant=endpoint:memory:serve@4

}  // namespace mem
