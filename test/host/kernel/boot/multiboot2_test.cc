// Host tests of the multiboot2 parser on synthetic boot information blocks: every field GRUB gives
// us, and every kind of malformed block rejected with the documented Status.
#include <stdlib.h>
#include <string.h>

#include "kernel/boot/multiboot2.h"
#include "test/host/kernel/boot/mbi_builder.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

BootInfo g_info;

Status parse(MbiBuilder& b, uint32_t total = 0, size_t readable = 0) {
  const uint8_t* p = b.build(total);
  return parse_multiboot2(p, 0x10000, readable != 0 ? readable : b.size(), &g_info);
}

void test_full_block() {
  MbiBuilder b;
  b.command_line("test=kernel cpus=4")
      .tag(21, {1, 2, 3, 4})  // load base address: ignored
      .memory_map({{0, 0x9fc00, 1},
                   {0x9fc00, 0x400, 2},
                   {0x100000, 0x7ee0000, 1},
                   {0xfffc0000, 0x40000, 2}})
      .module(0x200000, 0x201234, "init")
      .module(0x300000, 0x300000, "")
      .tag(14, MbiBuilder::cstr("RSD PTR 0123456789a"))  // 20 bytes
      .end();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(b)));
  TEST_ASSERT_EQUAL_UINT64(0x10000, g_info.info_phys);
  TEST_ASSERT_EQUAL_UINT32(b.size(), g_info.info_bytes);
  TEST_ASSERT_EQUAL_STRING("test=kernel cpus=4", g_info.command_line);
  TEST_ASSERT_EQUAL_UINT(4, g_info.memory_region_count);
  TEST_ASSERT_EQUAL_HEX64(0x100000, g_info.memory_map[2].base);
  TEST_ASSERT_EQUAL_HEX64(0x7ee0000, g_info.memory_map[2].length);
  TEST_ASSERT_EQUAL_UINT32(1, g_info.memory_map[2].type);
  TEST_ASSERT_EQUAL_UINT32(2, g_info.memory_map[3].type);
  TEST_ASSERT_EQUAL_UINT(2, g_info.module_count);
  TEST_ASSERT_EQUAL_HEX64(0x200000, g_info.modules[0].start);
  TEST_ASSERT_EQUAL_HEX64(0x201234, g_info.modules[0].end);
  TEST_ASSERT_EQUAL_STRING("init", g_info.modules[0].string);
  TEST_ASSERT_EQUAL_STRING("", g_info.modules[1].string);
  TEST_ASSERT_EQUAL_UINT(20, g_info.rsdp_bytes);
  TEST_ASSERT_EQUAL_MEMORY("RSD PTR 0123456789a", g_info.rsdp, 20);
}

void test_minimal_block_has_defaults() {
  MbiBuilder b;
  b.end();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(b)));
  TEST_ASSERT_EQUAL_STRING("", g_info.command_line);
  TEST_ASSERT_EQUAL_UINT(0, g_info.memory_region_count);
  TEST_ASSERT_EQUAL_UINT(0, g_info.module_count);
  TEST_ASSERT_EQUAL_UINT(0, g_info.rsdp_bytes);
  TEST_ASSERT_EQUAL_UINT32(16, g_info.info_bytes);
}

void test_new_rsdp_wins_in_either_order() {
  std::vector<uint8_t> v1(20, 0x11), v2(36, 0x22);
  MbiBuilder a;
  a.tag(14, v1).tag(15, v2).end();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(a)));
  TEST_ASSERT_EQUAL_UINT(36, g_info.rsdp_bytes);
  TEST_ASSERT_EQUAL_HEX8(0x22, g_info.rsdp[35]);
  MbiBuilder b;
  b.tag(15, v2).tag(14, v1).end();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(b)));
  TEST_ASSERT_EQUAL_UINT(36, g_info.rsdp_bytes);
  TEST_ASSERT_EQUAL_HEX8(0x22, g_info.rsdp[0]);
}

void test_larger_memory_map_entries_and_zero_length_dropped() {
  MbiBuilder b;
  b.memory_map({{0, 0x1000, 1}, {0x1000, 0, 1}, {0x2000, 0x1000, 3}}, 32).end();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(b)));
  TEST_ASSERT_EQUAL_UINT(2, g_info.memory_region_count);
  TEST_ASSERT_EQUAL_HEX64(0x2000, g_info.memory_map[1].base);
  TEST_ASSERT_EQUAL_UINT32(3, g_info.memory_map[1].type);
}

void test_rejects_bad_header() {
  MbiBuilder b;
  b.end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(b, 8)));
  MbiBuilder c;
  c.end();
  // total_size larger than what may be read
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(parse(c, 4096, c.size())));
  MbiBuilder d;
  d.end();
  const uint8_t* p = d.build();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kUnaligned),
                        static_cast<int>(parse_multiboot2(p + 4, 0, 64, &g_info)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(parse_multiboot2(p, 0, 4, &g_info)));
}

