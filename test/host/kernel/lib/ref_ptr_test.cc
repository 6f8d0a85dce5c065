// RefPtr<T>: adopt, copy, move, reset and the last release deleting the object exactly once; a
// RefPtr to a derived object converting to one to its base.
#include <type_traits>

#include "base/result.h"
#include "kernel/lib/ref_ptr.h"
#include "unity.h"

namespace {
int g_deleted = 0;
class Counted : public RefCounted<Counted> {
 public:
  ~Counted() { ++g_deleted; }
};

// The capability layer's shape: objects of several types held through one base.
int g_base_deleted = 0;
class Object : public RefCounted<Object> {
 public:
  virtual ~Object() { ++g_base_deleted; }
  virtual int kind() const { return 0; }
};
class Port final : public Object {
 public:
  ~Port() override { ++g_deleted; }
  int kind() const override { return 1; }
};

static_assert(std::is_convertible_v<RefPtr<Port>, RefPtr<Object>>, "upcast is implicit");
static_assert(!std::is_convertible_v<RefPtr<Object>, RefPtr<Port>>, "no implicit downcast");
static_assert(!std::is_convertible_v<RefPtr<Counted>, RefPtr<Object>>,
              "no cast between unrelated types");
}  // namespace

void setUp() {
  g_deleted = 0;
  g_base_deleted = 0;
}
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
  c = b;                      // copy-assign
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

static void test_upcast_copy_shares_the_object() {
  RefPtr<Port> port = adopt_ref(new Port);
  {
    RefPtr<Object> object = port;
    TEST_ASSERT_EQUAL_INT(2, port->ref_count());
    TEST_ASSERT_EQUAL_PTR(port.get(), object.get());
    TEST_ASSERT_EQUAL_INT(1, object->kind());
  }
  TEST_ASSERT_EQUAL_INT(1, port->ref_count());
  TEST_ASSERT_EQUAL_INT(0, g_deleted);
}

static void test_upcast_move_and_delete_through_the_base() {
  RefPtr<Port> port = adopt_ref(new Port);
  Port* raw = port.get();
  RefPtr<Object> object = static_cast<RefPtr<Port>&&>(port);
  TEST_ASSERT_FALSE(static_cast<bool>(port));
  TEST_ASSERT_EQUAL_PTR(raw, object.get());
  TEST_ASSERT_EQUAL_INT(1, object->ref_count());
  object.reset();  // the last reference, held as the base: both destructors run, once
  TEST_ASSERT_EQUAL_INT(1, g_deleted);
  TEST_ASSERT_EQUAL_INT(1, g_base_deleted);
}

static void test_upcast_into_a_result() {
  auto make = []() -> Result<RefPtr<Object>> { return adopt_ref(new Port); };
  Result<RefPtr<Object>> r = make();
  TEST_ASSERT_TRUE(r.is_ok());
  TEST_ASSERT_EQUAL_INT(1, r.value()->kind());
  TEST_ASSERT_EQUAL_INT(1, r.value()->ref_count());
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_copies_share_and_last_release_deletes);
  RUN_TEST(test_move_transfers_without_counting);
  RUN_TEST(test_wrap_takes_a_new_reference);
  RUN_TEST(test_upcast_copy_shares_the_object);
  RUN_TEST(test_upcast_move_and_delete_through_the_base);
  RUN_TEST(test_upcast_into_a_result);
  return UNITY_END();
}
