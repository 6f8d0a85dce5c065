// The reference model and the N-CPU simulator of the I/O-bitmap engine, shared by the random model
// test and the libFuzzer target. The model is deliberately plain: per task, the map of enabled
// grants; a task may use a port when one of its grants covers it. The simulator drives the real
// engine (TaskIoPorts, IoBitmap, BasicTssIoState<K> over FakeTss) through the same steps and, after
// every step, checks the invariant on every CPU by evaluating the fake TSS as the CPU would.
//
// Step language (one opcode byte, then its arguments; a short input reads as zeros):
//   spawn(parent, share) enable(task, range) disable(task, which) revoke(which) switch(cpu, task)
//   access(cpu, port, width) exit(task) fail-alloc(then enable or disable) bad-call(kind)
//   adopt(dst, src)
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kernel/arch/x86_64/tss_io_state.h"
#include "kernel/object/io_bitmap.h"
#include "kernel/object/task_io_ports.h"
#include "test/host/kernel/object/fake_tss.h"
#include "test/host/support/fail_allocations.h"

namespace io_sim {

inline constexpr uint32_t kMaxTasks = 10;

// The model: what each task may use. Knows nothing of bitmaps, sharing or CPUs.
struct ModelTask {
  bool alive = false;
  std::map<uint64_t, PortRange> grants;

  bool allows_port(uint32_t port) const {
    for (const auto& [id, range] : grants) {
      if (range.contains(port)) return true;
    }
    return false;
  }
  // A `width`-byte access needs every covered port, and ports past 0xFFFF do not exist.
  bool allows(uint32_t port, uint32_t width) const {
    if (port + width > kIoPortCount) return false;
    for (uint32_t p = port; p < port + width; ++p) {
      if (!allows_port(p)) return false;
    }
    return true;
  }
};

// A task's ports flattened for fast lookups by the per-step checks (same answers as ModelTask).
struct ModelPorts {
  uint8_t open[kIoBitmapByteCount] = {};  // bit p % 8 of byte p / 8 set: port p open
  std::vector<uint32_t> bytes;            // bitmap bytes holding any open port, ascending

