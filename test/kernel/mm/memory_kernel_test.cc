// In-kernel tests of the memory set-up on real (emulated) hardware: frames from the boot memory
// map, the heap behind operator new, and 4 KiB map/unmap in the kernel's page tables.
#include <stdint.h>
#include <new>

#include "kernel/arch/arch.h"
#include "kernel/arch/test_seam.h"
#include "kernel/mm/kernel_memory.h"
#include "test/kernel/kernel_test.h"
#include "unity.h"

namespace {

constexpr uint64_t kTestVa = 0xFFFFFE0000000000ull;  // a kernel-half hole no boot mapping uses

void test_frames_are_distinct_usable_and_returned() {
  FrameAllocator& frames = kernel_frames();
  const size_t before = frames.free_count();
  TEST_ASSERT_TRUE(before > 256);
  uint64_t got[64];
  for (int i = 0; i < 64; ++i) {
    Result<uint64_t> r = frames.alloc();
    TEST_ASSERT_TRUE(r.is_ok());
    got[i] = r.value();
    TEST_ASSERT_EQUAL_HEX64(0, got[i] & 0xFFF);
    TEST_ASSERT_TRUE(got[i] >= (1u << 20));  // the first MiB is never handed out
    // Each frame is real memory: write a pattern through the direct map.
    auto* p = arch::phys_to_virt<uint64_t>(got[i]);
    p[0] = got[i] ^ 0x5A5A5A5A5A5A5A5Aull;
    p[511] = ~got[i];
  }
  for (int i = 0; i < 64; ++i) {
    for (int j = i + 1; j < 64; ++j) TEST_ASSERT_TRUE(got[i] != got[j]);
    auto* p = arch::phys_to_virt<uint64_t>(got[i]);
    TEST_ASSERT_EQUAL_HEX64(got[i] ^ 0x5A5A5A5A5A5A5A5Aull, p[0]);
    TEST_ASSERT_EQUAL_HEX64(~got[i], p[511]);
  }
  TEST_ASSERT_EQUAL_UINT64(before - 64, frames.free_count());
  for (int i = 0; i < 64; ++i) TEST_ASSERT_EQUAL_INT(0, static_cast<int>(frames.free(got[i])));
  TEST_ASSERT_EQUAL_UINT64(before, frames.free_count());
  // A double free is refused and changes nothing.
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kBadState), static_cast<int>(frames.free(got[0])));
  TEST_ASSERT_EQUAL_UINT64(before, frames.free_count());
}

void test_contiguous_frames_are_aligned() {
  FrameAllocator& frames = kernel_frames();
  Result<uint64_t> run = frames.alloc_contiguous(16, 16);
  TEST_ASSERT_TRUE(run.is_ok());
  TEST_ASSERT_EQUAL_HEX64(0, run.value() & 0xFFFF);
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(frames.free_contiguous(run.value(), 16)));
}

void test_heap_allocations_hold_data() {
  static constexpr int kCount = 48;
  uint8_t* blocks[kCount];
  for (int i = 0; i < kCount; ++i) {
    const size_t size = static_cast<size_t>(8) << (i % 13);  // 8 B .. 32 KiB
    blocks[i] = new (std::nothrow) uint8_t[size];
    TEST_ASSERT_NOT_NULL(blocks[i]);
    __builtin_memset(blocks[i], i, size);
  }
  for (int i = 0; i < kCount; ++i) {
    const size_t size = static_cast<size_t>(8) << (i % 13);
    TEST_ASSERT_EQUAL_UINT8(i, blocks[i][0]);
    TEST_ASSERT_EQUAL_UINT8(i, blocks[i][size - 1]);
    for (int j = i + 1; j < kCount; ++j) TEST_ASSERT_TRUE(blocks[i] != blocks[j]);
  }
  for (int i = 0; i < kCount; ++i) delete[] blocks[i];
}

void test_map_write_translate_unmap() {
  Result<uint64_t> frame = alloc_zeroed_frame();
  TEST_ASSERT_TRUE(frame.is_ok());
  const uint64_t phys = frame.value();
  TEST_ASSERT_EQUAL_INT(
      0, static_cast<int>(arch::map_page(kTestVa, phys, arch::kWritable | arch::kNoExecute)));
  Result<uint64_t> t = arch::translate(kTestVa + 0x123);
  TEST_ASSERT_TRUE(t.is_ok());
  TEST_ASSERT_EQUAL_HEX64(phys + 0x123, t.value());
  // A write through the new mapping is visible through the direct map: same frame.
  *reinterpret_cast<volatile uint64_t*>(kTestVa + 8) = 0xC0FFEE;
  TEST_ASSERT_EQUAL_HEX64(0xC0FFEE, arch::phys_to_virt<uint64_t>(phys)[1]);
  // Mapping over a present page and unaligned requests are refused.
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kAlreadyExists),
                        static_cast<int>(arch::map_page(kTestVa, phys, arch::kWritable)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kUnaligned),
                        static_cast<int>(arch::map_page(kTestVa + 1, phys, 0)));
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(arch::unmap_page(kTestVa)));
  TEST_ASSERT_TRUE(arch::translate(kTestVa).is_error());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNotFound),
                        static_cast<int>(arch::unmap_page(kTestVa)));
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(kernel_frames().free(phys)));
}

void test_direct_map_translates_to_physical() {
  // The boot tables map the direct map with 2 MiB pages: the walk ends at a large page.
  Result<uint64_t> t =
      arch::translate(reinterpret_cast<uint64_t>(arch::phys_to_virt(0x200000 + 0x42)));
  TEST_ASSERT_TRUE(t.is_ok());
  TEST_ASSERT_EQUAL_HEX64(0x200042, t.value());
}

int run_memory_kernel_tests() {
  UNITY_BEGIN();
  RUN_TEST(test_frames_are_distinct_usable_and_returned);
  RUN_TEST(test_contiguous_frames_are_aligned);
  RUN_TEST(test_heap_allocations_hold_data);
  RUN_TEST(test_map_write_translate_unmap);
  RUN_TEST(test_direct_map_translates_to_physical);
  return UNITY_END();
}

}  // namespace

KERNEL_TEST_SUITE(run_memory_kernel_tests);
