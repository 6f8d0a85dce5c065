// The syscall fuzzer: a user program (module line `fuzz seed=N calls=M`) whose kWorkers threads
// make M random system calls in all, then checks that the kernel still answers as before. The
// program runner checks afterwards that the task gave back every frame, heap block and kernel
// object (kernel/program/program_runner.cc); the next boot module then runs.
//
// Numbers: every call of the list (abi/portcullis/syscalls.h, through kSyscallCount and the
// X-macro, so calls added to the list are fuzzed without a change here) except the exclusions
// below, and numbers past the list (the next few, 2^32 + a valid number, 2^64 - 1, random words).
// Arguments are chosen by each argument's name in the list (ArgKind below): capability slots
// (filled, empty, of the wrong type, past the space, words above 32 bits), rights and flags,
// pointers (into the program's own scratch window; into the kernel half, the non-canonical hole,
// the null page, never-mapped memory; misaligned; straddling the end of mapped memory; wrapping
// past 2^64), lengths and counts (0, small, the limits and one past, huge), vm_batch operation
// arrays and IPC messages built in the scratch window; wait/wake words are often one shared word
// that all threads wait on and wake, so waits end both woken and timed out. Each worker draws from
// its own stream of a deterministic generator seeded with the seed and its index: a thread's calls
// depend on the seed alone (nothing the kernel answers feeds back), the interleaving of the threads
// does not.
//
// Excluded, and why:
//   - thread_exit: ends the calling worker (the one call that legitimately never returns).
// Restricted, so that every call returns and the fuzzer survives:
//   - ipc_call has no timeout and waits for a reply: its message pointer is always one the kernel
//     refuses, so it never blocks on an endpoint nobody serves (its slot argument is still random).
//   - ipc_call_short and ipc_reply_receive_short: their slot word is never a slot (see arguments).
//   - every timeout (`..._ns`: wait_while_equal, ipc_receive, ipc_reply_receive, ipc_call_timed)
//     is 0, at most 10 ms, or invalid; never "no limit" nor a valid long one (ipc_call_timed's
//     "no limit" would be ipc_call's wait for ever: arguments() refuses it outright). Its message
//     is real: the call queues, maybe meets a receiver among the fuzzer's threads, and times out.
//   - an `entry` is the exit stub (a thread that ends at once, without touching its stack) or a
//     value the kernel refuses: a thread started anywhere else could fault, which kills the task.
//   - cap_delete and cap_move never name the three initial slots (kSlotSelfTask,
//     kSlotSelfAddressSpace, kSlotInitialFrames) as their source, so vm_batch and thread_create
//     keep reaching their invoke step; copies of them, and every slot the fuzzer filled, are fair
//     game (cap_revoke may name the initial slots: it only removes what was derived from them).
//   - vm_batch's generated unmaps and protects reach only the churn window and the far zones, never
//     the program's code, data, stack or staging areas (a protect or unmap there would fault the
//     fuzzer); maps go there too, from the initial Frames capability or wild frames.
//   - a pointer the kernel may write to is never the program's own code, data or stack: the kernel
//     may legally write there, and the fuzzer would crash on what it wrote.
//   - debug_write prints at most a few dots from the program's text buffer when its pointer is
//     valid, so the log stays readable.
// Not restricted, and why that is safe: task_kill (the only Task capabilities the fuzzer can hold
// name its own task, which the call refuses with kBadState: it cannot spawn one without a Module
// capability); fault_inject (it makes only the fuzzer's own calls fail
// with kNoMemory, which is one more answer the kernel must give cleanly, and the program runner's
// leak check afterwards catches any error path that leaks; the main thread turns it off before
// its checks). The I/O-port calls (io_ports_enable/disable, io_bitmap_*,
// task_share_ports). A program the kernel starts (test=programs) holds no IoPorts capability, so
// it can make and attach only empty IoBitmaps (every port still faults), and task_share_ports
// needs an unstarted task, which it cannot spawn without a Module capability (kBadState on its
// own, started task).
// Harmless by construction, and checked:
//   - io_in, io_out and io_vector make real port accesses, but only on an IoPorts capability the
//     caller holds, and the fuzzer holds none: a program started by the kernel gets a Task, an
//     AddressSpace and a Frames capability, no call makes an IoPorts capability out of anything
//     else, and without a Module capability it cannot spawn a task that would get one. So every
//     io_* call is refused before any access: by its words, or when its slot is looked up
//     (kBadHandle, kWrongType).
//     test_no_port_access checks both halves: no slot ever holds an IoPorts capability, and the
//     kernel's count of port accesses made by those calls (io_counters, all CPUs) did not move.
//   - system_info only reads, but it may write up to kSystemInfoMaxEntries entries to its buffer,
//     more than a kPointer's window: its buffer and capacity stay random words (kValue), which is
//     safe because every call is refused when its slot is looked up (kBadHandle, kWrongType)
//     before any copy: only init gets a SystemInfo capability, and nothing makes one from
//     anything else. test_no_port_access's slot walk checks that no slot ever holds one.
//
// Reported: the seed, calls per status and per call. Checked (Unity, so the boot fails on any):
// every call came back with a known status; a call without an extra result left rdx 0; rdi, rsi,
// r8, r9 and r10 survived every call; afterwards the initial capabilities still hold their types,
// the null call and a vm_batch map and unmap still work.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/fault_inject.h"
#include "abi/portcullis/io_counters_snapshot.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/kernel_stats.h"
#include "abi/portcullis/page.h"
#include "abi/portcullis/program_layout.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/syscalls.h"
#include "abi/portcullis/thread_params.h"
#include "abi/portcullis/vm_counters_snapshot.h"
#include "abi/portcullis/vm_lookup.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

