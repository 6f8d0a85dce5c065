// The protocol of the PCI server (servers/drivers/pci in `serve` mode, docs/drivers.md) on the
// endpoint init keeps as 'pci': one IPC call per request, answered with the request's Status as
// the reply's label. A client opens a session (words[0] of the answer is its number), names it in
// words[0] of every request and closes it; a server started with clients=N exits once N sessions
// have closed. The server enumerates the functions and sizes their BARs once, when it starts;
// requests page through that table by index. Clients use sys::PciClient (libsys/pci_client.h).
//
// Answers of every request: kInvalidArgument (fewer words than the request needs),
// kBadHandle (no open session of that number), kNotSupported (a label not listed here), kNoSpace
// (open: every session is taken), kNotFound (no configuration mechanism #1: no PCI).
#pragma once

#include <stdint.h>

namespace sys {

// Request labels ("PCIC" and a number).
inline constexpr uint64_t kPciOpen = 0x5043'4943'0000'0001;  // answer: words[0] = session
// words[0] = session, words[1] = index (0, 1, ...). Answer: words[0] and words[1] the function
// (pci_pack_function), words[2] = how many functions there are. kOutOfRange: index >= that count.
inline constexpr uint64_t kPciFunction = 0x5043'4943'0000'0002;
// words[0] = session, words[1] = function index, words[2] = BAR number (0-5). Answer: words[0] =
// base, words[1] = size in bytes (ports for I/O), words[2] = PciBarSpace in bits 0-7, bit 8 set if
// prefetchable. An unused BAR (and the upper half of a 64-bit one, and BARs 2-5 of a bridge)
// answers kOk with kUnused. kOutOfRange: no such function or BAR number.
inline constexpr uint64_t kPciBar = 0x5043'4943'0000'0003;
inline constexpr uint64_t kPciClose = 0x5043'4943'0000'0004;  // words[0] = session

inline constexpr uint32_t kPciBarsPerFunction = 6;

struct PciFunctionInfo {
  uint8_t bus, device, function;
  uint8_t header_type;  // bit 7: multi-function device; bits 0-6: the layout (0 device, 1 bridge)
  uint16_t vendor_id, device_id;
  uint8_t class_code, subclass, prog_if, revision;
  constexpr bool operator==(const PciFunctionInfo&) const = default;
};

// words[0]: bus, device, function and header type a byte each, then configuration dword 0 (vendor
// in bits 32-47, device in 48-63); words[1]: configuration dword 2 (revision, prog-if, subclass,
// class from bit 0 up), as configuration space holds them.
constexpr void pci_pack_function(const PciFunctionInfo& f, uint64_t* words) {
  words[0] = uint64_t{f.bus} | uint64_t{f.device} << 8 | uint64_t{f.function} << 16 |
             uint64_t{f.header_type} << 24 | uint64_t{f.vendor_id} << 32 |
             uint64_t{f.device_id} << 48;
  words[1] = uint64_t{f.revision} | uint64_t{f.prog_if} << 8 | uint64_t{f.subclass} << 16 |
             uint64_t{f.class_code} << 24;
}

// The function two words hold; false if a field is out of range (device 32 or more, function 8
// or more) or bits above the class in words[1] are set.
constexpr bool pci_unpack_function(const uint64_t* words, PciFunctionInfo* out) {
  const PciFunctionInfo f{
      static_cast<uint8_t>(words[0]),        static_cast<uint8_t>(words[0] >> 8),
      static_cast<uint8_t>(words[0] >> 16),  static_cast<uint8_t>(words[0] >> 24),
      static_cast<uint16_t>(words[0] >> 32), static_cast<uint16_t>(words[0] >> 48),
      static_cast<uint8_t>(words[1] >> 24),  static_cast<uint8_t>(words[1] >> 16),
      static_cast<uint8_t>(words[1] >> 8),   static_cast<uint8_t>(words[1])};
  if (f.device >= 32 || f.function >= 8 || (words[1] >> 32) != 0) return false;
  *out = f;
  return true;
}

enum class PciBarSpace : uint8_t { kUnused = 0, kIo = 1, kMemory32 = 2, kMemory64 = 3 };

struct PciBarInfo {
  PciBarSpace space = PciBarSpace::kUnused;
  bool prefetchable = false;
  uint64_t base = 0;
  uint64_t size = 0;
  constexpr bool operator==(const PciBarInfo&) const = default;
};

inline constexpr uint64_t kPciBarPrefetchable = 1u << 8;

constexpr void pci_pack_bar(const PciBarInfo& bar, uint64_t* words) {
  words[0] = bar.base;
  words[1] = bar.size;
  words[2] = static_cast<uint64_t>(bar.space) | (bar.prefetchable ? kPciBarPrefetchable : 0);
}

// false for an unknown space or other bits set in words[2].
constexpr bool pci_unpack_bar(const uint64_t* words, PciBarInfo* out) {
  if ((words[2] & ~(uint64_t{0xFF} | kPciBarPrefetchable)) != 0 ||
      (words[2] & 0xFF) > static_cast<uint64_t>(PciBarSpace::kMemory64)) {
    return false;
  }
  *out = PciBarInfo{static_cast<PciBarSpace>(words[2] & 0xFF),
                    (words[2] & kPciBarPrefetchable) != 0, words[0], words[1]};
  return true;
}

}  // namespace sys
