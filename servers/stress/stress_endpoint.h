// The endpoint init names `stress` (stress.manifest): programs init starts for a workload (the
// memsrv workload's clients, servers/stress/child/mem_client.cc) call the controller there to
// learn what to do. Every answer's label is one of the workload's, or kStressExitLabel: the
// program ends at once (its workload is not selected, or the run is over). The controller answers
// every call still waiting there with it after its `end` line (waiting_programs.h).
#pragma once

#include <stdint.h>

namespace stress {

inline constexpr uint64_t kStressExitLabel = 0x5354'5253'0000'0000;  // "STRS"

// ---- the memsrv workload (memsrv_workload.cc and child/mem_client.cc) -------------------------
// `stress_child memclient index=I of=N`: client I of N, a memsrv client (`memory`), with the
// `stress` endpoint (call) in kMemClientStressSlot.
inline constexpr uint32_t kMemClientStressSlot = 10;
// hello: words {index, count, memsrv badge, kMemHelloVictim if the line says `victim`} ->
// kMemGoLabel {seed, deadline_ns, die_at_ns (0: live to the end), life (0 for the first start of
// this index, n for its n-th restart)}.
inline constexpr uint64_t kMemHelloLabel = 0x5354'5253'4D45'0001;
inline constexpr uint64_t kMemHelloVictim = 1;
inline constexpr uint64_t kMemGoLabel = 0x5354'5253'4D45'0002;
// peer: words {index} -> kMemOkLabel {that client's memsrv badge, 0 if not known yet}.
inline constexpr uint64_t kMemPeerLabel = 0x5354'5253'4D45'0003;
// offer: words {receiver index, offer id, pages, pattern}: posted for the receiver ->
// kMemOkLabel, or kMemFullLabel (the mailbox is full: the offerer cancels it).
inline constexpr uint64_t kMemOfferLabel = 0x5354'5253'4D45'0004;
// take: words {index} -> kMemOkLabel {offer id, pages, pattern} of the oldest offer posted for
// that client, or kMemNoneLabel.
inline constexpr uint64_t kMemTakeLabel = 0x5354'5253'4D45'0005;
// progress: words {ops, checks, the longest free or reclaim in ns} since the last progress or
// report; -> kMemOkLabel.
inline constexpr uint64_t kMemProgressLabel = 0x5354'5253'4D45'0006;
// violation: words {what (MemClientViolation), a, b} -> kMemOkLabel.
inline constexpr uint64_t kMemViolationLabel = 0x5354'5253'4D45'0007;
// report: words {ops, checks, longest free or reclaim in ns}, the last, with everything the client
// took given back -> kMemOkLabel.
inline constexpr uint64_t kMemReportLabel = 0x5354'5253'4D45'0008;
// park: the client waits for the end of the run (so that it is in the same state, blocked on this
// endpoint, at both leak snapshots) -> kMemParkLaterLabel while the workload still receives (call
// again a little later), kStressExitLabel after the run.
inline constexpr uint64_t kMemParkLabel = 0x5354'5253'4D45'0009;
inline constexpr uint64_t kMemParkLaterLabel = 0x5354'5253'4D45'000A;
// dying: words {index, 1 if it subscribed to notifiers of its pages (memsrv_sem)} -> kMemOkLabel;
// the victim then faults on purpose with requests of its other threads in flight, and init
// restarts it (its manifest line's restart=, kMemVictimRestarts).
inline constexpr uint64_t kMemDyingLabel = 0x5354'5253'4D45'000B;
// init's restart budget on the victim's line (stress.manifest: at most this many restarts in any
// 10 s); the controller's earliest death after a start keeps the kills well inside it.
inline constexpr uint64_t kMemVictimRestarts = 40;
inline constexpr uint64_t kMemOkLabel = 0x5354'5253'4D45'0010;
inline constexpr uint64_t kMemFullLabel = 0x5354'5253'4D45'0011;
inline constexpr uint64_t kMemNoneLabel = 0x5354'5253'4D45'0012;

enum class MemClientViolation : uint64_t {
  kUnexpectedStatus = 1,  // a: the request (MemClientRequest), b: memsrv's Status
  kContentChanged = 2,    // a: address, b: the word read
  kSharedContent = 3,     // a: address, b: the word read (wait_while_equal's kBadState)
  kCheckFailed = 4,       // a: what failed (MemoryCheckReport::Failure), b: where
  kReclaimCount = 5,      // a: mappings removed, b: pages of the region
  kDidNotDie = 6,         // a: the victim's index (its write to the null page did not fault)
};

enum class MemClientRequest : uint64_t {
  kAllocate = 1,
  kProtect = 2,
  kFree = 3,
  kOffer = 4,
  kCancel = 5,
  kAccept = 6,
  kReclaim = 7,
  kCheck = 8,
  kWhoAmI = 9,
  kSubscribe = 10,
};

}  // namespace stress
