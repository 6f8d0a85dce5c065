#include "servers/init/fault_text.h"

#include "base/format.h"

const char* fault_kind_name(FaultKind kind) {
  switch (kind) {
    case FaultKind::kPage:
      return "page fault";
    case FaultKind::kGeneralProtection:
      return "general protection fault";
    case FaultKind::kInvalidOpcode:
      return "invalid opcode";
    case FaultKind::kDivide:
      return "divide error";
    case FaultKind::kPort:
      return "port fault";
    case FaultKind::kOther:
      return "exception";
  }
  return "unknown fault kind";
}

size_t format_fault(const FaultMessage& fault, char* out, size_t capacity) {
  size_t used = format(out, capacity, "%s (vector %u, error 0x%x) at rip 0x%lx",
                       fault_kind_name(fault.kind), fault.vector, fault.error_code, fault.rip);
  const size_t rest = used < capacity ? capacity - used : 0;
  char* tail = used < capacity ? out + used : nullptr;
  if (fault.kind == FaultKind::kPage) {
    used += format(tail, rest, ", address 0x%lx", fault.detail);
  } else if (fault.kind == FaultKind::kPort) {
    used += format(tail, rest, ", %s port 0x%x width %u",
                   fault_port_is_out(fault.detail) ? "out" : "in", fault_port(fault.detail),
                   fault_port_width(fault.detail));
  }
  return used;
}