// --- the deterministic generator -----------------------------------------------------------------

// xoshiro256** seeded through splitmix64 from the seed and the stream's index.
class FuzzRandom {
 public:
  FuzzRandom(uint64_t seed, uint64_t stream) {
    uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
    for (uint64_t& word : state_) word = splitmix64(x);
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  uint64_t below(uint64_t bound) { return next() % bound; }  // bound > 0; the bias is harmless
  bool percent(uint32_t p) { return below(100) < p; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t state_[4];
};

// --- the scratch window --------------------------------------------------------------------------
// Memory of the program's own that holds none of its code, data or stack:
//   staging   one area of kStagingPages per thread, mapped at start from the initial Frames
//             capability and never unmapped or protected; each thread builds its VmOp arrays and
//             IPC messages in its own (another thread's kernel write landing there only changes
//             that input). Below the churn window lies a gap of never-mapped pages, so a range
//             straddling a staging area's end meets an unmapped page.
//   churn     kChurnPages that vm_batch maps, unmaps and protects at random.
//   far zones 2 MiB regions elsewhere in the user half (one ends at 2^47 and holds its last
//             page), where maps need new page tables.
// An unmap or protect that starts in the churn window or a far zone cannot reach the program's
// image (4 MiB), its stack (below kUserStackTop) or the staging areas, even with the largest page
// count a batch accepts (2^20 pages): they all lie below its start or far above its end.
constexpr uint32_t kWorkers = 4;
constexpr uint64_t kStagingPages = 2;  // 256 VmOps of 24 bytes: 6 KiB
constexpr uint64_t kStagingBytes = kStagingPages * kPageSize;
constexpr uint64_t kStagingBase = uint64_t{1} << 44;
constexpr uint64_t kStagingAreas = kWorkers + 1;  // the workers and the main thread
constexpr uint64_t kStagingEnd = kStagingBase + kStagingAreas * kStagingBytes;
constexpr uint64_t kChurnBase = kStagingBase + 16 * kPageSize;
constexpr uint64_t kChurnPages = 32;
static_assert(kStagingEnd < kChurnBase, "a gap of unmapped pages between staging and churn");
constexpr uint64_t kFarZoneBytes = uint64_t{2} << 20;
constexpr uint64_t kFarZones[] = {uint64_t{1} << 45, (uint64_t{1} << 45) + (uint64_t{1} << 39),
                                  kUserTop - kFarZoneBytes};
static_assert(kUserTop - kFarZoneBytes > kUserStackTop, "the top zone lies above the stack");
constexpr uint64_t kHoleBase = uint64_t{5} << 44;  // never mapped by anyone
// The most a call writes back at a kPointer argument (an IpcMessage, io_counters' and
// vm_counters' snapshots, kernel_stats' KernelStats).
constexpr uint64_t larger(uint64_t a, uint64_t b) { return a > b ? a : b; }
constexpr uint64_t kMaxKernelWrite =
    larger(larger(sizeof(IpcMessage), sizeof(KernelStats)),
           larger(sizeof(IoCountersSnapshot), sizeof(VmCountersSnapshot)));
// The first word of the main thread's staging area, which nothing writes after set-up: the
// workers wait on it (while it holds 0) and wake it, so waits end both ways, woken and timed out.
constexpr uint64_t kSharedWaitWord = kStagingBase + kWorkers * kStagingBytes;

uint64_t staging_area(uint32_t index) { return kStagingBase + index * kStagingBytes; }

// --- the syscall list, as the fuzzer reads it ----------------------------------------------------

struct CallInfo {
  const char* name;
  const char* args;
  bool has_extra;
};
constexpr CallInfo kCalls[kSyscallCount] = {
#define FUZZ_CALL_INFO(number, name, args, extra) {#name, args, (extra)[0] != '\0'},
    PORTCULLIS_SYSCALLS(FUZZ_CALL_INFO)
#undef FUZZ_CALL_INFO
};

bool is_call(uint64_t number, Syscall call) { return number == static_cast<uint64_t>(call); }

// The exclusion list (see the header comment).
bool excluded(uint64_t number) { return is_call(number, Syscall::thread_exit); }

enum class ArgKind : uint8_t {
  kSlot,              // a capability slot to read or act on
  kTargetSlot,        // a slot to fill (kCapSlotAny is valid)
  kAddressSpaceSlot,  // a slot whose name says it wants an AddressSpace (often slot 1)
  kFramesSlot,        // a slot whose name says it wants Frames (often slot 2)
  kRights,            // capability rights bits
  kFlags,             // cap_copy's flags
  kRangeBase,         // cap_copy's narrowed base (frame or port number)
  kCount,             // wake_waiters' count, vm_batch's op count, cap_copy's narrowed count
  kLength,            // a byte count
  kText,              // bytes the kernel reads and prints
  kPointer,           // user memory the kernel may read or write (at most kMaxKernelWrite bytes)
  kWaitWord,          // a wait/wake word: often the one word every thread waits on and wakes
  kExpected,          // the value a wait expects: often 0, what the shared word holds
  kOps,               // vm_batch's VmOp array
  kMessage,           // an IpcMessage
  kEntry,             // where a new thread starts
  kStackTop,          // a new thread's stack
  kTimeout,           // nanoseconds
  kPriority,          // thread_create's priority: mostly 0..8 (at most the caller's), else wild
  kCpu,         // thread_create's CPU: mostly kThreadCpuAny or 0..3, else wild (64 and up too)
  kFaultKinds,  // fault_inject's kinds: mostly 0..3 (off, heap, frames, both), else wild
  kValue,       // any other word
};

bool name_is(const char* name, size_t length, const char* want) {
  size_t i = 0;
  for (; i < length && want[i] != '\0'; ++i) {
    if (name[i] != want[i]) return false;
  }
  return i == length && want[i] == '\0';
}
bool name_ends(const char* name, size_t length, const char* suffix) {
  const size_t n = __builtin_strlen(suffix);
  return length >= n && name_is(name + length - n, n, suffix);
}

ArgKind arg_kind(const char* name, size_t length) {
  if (name_ends(name, length, "target_slot")) return ArgKind::kTargetSlot;
  if (name_is(name, length, "address_space_slot")) return ArgKind::kAddressSpaceSlot;
  if (name_is(name, length, "frames_slot")) return ArgKind::kFramesSlot;
  if (name_ends(name, length, "slot")) return ArgKind::kSlot;
  if (name_ends(name, length, "_ns")) return ArgKind::kTimeout;
  if (name_is(name, length, "rights")) return ArgKind::kRights;
  if (name_is(name, length, "flags")) return ArgKind::kFlags;
  if (name_is(name, length, "base")) return ArgKind::kRangeBase;
  if (name_is(name, length, "count")) return ArgKind::kCount;
  if (name_is(name, length, "length")) return ArgKind::kLength;
  if (name_is(name, length, "text")) return ArgKind::kText;
  if (name_is(name, length, "ops")) return ArgKind::kOps;
  if (name_is(name, length, "message")) return ArgKind::kMessage;
  if (name_is(name, length, "entry")) return ArgKind::kEntry;
  if (name_is(name, length, "stack_top")) return ArgKind::kStackTop;
  if (name_is(name, length, "word")) return ArgKind::kWaitWord;
  if (name_is(name, length, "expected")) return ArgKind::kExpected;
  if (name_is(name, length, "identity")) return ArgKind::kPointer;
  if (name_is(name, length, "counters")) return ArgKind::kPointer;
  if (name_is(name, length, "entries")) return ArgKind::kPointer;
  if (name_is(name, length, "stats")) return ArgKind::kPointer;
  if (name_is(name, length, "priority")) return ArgKind::kPriority;
  if (name_is(name, length, "cpu")) return ArgKind::kCpu;
  if (name_is(name, length, "kinds")) return ArgKind::kFaultKinds;
  if (name_is(name, length, "after")) return ArgKind::kCount;
  return ArgKind::kValue;
}

// Each call's argument kinds, from its argument names (filled once by main).
ArgKind g_kinds[kSyscallCount][kSyscallMaxArgs];
uint32_t g_arity[kSyscallCount];

void classify_arguments() {
  for (uint32_t call = 0; call < kSyscallCount; ++call) {
    const char* p = kCalls[call].args;
    uint32_t n = 0;
    while (*p != '\0' && n < kSyscallMaxArgs) {
      while (*p == ' ' || *p == ',') ++p;
      const char* start = p;
      while (*p != '\0' && *p != ',') ++p;
      g_kinds[call][n++] = arg_kind(start, static_cast<size_t>(p - start));
    }
    g_arity[call] = n;
  }
}

// --- what set-up found, shared by every thread (written before they start) ----------------------

uint64_t g_frames_address = 0;  // the first frame of the initial Frames capability
uint64_t g_frames_pages = 0;
const char kDots[] = "........";  // what a valid debug_write prints

}  // namespace

// A thread started here ends at once and never touches its stack, so thread_create may give it
// any stack_top. The call number comes from the list (g_exit_number).
extern "C" const uint64_t g_exit_number = static_cast<uint64_t>(Syscall::thread_exit);
asm(".text\n"
    ".globl fuzz_exit_stub\n"
    "fuzz_exit_stub:\n"
    "  movq g_exit_number(%rip), %rax\n"
    "  syscall\n"
    "  ud2\n");
extern "C" void fuzz_exit_stub();

namespace {

// --- one thread's arguments ----------------------------------------------------------------------

class ArgumentSource {
 public:
  ArgumentSource(FuzzRandom& random, uint64_t staging) : random_(random), staging_(staging) {}

