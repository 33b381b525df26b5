#include "util/status.h"

namespace dateline {

const char* to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::not_found:
            return "not_found";
        case ErrorKind::invalid:
            return "invalid";
        case ErrorKind::conflict:
            return "conflict";
        case ErrorKind::io:
            return "io";
        case ErrorKind::corrupt:
            return "corrupt";
        case ErrorKind::forbidden:
            return "forbidden";
        case ErrorKind::unauthorized:
            return "unauthorized";
        case ErrorKind::throttled:
            return "throttled";
    }
    return "unknown";
}

}  // namespace dateline
