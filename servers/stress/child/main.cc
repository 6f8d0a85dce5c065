// stress_child: the tasks the stress workloads spawn (servers/stress/), one program whose first
// argument says what it does (servers/stress/command_protocol.h):
//   stress_child exit        returns at once (task churn)
//   stress_child threads N   starts N threads that each yield once, joins them, returns
//   stress_child commands    runs its parent's commands (command_loop.cc)
//   stress_child inject 0xS  calls that allocate, with allocation failures injected (inject.cc)
//   stress_child ipc-victim ...   calls the controller until killed (kill workload)
//   stress_child port-driver ...  reads a port it was not granted (crash workload)
//   stress_child memclient ...    a memsrv client started by init (memsrv workload)
#include <stdint.h>

#include "base/c_string.h"
#include "libsys/syscall_stubs.h"
#include "libsys/thread.h"
#include "servers/stress/child/command_loop.h"
#include "servers/stress/child/inject.h"
#include "servers/stress/child/modes.h"
#include "servers/stress/command_protocol.h"

namespace {

void yield_once(void*) { (void)sys_thread_yield(); }

int run_threads(const char* count_text) {
  uint32_t count = 0;
  for (const char* c = count_text; *c >= '0' && *c <= '9'; ++c) count = count * 10 + (*c - '0');
  if (count == 0 || count > stress::kChildMaxThreads) return 102;
  sys::Thread threads[stress::kChildMaxThreads];
  sys::ThreadOptions small;
  small.stack_pages = 1;
  for (uint32_t i = 0; i < count; ++i) {
    if (threads[i].start(yield_once, nullptr, small) != Status::kOk) return 103;
  }
  return 0;  // the destructors join them
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 100;
  if (base::same_text(argv[1], stress::kChildModeExit)) return 0;
  if (base::same_text(argv[1], stress::kChildModeThreads) && argc >= 3) return run_threads(argv[2]);
  if (base::same_text(argv[1], stress::kChildModeCommands)) return stress::run_command_loop();
  if (base::same_text(argv[1], stress::kChildModeInject) && argc >= 3)
    return stress::run_inject(argv[2]);
  if (base::same_text(argv[1], "ipc-victim")) return stress::ipc_victim_main(argc, argv);
  if (base::same_text(argv[1], "port-driver")) return stress::port_driver_main(argc, argv);
  if (base::same_text(argv[1], "memclient")) return stress::mem_client_main(argc, argv);
  return 101;
}
