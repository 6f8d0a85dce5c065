// init, the root task (docs/init.md): the kernel starts it alone with the root capabilities
// (abi/portcullis/cap_slots.h). It maps the boot info page and the manifest module, starts every
// program the manifest lists (task_spawn, task_grant, task_start) as their supervisor, and logs
// each start or why not; a malformed manifest line is reported with its number and skipped.
//
// Supervision: one endpoint is every program's supervisor (task_set_supervisor before
// task_start). One waiter thread per program blocks in task_wait and tells the main thread of the
// end with an IPC call on that same endpoint, so the main thread blocks in one place only, its
// receive, and takes fault messages and ends in the order they come: it logs each fault and
// answers kill, and on an end restarts a program that faulted while its restart=N budget
// (servers/init/restart_budget.h) allows, else gives up on it. init exits once every program has
// ended for good.
//
// The control endpoint (libsys/init_protocol.h, docs/init.md): the same endpoint, reached through
// badged call-only copies (`grant=init_control@SLOT`), carries the shell's requests: list, start
// and kill init's programs, grant and revoke port ranges. The badge tells them apart from fault
// messages (the kernel's, badge 0) and waiters' news (init's own unbadged copy); each is answered
// at once from the same loop, so supervision never waits on a request.
#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/boot_info_page.h"
#include "abi/portcullis/cap_identity.h"
#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/capability_type.h"
#include "abi/portcullis/fault_message.h"
#include "abi/portcullis/ipc_message.h"
#include "abi/portcullis/rights.h"
#include "abi/portcullis/task_end.h"
#include "abi/portcullis/thread_params.h"
#include "abi/portcullis/vm_op.h"
#include "base/c_string.h"
#include "base/result.h"
#include "libsys/init_protocol.h"
#include "libsys/mem_protocol.h"
#include "libsys/port_range_text.h"
#include "libsys/print.h"
#include "libsys/syscall_stubs.h"
#include "servers/init/fault_text.h"
#include "servers/init/manifest.h"
#include "servers/init/restart_budget.h"

namespace {

// Where init maps what it reads: the boot info page, then the manifest's pages.
constexpr uint64_t kBootInfoAddress = uint64_t{1} << 40;
constexpr uint64_t kManifestAddress = kBootInfoAddress + (uint64_t{1} << 30);
constexpr uint64_t kManifestMaxPages = 16;

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

// The program's line: the manifest's name and arguments, or the module line when the manifest
// gives no arguments. kOutOfRange if it does not fit.
Status program_line(const ManifestProgram& program, const BootModuleEntry& module, char* out,
                    size_t capacity) {
  if (!program.has_args) {
    if (__builtin_strlen(module.line) + 1 > capacity) return Status::kOutOfRange;
    __builtin_memcpy(out, module.line, __builtin_strlen(module.line) + 1);
    return Status::kOk;
  }
  const size_t name = __builtin_strlen(program.name);
  const size_t args = __builtin_strlen(program.args);
  if (name + 1 + args + 1 > capacity) return Status::kOutOfRange;
  __builtin_memcpy(out, program.name, name);
  out[name] = ' ';
  __builtin_memcpy(out + name + 1, program.args, args + 1);
  return Status::kOk;
}

// The protocol between a waiter thread and the main thread, on init's endpoint: the waiter calls
// with kProgramEndedLabel, {program index, task_wait's status, its TaskEnd}; the answer says
// whether the program was started again in the same slot (wait again) or not (the waiter ends).
constexpr uint64_t kProgramEndedLabel = 0x494E'4954'0000'0001;  // "INIT"
constexpr uint64_t kWaitAgain = 1;
constexpr uint64_t kWaitNoMore = 2;
constexpr uint64_t kNoTimeout = UINT64_MAX;

// The manifest's programs and those the control endpoint starts; a table entry is never reused.
constexpr size_t kMaxPrograms = 32;
constexpr size_t kWaiterStackBytes = 8192;

// What a waiter thread needs; written before thread_create, never changed after.
struct WaiterStart {
  uint32_t index;
  uint32_t task_slot;
  uint32_t endpoint_slot;
};

struct alignas(16) WaiterStack {
  uint8_t bytes[kWaiterStackBytes];
};
WaiterStack g_waiter_stacks[kMaxPrograms];

}  // namespace

// A waiter thread: task_wait on its program, then tell the main thread, as often as it restarts it.
extern "C" [[noreturn]] void waiter_main(const WaiterStart* start) {
  for (;;) {
    const SyscallResult end = sys_task_wait(start->task_slot);
    IpcMessage message;
    message.label = kProgramEndedLabel;
    message.word_count = 3;
    message.words[0] = start->index;
    message.words[1] = static_cast<uint64_t>(end.status);
    message.words[2] = end.extra;
    if (sys_ipc_call(start->endpoint_slot, &message).status != Status::kOk) break;
    if (message.label != kWaitAgain) break;
  }
  (void)sys_thread_exit();
  __builtin_trap();
}
// A new thread starts with rsp at the WaiterStart its creator left on top of its stack.
asm(".text\n"
    ".globl waiter_trampoline\n"
    "waiter_trampoline:\n"
    "  xorl %ebp, %ebp\n"
    "  movq %rsp, %rdi\n"
    "  call waiter_main\n"
    "  ud2\n");
extern "C" void waiter_trampoline();

