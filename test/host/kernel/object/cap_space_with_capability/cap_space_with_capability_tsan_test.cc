// CapSpace::with_capability against a concurrent revoke (TSan build): a user thread keeps invoking
// on an IoPorts capability derived from the root while another thread revokes the root. The
// property the port-I/O calls rely on: once the revoke has returned, no invoke is running on the
// revoked capability and none starts (the next call answers kBadHandle).
#include <atomic>
#include <thread>

#include "kernel/object/cap_space.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

std::atomic<int> g_inside{0};  // invokes running now
std::atomic<bool> g_revoked{false};
std::atomic<uint64_t> g_late{0};  // invokes that ran after the revoke returned
std::atomic<uint64_t> g_invokes{0};

Status access(void*, const CapInfo&) {
  g_inside.fetch_add(1);
  if (g_revoked.load()) g_late.fetch_add(1);
  for (int i = 0; i < 50; ++i) std::atomic_signal_fence(std::memory_order_seq_cst);  // an access
  g_invokes.fetch_add(1);
  g_inside.fetch_sub(1);
  return Status::kOk;
}

}  // namespace

void test_no_invoke_outlives_the_revoke() {
  for (int round = 0; round < 200; ++round) {
    g_revoked.store(false);
    RefPtr<CapSpace> owner = CapSpace::create(4).release_value();
    RefPtr<CapSpace> driver = CapSpace::create(4).release_value();
    TEST_ASSERT_TRUE(owner->insert_io_ports_root(0).is_ok());
    TEST_ASSERT_TRUE(owner->mint(0, *driver, 1, kCapRead | kCapWrite, 0x80, 1).is_ok());
    std::atomic<bool> started{false};
    Status last = Status::kOk;
    std::thread user([&] {
      while ((last = driver->with_capability(1, CapabilityType::kIoPorts, kCapRead, access,
                                             nullptr)) == Status::kOk) {
        started.store(true);
      }
    });
    while (!started.load()) std::this_thread::yield();
    const bool revoked = owner->revoke(0).is_ok();
    // Returned: nothing inside, and whatever comes next is refused. (Checked after the join, so a
    // failure does not leave the thread running.)
    const int inside = g_inside.load();
    g_revoked.store(true);
    user.join();
    TEST_ASSERT_TRUE(revoked);
    TEST_ASSERT_EQUAL_INT(0, inside);
    TEST_ASSERT_EQUAL_STRING(status_name(Status::kBadHandle), status_name(last));
    TEST_ASSERT_EQUAL_UINT64(0, g_late.load());
  }
  TEST_ASSERT_TRUE(g_invokes.load() >= 200);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_no_invoke_outlives_the_revoke);
  return UNITY_END();
}
