// The port-I/O syscalls and the I/O counters from user space (docs/io-ports.md), started by init
// (io_ports_test.manifest) with the root IoPorts capability (kRootSlot) and the Module capability
// of io_sweep_child (kChildModuleSlot). Checks:
//   - io_in and io_out on harmless ports: port 0x80 (the POST port; its neighbours 0x81-0x83 are
//     the DMA page registers nothing uses) at widths 1, 2 and 4, and the CMOS index/data pair
//     (index 0x00 = seconds, a value below 0x60 in BCD or binary);
//   - every refusal: empty slot, slot word too wide, wrong type, a copy without the right,
//     bad width, an out value wider than the width, an access straddling a narrowed capability's
//     edge, the top of the port space, a port above 65535; none made an access (the kernel's
//     count of syscall accesses did not move);
//   - io_vector: results written back, the first bad operation's index, no access made when any
//     operation is refused, the count limit, user pointers (a read-only array is refused whole);
//   - io_counters: a bad CPU or pointer is refused; the total lies between the sums of per-CPU
//     reads taken before and after it; a thread pinned to CPU 1 doing IN on an enabled capability
//     shows that CPU's switches and loads rising, and a disable made on CPU 2 while it runs there
//     counts one revocation and sends CPU 1 an invalidation IPI;
//   - what an IN from port 0x80 costs through each path (printed only);
//   - the sel4test port sweep: IN from every 256th port (0x0000, 0x0100, .., 0xFF00) by a task
//     without IoPorts capabilities is exactly 256 port faults. A fault cannot be resumed past the
//     instruction (docs/faults.md), so each port gets a fresh child task (io_sweep_child) whose
//     one IN faults; this test, its supervisor, checks the message and answers kill.
#include <stddef.h>
#include <stdint.h>

#include <atomic>

#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/io_counters_snapshot.h"
#include "abi/portcullis/io_port_op.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "abi/portcullis/thread_params.h"
#include "io_sweep_protocol.h"  // beside this file: test code is outside the user include path
#include "libsys/port.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name((actual).status))

// The slots io_ports_test.manifest grants into.
constexpr uint32_t kRootSlot = 10;
constexpr uint32_t kChildModuleSlot = 11;
// This test's own slots.
constexpr uint32_t kPorts = 20;  // a narrowed copy, per test
constexpr uint32_t kOther = 21;  // another one
constexpr uint32_t kEmpty = 22;  // never filled
constexpr uint32_t kTask = 23;
constexpr uint32_t kSupervisor = 24;

constexpr uint16_t kPostPort = 0x80;
constexpr uint16_t kCmosIndex = 0x70;
constexpr uint16_t kCmosData = 0x71;
constexpr uint32_t kRw = kCapRead | kCapWrite;

// Long enough for a loaded host under Bochs; a child that never faults fails the test, not the
// boot.
constexpr uint64_t kWaitNs = uint64_t{60} * 1000 * 1000 * 1000;

void narrow(uint32_t from, uint32_t to, uint32_t rights, uint64_t base, uint64_t count) {
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_copy(from, to, rights, kCapCopyNarrow, base, count));
}

IoCountersSnapshot counters_of(uint64_t cpu) {
  IoCountersSnapshot c;
  TEST_ASSERT_STATUS(Status::kOk, sys_io_counters(cpu, &c));
  return c;
}

uint32_t cpu_count() {
  IoCountersSnapshot c;
  const SyscallResult r = sys_io_counters(kIoCountersAllCpus, &c);
  TEST_ASSERT_STATUS(Status::kOk, r);
  return static_cast<uint32_t>(r.extra);
}

// Port accesses the kernel made for io_in, io_out and io_vector, on every CPU. Only this program
// makes them in this boot, so a difference is this program's.
uint64_t syscall_accesses() { return counters_of(kIoCountersAllCpus).syscall_accesses; }

}  // namespace

void setUp() {}

void tearDown() {
  (void)sys_cap_delete(kPorts);
  (void)sys_cap_delete(kOther);
  (void)sys_cap_delete(kTask);
  (void)sys_cap_delete(kSupervisor);
}

// --- io_in and io_out ---------------------------------------------------------------------------

