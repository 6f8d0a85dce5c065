// ASSERT's failure path in user space (base/assert.h): say which assertion failed on the debug
// console, then stop the thread with an invalid-opcode fault, which the kernel reports to the
// task's supervisor (today: the kernel logs the fault and ends the program).
#include "base/assert.h"
#include "libsys/syscall_stubs.h"

namespace {

uint64_t length_of(const char* text) {
  uint64_t n = 0;
  while (text[n] != '\0') ++n;
  return n;
}

void write_text(const char* text) { (void)sys_debug_write(text, length_of(text)); }

void write_decimal(uint32_t value) {
  char digits[10];
  uint32_t n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  char text[11];
  for (uint32_t i = 0; i < n; ++i) text[i] = digits[n - 1 - i];
  text[n] = '\0';
  write_text(text);
}

}  // namespace

void assert_fail(const char* expr, const char* file, int line) {
  write_text("ASSERT failed: ");
  write_text(expr);
  write_text(" at ");
  write_text(file);
  write_text(":");
  write_decimal(static_cast<uint32_t>(line));
  write_text("\n");
  __builtin_trap();
}
