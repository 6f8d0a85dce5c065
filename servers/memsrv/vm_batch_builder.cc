#include "servers/memsrv/vm_batch_builder.h"

#include "base/assert.h"

namespace {

VmBatchLimits clamp(VmBatchLimits l) {
  if (l.max_ops == 0 || l.max_ops > VmBatchLimits::kMaxOps) l.max_ops = VmBatchLimits::kMaxOps;
  if (l.max_pages == 0) l.max_pages = 1;
  if (l.max_pages > kVmBatchMaxPages) l.max_pages = static_cast<uint32_t>(kVmBatchMaxPages);
  return l;
}

}  // namespace

VmBatchBuilder::VmBatchBuilder(VmBatchSink& sink, VmBatchLimits limits)
    : sink_(sink), limits_(clamp(limits)) {}

Status VmBatchBuilder::map(uint64_t va, uint64_t frame, uint32_t page_count, uint8_t rights) {
  return append(vm_map_op(va, frame, page_count, rights));
}

Status VmBatchBuilder::unmap(uint64_t va, uint32_t page_count) {
  return append(vm_unmap_op(va, page_count));
}

Status VmBatchBuilder::protect(uint64_t va, uint32_t page_count, uint8_t rights) {
  return append(vm_protect_op(va, page_count, rights));
}

Status VmBatchBuilder::append(const VmOp& op) {
  counters_.appends++;
  counters_.pages += op.page_count;
  if (op.page_count == 0) {
    // Still never dropped: the kernel answers it (kInvalidArgument) like any other bad operation.
    if (count_ == limits_.max_ops) {
      const Status s = flush();
      if (s != Status::kOk) return s;
    }
    ops_[count_++] = op;
    return Status::kOk;
  }
  VmOp rest = op;
  while (rest.page_count > 0) {
    if (pages_ == limits_.max_pages) {
      const Status s = flush();
      if (s != Status::kOk) return s;
    }
    // The part that fits in this batch; a split map keeps its frames in step with its pages.
    const uint32_t room = limits_.max_pages - pages_;
    VmOp part = rest;
    part.page_count = rest.page_count < room ? rest.page_count : room;
    if (count_ == 0 || !vm_op_merge(ops_[count_ - 1], part)) {
      if (count_ == limits_.max_ops) {
        const Status s = flush();
        if (s != Status::kOk) return s;
        continue;  // recompute the room in the new batch
      }
      ops_[count_++] = part;
    }
    pages_ += part.page_count;
    rest.va += part.bytes();
    if (rest.kind == VmOpKind::kMap) rest.frame += part.bytes();
    rest.page_count -= part.page_count;
  }
  return Status::kOk;
}

Status VmBatchBuilder::finish() { return count_ == 0 ? Status::kOk : flush(); }

Status VmBatchBuilder::flush() {
  ASSERT(count_ > 0);
  counters_.batches++;
  counters_.ops_emitted += count_;
  const Status s = sink_.submit_batch(ops_, count_);
  count_ = 0;
  pages_ = 0;
  return s;
}
