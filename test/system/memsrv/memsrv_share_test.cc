// Two memsrv clients share a page (docs/memory-server.md, "Sharing"): `memsrv_share_test owner`
// and `memsrv_share_test peer`, each with memory=3 and the "share" endpoint in slot 4 (the owner
// serves it). The peer tells the owner its badge (who_am_i); the owner allocates a page, offers it
// to that badge; the peer accepts it, sees the owner's write and writes back, which the owner sees.
// The owner reclaims the page: both then fault on it (each program is its own supervisor, so a
// second thread makes the access and the main thread receives the fault), the frame is handed out
// again (frame_of), and memsrv's check passes after every step. The owner also tries vm_lookup's
// refusals on its own address space. The pool's free count is back at its start at the end.
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/vm_lookup.h"
#include "abi/portcullis/vm_op.h"
#include "base/c_string.h"
#include "libsys/mem_client.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"

namespace {

constexpr uint32_t kMemory = 3;  // memory=3
constexpr uint32_t kPeer = 4;    // grant=endpoint:share[:serve]@4
constexpr uint64_t P = kPageSize;
constexpr uint64_t kRw = kVmRead | kVmWrite;
constexpr uint64_t kWaitNs = 20'000'000'000;
// Between the two programs (labels of their own, on the "share" endpoint).
constexpr uint64_t kHello = 1;      // peer -> owner {peer's badge} -> {offer id}
constexpr uint64_t kWritten = 2;    // peer -> owner: the peer wrote (answered at once)
constexpr uint64_t kReclaimed = 3;  // peer -> owner: answered once the owner has reclaimed
constexpr uint64_t kFinished = 4;   // peer -> owner: the peer freed everything

const char* g_role = "?";
uint32_t g_supervisor = 0;

#define EXPECT(condition)                                                                    \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      sys::printf("memsrv_share %s: FAILED at line %d: %s\n", g_role, __LINE__, #condition); \
      return false;                                                                          \
    }                                                                                        \
  } while (0)

bool check_passes(const char* after) {
  const Result<sys::mem::CheckResult> r = sys::mem::check(kMemory);
  EXPECT(r.is_ok());
  if (r.value().status != Status::kOk) {
    sys::printf("memsrv_share %s: check after %s: invariant %lu at 0x%lx\n", g_role, after,
                r.value().failed, r.value().where);
    return false;
  }
  EXPECT(r.value().pages_checked > 0);
  sys::printf("memsrv_share %s: check after %s passed (%lu pool pages, %lu mappings)\n", g_role,
              after, r.value().pages_checked, r.value().mappings_checked);
  return true;
}

uint64_t free_pages() {
  const Result<sys::mem::PoolStats> s = sys::mem::pool_stats(kMemory);
  return s.is_ok() ? s.value().free_pages : 0;
}

struct Access {
  volatile uint64_t* where;
  uint64_t seen = 0;
};

void read_thread(void* arg) {
  auto* a = static_cast<Access*>(arg);
  a->seen = *a->where;
}

// A second thread reads `where`, which must fault; memsrv then maps a fresh page there (the
// repair) and the thread is resumed. The value it read at last.
bool read_faults(volatile uint64_t* where, uint64_t* seen) {
  Access access{where};
  sys::Thread thread;
  EXPECT(thread.start(read_thread, &access) == Status::kOk);
  IpcMessage m;
  EXPECT(sys_ipc_receive(g_supervisor, &m, kWaitNs).status == Status::kOk);
  EXPECT(m.label == kFaultMessageLabel);
  const FaultMessage f = fault_message_unpack(m.words);
  EXPECT(f.kind == FaultKind::kPage);
  EXPECT(f.detail == reinterpret_cast<uint64_t>(where));
  sys::printf("memsrv_share %s: read of 0x%lx faulted after the reclaim\n", g_role, f.detail);
  EXPECT(sys::mem::allocate(kMemory, P, reinterpret_cast<uint64_t>(where)).is_ok());
  m = IpcMessage{};
  m.label = kFaultReplyResume;
  EXPECT(sys_ipc_reply_receive(g_supervisor, &m, 0).status == Status::kTimedOut);
  thread.join();
  *seen = access.seen;
  return true;
}

Status lookup(uint32_t slot, uint64_t va, uint64_t count, uint64_t entries) {
  return sys_vm_lookup(slot, va, count, entries).status;
}