namespace {

// A manifest program init supervises, across its restarts.
struct Program {
  ManifestProgram manifest;
  uint32_t line_number = 0;
  const BootModuleEntry* module = nullptr;
  char text[kProgramMaxLineBytes] = {};  // the line it is started with: name and arguments
  uint32_t task_slot = 0;                // its Task capability, the same slot for every restart
  uint32_t task_id = 0;                  // as fault messages name it (cap_identify)
  uint32_t waiter_slot = 0;              // the waiter thread's capability
  RestartBudget budget;
  uint32_t restarts = 0;
  bool waited_for = false;     // a waiter thread reports its end
  bool serves_memory = false;  // granted the memory pool: the memory server
  sys::InitProgramState state = sys::InitProgramState::kRunning;
};

// The badge of a program's copy of the control endpoint: this plus the program's index. Fault
// messages (the kernel's) and waiters' calls come with none.
constexpr uint64_t kControlBadgeBase = 0x1000;

// Outside init's stack: the records are large (a manifest line each).
Program g_programs[kMaxPrograms];

// A control client's start line as kInitStartText assembles it, per holder (its table index).
struct PendingLine {
  char text[kProgramMaxLineBytes];
  size_t length;
};
PendingLine g_pending_lines[kMaxPrograms];
// The manifest a kInitStart request builds (too large for the stack).
ManifestProgram g_request_manifest;

// The manifest's on_request lines, kept for kInitStart (docs/init.md).
struct OnRequestLine {
  ManifestProgram program;
  uint32_t line_number;
};
constexpr uint32_t kMaxOnRequestLines = 4;
OnRequestLine g_on_request[kMaxOnRequestLines];

uint64_t now_ns() {
  const SyscallResult r = sys_monotonic_ns();
  return r.status == Status::kOk ? r.extra : 0;
}

class Init {
 public:
  explicit Init(const BootInfoPage& info)
      : info_(info), next_slot_(kSlotFirstModule + info.module_count) {}

  // The endpoint every program's faults and every waiter's news come to.
  Status create_endpoint() {
    const SyscallResult r = sys_endpoint_create(next_slot_);
    if (r.status != Status::kOk) return r.status;
    endpoint_ = next_slot_++;
    const SyscallResult clock = sys_monotonic_ns();
    if (clock.status != Status::kOk) {
      sys::printf(
          "init: no clock (monotonic_ns: %s): restart=N bounds a program's restarts for the "
          "whole boot\n",
          status_name(clock.status));
    }
    return Status::kOk;
  }

  void start(const ManifestLine& line) {
    if (line.program.on_request) {
      keep_on_request(line);
      return;
    }
    uint32_t index;
    (void)add_program(line.program, line.number, &index);  // logs why not
  }

  // Serves fault messages and program ends until every program has ended for good.
  void serve() {
    if (waiting_ == 0) return;
    IpcMessage message;
    Status s = sys_ipc_receive(endpoint_, &message, kNoTimeout).status;
    for (;;) {
      if (s != Status::kOk) {
        // Only a bad answer (the call stays held) or a closed endpoint get here; a fresh receive
        // drops that call (its caller gets kBadState: a fault kills the task, a waiter ends).
        sys::printf("init: ipc_reply_receive: %s\n", status_name(s));
        s = sys_ipc_receive(endpoint_, &message, kNoTimeout).status;
        if (s != Status::kOk) {
          sys::printf("init: ipc_receive: %s; no more supervision\n", status_name(s));
          return;
        }
      }
      handle(&message);
      if (waiting_ == 0) {
        // The last answer; nothing is left to receive (timeout 0 answers kTimedOut).
        (void)sys_ipc_reply_receive(endpoint_, &message, 0);
        return;
      }
      s = sys_ipc_reply_receive(endpoint_, &message, kNoTimeout).status;
    }
  }

 private:
  // Starts a program (a manifest line's, or one the control endpoint asks for with line_number
  // 0) in the next table entry, supervised, with a waiter thread. kNotFound: no such module;
  // kNoSpace: no entry or slots left; kOutOfRange: its line is too long; kInvalidArgument: a
  // memory server that would be its own client; kBadState: a memory client once memsrv has
  // stopped; else what launch answers. A manifest line's failure is logged with its number.
  Status add_program(const ManifestProgram& manifest, uint32_t line_number, uint32_t* index_out) {
    const uint32_t n = line_number;
    const BootModuleEntry* module = find_module(info_, manifest.name);
    if (module == nullptr) {
      if (n != 0)
        sys::printf("init: manifest line %u: no boot module '%s', skipped\n", n, manifest.name);
      return Status::kNotFound;
    }
    // Each program takes two slots: its Task and its waiter thread.
    if (program_count_ == kMaxPrograms || next_slot_ + 2 > kFirstKeptGrantSlot) {
      if (n != 0) {
        sys::printf("init: manifest line %u: no room for another program, '%s' skipped\n", n,
                    manifest.name);
      }
      return Status::kNoSpace;
    }
    Program& p = g_programs[program_count_];
    p = Program{};
    p.manifest = manifest;
    p.line_number = line_number;
    p.module = module;
    p.budget = RestartBudget(manifest.restart);
    if (program_line(manifest, *module, p.text, sizeof p.text) != Status::kOk) {
      if (n != 0) {
        sys::printf("init: manifest line %u: '%s': arguments too long, skipped\n", n,
                    manifest.name);
      }
      return Status::kOutOfRange;
    }
    p.task_slot = next_slot_;
    p.waiter_slot = next_slot_ + 1;
    for (size_t i = 0; i < manifest.grant_count; ++i) {
      p.serves_memory = p.serves_memory || manifest.grants[i].source == GrantSource::kMemoryPool;
    }
    // Its registration would call a server that has not started: init would wait for ever.
    if (p.serves_memory && manifest.memory) {
      if (n != 0) {
        sys::printf("init: manifest line %u: '%s' serves memory: not its own client, skipped\n", n,
                    manifest.name);
      }
      return Status::kInvalidArgument;
    }
    // Nobody serves the memory endpoint any more: a registration would wait for ever.
    if (manifest.memory && memory_stopped_) return Status::kBadState;
    if (const Status s = launch(p); s != Status::kOk) {
      if (n != 0) {
        sys::printf("init: manifest line %u: '%s': not started (%s)\n", n, manifest.name,
                    status_name(s));
      }
      return s;
    }
    next_slot_ += 2;
    const uint32_t index = static_cast<uint32_t>(program_count_++);
    *index_out = index;
    if (line_number != 0) {
      sys::printf("init: started '%s' (manifest line %u, task slot %u)\n", p.text, line_number,
                  p.task_slot);
    } else {
      sys::printf("init: started '%s' on request (task %u, task slot %u)\n", p.text, p.task_id,
                  p.task_slot);
    }
    if (const Status s = start_waiter(index); s != Status::kOk) {
      sys::printf("init: '%s': no waiter thread (%s): its end goes unnoticed\n", p.text,
                  status_name(s));
      return Status::kOk;
    }
    p.waited_for = true;
    ++waiting_;
    if (p.serves_memory) ++memory_servers_;
    if (p.manifest.daemon && !p.serves_memory) ++daemons_;
    return Status::kOk;
  }

