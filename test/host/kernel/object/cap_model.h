// The reference model of capability spaces and the derivation tree, and a harness that drives the
// real CapSpace and the model side by side from a byte string (used by the random differential
// test and the fuzzer). The model is plain and slow on purpose: every capability ever made is a
// record with its parent's id; a deleted one stays as a dead record (its children keep it as
// parent), revoke removes every record whose parent chain reaches the target.
//
// After each step the harness compares every slot of every space (type, rights, range, object,
// depth, nearest live ancestor), checks the real spaces' invariants, and — when the step was
// refused — that every slot of every space is bit-identical to its state before the step.
#pragma once

#include <stdint.h>
#include <stdio.h>

#include <string>
#include <vector>

#include "kernel/object/cap_space.h"
#include "test/host/kernel/object/test_object.h"

namespace cap_model {

struct Record {
  CapInfo info;
  int object = -1;      // index into the harness's objects, -1 for none
  int64_t parent = -1;  // record id
  bool live = true;     // in a slot
  bool gone = false;    // revoked (or never reachable again)
  uint32_t space = 0;
  uint32_t index = 0;
};

struct Result2 {
  Status status = Status::kOk;
  uint32_t slot = 0;
  uint64_t removed = 0;
};

class Model {
 public:
  Model(uint32_t spaces, uint32_t capacity)
      : capacity_(capacity), slots_(spaces, std::vector<int64_t>(capacity, -1)) {}

  uint32_t capacity() const { return capacity_; }
  int64_t at(uint32_t space, uint32_t index) const { return slots_[space][index]; }
  const Record& record(int64_t id) const { return records_[static_cast<size_t>(id)]; }

  uint32_t depth(int64_t id) const {
    uint32_t d = 0;
    for (int64_t p = record(id).parent; p >= 0; p = record(p).parent) ++d;
    return d;
  }
  // -1 when there is no live ancestor.
  int64_t live_ancestor(int64_t id) const {
    for (int64_t p = record(id).parent; p >= 0; p = record(p).parent) {
      if (record(p).live) return p;
    }
    return -1;
  }

  Result2 insert(uint32_t space, uint32_t index, CapabilityType type, int object,
                 CapabilityType object_type, uint32_t rights, uint64_t base, uint64_t count) {
    const bool ranged = capability_type_has_range(type);
    if (type < CapabilityType::kIoPorts || type > CapabilityType::kIrq) return {kInvalid};
    if ((rights & ~kCapRightsMask) != 0) return {kInvalid};
    CapRange range;
    if (ranged) {
      const uint64_t limit = type == CapabilityType::kIoPorts ? kIoPortLimit : kFrameNumberLimit;
      Result<CapRange> r = CapRange::checked(base, count, limit);
      if (r.is_error()) return {r.status()};
      range = r.value();
    } else {
      if (base != 0 || count != 0 || object < 0) return {kInvalid};
    }
    if (object >= 0 && object_type != type) return {Status::kWrongType};
    Result2 slot = free_slot(space, index);
    if (slot.status != Status::kOk) return slot;
    place(space, slot.slot, Record{CapInfo{type, rights, range}, object});
    return slot;
  }

  Result2 derive(uint32_t space, uint32_t index, uint32_t target, uint32_t target_index,
                 uint32_t rights, bool mint, uint64_t base, uint64_t count) {
    if (index >= capacity_ || at(space, index) < 0) return {Status::kBadHandle};
    if (target_index != CapSpace::kAnySlot && target_index >= capacity_) {
      return {Status::kBadHandle};
    }
    if ((rights & ~kCapRightsMask) != 0) return {kInvalid};
    const int64_t source_id = at(space, index);
    const Record source = record(source_id);
    CapRange range = source.info.range;
    if (mint) {
      if (!capability_type_has_range(source.info.type)) return {Status::kWrongType};
      Result<CapRange> r = CapRange::checked(base, count);
      if (r.is_error()) return {r.status()};
      if (!source.info.range.contains(r.value())) return {Status::kOutOfRange};
      range = r.value();
    }
    if ((rights & ~source.info.rights) != 0) return {Status::kAccessDenied};
    if (target != space && (source.info.rights & kCapGrant) == 0) return {Status::kAccessDenied};
    if (depth(source_id) + 1 > kMaxDerivationDepth) return {Status::kNoSpace};
    Result2 slot = free_slot(target, target_index);
    if (slot.status != Status::kOk) return slot;
    Record child{CapInfo{source.info.type, rights, range}, source.object, source_id};
    place(target, slot.slot, child);
    return slot;
  }

