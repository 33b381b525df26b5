#include "search/search_log.h"

#include <spdlog/spdlog.h>

#include <cctype>

namespace dateline::search {

std::string loggable_query(std::string_view normalized) {
    if (normalized.empty() || normalized.size() > kMaxLoggedQueryBytes) return {};
    size_t digits_in_a_row = 0;
    for (char c : normalized) {
        if (c == '@') return {};
        bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
        bool joiner = c == ' ' || c == '-' || c == '.' || c == '+' || c == '(' || c == ')';
        if (digit)
            ++digits_in_a_row;
        else if (!joiner)
            digits_in_a_row = 0;
        if (digits_in_a_row >= 6) return {};  // a phone, card or ID number
    }
    return std::string(normalized);
}

SearchLog::SearchLog(SearchTermStore& store, const Clock& clock, SearchLogOptions options)
    : store_(store), clock_(clock), options_(options) {
    // The popular list from what earlier runs counted.
    if (auto st = flush(); !st) spdlog::warn("{}", st.error().message);
    if (options_.flush_interval.count() > 0) thread_ = std::thread([this] { run(); });
}

SearchLog::~SearchLog() {
    {
        std::lock_guard lock(thread_mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (auto st = flush(); !st)
        spdlog::warn("search counts lost at shutdown: {}", st.error().message);
}

void SearchLog::record(std::string_view normalized) {
    std::string term = loggable_query(normalized);
    if (term.empty()) return;
    auto hour = std::chrono::floor<std::chrono::hours>(clock_.now());
    int64_t key_hour =
        std::chrono::duration_cast<std::chrono::seconds>(hour.time_since_epoch()).count();
    std::lock_guard lock(pending_mutex_);
    auto key = std::make_pair(key_hour, std::move(term));
    auto it = pending_.find(key);
    if (it != pending_.end()) {
        ++it->second;
        return;
    }
    if (pending_.size() >= kMaxPendingTerms) return;  // bounded memory between flushes
    pending_.emplace(std::move(key), 1);
}

std::vector<SearchTermCount> SearchLog::popular() const {
    std::lock_guard lock(popular_mutex_);
    return popular_;
}

Status SearchLog::flush() {
    std::lock_guard flushing(flush_mutex_);
    std::map<std::pair<int64_t, std::string>, int64_t> taken;
    {
        std::lock_guard lock(pending_mutex_);
        taken.swap(pending_);
    }
    std::vector<SearchTermCount> counts;
    for (const auto& [key, count] : taken)
        counts.push_back(
            SearchTermCount{key.second, count, Timestamp{std::chrono::seconds{key.first}}});
    Status written;
    try {
        written = store_.add(counts);
        if (written) {
            Timestamp now = clock_.now();
            (void)store_.prune(now - options_.retention);  // how many: not needed
            auto list = store_.popular(now - options_.popular_window, options_.popular_limit,
                                       options_.popular_min_count);
            std::lock_guard lock(popular_mutex_);
            popular_ = std::move(list);
        }
    } catch (const std::exception& e) {
        written = Error::io(std::string("search counts: ") + e.what());
    }
    if (!written) {
        // Keep the counts for the next try.
        std::lock_guard lock(pending_mutex_);
        for (auto& [key, count] : taken)
            pending_[key] += count;
    }
    return written;
}

void SearchLog::run() {
    std::unique_lock lock(thread_mutex_);
    while (!wake_.wait_for(lock, options_.flush_interval, [&] { return stopping_; })) {
        lock.unlock();
        // A failed flush keeps its counts and tries again next time.
        if (auto st = flush(); !st) spdlog::warn("{}", st.error().message);
        lock.lock();
    }
}

}  // namespace dateline::search
