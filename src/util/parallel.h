// Work spread over the machine's cores.
#pragma once

#include <cstddef>
#include <functional>

namespace dateline {

// Calls work(i) for every i below count, on as many threads as there are
// cores but at most max_threads (this one among them), and returns once all
// are done. The first exception a call throws is rethrown here, after the
// other calls have run.
void run_on_cores(size_t count, size_t max_threads, const std::function<void(size_t)>& work);

}  // namespace dateline
