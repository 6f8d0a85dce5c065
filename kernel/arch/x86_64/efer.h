/* The EFER MSR and the bits Portcullis sets in it, for the boot assembly (boot CPU and APs) and the
   kernel alike: written once here. */
#pragma once

#define EFER_MSR 0xC0000080
#define EFER_SCE (1 << 0)  /* SYSCALL/SYSRET enable */
#define EFER_LME (1 << 8)  /* long mode enable */
#define EFER_NXE (1 << 11) /* no-execute enable: page-table bit 63 means "not executable" */
