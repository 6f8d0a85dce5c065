// libFuzzer target: random batches, raw (any field, valid or not) or built by the memory server's
// VmBatchBuilder, applied to real page tables and to the reference model. Kernel and model must
// agree on the verdict (status and first bad index) and on every mapping; a refused batch changes
// nothing; every translation that changed is invalidated on every CPU where the space is active;
// at most one shootdown round per batch.
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <vector>

#include "servers/memsrv/vm_batch_builder.h"
#include "test/host/kernel/vm/fake_machine.h"
#include "test/host/kernel/vm/vm_model.h"

namespace {

class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }
  uint16_t u16() { return static_cast<uint16_t>(u8() | u8() << 8); }
  uint64_t u64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= uint64_t{u8()} << (8 * i);
    return v;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

constexpr uint64_t kWindow =
    0x7f'ffc0'0000;  // 4 MiB below 512 GiB: the window spans two of every table
constexpr uint64_t kWindowPages = 2048;

void fail(const char* what) {
  fprintf(stderr, "vm_batch_fuzz: %s\n", what);
  abort();
}

uint64_t pick_va(Bytes& in) {
  const uint8_t how = in.u8();
  if (how < 240) return kWindow + (in.u16() % kWindowPages) * kPageSize;
  if (how < 248) return in.u64() & ~(kPageSize - 1);
  return in.u64();
}

uint64_t pick_frame(Bytes& in) {
  const uint8_t how = in.u8();
  const uint64_t page = in.u16() % 4096;
  if (how < 180) return fake::kRamBase + page * kPageSize;
  if (how < 200) return fake::kReadOnlyBase + page * kPageSize;
  if (how < 220) return fake::kNoExecBase + page * kPageSize;
  if (how < 230) return fake::kRamTop - 2 * kPageSize;  // runs that leave the region
  if (how < 240) return fake::kTableBase + page * kPageSize;
  return in.u64();
}

uint32_t pick_pages(Bytes& in) {
  const uint8_t how = in.u8();
  if (how < 200) return 1 + how % 8;
  if (how < 250) return 1 + in.u16() % 600;
  return static_cast<uint32_t>(in.u64());
}

VmOp pick_op(Bytes& in) {
  VmOp op;
  const uint8_t kind = in.u8();
  op.kind = kind < 250 ? static_cast<VmOpKind>(1 + kind % 3) : static_cast<VmOpKind>(kind);
  op.va = pick_va(in);
  op.page_count = pick_pages(in);
  const uint8_t r = in.u8();
  op.rights = r < 240 ? static_cast<uint8_t>(kVmRead | (r & 6)) : r;
  if (op.kind == VmOpKind::kMap) op.frame = pick_frame(in);
  if (op.kind == VmOpKind::kUnmap && r < 250) op.rights = 0;
  if (in.u8() == 255) op.reserved = 1;
  return op;
}

struct Machine {
  fake::PhysicalMemory mem{512};
  fake::AddressSpace as{mem, CpuSet(0xf), 0};
  fake::VmModel model;
  uint64_t batches = 0;

  void apply(const VmOp* ops, uint32_t count, VmBatchResult* out) {
    const auto before = as.leaves();
    const uint64_t shootdowns = as.counters.shootdowns;
    as.events.clear();
    const VmBatchResult got = as.apply(ops, count);
    if (got.status == Status::kNoMemory) {
      // The model has no memory limit: it must accept the batch the kernel could not afford.
      fake::VmModel probe = model;
      if (probe.apply(ops, count).status != Status::kOk)
        fail("kernel ran out of memory on a bad batch");
    } else {
      const VmBatchResult want = model.apply(ops, count);
      if (want.status != got.status || want.bad_index != got.bad_index) {
        fprintf(stderr, "model %s@%u kernel %s@%u\n", status_name(want.status), want.bad_index,
                status_name(got.status), got.bad_index);
        fail("verdicts differ");
      }
    }
    const auto after = as.leaves();
    if (got.status != Status::kOk && (after != before || !as.events.empty()))
      fail("refused batch changed something");
    if (!model.matches(after)) fail("page tables differ from the model");
    uint32_t cpu = 0;
    uint64_t va = 0;
    if (fake::find_stale_translation(before, after, as.events, as.active_cpus(), as.current_cpu(),
                                     &cpu, &va)) {
      fprintf(stderr, "cpu %u va %#llx\n", cpu, static_cast<unsigned long long>(va));
      fail("stale translation");
    }
    if (as.counters.shootdowns > shootdowns + 1) fail("more than one shootdown round in a batch");
    if (out != nullptr) *out = got;
    batches++;
  }
};

class MachineSink final : public VmBatchSink {
 public:
  explicit MachineSink(Machine& m) : m_(m) {}
  Status submit_batch(const VmOp* ops, uint32_t count) override {
    VmBatchResult r;
    m_.apply(ops, count, &r);
    return r.status;
  }

 private:
  Machine& m_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  Machine m;
  m.mem.set_limit(4 + in.u8() % 24);  // sometimes too few tables: all-or-nothing under OOM
  for (int round = 0; round < 64 && !in.empty(); round++) {
    const uint8_t mode = in.u8();
    m.as.set_active(CpuSet(in.u8() & 0xf), in.u8() % 4);
    if (mode < 128) {
      // A raw batch, exactly as a (possibly hostile) memory server could pass it.
      std::vector<VmOp> ops;
      const uint32_t n = in.u8() % 24;
      for (uint32_t i = 0; i < n; i++) ops.push_back(pick_op(in));
      m.apply(ops.data(), n, nullptr);
    } else {
      // A request through the builder, with a random batch size (1 = page at a time).
      MachineSink sink(m);
      VmBatchLimits limits{1u + in.u8() % VmBatchLimits::kMaxOps, 1u + in.u16() % 700};
      VmBatchBuilder b(sink, limits);
      const uint32_t n = in.u8() % 48;
      for (uint32_t i = 0; i < n; i++) {
        VmOp op = pick_op(in);
        if (op.page_count > 700) op.page_count %= 700;
        (void)b.append(op);
      }
      (void)b.finish();
    }
  }
  return 0;
}
