// Host tests of the physical frame allocator's bookkeeping: exact counts, no frame handed out
// twice, reserved ranges and holes never handed out, region edges trimmed, exhaustion, contiguous
// runs, and every misuse of free() answered with a Status that leaves the state unchanged.
#include <random>
#include <set>
#include <vector>

#include "kernel/mm/boot_memory.h"
#include "kernel/mm/frame_allocator.h"
#include "test/host/kernel/boot/mbi_builder.h"
#include "test/host/kernel/mm/fake_phys.h"
#include "unity.h"

namespace {

constexpr uint64_t kMiB = 1 << 20;
constexpr uint64_t kPage = 4096;
using R = Range<uint64_t>;

FrameAllocator* g_frames = nullptr;

void setUp_impl() {
  FakePhys::map(0, 64 * kMiB);
  g_frames = new FrameAllocator();
}

// Allocates until exhaustion; returns every frame (checks each is new and page aligned).
std::vector<uint64_t> drain(FrameAllocator& f) {
  std::vector<uint64_t> got;
  std::set<uint64_t> seen;
  for (;;) {
    Result<uint64_t> r = f.alloc();
    if (r.is_error()) {
      TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory), static_cast<int>(r.status()));
      break;
    }
    TEST_ASSERT_EQUAL_UINT64(0, r.value() % kPage);
    TEST_ASSERT_TRUE_MESSAGE(seen.insert(r.value()).second, "frame handed out twice");
    got.push_back(r.value());
  }
  TEST_ASSERT_EQUAL_UINT(0, f.free_count());
  f.check_invariants();
  return got;
}

bool inside(uint64_t phys, const R& r) { return phys >= r.base && phys - r.base < r.size; }

void test_counts_exact_and_no_double_handout() {
  const R usable[] = {{1 * kMiB, 4 * kMiB}};  // 1024 frames
  const R reserved[] = {{2 * kMiB, 0x1800}};  // rounded out: 2 frames
  TEST_ASSERT_EQUAL_INT(
      0, static_cast<int>(g_frames->init(usable, 1, reserved, 1, FakePhys::to_virt)));
  // 1024 frames need 2 x 16 words = 256 bytes of bitmap: one frame.
  TEST_ASSERT_EQUAL_UINT64(kPage, g_frames->bitmap_range().size);
  TEST_ASSERT_EQUAL_UINT(1024 - 2 - 1, g_frames->total_count());
  TEST_ASSERT_EQUAL_UINT(1024 - 2 - 1, g_frames->free_count());
  g_frames->check_invariants();
  std::vector<uint64_t> got = drain(*g_frames);
  TEST_ASSERT_EQUAL_UINT(1021, got.size());
  for (uint64_t p : got) {
    TEST_ASSERT_TRUE(inside(p, usable[0]));
    TEST_ASSERT_FALSE(inside(p, R{2 * kMiB, 2 * kPage}));
    TEST_ASSERT_FALSE(inside(p, g_frames->bitmap_range()));
  }
  for (uint64_t p : got) TEST_ASSERT_EQUAL_INT(0, static_cast<int>(g_frames->free(p)));
  TEST_ASSERT_EQUAL_UINT(1021, g_frames->free_count());
  g_frames->check_invariants();
  // Everything freed can be allocated again, exactly as many.
  TEST_ASSERT_EQUAL_UINT(1021, drain(*g_frames).size());
}

