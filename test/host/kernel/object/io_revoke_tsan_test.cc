// Revocation under real concurrency (TSan build). Threads stand in for CPUs: each owns a fake TSS
// and a TssIoState, keeps switching between tasks and "executing" IN/OUT by evaluating its fake TSS
// as the CPU does, and serves invalidation requests at its "interrupt points" (between two
// instructions). Another thread revokes a grant from every task holding it, sending the requests to
// exactly the CPUs the engine names and waiting for their acknowledgements, then raises a flag.
// Checked: once a CPU has seen the flag, no access to a revoked port succeeds on it, and at no time
// does an access succeed that the running task does not hold.
#include <stdio.h>

#include <atomic>
#include <barrier>
#include <memory>
#include <random>
#include <thread>
#include <vector>

#include "base/cpu_relax.h"
#include "kernel/arch/x86_64/tss_io_state.h"
#include "kernel/object/task_io_ports.h"
#include "test/host/kernel/object/fake_tss.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

constexpr uint32_t kCpus = 2;
constexpr uint32_t kRounds = 400;
constexpr uint32_t kOpsPerRound = 400;

constexpr PortRange kRevoked{0x60, 16};  // G1: every task starts with it, the revoker takes it
constexpr PortRange kKept{0x3F8, 8};     // G2: stays
constexpr PortRange kPrivate{0x2F8, 8};  // G3: only the task that split off
constexpr uint64_t kKeptId = 2;
constexpr uint64_t kPrivateId = 3;

struct Mailbox {
  std::atomic<const IoBitmap*> target{nullptr};
  std::atomic<uint64_t> requested{0};
  std::atomic<uint64_t> acknowledged{0};
};

struct Round {
  // 0: parent (G1, G2), 1: shares 0, 2: shares 0 then enabled G3 (COW split), 3: no ports.
  TaskIoPorts tasks[4];
  uint64_t revoked_id = 0;
  std::atomic<bool> revoked{false};
};

struct Cpu {
  explicit Cpu(uint32_t index) : tss(4), state(index, tss) {}
  FakeTss tss;
  BasicTssIoState<4> state;
  Mailbox mailbox;
};

std::vector<std::unique_ptr<Cpu>> g_cpus;
std::atomic<uint64_t> g_violations{0};
std::atomic<uint64_t> g_accesses{0};
std::atomic<uint64_t> g_denied_after_revoke{0};
std::atomic<uint64_t> g_ipis{0};
std::atomic<uint64_t> g_repairs{0};

bool holds_statically(int task, uint32_t port, uint32_t width) {
  auto in = [&](PortRange r) { return port >= r.base && port + width - 1 <= r.last(); };
  if (task == 3) return false;
  if (in(kKept)) return true;
  if (task == 2 && in(kPrivate)) return true;
  return false;
}

// The cross-CPU call as the kernel will run it: post to each target, wait for every
// acknowledgement.
void run_invalidation(const IoInvalidation& invalidation) {
  for (uint32_t c : invalidation.cpus) {
    Mailbox& box = g_cpus[c]->mailbox;
    box.target.store(invalidation.bitmap.get(), std::memory_order_relaxed);
    box.requested.fetch_add(1, std::memory_order_release);
    g_ipis.fetch_add(1, std::memory_order_relaxed);
  }
  for (uint32_t c : invalidation.cpus) {
    Mailbox& box = g_cpus[c]->mailbox;
    while (box.acknowledged.load(std::memory_order_acquire) !=
           box.requested.load(std::memory_order_relaxed)) {
      cpu_relax();
      std::this_thread::yield();
    }
  }
}

void serve_interrupts(Cpu& cpu) {
  const uint64_t requested = cpu.mailbox.requested.load(std::memory_order_acquire);
  if (requested == cpu.mailbox.acknowledged.load(std::memory_order_relaxed)) return;
  cpu.state.invalidate(cpu.mailbox.target.load(std::memory_order_relaxed));
  cpu.mailbox.acknowledged.store(requested, std::memory_order_release);
}

