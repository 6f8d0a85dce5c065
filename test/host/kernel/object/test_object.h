// A stand-in kernel object for capability tests: any type tag, and a count of live instances so a
// test can see an object freed when its last capability (and last other reference) goes.
#pragma once

#include <atomic>
#include <new>

#include "kernel/object/kernel_object.h"

class TestObject final : public KernelObject {
 public:
  static RefPtr<TestObject> create(CapabilityType type) { return adopt_ref(new TestObject(type)); }
  static int64_t live() { return live_count().load(); }

 private:
  friend class RefPtr<TestObject>;
  explicit TestObject(CapabilityType type) : KernelObject(type) { live_count().fetch_add(1); }
  ~TestObject() override { live_count().fetch_sub(1); }
  static std::atomic<int64_t>& live_count() {
    static std::atomic<int64_t> count{0};
    return count;
  }
};
