// sys::PciClient: a program's side of the PCI server's protocol (libsys/pci_protocol.h), a
// session over the endpoint in a slot the program keeps.
#pragma once

#include <stdint.h>
#include <utility>

#include "base/result.h"
#include "libsys/device_session.h"
#include "libsys/pci_protocol.h"

namespace sys {

class PciClient {
 public:
  [[nodiscard]] static Result<PciClient> open(uint32_t endpoint_slot) {
    return PciClient(TRY(DeviceSession::open(endpoint_slot, {kPciOpen, kPciClose})));
  }

  // Function `index` of the server's table and, in *count, how many the table holds; kOutOfRange
  // past its end.
  [[nodiscard]] Result<PciFunctionInfo> function(uint32_t index, uint32_t* count) const {
    IpcMessage message;
    const uint64_t args[] = {index};
    TRY(session_.request(kPciFunction, args, 1, &message));
    PciFunctionInfo f;
    if (message.word_count < 3 || !pci_unpack_function(message.words, &f)) {
      return Status::kBadState;
    }
    *count = static_cast<uint32_t>(message.words[2]);
    return f;
  }

  // BAR `bar` (0-5) of function `index`.
  [[nodiscard]] Result<PciBarInfo> bar(uint32_t index, uint32_t bar) const {
    IpcMessage message;
    const uint64_t args[] = {index, bar};
    TRY(session_.request(kPciBar, args, 2, &message));
    PciBarInfo info;
    if (message.word_count < 3 || !pci_unpack_bar(message.words, &info)) return Status::kBadState;
    return info;
  }

  [[nodiscard]] Status close() { return session_.close(); }

 private:
  explicit PciClient(DeviceSession session) : session_(std::move(session)) {}

  DeviceSession session_;
};

}  // namespace sys