void cpu_thread(uint32_t index, Round* const* round_slot, std::barrier<>* start,
                std::barrier<>* end) {
  Cpu& cpu = *g_cpus[index];
  std::mt19937 rng(index * 7919 + 1);
  for (uint32_t r = 0; r < kRounds; ++r) {
    start->arrive_and_wait();
    Round& round = **round_slot;
    int current = -1;
    // Run until the revoke has returned, then kOpsPerRound more instructions.
    uint32_t after = 0;
    for (uint64_t op = 0; after < kOpsPerRound; ++op) {
      if (round.revoked.load(std::memory_order_relaxed)) {
        ++after;
      } else if (op % 64 == 63) {
        std::this_thread::yield();  // 2 host cores: let the revoker run
      }
      serve_interrupts(cpu);
      const uint32_t dice = rng() % 64;
      if (dice == 0 || current < 0) {
        current = static_cast<int>(rng() % 4);
        cpu.state.switch_to(&round.tasks[current]);
        continue;
      }
      static constexpr uint32_t kPorts[] = {0x60, 0x61,  0x66,  0x6E,  0x6F,
                                            0x5F, 0x3F8, 0x3FC, 0x2F8, 0x80};
      const uint32_t port = kPorts[rng() % 10];
      const uint32_t width = 1u << (rng() % 3);
      // Read the flag first: if it is set, the revoke call has returned.
      const bool revoked = round.revoked.load(std::memory_order_acquire);
      g_accesses.fetch_add(1, std::memory_order_relaxed);
      const bool touches_revoked = port <= kRevoked.last() && port + width - 1 >= kRevoked.base;
      const bool inside_revoked = port >= kRevoked.base && port + width - 1 <= kRevoked.last();
      if (cpu.tss.cpu_allows(port, width)) {
        const bool ok =
            holds_statically(current, port, width) || (inside_revoked && !revoked && current != 3);
        if (!ok) {
          g_violations.fetch_add(1, std::memory_order_relaxed);
          fprintf(stderr, "violation: cpu %u task %d port 0x%x width %u revoked %d\n", index,
                  current, port, width, revoked);
        }
      } else {
        if (revoked && touches_revoked)
          g_denied_after_revoke.fetch_add(1, std::memory_order_relaxed);
        if (cpu.state.repair_fault(round.tasks[current], port, width)) {
          g_repairs.fetch_add(1, std::memory_order_relaxed);
        }
      }
    }
    // Leave the round's tasks before they are destroyed; keep serving requests until everyone is
    // out.
    cpu.state.switch_to(nullptr);
    serve_interrupts(cpu);
    end->arrive_and_wait();
  }
}

void test_no_access_to_revoked_port_after_revoke_returns() {
  for (uint32_t c = 0; c < kCpus; ++c) g_cpus.push_back(std::make_unique<Cpu>(c));
  std::barrier<> start(kCpus + 1);
  std::barrier<> end(kCpus + 1);
  Round* round_slot = nullptr;
  std::vector<std::thread> threads;
  for (uint32_t c = 0; c < kCpus; ++c)
    threads.emplace_back(cpu_thread, c, &round_slot, &start, &end);
  std::mt19937 rng(12345);
  IoCounters counters;
  bool setup_ok = true;
  for (uint32_t r = 0; r < kRounds; ++r) {
    auto round = std::make_unique<Round>();
    round->revoked_id = 1000 + r;
    setup_ok &= round->tasks[0].enable(round->revoked_id, kRevoked, counters).is_ok();
    setup_ok &= round->tasks[0].enable(kKeptId, kKept, counters).is_ok();
    setup_ok &= round->tasks[1].share_from(round->tasks[0]) == Status::kOk;
    setup_ok &= round->tasks[2].share_from(round->tasks[0]) == Status::kOk;
    setup_ok &= round->tasks[2].enable(kPrivateId, kPrivate, counters).is_ok();  // COW split
    round_slot = round.get();
    start.arrive_and_wait();
    // Let the CPUs run a while, then revoke. Odd rounds: revoke in place from every object holding
    // the grant (the capability revoked). Even rounds: each task disables it (COW splits).
    for (uint32_t spin = rng() % 3000; spin > 0; --spin) cpu_relax();
    if (r % 2 == 1) {
      RefPtr<IoBitmap> objects[2] = {round->tasks[0].bitmap(), round->tasks[2].bitmap()};
      for (auto& b : objects) {
        Result<IoInvalidation> inv = b->revoke_grant(round->revoked_id, counters);
        setup_ok &= inv.is_ok();
        if (inv.is_ok()) run_invalidation(inv.value());
      }
    } else {
      for (int t : {1, 0, 2}) {
        Result<IoInvalidation> inv = round->tasks[t].disable(round->revoked_id, counters);
        setup_ok &= inv.is_ok();
        if (inv.is_ok()) run_invalidation(inv.value());
      }
    }
    round->revoked.store(true, std::memory_order_release);
    // Serve nothing more: the CPUs finish the round on their own, then wait at the end barrier.
    end.arrive_and_wait();
    round_slot = nullptr;
  }
  for (auto& t : threads) t.join();
  g_cpus.clear();
  printf(
      "tsan revoke: %u rounds, %llu accesses, %llu invalidation requests, %llu denied after "
      "revoke, "
      "%llu repairs, %llu revocation targets\n",
      kRounds, (unsigned long long)g_accesses.load(), (unsigned long long)g_ipis.load(),
      (unsigned long long)g_denied_after_revoke.load(), (unsigned long long)g_repairs.load(),
      (unsigned long long)counters.revocation_targets);
  TEST_ASSERT_TRUE(setup_ok);
  TEST_ASSERT_EQUAL_UINT64(0, g_violations.load());
  TEST_ASSERT_TRUE(g_denied_after_revoke.load() > 0);
}

}  // namespace

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_no_access_to_revoked_port_after_revoke_returns);
  return UNITY_END();
}
