// The modes of stress_child the ipc, kill, memsrv and crash workloads use: its main picks one by
// its first argument (servers/stress/child/main.cc).
#pragma once

namespace stress {

int ipc_victim_main(int argc, char** argv);   // ipc_victim.cc: `ipc-victim`
int port_driver_main(int argc, char** argv);  // port_driver.cc: `port-driver`
int mem_client_main(int argc, char** argv);   // mem_client.cc: `memclient`

}  // namespace stress
