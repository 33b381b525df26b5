#include "render/template.h"

#include "util/strings.h"

namespace dateline {

namespace {

using Node = Template::Node;

std::vector<std::string> split_path(std::string_view name) {
    std::vector<std::string> path;
    if (name == ".") return path;
    for (auto part : split(name, '.'))
        path.emplace_back(part);
    return path;
}

bool is_blank(std::string_view text) {
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\r') return false;
    return true;
}

int line_of(std::string_view source, size_t pos) {
    int line = 1;
    for (size_t i = 0; i < pos && i < source.size(); ++i)
        if (source[i] == '\n') ++line;
    return line;
}

Error syntax_error(std::string_view source, size_t pos, const std::string& what) {
    return Error::invalid("template", "line " + std::to_string(line_of(source, pos)) + ": " + what);
}

void append_text(std::vector<Node>& nodes, std::string_view text) {
    if (text.empty()) return;
    if (!nodes.empty() && nodes.back().kind == Node::Kind::text) {
        nodes.back().text += text;
        return;
    }
    Node n;
    n.kind = Node::Kind::text;
    n.text = std::string(text);
    nodes.push_back(std::move(n));
}

}  // namespace

Result<Template> Template::compile(std::string_view source) {
    // The open sections, innermost last; the root is the template itself.
    std::vector<std::vector<Node>> stack(1);
    struct Open {
        std::string name;
        size_t pos;
        bool inverted;
    };
    std::vector<Open> open;
    size_t pos = 0;
    while (pos < source.size()) {
        size_t tag = source.find("{{", pos);
        if (tag == std::string_view::npos) {
            append_text(stack.back(), source.substr(pos));
            break;
        }
        bool triple = source.compare(tag, 3, "{{{") == 0;
        size_t content_start = tag + (triple ? 3 : 2);
        size_t close = source.find(triple ? "}}}" : "}}", content_start);
        if (close == std::string_view::npos) return syntax_error(source, tag, "unterminated tag");
        size_t after = close + (triple ? 3 : 2);
        std::string_view content = trim(source.substr(content_start, close - content_start));
        char sigil = triple ? '{' : (content.empty() ? '\0' : content.front());
        if (!triple && (sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!' ||
                        sigil == '&' || sigil == '>' || sigil == '='))
            content = trim(content.substr(1));
        if (sigil == '=') return syntax_error(source, tag, "delimiter changes are not supported");
        if (sigil == '>')
            return syntax_error(source, tag,
                                "partial '" + std::string(content) + "' was not inlined");

        std::string_view before = source.substr(pos, tag - pos);
        // A section, closing or comment tag alone on its line takes the line.
        bool block = sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!';
        if (block) {
            size_t line_start = source.rfind('\n', tag == 0 ? 0 : tag - 1);
            line_start = (line_start == std::string_view::npos || tag == 0) ? 0 : line_start + 1;
            if (tag > 0 && source[tag - 1] == '\n') line_start = tag;
            size_t line_end = source.find('\n', after);
            std::string_view lead = source.substr(line_start, tag - line_start);
            std::string_view tail = source.substr(
                after, (line_end == std::string_view::npos ? source.size() : line_end) - after);
            if (line_start >= pos && is_blank(lead) && is_blank(tail)) {
                before = source.substr(pos, line_start - pos);
                after = line_end == std::string_view::npos ? source.size() : line_end + 1;
            }
        }
        append_text(stack.back(), before);
        pos = after;

        if (content.empty() && sigil != '!') return syntax_error(source, tag, "empty tag");
        switch (sigil) {
            case '!':
                break;
            case '#':
            case '^': {
                stack.emplace_back();
                open.push_back(Open{std::string(content), tag, sigil == '^'});
                break;
            }
            case '/': {
                if (open.empty())
                    return syntax_error(
                        source, tag, "closing tag '" + std::string(content) + "' has no section");
                if (open.back().name != content)
                    return syntax_error(source, tag,
                                        "section '" + open.back().name + "' is closed by '" +
                                            std::string(content) + "'");
                Node n;
                n.kind = open.back().inverted ? Node::Kind::inverted : Node::Kind::section;
                n.text = open.back().name;
                n.path = split_path(n.text);
                n.children = std::move(stack.back());
                stack.pop_back();
                open.pop_back();
                stack.back().push_back(std::move(n));
                break;
            }
            default: {
                Node n;
                n.kind = (triple || sigil == '&') ? Node::Kind::raw : Node::Kind::escaped;
                n.text = std::string(content);
                n.path = split_path(content);
                stack.back().push_back(std::move(n));
            }
        }
    }
    if (!open.empty())
        return syntax_error(source, open.back().pos,
                            "section '" + open.back().name + "' is never closed");
    Template t;
    t.nodes_ = std::move(stack.front());
    return t;
}

namespace {

// Looks a name up through the context stack: the first part in the
// innermost view that has it, the rest inside that value.
const View* lookup(const std::vector<const View*>& context, const std::vector<std::string>& path) {
    if (path.empty()) return context.back();
    const View* found = nullptr;
    for (auto it = context.rbegin(); it != context.rend(); ++it) {
        if ((*it)->kind() != View::type::object) continue;
        if ((found = (*it)->get(path.front()))) break;
    }
    for (size_t i = 1; found && i < path.size(); ++i)
        found = found->kind() == View::type::object ? found->get(path[i]) : nullptr;
    return found;
}

void render_nodes(const std::vector<Node>& nodes, std::vector<const View*>& context,
                  std::string& out) {
    for (const Node& node : nodes) {
        switch (node.kind) {
            case Node::Kind::text:
                out += node.text;
                break;
            case Node::Kind::escaped:
            case Node::Kind::raw: {
                const View* v = lookup(context, node.path);
                if (!v) break;
                if (v->kind() == View::type::string) {
                    if (node.kind == Node::Kind::raw)
                        out += v->text();
                    else
                        html_escape_append(out, v->text());
                } else if (v->kind() == View::type::bool_true) {
                    out += "true";
                }
                break;
            }
            case Node::Kind::section: {
                const View* v = lookup(context, node.path);
                if (!v || !v->truthy()) break;
                if (v->kind() == View::type::list) {
                    for (const View& item : v->items()) {
                        context.push_back(&item);
                        render_nodes(node.children, context, out);
                        context.pop_back();
                    }
                } else {
                    context.push_back(v);
                    render_nodes(node.children, context, out);
                    context.pop_back();
                }
                break;
            }
            case Node::Kind::inverted: {
                const View* v = lookup(context, node.path);
                if (!v || !v->truthy()) render_nodes(node.children, context, out);
                break;
            }
        }
    }
}

}  // namespace

void Template::render(const View& view, std::string& out) const {
    std::vector<const View*> context{&view};
    context.reserve(16);
    render_nodes(nodes_, context, out);
}

std::string Template::render(const View& view) const {
    std::string out;
    render(view, out);
    return out;
}

}  // namespace dateline
