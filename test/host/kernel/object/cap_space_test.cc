// Tests of CapSpace and the derivation tree: every operation's success path and each of its errors,
// with every refused call checked to leave every slot of every space bit-identical; revoke across
// three spaces and of more than 10,000 derived capabilities in bounded lock holds; stale slot
// indices; objects freed with their last capability; and the random differential test against the
// model (cap_model.h).
#include "kernel/object/cap_space.h"

#include <stdio.h>

#include <functional>
#include <random>
#include <vector>

#include "test/host/kernel/object/cap_model.h"
#include "test/host/kernel/object/test_object.h"
#include "unity.h"

namespace {

#define TEST_ASSERT_STATUS(expected, actual) \
  TEST_ASSERT_EQUAL_STRING(status_name(expected), status_name(actual))

constexpr uint32_t kAll = kCapRead | kCapWrite | kCapExecute | kCapGrant;
constexpr uint32_t kCapacity = 16;

int64_t g_nodes_at_start = 0;
int64_t g_objects_at_start = 0;

// Three spaces, and a way to check that a call changed nothing in any of them.
struct World {
  RefPtr<CapSpace> a = CapSpace::create(kCapacity).release_value();
  RefPtr<CapSpace> b = CapSpace::create(kCapacity).release_value();
  RefPtr<CapSpace> c = CapSpace::create(kCapacity).release_value();

  std::vector<CapSlotSnapshot> snapshot() const {
    std::vector<CapSlotSnapshot> all;
    for (const CapSpace* s : {a.get(), b.get(), c.get()}) {
      for (uint32_t i = 0; i < s->capacity(); ++i) all.push_back(s->snapshot(i));
    }
    return all;
  }
  void check() const {
    a->check_invariants();
    b->check_invariants();
    c->check_invariants();
  }
};

Status status_of(const Result<uint32_t>& r) { return r.status(); }
Status status_of(Status s) { return s; }
template <typename T>
Status status_of(const Result<T>& r) {
  return r.status();
}

// Runs `call`, expects `expected`, and that no slot of any space changed.
#define EXPECT_REFUSED(world, expected, call)                        \
  do {                                                               \
    const std::vector<CapSlotSnapshot> before_ = (world).snapshot(); \
    const int64_t nodes_ = cap_node_count();                         \
    TEST_ASSERT_STATUS(expected, status_of(call));                   \
    TEST_ASSERT_TRUE((world).snapshot() == before_);                 \
    TEST_ASSERT_EQUAL_INT64(nodes_, cap_node_count());               \
    (world).check();                                                 \
  } while (0)

uint32_t ok_slot(Result<uint32_t> r) {
  TEST_ASSERT_STATUS(Status::kOk, r.status());
  return r.value();
}

RefPtr<TestObject> endpoint() { return TestObject::create(CapabilityType::kEndpoint); }

}  // namespace

void setUp() {
  g_nodes_at_start = cap_node_count();
  g_objects_at_start = TestObject::live();
}
void tearDown() {
  // Every space of a test is gone by now: no node and no object may be left behind.
  TEST_ASSERT_EQUAL_INT64(g_nodes_at_start, cap_node_count());
  TEST_ASSERT_EQUAL_INT64(g_objects_at_start, TestObject::live());
}

void test_create_checks_capacity() {
  TEST_ASSERT_STATUS(Status::kInvalidArgument, CapSpace::create(0).status());
  TEST_ASSERT_STATUS(Status::kInvalidArgument,
                     CapSpace::create(CapSpace::kMaxCapacity + 1).status());
  Result<RefPtr<CapSpace>> space = CapSpace::create(3);
  TEST_ASSERT_STATUS(Status::kOk, space.status());
  TEST_ASSERT_EQUAL_UINT32(3, space.value()->capacity());
  TEST_ASSERT_EQUAL_UINT32(0, space.value()->occupied_count());
}

