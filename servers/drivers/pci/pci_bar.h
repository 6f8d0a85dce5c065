// PCI configuration space as configuration mechanism #1 addresses it, and base address registers
// (BARs) decoded from what the sizing probe reads back. Plain C++ (no ports), so the host tests
// run it (test/host/servers/drivers/pci/).
#pragma once

#include <stdint.h>

struct PciFunction {
  uint8_t bus, device, function;  // device < 32, function < 8
};

// The CONFIG_ADDRESS word (port 0xCF8) for the dword at `offset` (its low two bits ignored).
constexpr uint32_t pci_config_address(const PciFunction& f, uint8_t offset) {
  return 0x8000'0000u | uint32_t{f.bus} << 16 | uint32_t{f.device} << 11 |
         uint32_t{f.function} << 8 | (offset & 0xFCu);
}

// Configuration-space offsets of the common header and of header types 0 and 1.
inline constexpr uint8_t kPciVendorDevice = 0x00;
inline constexpr uint8_t kPciClass = 0x08;       // revision, prog-if, subclass, class
inline constexpr uint8_t kPciHeaderType = 0x0C;  // the byte at 0x0E, in the dword at 0x0C
inline constexpr uint8_t kPciFirstBar = 0x10;
inline constexpr uint8_t kPciBusNumbers = 0x18;  // type 1: primary, secondary, subordinate
inline constexpr uint32_t kPciNoVendor = 0xFFFF;
inline constexpr uint8_t kPciMultiFunction = 0x80;  // in the header type

enum class PciBarKind : uint8_t { kUnused, kIo, kMemory32, kMemory64 };

struct PciBar {
  PciBarKind kind = PciBarKind::kUnused;
  bool prefetchable = false;
  uint64_t base = 0;
  uint64_t size = 0;  // in bytes (ports for kIo); 0 for kUnused
};

// A BAR from its value and what it read back after all ones were written to it (`probe`). A
// 64-bit BAR takes the next register too: `high` and `high_probe` are that register's value and
// probe (ignored for the other kinds).
PciBar decode_pci_bar(uint32_t value, uint32_t probe, uint32_t high, uint32_t high_probe);

// Whether the low register says the BAR is 64-bit (and so takes the next register too).
constexpr bool pci_bar_is_64_bit(uint32_t value) { return (value & 0x7) == 0x4; }

// A short name for a class and subclass ("host bridge"), or nullptr (libsys/pci_names.h).
const char* pci_class_name(uint8_t class_code, uint8_t subclass);