  uint64_t number() {
    if (random_.percent(92)) {
      for (;;) {
        const uint64_t n = random_.below(kSyscallCount);
        if (!excluded(n)) return n;
      }
    }
    switch (random_.below(4)) {
      case 0:
        return kSyscallCount + random_.below(16);
      case 1:
        return (uint64_t{1} << 32) + random_.below(kSyscallCount);  // low half names a call
      case 2:
        return ~uint64_t{0} - random_.below(4);
      default:
        return kSyscallCount + random_.next() % (~uint64_t{0} - kSyscallCount);
    }
  }

  void arguments(uint64_t number, uint64_t (&words)[kSyscallMaxArgs]) {
    text_valid_ = false;
    text_straddles_ = false;
    unranged_ = false;
    ops_built_ = 0;
    ops_valid_ = false;
    const bool known = number < kSyscallCount;
    for (uint32_t i = 0; i < kSyscallMaxArgs; ++i) {
      // Registers past a call's arity are random too: the kernel must ignore them.
      words[i] = known && i < g_arity[number] ? generate(g_kinds[number][i]) : value();
    }
    if (is_call(number, Syscall::ipc_call)) words[1] = wild_pointer();
    // A timed call is bounded by its timeout (at most 10 ms, see timeout()): never "no limit".
    if (is_call(number, Syscall::ipc_call_timed) && words[2] == UINT64_MAX) words[2] = 0;
    // The short calls have no pointer to refuse and no timeout: a call nobody serves, or a
    // receive nobody calls, would wait for ever. Their slot word is never a slot (bit 32 set).
    if (is_call(number, Syscall::ipc_call_short) ||
        is_call(number, Syscall::ipc_reply_receive_short)) {
      words[0] |= uint64_t{1} << 32;
    }
    if ((is_call(number, Syscall::cap_delete) || is_call(number, Syscall::cap_move)) &&
        words[0] < kFirstFreeSlot) {
      words[0] = kFirstFreeSlot + words[0];  // keep the initial slots (header comment)
    }
    // vm_lookup writes 16 bytes a page to `entries`: a count it accepts is cut to what fits
    // kMaxKernelWrite, so an answer written into the program's own scratch or zones never reaches
    // past what a kPointer may overwrite (a count it refuses stays, nothing is written then).
    if (is_call(number, Syscall::vm_lookup) && words[2] <= kVmLookupMaxPages) {
      words[2] %= kMaxKernelWrite / sizeof(VmLookupEntry) + 1;
    }
  }

