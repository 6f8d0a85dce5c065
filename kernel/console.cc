#include "kernel/console.h"

#include <atomic>

#include "kernel/arch/arch.h"
#include "kernel/lib/format.h"
#include "kernel/lib/spin_lock.h"

namespace {
SpinLock g_console_lock{LockClass::kConsole};
std::atomic<bool> g_panic_mode{false};
constexpr size_t kLineBytes = 512;
}  // namespace

void console_write_locked(const char* s, size_t len) {
  if (g_panic_mode.load(std::memory_order_relaxed)) {
    arch::console_write(s, len);
    return;
  }
  SpinGuard guard(g_console_lock);
  arch::console_write(s, len);
}

void kvprintf(const char* fmt, va_list args) {
  char line[kLineBytes];
  size_t n = vformat(line, sizeof(line), fmt, args);
  if (n >= sizeof(line)) n = sizeof(line) - 1;
  console_write_locked(line, n);
}

void kprintf(const char* fmt, ...) {
  va_list args;
  va_start(args, fmt);
  kvprintf(fmt, args);
  va_end(args);
}

void console_enter_panic_mode() {
  // Give a CPU that is printing a moment to finish its line, then stop honouring the lock.
  for (int i = 0; i < 1000000 && g_console_lock.is_locked(); ++i) cpu_relax();
  g_panic_mode.store(true, std::memory_order_relaxed);
}