void test_unaligned_edges_trimmed_and_holes_skipped() {
  const R usable[] = {{0x100800, 0x3000},   // whole frames: 0x101000, 0x102000 only
                      {0x200000, 0x10000},  // 16 frames (the bitmap goes in one of these)
                      {0x400fff, 0x1002}};  // whole frames: 0x401000 only
  TEST_ASSERT_EQUAL_INT(0,
                        static_cast<int>(g_frames->init(usable, 3, nullptr, 0, FakePhys::to_virt)));
  TEST_ASSERT_EQUAL_UINT(2 + 16 + 1 - 1, g_frames->total_count());
  TEST_ASSERT_EQUAL_HEX64(0x101000, g_frames->bitmap_range().base);  // first whole free frame
  std::vector<uint64_t> got = drain(*g_frames);
  std::set<uint64_t> s(got.begin(), got.end());
  TEST_ASSERT_EQUAL_UINT(18, s.size());
  TEST_ASSERT_TRUE(s.count(0x102000) && s.count(0x200000) && s.count(0x20f000) &&
                   s.count(0x401000));
  TEST_ASSERT_FALSE(s.count(0x100000) || s.count(0x103000) || s.count(0x400000) ||
                    s.count(0x402000));
  for (uint64_t p : got) {
    TEST_ASSERT_TRUE(inside(p, usable[0]) || inside(p, usable[1]) || inside(p, usable[2]));
  }
}

void test_region_with_no_whole_frame() {
  const R usable[] = {{0x1001, 0xffe}, {0x200000, 0x4000}};
  TEST_ASSERT_EQUAL_INT(0,
                        static_cast<int>(g_frames->init(usable, 2, nullptr, 0, FakePhys::to_virt)));
  TEST_ASSERT_EQUAL_UINT(3, g_frames->total_count());
  TEST_ASSERT_EQUAL_HEX64(0x200000, g_frames->bitmap_range().base);
}

void test_bitmap_avoids_reserved_ranges() {
  const R usable[] = {{0x100000, 0x10000}, {0x300000, 0x10000}};
  const R reserved[] = {{0x0, 0x100000}, {0x100000, 0x8000}, {0x108000, 0x8000}, {0x300000, 0x1}};
  TEST_ASSERT_EQUAL_INT(
      0, static_cast<int>(g_frames->init(usable, 2, reserved, 4, FakePhys::to_virt)));
  TEST_ASSERT_EQUAL_HEX64(0x301000, g_frames->bitmap_range().base);
  TEST_ASSERT_EQUAL_UINT(16 - 1 - 1, g_frames->total_count());
  for (uint64_t p : drain(*g_frames)) TEST_ASSERT_TRUE(p > 0x301000 && p < 0x310000);
}

void test_init_errors() {
  const R usable[] = {{0x100000, 0x10000}};
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(g_frames->init(usable, 1, nullptr, 0, nullptr)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(g_frames->init(usable, 0, nullptr, 0, FakePhys::to_virt)));
  const R tiny[] = {{0x100000, 0xfff}};
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(g_frames->init(tiny, 1, nullptr, 0, FakePhys::to_virt)));
  const R all_reserved[] = {{0, 0x200000}};
  TEST_ASSERT_EQUAL_INT(
      static_cast<int>(Status::kNoMemory),
      static_cast<int>(g_frames->init(usable, 1, all_reserved, 1, FakePhys::to_virt)));
  // A span too large for the fake memory to hold the bitmap where it has to go.
  const R far[] = {{0x100000000000, 0x10000}};
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(g_frames->init(far, 1, nullptr, 0, FakePhys::to_virt)));
  TEST_ASSERT_EQUAL_INT(0,
                        static_cast<int>(g_frames->init(usable, 1, nullptr, 0, FakePhys::to_virt)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kBadState),
                        static_cast<int>(g_frames->init(usable, 1, nullptr, 0, FakePhys::to_virt)));
}

void test_free_errors_leave_state_unchanged() {
  const R usable[] = {{0x100000, 0x10000}, {0x200000, 0x10000}};
  const R reserved[] = {{0x204000, 0x1000}};
  TEST_ASSERT_EQUAL_INT(
      0, static_cast<int>(g_frames->init(usable, 2, reserved, 1, FakePhys::to_virt)));
  const uint64_t a = g_frames->alloc().value();
  const size_t before = g_frames->free_count();
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kUnaligned),
                        static_cast<int>(g_frames->free(a + 8)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(g_frames->free(0x204000)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(g_frames->free(0x150000)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(g_frames->free(0x1000)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(g_frames->free(0x900000)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(g_frames->free(g_frames->bitmap_range().base)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kBadState),
                        static_cast<int>(g_frames->free(0x20f000)));
  // A run that ends in a reserved frame is refused whole.
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kOutOfRange),
                        static_cast<int>(g_frames->free_contiguous(0x203000, 2)));
  TEST_ASSERT_EQUAL_UINT(before, g_frames->free_count());
  TEST_ASSERT_FALSE(g_frames->is_free(a));
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(g_frames->free(a)));
  TEST_ASSERT_TRUE(g_frames->is_free(a));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kBadState), static_cast<int>(g_frames->free(a)));
  TEST_ASSERT_EQUAL_UINT(before + 1, g_frames->free_count());
  g_frames->check_invariants();
}

