// One error convention for expected failures: a closed set of kinds that the
// HTTP layer maps to status codes in one place, and a Result<T> that holds
// either a value or an Error. Unexpected failures are exceptions.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dateline {

enum class ErrorKind {
    not_found,
    invalid,
    conflict,
    io,
    corrupt,
    forbidden,
    unauthorized,
    throttled,  // too many attempts: try again later
};

const char* to_string(ErrorKind kind);

// One message about one input field, for forms and API clients.
struct FieldError {
    std::string field;
    std::string message;
};

struct Error {
    ErrorKind kind;
    std::string message;
    std::string field;  // the offending input field, when there is one
    // Every offending field, when a form had several (field above is the first).
    std::vector<FieldError> fields = {};

    static Error not_found(std::string m) { return {ErrorKind::not_found, std::move(m), {}, {}}; }
    static Error invalid(std::string field, std::string m) {
        return {ErrorKind::invalid, std::move(m), std::move(field), {}};
    }
    static Error conflict(std::string m) { return {ErrorKind::conflict, std::move(m), {}, {}}; }
    static Error io(std::string m) { return {ErrorKind::io, std::move(m), {}, {}}; }
    static Error corrupt(std::string m) { return {ErrorKind::corrupt, std::move(m), {}, {}}; }
    static Error forbidden(std::string m) { return {ErrorKind::forbidden, std::move(m), {}, {}}; }
    static Error unauthorized(std::string m) {
        return {ErrorKind::unauthorized, std::move(m), {}, {}};
    }
    // invalid, naming every field; fields must not be empty.
    static Error invalid_fields(std::vector<FieldError> all) {
        std::string message = all.front().message;
        if (all.size() > 1) message += " (and " + std::to_string(all.size() - 1) + " more)";
        std::string first = all.front().field;
        return {ErrorKind::invalid, std::move(message), std::move(first), std::move(all)};
    }
    static Error throttled(std::string m) { return {ErrorKind::throttled, std::move(m), {}, {}}; }
};

// A value or an Error. Accessing the wrong alternative is a programming error.
template <class T>
class [[nodiscard]] Result {
  public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(state_);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(state_);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(state_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T&& operator*() && { return std::move(*this).value(); }

    const Error& error() const {
        assert(!ok());
        return std::get<1>(state_);
    }

  private:
    std::variant<T, Error> state_;
};

// Result of an operation that yields nothing but success or an Error.
class [[nodiscard]] Status {
  public:
    Status() = default;
    Status(Error error) : error_(std::move(error)), ok_(false) {}
    static Status success() { return {}; }

    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const {
        assert(!ok_);
        return error_;
    }

  private:
    Error error_{ErrorKind::invalid, {}, {}, {}};
    bool ok_ = true;
};

}  // namespace dateline