void test_in_and_out_at_every_width() {
  narrow(kRootSlot, kPorts, kRw, kPostPort, 4);
  const uint64_t before = syscall_accesses();
  const uint32_t widths[] = {1, 2, 4};
  for (const uint32_t width : widths) {
    const SyscallResult in = sys_io_in(kPorts, kPostPort, width);
    TEST_ASSERT_STATUS(Status::kOk, in);
    if (width < 4) TEST_ASSERT_EQUAL_UINT64(0, in.extra >> (8 * width));  // zero-extended
    TEST_ASSERT_EQUAL_UINT64(0, in.extra >> 32);
    const SyscallResult out = sys_io_out(kPorts, kPostPort, width, 0);
    TEST_ASSERT_STATUS(Status::kOk, out);
    TEST_ASSERT_EQUAL_UINT64(0, out.extra);
  }
  TEST_ASSERT_EQUAL_UINT64(before + 6, syscall_accesses());
}

void test_cmos_seconds_through_index_and_data() {
  narrow(kRootSlot, kPorts, kCapWrite, kCmosIndex, 1);
  narrow(kRootSlot, kOther, kCapRead, kCmosData, 1);
  TEST_ASSERT_STATUS(Status::kOk, sys_io_out(kPorts, kCmosIndex, 1, 0x00));  // register 0: seconds
  const SyscallResult seconds = sys_io_in(kOther, kCmosData, 1);
  TEST_ASSERT_STATUS(Status::kOk, seconds);
  TEST_ASSERT_TRUE(seconds.extra < 0x60);  // 0-59 binary, or 0x00-0x59 BCD
}

void test_refusals_make_no_access() {
  narrow(kRootSlot, kPorts, kRw, kPostPort, 4);
  const uint64_t before = syscall_accesses();
  // The slot: empty, past the space, a word wider than 32 bits, another type.
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_in(kEmpty, kPostPort, 1));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_out(kEmpty, kPostPort, 1, 0));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_in(kTaskCapSlots + 1, kPostPort, 1));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_in(uint64_t{1} << 32 | kPorts, kPostPort, 1));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_io_in(kSlotSelfTask, kPostPort, 1));
  TEST_ASSERT_STATUS(Status::kWrongType, sys_io_out(kChildModuleSlot, kPostPort, 1, 0));
  // A stale slot: the capability was deleted.
  narrow(kRootSlot, kOther, kRw, kPostPort, 1);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kOther));
  TEST_ASSERT_STATUS(Status::kBadHandle, sys_io_in(kOther, kPostPort, 1));
  // The rights: a read-only copy cannot OUT, a write-only copy cannot IN.
  narrow(kPorts, kOther, kCapRead, kPostPort, 4);
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_out(kOther, kPostPort, 1, 0));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kOther));
  narrow(kPorts, kOther, kCapWrite, kPostPort, 4);
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_in(kOther, kPostPort, 1));
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kOther));
  // The width, and an out value wider than it.
  const uint64_t bad_widths[] = {0, 3, 8, uint64_t{1} << 32 | 1};
  for (const uint64_t width : bad_widths) {
    TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_io_in(kPorts, kPostPort, width));
    TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_io_out(kPorts, kPostPort, width, 0));
  }
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_io_out(kPorts, kPostPort, 1, 0x100));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_io_out(kPorts, kPostPort, 2, 0x10000));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_io_out(kPorts, kPostPort, 4, uint64_t{1} << 32));
  // The range: [0x80, 0x84) takes 0x80 at width 4 and 0x82 at width 2, nothing that sticks out.
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_in(kPorts, kPostPort - 1, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_in(kPorts, kPostPort - 1, 2));  // straddles 0x80
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_in(kPorts, kPostPort + 1, 4));  // straddles 0x84
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_out(kPorts, kPostPort + 3, 2, 0));
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_in(kPorts, kPostPort + 4, 1));
  // One port at the top of the port space: width 2 and 4 would go past 0xFFFF.
  narrow(kRootSlot, kOther, kRw, 0xFFFF, 1);
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_in(kOther, 0xFFFF, 2));
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_in(kOther, 0xFFFF, 4));
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_out(kOther, 0xFFFF, 2, 0));
  // Ports above 65535, even with the root capability.
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_in(kRootSlot, 0x10000, 1));
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_out(kRootSlot, uint64_t{1} << 32 | 0x80, 1, 0));
  TEST_ASSERT_EQUAL_UINT64(before, syscall_accesses());
}

