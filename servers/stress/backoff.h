// Backing off when another workload holds what a workload asks for (workload.h's rules): the
// controller's capability slots and memory are shared, so kNoSpace and kNoMemory mean "later",
// not a violation.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/result.h"
#include "libsys/endpoint.h"
#include "servers/stress/sleep.h"
#include "servers/stress/workload.h"

namespace stress {

inline constexpr uint64_t kBackoffNs = 2'000'000;

inline bool held_elsewhere(Status s) { return s == Status::kNoSpace || s == Status::kNoMemory; }

// Calls `attempt` (returning a Status) until it answers something else than held_elsewhere, or
// the run's time is up; its last answer.
template <typename Attempt>
Status retry_while_held(const Context& ctx, Attempt attempt) {
  Status s = attempt();
  while (held_elsewhere(s) && !ctx.time_up()) {
    sleep_ns(kBackoffNs);
    s = attempt();
  }
  return s;
}

// endpoint_create, retried while the slots are held elsewhere.
inline Result<sys::Endpoint> create_endpoint(const Context& ctx) {
  for (;;) {
    Result<sys::Endpoint> endpoint = sys::Endpoint::create();
    if (endpoint.is_ok() || !held_elsewhere(endpoint.status()) || ctx.time_up()) return endpoint;
    sleep_ns(kBackoffNs);
  }
}

}  // namespace stress