void test_rejects_missing_end_tag() {
  MbiBuilder b;
  b.command_line("x");
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(b)));
}

void test_rejects_tag_past_total_size() {
  MbiBuilder b;
  b.command_line("hello").end();
  // Claim the block ends in the middle of the command line tag.
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange), static_cast<int>(parse(b, 16)));
  MbiBuilder c;
  c.command_line("hello").end();
  c.raw()[12] = 0xff;  // the tag's size field
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange), static_cast<int>(parse(c)));
}

void test_rejects_tag_smaller_than_header() {
  MbiBuilder b;
  b.command_line("hello").end();
  b.raw()[12] = 4;
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(b)));
}

void test_rejects_unterminated_strings() {
  MbiBuilder b;
  b.tag(1, {'a', 'b', 'c'}).end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(b)));
  MbiBuilder c;
  std::vector<uint8_t> m = MbiBuilder::le(0x1000, 4);
  MbiBuilder::append(m, MbiBuilder::le(0x2000, 4));
  MbiBuilder::append(m, {'x', 'y'});
  c.tag(3, m).end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(c)));
}

void test_rejects_bad_module_and_map() {
  MbiBuilder b;
  b.module(0x2000, 0x1000, "backwards").end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(b)));
  MbiBuilder c;
  c.memory_map({{0, 0x1000, 1}}, 20).end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(c)));
  MbiBuilder d;
  d.memory_map({{0xfffffffffffff000, 0x2000, 1}}).end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOverflow), static_cast<int>(parse(d)));
  MbiBuilder e;
  e.memory_map({{0, 0x1000, 1}}).memory_map({{0, 0x1000, 1}}).end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(e)));
  MbiBuilder f;
  f.tag(14, std::vector<uint8_t>(12, 0)).end();  // RSDP shorter than 20 bytes
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument), static_cast<int>(parse(f)));
}

void test_table_limits() {
  std::vector<MbiBuilder::Entry> entries;
  for (uint64_t i = 0; i < BootInfo::kMaxMemoryRegions; ++i) entries.push_back({i << 20, 4096, 1});
  MbiBuilder ok;
  ok.memory_map(entries).end();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse(ok)));
  TEST_ASSERT_EQUAL_UINT(BootInfo::kMaxMemoryRegions, g_info.memory_region_count);
  entries.push_back({1ull << 40, 4096, 1});
  MbiBuilder full;
  full.memory_map(entries).end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoSpace), static_cast<int>(parse(full)));

  MbiBuilder mods;
  for (size_t i = 0; i <= BootInfo::kMaxModules; ++i) mods.module(0x1000, 0x2000, "m");
  mods.end();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoSpace), static_cast<int>(parse(mods)));
}

// Every truncation of a valid block is either rejected or (when the cut lands after the end tag)
// accepted, and never reads past the given size (ASan watches the exact-size copy).
void test_every_truncation_is_safe() {
  MbiBuilder b;
  b.command_line("test=kernel")
      .memory_map({{0, 0x9fc00, 1}, {0x100000, 0x100000, 1}})
      .module(0x200000, 0x300000, "init")
      .tag(15, std::vector<uint8_t>(36, 7))
      .end();
  const uint8_t* full = b.build();
  const size_t n = b.size();
  for (size_t cut = 8; cut < n; ++cut) {
    // Exactly `cut` bytes of heap (rounded to the 8-byte alignment), so any overread trips ASan.
    uint8_t* heap = static_cast<uint8_t*>(aligned_alloc(8, (cut + 7) & ~size_t{7}));
    memcpy(heap, full, cut);
    const uint32_t total = static_cast<uint32_t>(cut);
    memcpy(heap, &total, 4);
    const Status s = parse_multiboot2(heap, 0, cut, &g_info);
    free(heap);
    TEST_ASSERT_TRUE(s != Status::kOk);
  }
}

}  // namespace

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_full_block);
  RUN_TEST(test_minimal_block_has_defaults);
  RUN_TEST(test_new_rsdp_wins_in_either_order);
  RUN_TEST(test_larger_memory_map_entries_and_zero_length_dropped);
  RUN_TEST(test_rejects_bad_header);
  RUN_TEST(test_rejects_missing_end_tag);
  RUN_TEST(test_rejects_tag_past_total_size);
  RUN_TEST(test_rejects_tag_smaller_than_header);
  RUN_TEST(test_rejects_unterminated_strings);
  RUN_TEST(test_rejects_bad_module_and_map);
  RUN_TEST(test_table_limits);
  RUN_TEST(test_every_truncation_is_safe);
  return UNITY_END();
}