  // Spawns the program into its task slot with its grants and this endpoint as its supervisor,
  // and starts it. On failure the unstarted task is deleted with its memory.
  Status launch(Program& p) {
    Status s = sys_task_spawn(p.module->slot, p.text, __builtin_strlen(p.text), p.task_slot).status;
    if (s != Status::kOk) return s;
    CapIdentity id;
    s = sys_cap_identify(p.task_slot, &id).status;
    p.task_id = static_cast<uint32_t>(id.base);
    if (s == Status::kOk) s = sys_task_set_supervisor(p.task_slot, endpoint_).status;
    if (s == Status::kOk) s = sys_task_set_priority(p.task_slot, p.manifest.priority).status;
    for (size_t i = 0; i < p.manifest.grant_count && s == Status::kOk; ++i) {
      s = grant(p.manifest.grants[i], p);
    }
    bool registered = false;
    if (s == Status::kOk && p.manifest.memory) {
      s = register_memory_client(p);
      registered = s == Status::kOk;
    }
    if (s == Status::kOk) s = sys_task_start(p.task_slot).status;
    if (s != Status::kOk) {
      (void)sys_cap_delete(p.task_slot);
      release_kept_of(static_cast<uint32_t>(&p - g_programs));
      if (registered) memory_client_ended(p);
    }
    return s;
  }

  Status start_waiter(uint32_t index) {
    const Program& p = g_programs[index];
    auto* top = reinterpret_cast<uint8_t*>(&g_waiter_stacks[index + 1]) - 64;
    *reinterpret_cast<WaiterStart*>(top) = WaiterStart{index, p.task_slot, endpoint_};
    return sys_thread_create(kSlotSelfAddressSpace, reinterpret_cast<uint64_t>(&waiter_trampoline),
                             reinterpret_cast<uint64_t>(top), p.waiter_slot, kThreadPriorityDefault,
                             kThreadCpuAny)
        .status;
  }

  void handle(IpcMessage* message) {
    // A badged call is a control request: a holder of the control endpoint cannot pose as the
    // kernel (a fault) or a waiter (an end), whose messages come unbadged.
    if (message->badge >= kControlBadgeBase &&
        message->badge - kControlBadgeBase < program_count_) {
      control(static_cast<uint32_t>(message->badge - kControlBadgeBase), message);
      message->cap_count = 0;
      return;
    }
    if (message->badge != 0) {
      sys::printf("init: message with an unknown badge 0x%lx, label 0x%lx\n", message->badge,
                  message->label);
      message->label = static_cast<uint64_t>(Status::kAccessDenied);
    } else if (message->label == kFaultMessageLabel && message->word_count == kFaultMessageWords) {
      message->label = fault(fault_message_unpack(message->words));
    } else if (message->label == kProgramEndedLabel && message->word_count == 3 &&
               message->words[0] < program_count_) {
      message->label = ended(g_programs[message->words[0]], static_cast<Status>(message->words[1]),
                             message->words[2]);
    } else {
      sys::printf("init: unexpected message, label 0x%lx\n", message->label);
      message->label = kWaitNoMore;
    }
    message->word_count = 0;
    message->cap_count = 0;
  }

  // ---- The control endpoint (libsys/init_protocol.h) ----

  // Answers one request of the program at `holder` in place: the label becomes its Status.
  void control(uint32_t holder, IpcMessage* m) {
    const uint64_t label = m->label;
    const uint8_t words = m->word_count;
    uint64_t answer[kIpcMessageWords] = {};
    uint8_t answer_words = 0;
    Status s;
    if (label == sys::kInitList) {
      s = words == 1 ? list_entry(m->words[0], m) : Status::kInvalidArgument;
      if (s == Status::kOk) return;  // the entry is the answer
    } else if (label == sys::kInitStartText) {
      s = words == kIpcMessageWords ? start_text(holder, *m) : Status::kInvalidArgument;
    } else if (label == sys::kInitStart) {
      uint32_t task_id = 0;
      uint32_t index = 0;
      s = words == 0 ? start_pending(holder, &task_id, &index) : Status::kInvalidArgument;
      answer[0] = task_id;
      answer[1] = index;
      answer_words = s == Status::kOk ? 2 : 0;
    } else if (label == sys::kInitKill) {
      s = words == 1 ? kill(m->words[0]) : Status::kInvalidArgument;
    } else if (label == sys::kInitGrantPorts || label == sys::kInitRevokePorts) {
      const bool grant = label == sys::kInitGrantPorts;
      s = words == 3 ? port_range_request(m->words[0], m->words[1], m->words[2], grant, &answer[0])
                     : Status::kInvalidArgument;
      answer_words = s == Status::kOk ? 1 : 0;
    } else {
      s = Status::kNotSupported;
    }
    m->label = static_cast<uint64_t>(s);
    m->word_count = answer_words;
    for (size_t i = 0; i < kIpcMessageWords; ++i) m->words[i] = answer[i];
  }