 private:
  uint64_t generate(ArgKind kind) {
    switch (kind) {
      case ArgKind::kSlot:
        return slot(false);
      case ArgKind::kTargetSlot:
        return slot(true);
      case ArgKind::kAddressSpaceSlot:
        return random_.percent(50) ? kSlotSelfAddressSpace : slot(false);
      case ArgKind::kFramesSlot:
        return random_.percent(50) ? kSlotInitialFrames : slot(false);
      case ArgKind::kRights:
        return rights();
      case ArgKind::kFlags: {
        const uint64_t flags = random_.percent(60)   ? 0
                               : random_.percent(80) ? uint64_t{kCapCopyNarrow}
                                                     : random_.next() >> random_.below(64);
        unranged_ = flags == 0;
        return flags;
      }
      case ArgKind::kRangeBase:
        if (unranged_ && random_.percent(85)) return 0;  // a plain copy wants base and count 0
        return random_.percent(70) ? (g_frames_address >> kPageShift) + random_.below(40) - 4
                                   : interesting();
      case ArgKind::kCount:
        return count();
      case ArgKind::kLength:
        return length();
      case ArgKind::kText:
        return text();
      case ArgKind::kPointer:
        return pointer();
      case ArgKind::kWaitWord:
        return random_.percent(40) ? kSharedWaitWord : pointer();
      case ArgKind::kExpected:
        return random_.percent(60) ? 0 : value();
      case ArgKind::kOps:
        return ops();
      case ArgKind::kMessage:
        return message();
      case ArgKind::kEntry:
        return entry();
      case ArgKind::kStackTop:
        return random_.percent(50) ? pointer() & ~uint64_t{15} : pointer();
      case ArgKind::kTimeout:
        return timeout();
      case ArgKind::kPriority:
        return random_.percent(80) ? random_.below(kThreadPriorityDefault + 1) : value();
      case ArgKind::kCpu: {
        // Past the online CPUs and past the 64-bit CPU set (64 + k once passed as CPU k).
        const uint64_t r = random_.below(100);
        if (r < 40) return kThreadCpuAny;
        if (r < 80) return random_.below(4);
        if (r < 90) return 64 + random_.below(8);
        return value();
      }
      case ArgKind::kFaultKinds:
        return random_.percent(80) ? random_.below(kFaultInjectKinds + 1) : value();
      case ArgKind::kValue:
        return value();
    }
    return value();
  }

  // Mostly the low slots, where the initial capabilities sit and kCapSlotAny puts new ones.
  uint64_t slot(bool target) {
    const uint64_t r = random_.below(100);
    if (r < 20) return random_.below(kFirstFreeSlot);       // the initial three
    if (r < 45) return kFirstFreeSlot + random_.below(16);  // where copies land
    if (r < 60) return random_.below(kTaskCapSlots);        // any slot of the space
    if (r < 70 + (target ? 15 : 0)) return kCapSlotAny;     // valid only as a target
    if (r < 75 + (target ? 15 : 0)) return kCapSlotNone;    // vm_batch's "no frames"
    if (r < 85 + (target ? 5 : 0)) return kTaskCapSlots + random_.below(8);  // past the space
    if (r < 95) return (uint64_t{1} << 32) + random_.below(kTaskCapSlots);   // the word > 32 bits
    return random_.next();
  }

  uint64_t rights() {
    const uint64_t r = random_.below(100);
    if (r < 50) return random_.below(kCapRightsMask + 1);
    if (r < 65) return kCapRightsMask;
    if (r < 75) return 0;
    if (r < 90) return uint64_t{1} << random_.below(64);
    return random_.next();
  }

  uint64_t interesting() {
    constexpr uint64_t kValues[] = {0,
                                    1,
                                    2,
                                    3,
                                    63,
                                    64,
                                    255,
                                    256,
                                    257,
                                    4095,
                                    4096,
                                    0x7FFFFFFF,
                                    0xFFFFFFFF,
                                    uint64_t{1} << 32,
                                    (uint64_t{1} << 32) + 1,
                                    uint64_t{1} << 47,
                                    uint64_t{1} << 52,
                                    uint64_t{1} << 62,
                                    (uint64_t{1} << 62) + 1,
                                    uint64_t{1} << 63,
                                    ~uint64_t{0} - 1,
                                    ~uint64_t{0}};
    return kValues[random_.below(sizeof kValues / sizeof kValues[0])];
  }

