// Process-wide allocator settings for a serving process.
#pragma once

namespace dateline {

// Renders allocate and free a few hundred kilobytes each. With glibc's
// defaults the heap top is given back to the kernel after every render and
// taken again on the next (brk and page faults were 5 % of a story page's
// cache miss), so this keeps up to 64 MiB of freed heap for reuse and grows
// it 16 MiB at a time. Costs at most that much resident memory.
void keep_freed_heap_for_reuse();

}  // namespace dateline