void test_enabled_capability_works_too() {
  // Enabling is not needed, and does not get in the way.
  narrow(kRootSlot, kPorts, kRw, kPostPort, 1);
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPorts));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_in(kPorts, kPostPort, 1));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_disable(kPorts));
  TEST_ASSERT_STATUS(Status::kOk, sys_io_in(kPorts, kPostPort, 1));
}

// --- io_vector ----------------------------------------------------------------------------------

constexpr uint32_t kUntouched = 0xDEADBEEF;  // in operations' values before the call
alignas(8) IoPortOp g_ops[kIoVectorMaxOps + 1];
const IoPortOp kReadOnlyOps[2] = {io_in_op(kPostPort, 1), io_in_op(kPostPort, 1)};

// The CMOS pair and port 0x80 in one capability: [0x70, 0x84).
void vector_capability(uint32_t rights) { narrow(kRootSlot, kPorts, rights, kCmosIndex, 0x14); }

uint32_t fill_valid_ops() {
  g_ops[0] = io_out_op(kCmosIndex, 1, 0x00);
  g_ops[1] = io_in_op(kCmosData, 1);
  g_ops[2] = io_in_op(kPostPort, 1);
  g_ops[3] = io_in_op(kPostPort, 2);
  g_ops[4] = io_in_op(kPostPort, 4);
  g_ops[5] = io_out_op(kPostPort, 1, 0x55);
  for (uint32_t i = 0; i < 6; ++i) {
    if (g_ops[i].direction == IoPortDirection::kIn) g_ops[i].value = kUntouched;
  }
  return 6;
}

void test_vector_writes_results_back() {
  vector_capability(kRw);
  const uint32_t count = fill_valid_ops();
  const uint64_t before = syscall_accesses();
  const SyscallResult r = sys_io_vector(kPorts, g_ops, count);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(count, r.extra);
  TEST_ASSERT_EQUAL_UINT64(before + count, syscall_accesses());
  TEST_ASSERT_TRUE(g_ops[1].value < 0x60);  // the seconds
  TEST_ASSERT_TRUE(g_ops[2].value <= 0xFF);
  TEST_ASSERT_TRUE(g_ops[3].value <= 0xFFFF);
  TEST_ASSERT_EQUAL_UINT32(0x00, g_ops[0].value);  // out operations keep their values
  TEST_ASSERT_EQUAL_UINT32(0x55, g_ops[5].value);
  TEST_ASSERT_EQUAL_UINT16(kPostPort, g_ops[4].port);
  TEST_ASSERT_EQUAL_UINT8(4, g_ops[4].width);
  TEST_ASSERT_STATUS(Status::kOk, sys_io_vector(kPorts, g_ops, 0));
}

// One bad operation at `index` among valid ones: refused with its index, nothing accessed, the
// array as it was.
void expect_bad_op(uint32_t index, IoPortOp bad, Status expected) {
  const uint32_t count = fill_valid_ops();
  g_ops[index] = bad;
  IoPortOp copy[6];
  for (uint32_t i = 0; i < count; ++i) copy[i] = g_ops[i];
  const uint64_t before = syscall_accesses();
  const SyscallResult r = sys_io_vector(kPorts, g_ops, count);
  TEST_ASSERT_STATUS(expected, r);
  TEST_ASSERT_EQUAL_UINT64(index, r.extra);
  TEST_ASSERT_EQUAL_UINT64(before, syscall_accesses());
  for (uint32_t i = 0; i < count; ++i) TEST_ASSERT_TRUE(copy[i] == g_ops[i]);
}

