// What io_share_user_test and its child io_share_child agree on: the slots the parent grants into
// and the commands the child runs. The child calls the parent over kChildReportSlot (also its
// supervisor endpoint, so a port fault arrives there too) with kReadyLabel or kResultLabel; each
// answer is the next command. The parent talks to several children, one held call at a time: a
// child whose call was dropped (kBadState) calls again with the same message.
#pragma once

#include <stdint.h>

// In the child's space (the parent's task_grant targets).
inline constexpr uint32_t kChildReportSlot = 10;  // Endpoint: its reports and its fault messages
inline constexpr uint32_t kChildPortsSlot = 11;   // IoPorts: what kCommandEnable enables
inline constexpr uint32_t kChildBitmapSlot = 12;  // IoBitmap: what kCommandAttach attaches

// The child's calls. words[0]: the Status of the command it ran (kResultLabel).
inline constexpr uint64_t kReadyLabel = 0x494f'5348'0001;
inline constexpr uint64_t kResultLabel = 0x494f'5348'0002;

// The parent's answers: the command, words[0] its argument.
inline constexpr uint64_t kCommandIn = 0x494f'5348'0010;       // IN from port words[0] (8 bits)
inline constexpr uint64_t kCommandEnable = 0x494f'5348'0011;   // io_ports_enable(kChildPortsSlot)
inline constexpr uint64_t kCommandDisable = 0x494f'5348'0012;  // io_ports_disable(kChildPortsSlot)
inline constexpr uint64_t kCommandAttach = 0x494f'5348'0013;   // io_bitmap_attach(kChildBitmapSlot)
inline constexpr uint64_t kCommandExit = 0x494f'5348'0014;     // return from main
inline constexpr uint64_t kCommandIn16 = 0x494f'5348'0015;     // IN from port words[0] (16 bits)
inline constexpr uint64_t kCommandIn32 = 0x494f'5348'0016;     // IN from port words[0] (32 bits)
