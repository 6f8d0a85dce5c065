// A revoke of more than 10,000 capabilities under real concurrency (TSan build). One thread revokes
// the root of a big tree spread over two spaces; meanwhile workers copy, move, delete and identify
// in spaces of their own (they share the one tree lock, so they only progress if the revoke really
// lets go of it between chunks), and a raider keeps copying capabilities out of the tree being
// revoked and moving them around inside it. Checked: the workers progressed during the revoke,
// nothing derived from the tree survives it (the raider's copies were either revoked or refused
// with kBusy), every space keeps its invariants, and no node or object leaks.
#include <stdio.h>

#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "kernel/object/cap_space.h"
#include "test/host/kernel/object/test_object.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

constexpr uint32_t kAll = kCapRightsMask;
constexpr uint32_t kMiddle = 100;
constexpr uint32_t kLeavesPerMiddle = 101;
constexpr uint32_t kWorkers = 2;

std::atomic<bool> g_revoking{false};
std::atomic<bool> g_revoked{false};
std::atomic<uint64_t> g_ops_during_revoke{0};

void worker(CapSpace* own, CapSpace* other, uint32_t seed) {
  std::mt19937 rng(seed);
  uint64_t ops = 0;
  while (!g_revoked.load() || ops < 500) {
    const uint32_t slot = 1 + rng() % (own->capacity() - 1);
    Status status = Status::kOk;
    switch (rng() % 4) {
      case 0:
        status = own->copy(0, *own, slot, kCapRead).status();
        break;
      case 1:
        status = own->copy(0, *other, CapSpace::kAnySlot, kCapRead).status();
        break;
      case 2:
        status = own->remove(slot);
        break;
      default:
        status = own->identify(slot).status();
        break;
    }
    // The only errors a worker can meet on its own spaces.
    if (status != Status::kOk && status != Status::kAlreadyExists && status != Status::kBadHandle &&
        status != Status::kNoSpace) {
      TEST_FAIL_MESSAGE(status_name(status));
    }
    ++ops;
    if (g_revoking.load() && !g_revoked.load()) g_ops_during_revoke.fetch_add(1);
  }
}