void test_insert_and_identify() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  TEST_ASSERT_EQUAL_UINT32(2, ok_slot(w.a->insert(2, CapabilityType::kEndpoint, ep, kCapRead)));
  TEST_ASSERT_EQUAL_UINT32(0, ok_slot(w.a->insert_io_ports_root(CapSpace::kAnySlot)));
  TEST_ASSERT_EQUAL_UINT32(1, ok_slot(w.a->insert(CapSpace::kAnySlot, CapabilityType::kFrames,
                                                  nullptr, kAll, 0x100, 16)));
  CapInfo info = w.a->identify(2).value();
  TEST_ASSERT_EQUAL(CapabilityType::kEndpoint, info.type);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, info.rights);
  TEST_ASSERT_TRUE(info.range.empty());
  info = w.a->identify(0).value();
  TEST_ASSERT_EQUAL(CapabilityType::kIoPorts, info.type);
  TEST_ASSERT_EQUAL_UINT32(kAll, info.rights);
  TEST_ASSERT_EQUAL_UINT64(0, info.range.base);
  TEST_ASSERT_EQUAL_UINT64(65536, info.range.size);
  info = w.a->identify(1).value();
  TEST_ASSERT_EQUAL(CapabilityType::kFrames, info.type);
  TEST_ASSERT_EQUAL_UINT64(0x100, info.range.base);
  TEST_ASSERT_EQUAL_UINT64(16, info.range.size);
  TEST_ASSERT_EQUAL_INT32(2, ep->ref_count());  // ours and the capability's
  w.check();
}

void test_insert_errors_change_nothing() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  const auto E = CapabilityType::kEndpoint;
  EXPECT_REFUSED(w, Status::kInvalidArgument, w.a->insert(1, CapabilityType::kEmpty, ep, kAll));
  EXPECT_REFUSED(w, Status::kInvalidArgument,
                 w.a->insert(1, static_cast<CapabilityType>(9), ep, kAll));
  EXPECT_REFUSED(w, Status::kInvalidArgument, w.a->insert(1, E, ep, 1u << 4));
  EXPECT_REFUSED(w, Status::kInvalidArgument, w.a->insert(1, E, nullptr, kAll));
  EXPECT_REFUSED(w, Status::kInvalidArgument, w.a->insert(1, E, ep, kAll, 0, 1));
  EXPECT_REFUSED(w, Status::kWrongType, w.a->insert(1, CapabilityType::kThread, ep, kAll));
  EXPECT_REFUSED(w, Status::kWrongType, w.a->insert(1, CapabilityType::kIoPorts, ep, kAll, 0, 1));
  EXPECT_REFUSED(w, Status::kInvalidArgument,
                 w.a->insert(1, CapabilityType::kIoPorts, nullptr, kAll, 5, 0));
  EXPECT_REFUSED(w, Status::kOverflow,
                 w.a->insert(1, CapabilityType::kFrames, nullptr, kAll, ~uint64_t{0}, 2));
  EXPECT_REFUSED(w, Status::kOutOfRange,
                 w.a->insert(1, CapabilityType::kIoPorts, nullptr, kAll, 65535, 2));
  EXPECT_REFUSED(w, Status::kOutOfRange,
                 w.a->insert(1, CapabilityType::kFrames, nullptr, kAll, kFrameNumberLimit, 1));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->insert(kCapacity, E, ep, kAll));
  EXPECT_REFUSED(w, Status::kAlreadyExists, w.a->insert(0, E, ep, kAll));
  for (uint32_t i = 1; i < kCapacity; ++i) ok_slot(w.a->insert(i, E, ep, kAll));
  EXPECT_REFUSED(w, Status::kNoSpace, w.a->insert(CapSpace::kAnySlot, E, ep, kAll));
  EXPECT_REFUSED(w, Status::kNoSpace, w.a->insert_io_ports_root(CapSpace::kAnySlot));
}

void test_copy_same_and_other_space() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  // Same space: no kCapGrant needed.
  TEST_ASSERT_EQUAL_UINT32(5, ok_slot(w.a->copy(0, *w.a, 5, kCapRead | kCapWrite)));
  ok_slot(w.a->copy(5, *w.a, 6, kCapRead));
  // Another space: the source needs kCapGrant.
  TEST_ASSERT_EQUAL_UINT32(0,
                           ok_slot(w.a->copy(0, *w.b, CapSpace::kAnySlot, kCapRead | kCapGrant)));
  ok_slot(w.b->copy(0, *w.c, 3, kCapRead));
  TEST_ASSERT_EQUAL_UINT32(kCapRead | kCapWrite, w.a->identify(5).value().rights);
  TEST_ASSERT_EQUAL(CapabilityType::kEndpoint, w.c->identify(3).value().type);
  TEST_ASSERT_EQUAL_UINT32(2, w.c->depth(3).value());
  TEST_ASSERT_EQUAL_UINT32(2, w.a->depth(6).value());
  const CapLocation parent = w.c->live_ancestor(3).value();
  TEST_ASSERT_TRUE(parent.space == w.b.get() && parent.index == 0);
  TEST_ASSERT_STATUS(Status::kNotFound, w.a->live_ancestor(0).status());
  TEST_ASSERT_TRUE(w.c->snapshot(3).object == ep.get());
  TEST_ASSERT_EQUAL_INT32(6, ep->ref_count());  // ours and five capabilities
  w.check();
}

