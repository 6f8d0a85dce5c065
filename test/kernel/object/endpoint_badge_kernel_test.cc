// In-kernel tests of endpoint badges (docs/capabilities.md, "Badges") between kernel threads: a
// request carries the badge its sender's capability had (the syscall layer puts it in the payload
// for call and send, and passes it to call_short), a long receiver sees it for both forms, and the
// reply carries none back, whatever the caller's payload held. Also the pool's mark: a Frames
// capability over the memory pool is one task_grant passes, one over a task's frames is not.
#include <stdint.h>
#include <atomic>

#include "abi/portcullis/rights.h"
#include "kernel/arch/arch.h"
#include "kernel/object/cap_space.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/memory_pool.h"
#include "kernel/object/thread.h"
#include "kernel/sched/scheduler.h"
#include "kernel/syscall/task_call_words.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

constexpr uint64_t kBadge = 0xBADC0DE;

#define ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

uint32_t other_cpu() {
  const CpuSet online = arch::online_cpus();
  uint32_t last = 0;
  for (uint32_t cpu : online) last = cpu;
  return last;
}

struct Caller {
  RefPtr<Endpoint> endpoint;
  bool use_short = false;
  std::atomic<int32_t> status{-1};
  uint64_t reply_badge = 1;
  uint64_t reply_label = 0;
};
Caller g_caller;

void badged_caller(void*) {
  if (g_caller.use_short) {
    IpcShortMessage m;
    m.label = 7;
    g_caller.status.store(static_cast<int32_t>(g_caller.endpoint->call_short(m, kBadge + 1)));
    g_caller.reply_label = m.label;
    g_caller.reply_badge = 0;  // a short answer has no badge field
    return;
  }
  IpcPayload m;
  m.label = 7;
  m.badge = kBadge;  // what the syscall layer sets from the capability
  g_caller.status.store(static_cast<int32_t>(g_caller.endpoint->call(m, nullptr)));
  g_caller.reply_badge = m.badge;
  g_caller.reply_label = m.label;
}

void round_trip(bool use_short, uint64_t expected_badge) {
  g_caller.endpoint = Endpoint::create().release_value();
  g_caller.use_short = use_short;
  g_caller.status.store(-1);
  Result<RefPtr<Thread>> t = Thread::create_kernel(badged_caller, nullptr, kPriorityDefault,
                                                   Affinity::pinned(other_cpu()));
  TEST_ASSERT_TRUE(t.is_ok());
  IpcPayload m;
  m.badge = 99;  // overwritten by the message
  ReplyToken token;
  ASSERT_STATUS(Status::kOk, g_caller.endpoint->receive(m, nullptr, kIpcWaitForever, token));
  TEST_ASSERT_EQUAL_UINT64(7, m.label);
  TEST_ASSERT_EQUAL_UINT64(expected_badge, m.badge);
  IpcPayload reply;
  reply.label = 8;
  ASSERT_STATUS(Status::kOk, token.reply(reply, nullptr));
  t.value()->join();
  TEST_ASSERT_EQUAL_INT32(static_cast<int32_t>(Status::kOk), g_caller.status.load());
  TEST_ASSERT_EQUAL_UINT64(8, g_caller.reply_label);
  TEST_ASSERT_EQUAL_UINT64(0, g_caller.reply_badge);
  g_caller.endpoint = nullptr;
}

void test_long_call_delivers_its_badge() { round_trip(false, kBadge); }

void test_short_call_delivers_its_badge() { round_trip(true, kBadge + 1); }

void test_only_pool_frames_pass_task_grant() {
  TEST_ASSERT_FALSE(task_grant_allows(CapabilityType::kFrames, frames_never_freed(nullptr)));
  // An object of another type is no pool.
  RefPtr<Endpoint> endpoint = Endpoint::create().release_value();
  TEST_ASSERT_FALSE(frames_never_freed(endpoint.get()));
  TEST_ASSERT_TRUE(task_grant_allows(CapabilityType::kAddressSpace));
  TEST_ASSERT_FALSE(task_grant_allows(CapabilityType::kTask));
}

int run_endpoint_badge_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_long_call_delivers_its_badge);
  RUN_TEST(test_short_call_delivers_its_badge);
  RUN_TEST(test_only_pool_frames_pass_task_grant);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_endpoint_badge_kernel_tests);
