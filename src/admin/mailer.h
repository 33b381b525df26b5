// Outgoing mail (password resets). Production sites plug in their relay;
// development and tests use FileMailer, which writes each message to a file.
#pragma once

#include <filesystem>
#include <mutex>
#include <string>

#include "util/status.h"

namespace dateline {

struct Mail {
    std::string to;
    std::string subject;
    std::string body;  // plain text
};

class Mailer {
  public:
    virtual ~Mailer() = default;
    // io when the message could not be handed on.
    virtual Status send(const Mail& mail) = 0;
};

// Writes each message as an RFC 5322 text file "<n>-<to>.eml" into a folder.
class FileMailer final : public Mailer {
  public:
    explicit FileMailer(std::filesystem::path folder) : folder_(std::move(folder)) {}
    Status send(const Mail& mail) override;

  private:
    std::filesystem::path folder_;
    std::mutex mutex_;
    unsigned sequence_ = 0;
};

}  // namespace dateline