  Status list_entry(uint64_t index, IpcMessage* m) {
    if (index >= program_count_) return Status::kOutOfRange;
    const Program& p = g_programs[index];
    sys::InitProgramEntry entry;
    entry.task_id = p.task_id;
    entry.line_number = p.line_number;
    entry.state = p.state;
    entry.restarts = p.restarts;
    const size_t n = __builtin_strlen(p.manifest.name);
    const size_t cut = n < sys::kInitEntryNameBytes ? n : sys::kInitEntryNameBytes;
    __builtin_memcpy(entry.name, p.manifest.name, cut);
    entry.name[cut] = '\0';
    sys::init_entry_pack(entry, m);
    m->label = static_cast<uint64_t>(Status::kOk);
    return Status::kOk;
  }

  Status start_text(uint32_t holder, const IpcMessage& m) {
    char bytes[sys::kInitTextBytesPerPart];
    size_t offset = 0;
    const size_t n = sys::init_text_unpack(m, bytes, &offset);
    if (n == SIZE_MAX) return Status::kInvalidArgument;
    PendingLine& line = g_pending_lines[holder];
    if (offset != 0 && offset != line.length) return Status::kBadState;
    if (offset + n > sizeof line.text - 1) {
      line.length = 0;
      return Status::kOutOfRange;
    }
    __builtin_memcpy(line.text + offset, bytes, n);
    line.length = offset + n;
    return Status::kOk;
  }

  // The pending line "NAME [ARG...]" started with the grants of the first manifest program named
  // NAME, or none.
  Status start_pending(uint32_t holder, uint32_t* task_id, uint32_t* index) {
    PendingLine& line = g_pending_lines[holder];
    if (line.length == 0) return Status::kBadState;
    const Word name_word = first_word(line.text, line.length, 0);
    const size_t args_at = skip_spaces(line.text, line.length, name_word.end);
    const size_t args_length = line.length - args_at;
    if (name_word.length == 0 || name_word.length >= kManifestMaxNameBytes) {
      line.length = 0;
      return Status::kNotFound;
    }
    ManifestProgram& manifest = g_request_manifest;
    manifest = ManifestProgram{};
    __builtin_memcpy(manifest.name, line.text + name_word.start, name_word.length);
    manifest.name[name_word.length] = '\0';
    // The first manifest line that names it: one init started, or one kept for a request.
    uint32_t found_line = UINT32_MAX;
    for (size_t i = 0; i < program_count_; ++i) {
      const Program& known = g_programs[i];
      if (known.line_number != 0 && base::same_text(known.manifest.name, manifest.name)) {
        manifest = known.manifest;
        found_line = known.line_number;
        break;
      }
    }
    for (uint32_t i = 0; i < on_request_count_; ++i) {
      const OnRequestLine& kept = g_on_request[i];
      if (kept.line_number < found_line && base::same_text(kept.program.name, manifest.name)) {
        manifest = kept.program;
        found_line = kept.line_number;
      }
    }
    // There is one memory server: its line is not started twice.
    for (size_t i = 0; i < manifest.grant_count; ++i) {
      if (manifest.grants[i].source == GrantSource::kMemoryPool) {
        line.length = 0;
        return Status::kAccessDenied;
      }
    }
    manifest.has_args = args_length != 0;
    __builtin_memcpy(manifest.args, line.text + args_at, args_length);
    manifest.args[args_length] = '\0';
    line.length = 0;
    TRY(add_program(manifest, 0, index));
    *task_id = g_programs[*index].task_id;
    return Status::kOk;
  }

  // An on_request line: kept, not started; kInitStart starts it with the request's arguments.
  void keep_on_request(const ManifestLine& line) {
    if (on_request_count_ == kMaxOnRequestLines) {
      sys::printf("init: manifest line %u: more than %u on_request lines, '%s' skipped\n",
                  line.number, kMaxOnRequestLines, line.program.name);
      return;
    }
    OnRequestLine& kept = g_on_request[on_request_count_++];
    kept.program = line.program;
    kept.line_number = line.number;
    sys::printf("init: '%s' (manifest line %u) starts on request only\n", line.program.name,
                line.number);
  }

  struct Word {
    size_t start;
    size_t length;
    size_t end;
  };
  static size_t skip_spaces(const char* text, size_t n, size_t at) {
    while (at < n && text[at] == ' ') ++at;
    return at;
  }
  static Word first_word(const char* text, size_t n, size_t at) {
    const size_t start = skip_spaces(text, n, at);
    size_t end = start;
    while (end < n && text[end] != ' ') ++end;
    return Word{start, end - start, end};
  }

  // A running program's task by id, or nullptr.
  Program* running_program(uint64_t task_id) {
    for (size_t i = 0; i < program_count_; ++i) {
      Program& p = g_programs[i];
      const bool live =
          p.state == sys::InitProgramState::kRunning || p.state == sys::InitProgramState::kKilling;
      if (live && p.task_id == task_id) return &p;
    }
    return nullptr;
  }

  // task_kill: the kernel interrupts every thread of the task (one blocked in a call is woken),
  // and the waiter's task_wait then answers TaskEnd::kKilled; ended() restarts it as for a fault.
  Status kill(uint64_t task_id) {
    Program* p = running_program(task_id);
    if (p == nullptr) return Status::kNotFound;
    // Every memory client's heap and stacks depend on it, and nothing restarts it with their pages.
    if (p->serves_memory) return Status::kAccessDenied;
    TRY(sys_task_kill(p->task_slot).status);
    p->state = sys::InitProgramState::kKilling;
    sys::printf("init: '%s': killed on request (task %u)\n", p->text, p->task_id);
    return Status::kOk;
  }