void test_vector_reports_the_first_bad_op_and_accesses_nothing() {
  vector_capability(kRw);
  expect_bad_op(3, io_in_op(0x90, 1), Status::kOutOfRange);
  expect_bad_op(5, io_in_op(0x83, 2), Status::kOutOfRange);  // straddles the capability's end
  expect_bad_op(0, io_in_op(0x6F, 2), Status::kOutOfRange);  // straddles its start
  expect_bad_op(2, io_in_op(kPostPort, 3), Status::kInvalidArgument);
  expect_bad_op(4, IoPortOp{kPostPort, 1, static_cast<IoPortDirection>(2), 0},
                Status::kInvalidArgument);
  expect_bad_op(1, io_out_op(kPostPort, 1, 0x100), Status::kInvalidArgument);
  // The first of two bad operations is the one reported.
  const uint32_t count = fill_valid_ops();
  g_ops[2] = io_in_op(0x90, 1);
  g_ops[4] = io_in_op(kPostPort, 0);
  const SyscallResult r = sys_io_vector(kPorts, g_ops, count);
  TEST_ASSERT_STATUS(Status::kOutOfRange, r);
  TEST_ASSERT_EQUAL_UINT64(2, r.extra);
  // Rights per operation: a read-only capability takes the in operations, refuses the out one.
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kPorts));
  vector_capability(kCapRead);
  g_ops[0] = io_in_op(kPostPort, 1);
  g_ops[1] = io_in_op(kCmosData, 1);
  g_ops[2] = io_out_op(kPostPort, 1, 0);
  const uint64_t before = syscall_accesses();
  const SyscallResult denied = sys_io_vector(kPorts, g_ops, 3);
  TEST_ASSERT_STATUS(Status::kAccessDenied, denied);
  TEST_ASSERT_EQUAL_UINT64(2, denied.extra);
  TEST_ASSERT_EQUAL_UINT64(before, syscall_accesses());
}

void test_vector_refused_whole() {
  vector_capability(kRw);
  const uint32_t count = fill_valid_ops();
  const uint64_t before = syscall_accesses();
  // The whole call's refusals name `count` (capped to 32 bits).
  SyscallResult r = sys_io_vector(kPorts, g_ops, kIoVectorMaxOps + 1);
  TEST_ASSERT_STATUS(Status::kOutOfRange, r);
  TEST_ASSERT_EQUAL_UINT64(kIoVectorMaxOps + 1, r.extra);
  r = sys_io_vector(kPorts, g_ops, uint64_t{1} << 40);
  TEST_ASSERT_STATUS(Status::kOutOfRange, r);
  TEST_ASSERT_EQUAL_UINT64(UINT32_MAX, r.extra);
  r = sys_io_vector(kEmpty, g_ops, count);
  TEST_ASSERT_STATUS(Status::kBadHandle, r);
  TEST_ASSERT_EQUAL_UINT64(count, r.extra);
  r = sys_io_vector(kSlotSelfAddressSpace, g_ops, count);
  TEST_ASSERT_STATUS(Status::kWrongType, r);
  TEST_ASSERT_EQUAL_UINT64(count, r.extra);
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_io_vector(kPorts, 8, 1));  // the null page
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_vector(kPorts, uint64_t{1} << 47, 1));
  TEST_ASSERT_STATUS(Status::kOverflow, sys_io_vector(kPorts, ~uint64_t{0} - 8, 2));
  // A read-only array could not take the results: refused before any access.
  r = sys_io_vector(kPorts, kReadOnlyOps, 2);
  TEST_ASSERT_STATUS(Status::kNotFound, r);
  TEST_ASSERT_EQUAL_UINT64(2, r.extra);
  TEST_ASSERT_EQUAL_UINT64(before, syscall_accesses());
}

void test_vector_of_the_most_operations() {
  vector_capability(kRw);
  for (uint32_t i = 0; i < kIoVectorMaxOps; ++i) g_ops[i] = io_in_op(kPostPort, 1);
  const uint64_t before = syscall_accesses();
  const SyscallResult r = sys_io_vector(kPorts, g_ops, kIoVectorMaxOps);
  TEST_ASSERT_STATUS(Status::kOk, r);
  TEST_ASSERT_EQUAL_UINT64(before + kIoVectorMaxOps, syscall_accesses());
}

// --- io_counters ------------------------------------------------------------------------------

const IoCountersSnapshot kReadOnlyCounters{1};  // not all zero: .rodata, never .bss