void test_contiguous_runs() {
  const R usable[] = {{0x100000, 0x100000}};  // 256 frames; bitmap takes the first
  TEST_ASSERT_EQUAL_INT(0,
                        static_cast<int>(g_frames->init(usable, 1, nullptr, 0, FakePhys::to_virt)));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(g_frames->alloc_contiguous(0, 1).status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kInvalidArgument),
                        static_cast<int>(g_frames->alloc_contiguous(1, 3).status()));
  Result<uint64_t> a = g_frames->alloc_contiguous(16, 16);
  TEST_ASSERT_TRUE(a.is_ok());
  TEST_ASSERT_EQUAL_UINT64(0, a.value() % (16 * kPage));
  TEST_ASSERT_EQUAL_HEX64(0x110000, a.value());  // 0x100000 holds the bitmap
  Result<uint64_t> b = g_frames->alloc_contiguous(3, 1);
  TEST_ASSERT_EQUAL_HEX64(0x101000, b.value());
  TEST_ASSERT_EQUAL_UINT(256 - 1 - 16 - 3, g_frames->free_count());
  // Too long to fit anywhere, and more than all free frames.
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(g_frames->alloc_contiguous(240, 1).status()));
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(g_frames->alloc_contiguous(300, 1).status()));
  TEST_ASSERT_TRUE(g_frames->alloc_contiguous(224, 1).is_ok());  // 0x120000..0x1fffff
  TEST_ASSERT_EQUAL_UINT(12, g_frames->free_count());            // 0x104000..0x10ffff
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(g_frames->alloc_contiguous(8, 16).status()));
  TEST_ASSERT_EQUAL_HEX64(0x104000, g_frames->alloc_contiguous(8, 4).value());
  TEST_ASSERT_EQUAL_INT(static_cast<int>(Status::kNoMemory),
                        static_cast<int>(g_frames->alloc_contiguous(5, 1).status()));
  TEST_ASSERT_EQUAL_HEX64(0x10c000, g_frames->alloc_contiguous(4, 4).value());
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(g_frames->free_contiguous(a.value(), 16)));
  TEST_ASSERT_EQUAL_UINT(16, g_frames->free_count());
  g_frames->check_invariants();
}