  uint64_t count() {
    if (ops_valid_ && random_.percent(85)) return ops_built_;  // the ops just built
    if (unranged_ && random_.percent(85)) return 0;
    const uint64_t r = random_.below(100);
    if (r < 50) return random_.below(9);
    if (r < 70) return random_.below(300);
    return interesting();
  }

  uint64_t length() {
    if (text_valid_) {  // a valid text prints at most a few dots
      return random_.percent(80) ? random_.below(sizeof kDots) : 1025 + random_.below(64);
    }
    if (text_straddles_)
      return kMaxKernelWrite + random_.below(1024);  // into the gap: prints nothing
    const uint64_t r = random_.below(100);
    if (r < 20) return 0;
    if (r < 50) return 1 + random_.below(64);
    if (r < 60) return 1024 + random_.below(2);
    return interesting();
  }

  uint64_t text() {
    if (random_.percent(40)) {
      text_valid_ = true;
      return reinterpret_cast<uint64_t>(kDots);
    }
    if (random_.percent(50)) return wild_pointer();
    text_straddles_ = true;
    return straddling_staging_end();
  }

  uint64_t staging_pointer() {
    return staging_ + (random_.below(kStagingBytes - kMaxKernelWrite) & ~uint64_t{7});
  }
  uint64_t straddling_staging_end() {
    return staging_area(kStagingAreas - 1) + kStagingBytes - 1 - random_.below(kMaxKernelWrite - 1);
  }
  uint64_t zone_page() {
    if (random_.percent(60)) return kChurnBase + random_.below(kChurnPages + 4) * kPageSize;
    return kFarZones[random_.below(3)] + random_.below(kFarZoneBytes / kPageSize) * kPageSize;
  }

  // Memory the kernel may read or write: the program's scratch, or wild.
  uint64_t pointer() {
    const uint64_t r = random_.below(100);
    if (r < 35) return staging_pointer();
    if (r < 40) return staging_pointer() + 1 + random_.below(7);  // misaligned
    if (r < 45) return straddling_staging_end();
    if (r < 60) return zone_page() + (random_.percent(50) ? 0 : random_.below(kPageSize));
    return wild_pointer();
  }

  // Never memory the program uses; mostly refused before any access.
  uint64_t wild_pointer() {
    switch (random_.below(10)) {
      case 0:
        return random_.below(kPageSize);  // the null page
      case 1:
        return 0xFFFF800000000000ull + random_.below(uint64_t{1} << 40);  // the direct map
      case 2:
        return 0xFFFFFFFF80000000ull + random_.below(uint64_t{1} << 24);  // the kernel image
      case 3:
        return kUserTop + random_.below(0xFFFF000000000000ull);  // non-canonical
      case 4:
        return kUserTop - 1 - random_.below(kMaxKernelWrite);  // straddling 2^47
      case 5:
        return ~uint64_t{0} - random_.below(kMaxKernelWrite);  // wraps past 2^64
      case 6:
        return kHoleBase + random_.below(uint64_t{1} << 40);  // never mapped
      case 7:
        return kUserStackGuard + random_.below(kPageSize);  // the stack's guard page
      case 8:
        return kStagingEnd + random_.below(kChurnBase - kStagingEnd);  // the gap below churn
      default:
        return random_.next() | (uint64_t{1} << 63);  // the upper half at random
    }
  }

  void build_op(VmOp& op) {
    const uint64_t r = random_.below(100);
    op.kind = r < 40   ? VmOpKind::kMap
              : r < 70 ? VmOpKind::kUnmap
              : r < 95 ? VmOpKind::kProtect
                       : static_cast<VmOpKind>(random_.percent(50) ? 0 : random_.below(256));
    if (random_.percent(90)) {
      op.va = zone_page();
    } else {  // refused by shape whatever the kind
      switch (random_.below(4)) {
        case 0:
          op.va = zone_page() + 1 + random_.below(kPageSize - 1);
          break;
        case 1:
          op.va = 0xFFFF800000000000ull + random_.below(uint64_t{1} << 30) * kPageSize;
          break;
        case 2:
          op.va = kUserTop + random_.below(uint64_t{1} << 20) * kPageSize;
          break;
        default:
          op.va = ~uint64_t{0} & ~(kPageSize - 1);
          break;
      }
    }
    const uint64_t c = random_.below(100);
    op.page_count = c < 70   ? static_cast<uint32_t>(1 + random_.below(4))
                    : c < 90 ? static_cast<uint32_t>(1 + random_.below(64))
                    : c < 93 ? 0
                    : c < 96
                        ? static_cast<uint32_t>(1u << 20) + static_cast<uint32_t>(random_.below(2))
                        : static_cast<uint32_t>(random_.next());
    if (op.kind == VmOpKind::kMap || random_.percent(5)) {
      const uint64_t f = random_.below(100);
      op.frame = f < 85   ? g_frames_address + random_.below(g_frames_pages + 4) * kPageSize
                 : f < 90 ? g_frames_address + 1 + random_.below(kPageSize - 1)
                 : f < 95 ? kPhysTop - kPageSize * random_.below(4)
                          : random_.next();
    } else {
      op.frame = 0;
    }
    if (op.kind == VmOpKind::kUnmap && random_.percent(95)) {
      op.rights = 0;
    } else if (random_.percent(85)) {
      op.rights = static_cast<uint8_t>(kVmRead | (random_.below(4) << 1));
    } else {
      op.rights = static_cast<uint8_t>(random_.below(256));
    }
    op.reserved = random_.percent(97) ? 0 : static_cast<uint16_t>(random_.next());
  }

