#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/advisor/finding.hpp"

/// Small helpers shared by the plain-text and Markdown renderers.
namespace pipeadvise::render::text {

/// Word-wraps `text` to `width` columns, prefixing every line with `indent`.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent);
/// Left-aligned column of `width` characters (UTF-8 aware: counts code points).
std::string pad(std::string_view text, std::size_t width);
/// Right-aligned column.
std::string pad_left(std::string_view text, std::size_t width);
/// `text` in an ANSI colour when `color` is on (codes: "31" red, "33" yellow, "36" cyan, "1" bold).
std::string paint(std::string_view text, std::string_view code, bool color);
/// ANSI colour code for a severity.
std::string_view severity_color(advisor::Severity s);
/// "42.0%" style percentage of a 0..1 share (more digits near 100%).
std::string percent(double share);
/// A plain table: header row, then rows; the first column left-aligned, others right-aligned.
std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  std::string_view indent);

}  // namespace pipeadvise::render::text