void test_copy_errors_change_nothing() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kCapRead | kCapWrite));
  ok_slot(w.a->insert(1, CapabilityType::kEndpoint, ep, kAll));
  ok_slot(w.b->insert(7, CapabilityType::kEndpoint, ep, kAll));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->copy(2, *w.b, 0, kCapRead));          // empty
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->copy(kCapacity, *w.b, 0, kCapRead));  // past end
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->copy(1, *w.b, kCapacity, kCapRead));
  EXPECT_REFUSED(w, Status::kInvalidArgument, w.a->copy(1, *w.b, 0, 1u << 7));
  EXPECT_REFUSED(w, Status::kAccessDenied, w.a->copy(0, *w.a, 3, kCapExecute));  // wider
  EXPECT_REFUSED(w, Status::kAccessDenied, w.a->copy(0, *w.b, 0, kCapRead));     // no grant
  EXPECT_REFUSED(w, Status::kAlreadyExists, w.a->copy(1, *w.b, 7, kCapRead));
  for (uint32_t i = 0; i < kCapacity; ++i) {
    if (i != 7) ok_slot(w.b->insert(i, CapabilityType::kEndpoint, ep, kAll));
  }
  EXPECT_REFUSED(w, Status::kNoSpace, w.a->copy(1, *w.b, CapSpace::kAnySlot, kCapRead));
}

void test_derivation_depth_is_bounded() {
  RefPtr<CapSpace> s = CapSpace::create(kMaxDerivationDepth + 2).release_value();
  ok_slot(s->insert(0, CapabilityType::kEndpoint, endpoint(), kAll));
  for (uint32_t d = 1; d <= kMaxDerivationDepth; ++d) ok_slot(s->copy(d - 1, *s, d, kAll));
  TEST_ASSERT_EQUAL_UINT32(kMaxDerivationDepth, s->depth(kMaxDerivationDepth).value());
  const CapSlotSnapshot before = s->snapshot(kMaxDerivationDepth + 1);
  TEST_ASSERT_STATUS(Status::kNoSpace,
                     s->copy(kMaxDerivationDepth, *s, kMaxDerivationDepth + 1, kAll).status());
  TEST_ASSERT_TRUE(s->snapshot(kMaxDerivationDepth + 1) == before);
  // Deleting a middle capability keeps its place (a dead node): depths do not change.
  TEST_ASSERT_STATUS(Status::kOk, s->remove(5));
  TEST_ASSERT_EQUAL_UINT32(kMaxDerivationDepth, s->depth(kMaxDerivationDepth).value());
  RevokeStats stats = s->revoke(0).value();
  TEST_ASSERT_EQUAL_UINT64(kMaxDerivationDepth - 1, stats.removed);
  TEST_ASSERT_EQUAL_UINT32(1, s->occupied_count());
  s->check_invariants();
}

void test_mint_narrows_ranges() {
  World w;
  ok_slot(w.a->insert_io_ports_root(0));
  TEST_ASSERT_EQUAL_UINT32(0, ok_slot(w.a->mint(0, *w.b, 0, kAll, 0x3F8, 8)));
  ok_slot(w.b->mint(0, *w.c, 0, kCapRead | kCapWrite, 0x3F8, 1));
  ok_slot(w.b->mint(0, *w.c, 1, kCapRead, 0x3FF, 1));  // the last port of the parent
  ok_slot(w.a->mint(0, *w.a, 1, kAll, 0, 65536));      // the same range is allowed
  CapInfo info = w.c->identify(1).value();
  TEST_ASSERT_EQUAL(CapabilityType::kIoPorts, info.type);
  TEST_ASSERT_EQUAL_UINT64(0x3FF, info.range.base);
  TEST_ASSERT_EQUAL_UINT64(1, info.range.size);
  TEST_ASSERT_EQUAL_UINT32(kCapRead, info.rights);
  ok_slot(w.a->insert(5, CapabilityType::kFrames, nullptr, kAll, 0x1000, 0x100));
  ok_slot(w.a->mint(5, *w.b, 5, kCapRead | kCapGrant, 0x1080, 0x80));
  info = w.b->identify(5).value();
  TEST_ASSERT_EQUAL(CapabilityType::kFrames, info.type);
  TEST_ASSERT_EQUAL_UINT64(0x1080, info.range.base);
  // Copy keeps the range.
  ok_slot(w.b->copy(5, *w.c, 5, kCapRead));
  TEST_ASSERT_TRUE(w.c->identify(5).value().range == info.range);
  w.check();
}