  uint64_t ops() {
    if (random_.percent(30)) return pointer();
    const uint64_t c = random_.below(100);
    const uint64_t n = c < 70   ? 1 + random_.below(4)
                       : c < 95 ? random_.below(32)
                                : random_.below(257);
    auto* op = reinterpret_cast<VmOp*>(staging_);
    for (uint64_t i = 0; i < n; ++i) build_op(op[i]);
    ops_built_ = n;
    ops_valid_ = true;
    return staging_;
  }

  uint64_t message() {
    if (random_.percent(40)) return pointer();
    const uint64_t at = staging_pointer();
    auto* m = reinterpret_cast<IpcMessage*>(at);
    *m = IpcMessage{};
    m->label = random_.next();
    m->badge = random_.next();
    m->word_count = static_cast<uint8_t>(random_.percent(90) ? random_.below(kIpcMessageWords + 1)
                                                             : random_.below(256));
    m->cap_count = static_cast<uint8_t>(random_.percent(90) ? random_.below(kIpcMessageCaps + 1)
                                                            : random_.below(256));
    if (random_.percent(5)) m->reserved0 = static_cast<uint16_t>(random_.next());
    if (random_.percent(5)) m->reserved1 = static_cast<uint32_t>(random_.next());
    for (uint64_t& w : m->words) w = random_.next();
    for (uint32_t& c : m->caps) c = static_cast<uint32_t>(slot(false));
    return at;
  }

  uint64_t entry() {
    switch (random_.below(6)) {
      case 0:
      case 1:
      case 2:
        return reinterpret_cast<uint64_t>(&fuzz_exit_stub);
      case 3:
        return random_.below(kPageSize);  // the null page: refused
      case 4:
        return kUserTop + random_.below(uint64_t{1} << 40);  // non-canonical: refused
      default:
        return 0xFFFFFFFF80000000ull + random_.below(uint64_t{1} << 20);  // the kernel: refused
    }
  }

  uint64_t timeout() {
    const uint64_t r = random_.below(100);
    if (r < 70) return 0;
    if (r < 80) return 1 + random_.below(10000000);  // up to 10 ms (at most two ticks)
    // Invalid: above 2^62, short of "no limit" (~0).
    return (uint64_t{1} << 62) + 1 + random_.below(~uint64_t{0} - (uint64_t{1} << 62) - 2);
  }

  uint64_t value() {
    const uint64_t r = random_.below(100);
    if (r < 30) return interesting();
    if (r < 50) return random_.below(kTaskCapSlots);
    if (r < 70) return pointer();
    if (r < 80) return random_.below(4096);
    return random_.next();
  }

  FuzzRandom& random_;
  const uint64_t staging_;
  // Per call: what an earlier argument decided for a later one.
  bool text_valid_ = false;
  bool text_straddles_ = false;  // the text ends in a mapped page: the length must cross it
  bool unranged_ = false;        // cap_copy's flags are 0
  uint64_t ops_built_ = 0;
  bool ops_valid_ = false;
};

// --- one call, with the registers the ABI keeps checked -----------------------------------------

struct CallOutcome {
  uint64_t status;
  uint64_t extra;
  bool registers_kept;
};

CallOutcome raw_syscall(uint64_t number, const uint64_t (&a)[kSyscallMaxArgs]) {
  uint64_t rax = number;
  uint64_t rdi = a[0];
  uint64_t rsi = a[1];
  register uint64_t rdx asm("rdx") = a[2];
  register uint64_t r10 asm("r10") = a[3];
  register uint64_t r8 asm("r8") = a[4];
  register uint64_t r9 asm("r9") = a[5];
  asm volatile("syscall"
               : "+a"(rax), "+D"(rdi), "+S"(rsi), "+r"(rdx), "+r"(r10), "+r"(r8), "+r"(r9)
               :
               : "rcx", "r11", "memory");
  const bool kept = rdi == a[0] && rsi == a[1] && r10 == a[3] && r8 == a[4] && r9 == a[5];
  return CallOutcome{rax, rdx, kept};
}

// --- the workers ---------------------------------------------------------------------------------

constexpr uint32_t kStatusSlots = 17;  // the Status values 0..15, and "unknown"
constexpr uint32_t kUnknownStatus = kStatusSlots - 1;
constexpr uint32_t kCallSlots = kSyscallCount + 1;  // the list, and "past the list"

struct WorkerReport {
  uint64_t calls = 0;
  uint64_t by_status[kStatusSlots] = {};
  uint64_t by_call[kCallSlots] = {};
  uint64_t ok_by_call[kCallSlots] = {};
  uint64_t extra_not_zero = 0;  // a call without an extra result, or past the list, left rdx set
  uint64_t registers_changed = 0;
  uint64_t first_bad_number = 0;  // the first call that broke one of the two rules above
  bool any_bad = false;
};

struct alignas(16) WorkerStack {
  uint8_t bytes[16384];
};

uint64_t g_seed = 1;
uint64_t g_total_calls = 200000;
// `ports=shared` (the stress program's fuzz workload, servers/stress/fuzz_workload.cc): other
// tasks make port syscalls meanwhile, so the kernel-wide count of them is not the fuzzer's to
// check; test_no_port_access then checks only that no slot holds an IoPorts capability.
bool g_ports_shared = false;
WorkerStack g_stacks[kWorkers];
WorkerReport g_reports[kWorkers];
uint32_t g_workers_done = 0;  // atomic; the main thread waits on it
// Atomic; the workers wait on it until every one of them exists: a worker's fault_inject arms the
// whole task, so a worker fuzzing early could make the main thread's next thread_create fail.
uint32_t g_workers_go = 0;

void fuzz(uint32_t index) {
  FuzzRandom random(g_seed, index + 1);
  ArgumentSource source(random, staging_area(index));
  WorkerReport& report = g_reports[index];
  const uint64_t calls = g_total_calls / kWorkers + (index < g_total_calls % kWorkers ? 1 : 0);
  for (uint64_t i = 0; i < calls; ++i) {
    const uint64_t number = source.number();
    uint64_t words[kSyscallMaxArgs];
    source.arguments(number, words);
    const CallOutcome out = raw_syscall(number, words);
    const bool known = number < kSyscallCount;
    ++report.calls;
    ++report.by_status[out.status < kUnknownStatus ? out.status : kUnknownStatus];
    ++report.by_call[known ? number : kSyscallCount];
    if (out.status == 0) ++report.ok_by_call[known ? number : kSyscallCount];
    const bool extra_bad = out.extra != 0 && (!known || !kCalls[number].has_extra);
    if (extra_bad) ++report.extra_not_zero;
    if (!out.registers_kept) ++report.registers_changed;
    if ((extra_bad || !out.registers_kept) && !report.any_bad) {
      report.any_bad = true;
      report.first_bad_number = number;
    }
  }
}

}  // namespace

extern "C" [[noreturn]] void fuzz_worker_main(uint64_t index) {
  while (__atomic_load_n(&g_workers_go, __ATOMIC_ACQUIRE) == 0) {
    (void)sys_wait_while_equal(&g_workers_go, 0, 100000000);  // 100 ms, then look again
  }
  fuzz(static_cast<uint32_t>(index));
  __atomic_fetch_add(&g_workers_done, 1, __ATOMIC_RELEASE);
  (void)sys_wake_waiters(&g_workers_done, 1);
  (void)sys_thread_exit();
  __builtin_trap();
}
// A worker starts with rsp at the top of its stack, where spawn() left its index.
asm(".text\n"
    ".globl fuzz_worker_trampoline\n"
    "fuzz_worker_trampoline:\n"
    "  xorl %ebp, %ebp\n"
    "  movq (%rsp), %rdi\n"
    "  call fuzz_worker_main\n"
    "  ud2\n");
extern "C" void fuzz_worker_trampoline();

namespace {

// --- set-up and the checks afterwards ------------------------------------------------------------

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))

