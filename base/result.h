// Result<T>: a value or a Status (never both), and TRY() for early returns. Callers must look at
// it: the type is [[nodiscard]]. (After SerenityOS ErrorOr<T> and Zircon zx::result.)
#pragma once

#include <new>
#include <type_traits>
#include <utility>

#include "abi/portcullis/status.h"
#include "base/assert.h"

// A value of type U that is not T itself or a Status, but converts to T.
template <typename U, typename T>
concept ConvertsToResultValue =
    !std::is_same_v<std::remove_cvref_t<U>, T> && !std::is_same_v<std::remove_cvref_t<U>, Status> &&
    std::is_convertible_v<U&&, T>;

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : status_(Status::kOk) { new (&storage_) T(value); }        // NOLINT
  Result(T&& value) : status_(Status::kOk) { new (&storage_) T(std::move(value)); }  // NOLINT
  // From anything that converts to T (e.g. RefPtr<Derived> into Result<RefPtr<Base>>).
  template <ConvertsToResultValue<T> U>
  Result(U&& value) : status_(Status::kOk) {
    new (&storage_) T(std::forward<U>(value));
  }                                                                        // NOLINT
  Result(Status error) : status_(error) { ASSERT(error != Status::kOk); }  // NOLINT
  Result(Result&& other) : status_(other.status_) {
    if (is_ok()) new (&storage_) T(std::move(other.value()));
  }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() {
    if (is_ok()) value().~T();
  }

  bool is_ok() const { return status_ == Status::kOk; }
  bool is_error() const { return !is_ok(); }
  Status status() const { return status_; }  // kOk exactly when there is a value

  T& value() {
    ASSERT(is_ok());
    return *std::launder(reinterpret_cast<T*>(&storage_));
  }
  const T& value() const {
    ASSERT(is_ok());
    return *std::launder(reinterpret_cast<const T*>(&storage_));
  }
  T release_value() { return std::move(value()); }

 private:
  Status status_;
  alignas(T) unsigned char storage_[sizeof(T)];
};

// Result<void> is spelled Status; this keeps TRY uniform over both.
inline Status result_status(Status s) { return s; }
template <typename T>
Status result_status(const Result<T>& r) {
  return r.status();
}

// TRY(expr): evaluate a Status or Result<T>; return its error from the enclosing function, else
// yield the value (for Result<T>) — a GNU statement expression, as g++ and clang both accept.
#define TRY(expr)                                                                     \
  ({                                                                                  \
    auto&& try_result_ = (expr);                                                      \
    if (result_status(try_result_) != Status::kOk) return result_status(try_result_); \
    ::try_unwrap(std::forward<decltype(try_result_)>(try_result_));                   \
  })

inline void try_unwrap(Status) {}
template <typename T>
T try_unwrap(Result<T>&& r) {
  return r.release_value();
}
template <typename T>
T try_unwrap(Result<T>& r) {
  return r.release_value();
}
