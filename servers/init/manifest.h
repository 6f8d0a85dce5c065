// init's manifest (docs/init.md): plain text, one statement a line, read line by line with a line
// number, so that a malformed line is reported with its number and the lines after it still count.
//
//   # a comment; blank lines are skipped
//   program NAME [ARG...] [restart=N] [priority=N] [daemon] [on_request] [grant=WHAT@SLOT]...
//           [memory | memory=SLOT[:PAGES]]
//
// NAME is a boot module's name (its module line's first word). The ARGs replace the module line's
// arguments (none given: the module line's own); a word that is not a known option is an
// argument. restart=N (0-kManifestMaxRestarts) is how often init restarts the program after a
// fault (within a window: servers/init/restart_budget.h). priority=N (0-15, at most init's own
// level, abi/portcullis/thread_params.h) is the scheduler level of the program's first thread
// (without it kThreadPriorityDefault): servers above their clients are woken at once on a busy
// CPU instead of at the next timer tick. daemon marks a server that serves others for as long as
// they run and never ends by itself (a driver serving its device): once every program that is
// not a daemon (nor the memory server) has ended, init kills the daemons (task_kill) without
// restarting them, so the boot can end. on_request marks a line init does not start at boot but
// keeps, to start only when its control endpoint asks (kInitStart, libsys/init_protocol.h): with
// the request's arguments in place of the line's, and the line's grants. grant=WHAT@SLOT puts a
// capability in the program's slot SLOT before it starts. WHAT is one of
//   io_ports              the root IoPorts capability (read, write, grant)
//   io_ports:BASE-LAST    an IoPorts capability over ports BASE to LAST, both included, derived
//   io_ports:BASE+COUNT   from the root (cap_copy with kCapCopyNarrow; read, write, grant);
//                         numbers decimal or 0x-hex, inside 0-0xFFFF
//   module:NAME           that boot module's Module capability (read, grant)
//   endpoint:NAME         the endpoint init keeps under NAME (made at its first mention): call
//                         and send, for a server's clients
//   endpoint:NAME:serve   the same endpoint with receive as well, for the server
//   io_bitmap:NAME:BASE-LAST (or :BASE+COUNT)
//                         the IoBitmap init keeps under NAME (made at its first mention), with
//                         those ports added to it (read): every program granted it shares one
//                         bitmap object, which it adopts with io_bitmap_attach
//   memory_pool           the memory pool's Frames capability (read, write, grant), for memsrv
//   init_control          init's control endpoint (call only, badged for the program): list,
//                         start and kill init's programs, grant and revoke ports
//                         (libsys/init_protocol.h); for the shell alone
//   system_info           the SystemInfo capability (read): the kernel's state, read only
//                         (system_info, abi/portcullis/system_info.h), for the shell
// memory makes the program a client of the memory server (docs/memory-server.md): init puts a
// badged copy of the endpoint named `memory` in kSlotMemoryServer (abi/portcullis/cap_slots.h)
// and registers the program's address space with memsrv under that badge before it starts; libsys
// finds the endpoint there and takes the program's heap and thread stacks from memsrv.
// memory=SLOT does the same with the endpoint in SLOT instead, for a program that makes every
// request itself (libsys then keeps to the initial Frames capability, unless SLOT is that slot).
// memory=SLOT:PAGES also sets its quota: the pool pages memsrv lets it pay for at once (1 to
// kManifestMaxQuotaPages; without it mem::kDefaultQuotaPages).
//
// Plain C++ with no allocation: the host tests run it, init links it.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "abi/portcullis/cap_slots.h"
#include "abi/portcullis/program_layout.h"
#include "abi/portcullis/thread_params.h"

inline constexpr size_t kManifestMaxNameBytes = 32;  // with the NUL
inline constexpr size_t kManifestMaxGrants = 8;
inline constexpr uint32_t kManifestMaxRestarts = 100;
inline constexpr uint32_t kManifestMaxQuotaPages = 1u << 24;  // 64 GiB: more than any pool
inline constexpr size_t kManifestMaxLineBytes = 256;          // a longer line is an error

enum class GrantSource : uint8_t {
  kIoPorts,
  kIoPortRange,
  kModule,
  kEndpoint,
  kIoBitmap,
  kMemoryPool,
  kInitControl,
  kSystemInfo
};

struct ManifestGrant {
  GrantSource source = GrantSource::kIoPorts;
  char name[kManifestMaxNameBytes] = {};  // kModule, kEndpoint, kIoBitmap: what it names
  uint32_t port_base = 0;                 // kIoPortRange, kIoBitmap: ports base .. base + count - 1
  uint32_t port_count = 0;                // at least 1; base + count <= 65536
  bool serve = false;                     // kEndpoint: with receive
  uint32_t slot = 0;
};

struct ManifestProgram {
  char name[kManifestMaxNameBytes] = {};
  // The ARGs joined by single spaces (empty: none were given).
  char args[kProgramMaxLineBytes] = {};
  bool has_args = false;
  uint32_t restart = 0;
  uint32_t priority = kThreadPriorityDefault;
  ManifestGrant grants[kManifestMaxGrants] = {};
  size_t grant_count = 0;
  bool daemon = false;              // daemon: init stops it once only daemons are left
  bool on_request = false;          // on_request: started only when the control endpoint asks
  bool memory = false;              // memory or memory=SLOT: a client of the memory server
  uint32_t memory_slot = 0;         // where its badged endpoint goes (memory: kSlotMemoryServer)
  uint32_t memory_quota_pages = 0;  // memory=SLOT:PAGES; 0: none given (mem::kDefaultQuotaPages)
};

enum class ManifestLineKind : uint8_t { kBlank, kProgram, kError };

struct ManifestLine {
  uint32_t number = 0;  // from 1
  ManifestLineKind kind = ManifestLineKind::kBlank;
  // kError: what is wrong, and the word it is about (cut to fit; may be empty).
  const char* error = "";
  char word[kManifestMaxNameBytes] = {};
  ManifestProgram program;  // kProgram
};

// One line's text (no newline): kBlank, kProgram with `out->program` filled, or kError.
void parse_manifest_line(const char* text, size_t length, ManifestLine* out);

// The manifest's lines in order. The text need not end in a newline, and may hold NUL bytes
// (a line with one is an error): it is the module's bytes as they are.
class ManifestReader {
 public:
  ManifestReader(const char* text, size_t bytes) : text_(text), bytes_(bytes) {}
  // The next line that is not blank; false at the end.
  bool next(ManifestLine* out);

 private:
  const char* text_;
  size_t bytes_;
  size_t offset_ = 0;
  uint32_t number_ = 0;
};
