// ACPI table walk to the MADT. Reads go through a byte pointer with memcpy-style loads: the tables
// are packed and their fields unaligned.
#include "kernel/acpi/madt.h"
#include "kernel/lib/unaligned.h"

namespace {

constexpr size_t kSdtHeaderBytes = 36;
constexpr size_t kMadtFixedBytes = 44;  // header + u32 local APIC address + u32 flags
constexpr size_t kRsdpV1Bytes = 20;
constexpr size_t kRsdpV2Bytes = 36;
constexpr uint32_t kMaxTableBytes = 1 << 20;
constexpr uint32_t kPcatCompat = 1;

uint8_t read_u8(const uint8_t* p) { return *p; }

bool sums_to_zero(const uint8_t* p, size_t bytes) {
  uint8_t sum = 0;
  for (size_t i = 0; i < bytes; ++i) sum = static_cast<uint8_t>(sum + p[i]);
  return sum == 0;
}

bool signature_is(const uint8_t* p, const char* sig, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (p[i] != static_cast<uint8_t>(sig[i])) return false;
  return true;
}

// Maps the table at `phys` and checks its header and checksum; yields its bytes and length.
Status map_table(uint64_t phys, const char* signature, PhysToVirt to_virt, const uint8_t** out,
                 uint32_t* length) {
  const uint8_t* t = static_cast<const uint8_t*>(to_virt(phys));
  if (t == nullptr) return Status::kOutOfRange;
  if (!signature_is(t, signature, 4)) return Status::kInvalidArgument;
  const uint32_t len = read_u32(t + 4);
  if (len < kSdtHeaderBytes) return Status::kInvalidArgument;
  if (len > kMaxTableBytes) return Status::kOutOfRange;
  if (!sums_to_zero(t, len)) return Status::kInvalidArgument;
  *out = t;
  *length = len;
  return Status::kOk;
}

Status add_cpu(MadtInfo* out, uint32_t apic_id, uint32_t uid, uint32_t flags, bool x2apic) {
  if ((flags & 3) == 0) return Status::kOk;  // neither enabled nor online capable
  for (size_t i = 0; i < out->cpu_count; ++i)
    if (out->cpus[i].apic_id == apic_id) return Status::kOk;
  if (out->cpu_count == MadtInfo::kMaxCpus) {
    ++out->cpus_dropped;
    return Status::kOk;
  }
  out->cpus[out->cpu_count++] = AcpiCpu{apic_id, uid, (flags & 1) != 0, x2apic};
  return Status::kOk;
}

// Minimum entry length per MADT entry type this parser reads (ACPI 6.5, 5.2.12).
size_t min_entry_bytes(uint8_t type) {
  switch (type) {
    case 0:
      return 8;  // processor local APIC
    case 1:
      return 12;  // I/O APIC
    case 2:
      return 10;  // interrupt source override
    case 5:
      return 12;  // local APIC address override
    case 9:
      return 16;  // processor local x2APIC
    default:
      return 2;
  }
}

}  // namespace

Status parse_madt_table(const void* table, size_t readable_bytes, MadtInfo* out) {
  const uint8_t* t = static_cast<const uint8_t*>(table);
  if (readable_bytes < kSdtHeaderBytes) return Status::kInvalidArgument;
  if (!signature_is(t, "APIC", 4)) return Status::kInvalidArgument;
  const uint32_t length = read_u32(t + 4);
  if (length > readable_bytes) return Status::kOutOfRange;
  if (length < kMadtFixedBytes) return Status::kInvalidArgument;
  if (!sums_to_zero(t, length)) return Status::kInvalidArgument;

  out->lapic_address = read_u32(t + 36);
  out->legacy_pics = (read_u32(t + 40) & kPcatCompat) != 0;
  out->cpu_count = 0;
  out->cpus_dropped = 0;
  out->io_apic_count = 0;
  out->override_count = 0;

  size_t offset = kMadtFixedBytes;
  while (offset < length) {
    if (length - offset < 2) return Status::kInvalidArgument;
    const uint8_t* e = t + offset;
    const uint8_t type = read_u8(e);
    const uint8_t len = read_u8(e + 1);
    if (len < min_entry_bytes(type) || len > length - offset) return Status::kInvalidArgument;
    switch (type) {
      case 0:
        if (read_u8(e + 3) != 0xff)  // 0xFF is not a usable xAPIC id (x2APIC entries carry those)
          TRY(add_cpu(out, read_u8(e + 3), read_u8(e + 2), read_u32(e + 4), false));
        break;
      case 1:
        if (out->io_apic_count == MadtInfo::kMaxIoApics) return Status::kNoSpace;
        out->io_apics[out->io_apic_count++] =
            AcpiIoApic{read_u8(e + 2), read_u32(e + 4), read_u32(e + 8)};
        break;
      case 2:
        if (out->override_count == MadtInfo::kMaxOverrides) return Status::kNoSpace;
        out->overrides[out->override_count++] =
            AcpiIrqOverride{read_u8(e + 2), read_u8(e + 3), read_u32(e + 4), read_u16(e + 8)};
        break;
      case 5:
        out->lapic_address = read_u64(e + 4);
        break;
      case 9:
        TRY(add_cpu(out, read_u32(e + 4), read_u32(e + 12), read_u32(e + 8), true));
        break;
      default:
        break;  // NMI sources, LAPIC NMI, GIC...: not used
    }
    offset += len;
  }
  return Status::kOk;
}

