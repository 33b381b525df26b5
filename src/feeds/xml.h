// XML output for feeds and sitemaps: a small writer that escapes text and
// attribute values and drops what XML 1.0 does not allow, and the date
// formats the feed and sitemap specifications ask for.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/clock.h"

namespace dateline::xml {

// Text as XML 1.0 allows it: control characters other than tab, newline and
// carriage return, U+FFFE and U+FFFF are dropped; malformed UTF-8 becomes
// U+FFFD. Nothing is escaped.
std::string clean(std::string_view text);
// clean() plus &, <, > (and " in attributes) as entities.
std::string escape_text(std::string_view text);
std::string escape_attribute(std::string_view text);

using Attributes = std::vector<std::pair<std::string, std::string>>;

// Writes one document, elements nested by open()/close(). Names are written
// as given (they come from code, never from content); attribute values and
// text are escaped. Not thread-safe; one writer per document.
class Writer {
  public:
    Writer();  // starts with the <?xml ...?> declaration
    Writer& open(std::string_view name, const Attributes& attributes = {});
    Writer& close();  // the innermost open element
    // <name attributes>text</name>
    Writer& element(std::string_view name, std::string_view text,
                    const Attributes& attributes = {});
    // <name attributes/>
    Writer& empty(std::string_view name, const Attributes& attributes = {});
    // Closes what is still open and hands over the document.
    std::string finish();

  private:
    void start_tag(std::string_view name, const Attributes& attributes);
    void indent();
    std::string out_;
    std::vector<std::string> open_;
};

// "Sun, 29 Nov 2026 08:30:00 +0000" (RFC 822 as updated by RFC 1123), for RSS.
std::string rfc822(Timestamp t);
// "2026-11-29T08:30:00Z" (RFC 3339, a W3C datetime with its zone), for Atom,
// JSON Feed and sitemaps.
std::string rfc3339(Timestamp t);

}  // namespace dateline::xml
