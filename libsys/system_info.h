// The system_info syscall (abi/portcullis/system_info.h, docs/system-info.md): the kernel's state,
// topic by topic, through a SystemInfo capability. Each call copies up to `capacity` entries and
// says how many the topic has, so a caller with too little room can ask again with more.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"
#include "abi/portcullis/system_info.h"

namespace sys {

// Up to `capacity` entries of `topic` into `entries` (an array of the topic's entry type);
// *total: how many the topic has (may be more than capacity). The kernel's answers
// (abi/portcullis/system_info.h).
[[nodiscard]] Status system_info(uint32_t info_slot, SystemInfoTopic topic, uint64_t arg,
                                 void* entries, uint32_t capacity, uint32_t* total);

// Typed: the entry type names its topic, so a buffer of the wrong type cannot be passed.
template <typename Entry>
struct SystemInfoTopicOf;
template <>
struct SystemInfoTopicOf<TaskInfo> {
  static constexpr SystemInfoTopic kTopic = SystemInfoTopic::kTasks;
};
template <>
struct SystemInfoTopicOf<ThreadInfo> {
  static constexpr SystemInfoTopic kTopic = SystemInfoTopic::kThreads;
};
template <>
struct SystemInfoTopicOf<TaskCapInfo> {
  static constexpr SystemInfoTopic kTopic = SystemInfoTopic::kTaskCaps;
};
template <>
struct SystemInfoTopicOf<IoBitmapInfo> {
  static constexpr SystemInfoTopic kTopic = SystemInfoTopic::kIoBitmaps;
};
template <>
struct SystemInfoTopicOf<IoGrantInfo> {
  static constexpr SystemInfoTopic kTopic = SystemInfoTopic::kIoGrants;
};
template <>
struct SystemInfoTopicOf<CpuInfo> {
  static constexpr SystemInfoTopic kTopic = SystemInfoTopic::kCpus;
};
template <>
struct SystemInfoTopicOf<TssSlotInfo> {
  static constexpr SystemInfoTopic kTopic = SystemInfoTopic::kTssSlots;
};

// Entries of Entry's topic with `arg` (task id, bitmap id or CPU; 0 for the others) into
// entries[0 .. capacity); *count: how many were copied (at most capacity); *total: how many the
// topic has. kOk also when the topic has more than capacity (*total says so).
template <typename Entry>
[[nodiscard]] Status system_info_read(uint32_t info_slot, uint64_t arg, Entry* entries,
                                      uint32_t capacity, uint32_t* count, uint32_t* total) {
  uint32_t all = 0;
  const Status s =
      system_info(info_slot, SystemInfoTopicOf<Entry>::kTopic, arg, entries, capacity, &all);
  if (total != nullptr) *total = all;
  if (count != nullptr) *count = s != Status::kOk ? 0 : (all < capacity ? all : capacity);
  return s;
}

}  // namespace sys
