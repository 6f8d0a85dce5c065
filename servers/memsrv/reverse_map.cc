// The memory server's reverse map, built with the lock chosen by `scons rmap_lock=`: this is the
// instance the server links. Host tests instantiate both lock policies from the header.
#include "servers/memsrv/reverse_map.h"

template class ReverseMap<RmapLock>;