uint64_t parse_number(const char* text) {
  uint64_t n = 0;
  for (; *text >= '0' && *text <= '9'; ++text) n = n * 10 + static_cast<uint64_t>(*text - '0');
  return n;
}

bool starts_with(const char* text, const char* prefix) {
  for (; *prefix != '\0'; ++text, ++prefix) {
    if (*text != *prefix) return false;
  }
  return true;
}

void parse_line(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (starts_with(argv[i], "seed=")) g_seed = parse_number(argv[i] + 5);
    if (starts_with(argv[i], "calls=")) g_total_calls = parse_number(argv[i] + 6);
    if (starts_with(argv[i], "ports=shared")) g_ports_shared = true;
  }
}

CapIdentity g_frames_identity;  // cap_identify's answer at set-up (ordinary use, not fuzzing)
alignas(8) VmOp g_setup_ops[2];

// The initial Frames capability's range, and the staging areas mapped from its first pages.
void set_up_scratch() {
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_identify(kSlotInitialFrames, &g_frames_identity));
  g_frames_address = g_frames_identity.base * kPageSize;
  g_frames_pages = g_frames_identity.count;
  TEST_ASSERT_TRUE(g_frames_pages >= kStagingAreas * kStagingPages);
  g_setup_ops[0] =
      vm_map_op(kStagingBase, g_frames_address,
                static_cast<uint32_t>(kStagingAreas * kStagingPages), kVmRead | kVmWrite);
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_vm_batch(kSlotSelfAddressSpace, kSlotInitialFrames, g_setup_ops, 1));
}

SyscallResult spawn_worker(uint32_t index) {
  auto* top = reinterpret_cast<uint64_t*>(&g_stacks[index + 1]) - 2;
  top[0] = index;
  return sys_thread_create(kSlotSelfAddressSpace, &fuzz_worker_trampoline, top, kCapSlotAny,
                           kThreadPriorityDefault, kThreadCpuAny);
}

void wait_for_workers() {
  for (;;) {
    const uint32_t done = __atomic_load_n(&g_workers_done, __ATOMIC_ACQUIRE);
    if (done == kWorkers) return;
    (void)sys_wait_while_equal(&g_workers_done, done, 100000000);  // 100 ms, then look again
  }
}

WorkerReport g_total;

void add_reports() {
  for (const WorkerReport& r : g_reports) {
    g_total.calls += r.calls;
    g_total.extra_not_zero += r.extra_not_zero;
    g_total.registers_changed += r.registers_changed;
    for (uint32_t s = 0; s < kStatusSlots; ++s) g_total.by_status[s] += r.by_status[s];
    for (uint32_t c = 0; c < kCallSlots; ++c) {
      g_total.by_call[c] += r.by_call[c];
      g_total.ok_by_call[c] += r.ok_by_call[c];
    }
    if (r.any_bad && !g_total.any_bad) {
      g_total.any_bad = true;
      g_total.first_bad_number = r.first_bad_number;
    }
  }
}

