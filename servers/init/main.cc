// init, the root task (docs/init.md): the kernel starts it alone with the root capabilities
// (abi/portcullis/cap_slots.h). It maps the boot info page and the manifest module, starts every
// program the manifest lists (task_spawn, task_grant, task_start) and logs each start or why not,
// then waits for each to end (task_wait) and deletes its Task capability, which returns the
// program's memory. A malformed manifest line is reported with its number and skipped.
//
// Restarting a program that faulted needs the fault as a message from the kernel; until then
// restart=N is read and reported, not acted on (docs/init.md, "Supervision").
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/boot_info_page.h"
#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "abi/portcullis/vm_op.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "servers/init/manifest.h"

namespace {

// Where init maps what it reads: the boot info page, then the manifest's pages.
constexpr uint64_t kBootInfoAddress = uint64_t{1} << 40;
constexpr uint64_t kManifestAddress = kBootInfoAddress + (uint64_t{1} << 30);
constexpr uint64_t kManifestMaxPages = 16;

// A program init started: its Task capability's slot and name.
struct Child {
  uint32_t slot;
  char name[kManifestMaxNameBytes];
};
constexpr size_t kMaxChildren = 32;

Status map_read_only(uint32_t slot, uint64_t va, uint64_t pages) {
  CapIdentity id;
  if (const SyscallResult r = sys_cap_identify(slot, &id); r.status != Status::kOk) {
    return r.status;
  }
  // Frames name frame numbers, a Module its physical bytes.
  const uint64_t phys =
      id.type == static_cast<uint32_t>(CapabilityType::kFrames) ? id.base * kPageSize : id.base;
  const VmOp op = vm_map_op(va, phys, static_cast<uint32_t>(pages), kVmRead);
  return sys_vm_batch(kSlotSelfAddressSpace, slot, &op, 1).status;
}

// The boot module whose line's first word is `name`, or nullptr.
const BootModuleEntry* find_module(const BootInfoPage& info, const char* name) {
  for (uint32_t i = 0; i < info.module_count; ++i) {
    const char* line = info.modules[i].line;
    size_t n = 0;
    while (name[n] != '\0' && line[n] == name[n]) ++n;
    if (name[n] == '\0' && (line[n] == '\0' || line[n] == ' ')) return &info.modules[i];
  }
  return nullptr;
}

size_t length(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  return n;
}

// The program's line: the manifest's name and arguments, or the module line when the manifest
// gives no arguments. kOutOfRange if it does not fit.
Status program_line(const ManifestProgram& program, const BootModuleEntry& module, char* out,
                    size_t capacity) {
  if (!program.has_args) {
    if (length(module.line) + 1 > capacity) return Status::kOutOfRange;
    __builtin_memcpy(out, module.line, length(module.line) + 1);
    return Status::kOk;
  }
  const size_t name = length(program.name);
  const size_t args = length(program.args);
  if (name + 1 + args + 1 > capacity) return Status::kOutOfRange;
  __builtin_memcpy(out, program.name, name);
  out[name] = ' ';
  __builtin_memcpy(out + name + 1, program.args, args + 1);
  return Status::kOk;
}

class Init {
 public:
  explicit Init(const BootInfoPage& info)
      : info_(info), next_slot_(kSlotFirstModule + info.module_count) {}

  void start(const ManifestLine& line) {
    const ManifestProgram& program = line.program;
    const BootModuleEntry* module = find_module(info_, program.name);
    if (module == nullptr) {
      sys::printf("init: manifest line %u: no boot module '%s', skipped\n", line.number,
                  program.name);
      return;
    }
    if (child_count_ == kMaxChildren || next_slot_ >= kTaskCapSlots) {
      sys::printf("init: manifest line %u: no room for another program, '%s' skipped\n",
                  line.number, program.name);
      return;
    }
    char text[kProgramMaxLineBytes];
    if (program_line(program, *module, text, sizeof text) != Status::kOk) {
      sys::printf("init: manifest line %u: '%s': arguments too long, skipped\n", line.number,
                  program.name);
      return;
    }
    const uint32_t slot = next_slot_;
    Status s = sys_task_spawn(module->slot, text, length(text), slot).status;
    if (s != Status::kOk) {
      sys::printf("init: manifest line %u: '%s': task_spawn: %s, skipped\n", line.number,
                  program.name, status_name(s));
      return;
    }
    for (size_t i = 0; i < program.grant_count && s == Status::kOk; ++i)
      s = grant(program.grants[i], slot);
    if (s == Status::kOk) s = sys_task_start(slot).status;
    if (s != Status::kOk) {
      sys::printf("init: manifest line %u: '%s': not started (%s)\n", line.number, program.name,
                  status_name(s));
      (void)sys_cap_delete(slot);  // the unstarted task goes with its memory
      return;
    }
    ++next_slot_;
    Child& child = children_[child_count_++];
    child.slot = slot;
    __builtin_memcpy(child.name, program.name, sizeof child.name);
    sys::printf("init: started '%s' (manifest line %u, task slot %u)\n", text, line.number, slot);
    if (program.restart != 0) {
      sys::printf(
          "init: '%s': restart=%u noted; not acted on until faults reach init as messages\n",
          program.name, program.restart);
    }
  }

