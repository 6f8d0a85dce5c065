// The workload table (workload.h): every workload the controller knows, in the order `all` runs
// them. A workload is a `const Workload` defined in its own file and declared here; adding one is
// a declaration and a line in kWorkloads.
#include "servers/stress/workload.h"

namespace stress {

extern const Workload kPortsWorkload;   // ports_workload.cc
extern const Workload kCowWorkload;     // cow_workload.cc
extern const Workload kChurnWorkload;   // churn_workload.cc
extern const Workload kIpcWorkload;     // ipc_workload.cc
extern const Workload kKillWorkload;    // kill_workload.cc
extern const Workload kMemsrvWorkload;  // memsrv_workload.cc
extern const Workload kFuzzWorkload;    // fuzz_workload.cc
extern const Workload kCrashWorkload;   // crash_workload.cc

namespace {

const Workload* const kWorkloads[] = {
    &kPortsWorkload, &kCowWorkload,    &kChurnWorkload, &kIpcWorkload,
    &kKillWorkload,  &kMemsrvWorkload, &kFuzzWorkload,  &kCrashWorkload,
};

constexpr uint32_t kCount = sizeof kWorkloads / sizeof kWorkloads[0];

}  // namespace

uint32_t workload_count() { return kCount; }

const Workload& workload_at(uint32_t index) { return *kWorkloads[index]; }

const Workload* find_workload(const char* name, uint32_t length) {
  for (const Workload* w : kWorkloads) {
    uint32_t i = 0;
    while (i < length && w->name[i] != '\0' && w->name[i] == name[i]) ++i;
    if (i == length && w->name[i] == '\0') return w;
  }
  return nullptr;
}

}  // namespace stress