void print_report() {
  sys::printf("fuzz: seed=%lu: %lu calls on %u threads\n", g_seed, g_total.calls, kWorkers);
  for (uint32_t s = 0; s < kStatusSlots; ++s) {
    if (g_total.by_status[s] == 0) continue;
    sys::printf("fuzz:   %-18s %8lu\n",
                s == kUnknownStatus ? "unknown-status" : status_name(static_cast<Status>(s)),
                g_total.by_status[s]);
  }
  for (uint32_t c = 0; c < kCallSlots; ++c) {
    sys::printf("fuzz:   call %-20s %8lu made, %7lu ok\n",
                c < kSyscallCount ? kCalls[c].name : "(past the list)", g_total.by_call[c],
                g_total.ok_by_call[c]);
  }
}

void test_every_call_answered() {
  TEST_ASSERT_EQUAL_UINT64(g_total_calls, g_total.calls);
  TEST_ASSERT_EQUAL_UINT64(0, g_total.by_status[kUnknownStatus]);
  if (g_total.any_bad)
    sys::printf("fuzz: first call to break a rule: number %lu\n", g_total.first_bad_number);
  TEST_ASSERT_EQUAL_UINT64(0, g_total.extra_not_zero);
  TEST_ASSERT_EQUAL_UINT64(0, g_total.registers_changed);
  // Every call of the list was made, except the excluded.
  for (uint32_t c = 0; c < kSyscallCount; ++c) {
    if (!excluded(c) && g_total_calls >= 10000) TEST_ASSERT_TRUE(g_total.by_call[c] > 0);
  }
}

void test_kernel_still_serves() {
  TEST_ASSERT_STATUS(Status::kOk, sys_null());
  const SyscallResult task = sys_cap_type(kSlotSelfTask);
  TEST_ASSERT_STATUS(Status::kOk, task);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(CapabilityType::kTask), task.extra);
  const SyscallResult space = sys_cap_type(kSlotSelfAddressSpace);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(CapabilityType::kAddressSpace), space.extra);
  const SyscallResult frames = sys_cap_type(kSlotInitialFrames);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(CapabilityType::kFrames), frames.extra);
  // The churn window's first page: cleared, mapped, written and read, unmapped again.
  g_setup_ops[0] = vm_unmap_op(kChurnBase, 1);
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_vm_batch(kSlotSelfAddressSpace, kCapSlotNone, g_setup_ops, 1));
  g_setup_ops[0] = vm_map_op(kChurnBase, g_frames_address + (g_frames_pages - 1) * kPageSize, 1,
                             kVmRead | kVmWrite);
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_vm_batch(kSlotSelfAddressSpace, kSlotInitialFrames, g_setup_ops, 1));
  auto* word = reinterpret_cast<volatile uint64_t*>(kChurnBase);
  *word = g_seed;
  TEST_ASSERT_EQUAL_UINT64(g_seed, *word);
  g_setup_ops[0] = vm_unmap_op(kChurnBase, 1);
  TEST_ASSERT_STATUS(Status::kOk,
                     sys_vm_batch(kSlotSelfAddressSpace, kCapSlotNone, g_setup_ops, 1));
}

// Port accesses made by io_in, io_out and io_vector on every CPU, before the fuzz and after.
uint64_t g_syscall_accesses_before = 0;
IoCountersSnapshot g_counters;

uint64_t syscall_accesses_now() {
  TEST_ASSERT_STATUS(Status::kOk, sys_io_counters(kIoCountersAllCpus, &g_counters));
  return g_counters.syscall_accesses;
}

// The header comment's "harmless by construction": no IoPorts capability in any slot, and no
// port access made on the fuzzer's behalf; no SystemInfo capability either (system_info's big
// copies are refused at the slot).
void test_no_port_access() {
  for (uint32_t slot = 0; slot < kTaskCapSlots; ++slot) {
    const SyscallResult type = sys_cap_type(slot);
    if (type.status == Status::kOk) {
      TEST_ASSERT_NOT_EQUAL(static_cast<uint64_t>(CapabilityType::kIoPorts), type.extra);
      TEST_ASSERT_NOT_EQUAL(static_cast<uint64_t>(CapabilityType::kSystemInfo), type.extra);
    }
  }
  if (!g_ports_shared) TEST_ASSERT_EQUAL_UINT64(g_syscall_accesses_before, syscall_accesses_now());
}

void test_fuzz() {
  g_syscall_accesses_before = syscall_accesses_now();
  set_up_scratch();
  for (uint32_t i = 0; i < kWorkers; ++i) TEST_ASSERT_STATUS(Status::kOk, spawn_worker(i));
  __atomic_store_n(&g_workers_go, 1, __ATOMIC_RELEASE);
  (void)sys_wake_waiters(&g_workers_go, kWorkers);
  wait_for_workers();
  // The workers may have left the task failing its own allocations (fault_inject): the checks
  // and the report below need them.
  TEST_ASSERT_STATUS(Status::kOk, sys_fault_inject(0, 0, 0));
  add_reports();
  print_report();
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int argc, char** argv) {
  parse_line(argc, argv);
  classify_arguments();
  sys::printf("fuzz: seed=%lu calls=%lu threads=%u (module line: fuzz seed=N calls=M)\n", g_seed,
              g_total_calls, kWorkers);
  UNITY_BEGIN();
  RUN_TEST(test_fuzz);
  RUN_TEST(test_every_call_answered);
  RUN_TEST(test_kernel_still_serves);
  RUN_TEST(test_no_port_access);
  const int failures = UNITY_END();
  // A failed check also ends the task with a fault, so a boot that runs fuzzers side by side (whose
  // Unity lines interleave) fails on the runner's verdict alone.
  if (failures != 0) __builtin_trap();
  return 0;
}
