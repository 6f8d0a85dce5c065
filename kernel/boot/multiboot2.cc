// Multiboot2 boot information parser. Every read is bounded by total_size, which is itself bounded
// by what the caller says is readable, so a corrupt block yields a Status, never a wild read.
#include "kernel/boot/multiboot2.h"
#include "kernel/lib/unaligned.h"

namespace {

constexpr size_t kHeaderBytes = 8;     // u32 total_size, u32 reserved
constexpr size_t kTagHeaderBytes = 8;  // u32 type, u32 size
constexpr size_t kTagAlign = 8;
constexpr size_t kMemoryMapHeaderBytes = 16;  // tag header + u32 entry_size + u32 entry_version
constexpr size_t kMemoryMapEntryBytes = 24;   // u64 base, u64 length, u32 type, u32 reserved
constexpr size_t kModuleHeaderBytes = 16;     // tag header + u32 mod_start + u32 mod_end
constexpr size_t kRsdpV1Bytes = 20;

// A string field filling [p, p + bytes) must be NUL-terminated inside it.
bool has_nul(const uint8_t* p, size_t bytes) {
  for (size_t i = 0; i < bytes; ++i)
    if (p[i] == 0) return true;
  return false;
}

Status parse_memory_map(const uint8_t* tag, uint32_t tag_size, BootInfo* out) {
  if (tag_size < kMemoryMapHeaderBytes) return Status::kInvalidArgument;
  const uint32_t entry_size = read_u32(tag + 8);
  // Entries are at least the v0 layout; later versions may only grow them, in 8-byte steps.
  if (entry_size < kMemoryMapEntryBytes || entry_size % 8 != 0) return Status::kInvalidArgument;
  const size_t count = (tag_size - kMemoryMapHeaderBytes) / entry_size;
  for (size_t i = 0; i < count; ++i) {
    const uint8_t* e = tag + kMemoryMapHeaderBytes + i * entry_size;
    const uint64_t base = read_u64(e);
    const uint64_t length = read_u64(e + 8);
    if (length == 0) continue;
    if (base + (length - 1) < base) return Status::kOverflow;
    if (out->memory_region_count == BootInfo::kMaxMemoryRegions) return Status::kNoSpace;
    out->memory_map[out->memory_region_count++] = MemoryRegion{base, length, read_u32(e + 16)};
  }
  return Status::kOk;
}

Status parse_module(const uint8_t* tag, uint32_t tag_size, BootInfo* out) {
  if (tag_size < kModuleHeaderBytes + 1) return Status::kInvalidArgument;  // + the string's NUL
  const uint32_t start = read_u32(tag + 8);
  const uint32_t end = read_u32(tag + 12);
  if (end < start) return Status::kInvalidArgument;
  if (!has_nul(tag + kModuleHeaderBytes, tag_size - kModuleHeaderBytes))
    return Status::kInvalidArgument;
  if (out->module_count == BootInfo::kMaxModules) return Status::kNoSpace;
  out->modules[out->module_count++] =
      BootModule{start, end, reinterpret_cast<const char*>(tag + kModuleHeaderBytes)};
  return Status::kOk;
}

Status copy_rsdp(const uint8_t* tag, uint32_t tag_size, size_t min_bytes, BootInfo* out) {
  const size_t bytes = tag_size - kTagHeaderBytes;
  if (bytes < min_bytes) return Status::kInvalidArgument;
  const size_t copied = bytes < BootInfo::kMaxRsdpBytes ? bytes : BootInfo::kMaxRsdpBytes;
  __builtin_memcpy(out->rsdp, tag + kTagHeaderBytes, copied);
  out->rsdp_bytes = copied;
  return Status::kOk;
}

}  // namespace

uint32_t multiboot2_total_size(const void* mbi) {
  return read_u32(static_cast<const uint8_t*>(mbi));
}

Status parse_multiboot2(const void* mbi, uint64_t mbi_phys, size_t readable_bytes, BootInfo* out) {
  if (reinterpret_cast<uintptr_t>(mbi) % kTagAlign != 0) return Status::kUnaligned;
  if (readable_bytes < kHeaderBytes) return Status::kOutOfRange;
  const uint8_t* base = static_cast<const uint8_t*>(mbi);
  const uint32_t total = read_u32(base);
  if (total < kHeaderBytes + kTagHeaderBytes) return Status::kInvalidArgument;
  if (total > readable_bytes) return Status::kOutOfRange;

  out->info_phys = mbi_phys;
  out->info_bytes = total;
  out->memory_region_count = 0;
  out->module_count = 0;
  out->command_line = "";
  out->rsdp_bytes = 0;
  bool have_memory_map = false;
  bool have_command_line = false;
  bool have_new_rsdp = false;

  size_t offset = kHeaderBytes;
  for (;;) {
    if (total - offset < kTagHeaderBytes) return Status::kInvalidArgument;  // no end tag
    const uint8_t* tag = base + offset;
    const uint32_t type = read_u32(tag);
    const uint32_t size = read_u32(tag + 4);
    if (size < kTagHeaderBytes) return Status::kInvalidArgument;
    if (size > total - offset) return Status::kOutOfRange;

    Status s = Status::kOk;
    switch (static_cast<Multiboot2Tag>(type)) {
      case Multiboot2Tag::kEnd:
        return Status::kOk;
      case Multiboot2Tag::kCommandLine:
        if (have_command_line || !has_nul(tag + kTagHeaderBytes, size - kTagHeaderBytes))
          return Status::kInvalidArgument;
        have_command_line = true;
        out->command_line = reinterpret_cast<const char*>(tag + kTagHeaderBytes);
        break;
      case Multiboot2Tag::kModule:
        s = parse_module(tag, size, out);
        break;
      case Multiboot2Tag::kMemoryMap:
        if (have_memory_map) return Status::kInvalidArgument;
        have_memory_map = true;
        s = parse_memory_map(tag, size, out);
        break;
      case Multiboot2Tag::kAcpiOldRsdp:
        if (!have_new_rsdp) s = copy_rsdp(tag, size, kRsdpV1Bytes, out);
        break;
      case Multiboot2Tag::kAcpiNewRsdp:
        // An ACPI 2.0 RSDP holds the XSDT address; it wins over a 1.0 one in either order.
        s = copy_rsdp(tag, size, kRsdpV1Bytes, out);
        have_new_rsdp = true;
        break;
      default:
        break;  // framebuffer, ELF sections, boot loader name...: not needed
    }
    if (s != Status::kOk) return s;

    // The next tag starts at the next 8-byte boundary; padding past total_size means no end tag.
    const size_t next = (offset + size + (kTagAlign - 1)) & ~(kTagAlign - 1);
    if (next >= total) return Status::kInvalidArgument;
    offset = next;
  }
}
