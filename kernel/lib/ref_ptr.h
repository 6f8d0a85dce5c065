// Intrusive reference counting for kernel objects (after Zircon fbl::RefPtr). An object derives
// from RefCounted<T>; RefPtr<T> owns one reference. adopt() takes the first reference of a freshly
// allocated object; the last release deletes it.
//
// Every kernel object follows one pattern: a static create() returning Result<RefPtr<T>>, a private
// constructor and destructor, and `friend class RefPtr<T>` so only the last reference deletes it.
// A RefPtr<Derived> converts to a RefPtr<Base> (capabilities will hold objects of many types
// through one base); the object may then be deleted through the base, so the base's destructor is
// virtual.
#pragma once

#include <stdint.h>
#include <atomic>
#include <type_traits>
#include <utility>

#include "base/assert.h"

template <typename T>
class RefCounted {
 public:
  RefCounted() = default;
  RefCounted(const RefCounted&) = delete;
  RefCounted& operator=(const RefCounted&) = delete;

  void add_ref() const {
    const int32_t old = ref_count_.fetch_add(1, std::memory_order_relaxed);
    ASSERT(old >= 1);
  }
  // A new reference unless the count already reached 0 (the object is being destroyed). For a
  // registry that reaches objects through raw pointers and whose lock their destructor takes.
  [[nodiscard]] bool try_add_ref() const {
    int32_t old = ref_count_.load(std::memory_order_relaxed);
    while (old > 0) {
      if (ref_count_.compare_exchange_weak(old, old + 1, std::memory_order_relaxed)) return true;
    }
    return false;
  }
  // Returns true when this was the last reference.
  [[nodiscard]] bool release() const {
    const int32_t old = ref_count_.fetch_sub(1, std::memory_order_acq_rel);
    ASSERT(old >= 1);
    return old == 1;
  }
  int32_t ref_count() const { return ref_count_.load(std::memory_order_acquire); }

 protected:
  ~RefCounted() = default;

 private:
  mutable std::atomic<int32_t> ref_count_{1};
};

// U is a class derived from T (not T itself): a U* converts to a T*.
template <typename U, typename T>
concept PointerUpcast = !std::is_same_v<U, T> && std::is_convertible_v<U*, T*>;

template <typename T>
class RefPtr {
 public:
  constexpr RefPtr() = default;
  constexpr RefPtr(decltype(nullptr)) {}  // NOLINT
  RefPtr(const RefPtr& other) : ptr_(other.ptr_) {
    if (ptr_ != nullptr) ptr_->add_ref();
  }
  RefPtr(RefPtr&& other) : ptr_(other.ptr_) { other.ptr_ = nullptr; }
  // Upcasts, as from U* to T* (implicit, like the pointer conversion).
  template <PointerUpcast<T> U>
  RefPtr(const RefPtr<U>& other) : ptr_(other.ptr_) {  // NOLINT
    static_assert(std::has_virtual_destructor_v<T>, "the last release may delete through T");
    if (ptr_ != nullptr) ptr_->add_ref();
  }
  template <PointerUpcast<T> U>
  RefPtr(RefPtr<U>&& other) : ptr_(other.ptr_) {  // NOLINT
    static_assert(std::has_virtual_destructor_v<T>, "the last release may delete through T");
    other.ptr_ = nullptr;
  }
  ~RefPtr() { reset(); }

  RefPtr& operator=(const RefPtr& other) {
    RefPtr copy(other);
    swap(copy);
    return *this;
  }
  RefPtr& operator=(RefPtr&& other) {
    RefPtr moved(std::move(other));
    swap(moved);
    return *this;
  }

  // Takes ownership of the initial reference of a new object.
  static RefPtr adopt(T* ptr) {
    RefPtr r;
    r.ptr_ = ptr;
    return r;
  }
  // A new reference to an object somebody else already holds.
  static RefPtr wrap(T* ptr) {
    if (ptr != nullptr) ptr->add_ref();
    return adopt(ptr);
  }

  // A new reference, or null when the object's last reference is already gone (try_add_ref).
  static RefPtr try_wrap(T* ptr) {
    if (ptr == nullptr || !ptr->try_add_ref()) return RefPtr();
    return adopt(ptr);
  }

  void reset() {
    T* p = ptr_;
    ptr_ = nullptr;
    if (p != nullptr && p->release()) delete p;
  }
  void swap(RefPtr& other) { std::swap(ptr_, other.ptr_); }

  T* get() const { return ptr_; }
  T* operator->() const { return ptr_; }
  T& operator*() const { return *ptr_; }
  explicit operator bool() const { return ptr_ != nullptr; }
  bool operator==(const RefPtr& other) const { return ptr_ == other.ptr_; }
  bool operator==(decltype(nullptr)) const { return ptr_ == nullptr; }

 private:
  template <typename U>
  friend class RefPtr;

  T* ptr_ = nullptr;
};

template <typename T>
RefPtr<T> adopt_ref(T* ptr) {
  return RefPtr<T>::adopt(ptr);
}
