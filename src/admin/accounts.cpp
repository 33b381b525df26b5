#include "admin/accounts.h"

#include <algorithm>
#include <mutex>

#include "admin/password.h"
#include "admin/tokens.h"
#include "util/strings.h"

namespace dateline {

namespace {

constexpr std::string_view kKeyPrefix = "dl_";
constexpr size_t kKeyPrefixChars = 12;  // the public, looked-up part of a key

const Error kWrongLogin = Error::unauthorized("the e-mail address or the password is wrong");

}  // namespace

Accounts::Accounts(Store& store, const Clock& clock, Mailer& mailer, std::string base_url,
                   AccountPolicy policy)
    : store_(store),
      clock_(clock),
      mailer_(mailer),
      base_url_(std::move(base_url)),
      policy_(policy) {}

const std::string& Accounts::dummy_hash() {
    std::call_once(dummy_once_, [this] { dummy_hash_ = *hash_password(random_token()); });
    return dummy_hash_;
}

int64_t Accounts::hour() const {
    return clock_.now().time_since_epoch().count() / 3600;
}

bool Accounts::throttled(std::string_view key, int limit) {
    return store_.throttle().failures(key, hour() - 1) >= limit;
}

void Accounts::record_failure(std::string_view key) {
    store_.throttle().add_failure(key, hour());
}

Result<LoggedIn> Accounts::start_session(const User& user) {
    LoggedIn out;
    out.token = random_token();
    out.user = user;
    Session& s = out.session;
    s.token_hash = hash_token(out.token);
    s.user_id = user.id;
    s.csrf_token = random_token();
    s.created_at = clock_.now();
    s.last_seen_at = s.created_at;
    s.expires_at = s.created_at + policy_.session_idle;
    if (auto st = store_.sessions().create(s); !st) return st.error();
    return out;
}

Result<LoggedIn> Accounts::login(std::string_view email, std::string_view password,
                                 std::string_view remote_address) {
    std::string account_key = "account:" + to_lower(trim(email));
    std::string address_key = "address:" + std::string(remote_address);
    if (throttled(account_key, policy_.failures_per_account) ||
        throttled(address_key, policy_.failures_per_address))
        return Error::throttled(
            "too many failed logins: try again in an hour, or reset the password");
    auto user = store_.users().by_email(trim(email));
    bool good = verify_password(user ? user->password_hash : dummy_hash(), password);
    if (!user || !good) {
        record_failure(account_key);
        record_failure(address_key);
        return kWrongLogin;
    }
    if (user->disabled) return Error::forbidden("this account is disabled");
    store_.throttle().clear(account_key);
    store_.throttle().prune(hour() - 24);
    store_.sessions().remove_expired(clock_.now());
    return start_session(*user);
}

void Accounts::logout(std::string_view token) {
    store_.sessions().remove(hash_token(token));
}

Result<Principal> Accounts::from_session(std::string_view token) {
    const Error expired = Error::unauthorized("please sign in");
    if (token.empty()) return expired;
    std::string hash = hash_token(token);
    auto session = store_.sessions().find(hash);
    if (!session) return expired;
    Timestamp now = clock_.now();
    auto user = store_.users().by_id(session->user_id);
    if (!user || user->disabled || session->expires_at <= now ||
        session->created_at + policy_.session_lifetime <= now ||
        session->created_at < user->password_changed_at) {
        store_.sessions().remove(hash);
        return expired;
    }
    // Extending the idle time costs a write: do it at most once a minute.
    if (now - session->last_seen_at >= std::chrono::minutes(1))
        store_.sessions().touch(hash, now, now + policy_.session_idle);
    Principal who;
    who.user = std::move(*user);
    who.csrf_token = session->csrf_token;
    return who;
}

Result<Principal> Accounts::from_api_key(std::string_view key) {
    const Error bad = Error::unauthorized("the API key is unknown or revoked");
    if (!key.starts_with(kKeyPrefix) || key.size() < kKeyPrefix.size() + kKeyPrefixChars + 2)
        return bad;
    std::string_view rest = key.substr(kKeyPrefix.size());
    std::string_view prefix = rest.substr(0, kKeyPrefixChars);
    if (rest[kKeyPrefixChars] != '_') return bad;
    auto stored = store_.api_keys().by_prefix(prefix);
    if (!stored || stored->revoked_at || !equal_secrets(stored->secret_hash, hash_token(key)))
        return bad;
    if (!stored->created_by) return bad;  // its maker's account is gone
    auto user = store_.users().by_id(*stored->created_by);
    if (!user || user->disabled) return bad;
    Timestamp now = clock_.now();
    if (!stored->last_used_at || now - *stored->last_used_at >= std::chrono::minutes(1))
        store_.api_keys().mark_used(stored->id, now);
    Principal who;
    who.user = std::move(*user);
    who.api_key = std::move(*stored);
    return who;
}

Result<LoggedIn> Accounts::change_password(const Principal& who, std::string_view current,
                                           std::string_view replacement) {
    if (who.api_key) return Error::forbidden("an API key cannot change a password");
    auto user = store_.users().by_id(who.user.id);
    if (!user) return Error::not_found("the account is gone");
    if (!verify_password(user->password_hash, current))
        return Error::invalid("current_password", "the current password is wrong");
    if (current == replacement)
        return Error::invalid("password", "the new password is the same as the old one");
    auto hash = hash_password(replacement);
    if (!hash) return hash.error();
    if (auto st = store_.users().set_password(user->id, *hash, clock_.now()); !st)
        return st.error();
    store_.sessions().remove_all(user->id);
    return start_session(*store_.users().by_id(user->id));
}

Status Accounts::request_reset(std::string_view email, std::string_view remote_address) {
    std::string account_key = "reset:" + to_lower(trim(email));
    std::string address_key = "reset-address:" + std::string(remote_address);
    if (throttled(account_key, policy_.resets_per_account) ||
        throttled(address_key, policy_.resets_per_address))
        return Error::throttled("too many reset requests: try again in an hour");
    record_failure(account_key);
    record_failure(address_key);
    auto user = store_.users().by_email(trim(email));
    if (!user || user->disabled) return {};
    std::string token = random_token();
    PasswordReset reset;
    reset.token_hash = hash_token(token);
    reset.user_id = user->id;
    reset.created_at = clock_.now();
    reset.expires_at = reset.created_at + policy_.reset_lifetime;
    if (auto st = store_.password_resets().create(reset); !st) return st;
    Mail mail;
    mail.to = user->email;
    mail.subject = "Reset your newsroom password";
    mail.body = "Hello " + user->name +
                ",\n\nSomeone (hopefully you) asked to reset your password. Open this link "
                "within the hour to choose a new one:\n\n" +
                base_url_ + "/admin/reset?token=" + token +
                "\n\nIf it was not you, ignore this mail: your password stays as it is.\n";
    return mailer_.send(mail);
}

Status Accounts::reset_password(std::string_view token, std::string_view replacement) {
    const Error bad = Error::invalid("token", "this reset link is unknown, used or expired");
    std::string hash = hash_token(token);
    auto reset = store_.password_resets().find(hash);
    if (!reset || reset->used_at || reset->expires_at <= clock_.now()) return bad;
    auto new_hash = hash_password(replacement);
    if (!new_hash) return new_hash.error();
    if (!store_.password_resets().use(hash, clock_.now())) return bad;
    if (auto st = store_.users().set_password(reset->user_id, *new_hash, clock_.now()); !st)
        return st;
    store_.sessions().remove_all(reset->user_id);
    return {};
}

namespace {

Status check_role_change(const Principal& who, const User* before, const User& after) {
    if (after.role == Role::owner && (!before || before->role != Role::owner))
        return Error::forbidden("there is one owner: nobody can be made owner here");
    if (before && before->role == Role::owner) {
        if (after.role != Role::owner) return Error::forbidden("the owner's role cannot change");
        if (after.disabled) return Error::forbidden("the owner cannot be disabled");
        if (who.user.role != Role::owner)
            return Error::forbidden("only the owner may change the owner's account");
    }
    if (rank(after.role) > rank(who.user.role))
        return Error::forbidden(std::string("a ") + to_string(who.user.role) +
                                " cannot give the role " + to_string(after.role));
    if (before && rank(before->role) > rank(who.user.role))
        return Error::forbidden("you cannot change the account of a " +
                                std::string(to_string(before->role)));
    return {};
}

}  // namespace

Result<int64_t> Accounts::create_user(const Principal& who, User user, std::string_view password) {
    if (auto st = authorize(who, Action::users); !st) return st.error();
    if (auto st = check_role_change(who, nullptr, user); !st) return st.error();
    auto hash = hash_password(password);
    if (!hash) return hash.error();
    user.password_hash = std::move(*hash);
    user.created_at = clock_.now();
    return store_.users().create(user);
}

Status Accounts::update_user(const Principal& who, const User& changed) {
    bool self = changed.id == who.user.id;
    auto before = store_.users().by_id(changed.id);
    if (!before) return Error::not_found("no user " + std::to_string(changed.id));
    if (self && who.api_key) return Error::forbidden("an API key cannot change accounts");
    bool profile_only = changed.role == before->role && changed.disabled == before->disabled;
    // Anybody may change their own name and e-mail address; the rest is
    // user management.
    if (!(self && profile_only)) {
        if (auto st = authorize(who, Action::users); !st) return st;
        if (self && changed.disabled) return Error::forbidden("you cannot disable yourself");
        if (auto st = check_role_change(who, &*before, changed); !st) return st;
    }
    if (auto st = store_.users().update(changed); !st) return st;
    if (changed.disabled && !before->disabled) store_.sessions().remove_all(changed.id);
    return {};
}

Status Accounts::remove_user(const Principal& who, int64_t id) {
    if (auto st = authorize(who, Action::users); !st) return st;
    if (id == who.user.id) return Error::forbidden("you cannot remove yourself");
    auto before = store_.users().by_id(id);
    if (!before) return Error::not_found("no user " + std::to_string(id));
    if (rank(before->role) > rank(who.user.role))
        return Error::forbidden("you cannot remove a " + std::string(to_string(before->role)));
    return store_.users().remove(id);
}

Result<NewApiKey> Accounts::create_api_key(const Principal& who, std::string name,
                                           std::vector<std::string> scopes) {
    if (auto st = authorize(who, Action::api_keys); !st) return st.error();
    if (scopes.empty()) return Error::invalid("scopes", "a key needs at least one scope");
    auto known = known_scopes();
    for (const auto& s : scopes)
        if (std::find(known.begin(), known.end(), s) == known.end())
            return Error::invalid("scopes",
                                  "unknown scope '" + s + "'; known: " + join(known, ", "));
    for (int attempt = 0; attempt < 3; ++attempt) {
        NewApiKey out;
        std::string prefix = random_token(9).substr(0, kKeyPrefixChars);
        std::replace(prefix.begin(), prefix.end(), '_', 'x');
        out.key = std::string(kKeyPrefix) + prefix + "_" + random_token();
        out.stored.name = name;
        out.stored.prefix = prefix;
        out.stored.secret_hash = hash_token(out.key);
        out.stored.scopes = scopes;
        out.stored.created_by = who.user.id;
        out.stored.created_at = clock_.now();
        auto id = store_.api_keys().create(out.stored);
        if (id) {
            out.stored.id = *id;
            return out;
        }
        if (id.error().kind != ErrorKind::conflict) return id.error();
    }
    return Error::conflict("could not find a free key prefix; try again");
}

Status Accounts::revoke_api_key(const Principal& who, int64_t id) {
    if (auto st = authorize(who, Action::api_keys); !st) return st;
    return store_.api_keys().revoke(id, clock_.now());
}

}  // namespace dateline
