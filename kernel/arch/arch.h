// The arch interface: everything generic kernel code may ask of the machine. Declared here, defined
// under kernel/arch/x86_64/. Generic code includes this header and never an x86 one.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/page.h"
#include "base/cpu_set.h"
#include "base/result.h"
#include "boot/layout.h"

class HeldLocks;
class IoBitmap;
class TaskIoPorts;
struct IoCounters;
struct IoTssView;
class Thread;
class UserTrapHandler;

namespace arch {

// Physical memory is reachable through the direct map at DIRECT_MAP_BASE, and the kernel image runs
// at KERNEL_VMA + its physical address (both in boot/layout.h, shared with the boot assembly).
template <typename T = void>
T* phys_to_virt(uint64_t phys) {
  return reinterpret_cast<T*>(phys + DIRECT_MAP_BASE);
}
inline uint64_t virt_to_phys_direct(const void* p) {
  return reinterpret_cast<uint64_t>(p) - DIRECT_MAP_BASE;
}
inline uint64_t kernel_image_virt_to_phys(const void* p) {
  return reinterpret_cast<uint64_t>(p) - KERNEL_VMA;
}

// Boot-time set-up, in order: the boot CPU's tables, then memory, then the other CPUs.
void early_init();  // console ports, GDT/IDT/TSS and per-CPU data of the boot CPU
// LAPIC and timer on this CPU, then start every other CPU in `apic_ids` (the firmware's list, boot
// CPU included or not), one at a time. CPUs that do not answer are logged and left out.
Status smp_init(const uint32_t* apic_ids, uint32_t count);
void finish_boot();      // drop the identity map (this CPU's TLB; see flush_tlb_local)
void flush_tlb_local();  // reload CR3

// Console output: COM1 and the 0xE9 debug port. Callers serialize (see kernel/console.h).
void console_write(const char* s, size_t len);

// CPUs.
CpuSet online_cpus();  // CPUs that finished bring-up
uint32_t cpu_count();  // online_cpus().count()
// current_cpu(): the logical index of this CPU (0 = boot CPU); inline, below.
uint32_t current_apic_id();
uint64_t timer_ticks();              // this CPU's periodic timer interrupts so far
void send_call_ipi(CpuSet targets);  // run pending cross-CPU calls on `targets`
void enable_interrupts();
void disable_interrupts();
void wait_for_interrupt();  // hlt with interrupts enabled
[[noreturn]] void halt_forever();
void stop_other_cpus();  // NMI every other CPU into a halt loop (panic path)
uint64_t timestamp();    // rdtsc
// A difference of two timestamp()s in nanoseconds (the monotonic clock's rate; 0 before it is
// calibrated).
uint64_t timestamp_to_ns(uint64_t cycles);
// This CPU's held-spinlock stack (debug kernels: kernel/lib/lock_order.h). Interrupts off while
// it is used, so the CPU cannot change under the caller.
HeldLocks* held_locks_here();
// Nanoseconds since the timer was calibrated at boot, never smaller than any value returned
// before on any CPU (the TSC at a rate measured against the PIT: kernel/arch/x86_64/tsc_clock.h).
uint64_t monotonic_ns();

// Kernel page tables. Intermediate tables come from the frame allocator.
Status extend_direct_map(uint64_t phys_end);  // the boot tables cover 4 GiB; map RAM above it

// Address spaces: each has its own PML4 whose upper half is the kernel's.
uint64_t kernel_pml4();                       // physical address of the kernel's PML4
void copy_kernel_half(uint64_t* pml4);        // entries 256-511 from the kernel's PML4
void load_address_space(uint64_t pml4_phys);  // CR3 (flushes this CPU's non-global TLB entries)
uint64_t loaded_address_space();              // CR3 of this CPU
void invalidate_page(uint64_t virt);          // invlpg on this CPU
bool has_no_execute();                        // EFER.NXE is on (page tables may use bit 63)

// I/O ports: this CPU's TSS slot state (kernel/arch/x86_64/tss_io_state.h). Interrupts must be off.
void io_ports_switch_to(TaskIoPorts* next);  // the context switch's part (nullptr: no ports)
void io_ports_invalidate(
    const IoBitmap* bitmap);  // a revocation's part (see apply_io_invalidation)
// The #GP path: true when `task` holds the ports and this CPU's slot was stale; it has been
// reloaded and the instruction may be restarted.
bool io_ports_repair(TaskIoPorts& task, uint32_t port, uint32_t width);
// This CPU's I/O counters, which the changes this CPU makes to bitmaps count into.
IoCounters& io_counters_here();
// Online CPU `cpu`'s I/O counters, to read from any CPU (nullptr: not an online CPU).
const IoCounters* io_counters_of(uint32_t cpu);
// This CPU's TSS slots as system_info shows them (kernel/object/io_tss_view.h).
void io_ports_view_here(IoTssView* out);
// io_port_read() / io_port_write(): IN and OUT made by the kernel itself for the port-I/O calls,
// which have checked the caller's capability; inline, below.

// User memory. Copies `length` bytes between kernel and user memory, either way; returns how many
// were NOT copied, because a user page was not mapped (or, writing, not writable): the page fault
// ends the copy instead of the kernel (user_copy.S). The caller has checked that the user range
// lies in the user half (kernel/syscall/user_memory.h) and has the user's address space loaded.
size_t copy_user_bytes(void* dst, const void* src, size_t length);

// Running ring-3 code on this CPU until it ends: the step before threads, used to run a program
// (kernel/program/program_runner.h) and by tests. Interrupts must be off and the address space
// mapping `rip` and `rsp` loaded; ring 3 runs with interrupts on. Returns, interrupts off, when the
// code calls leave_user_code() from a syscall (exited) or takes any fault or trap (the vector, rip
// and, for a page fault, the address).
struct UserCodeEnd {
  bool exited;
  uint64_t vector;
  uint64_t rip;
  uint64_t fault_address;
};
UserCodeEnd run_user_code(uint64_t rip, uint64_t rsp);
bool running_user_code();  // on this CPU
// From a syscall of code that run_user_code started on this CPU: back to run_user_code's caller.
[[noreturn]] void leave_user_code();

// User threads (kernel/object/user_thread.h). enter_user_thread starts ring 3 at `rip` with stack
// `rsp` and rdx = `arg` (interrupts off on entry, on in ring 3) from the thread's own kernel stack;
// its faults go to user_thread_traps(), which the switch installs with every user thread. FS base:
// the thread's TLS pointer, kept per thread by the switch (IA32_FS_BASE; user GS stays 0).
[[noreturn]] void enter_user_thread(uint64_t rip, uint64_t rsp, uint64_t arg);
UserTrapHandler* user_thread_traps();
// read_fs_base() / write_fs_base(): inline, below.

// Threads (kernel/object/thread.h, kernel/sched/): the kernel context switch and the per-thread
// machine state it carries. All of these run with interrupts off.
// A thread's user FPU/SSE registers (the FXSAVE image; the kernel itself never touches them).
struct alignas(16) FpuState {
  uint8_t bytes[512];
};
void fpu_state_init(FpuState* state);  // what a new thread starts with: FNINIT's, MXCSR default
// fpu_save() / fpu_restore(): inline, below.
// Lays out a new thread's stack so that the first context_switch to the returned rsp calls
// sched_thread_start(thread) (kernel/sched/scheduler.h) on that stack, interrupts off.
uint64_t prepare_kernel_stack(uint64_t stack_top, Thread* thread);
// Saves the callee-saved registers and rsp in *save_rsp, then continues the thread whose rsp
// next_rsp holds (kernel/arch/x86_64/context_switch.S).
void context_switch(uint64_t* save_rsp, uint64_t next_rsp);
// Where ring 3 enters the kernel on this CPU (every TSS slot's RSP0 and PerCpu::kernel_stack_top,
// which the SYSCALL entry reads).
// set_kernel_stack(stack_top): inline, below.
uint64_t kernel_stack();
// set_user_traps(traps): this CPU's ring-3 trap route (user_entry.h); inline, below.
// current_thread() / set_current_thread(): this CPU's running thread (nullptr before the scheduler
// starts); inline, below.
void send_reschedule_ipi(uint32_t cpu);  // the target re-checks its run queue
// The idle thread's wait: called with interrupts off, it lets interrupts in and halts until one
// came (or, in the benchmarks' spin mode, only spins once), and returns with interrupts off.
void idle_wait();

// Leaving the machine: QEMU's isa-debug-exit if present, else Bochs's magic breakpoint, else halt.
enum class ExitCode : uint8_t { kPass = 0x10, kFail = 0x11, kPanic = 0x12 };
[[noreturn]] void exit_emulator(ExitCode code);

// Walks saved frame pointers from `rbp`, calling `visit` with each return address (at most `max`).
void backtrace(uint64_t rbp, void (*visit)(uint64_t rip, void* ctx), void* ctx, int max);

}  // namespace arch

// The inline per-CPU accessors: current_cpu, current_thread, set_current_thread.
#include "kernel/arch/x86_64/current_cpu.h"  // IWYU pragma: export
// irq_save_disable_inline, irq_restore_inline (kernel/lib/irq_state.h's kernel versions).
#include "kernel/arch/x86_64/irq_flags.h"  // IWYU pragma: export
// io_port_read, io_port_write.
#include "kernel/arch/x86_64/port_io.h"  // IWYU pragma: export
// fpu_save, fpu_restore, read_fs_base, write_fs_base.
#include "kernel/arch/x86_64/thread_switch.h"  // IWYU pragma: export
// set_syscall_argument_word: a system call's answer in an argument register.
#include "kernel/arch/x86_64/syscall_frame.h"  // IWYU pragma: export
