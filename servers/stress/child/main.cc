// stress_child: the tasks the stress workloads spawn (servers/stress/), one program whose first
// argument says what it does:
//   stress_child exit     returns at once (task churn)
//   stress_child ipc-victim ...   calls the controller until killed (kill workload)
//   stress_child port-driver ...  reads a port it was not granted (crash workload)
//   stress_child memclient ...    a memsrv client started by init (memsrv workload)
#include "servers/stress/child/modes.h"

namespace {

bool is(const char* mode, const char* name) {
  while (*mode != '\0' && *mode == *name) ++mode, ++name;
  return *mode == *name;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return 100;
  const char* mode = argv[1];
  if (mode[0] == 'e' && mode[1] == 'x' && mode[2] == 'i' && mode[3] == 't' && mode[4] == '\0') {
    return 0;
  }
  if (is(mode, "ipc-victim")) return stress::ipc_victim_main(argc, argv);
  if (is(mode, "port-driver")) return stress::port_driver_main(argc, argv);
  if (is(mode, "memclient")) return stress::mem_client_main(argc, argv);
  return 101;
}
