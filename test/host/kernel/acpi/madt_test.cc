// Host tests of the ACPI walk to the MADT: tables QEMU 7.2 really builds (captured by
// capture_qemu_acpi.py: i440fx with 4 CPUs, q35 with 8), synthetic ACPI 1.0 and 2.0 layouts built
// per the spec, and garbage of every kind rejected with a Status.
#include <string.h>

#include <map>
#include <string>
#include <vector>

#include "kernel/acpi/madt.h"
#include "test/host/kernel/acpi/qemu_pc_smp4_acpi.h"
#include "test/host/kernel/acpi/qemu_q35_smp8_acpi.h"
#include "unity.h"

namespace {

using Bytes = std::vector<uint8_t>;

// Sparse fake physical memory: each region is its own heap block, so ASan catches any read past a
// table's bytes.
std::map<uint64_t, Bytes> g_memory;

void* fake_to_virt(uint64_t phys) {
  auto it = g_memory.upper_bound(phys);
  if (it == g_memory.begin()) return nullptr;
  --it;
  if (phys - it->first >= it->second.size()) return nullptr;
  return it->second.data() + (phys - it->first);
}

void put(Bytes& b, uint64_t v, int n) {
  for (int i = 0; i < n; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void fix_checksum(Bytes& b, size_t at, size_t len) {
  b[at] = 0;
  uint8_t sum = 0;
  for (size_t i = 0; i < len; ++i) sum = static_cast<uint8_t>(sum + b[i]);
  b[at] = static_cast<uint8_t>(-sum);
}

// An ACPI table: 36-byte header (signature, length, revision, checksum, OEM fields) + body.
Bytes sdt(const char* sig, const Bytes& body, uint8_t revision = 1) {
  Bytes b(sig, sig + 4);
  put(b, 36 + body.size(), 4);
  b.push_back(revision);
  b.push_back(0);  // checksum
  for (const char* s = "PCULIS"; *s; ++s) b.push_back(static_cast<uint8_t>(*s));
  for (const char* s = "TESTTBL "; *s; ++s) b.push_back(static_cast<uint8_t>(*s));
  put(b, 1, 4);
  put(b, 0x4c505550, 4);
  put(b, 1, 4);
  b.insert(b.end(), body.begin(), body.end());
  fix_checksum(b, 9, b.size());
  return b;
}

Bytes rsdp(uint8_t revision, uint32_t rsdt, uint64_t xsdt) {
  Bytes b;
  for (const char* s = "RSD PTR "; *s; ++s) b.push_back(static_cast<uint8_t>(*s));
  b.push_back(0);
  for (const char* s = "PCULIS"; *s; ++s) b.push_back(static_cast<uint8_t>(*s));
  b.push_back(revision);
  put(b, rsdt, 4);
  if (revision >= 2) {
    put(b, 36, 4);
    put(b, xsdt, 8);
    b.push_back(0);
    put(b, 0, 3);
    fix_checksum(b, 32, 36);
  }
  fix_checksum(b, 8, 20);
  if (revision >= 2) fix_checksum(b, 32, 36);  // the first checksum changed the bytes it covers
  return b;
}

Bytes lapic(uint8_t uid, uint8_t id, uint32_t flags) {
  Bytes e{0, 8, uid, id};
  put(e, flags, 4);
  return e;
}
Bytes x2apic(uint32_t id, uint32_t flags, uint32_t uid) {
  Bytes e{9, 16, 0, 0};
  put(e, id, 4);
  put(e, flags, 4);
  put(e, uid, 4);
  return e;
}
Bytes ioapic(uint8_t id, uint32_t addr, uint32_t gsi) {
  Bytes e{1, 12, id, 0};
  put(e, addr, 4);
  put(e, gsi, 4);
  return e;
}
Bytes iso(uint8_t irq, uint32_t gsi, uint16_t flags) {
  Bytes e{2, 10, 0, irq};
  put(e, gsi, 4);
  put(e, flags, 2);
  return e;
}
Bytes lapic_override(uint64_t addr) {
  Bytes e{5, 12, 0, 0};
  put(e, addr, 8);
  return e;
}

Bytes madt_body(const std::vector<Bytes>& entries, uint32_t lapic_addr = 0xfee00000,
                uint32_t flags = 1) {
  Bytes b;
  put(b, lapic_addr, 4);
  put(b, flags, 4);
  for (const Bytes& e : entries) b.insert(b.end(), e.begin(), e.end());
  return b;
}

MadtInfo g_info;

Status parse(const Bytes& r) { return parse_acpi_madt(r.data(), r.size(), fake_to_virt, &g_info); }

// Places an RSDT (or XSDT) at 0x7000000 pointing at `tables` laid out from 0x7001000.
Bytes install(const std::vector<Bytes>& tables, bool xsdt, uint8_t revision) {
  Bytes body;
  uint64_t at = 0x7001000;
  for (const Bytes& t : tables) {
    g_memory[at] = t;
    put(body, at, xsdt ? 8 : 4);
    at += 0x1000;
  }
  g_memory[0x7000000] = sdt(xsdt ? "XSDT" : "RSDT", body);
  return rsdp(revision, xsdt ? 0x6000000 : 0x7000000, xsdt ? 0x7000000 : 0);
}

template <typename Tables>
Bytes install_captured(const Tables& tables, uint64_t rsdp_phys) {
  Bytes r;
  for (const auto& t : tables) {
    g_memory[t.phys] = Bytes(t.bytes, t.bytes + t.size);
    if (t.phys == rsdp_phys) r = g_memory[t.phys];
  }
  return r;
}

void test_qemu_pc_4_cpus() {
  const Bytes r = install_captured(qemu_pc_smp4::kTables, qemu_pc_smp4::kRsdpPhys);
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(r)));
  TEST_ASSERT_EQUAL_UINT8(0, g_info.acpi_revision);
  TEST_ASSERT_FALSE(g_info.used_xsdt);
  TEST_ASSERT_EQUAL_HEX64(0xfee00000, g_info.lapic_address);
  TEST_ASSERT_TRUE(g_info.legacy_pics);
  TEST_ASSERT_EQUAL_UINT(4, g_info.cpu_count);
  for (uint32_t i = 0; i < 4; ++i) {
    TEST_ASSERT_EQUAL_UINT32(i, g_info.cpus[i].apic_id);
    TEST_ASSERT_EQUAL_UINT32(i, g_info.cpus[i].acpi_uid);
    TEST_ASSERT_TRUE(g_info.cpus[i].enabled);
    TEST_ASSERT_FALSE(g_info.cpus[i].x2apic_entry);
  }
  TEST_ASSERT_EQUAL_UINT(1, g_info.io_apic_count);
  TEST_ASSERT_EQUAL_UINT32(0, g_info.io_apics[0].id);
  TEST_ASSERT_EQUAL_HEX32(0xfec00000, g_info.io_apics[0].address);
  TEST_ASSERT_EQUAL_UINT32(0, g_info.io_apics[0].gsi_base);
  TEST_ASSERT_EQUAL_UINT(5, g_info.override_count);
  TEST_ASSERT_EQUAL_UINT8(0, g_info.overrides[0].source_irq);  // the PIT: IRQ 0 -> GSI 2
  TEST_ASSERT_EQUAL_UINT32(2, g_info.overrides[0].gsi);
  TEST_ASSERT_EQUAL_UINT8(9, g_info.overrides[2].source_irq);  // SCI: level, active high
  TEST_ASSERT_EQUAL_HEX16(0xd, g_info.overrides[2].flags);
}

void test_qemu_q35_8_cpus() {
  const Bytes r = install_captured(qemu_q35_smp8::kTables, qemu_q35_smp8::kRsdpPhys);
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(r)));
  TEST_ASSERT_EQUAL_UINT(8, g_info.cpu_count);
  TEST_ASSERT_EQUAL_UINT32(7, g_info.cpus[7].apic_id);
  TEST_ASSERT_EQUAL_UINT(1, g_info.io_apic_count);
  TEST_ASSERT_EQUAL_HEX64(0xfee00000, g_info.lapic_address);
}