  // kInitGrantPorts and kInitRevokePorts: checks the range and the task, then grant or revoke.
  Status port_range_request(uint64_t task_id, uint64_t base, uint64_t count, bool grant,
                            uint64_t* answer) {
    if (count == 0) return Status::kInvalidArgument;
    if (base > sys::kLastPort || count > sys::kLastPort + 1 - base) return Status::kOutOfRange;
    Program* p = running_program(task_id);
    if (p == nullptr) return Status::kNotFound;
    const uint32_t index = static_cast<uint32_t>(p - g_programs);
    const sys::PortSpan span{static_cast<uint32_t>(base), static_cast<uint32_t>(count)};
    if (grant) return grant_requested_ports(*p, index, span, answer);
    return revoke_ports(index, span, answer);
  }

  Status grant_requested_ports(Program& p, uint32_t index, sys::PortSpan span, uint64_t* answer) {
    uint32_t kept;
    TRY(keep_port_range(index, span, &kept));
    Status s = Status::kNoSpace;
    for (uint32_t slot = sys::kInitGrantFirstSlot; slot <= sys::kInitGrantLastSlot; ++slot) {
      s = sys_task_grant(p.task_slot, kFirstKeptGrantSlot + kept, slot,
                         kCapRead | kCapWrite | kCapGrant)
              .status;
      if (s == Status::kAlreadyExists) continue;
      if (s == Status::kOk) {
        kept_[kept].task_slot = slot;
        *answer = slot;
        sys::printf("init: '%s' (task %u) granted ports 0x%x+%u in its slot %u\n", p.text,
                    p.task_id, span.base, span.count, slot);
      }
      break;
    }
    if (s == Status::kAlreadyExists) s = Status::kNoSpace;
    if (s != Status::kOk) release_kept(kept);
    return s;
  }

  // Revokes init's copy, which takes the task's (its child) and the ports on every CPU with it,
  // then deletes the copy itself.
  Status revoke_ports(uint32_t index, sys::PortSpan span, uint64_t* answer) {
    for (uint32_t i = 0; i < sys::kInitMaxKeptGrants; ++i) {
      KeptGrant& k = kept_[i];
      if (!k.used || k.program != index || k.base != span.base || k.count != span.count) continue;
      const SyscallResult r = sys_cap_revoke(kFirstKeptGrantSlot + i);
      if (r.status != Status::kOk) return r.status;
      *answer = r.extra;
      const Program& p = g_programs[index];
      sys::printf("init: '%s' (task %u): ports 0x%x+%u revoked (%lu capabilities)\n", p.text,
                  p.task_id, span.base, span.count, r.extra);
      release_kept(i);
      return Status::kOk;
    }
    return Status::kNotFound;
  }

  // Derives ports `span` from the root into a free kept slot for program `index`; the entry's
  // number in *kept. kNoSpace when every kept slot is in use.
  Status keep_port_range(uint32_t index, sys::PortSpan span, uint32_t* kept) {
    for (uint32_t i = 0; i < sys::kInitMaxKeptGrants; ++i) {
      if (kept_[i].used) continue;
      const Status s =
          sys_cap_copy(kSlotIoPortsRoot, kFirstKeptGrantSlot + i, kCapRead | kCapWrite | kCapGrant,
                       kCapCopyNarrow, span.base, span.count)
              .status;
      if (s != Status::kOk) return s;
      kept_[i] = KeptGrant{true, index, span.base, span.count, 0};
      *kept = i;
      return Status::kOk;
    }
    return Status::kNoSpace;
  }

  void release_kept(uint32_t i) {
    (void)sys_cap_delete(kFirstKeptGrantSlot + i);
    kept_[i] = KeptGrant{};
  }

  // The program's task has ended: what init kept for it goes (the task's copies went with it).
  void release_kept_of(uint32_t index) {
    for (uint32_t i = 0; i < sys::kInitMaxKeptGrants; ++i) {
      if (kept_[i].used && kept_[i].program == index) release_kept(i);
    }
  }

  // The verdict on a fault: init repairs nothing, so the task dies; its waiter then reports the
  // end and the restart budget decides.
  uint64_t fault(const FaultMessage& f) {
    char text[kFaultTextBytes];
    format_fault(f, text, sizeof text);
    const Program* p = program_of_task(f.task_id);
    sys::printf("init: '%s': %s, in thread %u of task %u; answered kill\n",
                p != nullptr ? p->text : "(unknown task)", text, f.thread_id, f.task_id);
    return kFaultReplyKill;
  }

