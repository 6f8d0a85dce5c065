// bench=ipc-round-trip: an Endpoint call + reply_receive round trip between two kernel threads, in
// guest instructions under QEMU -icount shift=0, measured the way docs/benchmarking.md's seL4 rows
// are (t0; call; t1 around each call, the loop included, nothing subtracted), median of many.
// Rows: 0 and 1 message words on one CPU, and 0 words across two CPUs (when there are two). Kernel
// threads, one capability space-less message path: the user-space figure adds the syscall entry.
#include <stdint.h>

#include "kernel/arch/arch.h"
#include "kernel/console.h"
#include "kernel/object/endpoint.h"
#include "kernel/object/thread.h"
#include "test/bench/kernel/kernel_bench.h"

namespace {

constexpr uint32_t kSamples = 1001;  // odd: the median is one sample
constexpr uint64_t kStopLabel = ~uint64_t{0};
uint64_t g_samples[kSamples];

struct Run {
  Endpoint* endpoint;
  uint32_t words;
};

// Answers every call with the same message until the stop label, which it answers and leaves.
void serve(void* arg) {
  Endpoint& endpoint = *static_cast<Run*>(arg)->endpoint;
  ReplyToken token;
  IpcPayload message;
  if (endpoint.receive(message, nullptr, kIpcWaitForever, token) != Status::kOk) return;
  for (;;) {
    const bool stop = message.label == kStopLabel;
    if (stop) {
      (void)token.reply(message, nullptr);
      return;
    }
    if (endpoint.reply_receive(token, message, message, nullptr, kIpcWaitForever) != Status::kOk)
      return;
  }
}

void call_and_time(void* arg) {
  const Run& run = *static_cast<Run*>(arg);
  IpcPayload message;
  for (uint32_t i = 0; i < kSamples; ++i) {
    message.label = i;
    message.word_count = run.words;
    const uint64_t t0 = arch::timestamp();
    const Status s = run.endpoint->call(message, nullptr);
    const uint64_t t1 = arch::timestamp();
    g_samples[i] = s == Status::kOk ? t1 - t0 : 0;
  }
  message.label = kStopLabel;
  (void)run.endpoint->call(message, nullptr);
}

uint64_t median(uint64_t* v, uint32_t n) {
  for (uint32_t i = 1; i < n; ++i) {
    const uint64_t x = v[i];
    uint32_t j = i;
    for (; j > 0 && v[j - 1] > x; --j) v[j] = v[j - 1];
    v[j] = x;
  }
  return v[n / 2];
}

Result<uint64_t> round_trip(uint32_t words, uint32_t client_cpu, uint32_t server_cpu) {
  RefPtr<Endpoint> endpoint = TRY(Endpoint::create());
  Run run{endpoint.get(), words};
  RefPtr<Thread> server = TRY(Thread::create_kernel(serve, &run, 1, Affinity::pinned(server_cpu)));
  RefPtr<Thread> client =
      TRY(Thread::create_kernel(call_and_time, &run, 1, Affinity::pinned(client_cpu)));
  client->join();
  server->join();
  for (uint32_t i = 0; i < kSamples; ++i) {
    if (g_samples[i] == 0) return Status::kBadState;
  }
  return median(g_samples, kSamples);
}

}  // namespace

Status run_ipc_round_trip_bench() {
  const uint32_t here = arch::current_cpu();
  const uint64_t same0 = TRY(round_trip(0, here, here));
  const uint64_t same1 = TRY(round_trip(1, here, here));
  kprintf(
      "ipc-round-trip: kernel threads, same CPU: 0 words %lu ticks, 1 word %lu ticks "
      "(median of %u; seL4's user round trip: 496 / 510)\n",
      same0, same1, kSamples);
  for (uint32_t cpu : arch::online_cpus()) {
    if (cpu == here) continue;
    const uint64_t across = TRY(round_trip(0, here, cpu));
    kprintf("ipc-round-trip: kernel threads, across CPUs: 0 words %lu ticks (seL4: 2,978)\n",
            across);
    break;
  }
  return Status::kOk;
}
