#include "admin/mailer.h"

#include <chrono>

#include "util/clock.h"
#include "util/files.h"

namespace dateline {

namespace {
// Header values come from our own code and the stored address; a line break
// in them would forge headers.
std::string header_safe(std::string value) {
    for (char& c : value)
        if (c == '\r' || c == '\n') c = ' ';
    return value;
}
}  // namespace

Status FileMailer::send(const Mail& mail) {
    if (auto st = ensure_writable_directory(folder_); !st) return st;
    auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    std::string text = "Date: " + format_http_date(now) + "\r\nTo: " + header_safe(mail.to) +
                       "\r\nSubject: " + header_safe(mail.subject) +
                       "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + mail.body;
    std::string name;
    {
        std::lock_guard lock(mutex_);
        name = std::to_string(now.time_since_epoch().count()) + "-" + std::to_string(++sequence_);
    }
    std::string safe_to;
    for (char c : mail.to)
        safe_to += (std::isalnum(static_cast<unsigned char>(c)) || c == '@' || c == '.') ? c : '_';
    return write_file_atomic(folder_ / (name + "-" + safe_to + ".eml"), text);
}

}  // namespace dateline
