// User threads from ring 3 (a module run by test=programs, booted with 4 CPUs): threads made with
// thread_create run at the same time on several CPUs (a barrier of many rounds that threads
// sharing one CPU could only pass a time slice per round), their SSE registers never leak into
// each other across the switches of more threads than CPUs, and every error thread_create's
// decoder and capability checks document. The runner waits for every thread and then checks
// that the task gave back every frame and heap block.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/thread_params.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))

constexpr uint64_t kKernelPointer = 0xFFFFFFFF80000000;
constexpr size_t kStackBytes = 16384;
constexpr uint32_t kMaxThreads = 8;

struct alignas(16) Stack {
  uint8_t bytes[kStackBytes];
};
Stack g_stacks[kMaxThreads];

using Work = void (*)(uint32_t index);
struct Start {
  Work work;
  uint32_t index;
};
uint32_t g_exited = 0;  // workers that finished their work (atomic)

}  // namespace

// A new thread starts with rsp = the stack top the creator passed, where the creator left a
// Start record; the call aligns the stack as a C++ function expects.
extern "C" [[noreturn]] void thread_main(const Start* start) {
  start->work(start->index);
  __atomic_fetch_add(&g_exited, 1, __ATOMIC_RELEASE);
  (void)sys_thread_exit();
  __builtin_trap();
}
asm(".text\n"
    ".globl thread_trampoline\n"
    "thread_trampoline:\n"
    "  xorl %ebp, %ebp\n"
    "  movq %rsp, %rdi\n"
    "  call thread_main\n"
    "  ud2\n");
extern "C" void thread_trampoline();

namespace {

uint32_t g_next_slot = 10;  // Thread capabilities go from here up

// Starts `work(index)` on a new thread of this task, on `cpu` (or any); its stack is
// g_stacks[index].
SyscallResult spawn(Work work, uint32_t index, uint32_t cpu = kThreadCpuAny) {
  auto* top = reinterpret_cast<uint8_t*>(&g_stacks[index + 1]) - 64;
  auto* start = reinterpret_cast<Start*>(top);
  *start = Start{work, index};
  return sys_thread_create(kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&thread_trampoline),
                           reinterpret_cast<uint64_t>(top), g_next_slot++, kThreadPriorityDefault,
                           cpu);
}

// Waits until `count` workers have finished, sleeping 10 ms at a time so that this thread leaves
// the CPUs to them; false after about a minute.
bool sleep_until_workers(uint32_t count) {
  for (uint32_t naps = 0; naps < 6000; ++naps) {
    const uint32_t seen = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
    if (seen >= count) return true;
    (void)sys_wait_while_equal(&g_exited, seen, 10'000'000);
  }
  return false;
}

// Waits (spinning) until `count` workers have finished; false after an absurdly long time.
bool wait_for_workers(uint32_t count) {
  for (uint64_t spins = 0; spins < (uint64_t{1} << 36); ++spins) {
    if (__atomic_load_n(&g_exited, __ATOMIC_ACQUIRE) >= count) return true;
    __builtin_ia32_pause();
  }
  return false;
}

// --- simultaneous threads: each watches the next one's counter ------------------------------
// Four workers pinned one per CPU bump their own counter in short bursts and look at their
// neighbour's before and after each burst. A burst that took only a few microseconds and saw the
// neighbour's counter move had the neighbour running in those same microseconds: on another CPU,
// at the same time. Time-sharing cannot produce one: the neighbour runs only while this worker is
// switched out, for a whole time slice (milliseconds), and such a burst is too long to count; so
// is one during which the host descheduled this vCPU. The workers stop at kOverlapsWanted counted
// bursts or after kOverlapWindowNs, so a loaded host only makes the test slower.
constexpr uint32_t kParties = 4;
constexpr uint32_t kOverlapsWanted = 2000;
constexpr uint32_t kOverlapsRequired = 100;
constexpr uint64_t kOverlapWindowNs = 20'000'000'000;
constexpr uint64_t kShortBurstTicks = 100'000;  // TSC ticks: tens of microseconds

uint64_t g_bumps[kParties];
uint32_t g_overlaps = 0;
uint64_t g_overlap_deadline_ns = 0;

inline uint64_t read_tsc() {
  uint32_t lo = 0;
  uint32_t hi = 0;
  asm volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
  return (uint64_t{hi} << 32) | lo;
}

