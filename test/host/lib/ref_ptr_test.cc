// RefPtr<T>: adopt, copy, move, reset and the last release deleting the object exactly once.
#include "kernel/lib/ref_ptr.h"
#include "unity.h"

namespace {
int g_deleted = 0;
class Counted : public RefCounted<Counted> {
 public:
  ~Counted() { ++g_deleted; }
};
}  // namespace

void setUp() { g_deleted = 0; }
void tearDown() {}

static void test_copies_share_and_last_release_deletes() {
  {
    RefPtr<Counted> a = adopt_ref(new Counted);
    TEST_ASSERT_EQUAL_INT(1, a->ref_count());
    RefPtr<Counted> b = a;
    TEST_ASSERT_EQUAL_INT(2, a->ref_count());
    TEST_ASSERT_TRUE(a == b);
    b.reset();
    TEST_ASSERT_EQUAL_INT(1, a->ref_count());
    TEST_ASSERT_EQUAL_INT(0, g_deleted);
  }
  TEST_ASSERT_EQUAL_INT(1, g_deleted);
}

static void test_move_transfers_without_counting() {
  RefPtr<Counted> a = adopt_ref(new Counted);
  RefPtr<Counted> b = static_cast<RefPtr<Counted>&&>(a);
  TEST_ASSERT_FALSE(static_cast<bool>(a));
  TEST_ASSERT_EQUAL_INT(1, b->ref_count());
  RefPtr<Counted> c;
  c = b;           // copy-assign
  RefPtr<Counted>& same = c;  // through a reference: clang flags a literal `c = c`
  c = same;                   // self-assign keeps the object alive
  TEST_ASSERT_EQUAL_INT(2, b->ref_count());
  b = nullptr;
  c = nullptr;
  TEST_ASSERT_EQUAL_INT(1, g_deleted);
}

static void test_wrap_takes_a_new_reference() {
  RefPtr<Counted> a = adopt_ref(new Counted);
  RefPtr<Counted> w = RefPtr<Counted>::wrap(a.get());
  TEST_ASSERT_EQUAL_INT(2, a->ref_count());
  a.reset();
  w.reset();
  TEST_ASSERT_EQUAL_INT(1, g_deleted);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_copies_share_and_last_release_deletes);
  RUN_TEST(test_move_transfers_without_counting);
  RUN_TEST(test_wrap_takes_a_new_reference);
  return UNITY_END();
}
