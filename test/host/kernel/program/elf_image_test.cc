// Tests of parse_elf_image: the usual static program is accepted as written, and each way a header
// or segment can be wrong is refused with its own status, including every truncation of a good
// file.
#include "kernel/program/elf_image.h"

#include "abi/portcullis/vm_op.h"
#include "test/host/kernel/program/elf_builder.h"
#include "unity.h"

void setUp() {}
void tearDown() {}

namespace {

Status parse(ElfBuilder b, ElfImage* image = nullptr) {
  static ElfImage scratch;
  const std::vector<uint8_t> bytes = b.build();
  return parse_elf_image(bytes.data(), bytes.size(), image ? image : &scratch);
}

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

}  // namespace

void test_typical_program_is_accepted_with_its_segments() {
  ElfImage image;
  ElfBuilder b = ElfBuilder::typical();
  TEST_ASSERT_STATUS(Status::kOk, parse(b, &image));
  TEST_ASSERT_EQUAL_UINT64(0x401000, image.entry);
  TEST_ASSERT_EQUAL(2, image.segment_count);
  TEST_ASSERT_FALSE(image.has_tls);
  const ElfSegment& text = image.segments[0];
  TEST_ASSERT_EQUAL_UINT64(0x401000, text.vaddr);
  TEST_ASSERT_EQUAL_UINT64(0x1234, text.mem_bytes);
  TEST_ASSERT_EQUAL_UINT64(0x1234, text.file_bytes);
  TEST_ASSERT_EQUAL(kVmRead | kVmExec, text.rights);
  TEST_ASSERT_EQUAL_UINT64(0x1000, text.file_offset);  // the builder's first free page
  const ElfSegment& data = image.segments[1];
  TEST_ASSERT_EQUAL_UINT64(0x403000, data.vaddr);
  TEST_ASSERT_EQUAL_UINT64(0x200, data.file_bytes);
  TEST_ASSERT_EQUAL_UINT64(0x2400, data.mem_bytes);
  TEST_ASSERT_EQUAL(kVmRead | kVmWrite, data.rights);
}

void test_every_truncation_is_refused() {
  const std::vector<uint8_t> whole = ElfBuilder::typical().build();
  ElfImage image;
  for (size_t len = 0; len < whole.size(); ++len) {
    // An exactly sized copy, so ASan reports any read past `len`.
    std::vector<uint8_t> cut(whole.begin(), whole.begin() + static_cast<long>(len));
    TEST_ASSERT_TRUE(parse_elf_image(cut.data(), cut.size(), &image) != Status::kOk);
  }
}

void test_other_formats_are_not_supported() {
  ElfBuilder b = ElfBuilder::typical();
  b.ident[0] = 0x7e;
  TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
  b = ElfBuilder::typical();
  b.ident[4] = 1;  // 32-bit
  TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
  b = ElfBuilder::typical();
  b.ident[5] = 2;  // big endian
  TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
  b = ElfBuilder::typical();
  b.ident[7] = 9;  // FreeBSD
  TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
  b = ElfBuilder::typical();
  b.ident[7] = 3;  // GNU: what ld writes for GNU extensions, accepted
  TEST_ASSERT_STATUS(Status::kOk, parse(b));
  b = ElfBuilder::typical();
  b.type = 3;  // ET_DYN: position independent, would need relocation
  TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
  b = ElfBuilder::typical();
  b.machine = 3;  // i386
  TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
  b = ElfBuilder::typical();
  b.version = 2;
  TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
}

void test_dynamic_programs_are_not_supported() {
  for (uint32_t type : {2u, 3u}) {  // PT_DYNAMIC, PT_INTERP
    ElfBuilder b = ElfBuilder::typical();
    b.segment(4, 0x405000, 0x20, 0x20);
    b.segments.back().type = type;
    TEST_ASSERT_STATUS(Status::kNotSupported, parse(b));
  }
}

void test_header_sizes_and_program_header_table_are_checked() {
  ElfBuilder b = ElfBuilder::typical();
  b.phentsize = 32;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.ehsize = 52;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.phnum_override = 0;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.phnum_override = 0xffff;  // far past the end of the file
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.phoff = ~uint64_t{0} - 8;  // offset + table size wraps
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
}

void test_segment_file_bytes_are_checked() {
  ElfBuilder b = ElfBuilder::typical();
  b.segments[1].file_bytes = 0x2401;  // more than mem_bytes
  b.segments[1].offset = 0x3000;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.segments[0].offset = 0x100000;  // past the end of the file
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.segments[0].offset = ~uint64_t{0} - 0xfff;  // offset + file_bytes wraps
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.segments[0].offset = 0x1008;  // not congruent with vaddr 0x401000 modulo the page size
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.segments[0].align = 0x3000;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
}