  ModelPorts() = default;
  explicit ModelPorts(const ModelTask& task) {
    for (const auto& [id, range] : task.grants) {
      for (uint32_t p = range.base; p <= range.last(); ++p)
        open[p / 8] |= static_cast<uint8_t>(1u << (p % 8));
    }
    for (uint32_t b = 0; b < kIoBitmapByteCount; ++b) {
      if (open[b] != 0) bytes.push_back(b);
    }
  }
  bool allows(uint32_t port, uint32_t width) const {
    if (port + width > kIoPortCount) return false;
    for (uint32_t p = port; p < port + width; ++p) {
      if (((open[p / 8] >> (p % 8)) & 1) == 0) return false;
    }
    return true;
  }
};

class ByteSource {
 public:
  ByteSource(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t next() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint16_t next16() { return static_cast<uint16_t>(next() | (next() << 8)); }
  bool done() const { return pos_ >= size_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Ports where things happen: legacy devices, byte boundaries, the top of the port space.
inline constexpr uint16_t kHotPorts[] = {0x0000, 0x0007, 0x0008, 0x0060, 0x0064, 0x0080, 0x0087,
                                         0x0088, 0x00F0, 0x02F8, 0x03F8, 0x03FF, 0x0CF8, 0x0CFC,
                                         0x1000, 0xFFE0, 0xFFF0, 0xFFF8, 0xFFFC, 0xFFFE, 0xFFFF};

inline uint32_t pick_port(ByteSource& in) {
  const uint8_t mode = in.next();
  if (mode % 4 == 3) return in.next16();
  const uint32_t hot = kHotPorts[(mode / 4) % (sizeof(kHotPorts) / sizeof(kHotPorts[0]))];
  const int32_t delta = static_cast<int32_t>(in.next() % 9) - 4;
  const int32_t port = static_cast<int32_t>(hot) + delta;
  return static_cast<uint32_t>(port < 0 ? 0 : (port > 0xFFFF ? 0xFFFF : port));
}

inline PortRange pick_range(ByteSource& in) {
  const uint32_t base = pick_port(in);
  const uint8_t mode = in.next();
  uint32_t size = 1;
  switch (mode % 4) {
    case 0:
      size = 1;
      break;
    case 1:
      size = 1 + in.next() % 16;
      break;
    case 2:
      size = 1 + in.next();
      break;
    case 3:
      size = 1 + in.next16() % 4096;
      break;
  }
  if (base + size > kIoPortCount) size = kIoPortCount - base;
  return PortRange{base, size};
}

inline uint32_t pick_width(ByteSource& in) {
  static constexpr uint32_t kWidths[] = {1, 2, 4};
  return kWidths[in.next() % 3];
}

inline std::string describe(const char* what, uint32_t cpu, int task, uint32_t port,
                            uint32_t width) {
  char buf[160];
  snprintf(buf, sizeof buf, "%s: cpu %u task %d port 0x%04x width %u", what, cpu, task, port,
           width);
  return buf;
}

// A bitmap's observable state, for "unchanged on error" checks.
struct BitmapImage {
  const IoBitmap* object = nullptr;
  uint64_t sequence = 0;
  IoByteWindow window;
  std::vector<uint8_t> bytes;
  std::vector<std::pair<uint64_t, PortRange>> grants;
  uint32_t sharers = 0;

  static BitmapImage of(const RefPtr<IoBitmap>& bitmap) {
    BitmapImage image;
    if (!bitmap) return image;
    image.object = bitmap.get();
    bitmap->read_locked([&](const IoBitmapSnapshot& s) {
      image.sequence = s.sequence;
      image.window = s.window;
      image.bytes.assign(s.bytes, s.bytes + kIoBitmapByteCount);
    });
    IoGrant grants[IoBitmap::kMaxGrants];
    const uint32_t n = bitmap->grants(grants, IoBitmap::kMaxGrants);
    for (uint32_t i = 0; i < n; ++i) image.grants.push_back({grants[i].id, grants[i].ports});
    image.sharers = bitmap->sharer_count();
    return image;
  }
  bool operator==(const BitmapImage& o) const {
    return object == o.object && sequence == o.sequence && window == o.window && bytes == o.bytes &&
           grants == o.grants && sharers == o.sharers;
  }
};

struct SimStats {
  uint64_t steps = 0;
  uint64_t accesses = 0;
  uint64_t cpu_checks = 0;
  uint64_t revocations = 0;
  uint64_t ipis = 0;
  uint64_t rejected_calls = 0;
};

template <uint32_t K>
class Simulator {
 public:
  // drop_ipis: do not deliver invalidations (a deliberately broken kernel, to prove the checks
  // bite).
  explicit Simulator(uint32_t cpu_count, bool drop_ipis = false) : drop_ipis_(drop_ipis) {
    for (uint32_t c = 0; c < cpu_count; ++c) {
      auto cpu = std::make_unique<Cpu>();
      cpu->tss = std::make_unique<FakeTss>(K);
      cpu->state = std::make_unique<BasicTssIoState<K>>(c, *cpu->tss);
      cpus_.push_back(std::move(cpu));
    }
    tasks_.resize(kMaxTasks);
    // Task 0 exists from the start (init), without ports.
    tasks_[0].ports = std::make_unique<TaskIoPorts>();
    tasks_[0].model.alive = true;
  }
  ~Simulator() {
    for (auto& cpu : cpus_) cpu->state->switch_to(nullptr);
  }

  // Runs the whole input; stops at the first violation. Returns "" or the violation.
  std::string run(const uint8_t* data, size_t size) {
    ByteSource in(data, size);
    while (!in.done() && error_.empty()) step(in);
    return error_;
  }

  void step(ByteSource& in) {
    if (getenv("IO_SIM_TRACE")) trace_ = true;
    ++stats_.steps;
    const uint8_t op = in.next();
    if (trace_) fprintf(stderr, "step %llu op %u\n", (unsigned long long)stats_.steps, op % 12);
    switch (op % 12) {
      case 0:
        spawn(in.next(), in.next() % 4 != 0);
        break;
      case 1:
      case 2:
        enable(in.next(), pick_range(in));
        break;
      case 3:
        disable(in.next(), in.next());
        break;
      case 4:
        revoke_shared(in.next(), in.next());
        break;
      case 5:
      case 6:
        switch_cpu(in.next(), in.next());
        break;
      case 7:
      case 8:
        access(in.next(), pick_port(in), pick_width(in));
        break;
      case 9:
        exit_task(in.next());
        break;
      case 10:
        fail_alloc(in);
        break;
      case 11:
        bad_call(in);
        break;
    }
    if (error_.empty()) check_all();
  }

  const std::string& error() const { return error_; }
  const SimStats& stats() const { return stats_; }
  IoCounters total_counters() const {
    IoCounters total = changer_;
    for (const auto& cpu : cpus_) total += cpu->state->counters();
    return total;
  }

 private:
  struct Task {
    std::unique_ptr<TaskIoPorts> ports;
    ModelTask model;
  };
  struct Cpu {
    std::unique_ptr<FakeTss> tss;
    std::unique_ptr<BasicTssIoState<K>> state;
    int task = -1;  // -1: a task without ports (idle)
  };

  void fail(const std::string& what) {
    if (error_.empty()) error_ = "step " + std::to_string(stats_.steps) + ": " + what;
  }

  int live_task(uint8_t pick) const {
    std::vector<int> live;
    for (uint32_t i = 0; i < kMaxTasks; ++i) {
      if (tasks_[i].model.alive) live.push_back(static_cast<int>(i));
    }
    if (live.empty()) return -1;
    return live[pick % live.size()];
  }

  // The cross-CPU call: every target invalidates before the change "returns". `moved`: the task
  // left the object (COW split or clear), so its CPUs must act even if no right was removed.
  void deliver(const IoInvalidation& invalidation, bool moved = false) {
    // Targets are exactly the CPUs that have this bitmap active: never all CPUs, never more.
    CpuSet expected;
    for (uint32_t c = 0; c < cpus_.size(); ++c) {
      if (cpus_[c]->state->active_bitmap() == invalidation.bitmap.get()) expected.add(c);
    }
    if (moved || invalidation.rights_removed) {
      if (!(invalidation.cpus == expected)) return fail("invalidation targets differ");
    } else if (!invalidation.cpus.empty()) {
      return fail("targets for a change that needs none");
    }
    if (invalidation.rights_removed) ++stats_.revocations;
    if (drop_ipis_) return;
    for (uint32_t c : invalidation.cpus) {
      ++stats_.ipis;
      cpus_[c]->state->invalidate(invalidation.bitmap.get());
    }
  }

  void spawn(uint8_t parent_pick, bool share) {
    int slot = -1;
    for (uint32_t i = 0; i < kMaxTasks; ++i) {
      if (!tasks_[i].model.alive) {
        slot = static_cast<int>(i);
        break;
      }
    }
    const int parent = live_task(parent_pick);
    if (slot < 0) return;
    Task& child = tasks_[slot];
    child.ports = std::make_unique<TaskIoPorts>();
    child.model = ModelTask{};
    child.model.alive = true;
    if (share && parent >= 0) {
      const Status s = child.ports->share_from(*tasks_[parent].ports);
      if (s != Status::kOk) return fail(std::string("share_from failed: ") + status_name(s));
      child.model.grants = tasks_[parent].model.grants;
      if (tasks_[parent].ports->bitmap() != child.ports->bitmap())
        fail("spawn copied instead of sharing");
    }
  }

  void enable(uint8_t task_pick, PortRange ports) {
    const int t = live_task(task_pick);
    if (t < 0) return;
    Task& task = tasks_[t];
    const uint64_t id = next_grant_++;
    const BitmapImage before = BitmapImage::of(task.ports->bitmap());
    Result<IoInvalidation> r = task.ports->enable(id, ports, changer_);
    if (task.model.grants.size() >= IoBitmap::kMaxGrants) {
      if (r.status() != Status::kNoSpace)
        fail(std::string("enable past the grant table: ") + status_name(r.status()));
      expect_unchanged(task, before, "enable kNoSpace");
      return;
    }
    if (r.is_error()) return fail(std::string("enable failed: ") + status_name(r.status()));
    task.model.grants[id] = ports;
    if (r.value().rights_removed) return fail("enable removed rights");
    deliver(r.value(), before.object != nullptr && before.object != task.ports->published());
  }

  void disable(uint8_t task_pick, uint8_t which) {
    const int t = live_task(task_pick);
    if (t < 0) return;
    Task& task = tasks_[t];
    if (task.model.grants.empty()) {
      const BitmapImage before = BitmapImage::of(task.ports->bitmap());
      Result<IoInvalidation> r = task.ports->disable(next_grant_ + 1000, changer_);
      if (r.is_ok() || r.status() != Status::kNotFound) fail("disable of an absent grant");
      expect_unchanged(task, before, "disable kNotFound");
      return;
    }
    auto it = task.model.grants.begin();
    std::advance(it, which % task.model.grants.size());
    const uint64_t id = it->first;
    const IoBitmap* object = task.ports->published();
    Result<IoInvalidation> r = task.ports->disable(id, changer_);
    if (r.is_error()) return fail(std::string("disable failed: ") + status_name(r.status()));
    const bool moved = object != task.ports->published();
    if (trace_) {
      fprintf(stderr, "  disable task %d grant %llu [%x+%x] removed %d cpus %llx obj %p\n", t,
              (unsigned long long)id, it->second.base, it->second.size, r.value().rights_removed,
              (unsigned long long)r.value().cpus.bits(), (void*)r.value().bitmap.get());
    }
    task.model.grants.erase(id);
    deliver(r.value(), moved);
  }

  // Revokes one grant from every task holding it (the capability, or its ancestor, revoked): the
  // capability layer calls revoke_grant on every bitmap where the grant is enabled.
  void revoke_shared(uint8_t task_pick, uint8_t which) {
    const int t = live_task(task_pick);
    if (t < 0 || tasks_[t].model.grants.empty()) return;
    auto it = tasks_[t].model.grants.begin();
    std::advance(it, which % tasks_[t].model.grants.size());
    const uint64_t id = it->first;
    std::set<IoBitmap*> objects;
    for (auto& task : tasks_) {
      if (!task.model.alive) continue;
      RefPtr<IoBitmap> b = task.ports->bitmap();
      if (b && b->has_grant(id)) objects.insert(b.get());
    }
    for (IoBitmap* b : objects) {
      Result<IoInvalidation> r = b->revoke_grant(id, changer_);
      if (r.is_error()) return fail(std::string("revoke_grant failed: ") + status_name(r.status()));
      deliver(r.value());
    }
    for (auto& task : tasks_) task.model.grants.erase(id);
  }

  void switch_cpu(uint8_t cpu_pick, uint8_t task_pick) {
    Cpu& cpu = *cpus_[cpu_pick % cpus_.size()];
    const int t = task_pick % 5 == 0 ? -1 : live_task(task_pick);
    cpu.task = t;
    cpu.state->switch_to(t < 0 ? nullptr : tasks_[t].ports.get());
    // Right after a switch the CPU must be exact: either current or (no ports) invalid.
    if (t >= 0 && tasks_[t].ports->published() != nullptr &&
        !cpu.state->is_current_for(tasks_[t].ports.get())) {
      fail("not current right after switch_to");
    }
    if ((t < 0 || tasks_[t].ports->published() == nullptr) &&
        cpu.tss->map_base(cpu.tss->active_slot()) != fake_tss::kMapBaseInvalid) {
      fail("portless task with a valid map base");
    }
  }

  void access(uint8_t cpu_pick, uint32_t port, uint32_t width) {
    ++stats_.accesses;
    const uint32_t c = cpu_pick % cpus_.size();
    Cpu& cpu = *cpus_[c];
    const bool permitted = cpu.tss->cpu_allows(port, width);
    const bool allowed = cpu.task >= 0 && tasks_[cpu.task].model.allows(port, width);
    if (permitted && !allowed)
      return fail(describe("access permitted to a port not held", c, cpu.task, port, width));
    if (permitted || cpu.task < 0) return;
    // #GP: the fault path decides between repair and a real fault.
    const bool repaired = cpu.state->repair_fault(*tasks_[cpu.task].ports, port, width);
    if (repaired != allowed)
      return fail(describe(allowed ? "allowed port not repaired" : "repaired a denied port", c,
                           cpu.task, port, width));
    if (repaired && !cpu.tss->cpu_allows(port, width))
      fail(describe("still denied after repair", c, cpu.task, port, width));
  }

  void exit_task(uint8_t task_pick) {
    const int t = live_task(task_pick);
    if (t <= 0) return;  // init stays
    for (auto& cpu : cpus_) {
      if (cpu->task == t) {
        cpu->task = -1;
        cpu->state->switch_to(nullptr);
      }
    }
    Task& task = tasks_[t];
    deliver(task.ports->clear(changer_));
    task.ports.reset();
    task.model = ModelTask{};
  }

  void fail_alloc(ByteSource& in) {
    const int t = live_task(in.next());
    if (t < 0) return;
    Task& task = tasks_[t];
    RefPtr<IoBitmap> current = task.ports->bitmap();
    const BitmapImage before = BitmapImage::of(current);
    // An allocation is needed only when the task has no bitmap or shares it.
    const bool allocates = !current || current->sharer_count() > 1;
    current.reset();
    if (!allocates) return;
    ++stats_.rejected_calls;
    fail_next_allocations(1);
    if (in.next() % 2 == 0 || task.model.grants.empty()) {
      const Status s = task.ports->enable(next_grant_++, pick_range(in), changer_).status();
      if (s != Status::kNoMemory) fail(std::string("enable without memory: ") + status_name(s));
    } else {
      Result<IoInvalidation> r = task.ports->disable(task.model.grants.begin()->first, changer_);
      if (r.is_ok() || r.status() != Status::kNoMemory) fail("disable without memory did not fail");
    }
    fail_next_allocations(0);
    expect_unchanged(task, before, "kNoMemory");
  }

  void bad_call(ByteSource& in) {
    const int t = live_task(in.next());
    if (t < 0) return;
    Task& task = tasks_[t];
    const BitmapImage before = BitmapImage::of(task.ports->bitmap());
    const uint8_t kind = in.next() % 6;
    ++stats_.rejected_calls;
    Status s = Status::kOk;
    switch (kind) {
      case 0:
        s = task.ports->enable(0, PortRange{0x60, 1}, changer_).status();
        break;
      case 1:
        s = task.ports->enable(next_grant_++, PortRange{0xFFFF, 2}, changer_).status();
        break;
      case 2:
        s = task.ports->enable(next_grant_++, PortRange{0x60, 0}, changer_).status();
        break;
      case 3:
        if (task.model.grants.empty()) return;
        s = task.ports->enable(task.model.grants.begin()->first, PortRange{0x70, 1}, changer_)
                .status();
        break;
      case 4: {
        Result<IoInvalidation> r = task.ports->disable(next_grant_ + 5000, changer_);
        s = r.is_ok() ? Status::kOk : r.status();
        break;
      }
      case 5: {
        // Adopt another task's bitmap (a shared IoBitmap capability): legal only for a portless
        // task.
        const int src = live_task(in.next());
        if (src < 0 || src == t) return;
        const bool had = task.ports->published() != nullptr;
        s = task.ports->share_from(*tasks_[src].ports);
        if (!had) {
          if (s != Status::kOk) return fail("adopt failed");
          task.model.grants = tasks_[src].model.grants;
          --stats_.rejected_calls;
          return;
        }
        if (s != Status::kBadState) return fail("adopt over an existing bitmap");
        break;
      }
    }
    if (s == Status::kOk) return fail("a bad call succeeded");
    expect_unchanged(task, before, status_name(s));
  }

  void expect_unchanged(Task& task, const BitmapImage& before, const char* what) {
    if (!(BitmapImage::of(task.ports->bitmap()) == before))
      fail(std::string("state changed on error: ") + what);
  }

  void check_all() {
    // Objects: invariants, grants as the model says, and each one's active set as the CPUs say.
    std::set<IoBitmap*> objects;
    for (auto& task : tasks_) {
      if (!task.model.alive) continue;
      RefPtr<IoBitmap> b = task.ports->bitmap();
      if (!b) {
        if (!task.model.grants.empty()) return fail("task lost its bitmap");
        continue;
      }
      objects.insert(b.get());
      IoGrant grants[IoBitmap::kMaxGrants];
      const uint32_t n = b->grants(grants, IoBitmap::kMaxGrants);
      std::map<uint64_t, PortRange> engine;
      for (uint32_t i = 0; i < n; ++i) engine[grants[i].id] = grants[i].ports;
      if (engine != task.model.grants) return fail("grants differ from the model");
    }
    for (auto& cpu : cpus_) {
      if (cpu->state->active_bitmap() != nullptr)
        objects.insert(const_cast<IoBitmap*>(cpu->state->active_bitmap()));
    }
    for (IoBitmap* b : objects) {
      b->check_invariants();
      CpuSet expected;
      for (uint32_t c = 0; c < cpus_.size(); ++c) {
        if (cpus_[c]->state->active_bitmap() == b) expected.add(c);
      }
      if (!(b->active_cpus() == expected)) return fail("active set differs from the CPUs");
    }
    for (uint32_t i = 0; i < kMaxTasks; ++i) {
      model_ports_[i].reset();
      if (tasks_[i].model.alive) model_ports_[i] = std::make_unique<ModelPorts>(tasks_[i].model);
    }
    for (uint32_t c = 0; c < cpus_.size(); ++c) check_cpu(c);
  }

  // The invariant on one CPU, by evaluating its fake TSS exactly as the CPU would.
  void check_cpu(uint32_t c) {
    ++stats_.cpu_checks;
    Cpu& cpu = *cpus_[c];
    if (cpu.tss->failed()) return fail("hardware interface misused");
    static const ModelPorts kNoPorts;
    const ModelPorts& model = cpu.task >= 0 ? *model_ports_[cpu.task] : kNoPorts;
    // Safety: nothing permitted that the task does not hold, at any width.
    cpu.tss->for_each_open_byte([&](uint32_t byte) {
      for (uint32_t port = byte * 8; port < byte * 8 + 8; ++port) {
        for (uint32_t width : {1u, 2u, 4u}) {
          if (cpu.tss->cpu_allows(port, width) && !model.allows(port, width)) {
            return fail(describe("TSS permits a port not held", c, cpu.task, port, width));
          }
        }
      }
    });
    // The top of the port space: wide accesses there reach the trailing byte.
    for (uint32_t port = 0xFFF8; port <= 0xFFFF; ++port) {
      for (uint32_t width : {1u, 2u, 4u}) {
        if (cpu.tss->cpu_allows(port, width) && !model.allows(port, width)) {
          return fail(describe("TSS permits at the top", c, cpu.task, port, width));
        }
      }
    }
    // Exactness whenever the engine claims the CPU is current for its task.
    if (cpu.task >= 0 && cpu.state->is_current_for(tasks_[cpu.task].ports.get())) {
      for (uint32_t byte : model.bytes) {
        for (uint32_t port = byte * 8; port < byte * 8 + 8; ++port) {
          for (uint32_t width : {1u, 2u, 4u}) {
            if (cpu.tss->cpu_allows(port, width) != model.allows(port, width)) {
              return fail(describe("current TSS differs from the model", c, cpu.task, port, width));
            }
          }
        }
      }
    }
  }

  bool drop_ipis_;
  bool trace_ = false;
  std::vector<std::unique_ptr<Cpu>> cpus_;
  std::vector<Task> tasks_;
  uint64_t next_grant_ = 1;
  std::unique_ptr<ModelPorts> model_ports_[kMaxTasks];  // rebuilt by every check_all
  IoCounters changer_;  // counters of the CPU making changes (the simulator's "syscall CPU")
  std::string error_;
  SimStats stats_;
};

}  // namespace io_sim
