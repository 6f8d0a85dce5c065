// Page-table set-up that only arch code needs; mapping single pages goes through arch.h.
#pragma once

#include <stdint.h>

#include "abi/portcullis/status.h"

uint64_t kernel_pml4_phys();
void paging_init();
void paging_mark_uncached(uint64_t phys);
void paging_drop_identity_map();  // this CPU's TLB only: callers shoot down the others
