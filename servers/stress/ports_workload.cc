// The 'ports' workload: NOT WRITTEN YET (the interface commit): returns at once.
#include "servers/stress/workload.h"

namespace stress {
namespace {

Status run(Context&) { return Status::kOk; }

}  // namespace

extern const Workload kPortsWorkload{"ports", "not written yet", run};

}  // namespace stress
