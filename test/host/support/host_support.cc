// Host stand-ins for the few kernel services portable code calls: assertion failure, the interrupt
// flag (no-ops: a host thread has none), and Unity's output sink (stdout).
#include <stdio.h>
#include <stdlib.h>

#include "base/assert.h"
#include "kernel/lib/irq_state.h"

void assert_fail(const char* expr, const char* file, int line) {
  fflush(stdout);
  fprintf(stderr, "ASSERT failed: %s at %s:%d\n", expr, file, line);
  abort();
}

IrqFlags irq_save_disable() { return 0; }
void irq_restore(IrqFlags) {}

extern "C" void unity_output_char(int c) { putchar(c); }