void test_mint_errors_change_nothing() {
  World w;
  ok_slot(w.a->insert_io_ports_root(0));
  ok_slot(w.a->mint(0, *w.a, 1, kCapRead | kCapWrite | kCapGrant, 0x60, 16));
  ok_slot(w.a->insert(2, CapabilityType::kEndpoint, endpoint(), kAll));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->mint(3, *w.b, 0, kCapRead, 0x60, 1));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->mint(3, *w.b, 0, kCapRead, 0x60, 0));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->mint(1, *w.b, kCapacity, kCapRead, 0x60, 1));
  EXPECT_REFUSED(w, Status::kWrongType, w.a->mint(2, *w.b, 0, kCapRead, 0, 1));
  EXPECT_REFUSED(w, Status::kWrongType, w.a->mint(2, *w.b, 0, kCapRead, 0, 0));
  EXPECT_REFUSED(w, Status::kInvalidArgument, w.a->mint(1, *w.b, 0, kCapRead, 0x60, 0));
  EXPECT_REFUSED(w, Status::kOverflow, w.a->mint(1, *w.b, 0, kCapRead, ~uint64_t{0} - 1, 3));
  EXPECT_REFUSED(w, Status::kOutOfRange, w.a->mint(1, *w.b, 0, kCapRead, 0x5F, 2));    // below
  EXPECT_REFUSED(w, Status::kOutOfRange, w.a->mint(1, *w.b, 0, kCapRead, 0x60, 17));   // wider
  EXPECT_REFUSED(w, Status::kOutOfRange, w.a->mint(1, *w.b, 0, kCapRead, 0x70, 1));    // past
  EXPECT_REFUSED(w, Status::kOutOfRange, w.a->mint(1, *w.b, 0, kCapRead, 0x1000, 1));  // outside
  EXPECT_REFUSED(w, Status::kAccessDenied, w.a->mint(1, *w.b, 0, kCapExecute, 0x60, 1));
  ok_slot(w.a->mint(1, *w.a, 4, kCapRead, 0x60, 4));  // no grant: stays in this space
  EXPECT_REFUSED(w, Status::kAccessDenied, w.a->mint(4, *w.b, 0, kCapRead, 0x60, 1));
  EXPECT_REFUSED(w, Status::kAlreadyExists, w.a->mint(1, *w.a, 0, kCapRead, 0x60, 1));
}

void test_move_keeps_the_capability_and_its_place() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  ok_slot(w.a->copy(0, *w.b, 0, kAll));
  ok_slot(w.b->copy(0, *w.c, 0, kCapRead));
  const CapSlotSnapshot moved = w.b->snapshot(0);
  TEST_ASSERT_EQUAL_UINT32(4, ok_slot(w.b->move(0, *w.b, 4)));  // same space
  TEST_ASSERT_EQUAL_UINT32(1,
                           ok_slot(w.b->move(4, *w.a, CapSpace::kAnySlot)));  // needs grant: has it
  TEST_ASSERT_STATUS(Status::kBadHandle, w.b->identify(0).status());
  const CapSlotSnapshot now = w.a->snapshot(1);
  TEST_ASSERT_TRUE(now.node == moved.node && now.parent == moved.parent &&
                   now.first_child == moved.first_child && now.info == moved.info);
  // Its child now names the new place, and revoking the root still reaches both.
  const CapLocation parent = w.c->live_ancestor(0).value();
  TEST_ASSERT_TRUE(parent.space == w.a.get() && parent.index == 1);
  TEST_ASSERT_EQUAL_UINT64(2, w.a->revoke(0).value().removed);
  TEST_ASSERT_EQUAL_UINT32(1, w.a->occupied_count());
  TEST_ASSERT_EQUAL_UINT32(0, w.c->occupied_count());
  w.check();
}