  Result2 move(uint32_t space, uint32_t index, uint32_t target, uint32_t target_index) {
    if (index >= capacity_ || at(space, index) < 0) return {Status::kBadHandle};
    if (target_index != CapSpace::kAnySlot && target_index >= capacity_) {
      return {Status::kBadHandle};
    }
    const int64_t id = at(space, index);
    if (target != space && (record(id).info.rights & kCapGrant) == 0) {
      return {Status::kAccessDenied};
    }
    Result2 slot = free_slot(target, target_index);
    if (slot.status != Status::kOk) return slot;
    slots_[space][index] = -1;
    slots_[target][slot.slot] = id;
    records_[static_cast<size_t>(id)].space = target;
    records_[static_cast<size_t>(id)].index = slot.slot;
    return slot;
  }

  Result2 remove(uint32_t space, uint32_t index) {
    if (index >= capacity_ || at(space, index) < 0) return {Status::kBadHandle};
    const int64_t id = at(space, index);
    slots_[space][index] = -1;
    records_[static_cast<size_t>(id)].live = false;
    return {};
  }

  Result2 revoke(uint32_t space, uint32_t index) {
    if (index >= capacity_ || at(space, index) < 0) return {Status::kBadHandle};
    const int64_t root = at(space, index);
    Result2 out;
    for (size_t id = 0; id < records_.size(); ++id) {
      Record& r = records_[id];
      if (r.gone || !descends_from(static_cast<int64_t>(id), root)) continue;
      if (r.live) {
        slots_[r.space][r.index] = -1;
        r.live = false;
        ++out.removed;
      }
      r.gone = true;
    }
    return out;
  }

 private:
  static constexpr Status kInvalid = Status::kInvalidArgument;

  bool descends_from(int64_t id, int64_t root) const {
    for (int64_t p = record(id).parent; p >= 0; p = record(p).parent) {
      if (p == root) return true;
    }
    return false;
  }
  Result2 free_slot(uint32_t space, uint32_t index) const {
    if (index == CapSpace::kAnySlot) {
      for (uint32_t i = 0; i < capacity_; ++i) {
        if (at(space, i) < 0) return {Status::kOk, i};
      }
      return {Status::kNoSpace};
    }
    if (index >= capacity_) return {Status::kBadHandle};
    if (at(space, index) >= 0) return {Status::kAlreadyExists};
    return {Status::kOk, index};
  }
  void place(uint32_t space, uint32_t index, Record r) {
    r.space = space;
    r.index = index;
    records_.push_back(r);
    slots_[space][index] = static_cast<int64_t>(records_.size() - 1);
  }

  uint32_t capacity_;
  std::vector<std::vector<int64_t>> slots_;
  std::vector<Record> records_;
};

// Drives the real spaces and the model from bytes. Objects: a small pool of stand-ins of every
// object type; the harness holds one reference to each until the end.
class Harness {
 public:
  Harness(uint32_t spaces, uint32_t capacity) : model_(spaces, capacity) {
    for (uint32_t s = 0; s < spaces; ++s) {
      Result<RefPtr<CapSpace>> space = CapSpace::create(capacity);
      if (space.is_error()) abort();
      spaces_.push_back(space.release_value());
    }
    const CapabilityType types[] = {CapabilityType::kTask,     CapabilityType::kThread,
                                    CapabilityType::kEndpoint, CapabilityType::kAddressSpace,
                                    CapabilityType::kIrq,      CapabilityType::kIoBitmap};
    for (CapabilityType t : types) objects_.push_back(TestObject::create(t));
  }

  uint64_t steps() const { return steps_; }
  uint64_t refused() const { return refused_; }
  uint64_t removed_by_revoke() const { return removed_; }

  // Runs every step the bytes encode; returns "" or the first disagreement.
  std::string run(const uint8_t* data, size_t size) {
    size_t pos = 0;
    auto next = [&]() -> uint8_t { return pos < size ? data[pos++] : 0; };
    while (pos < size) {
      std::string error = step(next);
      if (!error.empty()) return error;
    }
    return "";
  }