void watch_neighbour(uint32_t party) {
  uint64_t* const mine = &g_bumps[party];
  const uint64_t* const theirs = &g_bumps[(party + 1) % kParties];
  for (uint32_t burst = 0;; ++burst) {
    const uint64_t t0 = read_tsc();
    const uint64_t before = __atomic_load_n(theirs, __ATOMIC_ACQUIRE);
    for (int i = 0; i < 32; ++i) __atomic_fetch_add(mine, 1, __ATOMIC_RELAXED);
    const uint64_t after = __atomic_load_n(theirs, __ATOMIC_ACQUIRE);
    if (after != before && read_tsc() - t0 < kShortBurstTicks) {
      if (__atomic_add_fetch(&g_overlaps, 1, __ATOMIC_ACQ_REL) >= kOverlapsWanted) return;
    }
    if (burst % 1024 == 0) {
      if (__atomic_load_n(&g_overlaps, __ATOMIC_ACQUIRE) >= kOverlapsWanted) return;
      if (sys_monotonic_ns().extra >= g_overlap_deadline_ns) return;
    }
  }
}

void test_threads_run_at_the_same_time_on_several_cpus() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  g_overlap_deadline_ns = sys_monotonic_ns().extra + kOverlapWindowNs;
  // Pinned, one per CPU, while this thread sleeps: two workers never share a CPU.
  for (uint32_t i = 0; i < kParties; ++i) {
    TEST_ASSERT_STATUS(Status::kOk, spawn(watch_neighbour, i, i));
  }
  TEST_ASSERT_TRUE(sleep_until_workers(exited_before + kParties));
  const uint32_t overlaps = __atomic_load_n(&g_overlaps, __ATOMIC_ACQUIRE);
  sys::printf("thread_user_test: %u short bursts saw their neighbour on another CPU move\n",
              overlaps);
  TEST_ASSERT_TRUE(overlaps >= kOverlapsRequired);
}

// --- SSE registers are each thread's own --------------------------------------------------------
constexpr uint32_t kSseThreads = 6;  // more than CPUs: some share one and are switched
uint32_t g_sse_mismatches[kSseThreads];

// Fills xmm0-xmm15 with words derived from `index`, spins long enough for several timer ticks
// (so other threads run on this CPU meanwhile), then stores them back: all in one asm block. User
// programs are built without SSE, so the compiler never touches these registers itself.
void sse_keeps_its_registers(uint32_t index) {
  alignas(16) uint64_t in[32];
  alignas(16) uint64_t out[32];
  for (uint32_t i = 0; i < 32; ++i) in[i] = (uint64_t{index + 1} << 40) ^ (i * 0x0101010101ull);
  for (int round = 0; round < 3; ++round) {
    uint64_t spins = 10000000;
    asm volatile(
        "movdqa 0(%[in]), %%xmm0\n movdqa 16(%[in]), %%xmm1\n movdqa 32(%[in]), %%xmm2\n"
        "movdqa 48(%[in]), %%xmm3\n movdqa 64(%[in]), %%xmm4\n movdqa 80(%[in]), %%xmm5\n"
        "movdqa 96(%[in]), %%xmm6\n movdqa 112(%[in]), %%xmm7\n movdqa 128(%[in]), %%xmm8\n"
        "movdqa 144(%[in]), %%xmm9\n movdqa 160(%[in]), %%xmm10\n movdqa 176(%[in]), %%xmm11\n"
        "movdqa 192(%[in]), %%xmm12\n movdqa 208(%[in]), %%xmm13\n movdqa 224(%[in]), %%xmm14\n"
        "movdqa 240(%[in]), %%xmm15\n"
        "1: dec %[spins]\n jnz 1b\n"
        "movdqa %%xmm0, 0(%[out])\n movdqa %%xmm1, 16(%[out])\n movdqa %%xmm2, 32(%[out])\n"
        "movdqa %%xmm3, 48(%[out])\n movdqa %%xmm4, 64(%[out])\n movdqa %%xmm5, 80(%[out])\n"
        "movdqa %%xmm6, 96(%[out])\n movdqa %%xmm7, 112(%[out])\n movdqa %%xmm8, 128(%[out])\n"
        "movdqa %%xmm9, 144(%[out])\n movdqa %%xmm10, 160(%[out])\n movdqa %%xmm11, 176(%[out])\n"
        "movdqa %%xmm12, 192(%[out])\n movdqa %%xmm13, 208(%[out])\n movdqa %%xmm14, 224(%[out])\n"
        "movdqa %%xmm15, 240(%[out])\n"
        : [spins] "+r"(spins)
        : [in] "r"(in), [out] "r"(out)
        : "memory");
    for (uint32_t i = 0; i < 32; ++i) {
      if (out[i] != in[i]) ++g_sse_mismatches[index];
    }
  }
}