Status parse_acpi_madt(const void* rsdp, size_t rsdp_bytes, PhysToVirt to_virt, MadtInfo* out) {
  const uint8_t* r = static_cast<const uint8_t*>(rsdp);
  if (rsdp == nullptr || to_virt == nullptr || rsdp_bytes < kRsdpV1Bytes)
    return Status::kInvalidArgument;
  if (!signature_is(r, "RSD PTR ", 8) || !sums_to_zero(r, kRsdpV1Bytes))
    return Status::kInvalidArgument;
  const uint8_t revision = read_u8(r + 15);
  uint64_t root = read_u32(r + 16);
  bool xsdt = false;
  if (revision >= 2) {
    if (rsdp_bytes < kRsdpV2Bytes) return Status::kInvalidArgument;
    const uint32_t length = read_u32(r + 20);
    if (length < kRsdpV2Bytes || length > rsdp_bytes) return Status::kInvalidArgument;
    if (!sums_to_zero(r, length)) return Status::kInvalidArgument;
    const uint64_t xsdt_phys = read_u64(r + 24);
    if (xsdt_phys != 0) {
      root = xsdt_phys;
      xsdt = true;
    }
  }

  const uint8_t* root_table;
  uint32_t root_length;
  TRY(map_table(root, xsdt ? "XSDT" : "RSDT", to_virt, &root_table, &root_length));
  const size_t width = xsdt ? 8 : 4;
  if ((root_length - kSdtHeaderBytes) % width != 0) return Status::kInvalidArgument;
  for (size_t off = kSdtHeaderBytes; off < root_length; off += width) {
    const uint64_t phys = xsdt ? read_u64(root_table + off) : read_u32(root_table + off);
    if (phys == 0) continue;
    const uint8_t* header = static_cast<const uint8_t*>(to_virt(phys));
    if (header == nullptr) return Status::kOutOfRange;
    if (!signature_is(header, "APIC", 4)) continue;
    const uint8_t* madt;
    uint32_t madt_length;
    TRY(map_table(phys, "APIC", to_virt, &madt, &madt_length));
    TRY(parse_madt_table(madt, madt_length, out));
    out->acpi_revision = revision;
    out->used_xsdt = xsdt;
    return Status::kOk;
  }
  return Status::kNotFound;
}

Result<uint64_t> find_rsdp_in_bios_area(PhysToVirt to_virt) {
  const uint8_t* bda = static_cast<const uint8_t*>(to_virt(0x40e));
  uint64_t ranges[2][2] = {{0, 0}, {0xe0000, 0x100000}};
  if (bda != nullptr) {
    const uint64_t ebda = uint64_t{read_u16(bda)} << 4;  // the BDA holds the EBDA segment
    if (ebda >= 0x80000 && ebda < 0xa0000) {
      ranges[0][0] = ebda;
      ranges[0][1] = ebda + 1024;
    }
  }
  for (const auto& range : ranges) {
    for (uint64_t phys = range[0]; phys + kRsdpV1Bytes <= range[1]; phys += 16) {
      const uint8_t* p = static_cast<const uint8_t*>(to_virt(phys));
      if (p != nullptr && signature_is(p, "RSD PTR ", 8) && sums_to_zero(p, kRsdpV1Bytes))
        return phys;
    }
  }
  return Status::kNotFound;
}