void test_randomized_against_model() {
  const R usable[] = {{0x100000, 0x80000}, {0x200800, 0x40000}, {0x400000, 0x100000}};
  const R reserved[] = {{0x110000, 0x3000}, {0x3ff000, 0x3000}, {0x480000, 0x1}};
  TEST_ASSERT_EQUAL_INT(
      0, static_cast<int>(g_frames->init(usable, 3, reserved, 3, FakePhys::to_virt)));
  const size_t total = g_frames->total_count();
  std::mt19937_64 rng(42);
  std::set<uint64_t> held;  // every frame handed out (singles and runs)
  std::vector<uint64_t> singles;
  std::vector<std::pair<uint64_t, size_t>> runs;
  for (int step = 0; step < 20000; ++step) {
    const int op = static_cast<int>(rng() % 4);
    if (op == 0 || op == 1) {
      Result<uint64_t> r = g_frames->alloc();
      if (r.is_ok()) {
        TEST_ASSERT_TRUE(held.insert(r.value()).second);
        singles.push_back(r.value());
      } else {
        TEST_ASSERT_EQUAL_UINT(0, g_frames->free_count());
      }
    } else if (op == 2 && !singles.empty()) {
      const size_t i = rng() % singles.size();
      TEST_ASSERT_EQUAL_INT(0, static_cast<int>(g_frames->free(singles[i])));
      held.erase(singles[i]);
      singles[i] = singles.back();
      singles.pop_back();
    } else if (op == 3) {
      if (!runs.empty() && rng() % 2) {
        auto [p, n] = runs.back();
        runs.pop_back();
        TEST_ASSERT_EQUAL_INT(0, static_cast<int>(g_frames->free_contiguous(p, n)));
        for (size_t i = 0; i < n; ++i) held.erase(p + i * kPage);
      } else {
        const size_t n = 1 + rng() % 8, align = size_t{1} << (rng() % 4);
        Result<uint64_t> r = g_frames->alloc_contiguous(n, align);
        if (r.is_ok()) {
          TEST_ASSERT_EQUAL_UINT64(0, (r.value() / kPage) % align);
          for (size_t i = 0; i < n; ++i)
            TEST_ASSERT_TRUE(held.insert(r.value() + i * kPage).second);
          runs.push_back({r.value(), n});
        }
      }
    }
    TEST_ASSERT_EQUAL_UINT(total - held.size(), g_frames->free_count());
    if (step % 500 == 0) g_frames->check_invariants();
  }
  for (uint64_t p : held) {
    for (const R& x : reserved)
      TEST_ASSERT_FALSE(
          inside(p, R{x.base & ~0xfffull, ((x.last() | 0xfff) + 1) - (x.base & ~0xfffull)}));
    TEST_ASSERT_TRUE(inside(p, usable[0]) || inside(p, usable[1]) || inside(p, usable[2]));
  }
}

void test_init_from_boot_info() {
  MbiBuilder b;
  b.memory_map({{0, 0x9fc00, 1},
                {0x9fc00, 0x400, 2},
                {0xf0000, 0x10000, 2},
                {0x100000, 0xf00000, 1},
                {0x800000, 0x1000, 2}})  // the last overlaps usable RAM
      .module(0x300000, 0x302001, "init")
      .end();
  // The block itself lives at 0x10000 (below 1 MiB) in this test; put it at 0x500000 instead.
  static BootInfo info;
  const uint8_t* mbi = b.build();
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(parse_multiboot2(mbi, 0x500000, b.size(), &info)));
  const R kernel_image[] = {{0x100000, 0x123456}};
  TEST_ASSERT_EQUAL_INT(0, static_cast<int>(init_frames_from_boot_info(g_frames, info, kernel_image,
                                                                       1, FakePhys::to_virt)));
  // 0x100000..0xffffff = 3840 frames, minus kernel 0x124 frames, module 3, block 1, map hole 1,
  // bitmap 1.
  TEST_ASSERT_EQUAL_UINT(3840 - 0x124 - 3 - 1 - 1 - 1, g_frames->total_count());
  for (uint64_t p : drain(*g_frames)) {
    TEST_ASSERT_TRUE(p >= 0x224000);  // not low memory, not the kernel image
    TEST_ASSERT_FALSE(inside(p, R{0x300000, 0x3000}));
    TEST_ASSERT_FALSE(p == 0x500000 || p == 0x800000);
  }
  BootInfo empty{};
  TEST_ASSERT_EQUAL_INT(
      static_cast<int>(Status::kNotFound),
      static_cast<int>(init_frames_from_boot_info(g_frames, empty, nullptr, 0, FakePhys::to_virt)));
}

}  // namespace

void setUp() { setUp_impl(); }
void tearDown() {
  delete g_frames;
  g_frames = nullptr;
  FakePhys::unmap();
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_counts_exact_and_no_double_handout);
  RUN_TEST(test_unaligned_edges_trimmed_and_holes_skipped);
  RUN_TEST(test_region_with_no_whole_frame);
  RUN_TEST(test_bitmap_avoids_reserved_ranges);
  RUN_TEST(test_init_errors);
  RUN_TEST(test_free_errors_leave_state_unchanged);
  RUN_TEST(test_contiguous_runs);
  RUN_TEST(test_randomized_against_model);
  RUN_TEST(test_init_from_boot_info);
  return UNITY_END();
}