void test_bios_area_scan_finds_captured_rsdp() {
  install_captured(qemu_pc_smp4::kTables, qemu_pc_smp4::kRsdpPhys);
  // Put the RSDP into a zeroed BIOS area (and an EBDA pointer in the BDA aimed at an empty EBDA).
  Bytes low(0x100000, 0);
  low[0x40e] = 0x00;
  low[0x40f] = 0x9f;  // EBDA segment 0x9f00 -> 0x9f000
  g_memory.erase(qemu_pc_smp4::kRsdpPhys);
  const auto& t = qemu_pc_smp4::kTables[0];
  memcpy(low.data() + t.phys, t.bytes, t.size);
  g_memory[0] = low;
  Result<uint64_t> at = find_rsdp_in_bios_area(fake_to_virt);
  TEST_ASSERT_TRUE(at.is_ok());
  TEST_ASSERT_EQUAL_HEX64(qemu_pc_smp4::kRsdpPhys, at.value());
  // One in the EBDA wins.
  memcpy(low.data() + 0x9f010, t.bytes, t.size);
  g_memory[0] = low;
  TEST_ASSERT_EQUAL_HEX64(0x9f010, find_rsdp_in_bios_area(fake_to_virt).value());
  g_memory[0] = Bytes(0x100000, 0);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNotFound),
                        static_cast<int>(find_rsdp_in_bios_area(fake_to_virt).status()));
}