// One round; returns whether the other threads really overlapped the revoke (they worked and the
// raider met kBusy while it ran), which scheduling alone decides.
bool revoke_round() {
  g_revoking.store(false);
  g_revoked.store(false);
  g_ops_during_revoke.store(0);
  bool overlapped = false;
  const int64_t nodes_at_start = cap_node_count();
  const int64_t objects_at_start = TestObject::live();
  {
    RefPtr<CapSpace> root = CapSpace::create(2).release_value();
    RefPtr<CapSpace> middle = CapSpace::create(kMiddle).release_value();
    RefPtr<CapSpace> leaves = CapSpace::create(kMiddle * kLeavesPerMiddle + 64).release_value();
    RefPtr<CapSpace> raided = CapSpace::create(64).release_value();
    TEST_ASSERT_TRUE(root->insert(0, CapabilityType::kEndpoint,
                                  TestObject::create(CapabilityType::kEndpoint), kAll)
                         .is_ok());
    for (uint32_t m = 0; m < kMiddle; ++m) {
      TEST_ASSERT_TRUE(root->copy(0, *middle, m, kAll).is_ok());
      for (uint32_t l = 0; l < kLeavesPerMiddle; ++l) {
        TEST_ASSERT_TRUE(middle->copy(m, *leaves, m * kLeavesPerMiddle + l, kAll).is_ok());
      }
    }
    const uint64_t tree = kMiddle + kMiddle * kLeavesPerMiddle;

    std::vector<RefPtr<CapSpace>> own;
    for (uint32_t w = 0; w < kWorkers; ++w) {
      own.push_back(CapSpace::create(32).release_value());
      TEST_ASSERT_TRUE(own[w]
                           ->insert(0, CapabilityType::kThread,
                                    TestObject::create(CapabilityType::kThread), kAll)
                           .is_ok());
    }
    std::vector<std::thread> threads;
    for (uint32_t w = 0; w < kWorkers; ++w) {
      threads.emplace_back(worker, own[w].get(), own[(w + 1) % kWorkers].get(), 17 + w);
    }

    // The raider: copies out of the tree and moves caps inside it until the revoke is over.
    std::atomic<uint64_t> raided_ok{0}, raided_busy{0}, raided_gone{0}, moved{0};
    std::thread raider([&] {
      std::mt19937 rng(99);
      while (!g_revoked.load()) {
        const uint32_t slot = rng() % leaves->capacity();
        if (rng() % 4 == 0) {
          if (leaves->move(slot, *leaves, CapSpace::kAnySlot).is_ok()) moved.fetch_add(1);
          continue;
        }
        const Status s = leaves->copy(slot, *raided, CapSpace::kAnySlot, kCapRead).status();
        if (s == Status::kOk) raided_ok.fetch_add(1);
        if (s == Status::kBusy) raided_busy.fetch_add(1);
        if (s == Status::kBadHandle) raided_gone.fetch_add(1);
        if (s == Status::kNoSpace) {
          for (uint32_t i = 0; i < raided->capacity(); ++i) (void)raided->remove(i);
        }
      }
    });

    while (raided_ok.load() < 10) std::this_thread::yield();
    g_revoking.store(true);
    Result<RevokeStats> stats = root->revoke(0);
    g_revoked.store(true);
    raider.join();
    for (std::thread& t : threads) t.join();

    TEST_ASSERT_TRUE(stats.is_ok());
    // Everything in the tree went, plus the raider's surviving copies (all derived from it).
    const uint64_t raided_left = stats.value().removed - tree;
    TEST_ASSERT_TRUE(stats.value().removed >= tree);
    TEST_ASSERT_EQUAL_UINT32(0, middle->occupied_count());
    TEST_ASSERT_EQUAL_UINT32(0, leaves->occupied_count());
    TEST_ASSERT_EQUAL_UINT32(0, raided->occupied_count());  // nothing escaped
    TEST_ASSERT_EQUAL_UINT32(1, root->occupied_count());
    TEST_ASSERT_TRUE(stats.value().lock_holds >= tree / CapSpace::kRevokeChunk);
    TEST_ASSERT_TRUE(stats.value().max_steps_per_hold <=
                     CapSpace::kRevokeChunk * kMaxDerivationDepth);
    overlapped = g_ops_during_revoke.load() > 0 && raided_busy.load() > 0;
    for (const RefPtr<CapSpace>& s : own) s->check_invariants();
    root->check_invariants();
    printf(
        "revoked %llu capabilities (%llu raided copies among them) in %u lock holds, at most %u "
        "steps each; workers made %llu operations meanwhile; raider: %llu copies, %llu kBusy, "
        "%llu gone, %llu moves\n",
        (unsigned long long)stats.value().removed, (unsigned long long)raided_left,
        stats.value().lock_holds, stats.value().max_steps_per_hold,
        (unsigned long long)g_ops_during_revoke.load(), (unsigned long long)raided_ok.load(),
        (unsigned long long)raided_busy.load(), (unsigned long long)raided_gone.load(),
        (unsigned long long)moved.load());
  }
  TEST_ASSERT_EQUAL_INT64(nodes_at_start, cap_node_count());
  TEST_ASSERT_EQUAL_INT64(objects_at_start, TestObject::live());
  return overlapped;
}

}  // namespace

// Correctness is checked in every round; the overlap must show in one of three (a loaded machine
// may leave a thread off the CPU for a whole revoke).
void test_big_revoke_beside_other_work() {
  bool overlapped = false;
  for (int round = 0; round < 3 && !overlapped; ++round) overlapped = revoke_round();
  TEST_ASSERT_TRUE_MESSAGE(overlapped, "no work overlapped the revoke in three rounds");
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_big_revoke_beside_other_work);
  return UNITY_END();
}
