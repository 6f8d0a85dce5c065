// What runs between crt0's _start and main: the program's static constructors, main, then
// thread_exit. A nonzero result from main is reported on the kernel log, since thread_exit carries
// no status yet.
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"

int main(int argc, char** argv);

using InitFunction = void (*)();
extern "C" const InitFunction __init_array_start[], __init_array_end[];  // user_program.ld

extern "C" [[noreturn]] void libsys_start(int argc, char** argv) {
  for (const InitFunction* f = __init_array_start; f < __init_array_end; ++f) (*f)();
  const int result = main(argc, argv);
  if (result != 0) sys::printf("%s: main returned %d\n", argc > 0 ? argv[0] : "?", result);
  (void)sys_thread_exit();
  __builtin_trap();  // thread_exit does not return; if it did, the fault ends the program
}