void test_move_errors_change_nothing() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kCapRead));
  ok_slot(w.b->insert(0, CapabilityType::kEndpoint, ep, kAll));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->move(1, *w.b, 1));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->move(kCapacity + 3, *w.b, 1));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->move(0, *w.a, kCapacity));
  EXPECT_REFUSED(w, Status::kAccessDenied, w.a->move(0, *w.b, 1));
  EXPECT_REFUSED(w, Status::kAlreadyExists, w.b->move(0, *w.a, 0));
  EXPECT_REFUSED(w, Status::kAlreadyExists, w.a->move(0, *w.a, 0));  // onto itself
  for (uint32_t i = 1; i < kCapacity; ++i)
    ok_slot(w.a->insert(i, CapabilityType::kEndpoint, ep, 0));
  EXPECT_REFUSED(w, Status::kNoSpace, w.b->move(0, *w.a, CapSpace::kAnySlot));
}

void test_delete_keeps_derived_capabilities_under_their_ancestors() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  ok_slot(w.a->copy(0, *w.b, 0, kAll));      // middle
  ok_slot(w.b->copy(0, *w.c, 0, kCapRead));  // leaf
  const int64_t nodes = cap_node_count();
  TEST_ASSERT_STATUS(Status::kOk, w.b->remove(0));
  TEST_ASSERT_EQUAL_INT64(nodes, cap_node_count());  // the middle node stays, dead
  TEST_ASSERT_STATUS(Status::kBadHandle, w.b->identify(0).status());
  TEST_ASSERT_EQUAL_UINT32(2, w.c->depth(0).value());
  const CapLocation ancestor = w.c->live_ancestor(0).value();
  TEST_ASSERT_TRUE(ancestor.space == w.a.get() && ancestor.index == 0);
  w.check();
  // Deleting the leaf frees it and the dead node above it.
  TEST_ASSERT_STATUS(Status::kOk, w.c->remove(0));
  TEST_ASSERT_EQUAL_INT64(nodes - 2, cap_node_count());
  TEST_ASSERT_TRUE(w.a->snapshot(0).first_child == nullptr);
  EXPECT_REFUSED(w, Status::kBadHandle, w.c->remove(0));
  EXPECT_REFUSED(w, Status::kBadHandle, w.c->remove(kCapacity));
  w.check();
}

void test_revoke_across_three_spaces_leaves_the_revoked_one() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  ok_slot(w.a->insert(9, CapabilityType::kEndpoint, ep, kAll));  // unrelated original
  ok_slot(w.a->copy(0, *w.b, 0, kAll));
  ok_slot(w.a->copy(0, *w.a, 1, kAll));
  ok_slot(w.b->copy(0, *w.c, 0, kAll));
  ok_slot(w.c->copy(0, *w.a, 2, kAll));
  ok_slot(w.c->copy(0, *w.b, 1, kAll));
  ok_slot(w.a->copy(9, *w.c, 9, kAll));             // derived from the unrelated one
  TEST_ASSERT_STATUS(Status::kOk, w.b->remove(0));  // a dead node inside the subtree
  const uint64_t before_gen = w.a->snapshot(0).generation;
  RevokeStats stats = w.a->revoke(0).value();
  TEST_ASSERT_EQUAL_UINT64(4, stats.removed);  // a[1], c[0], a[2], b[1]
  TEST_ASSERT_TRUE(w.a->identify(0).is_ok());
  TEST_ASSERT_EQUAL_UINT64(before_gen, w.a->snapshot(0).generation);
  TEST_ASSERT_TRUE(w.a->snapshot(0).first_child == nullptr);
  TEST_ASSERT_FALSE(w.a->snapshot(0).revoking);
  TEST_ASSERT_EQUAL_UINT32(2, w.a->occupied_count());
  TEST_ASSERT_EQUAL_UINT32(0, w.b->occupied_count());
  TEST_ASSERT_EQUAL_UINT32(1, w.c->occupied_count());
  TEST_ASSERT_TRUE(w.c->identify(9).is_ok());
  // Revoking again finds nothing; the capability can be derived from again.
  TEST_ASSERT_EQUAL_UINT64(0, w.a->revoke(0).value().removed);
  ok_slot(w.a->copy(0, *w.b, 0, kCapRead));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->revoke(3));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->revoke(kCapacity));
  w.check();
}

// A use that counts how often it was handed back; it lives on the test's stack.
struct CountingUse final : CapUse {
  int gone = 0;
  void capability_gone() override { ++gone; }
};

Status bind_ok(void* context, const CapInfo& info) {
  *static_cast<uint64_t*>(context) = info.range.base;
  return Status::kOk;
}
Status bind_refuses(void*, const CapInfo&) { return Status::kNoMemory; }
Status unbind_ok(void*, CapUse*) { return Status::kOk; }