  template <typename Next>
  std::string step(Next&& next) {
    ++steps_;
    const uint8_t op = next() % 10;
    const uint32_t nspaces = static_cast<uint32_t>(spaces_.size());
    const uint32_t s = next() % nspaces;
    const uint32_t i = op < 2 ? slot_index(next()) : source_index(s, next());
    std::vector<CapSlotSnapshot> before = snapshot_all();
    Status real = Status::kOk;
    Result2 expected;
    uint32_t real_slot = 0;
    uint64_t real_removed = 0;
    char what[160];
    switch (op) {
      case 0: {  // insert an object capability
        const int object = next() % static_cast<int>(objects_.size());
        const uint8_t type_byte = next();
        const CapabilityType type = type_byte < 200 ? objects_[object]->type()
                                                    : static_cast<CapabilityType>(type_byte % 10);
        const uint32_t rights = rights_from(next());
        Result<uint32_t> r = spaces_[s]->insert(i, type, objects_[object], rights);
        expected = model_.insert(s, i, type, object, objects_[object]->type(), rights, 0, 0);
        take(r, &real, &real_slot);
        snprintf(what, sizeof(what), "insert s%u[%u] type %d rights %x", s, i, int(type), rights);
        break;
      }
      case 1: {  // insert a range root
        const CapabilityType type = next() & 1 ? CapabilityType::kFrames : CapabilityType::kIoPorts;
        const uint64_t base = range_value(next(), next());
        const uint64_t count = range_value(next(), next());
        const uint32_t rights = rights_from(next());
        Result<uint32_t> r = spaces_[s]->insert(i, type, nullptr, rights, base, count);
        expected = model_.insert(s, i, type, -1, type, rights, base, count);
        take(r, &real, &real_slot);
        snprintf(what, sizeof(what), "insert range s%u[%u] %d {%llx,%llx}", s, i, int(type),
                 (unsigned long long)base, (unsigned long long)count);
        break;
      }
      case 2:
      case 3:
      case 4:
      case 5: {  // copy (three times as likely) / mint
        const uint32_t t = next() % nspaces;
        const uint32_t ti = slot_index(next());
        const uint32_t rights = rights_from(next());
        const bool mint = op == 5;
        uint64_t base = 0, count = 0;
        if (mint) {
          base = range_value(next(), next());
          count = range_value(next(), next());
        }
        Result<uint32_t> r = mint ? spaces_[s]->mint(i, *spaces_[t], ti, rights, base, count)
                                  : spaces_[s]->copy(i, *spaces_[t], ti, rights);
        expected = model_.derive(s, i, t, ti, rights, mint, base, count);
        take(r, &real, &real_slot);
        snprintf(what, sizeof(what), "%s s%u[%u] -> s%u[%u] rights %x {%llx,%llx}",
                 mint ? "mint" : "copy", s, i, t, ti, rights, (unsigned long long)base,
                 (unsigned long long)count);
        break;
      }
      case 6: {  // move
        const uint32_t t = next() % nspaces;
        const uint32_t ti = slot_index(next());
        Result<uint32_t> r = spaces_[s]->move(i, *spaces_[t], ti);
        expected = model_.move(s, i, t, ti);
        take(r, &real, &real_slot);
        snprintf(what, sizeof(what), "move s%u[%u] -> s%u[%u]", s, i, t, ti);
        break;
      }
      case 7:
      case 8: {  // delete (twice as likely as revoke: keeps dead nodes around)
        real = spaces_[s]->remove(i);
        expected = model_.remove(s, i);
        snprintf(what, sizeof(what), "delete s%u[%u]", s, i);
        break;
      }
      default: {  // revoke
        Result<RevokeStats> r = spaces_[s]->revoke(i);
        expected = model_.revoke(s, i);
        real = r.status();
        if (r.is_ok()) real_removed = r.value().removed;
        removed_ += real_removed;
        snprintf(what, sizeof(what), "revoke s%u[%u]", s, i);
        break;
      }
    }
    char message[400];
    if (real != expected.status) {
      snprintf(message, sizeof(message), "step %llu %s: kernel %s, model %s",
               (unsigned long long)steps_, what, status_name(real), status_name(expected.status));
      return message;
    }
    if (real == Status::kOk && (real_slot != expected.slot || real_removed != expected.removed)) {
      snprintf(message, sizeof(message), "step %llu %s: slot %u/%u removed %llu/%llu",
               (unsigned long long)steps_, what, real_slot, expected.slot,
               (unsigned long long)real_removed, (unsigned long long)expected.removed);
      return message;
    }
    if (real != Status::kOk) {
      ++refused_;
      if (snapshot_all() != before) {
        snprintf(message, sizeof(message), "step %llu %s: refused (%s) but changed a slot",
                 (unsigned long long)steps_, what, status_name(real));
        return message;
      }
    }
    std::string error = compare();
    if (!error.empty()) return "step " + std::to_string(steps_) + " " + what + ": " + error;
    return "";
  }