void test_synthetic_acpi2_xsdt_with_x2apic_and_override() {
  const Bytes madt = sdt(
      "APIC", madt_body({lapic(0, 0, 1), lapic(1, 2, 0) /* disabled */,
                         lapic(2, 4, 2) /* online capable */, lapic(3, 0xff, 1) /* invalid id */,
                         x2apic(4, 1, 9) /* repeats id 4 */, x2apic(300, 1, 10), x2apic(301, 0, 11),
                         ioapic(2, 0xfec00000, 0), ioapic(3, 0xfec01000, 24), iso(0, 2, 0),
                         lapic_override(0x1fee00000ull), Bytes{4, 6, 0xff, 0, 0, 1}},
                        0xfee00000, 0));
  const Bytes r = install({sdt("FACP", Bytes(100, 0)), madt}, true, 2);
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(r)));
  TEST_ASSERT_EQUAL_UINT8(2, g_info.acpi_revision);
  TEST_ASSERT_TRUE(g_info.used_xsdt);
  TEST_ASSERT_FALSE(g_info.legacy_pics);
  TEST_ASSERT_EQUAL_HEX64(0x1fee00000ull, g_info.lapic_address);
  TEST_ASSERT_EQUAL_UINT(3, g_info.cpu_count);
  TEST_ASSERT_EQUAL_UINT32(0, g_info.cpus[0].apic_id);
  TEST_ASSERT_EQUAL_UINT32(4, g_info.cpus[1].apic_id);
  TEST_ASSERT_FALSE(g_info.cpus[1].enabled);  // online capable only
  TEST_ASSERT_FALSE(g_info.cpus[1].x2apic_entry);
  TEST_ASSERT_EQUAL_UINT32(300, g_info.cpus[2].apic_id);
  TEST_ASSERT_EQUAL_UINT32(10, g_info.cpus[2].acpi_uid);
  TEST_ASSERT_TRUE(g_info.cpus[2].x2apic_entry);
  TEST_ASSERT_EQUAL_UINT(2, g_info.io_apic_count);
  TEST_ASSERT_EQUAL_UINT32(24, g_info.io_apics[1].gsi_base);
  TEST_ASSERT_EQUAL_UINT(1, g_info.override_count);
}

void test_synthetic_acpi2_without_xsdt_uses_rsdt() {
  const Bytes madt = sdt("APIC", madt_body({lapic(0, 0, 1)}));
  Bytes r = install({madt}, false, 2);
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(r)));
  TEST_ASSERT_FALSE(g_info.used_xsdt);
  TEST_ASSERT_EQUAL_UINT(1, g_info.cpu_count);
}

void test_too_many_cpus_are_counted() {
  std::vector<Bytes> entries;
  for (uint32_t i = 0; i < 70; ++i) entries.push_back(x2apic(i, 1, i));
  const Bytes r = install({sdt("APIC", madt_body(entries))}, false, 0);
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(r)));
  TEST_ASSERT_EQUAL_UINT(64, g_info.cpu_count);
  TEST_ASSERT_EQUAL_UINT(6, g_info.cpus_dropped);
}

void expect(Status want, const Bytes& r) {
  TEST_ASSERT_EQUAL_STRING(status_name(want), status_name(parse(r)));
}

void test_rejects_bad_rsdp() {
  const Bytes madt = sdt("APIC", madt_body({lapic(0, 0, 1)}));
  Bytes good = install({madt}, true, 2);
  expect(Status::kOk, good);
  Bytes bad_sig = good;
  bad_sig[0] = 'X';
  expect(Status::kInvalidArgument, bad_sig);
  Bytes bad_sum = good;
  bad_sum[9] ^= 1;  // OEM id: breaks both checksums
  expect(Status::kInvalidArgument, bad_sum);
  Bytes bad_ext = good;
  bad_ext[33] ^= 1;  // only the extended checksum covers this
  expect(Status::kInvalidArgument, bad_ext);
  Bytes short_v2(good.begin(), good.begin() + 20);
  expect(Status::kInvalidArgument, short_v2);
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(parse_acpi_madt(good.data(), 19, fake_to_virt, &g_info)));
}