  // Waits for every started program to end, in start order, and lets go of each.
  void wait_all() {
    for (size_t i = 0; i < child_count_; ++i) {
      const Child& child = children_[i];
      const SyscallResult r = sys_task_wait(child.slot);
      if (r.status != Status::kOk) {
        sys::printf("init: '%s': task_wait: %s\n", child.name, status_name(r.status));
      } else {
        const bool faulted = r.extra == static_cast<uint64_t>(TaskEnd::kFaulted);
        sys::printf("init: '%s' %s\n", child.name, faulted ? "faulted" : "exited");
      }
      (void)sys_cap_delete(child.slot);
    }
  }

 private:
  // The manifest names what to hand on: with kCapGrant, so a program may pass it further (a
  // supervisor of its own programs).
  Status grant(const ManifestGrant& g, uint32_t child) {
    uint32_t source = kSlotIoPortsRoot;
    uint32_t rights = kCapRead | kCapWrite | kCapGrant;
    if (g.source == GrantSource::kModule) {
      const BootModuleEntry* module = find_module(info_, g.module);
      if (module == nullptr) return Status::kNotFound;
      source = module->slot;
      rights = kCapRead | kCapGrant;
    }
    return sys_task_grant(child, source, g.slot, rights).status;
  }

  const BootInfoPage& info_;
  uint32_t next_slot_;
  Child children_[kMaxChildren] = {};
  size_t child_count_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  // init [MANIFEST]: the module holding the manifest (default "manifest").
  const char* manifest_name = argc > 1 ? argv[1] : "manifest";
  if (const Status s = map_read_only(kSlotBootInfo, kBootInfoAddress, 1); s != Status::kOk) {
    sys::printf("init: boot info page not mapped (%s)\n", status_name(s));
    return 1;
  }
  const auto& info = *reinterpret_cast<const BootInfoPage*>(kBootInfoAddress);
  if (info.magic != kBootInfoMagic) {
    sys::printf("init: the boot info page is not one\n");
    return 1;
  }
  sys::printf("init: %u boot modules\n", info.module_count);
  const BootModuleEntry* manifest = find_module(info, manifest_name);
  if (manifest == nullptr) {
    sys::printf("init: no manifest module '%s': nothing to start\n", manifest_name);
    return 1;
  }
  const uint64_t pages = (manifest->bytes + kPageSize - 1) / kPageSize;
  if (pages > kManifestMaxPages) {
    sys::printf("init: manifest larger than %lu pages\n", kManifestMaxPages);
    return 1;
  }
  if (const Status s = map_read_only(manifest->slot, kManifestAddress, pages); s != Status::kOk) {
    sys::printf("init: manifest not mapped (%s)\n", status_name(s));
    return 1;
  }
  Init init(info);
  ManifestReader reader(reinterpret_cast<const char*>(kManifestAddress), manifest->bytes);
  ManifestLine line;
  uint32_t errors = 0;
  while (reader.next(&line)) {
    if (line.kind == ManifestLineKind::kError) {
      ++errors;
      sys::printf("init: manifest line %u: %s%s%s%s, skipped\n", line.number, line.error,
                  line.word[0] != '\0' ? " ('" : "", line.word, line.word[0] != '\0' ? "')" : "");
      continue;
    }
    init.start(line);
  }
  sys::printf("init: manifest read, %u malformed lines; waiting for the programs\n", errors);
  init.wait_all();
  sys::printf("init: every program has ended\n");
  return 0;
}