void test_counters_refusals() {
  const uint32_t cpus = cpu_count();
  TEST_ASSERT_TRUE(cpus >= 1);
  IoCountersSnapshot c;
  SyscallResult r = sys_io_counters(cpus, &c);  // one past the last online CPU
  TEST_ASSERT_STATUS(Status::kOutOfRange, r);
  TEST_ASSERT_EQUAL_UINT64(cpus, r.extra);
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_counters(64, &c));
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_counters(uint64_t{1} << 32, &c));
  TEST_ASSERT_STATUS(Status::kOutOfRange, sys_io_counters(kIoCountersAllCpus - 1, &c));
  TEST_ASSERT_STATUS(Status::kInvalidArgument, sys_io_counters(0, 16));  // the null page
  TEST_ASSERT_STATUS(Status::kAccessDenied, sys_io_counters(0, uint64_t{1} << 47));
  TEST_ASSERT_STATUS(Status::kOverflow, sys_io_counters(0, ~uint64_t{0} - 8));
  TEST_ASSERT_STATUS(Status::kNotFound, sys_io_counters(kIoCountersAllCpus, &kReadOnlyCounters));
  for (uint32_t cpu = 0; cpu < cpus; ++cpu) {
    TEST_ASSERT_STATUS(Status::kOk, sys_io_counters(cpu, &c));
  }
}

constexpr uint32_t kFields = sizeof(IoCountersSnapshot) / sizeof(uint64_t);
const uint64_t* fields(const IoCountersSnapshot& c) {
  return reinterpret_cast<const uint64_t*>(&c);
}

void test_total_lies_between_sums_of_cpus() {
  const uint32_t cpus = cpu_count();
  uint64_t low[kFields] = {};
  uint64_t high[kFields] = {};
  for (uint32_t cpu = 0; cpu < cpus; ++cpu) {
    const IoCountersSnapshot c = counters_of(cpu);
    for (uint32_t f = 0; f < kFields; ++f) low[f] += fields(c)[f];
  }
  const IoCountersSnapshot total = counters_of(kIoCountersAllCpus);
  for (uint32_t cpu = 0; cpu < cpus; ++cpu) {
    const IoCountersSnapshot c = counters_of(cpu);
    for (uint32_t f = 0; f < kFields; ++f) high[f] += fields(c)[f];
  }
  for (uint32_t f = 0; f < kFields; ++f) {
    TEST_ASSERT_TRUE(low[f] <= fields(total)[f]);
    TEST_ASSERT_TRUE(fields(total)[f] <= high[f]);
  }
  // Something has been counted: this program's own switches at least.
  TEST_ASSERT_TRUE(total.switches > 0);
}

// The driver thread pinned to CPU 1: IN from port 0x80 (enabled) until told to stop, then spins in
// user mode without port accesses, its bitmap still active on CPU 1, until told to exit.
std::atomic<uint32_t> g_phase{0};  // 0: read ports, 1: spin without, 2: exit
std::atomic<uint64_t> g_reads{0};

void driver(void*) {
  while (g_phase.load(std::memory_order_acquire) == 0) {
    (void)sys::raw_in<uint8_t>(kPostPort);
    g_reads.fetch_add(1, std::memory_order_release);
  }
  while (g_phase.load(std::memory_order_acquire) == 1) __builtin_ia32_pause();
}

Status g_disabled = Status::kBadState;
IoCountersSnapshot g_before_disable;
IoCountersSnapshot g_after_disable;

void disabler(void*) {
  g_before_disable = counters_of(2);
  g_disabled = sys_io_ports_disable(kPorts).status;
  g_after_disable = counters_of(2);
}

void wait_until_reads(uint64_t reads) {
  uint32_t never = 0;
  const uint64_t deadline = sys_monotonic_ns().extra + kWaitNs;
  while (g_reads.load(std::memory_order_acquire) < reads && sys_monotonic_ns().extra < deadline) {
    (void)sys_wait_while_equal(&never, 0, 1000 * 1000);  // 1 ms naps
  }
  TEST_ASSERT_TRUE(g_reads.load(std::memory_order_acquire) >= reads);
}