void test_rejects_bad_tables() {
  Bytes madt = sdt("APIC", madt_body({lapic(0, 0, 1)}));
  // Broken checksum of the MADT.
  Bytes m = madt;
  m[40] ^= 1;
  expect(Status::kInvalidArgument, install({m}, false, 0));
  // Root table checksum.
  Bytes r = install({madt}, false, 0);
  g_memory[0x7000000][20] ^= 1;
  expect(Status::kInvalidArgument, r);
  // Root table pointing to unmapped memory, and the root itself unmapped.
  r = install({madt}, false, 0);
  g_memory.erase(0x7001000);
  expect(Status::kOutOfRange, r);
  g_memory.erase(0x7000000);
  expect(Status::kOutOfRange, r);
  // No MADT at all.
  expect(Status::kNotFound, install({sdt("FACP", Bytes(8, 0))}, false, 0));
  // Root table of the wrong signature.
  r = install({madt}, false, 0);
  g_memory[0x7000000][0] = 'X';
  expect(Status::kInvalidArgument, r);
  // Length below the fixed part, and absurdly large.
  expect(Status::kInvalidArgument, install({sdt("APIC", Bytes(4, 0))}, false, 0));
  Bytes huge = madt;
  huge[7] = 0x10;  // length 0x10000xx: beyond 1 MiB
  expect(Status::kOutOfRange, install({huge}, false, 0));
  // Root table whose entry area is not a whole number of pointers.
  r = install({madt}, false, 0);
  Bytes root = g_memory[0x7000000];
  root.push_back(0);
  root[4] = static_cast<uint8_t>(root.size());
  fix_checksum(root, 9, root.size());
  g_memory[0x7000000] = root;
  expect(Status::kInvalidArgument, r);
}

void test_rejects_bad_madt_entries() {
  expect(Status::kInvalidArgument, install({sdt("APIC", madt_body({Bytes{0, 0}}))}, false, 0));
  expect(Status::kInvalidArgument, install({sdt("APIC", madt_body({Bytes{0, 1}}))}, false, 0));
  expect(Status::kInvalidArgument,
         install({sdt("APIC", madt_body({Bytes{0, 6, 0, 0, 1, 0}}))}, false, 0));  // LAPIC < 8
  expect(Status::kInvalidArgument,
         install({sdt("APIC", madt_body({Bytes{9, 12, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0}}))}, false, 0));
  expect(Status::kInvalidArgument,
         install({sdt("APIC", madt_body({Bytes{1, 40, 0, 0}}))}, false, 0));  // runs past the end
  expect(Status::kInvalidArgument, install({sdt("APIC", madt_body({Bytes{7}}))}, false, 0));
  std::vector<Bytes> many;
  for (int i = 0; i < 17; ++i) many.push_back(ioapic(static_cast<uint8_t>(i), 0xfec00000, 0));
  expect(Status::kNoSpace, install({sdt("APIC", madt_body(many))}, false, 0));
  // Unknown entry types are skipped.
  expect(Status::kOk,
         install({sdt("APIC", madt_body({Bytes{0x7f, 3, 0}, lapic(0, 0, 1)}))}, false, 0));
}

// Every single-byte corruption of the captured MADT is either caught by the checksum or parsed
// without reading past the table (ASan would report it).
void test_every_byte_flip_of_captured_madt_is_safe() {
  const qemu_pc_smp4::CapturedTable* found = nullptr;
  for (const auto& c : qemu_pc_smp4::kTables)
    if (memcmp(c.bytes, "APIC", 4) == 0) found = &c;
  TEST_ASSERT_NOT_NULL(found);
  const qemu_pc_smp4::CapturedTable& t = *found;
  for (size_t i = 0; i < t.size; ++i) {
    Bytes m(t.bytes, t.bytes + t.size);
    m[i] ^= 0x5a;
    if (i != 9) fix_checksum(m, 9, m.size());  // let the damage reach the entry parser
    const Status s = parse_madt_table(m.data(), m.size(), &g_info);
    (void)s;
  }
}

}  // namespace

void setUp() { g_memory.clear(); }
void tearDown() { g_memory.clear(); }

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_qemu_pc_4_cpus);
  RUN_TEST(test_qemu_q35_8_cpus);
  RUN_TEST(test_bios_area_scan_finds_captured_rsdp);
  RUN_TEST(test_synthetic_acpi2_xsdt_with_x2apic_and_override);
  RUN_TEST(test_synthetic_acpi2_without_xsdt_uses_rsdt);
  RUN_TEST(test_too_many_cpus_are_counted);
  RUN_TEST(test_rejects_bad_rsdp);
  RUN_TEST(test_rejects_bad_tables);
  RUN_TEST(test_rejects_bad_madt_entries);
  RUN_TEST(test_every_byte_flip_of_captured_madt_is_safe);
  return UNITY_END();
}
