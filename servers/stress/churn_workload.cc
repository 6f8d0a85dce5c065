// The 'churn' workload: NOT WRITTEN YET (the interface commit): returns at once.
#include "servers/stress/workload.h"

namespace stress {
namespace {

Status run(Context&) { return Status::kOk; }

}  // namespace

extern const Workload kChurnWorkload{"churn", "not written yet", run};

}  // namespace stress