void test_uses_are_handed_back_once_by_delete_and_revoke() {
  World w;
  ok_slot(w.a->insert_io_ports_root(0));
  ok_slot(w.a->mint(0, *w.a, 1, kAll, 0x80, 4));
  ok_slot(w.a->mint(0, *w.b, 2, kAll, 0x60, 1));
  ok_slot(w.a->copy(1, *w.c, 3, kCapRead));
  CountingUse deleted, revoked, revoked_elsewhere, detached;
  uint64_t bound_base = 0;
  TEST_ASSERT_STATUS(Status::kOk, w.a->attach_use(1, CapabilityType::kIoPorts, kCapRead, &deleted,
                                                  bind_ok, &bound_base));
  TEST_ASSERT_EQUAL_UINT64(0x80, bound_base);  // bind saw the capability's range
  // Refusals attach nothing and change nothing.
  EXPECT_REFUSED(w, Status::kAlreadyExists,
                 w.a->attach_use(1, CapabilityType::kIoPorts, 0, &revoked, bind_ok, &bound_base));
  EXPECT_REFUSED(w, Status::kNoMemory,
                 w.b->attach_use(2, CapabilityType::kIoPorts, 0, &revoked, bind_refuses, nullptr));
  EXPECT_REFUSED(
      w, Status::kAccessDenied,
      w.c->attach_use(3, CapabilityType::kIoPorts, kCapWrite, &revoked, bind_ok, &bound_base));
  EXPECT_REFUSED(w, Status::kWrongType,
                 w.c->attach_use(3, CapabilityType::kFrames, 0, &revoked, bind_ok, &bound_base));
  EXPECT_REFUSED(w, Status::kBadHandle,
                 w.c->attach_use(7, CapabilityType::kIoPorts, 0, &revoked, bind_ok, &bound_base));
  EXPECT_REFUSED(w, Status::kBadState,
                 w.c->detach_use(3, CapabilityType::kIoPorts, unbind_ok, nullptr));
  // A capability with a use stays in its space; moving inside it is fine.
  EXPECT_REFUSED(w, Status::kBusy, w.a->move(1, *w.b, 5));
  TEST_ASSERT_EQUAL_UINT32(4, ok_slot(w.a->move(1, *w.a, 4)));
  // Delete hands the use back once.
  TEST_ASSERT_STATUS(Status::kOk, w.a->remove(4));
  TEST_ASSERT_EQUAL_INT(1, deleted.gone);
  // Revoke hands back the uses of everything it removes, in every space.
  TEST_ASSERT_STATUS(
      Status::kOk, w.b->attach_use(2, CapabilityType::kIoPorts, 0, &revoked, bind_ok, &bound_base));
  TEST_ASSERT_STATUS(Status::kOk, w.c->attach_use(3, CapabilityType::kIoPorts, 0,
                                                  &revoked_elsewhere, bind_ok, &bound_base));
  ok_slot(w.a->mint(0, *w.a, 6, kAll, 0x40, 4));
  TEST_ASSERT_STATUS(Status::kOk, w.a->attach_use(6, CapabilityType::kIoPorts, 0, &detached,
                                                  bind_ok, &bound_base));
  Result<CapUse*> back = w.a->detach_use(6, CapabilityType::kIoPorts, unbind_ok, nullptr);
  TEST_ASSERT_TRUE(back.is_ok());
  TEST_ASSERT_EQUAL_PTR(&detached, back.value());
  TEST_ASSERT_TRUE(w.a->revoke(0).is_ok());
  TEST_ASSERT_EQUAL_INT(1, revoked.gone);
  TEST_ASSERT_EQUAL_INT(1, revoked_elsewhere.gone);
  TEST_ASSERT_EQUAL_INT(0, detached.gone);  // detached: the caller's, never handed back
  TEST_ASSERT_EQUAL_INT(1, deleted.gone);
  w.check();
}

void test_identify_and_lookup_errors() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kCapRead));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->identify(1));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->identify(kCapacity));
  EXPECT_REFUSED(w, Status::kBadHandle, w.a->lookup(1, CapabilityType::kEndpoint, 0));
  EXPECT_REFUSED(w, Status::kWrongType, w.a->lookup(0, CapabilityType::kThread, 0));
  EXPECT_REFUSED(w, Status::kAccessDenied, w.a->lookup(0, CapabilityType::kEndpoint, kCapWrite));
  Result<CapLookup> found = w.a->lookup(0, CapabilityType::kEndpoint, kCapRead);
  TEST_ASSERT_STATUS(Status::kOk, found.status());
  TEST_ASSERT_TRUE(found.value().object.get() == ep.get());
}