  uint64_t ended(Program& p, Status wait_status, uint64_t end) {
    if (wait_status != Status::kOk) {
      sys::printf("init: '%s': task_wait: %s\n", p.text, status_name(wait_status));
    }
    const bool faulted =
        wait_status == Status::kOk && end == static_cast<uint64_t>(TaskEnd::kFaulted);
    const bool killed =
        wait_status == Status::kOk && end == static_cast<uint64_t>(TaskEnd::kKilled);
    sys::printf("init: '%s' %s\n", p.text,
                wait_status != Status::kOk ? "lost"
                : killed                   ? "killed"
                : faulted                  ? "faulted"
                                           : "exited");
    p.state = wait_status != Status::kOk ? sys::InitProgramState::kLost
              : killed                   ? sys::InitProgramState::kKilled
              : faulted                  ? sys::InitProgramState::kFaulted
                                         : sys::InitProgramState::kExited;
    // Its memory goes with the last Task capability, before any new start.
    (void)sys_cap_delete(p.task_slot);
    release_kept_of(static_cast<uint32_t>(&p - g_programs));
    // Its pool pages too: memsrv learns of the end before a restart registers the badge again.
    if (p.manifest.memory) memory_client_ended(p);
    // A daemon init stopped (below) is not restarted.
    const bool stopped = daemons_stopped_ && p.manifest.daemon;
    if ((faulted || killed) && p.manifest.restart != 0 && !stopped) {
      const uint64_t now = now_ns();
      if (!p.budget.take(now)) {
        sys::printf("init: '%s' given up after %u restarts (restart=%u)\n", p.text, p.restarts,
                    p.manifest.restart);
        p.state = sys::InitProgramState::kGivenUp;
      } else if (const Status s = launch(p); s != Status::kOk) {
        sys::printf("init: '%s' not restarted (%s), given up\n", p.text, status_name(s));
        p.state = sys::InitProgramState::kGivenUp;
      } else {
        ++p.restarts;
        p.state = sys::InitProgramState::kRunning;
        // Counted within the window (without a clock: since the boot).
        sys::printf("init: restarted '%s' (restart %u of %u, task slot %u)\n", p.text,
                    p.budget.in_window(now), p.manifest.restart, p.task_slot);
        return kWaitAgain;
      }
    }
    --waiting_;
    if (p.manifest.daemon && !p.serves_memory) --daemons_;
    if (p.serves_memory) {
      --memory_servers_;
      // Nobody serves the endpoint now: a call on it would wait for ever.
      memory_stopped_ = true;
    }
    // Only daemons and memory servers left: nobody will use the daemons again.
    if (daemons_ != 0 && waiting_ == memory_servers_ + daemons_) stop_daemons();
    // Only memory servers left: nobody will ask them for memory again, so they may end.
    if (waiting_ != 0 && waiting_ == memory_servers_) stop_memory_server();
    return kWaitNoMore;
  }

  // The badge memsrv knows a client program by: fixed by its manifest index, so its restarts keep
  // it.
  static uint64_t memory_badge(const Program& p) {
    return mem::kFirstClientBadge + static_cast<uint64_t>(&p - g_programs);
  }

  // A client of the memory server (memory=SLOT, docs/memory-server.md): a copy of the endpoint
  // named "memory" badged with the program's own badge goes into its SLOT, and memsrv is told
  // (a call on init's own badged copy) that the badge names this address space. Before the start,
  // so the program's first request finds it registered; a restart registers the new address space
  // under the same badge, and memsrv gives back what the old one had.
  Status register_memory_client(const Program& p) {
    const uint64_t badge = memory_badge(p);
    uint32_t init_side;
    TRY(memory_endpoint(&init_side));
    uint32_t endpoint;
    TRY(named_endpoint("memory", &endpoint));
    const SyscallResult badged =
        sys_cap_copy(endpoint, kCapSlotAny, kCapWrite | kCapGrant, kCapCopyBadge, badge, 0);
    if (badged.status != Status::kOk) return badged.status;
    Status s = sys_task_grant(p.task_slot, badged.extra, p.manifest.memory_slot, kCapWrite).status;
    (void)sys_cap_delete(badged.extra);  // the program's copy stays
    if (s != Status::kOk) return s;
    const SyscallResult space = sys_task_address_space(p.task_slot, kCapSlotAny);
    if (space.status != Status::kOk) return space.status;
    IpcMessage m;
    m.label = mem::kRegister;
    m.word_count = 2;
    m.words[0] = badge;
    m.words[1] = p.manifest.memory_quota_pages != 0 ? p.manifest.memory_quota_pages
                                                    : mem::kDefaultQuotaPages;
    m.cap_count = 1;
    m.caps[0] = static_cast<uint32_t>(space.extra);
    s = sys_ipc_call(init_side, &m).status;
    (void)sys_cap_delete(space.extra);  // memsrv has its copy
    if (s != Status::kOk) return s;
    return static_cast<Status>(m.label);
  }

  // The client's task has ended (its last Task capability is deleted, so nothing of it runs and
  // no request of its can follow): memsrv gives back everything the badge held
  // (mem::kClientEnded). Sent before any restart registers the badge again.
  void memory_client_ended(const Program& p) {
    if (memory_init_slot_ == 0 || memory_stopped_) return;
    IpcMessage m;
    m.label = mem::kClientEnded;
    m.word_count = 1;
    m.words[0] = memory_badge(p);
    Status s = sys_ipc_call(memory_init_slot_, &m).status;
    if (s == Status::kOk) s = static_cast<Status>(m.label);
    if (s != Status::kOk) {
      sys::printf("init: '%s': memory server not told of its end (%s)\n", p.text, status_name(s));
    }
  }

  // init's own copy of the "memory" endpoint, badged mem::kInitBadge: memsrv obeys only it for
  // registrations and the stop.
  Status memory_endpoint(uint32_t* slot) {
    if (memory_init_slot_ != 0) {
      *slot = memory_init_slot_;
      return Status::kOk;
    }
    uint32_t endpoint;
    TRY(named_endpoint("memory", &endpoint));
    const SyscallResult badged =
        sys_cap_copy(endpoint, kMemoryInitSlot, kCapWrite, kCapCopyBadge, mem::kInitBadge, 0);
    if (badged.status != Status::kOk) return badged.status;
    memory_init_slot_ = kMemoryInitSlot;
    *slot = memory_init_slot_;
    return Status::kOk;
  }

  // Every program that is not a daemon has ended: each running daemon is killed (its end comes
  // through its waiter, and is not restarted).
  void stop_daemons() {
    if (daemons_stopped_) return;
    daemons_stopped_ = true;
    for (size_t i = 0; i < program_count_; ++i) {
      Program& p = g_programs[i];
      if (!p.manifest.daemon || p.serves_memory || p.state != sys::InitProgramState::kRunning) {
        continue;
      }
      const Status s = sys_task_kill(p.task_slot).status;
      if (s != Status::kOk) {
        sys::printf("init: daemon '%s' not stopped (%s)\n", p.text, status_name(s));
        continue;
      }
      p.state = sys::InitProgramState::kKilling;
      sys::printf("init: daemon '%s' stopped: its clients have ended\n", p.text);
    }
  }