void test_counters_of_a_driver_cpu() {
  if (cpu_count() < 3) TEST_IGNORE_MESSAGE("needs 3 CPUs");
  narrow(kRootSlot, kPorts, kRw, kPostPort, 1);
  const IoCountersSnapshot cpu1_before = counters_of(1);
  const IoCountersSnapshot total_before = counters_of(kIoCountersAllCpus);
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPorts));
  g_phase.store(0);
  g_reads.store(0);
  sys::Thread driver_thread;
  sys::ThreadOptions on_cpu1;
  on_cpu1.cpu = 1;
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kOk),
                           status_name(driver_thread.start(driver, nullptr, on_cpu1)));
  wait_until_reads(1000);
  g_phase.store(1, std::memory_order_release);
  // The driver ran on CPU 1 with its ports: switched in there, its bitmap loaded into a slot.
  const IoCountersSnapshot cpu1_after = counters_of(1);
  TEST_ASSERT_TRUE(cpu1_after.switches > cpu1_before.switches);
  TEST_ASSERT_TRUE(cpu1_after.loads > cpu1_before.loads);
  TEST_ASSERT_TRUE(cpu1_after.bytes_copied > cpu1_before.bytes_copied);
  // Disabled from CPU 2 while CPU 1 has the bitmap active: CPU 1 is interrupted, once.
  sys::Thread disabler_thread;
  sys::ThreadOptions on_cpu2;
  on_cpu2.cpu = 2;
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kOk),
                           status_name(disabler_thread.start(disabler, nullptr, on_cpu2)));
  disabler_thread.join();
  g_phase.store(2, std::memory_order_release);
  driver_thread.join();
  TEST_ASSERT_EQUAL_STRING(status_name(Status::kOk), status_name(g_disabled));
  TEST_ASSERT_EQUAL_UINT64(g_before_disable.revocations + 1, g_after_disable.revocations);
  TEST_ASSERT_TRUE(g_after_disable.revocation_targets > g_before_disable.revocation_targets);
  // CPU 1 at least (others where a thread of this task last ran may have it active too).
  TEST_ASSERT_TRUE(g_after_disable.invalidation_ipis > g_before_disable.invalidation_ipis);
  const IoCountersSnapshot cpu1_end = counters_of(1);
  TEST_ASSERT_TRUE(cpu1_end.invalidations > cpu1_after.invalidations);
  const IoCountersSnapshot total_after = counters_of(kIoCountersAllCpus);
  TEST_ASSERT_TRUE(total_after.revocations > total_before.revocations);
  TEST_ASSERT_TRUE(total_after.invalidation_ipis > total_before.invalidation_ipis);
}

// --- what each path costs (printed, not judged) ------------------------------------------------

inline uint64_t rdtsc() {
  uint32_t lo, hi;
  asm volatile("rdtsc" : "=a"(lo), "=d"(hi)::"memory");
  return (uint64_t{hi} << 32) | lo;
}

// The median of 101 rounds of `per_round` accesses, in TSC ticks per access.
template <typename F>
uint64_t ticks_per_access(uint32_t per_round, F round) {
  constexpr uint32_t kRounds = 101;
  uint64_t samples[kRounds];
  for (uint64_t& sample : samples) {
    const uint64_t t0 = rdtsc();
    round();
    sample = (rdtsc() - t0) / per_round;
  }
  for (uint32_t i = 1; i < kRounds; ++i) {  // insertion sort: 101 values
    for (uint32_t j = i; j > 0 && samples[j - 1] > samples[j]; --j) {
      const uint64_t t = samples[j];
      samples[j] = samples[j - 1];
      samples[j - 1] = t;
    }
  }
  return samples[kRounds / 2];
}

// IN from port 0x80 three ways: the instruction itself on an enabled capability, io_in, and
// io_vector with 64 operations. Emulated port 0x80 costs the same each way, so the differences are
// the paths'. (Figures from QEMU TCG without -icount depend on the host; the boot only prints
// them.)
void test_cost_of_each_path() {
  narrow(kRootSlot, kPorts, kRw, kPostPort, 1);
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_enable(kPorts));
  const uint64_t direct = ticks_per_access(1, [] { (void)sys::raw_in<uint8_t>(kPostPort); });
  const uint64_t call = ticks_per_access(1, [] { (void)sys_io_in(kPorts, kPostPort, 1); });
  for (uint32_t i = 0; i < kIoVectorMaxOps; ++i) g_ops[i] = io_in_op(kPostPort, 1);
  const uint64_t vector = ticks_per_access(
      kIoVectorMaxOps, [] { (void)sys_io_vector(kPorts, g_ops, kIoVectorMaxOps); });
  TEST_ASSERT_STATUS(Status::kOk, sys_io_ports_disable(kPorts));
  sys::printf(
      "io_ports_user_test: IN from port 0x80, TSC ticks per access: enabled (the instruction) %lu, "
      "io_in %lu, io_vector of %u %lu\n",
      direct, call, kIoVectorMaxOps, vector);
}