// A slot emptied and filled again is a new capability: old links (a dead parent, a revoke of an
// old ancestor) never reach the new occupant.
void test_reused_slot_is_not_reached_by_old_links() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  ok_slot(w.a->copy(0, *w.b, 3, kAll));
  ok_slot(w.b->copy(3, *w.c, 3, kAll));
  TEST_ASSERT_STATUS(Status::kOk, w.b->remove(3));  // b[3]'s node stays, dead, above c[3]
  ok_slot(w.b->insert(3, CapabilityType::kEndpoint, ep, kAll));  // a new original in the slot
  TEST_ASSERT_STATUS(Status::kNotFound, w.b->live_ancestor(3).status());
  TEST_ASSERT_EQUAL_UINT64(0, w.b->revoke(3).value().removed);  // c[3] is not its child
  TEST_ASSERT_TRUE(w.c->identify(3).is_ok());
  // The old ancestor's revoke reaches c[3] but not the new b[3].
  TEST_ASSERT_STATUS(Status::kOk, w.c->remove(3));
  ok_slot(w.a->copy(0, *w.c, 3, kAll));
  TEST_ASSERT_STATUS(Status::kOk, w.c->remove(3));
  ok_slot(w.c->insert(3, CapabilityType::kEndpoint, ep, kAll));
  TEST_ASSERT_EQUAL_UINT64(0, w.a->revoke(0).value().removed);
  TEST_ASSERT_TRUE(w.b->identify(3).is_ok());
  TEST_ASSERT_TRUE(w.c->identify(3).is_ok());
  w.check();
}

void test_object_is_freed_with_its_last_capability() {
  const int64_t start = TestObject::live();
  World w;
  {
    RefPtr<TestObject> ep = endpoint();
    ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  }
  ok_slot(w.a->copy(0, *w.b, 0, kAll));
  ok_slot(w.b->copy(0, *w.c, 0, kAll));
  TEST_ASSERT_EQUAL_INT64(start + 1, TestObject::live());
  TEST_ASSERT_STATUS(Status::kOk, w.a->remove(0));
  TEST_ASSERT_STATUS(Status::kOk, w.c->remove(0));
  TEST_ASSERT_EQUAL_INT64(start + 1, TestObject::live());
  // Another reference keeps it past its last capability.
  RefPtr<KernelObject> held = w.b->lookup(0, CapabilityType::kEndpoint, 0).value().object;
  TEST_ASSERT_STATUS(Status::kOk, w.b->remove(0));
  TEST_ASSERT_EQUAL_INT64(start + 1, TestObject::live());
  held.reset();
  TEST_ASSERT_EQUAL_INT64(start, TestObject::live());
  // Revoke and the end of a space drop references too.
  ok_slot(
      w.a->insert(0, CapabilityType::kThread, TestObject::create(CapabilityType::kThread), kAll));
  ok_slot(w.a->copy(0, *w.b, 0, kAll));
  TEST_ASSERT_STATUS(Status::kOk, w.a->remove(0));
  w.b = nullptr;
  TEST_ASSERT_EQUAL_INT64(start, TestObject::live());
}

// The end of a space removes its capabilities from the tree; the ones derived from them stay.
void test_space_end_unlinks_its_capabilities() {
  World w;
  RefPtr<TestObject> ep = endpoint();
  ok_slot(w.a->insert(0, CapabilityType::kEndpoint, ep, kAll));
  ok_slot(w.a->copy(0, *w.b, 0, kAll));
  ok_slot(w.b->copy(0, *w.c, 0, kAll));
  ok_slot(w.a->copy(0, *w.b, 1, kAll));
  w.b = nullptr;
  w.a->check_invariants();
  w.c->check_invariants();
  TEST_ASSERT_EQUAL_UINT32(2, w.c->depth(0).value());
  TEST_ASSERT_EQUAL_UINT64(1, w.a->revoke(0).value().removed);
  TEST_ASSERT_EQUAL_UINT32(0, w.c->occupied_count());
  w.b = CapSpace::create(kCapacity).release_value();
}

