// ACPI discovery of the interrupt hardware: RSDP -> RSDT or XSDT -> MADT ("APIC"), giving the CPUs
// (local APIC and local x2APIC entries), the I/O APICs, the ISA interrupt overrides and the local
// APIC address. Every table is reached through a PhysToVirt and checked (signature, length,
// checksum) before it is read; garbage gives a Status, never a wild read past a table's length.
//
// Usage (kernel main):
//   static MadtInfo madt;
//   Status s = parse_acpi_madt(boot_info.rsdp, boot_info.rsdp_bytes, direct_map, &madt);
//   // no RSDP tag from GRUB? find_rsdp_in_bios_area(direct_map) scans the EBDA and 0xE0000-0xFFFFF
//   for (size_t i = 0; i < madt.cpu_count; ++i) apic_ids[i] = madt.cpus[i].apic_id;  // if enabled
//   arch::smp_init(apic_ids, n);  // starts every listed CPU but this one
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/status.h"
#include "base/cpu_set.h"
#include "base/result.h"
#include "kernel/mm/phys_to_virt.h"

struct AcpiCpu {
  uint32_t apic_id;   // local APIC id (x2APIC id for type-9 entries); what INIT/SIPI targets
  uint32_t acpi_uid;  // processor UID (type 0: the 8-bit ACPI processor id)
  bool enabled;       // flags bit 0; false means only "online capable" (bit 1): may be absent
  bool x2apic_entry;  // came from a type-9 entry
};

struct AcpiIoApic {
  uint32_t id;
  uint32_t address;   // physical MMIO base
  uint32_t gsi_base;  // first global system interrupt it serves
};

// An ISA IRQ routed to another GSI or with other polarity/trigger (type-2 entry).
struct AcpiIrqOverride {
  uint8_t bus;  // 0 = ISA
  uint8_t source_irq;
  uint32_t gsi;
  uint16_t flags;  // MPS INTI flags: bits 0-1 polarity, 2-3 trigger mode
};

struct MadtInfo {
  static constexpr size_t kMaxCpus = ::kMaxCpus;
  static constexpr size_t kMaxIoApics = 16;
  static constexpr size_t kMaxOverrides = 32;

  uint8_t acpi_revision;  // RSDP revision: 0 = ACPI 1.0 (RSDT), >= 2 (XSDT when present)
  bool used_xsdt;
  uint64_t lapic_address;  // the type-5 override if present, else the MADT's 32-bit field
  bool legacy_pics;        // PCAT_COMPAT: 8259 PICs present (mask them before using the APIC)

  // In MADT order, each APIC id once (a type-9 entry repeating a type-0 id is dropped). Disabled
  // (flags 0) entries and type-0 id 0xFF are skipped. CPUs past kMaxCpus are counted, not listed.
  AcpiCpu cpus[kMaxCpus];
  size_t cpu_count;
  size_t cpus_dropped;

  AcpiIoApic io_apics[kMaxIoApics];
  size_t io_apic_count;
  AcpiIrqOverride overrides[kMaxOverrides];
  size_t override_count;
};

// `rsdp` holds a copy of the RSDP (e.g. BootInfo::rsdp): 20 bytes for revision 0, its `length`
// (36) for revision 2+. Errors:
//   kInvalidArgument  bad signature or checksum, a length below a table's fixed part, a malformed
//                     MADT entry (length < 2, or shorter than its type needs, or past the table)
//   kOutOfRange       to_virt could not map a table, or a table claims more than 1 MiB
//   kNotFound         no MADT in the RSDT/XSDT
//   kNoSpace          more I/O APICs or overrides than MadtInfo holds
// `out` is fully rewritten on success and unspecified on failure.
[[nodiscard]] Status parse_acpi_madt(const void* rsdp, size_t rsdp_bytes, PhysToVirt to_virt,
                                     MadtInfo* out);

// One MADT, already mapped: `table` points to its header, `readable_bytes` may be read. Same
// checks.
[[nodiscard]] Status parse_madt_table(const void* table, size_t readable_bytes, MadtInfo* out);

// The RSDP's physical address, found the BIOS way (16-byte aligned "RSD PTR " with a valid checksum
// in the first KiB of the EBDA, then in 0xE0000-0xFFFFF). kNotFound if absent (e.g. UEFI).
Result<uint64_t> find_rsdp_in_bios_area(PhysToVirt to_virt);