void test_sse_registers_do_not_leak_between_threads() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  for (uint32_t i = 0; i < kSseThreads; ++i) {
    TEST_ASSERT_STATUS(Status::kOk, spawn(sse_keeps_its_registers, i));
  }
  TEST_ASSERT_TRUE(wait_for_workers(exited_before + kSseThreads));
  for (uint32_t i = 0; i < kSseThreads; ++i) TEST_ASSERT_EQUAL_UINT32(0, g_sse_mismatches[i]);
}

// --- thread_create's errors, each leaving no thread behind --------------------------------------
void never_runs(uint32_t) { __builtin_trap(); }

SyscallResult create(uint64_t space_slot, uint64_t entry, uint64_t stack_top, uint64_t target) {
  return sys_thread_create(space_slot, entry, stack_top, target, kThreadPriorityDefault,
                           kThreadCpuAny);
}

void test_thread_create_errors() {
  const uint64_t entry = reinterpret_cast<uint64_t>(&thread_trampoline);
  auto* top = reinterpret_cast<uint8_t*>(&g_stacks[kMaxThreads]) - 64;
  *reinterpret_cast<Start*>(top) = Start{never_runs, kMaxThreads - 1};
  const uint64_t stack = reinterpret_cast<uint64_t>(top);
  constexpr uint32_t kFree = 40;
  // Decoding, in argument order.
  TEST_ASSERT_STATUS(Status::kBadHandle, create(uint64_t{1} << 32, entry, stack, kFree));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     create(kSlotSelfAddressSpace, kKernelPointer, stack, kFree));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, create(kSlotSelfAddressSpace, 0, stack, kFree));
  TEST_ASSERT_STATUS(Status::kUnaligned, create(kSlotSelfAddressSpace, entry, stack + 8, kFree));
  TEST_ASSERT_STATUS(Status::kAccessDenied,
                     create(kSlotSelfAddressSpace, entry, kKernelPointer, kFree));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, create(kSlotSelfAddressSpace, entry, 0, kFree));
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     create(kSlotSelfAddressSpace, entry, stack, uint64_t{1} << 32));
  // The capability: empty, another type, without the write right.
  TEST_ASSERT_STATUS(Status::kBadHandle, create(kFree + 1, entry, stack, kFree));
  TEST_ASSERT_STATUS(Status::kWrongType, create(kSlotSelfTask, entry, stack, kFree));
  const SyscallResult read_only = sys_cap_copy(kSlotSelfAddressSpace, kFree + 2, kCapRead, 0, 0, 0);
  TEST_ASSERT_STATUS(Status::kOk, read_only);
  TEST_ASSERT_STATUS(Status::kAccessDenied, create(kFree + 2, entry, stack, kFree));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kFree + 2));
  // The target slot: taken, or past the space.
  TEST_ASSERT_STATUS(Status::kAlreadyExists,
                     create(kSlotSelfAddressSpace, entry, stack, kSlotSelfTask));
  TEST_ASSERT_STATUS(Status::kBadHandle,
                     create(kSlotSelfAddressSpace, entry, stack, kTaskCapSlots));
  // None of these left a capability in the free slot.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_cap_type(kFree));
}

void test_thread_capability_names_a_thread() {
  const uint32_t exited_before = __atomic_load_n(&g_exited, __ATOMIC_ACQUIRE);
  const uint32_t slot = g_next_slot;
  TEST_ASSERT_STATUS(Status::kOk, spawn([](uint32_t) {}, 0));
  const SyscallResult type = sys_cap_type(slot);
  TEST_ASSERT_STATUS(Status::kOk, type);
  TEST_ASSERT_EQUAL_UINT64(static_cast<uint64_t>(CapabilityType::kThread), type.extra);
  TEST_ASSERT_TRUE(wait_for_workers(exited_before + 1));
  // The capability outlives the thread's end; deleting it frees the thread.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(slot));
}

}  // namespace

void setUp() {}
void tearDown() {}

int main(int, char**) {
  UNITY_BEGIN();
  RUN_TEST(test_thread_create_errors);
  RUN_TEST(test_thread_capability_names_a_thread);
  RUN_TEST(test_threads_run_at_the_same_time_on_several_cpus);
  RUN_TEST(test_sse_registers_do_not_leak_between_threads);
  return UNITY_END();
}
