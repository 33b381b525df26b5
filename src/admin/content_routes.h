// The Content API's routes (admin/content_*.cpp only): what each answers
// and which query parameters it takes, for the dispatcher and the OpenAPI
// description alike.
#pragma once

#include <string>
#include <vector>

#include "admin/api_support.h"
#include "admin/content_api.h"

namespace dateline {

struct QueryParam {
    std::string name;
    std::string type;  // OpenAPI schema type: "string", "integer"
    std::string description;
};

struct ContentRoute {
    std::string pattern;  // relative to /api/content/v1, GET (and HEAD) only
    std::string summary;
    std::string tag;  // OpenAPI grouping
    std::vector<QueryParam> query;
    ApiHandler handler;
};

// parts must outlive the routes.
std::vector<ContentRoute> content_routes(const ContentApiParts& parts);

}  // namespace dateline
