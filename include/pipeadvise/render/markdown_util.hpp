#pragma once

#include <string>
#include <string_view>

/// Escaping for text from a workload placed in Markdown.
namespace pipeadvise::render::markdown {

/// Escapes text for a table cell: `|`, `<`, `>`, `&`, backticks, `*`, `_`, `[`, `]`, and
/// newlines (as `<br>`), so hostile text cannot break the table or inject HTML.
std::string cell(std::string_view text);
/// Escapes inline text outside tables the same way, keeping newlines as spaces.
std::string inline_text(std::string_view text);

}  // namespace pipeadvise::render::markdown