// vm_lookup on the program's own address space: the page `va` (mapped read-write at `frame`) and
// the page after it (not mapped), then every refusal.
bool vm_lookup_answers(uint64_t va, uint64_t frame) {
  VmLookupEntry e[2];
  const uint64_t out = reinterpret_cast<uint64_t>(e);
  EXPECT(lookup(kSlotSelfAddressSpace, va, 2, out) == Status::kOk);
  EXPECT(e[0].frame == frame && e[0].rights == kRw);
  EXPECT(e[1].frame == 0 && e[1].rights == 0);
  EXPECT(lookup(200, va, 1, out) == Status::kBadHandle);      // an empty slot
  EXPECT(lookup(kMemory, va, 1, out) == Status::kWrongType);  // an endpoint
  EXPECT(lookup(kSlotSelfAddressSpace, va + 8, 1, out) == Status::kUnaligned);
  EXPECT(lookup(kSlotSelfAddressSpace, va, 0, out) == Status::kInvalidArgument);
  EXPECT(lookup(kSlotSelfAddressSpace, va, kVmLookupMaxPages + 1, out) == Status::kOutOfRange);
  EXPECT(lookup(kSlotSelfAddressSpace, kUserTop - P, 2, out) == Status::kAccessDenied);
  EXPECT(lookup(kSlotSelfAddressSpace, ~(P - 1), 2, out) == Status::kOverflow);
  EXPECT(lookup(kSlotSelfAddressSpace, va, 1, 8) == Status::kInvalidArgument);      // null page
  EXPECT(lookup(kSlotSelfAddressSpace, va, 1, kUserTop) == Status::kAccessDenied);  // kernel
  EXPECT(lookup(kSlotSelfAddressSpace, va, 1, va + P) == Status::kNotFound);        // unmapped
  sys::printf("memsrv_share %s: vm_lookup answers and refusals as documented\n", g_role);
  return true;
}

bool owner() {
  const uint64_t free_at_start = free_pages();
  EXPECT(free_at_start > 0);
  // memory=3:2 in the manifest: three pages are over the quota, and refused whole.
  EXPECT(sys::mem::allocate(kMemory, 3 * P).status() == Status::kNoSpace);
  EXPECT(free_pages() == free_at_start);
  sys::printf("memsrv_share owner: the manifest's quota of 2 pages holds\n");
  IpcMessage m;
  EXPECT(sys_ipc_receive(kPeer, &m, kWaitNs).status == Status::kOk);
  EXPECT(m.label == kHello && m.word_count == 1);
  const uint64_t peer_badge = m.words[0];
  const Result<uint64_t> page_va = sys::mem::allocate(kMemory, P);
  EXPECT(page_va.is_ok());
  auto* page = reinterpret_cast<volatile uint64_t*>(page_va.value());
  *page = 0x1111;
  const uint64_t frame = sys::mem::frame_of(kMemory, page_va.value()).value();
  if (!vm_lookup_answers(page_va.value(), frame)) return false;
  // Refusals: to itself, wider than read-write, pages it does not have.
  const uint64_t me = sys::mem::who_am_i(kMemory).value();
  EXPECT(me != peer_badge);
  EXPECT(sys::mem::share_offer(kMemory, page_va.value(), P, kRw, me).status() ==
         Status::kInvalidArgument);
  EXPECT(sys::mem::share_offer(kMemory, page_va.value() + P, P, kRw, peer_badge).status() ==
         Status::kNotFound);
  const Result<uint64_t> offer =
      sys::mem::share_offer(kMemory, page_va.value(), P, kRw, peer_badge);
  EXPECT(offer.is_ok());
  if (!check_passes("the offer")) return false;
  m = IpcMessage{};
  m.label = kHello;
  m.word_count = 1;
  m.words[0] = offer.value();
  EXPECT(sys_ipc_reply_receive(kPeer, &m, kWaitNs).status == Status::kOk);
  EXPECT(m.label == kWritten);
  // The peer's write, through the same frame.
  EXPECT(*page == 0x2222);
  sys::printf("memsrv_share owner: sees the peer's write\n");
  EXPECT(sys::mem::pool_stats(kMemory).value().my_pages == 1);  // the owner pays
  if (!check_passes("the peer's write")) return false;
  // Answered now, with a reply whose receive half is on the (empty) fault endpoint: the main
  // thread receives its own fault below, and a receive would drop a call still held.
  m = IpcMessage{};
  m.label = kWritten;
  EXPECT(sys_ipc_reply_receive(g_supervisor, &m, 0).status == Status::kTimedOut);
  // Only the payer reclaims; it takes the page from both clients.
  const Result<uint64_t> removed = sys::mem::reclaim(kMemory, page_va.value(), P);
  EXPECT(removed.is_ok() && removed.value() == 2);
  sys::printf("memsrv_share owner: reclaimed the page, %lu mappings removed\n", removed.value());
  EXPECT(free_pages() == free_at_start);
  if (!check_passes("the reclaim")) return false;
  uint64_t seen = 1;
  if (!read_faults(page, &seen)) return false;
  EXPECT(seen == 0);  // the repair's page is a fresh one
  // First fit: the reclaimed frame is the one handed out again.
  EXPECT(sys::mem::frame_of(kMemory, page_va.value()).value() == frame);
  sys::printf("memsrv_share owner: frame 0x%lx reused after the reclaim\n", frame);
  if (!check_passes("the reuse")) return false;
  EXPECT(sys::mem::free(kMemory, page_va.value(), P) == Status::kOk);
  // The peer has been waiting to hear of the reclaim.
  m = IpcMessage{};
  EXPECT(sys_ipc_receive(kPeer, &m, kWaitNs).status == Status::kOk);
  EXPECT(m.label == kReclaimed);
  m = IpcMessage{};
  m.label = kReclaimed;
  EXPECT(sys_ipc_reply_receive(kPeer, &m, kWaitNs).status == Status::kOk);
  EXPECT(m.label == kFinished);
  EXPECT(free_pages() == free_at_start);
  if (!check_passes("both freed")) return false;
  m = IpcMessage{};
  m.label = kFinished;
  EXPECT(sys_ipc_reply_receive(g_supervisor, &m, 0).status == Status::kTimedOut);
  return true;
}