  void stop_memory_server() {
    if (memory_stopped_) return;
    // With no client in the manifest init has no copy of the endpoint yet: make it, if the
    // endpoint exists (a program was granted it; a fresh one nobody serves would block the stop).
    if (memory_init_slot_ == 0) {
      uint32_t slot;
      if (!has_named_endpoint("memory") || memory_endpoint(&slot) != Status::kOk) return;
    }
    memory_stopped_ = true;
    IpcMessage m;
    m.label = mem::kStop;
    const Status s = sys_ipc_call(memory_init_slot_, &m).status;
    if (s != Status::kOk) sys::printf("init: memory server not stopped (%s)\n", status_name(s));
  }

  Program* program_of_task(uint32_t task_id) {
    for (size_t i = 0; i < program_count_; ++i) {
      if (g_programs[i].task_id == task_id) return &g_programs[i];
    }
    return nullptr;
  }

  // The manifest names what to hand on. Ports and modules go with kCapGrant, so a program may
  // pass them further (a supervisor of its own programs); a named endpoint goes with only what
  // its side of the protocol needs.
  Status grant(const ManifestGrant& g, const Program& p) {
    const uint32_t child = p.task_slot;
    const uint32_t index = static_cast<uint32_t>(&p - g_programs);
    switch (g.source) {
      case GrantSource::kIoPorts:
        return sys_task_grant(child, kSlotIoPortsRoot, g.slot, kCapRead | kCapWrite | kCapGrant)
            .status;
      case GrantSource::kIoPortRange:
        return grant_port_range(g, child, index);
      case GrantSource::kModule: {
        const BootModuleEntry* module = find_module(info_, g.name);
        if (module == nullptr) return Status::kNotFound;
        return sys_task_grant(child, module->slot, g.slot, kCapRead | kCapGrant).status;
      }
      case GrantSource::kMemoryPool:
        return sys_task_grant(child, kSlotMemoryPool, g.slot, kCapRead | kCapWrite | kCapGrant)
            .status;
      case GrantSource::kSystemInfo:  // read only: it shows, it never changes anything
        return sys_task_grant(child, kSlotSystemInfo, g.slot, kCapRead).status;
      case GrantSource::kEndpoint: {
        uint32_t endpoint;
        if (const Status s = named_endpoint(g.name, &endpoint); s != Status::kOk) return s;
        const uint32_t rights = g.serve ? kCapRead | kCapWrite : kCapWrite;
        return sys_task_grant(child, endpoint, g.slot, rights).status;
      }
      case GrantSource::kIoBitmap:
        return grant_shared_bitmap(g, child);
      case GrantSource::kInitControl:
        return grant_control(g, child, index);
    }
    return Status::kInvalidArgument;
  }

  // A copy of init's endpoint badged for the program (its table index), call only: no receive (it
  // would take fault messages), no grant (it stays with the program its manifest line names).
  Status grant_control(const ManifestGrant& g, uint32_t child, uint32_t index) {
    const SyscallResult badged = sys_cap_copy(endpoint_, kCapSlotAny, kCapWrite | kCapGrant,
                                              kCapCopyBadge, kControlBadgeBase + index, 0);
    if (badged.status != Status::kOk) return badged.status;
    const uint32_t slot = static_cast<uint32_t>(badged.extra);
    const Status s = sys_task_grant(child, slot, g.slot, kCapWrite).status;
    (void)sys_cap_delete(slot);
    return s;
  }

  // The ports derived from the root (a child of it in the derivation tree, so revoking the root
  // takes them back). init keeps its copy while it has a kept slot free, so that the control
  // endpoint's kInitRevokePorts can take the program's back; with none free it grants from a slot
  // freed at once (the child's copy stays: a delete leaves children), and that grant is not
  // revocable on its own.
  Status grant_port_range(const ManifestGrant& g, uint32_t child, uint32_t index) {
    uint32_t kept;
    if (keep_port_range(index, sys::PortSpan{g.port_base, g.port_count}, &kept) == Status::kOk) {
      const Status s = sys_task_grant(child, kFirstKeptGrantSlot + kept, g.slot,
                                      kCapRead | kCapWrite | kCapGrant)
                           .status;
      if (s != Status::kOk) {
        release_kept(kept);
      } else {
        kept_[kept].task_slot = g.slot;
      }
      return s;
    }
    const SyscallResult minted =
        sys_cap_copy(kSlotIoPortsRoot, kCapSlotAny, kCapRead | kCapWrite | kCapGrant,
                     kCapCopyNarrow, g.port_base, g.port_count);
    if (minted.status != Status::kOk) return minted.status;
    const uint32_t slot = static_cast<uint32_t>(minted.extra);
    const Status s = sys_task_grant(child, slot, g.slot, kCapRead | kCapWrite | kCapGrant).status;
    (void)sys_cap_delete(slot);
    return s;
  }

  // The endpoint kept under `name`, made at its first mention (a server and its clients meet on
  // it); init holds it for as long as it runs.
  bool has_named_endpoint(const char* name) const {
    for (uint32_t i = 0; i < endpoint_count_; ++i) {
      if (base::same_text(endpoints_[i].name, name)) return true;
    }
    return false;
  }

