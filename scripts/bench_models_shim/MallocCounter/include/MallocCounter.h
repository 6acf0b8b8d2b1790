// Counts the process's allocations for the benchmark stand-in (scripts/bench_models_shim), as
// package-benchmark's MallocInterposer trait does: it defines malloc and its siblings in the
// benchmark executable, which takes precedence over glibc's, and forwards to glibc's own.
#pragma once

/// The number of allocations (malloc, calloc, realloc, aligned allocations) so far.
long turnout_malloc_count(void);
