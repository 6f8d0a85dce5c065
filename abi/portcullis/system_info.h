// What the system_info syscall copies out: a read-only view of the kernel's state, topic by topic
// (docs/system-info.md). system_info(info_slot, topic, arg, buffer, capacity) needs a SystemInfo
// capability with kCapRead in info_slot; it copies up to `capacity` entries of the topic's entry
// type to `buffer` and answers in rdx how many the topic has in all, so a caller with too little
// room sees it and asks again with more (Zircon's object_get_info is the model).
//
// Each topic's entries are taken in one pass under the lock that keeps its list (one snapshot,
// consistent within the topic); two calls may see different moments. Entries are fixed-size
// structures with explicit padding: their layout is ABI, checked below.
//
// The answers, in the order they are checked:
//   kBadHandle        info_slot past 32 bits, past the space, or empty
//   kWrongType        info_slot names another type of capability
//   kAccessDenied     the capability lacks kCapRead
//   kInvalidArgument  an unknown topic
//   kOutOfRange       capacity above kSystemInfoMaxEntries
//   then the user range answers of kernel/syscall/user_memory.h for capacity entries at buffer
//   kNoMemory         no kernel memory for the snapshot
//   kNotFound         kTaskCaps: no live task has the id arg; kIoGrants: no live IoBitmap has
//                     the id arg (0 asks for every bitmap's grants)
//   kOutOfRange       kTssSlots: arg is not an online CPU's index
//   then the copy's answers (kNotFound: a page of buffer is not mapped or not writable)
// On an error rdx is 0 and nothing was copied (but for a copy that failed part way).
#pragma once

#include <stddef.h>
#include <stdint.h>

enum class SystemInfoTopic : uint32_t {
  kTasks = 0,      // TaskInfo: every live task
  kThreads = 1,    // ThreadInfo: every thread, kernel threads included
  kTaskCaps = 2,   // TaskCapInfo: each non-empty slot of the task whose id is arg
  kIoBitmaps = 3,  // IoBitmapInfo: every live IoBitmap object
  kIoGrants = 4,   // IoGrantInfo: the grants of the IoBitmap whose id is arg (0: of every one)
  kCpus = 5,       // CpuInfo: every online CPU
  kTssSlots = 6,   // TssSlotInfo: the TSS I/O-bitmap slots of CPU arg
};
inline constexpr uint32_t kSystemInfoTopicCount = 7;

// The most entries one call copies: more room than that is refused (kOutOfRange), so the kernel's
// snapshot buffer stays bounded.
inline constexpr uint64_t kSystemInfoMaxEntries = 1024;
// "Any CPU" where a CPU index goes (ThreadInfo::pinned_cpu).
inline constexpr uint32_t kSystemInfoAnyCpu = 0xFFFFFFFFu;
inline constexpr size_t kSystemInfoNameBytes = 32;

// --- kTasks ----------------------------------------------------------------------------------
enum class TaskInfoState : uint8_t {
  kNew = 0,      // made (task_spawn), its first thread not started yet
  kRunning = 1,  // started, some thread has not exited
  kKilled = 2,   // killed (a fault), its threads are on their way out
  kExited = 3,   // every thread has exited; a capability or the reaper still holds the task
};
enum TaskInfoFlags : uint8_t {
  kTaskInfoSupervised = 1u << 0,  // a supervisor endpoint gets its threads' faults
  kTaskInfoKilled = 1u << 1,      // it was killed (kept once its threads have exited)
};
struct TaskInfo {
  uint32_t id = 0;       // the kernel-wide id (fault messages, the log, cap_identify's base)
  uint8_t state = 0;     // TaskInfoState
  uint8_t flags = 0;     // TaskInfoFlags
  uint8_t priority = 0;  // its first thread's scheduler level (task_set_priority)
  uint8_t reserved0 = 0;
  uint32_t live_threads = 0;  // started and not exited
  uint32_t own_grants = 0;    // IoPorts capabilities it enabled itself and still has open
  uint64_t io_bitmap_id = 0;  // the IoBitmap object its ports are in; 0: it has none
  uint64_t reserved1 = 0;
  char name[kSystemInfoNameBytes] = {};  // its module line's first word, NUL-terminated
};
static_assert(sizeof(TaskInfo) == 64, "TaskInfo is syscall ABI");
static_assert(offsetof(TaskInfo, io_bitmap_id) == 16 && offsetof(TaskInfo, name) == 32);

// --- kThreads --------------------------------------------------------------------------------
enum class ThreadInfoState : uint8_t {
  kReady = 0,            // in a run queue
  kRunning = 1,          // on `cpu` now
  kBlocked = 2,          // waiting (not interruptible by a kill)
  kBlockedKillable = 3,  // waiting in IPC or wait_while_equal: a kill of its task ends it
  kExited = 4,           // ended, not yet freed
};
enum ThreadInfoFlags : uint8_t {
  kThreadInfoUser = 1u << 0,  // a user thread (task_id names its task)
  kThreadInfoIdle = 1u << 1,  // a CPU's idle thread
};
struct ThreadInfo {
  uint32_t id = 0;
  uint32_t task_id = 0;                     // 0: a kernel thread
  uint32_t cpu = 0;                         // the CPU it runs on, or last ran on
  uint32_t pinned_cpu = kSystemInfoAnyCpu;  // its affinity: one CPU, or any
  uint8_t state = 0;                        // ThreadInfoState
  uint8_t priority = 0;                     // scheduler level, 0 .. 15 (15 most urgent)
  uint8_t flags = 0;                        // ThreadInfoFlags
  uint8_t reserved[5] = {};
};
static_assert(sizeof(ThreadInfo) == 24, "ThreadInfo is syscall ABI");
static_assert(offsetof(ThreadInfo, state) == 16);

