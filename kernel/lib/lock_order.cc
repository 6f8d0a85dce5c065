// The kernel's half of the lock-order checker: one graph for the machine, one held-lock stack per
// CPU (in its per-CPU data, reached through arch::held_locks_here), and the panic.
#include "kernel/lib/lock_order.h"

#if PORTCULLIS_LOCK_ORDER

#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/lib/irq_state.h"
#include "kernel/lib/lock_order_graph.h"
#include "kernel/panic.h"

namespace {

constinit LockOrderGraph g_graph;
// Off until this CPU's per-CPU data exists (start); off again once a report is under way, so the
// panic path's own locks are not checked.
std::atomic<bool> g_checking{false};
std::atomic<bool> g_reporting{false};
// The most locks any CPU has held at once (print_graph), against HeldLocks::kMaxHeld.
std::atomic<uint32_t> g_deepest{0};

void print_line(const char* text, void*) { kprintf("  %s\n", text); }

void print_held(const HeldLocks& held) {
  kprintf("  held on cpu %u, oldest first (a lock waited for counts from the wait):\n",
          arch::current_cpu());
  for (uint32_t i = 0; i < held.count(); ++i) {
    const HeldLock& h = held.at(i);
    kprintf("    %s (lock %p) acquired at %s:%u (%s)\n", lock_class_name(h.lock_class), h.lock,
            h.site.file, h.site.line, h.site.function);
  }
}

// The held stack follows from the panic itself (print_held_here, for every CPU's report).
void print_report(void* arg) {
  static_cast<const LockOrderViolation*>(arg)->describe(print_line, nullptr);
}

[[noreturn]] void report(LockOrderViolation v) {
  panic_with_details(print_report, &v, "%s: %s -> %s", v.summary(),
                     lock_class_name(v.holder.lock_class), lock_class_name(v.lock_class));
}

// Everything below runs with interrupts off: an interrupt handler's acquisitions push onto the same
// stack, and must find it whole.
template <typename Check>
void checked(Check check) {
  if (!g_checking.load(std::memory_order_relaxed)) return;
  const IrqFlags flags = irq_save_disable();
  HeldLocks& held = *arch::held_locks_here();
  const LockOrderViolation v = check(held);
  if (!v.ok() && !g_reporting.exchange(true)) report(v);
  irq_restore(flags);
}

}  // namespace

namespace lock_order {

void acquire(const void* lock, LockClass lock_class, LockNesting nesting, Site site) {
  checked([&](HeldLocks& held) {
    const LockOrderViolation v = g_graph.acquire(held, lock, lock_class, nesting, site);
    uint32_t deepest = g_deepest.load(std::memory_order_relaxed);
    while (held.count() > deepest && !g_deepest.compare_exchange_weak(deepest, held.count())) {
    }
    return v;
  });
}

void release(const void* lock, Site site) {
  checked([&](HeldLocks& held) { return g_graph.release(held, lock, site); });
}

void start() { g_checking.store(true, std::memory_order_relaxed); }

void assert_none_held(const char* where) {
  if (!g_checking.load(std::memory_order_relaxed) || g_reporting.load()) return;
  const IrqFlags flags = irq_save_disable();
  const HeldLocks& held = *arch::held_locks_here();
  if (held.count() != 0 && !g_reporting.exchange(true)) {
    panic("%s with %u spinlocks held", where, held.count());  // the panic lists them
  }
  irq_restore(flags);
}

void lockup(const void* lock, LockClass lock_class, Site site, uint64_t seconds) {
  g_reporting.store(true);  // the panic path's own locks are not checked
  panic("lockup: cpu %u has waited %lu s for spinlock %s (lock %p) at %s:%u (%s)",
        arch::current_cpu(), seconds, lock_class_name(lock_class), lock, site.file, site.line,
        site.function);
}

void print_held_here() {
  if (!g_checking.load(std::memory_order_relaxed)) return;
  const HeldLocks& held = *arch::held_locks_here();
  if (held.count() == 0) {
    kprintf("  no spinlocks held on cpu %u\n", arch::current_cpu());
    return;
  }
  print_held(held);
}

uint32_t held_count() {
  const IrqFlags flags = irq_save_disable();
  const uint32_t n = arch::held_locks_here()->count();
  irq_restore(flags);
  return n;
}

bool has_edge(LockClass before, LockClass after) { return g_graph.has_edge(before, after); }

uint32_t edge_count() { return g_graph.edge_count(); }

void print_graph() {
  kprintf("lock order: %u edges (held -> acquired, first seen at); at most %u locks held at once\n",
          g_graph.edge_count(), g_deepest.load());
  for (uint32_t a = 0; a < kLockClassCount; ++a) {
    for (uint32_t b = 0; b < kLockClassCount; ++b) {
      const auto before = static_cast<LockClass>(a);
      const auto after = static_cast<LockClass>(b);
      LockEdgeSites s;
      if (!g_graph.has_edge(before, after) || !g_graph.edge_sites(before, after, &s)) continue;
      kprintf("lock order: %s -> %s at %s:%u (%s) under %s:%u (%s)\n", lock_class_name(before),
              lock_class_name(after), s.acquired.file, s.acquired.line, s.acquired.function,
              s.held.file, s.held.line, s.held.function);
    }
  }
}

}  // namespace lock_order

#endif  // PORTCULLIS_LOCK_ORDER