// More than 10,000 derived capabilities in three spaces, revoked from one root in lock holds of
// at most kRevokeChunk removals.
void test_revoke_of_ten_thousand_derived_capabilities() {
  RefPtr<CapSpace> root = CapSpace::create(4).release_value();
  RefPtr<CapSpace> mid = CapSpace::create(128).release_value();
  RefPtr<CapSpace> leaves = CapSpace::create(12000).release_value();
  RefPtr<TestObject> ep = endpoint();
  ok_slot(root->insert(0, CapabilityType::kEndpoint, ep, kAll));
  uint32_t derived = 0;
  for (uint32_t m = 0; m < 100; ++m) {
    ok_slot(root->copy(0, *mid, m, kAll));
    ++derived;
    for (uint32_t l = 0; l < 100; ++l) {
      ok_slot(mid->copy(m, *leaves, m * 100 + l, kAll));
      ++derived;
    }
  }
  // A chain under one leaf, and a dead node in the middle of it.
  for (uint32_t d = 0; d < 20; ++d) {
    ok_slot(leaves->copy(d == 0 ? 0 : 10000 + d - 1, *leaves, 10000 + d, kAll));
    ++derived;
  }
  TEST_ASSERT_STATUS(Status::kOk, leaves->remove(10005));
  --derived;
  TEST_ASSERT_EQUAL_INT32(derived + 2, ep->ref_count());
  const int64_t nodes = cap_node_count();
  RevokeStats stats = root->revoke(0).value();
  TEST_ASSERT_EQUAL_UINT64(derived, stats.removed);
  TEST_ASSERT_EQUAL_INT64(nodes - derived - 1, cap_node_count());  // the dead node too
  TEST_ASSERT_TRUE(stats.lock_holds >= derived / CapSpace::kRevokeChunk);
  TEST_ASSERT_TRUE(stats.max_steps_per_hold <= CapSpace::kRevokeChunk * kMaxDerivationDepth);
  TEST_ASSERT_EQUAL_UINT32(0, mid->occupied_count());
  TEST_ASSERT_EQUAL_UINT32(0, leaves->occupied_count());
  TEST_ASSERT_EQUAL_INT32(2, ep->ref_count());
  root->check_invariants();
  printf("revoke of %u capabilities: %u lock holds, at most %u tree steps in one\n", derived,
         stats.lock_holds, stats.max_steps_per_hold);
}

void test_random_steps_agree_with_the_model() {
  uint64_t steps = 0, refused = 0, revoked = 0;
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    std::mt19937 rng(seed);
    std::vector<uint8_t> input(4000);
    for (uint8_t& b : input) b = static_cast<uint8_t>(rng());
    cap_model::Harness harness(3, 1 + seed % 12);
    const std::string error = harness.run(input.data(), input.size());
    if (!error.empty()) {
      printf("seed %u: %s\n", seed, error.c_str());
      TEST_FAIL_MESSAGE("model and capability spaces disagree");
    }
    steps += harness.steps();
    refused += harness.refused();
    revoked += harness.removed_by_revoke();
  }
  printf("model test: %llu steps, %llu refused, %llu capabilities revoked\n",
         (unsigned long long)steps, (unsigned long long)refused, (unsigned long long)revoked);
}

int main() {
  UNITY_BEGIN();
  RUN_TEST(test_create_checks_capacity);
  RUN_TEST(test_insert_and_identify);
  RUN_TEST(test_insert_errors_change_nothing);
  RUN_TEST(test_copy_same_and_other_space);
  RUN_TEST(test_copy_errors_change_nothing);
  RUN_TEST(test_derivation_depth_is_bounded);
  RUN_TEST(test_mint_narrows_ranges);
  RUN_TEST(test_mint_errors_change_nothing);
  RUN_TEST(test_move_keeps_the_capability_and_its_place);
  RUN_TEST(test_move_errors_change_nothing);
  RUN_TEST(test_delete_keeps_derived_capabilities_under_their_ancestors);
  RUN_TEST(test_revoke_across_three_spaces_leaves_the_revoked_one);
  RUN_TEST(test_uses_are_handed_back_once_by_delete_and_revoke);
  RUN_TEST(test_identify_and_lookup_errors);
  RUN_TEST(test_reused_slot_is_not_reached_by_old_links);
  RUN_TEST(test_object_is_freed_with_its_last_capability);
  RUN_TEST(test_space_end_unlinks_its_capabilities);
  RUN_TEST(test_revoke_of_ten_thousand_derived_capabilities);
  RUN_TEST(test_random_steps_agree_with_the_model);
  return UNITY_END();
}