void test_segments_stay_in_the_user_half_above_the_null_page() {
  ElfBuilder b = ElfBuilder::typical();
  b.segments[1].vaddr = 0xffffffff80000000;  // the kernel's own address
  TEST_ASSERT_STATUS(Status::kAccessDenied, parse(b));
  b = ElfBuilder::typical();
  b.segments[1].vaddr = kUserTop - 0x1000;  // crosses into non-canonical addresses
  TEST_ASSERT_STATUS(Status::kAccessDenied, parse(b));
  b = ElfBuilder::typical();
  b.segments[1].vaddr = ~uint64_t{0} - 0xfff;  // vaddr + mem_bytes wraps
  TEST_ASSERT_STATUS(Status::kOverflow, parse(b));
  b = ElfBuilder();
  b.entry = 0x10;
  b.segment(5, 0, 0x100, 0x100);  // the null page stays unmapped
  TEST_ASSERT_STATUS(Status::kAccessDenied, parse(b));
  b = ElfBuilder();
  b.entry = kUserTop - 0x1000;
  b.segment(5, kUserTop - 0x1000, 0x1000, 0x1000);  // ends exactly at the top: allowed
  TEST_ASSERT_STATUS(Status::kOk, parse(b));
}

void test_writable_and_executable_is_refused() {
  ElfBuilder b = ElfBuilder::typical();
  b.segments[0].flags = 7;
  TEST_ASSERT_STATUS(Status::kAccessDenied, parse(b));
}

void test_segments_are_ordered_and_never_share_a_page() {
  ElfBuilder b = ElfBuilder::typical();
  b.segments[1].vaddr = 0x402000;  // text ends at 0x402234: same page
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  std::swap(b.segments[0], b.segments[1]);
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.segments[1].vaddr = 0x402234;  // starts after text's last byte, but on its page
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.segments[1].vaddr = 0x402000 + 0x1000;  // the next page: accepted
  TEST_ASSERT_STATUS(Status::kOk, parse(b));
}

void test_entry_must_be_in_executable_memory() {
  ElfBuilder b = ElfBuilder::typical();
  b.entry = 0x403000;  // data
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.entry = 0x401000 + 0x1234;  // one past the end of text
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
  b = ElfBuilder::typical();
  b.entry = 0x401000 + 0x1233;  // text's last byte
  TEST_ASSERT_STATUS(Status::kOk, parse(b));
}

void test_segment_table_is_bounded_and_needs_one_load() {
  ElfBuilder b;
  b.entry = 0x400000;
  for (uint64_t i = 0; i <= ElfImage::kMaxSegments; ++i) b.segment(5, 0x400000 + i * 0x1000, 8, 8);
  TEST_ASSERT_STATUS(Status::kNoSpace, parse(b));
  b.segments.pop_back();
  TEST_ASSERT_STATUS(Status::kOk, parse(b));

  b = ElfBuilder::typical();
  for (ElfBuilder::Segment& s : b.segments) s.type = 4;  // PT_NOTE only
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
}

void test_empty_load_segments_and_other_types_are_skipped() {
  ElfBuilder b = ElfBuilder::typical();
  b.segment(4, 0x500000, 0, 0);  // empty PT_LOAD
  b.segment(4, 0, 0, 0);
  b.segments.back().type = 0x6474e551;  // PT_GNU_STACK
  ElfImage image;
  TEST_ASSERT_STATUS(Status::kOk, parse(b, &image));
  TEST_ASSERT_EQUAL(2, image.segment_count);
}

void test_tls_template_is_recorded_once() {
  ElfBuilder b = ElfBuilder::typical();
  b.segment(4, 0x403100, 0x10, 0x40);
  b.segments.back().type = 7;  // PT_TLS
  ElfImage image;
  TEST_ASSERT_STATUS(Status::kOk, parse(b, &image));
  TEST_ASSERT_TRUE(image.has_tls);
  TEST_ASSERT_EQUAL_UINT64(0x403100, image.tls.vaddr);
  TEST_ASSERT_EQUAL_UINT64(0x10, image.tls.file_bytes);
  TEST_ASSERT_EQUAL_UINT64(0x40, image.tls.mem_bytes);
  TEST_ASSERT_EQUAL(2, image.segment_count);  // the template is not a segment of its own

  b.segment(4, 0x403200, 0x10, 0x40);
  b.segments.back().type = 7;
  TEST_ASSERT_STATUS(Status::kInvalidArgument, parse(b));
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_typical_program_is_accepted_with_its_segments);
  RUN_TEST(test_every_truncation_is_refused);
  RUN_TEST(test_other_formats_are_not_supported);
  RUN_TEST(test_dynamic_programs_are_not_supported);
  RUN_TEST(test_header_sizes_and_program_header_table_are_checked);
  RUN_TEST(test_segment_file_bytes_are_checked);
  RUN_TEST(test_segments_stay_in_the_user_half_above_the_null_page);
  RUN_TEST(test_writable_and_executable_is_refused);
  RUN_TEST(test_segments_are_ordered_and_never_share_a_page);
  RUN_TEST(test_entry_must_be_in_executable_memory);
  RUN_TEST(test_segment_table_is_bounded_and_needs_one_load);
  RUN_TEST(test_empty_load_segments_and_other_types_are_skipped);
  RUN_TEST(test_tls_template_is_recorded_once);
  return UNITY_END();
}