bool peer() {
  const uint64_t me = sys::mem::who_am_i(kMemory).value();
  IpcMessage m;
  m.label = kHello;
  m.word_count = 1;
  m.words[0] = me;
  EXPECT(sys_ipc_call(kPeer, &m).status == Status::kOk);
  const uint64_t offer = m.words[0];
  // A forged or another id is refused; the real one maps the owner's page.
  EXPECT(sys::mem::share_accept(kMemory, offer + 0x100).status() == Status::kNotFound);
  const Result<uint64_t> va = sys::mem::share_accept(kMemory, offer);
  EXPECT(va.is_ok());
  EXPECT(sys::mem::share_accept(kMemory, offer).status() == Status::kNotFound);  // used up
  EXPECT(sys::mem::pool_stats(kMemory).value().my_pages == 0);  // the receiver does not pay
  auto* page = reinterpret_cast<volatile uint64_t*>(va.value());
  EXPECT(*page == 0x1111);
  sys::printf("memsrv_share peer: sees the owner's write\n");
  *page = 0x2222;
  if (!check_passes("the accept")) return false;
  m = IpcMessage{};
  m.label = kWritten;
  EXPECT(sys_ipc_call(kPeer, &m).status == Status::kOk);
  EXPECT(m.label == kWritten);
  m = IpcMessage{};
  m.label = kReclaimed;
  EXPECT(sys_ipc_call(kPeer, &m).status == Status::kOk);
  EXPECT(m.label == kReclaimed);  // the owner has reclaimed
  uint64_t seen = 1;
  if (!read_faults(page, &seen)) return false;
  EXPECT(seen == 0);
  if (!check_passes("the peer's fault")) return false;
  EXPECT(sys::mem::free(kMemory, va.value(), P) == Status::kOk);
  m = IpcMessage{};
  m.label = kFinished;
  EXPECT(sys_ipc_call(kPeer, &m).status == Status::kOk);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const bool is_owner = argc > 1 && base::same_text(argv[1], "owner");
  g_role = is_owner ? "owner" : "peer";
  const SyscallResult endpoint = sys_endpoint_create(kCapSlotAny);
  if (endpoint.status != Status::kOk) return 1;
  g_supervisor = static_cast<uint32_t>(endpoint.extra);
  if (sys_task_set_supervisor(kSlotSelfTask, g_supervisor).status != Status::kOk) return 1;
  if (!(is_owner ? owner() : peer())) return 1;
  sys::printf("memsrv_share %s: all steps passed\n", g_role);
  return 0;
}
