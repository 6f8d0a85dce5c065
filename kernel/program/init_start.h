// Booting with init, the root task (docs/init.md): the kernel loads one module, init, gives it the
// root capabilities in the slots abi/portcullis/cap_slots.h names (its own task, address space and
// frames as every program; the root IoPorts capability; a read-only page describing the other
// modules, abi/portcullis/boot_info_page.h; a Module capability per other module) and starts it.
// Everything else is init's to start (task_spawn, task_start). The kernel then waits for init to
// end and for every task started from user space to be reaped (kernel/object/task_reaper.h), and
// checks that all their memory came back.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "base/result.h"
#include "kernel/boot/command_line.h"
#include "kernel/boot/multiboot2.h"

// The module init runs from: the one whose name (its line's first word) the command line's
// init=NAME gives, else the first module if its name is "init". kNotFound: boot without init.
Result<size_t> find_init_module(const BootInfo& boot_info, const CommandLine& cmdline);

// Starts init from module `init_index`, waits as above; returns how many things failed: init not
// loaded or faulted, or memory not returned once everything had ended.
int run_init(const BootInfo& boot_info, size_t init_index, uint64_t pool_pages);