  Status named_endpoint(const char* name, uint32_t* slot) {
    for (uint32_t i = 0; i < endpoint_count_; ++i) {
      if (base::same_text(endpoints_[i].name, name)) {
        *slot = endpoints_[i].slot;
        return Status::kOk;
      }
    }
    if (endpoint_count_ == kMaxNamedEndpoints) return Status::kNoSpace;
    // From the top of the space down: the slots below are the programs' (next_slot_).
    const uint32_t target = kTaskCapSlots - 1 - endpoint_count_;
    if (const Status s = sys_endpoint_create(target).status; s != Status::kOk) return s;
    NamedEndpoint& e = endpoints_[endpoint_count_++];
    __builtin_memcpy(e.name, name, __builtin_strlen(name) + 1);
    e.slot = target;
    *slot = target;
    return Status::kOk;
  }

  // The IoBitmap kept under `name` (made at its first mention) with the grant's ports added to it
  // (each range once: the IoPorts capability derived for it stays in init's space, since adding
  // it is a use that ends with it), granted with read, the right io_bitmap_attach wants. Every
  // program granted it shares the one bitmap object (docs/io-ports.md, "Sharing").
  Status grant_shared_bitmap(const ManifestGrant& g, uint32_t child) {
    NamedBitmap* b = nullptr;
    for (uint32_t i = 0; i < bitmap_count_; ++i) {
      if (base::same_text(bitmaps_[i].name, g.name)) b = &bitmaps_[i];
    }
    if (b == nullptr) {
      if (bitmap_count_ == kMaxNamedBitmaps) return Status::kNoSpace;
      const uint32_t slot = kFirstNamedBitmapSlot + bitmap_count_ * (1 + kMaxBitmapRanges);
      if (const Status s = sys_io_bitmap_create(slot).status; s != Status::kOk) return s;
      b = &bitmaps_[bitmap_count_++];
      __builtin_memcpy(b->name, g.name, __builtin_strlen(g.name) + 1);
      b->slot = slot;
    }
    bool added = false;
    for (uint32_t i = 0; i < b->range_count; ++i) {
      added = added || (b->bases[i] == g.port_base && b->counts[i] == g.port_count);
    }
    if (!added) {
      if (b->range_count == kMaxBitmapRanges) return Status::kNoSpace;
      const uint32_t ports = b->slot + 1 + b->range_count;
      const Status s = sys_cap_copy(kSlotIoPortsRoot, ports, kCapRead | kCapWrite | kCapGrant,
                                    kCapCopyNarrow, g.port_base, g.port_count)
                           .status;
      if (s != Status::kOk) return s;
      if (const Status a = sys_io_bitmap_add(b->slot, ports).status; a != Status::kOk) {
        (void)sys_cap_delete(ports);
        return a;
      }
      b->bases[b->range_count] = g.port_base;
      b->counts[b->range_count++] = g.port_count;
    }
    return sys_task_grant(child, b->slot, g.slot, kCapRead).status;
  }

  static constexpr uint32_t kMaxNamedBitmaps = 2;
  static constexpr uint32_t kMaxBitmapRanges = 3;
  struct NamedBitmap {
    char name[kManifestMaxNameBytes];
    uint32_t slot;  // the IoBitmap; the ranges' IoPorts capabilities in the slots after it
    uint32_t range_count;
    uint32_t bases[kMaxBitmapRanges];
    uint32_t counts[kMaxBitmapRanges];
  };

  struct NamedEndpoint {
    char name[kManifestMaxNameBytes];
    uint32_t slot;
  };
  // memory, serial and the shell's drivers' rtc, pci and disk in ./portcullis run, and room.
  static constexpr uint32_t kMaxNamedEndpoints = 8;
  // The named endpoints take the top slots of init's space (named_endpoint).
  static constexpr uint32_t kFirstNamedEndpointSlot = kTaskCapSlots - kMaxNamedEndpoints;
  // init's badged copy of the "memory" endpoint, just below them (the programs' slots end there).
  static constexpr uint32_t kMemoryInitSlot = kFirstNamedEndpointSlot - 1;
  // Below that the named bitmaps, each with its ranges' slots.
  static constexpr uint32_t kFirstNamedBitmapSlot =
      kMemoryInitSlot - kMaxNamedBitmaps * (1 + kMaxBitmapRanges);
  // Below those the port grants init keeps (the programs' slots end there).
  static constexpr uint32_t kFirstKeptGrantSlot = kFirstNamedBitmapSlot - sys::kInitMaxKeptGrants;
  struct KeptGrant {
    bool used;
    uint32_t program;  // its index in g_programs
    uint32_t base;
    uint32_t count;
    uint32_t task_slot;  // where the program has its copy
  };
  KeptGrant kept_[sys::kInitMaxKeptGrants] = {};

  const BootInfoPage& info_;
  NamedEndpoint endpoints_[kMaxNamedEndpoints] = {};
  NamedBitmap bitmaps_[kMaxNamedBitmaps] = {};
  uint32_t bitmap_count_ = 0;
  uint32_t endpoint_count_ = 0;
  uint32_t next_slot_;
  uint32_t endpoint_ = 0;
  size_t program_count_ = 0;
  uint32_t on_request_count_ = 0;  // the manifest's on_request lines in g_on_request
  size_t waiting_ = 0;             // programs whose waiter has not been told to stop
  size_t memory_servers_ = 0;      // of those, the memory servers
  size_t daemons_ = 0;             // and the daemons (manifest `daemon`), memory servers aside
  bool daemons_stopped_ = false;   // stop_daemons ran: a daemon's end is not restarted
  uint32_t memory_init_slot_ = 0;  // init's badged copy of the "memory" endpoint (0: none yet)
  bool memory_stopped_ = false;    // memsrv told to stop, or ended: call it no more
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
  if (const Status s = init.create_endpoint(); s != Status::kOk) {
    sys::printf("init: endpoint_create: %s; nothing started\n", status_name(s));
    return 1;
  }
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
  sys::printf("init: manifest read, %u malformed lines; supervising the programs\n", errors);
  init.serve();
  sys::printf("init: every program has ended\n");
  return 0;
}
