#include "servers/drivers/pci/pci_bar.h"

#include "libsys/pci_names.h"

namespace {

// A BAR's size is the weight of the lowest address bit the device lets software change (the bits
// below it read back as zero after all ones were written). Lower bits that read back as one would
// be a broken device; they cannot be here, the flag bits being masked off.
uint64_t lowest_set_bit(uint64_t mask) { return mask & (~mask + 1); }

}  // namespace

PciBar decode_pci_bar(uint32_t value, uint32_t probe, uint32_t high, uint32_t high_probe) {
  PciBar bar;
  if ((value & 0x1) != 0) {
    // I/O: bits 31-2 hold the port; the upper 16 may read back as zero (16-bit decoders).
    const uint32_t mask = probe & 0xFFFCu;
    if (mask == 0) return bar;
    bar.kind = PciBarKind::kIo;
    bar.base = value & 0xFFFF'FFFCu;
    bar.size = lowest_set_bit(mask);
    return bar;
  }
  const bool wide = pci_bar_is_64_bit(value);
  const uint64_t mask = (wide ? uint64_t{high_probe} << 32 : 0) | (probe & 0xFFFF'FFF0u);
  if (mask == 0) return bar;
  bar.kind = wide ? PciBarKind::kMemory64 : PciBarKind::kMemory32;
  bar.base = (wide ? uint64_t{high} << 32 : 0) | (value & 0xFFFF'FFF0u);
  bar.prefetchable = (value & 0x8) != 0;
  bar.size = lowest_set_bit(mask);
  return bar;
}

const char* pci_class_name(uint8_t class_code, uint8_t subclass) {
  return sys::pci_class_name(class_code, subclass);
}
