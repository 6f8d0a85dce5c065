#include "kernel/arch/x86_64/exception_fixup.h"

#include "abi/portcullis/vm_op.h"
#include "kernel/arch/arch.h"

extern "C" char user_copy_fault_rip[], user_copy_fixup[];  // user_copy.S
extern "C" char user_copy_fault_rip_words[], user_copy_fixup_words[];

namespace {

struct FixupEntry {
  const char* fault_rip;
  const char* fixup_rip;
};

const FixupEntry kFixups[] = {
    {user_copy_fault_rip_words, user_copy_fixup_words},
    {user_copy_fault_rip, user_copy_fixup},
};

}  // namespace

bool apply_exception_fixup(InterruptFrame* frame, uint64_t fault_address) {
  if (frame->vector != 14 || (frame->cs & 3) != 0 || fault_address >= kUserTop) return false;
  for (const FixupEntry& e : kFixups) {
    if (frame->rip == reinterpret_cast<uint64_t>(e.fault_rip)) {
      frame->rip = reinterpret_cast<uint64_t>(e.fixup_rip);
      return true;
    }
  }
  return false;
}

extern "C" size_t arch_copy_user_bytes(void* dst, const void* src, size_t length);

size_t arch::copy_user_bytes(void* dst, const void* src, size_t length) {
  return arch_copy_user_bytes(dst, src, length);
}
