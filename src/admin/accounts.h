// Authentication of staff and integrations: logins with throttling,
// sessions, CSRF tokens, password changes and resets, API keys, and the
// account rules (docs/newsroom.md, "Trust model").
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "admin/mailer.h"
#include "admin/permissions.h"
#include "store/store.h"
#include "util/clock.h"
#include "util/status.h"

namespace dateline {

struct AccountPolicy {
    // A session ends after this long without a request...
    std::chrono::seconds session_idle{std::chrono::hours(12)};
    // ...and in any case this long after the login.
    std::chrono::seconds session_lifetime{std::chrono::hours(24 * 7)};
    // Failed logins allowed in the current and the previous clock hour.
    int failures_per_account = 10;
    int failures_per_address = 50;
    // Reset mails allowed per account and per address in the same window.
    int resets_per_account = 3;
    int resets_per_address = 10;
    std::chrono::seconds reset_lifetime{std::chrono::hours(1)};
};

struct LoggedIn {
    std::string token;  // for the cookie; never stored
    Session session;
    User user;
};

struct NewApiKey {
    std::string key;  // "dl_<prefix>_<secret>": shown once, never stored
    ApiKey stored;
};

class Accounts {
  public:
    // base_url: the site's public origin, for links in mails. All references
    // must outlive this object.
    Accounts(Store& store, const Clock& clock, Mailer& mailer, std::string base_url,
             AccountPolicy policy = {});

    // unauthorized for a wrong e-mail or password (the same message for
    // both), throttled after too many failures.
    Result<LoggedIn> login(std::string_view email, std::string_view password,
                           std::string_view remote_address);
    void logout(std::string_view token);
    // The staff member of a session token; unauthorized when the session is
    // unknown, expired, older than the last password change, or the account
    // is disabled. Extends the session's idle time.
    Result<Principal> from_session(std::string_view token);
    // "Bearer dl_..." keys; unauthorized when unknown, revoked or wrong.
    Result<Principal> from_api_key(std::string_view key);

    // Ends every session, this one included, and starts a new one.
    Result<LoggedIn> change_password(const Principal& who, std::string_view current,
                                     std::string_view replacement);
    // Mails a one-time link when the address belongs to an active account.
    // Answers the same either way, so that nobody learns which addresses
    // exist; throttled per account and address.
    Status request_reset(std::string_view email, std::string_view remote_address);
    Status reset_password(std::string_view token, std::string_view replacement);

    Result<int64_t> create_user(const Principal& who, User user, std::string_view password);
    Status update_user(const Principal& who, const User& changed);
    Status remove_user(const Principal& who, int64_t id);

    Result<NewApiKey> create_api_key(const Principal& who, std::string name,
                                     std::vector<std::string> scopes);
    Status revoke_api_key(const Principal& who, int64_t id);

  private:
    bool throttled(std::string_view key, int limit);
    void record_failure(std::string_view key);
    Result<LoggedIn> start_session(const User& user);
    int64_t hour() const;
    const std::string& dummy_hash();

    Store& store_;
    const Clock& clock_;
    Mailer& mailer_;
    std::string base_url_;
    AccountPolicy policy_;
    // Verified against for unknown e-mails, so that timing tells nothing;
    // made on first use (an argon2id hash takes a noticeable moment).
    std::once_flag dummy_once_;
    std::string dummy_hash_;
};

}  // namespace dateline