// --- the port sweep -----------------------------------------------------------------------------

void format_decimal(uint32_t n, char* out) {
  char digits[8];
  uint32_t count = 0;
  do {
    digits[count++] = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n != 0);
  while (count > 0) *out++ = digits[--count];
  *out = '\0';
}

// One child: spawned, supervised by kSupervisor, started; its IN from `port` must fault.
void sweep_one(uint32_t port, uint32_t* faults) {
  char line[32] = "io_sweep_child ";
  format_decimal(port, line + 15);
  size_t length = 0;
  while (line[length] != '\0') ++length;
  TEST_ASSERT_STATUS(Status::kOk, sys_task_spawn(kChildModuleSlot, line, length, kTask));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_set_supervisor(kTask, kSupervisor));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_grant(kTask, kSupervisor, kSweepReportSlot, kCapWrite));
  TEST_ASSERT_STATUS(Status::kOk, sys_task_start(kTask));
  IpcMessage m;
  TEST_ASSERT_STATUS(Status::kOk, sys_ipc_receive(kSupervisor, &m, kWaitNs));
  if (m.label == kFaultMessageLabel) {
    const FaultMessage f = fault_message_unpack(m.words);
    TEST_ASSERT_EQUAL_UINT8(static_cast<uint8_t>(FaultKind::kPort), static_cast<uint8_t>(f.kind));
    TEST_ASSERT_EQUAL_UINT8(13, f.vector);
    TEST_ASSERT_EQUAL_HEX32(port, fault_port(f.detail));
    TEST_ASSERT_EQUAL_UINT32(1, fault_port_width(f.detail));
    TEST_ASSERT_FALSE(fault_port_is_out(f.detail));
    ++*faults;
  } else {
    sys::printf("io_ports_user_test: IN from port %#x did not fault\n", port);
  }
  m = IpcMessage{};
  m.label = kFaultReplyKill;  // to a fault: kill; to the child's report: any answer
  TEST_ASSERT_STATUS(Status::kTimedOut, sys_ipc_reply_receive(kSupervisor, &m, 0));
  const SyscallResult end = sys_task_wait(kTask);
  TEST_ASSERT_STATUS(Status::kOk, end);
  TEST_ASSERT_STATUS(Status::kOk, sys_cap_delete(kTask));
}

void test_port_sweep_faults_on_every_port() {
  TEST_ASSERT_STATUS(Status::kOk, sys_endpoint_create(kSupervisor));
  const uint64_t start_ns = sys_monotonic_ns().extra;
  uint32_t faults = 0;
  for (uint32_t port = 0; port <= 0xFF00; port += 0x100) sweep_one(port, &faults);
  TEST_ASSERT_EQUAL_UINT32(256, faults);
  sys::printf("io_ports_user_test: port sweep: 256 children, %u port faults, %lu ms\n", faults,
              (sys_monotonic_ns().extra - start_ns) / 1000000);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_in_and_out_at_every_width);
  RUN_TEST(test_cmos_seconds_through_index_and_data);
  RUN_TEST(test_refusals_make_no_access);
  RUN_TEST(test_enabled_capability_works_too);
  RUN_TEST(test_vector_writes_results_back);
  RUN_TEST(test_vector_reports_the_first_bad_op_and_accesses_nothing);
  RUN_TEST(test_vector_refused_whole);
  RUN_TEST(test_vector_of_the_most_operations);
  RUN_TEST(test_counters_refusals);
  RUN_TEST(test_total_lies_between_sums_of_cpus);
  RUN_TEST(test_counters_of_a_driver_cpu);
  RUN_TEST(test_cost_of_each_path);
  RUN_TEST(test_port_sweep_faults_on_every_port);
  return UNITY_END();
}