  // Every slot of every space against the model.
  std::string compare() const {
    for (uint32_t s = 0; s < spaces_.size(); ++s) {
      spaces_[s]->check_invariants();
      for (uint32_t i = 0; i < model_.capacity(); ++i) {
        const int64_t id = model_.at(s, i);
        Result<CapInfo> info = spaces_[s]->identify(i);
        std::string where = "s" + std::to_string(s) + "[" + std::to_string(i) + "]";
        if ((id >= 0) != info.is_ok()) return where + ": occupied differs";
        if (id < 0) continue;
        const Record& r = model_.record(id);
        if (!(info.value() == r.info)) return where + ": type, rights or range differ";
        const CapSlotSnapshot snap = spaces_[s]->snapshot(i);
        const KernelObject* object = r.object >= 0 ? objects_[r.object].get() : nullptr;
        if (snap.object != object) return where + ": object differs";
        if (spaces_[s]->depth(i).value() != model_.depth(id)) return where + ": depth differs";
        Result<CapLocation> ancestor = spaces_[s]->live_ancestor(i);
        const int64_t expected = model_.live_ancestor(id);
        if ((expected >= 0) != ancestor.is_ok()) return where + ": live ancestor differs";
        if (expected >= 0) {
          const Record& a = model_.record(expected);
          if (ancestor.value().space != spaces_[a.space].get() ||
              ancestor.value().index != a.index) {
            return where + ": live ancestor is elsewhere";
          }
        }
      }
    }
    return "";
  }

 private:
  // Mostly in range, sometimes one past the end, sometimes kAnySlot.
  uint32_t slot_index(uint8_t b) const {
    if (b >= 224) return CapSpace::kAnySlot;
    return b % (model_.capacity() + 1);
  }
  // Mostly an occupied slot of `space` (when it has one), else any index.
  uint32_t source_index(uint32_t space, uint8_t b) const {
    std::vector<uint32_t> occupied;
    for (uint32_t i = 0; i < model_.capacity(); ++i) {
      if (model_.at(space, i) >= 0) occupied.push_back(i);
    }
    if (b < 224 && !occupied.empty()) return occupied[b % occupied.size()];
    return b % (model_.capacity() + 1);
  }
  // None, read + grant, all, or any five bits (bit 4 is not a right: kInvalidArgument).
  static uint32_t rights_from(uint8_t b) {
    switch (b % 4) {
      case 0:
        return 0;
      case 1:
        return kCapRead | kCapGrant;
      case 2:
        return kCapRightsMask;
      default:
        return (b >> 2) & 0x1F;
    }
  }
  // Small numbers, port-space numbers, and values near the top of uint64_t (wrapping).
  static uint64_t range_value(uint8_t a, uint8_t b) {
    const uint64_t v = (uint64_t{a} << 8) | b;
    switch (a >> 6) {
      case 0:
        return b % 16;
      case 1:
        return v & 0x3FFF;
      case 2:
        return v;
      default:
        return b < 128 ? ~uint64_t{0} - b : (uint64_t{1} << 40) - b;
    }
  }
  static void take(Result<uint32_t>& r, Status* status, uint32_t* slot) {
    *status = r.status();
    if (r.is_ok()) *slot = r.value();
  }
  std::vector<CapSlotSnapshot> snapshot_all() const {
    std::vector<CapSlotSnapshot> all;
    for (const RefPtr<CapSpace>& space : spaces_) {
      for (uint32_t i = 0; i < space->capacity(); ++i) all.push_back(space->snapshot(i));
    }
    return all;
  }

  Model model_;
  std::vector<RefPtr<CapSpace>> spaces_;
  std::vector<RefPtr<TestObject>> objects_;
  uint64_t steps_ = 0;
  uint64_t refused_ = 0;
  uint64_t removed_ = 0;
};

}  // namespace cap_model