// --- kTaskCaps -------------------------------------------------------------------------------
// Where the capability was derived from (the derivation tree, docs/capabilities.md).
enum class CapParentKind : uint8_t {
  kNone = 0,  // an original: the kernel made it (a root of the tree)
  kLive = 1,  // a live capability: parent_task_id's slot parent_slot
  kDead = 2,  // a deleted capability whose node stays for its children (no slot any more)
};
enum TaskCapFlags : uint8_t {
  kTaskCapInUse = 1u << 0,  // IoPorts: enabled in its task or added to an IoBitmap
};
struct TaskCapInfo {
  uint32_t slot = 0;
  uint32_t type = 0;    // CapabilityType
  uint32_t rights = 0;  // CapabilityRights
  uint8_t parent = 0;   // CapParentKind
  uint8_t flags = 0;    // TaskCapFlags
  uint16_t depth = 0;   // ancestors, dead ones included (0: an original)
  // As cap_identify reports them (abi/portcullis/cap_identity.h).
  uint64_t base = 0;
  uint64_t count = 0;
  // kLive: the task whose space holds the parent (0: a space of no task) and its slot.
  uint32_t parent_task_id = 0;
  uint32_t parent_slot = 0;
};
static_assert(sizeof(TaskCapInfo) == 40, "TaskCapInfo is syscall ABI");
static_assert(offsetof(TaskCapInfo, base) == 16 && offsetof(TaskCapInfo, parent_task_id) == 32);

// --- kIoBitmaps ------------------------------------------------------------------------------
struct IoBitmapInfo {
  uint64_t id = 0;        // the object's id (never reused; cap_identify names it too)
  uint64_t sequence = 0;  // names the content; changes with every change
  // The byte window [window_lo, window_hi) of the 8 KiB bitmap outside which every byte is 0xFF
  // (every port closed): what a TSS slot refill copies at most.
  uint32_t window_lo = 0;
  uint32_t window_hi = 0;
  uint32_t holders = 0;      // tasks and IoBitmap capabilities that see a change in place
  uint32_t grants = 0;       // grants open in it (kIoGrants lists them)
  uint64_t active_cpus = 0;  // bit i: CPU i has it in its active TSS slot
  uint32_t tasks = 0;        // tasks whose ports it is now (kTasks' io_bitmap_id names them)
  uint32_t reserved = 0;
};
static_assert(sizeof(IoBitmapInfo) == 48, "IoBitmapInfo is syscall ABI");
static_assert(offsetof(IoBitmapInfo, active_cpus) == 32);

// --- kIoGrants -------------------------------------------------------------------------------
struct IoGrantInfo {
  uint64_t bitmap_id = 0;
  uint64_t grant_id = 0;  // kernel-wide, never 0 (a grant may sit in copies of its bitmap too)
  uint32_t port_base = 0;
  uint32_t port_count = 0;
};
static_assert(sizeof(IoGrantInfo) == 24, "IoGrantInfo is syscall ABI");

// --- kCpus -----------------------------------------------------------------------------------
struct CpuInfo {
  uint32_t cpu = 0;
  uint32_t ready_threads = 0;     // waiting in its run queue
  uint32_t tss_slots = 0;         // its TSS I/O-bitmap slots (the build's io_tss_slots)
  uint32_t active_slot = 0;       // the slot its task register holds
  uint64_t active_bitmap_id = 0;  // the IoBitmap its active slot is for; 0: none (no ports)
  uint64_t lru_clock = 0;         // its slots' LRU clock (TssSlotInfo::last_use counts in it)
};
static_assert(sizeof(CpuInfo) == 32, "CpuInfo is syscall ABI");

// --- kTssSlots -------------------------------------------------------------------------------
struct TssSlotInfo {
  uint32_t cpu = 0;
  uint32_t slot = 0;
  uint64_t bitmap_id = 0;  // the IoBitmap last loaded or matched into it; 0: never used
  uint64_t sequence = 0;   // the content it holds; 0: none (never matches)
  uint64_t last_use = 0;   // LRU stamp: the CPU's lru_clock when it was last activated
  uint64_t lru_clock = 0;  // the CPU's clock now: age = lru_clock - last_use
  // Bytes of its area that may differ from 0xFF (the next refill resets them).
  uint32_t window_lo = 0;
  uint32_t window_hi = 0;
  uint8_t active = 0;     // 1: the slot the CPU's task register holds
  uint8_t map_valid = 0;  // 1: its I/O map base points at its bitmap (0: every port faults)
  uint8_t reserved[6] = {};
};
static_assert(sizeof(TssSlotInfo) == 56, "TssSlotInfo is syscall ABI");
static_assert(offsetof(TssSlotInfo, window_lo) == 40);

// The size of one entry of `topic` (0: not a topic).
constexpr size_t system_info_entry_bytes(uint64_t topic) {
  switch (topic) {
    case static_cast<uint64_t>(SystemInfoTopic::kTasks):
      return sizeof(TaskInfo);
    case static_cast<uint64_t>(SystemInfoTopic::kThreads):
      return sizeof(ThreadInfo);
    case static_cast<uint64_t>(SystemInfoTopic::kTaskCaps):
      return sizeof(TaskCapInfo);
    case static_cast<uint64_t>(SystemInfoTopic::kIoBitmaps):
      return sizeof(IoBitmapInfo);
    case static_cast<uint64_t>(SystemInfoTopic::kIoGrants):
      return sizeof(IoGrantInfo);
    case static_cast<uint64_t>(SystemInfoTopic::kCpus):
      return sizeof(CpuInfo);
    case static_cast<uint64_t>(SystemInfoTopic::kTssSlots):
      return sizeof(TssSlotInfo);
    default:
      return 0;
  }
}
