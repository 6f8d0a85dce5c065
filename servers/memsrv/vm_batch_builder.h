// The memory server's side of vm_batch: a request's page operations are appended one by one and
// leave as few, large operations in as few batches as the rules allow.
//   - An append extends the previous operation when it is the same kind with the same rights, its
//     pages are adjacent to it (either side), and, for a map, its frames are adjacent in the same
//     direction (vm_op_merge). Only the previous operation: nothing is ever moved past another one,
//     so an unmap or protect is never reordered against a map of the same range, and nothing is
//     ever dropped or cancelled (map-then-unmap of a page reaches the kernel as both operations).
//   - A full buffer (max_ops operations) or a full batch (max_pages pages) is flushed through the
//     sink before the append goes on; finish() flushes the rest at the end of a request.
//   - max_pages = 1 is the page-at-a-time baseline: every page is its own operation and its own
//   batch.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "abi/portcullis/vm_op.h"

// Where a finished batch goes: the vm_batch syscall on the client's address space in Portcullis, a
// callback in host tests. All or nothing: on an error nothing of the batch was applied.
class VmBatchSink {
 public:
  [[nodiscard]] virtual Status submit_batch(const VmOp* ops, uint32_t count) = 0;

 protected:
  ~VmBatchSink() = default;
};

struct VmBatchLimits {
  static constexpr uint32_t kMaxOps = 64;  // the builder's buffer (a vm_batch takes up to 256)

  uint32_t max_ops = kMaxOps;     // 1 .. kMaxOps operations per batch
  uint32_t max_pages = 1u << 20;  // pages per batch (1 = page at a time); kVmBatchMaxPages at most

  static constexpr VmBatchLimits page_at_a_time() { return VmBatchLimits{kMaxOps, 1}; }
};

struct VmBatchBuilderCounters {
  uint64_t appends = 0;      // map/unmap/protect calls
  uint64_t pages = 0;        // pages in them
  uint64_t ops_emitted = 0;  // operations after merging, as submitted
  uint64_t batches = 0;      // submissions
};

class VmBatchBuilder {
 public:
  explicit VmBatchBuilder(VmBatchSink& sink, VmBatchLimits limits = VmBatchLimits{});
  VmBatchBuilder(const VmBatchBuilder&) = delete;
  VmBatchBuilder& operator=(const VmBatchBuilder&) = delete;

  // Each may flush (and so fail with the kernel's answer for the batch that was flushed, whose
  // operations are then gone from the builder). Arguments are not checked here: the kernel checks.
  [[nodiscard]] Status map(uint64_t va, uint64_t frame, uint32_t page_count, uint8_t rights);
  [[nodiscard]] Status unmap(uint64_t va, uint32_t page_count);
  [[nodiscard]] Status protect(uint64_t va, uint32_t page_count, uint8_t rights);
  [[nodiscard]] Status append(const VmOp& op);
  // End of the request: submits what is pending (nothing when empty).
  [[nodiscard]] Status finish();

  uint32_t pending_ops() const { return count_; }
  uint32_t pending_pages() const { return pages_; }
  const VmOp& pending(uint32_t i) const { return ops_[i]; }
  const VmBatchBuilderCounters& counters() const { return counters_; }
  const VmBatchLimits& limits() const { return limits_; }

 private:
  [[nodiscard]] Status flush();

  VmBatchSink& sink_;
  const VmBatchLimits limits_;
  // ops_[0, count_) is the pending batch in submission order; pages_ is the sum of its page counts.
  VmOp ops_[VmBatchLimits::kMaxOps];
  uint32_t count_ = 0;
  uint32_t pages_ = 0;
  VmBatchBuilderCounters counters_;
};
