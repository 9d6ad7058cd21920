#include "pipeadvise/util/diagnostic.hpp"
#include "spark_internal.hpp"

namespace pipeadvise::ingest::spark_detail {

void fail(const std::string& file, int line, int column, const std::string& message) {
    throw util::Error({util::Diagnostic{util::Location{file, line, column}, message}});
}

void json_error(const Position& at, od::document& doc, simdjson::error_code error, std::string_view what) {
    int column = 1;
    const char* where = nullptr;
    if (doc.current_location().get(where) == simdjson::SUCCESS && where != nullptr && where >= at.begin)
        column = static_cast<int>(where - at.begin) + 1;
    std::string message = "malformed ";
    message += what;
    message += ": ";
    message += simdjson::error_message(error);
    fail(at.file, at.line, column, message);
}

simdjson::error_code get_int(od::value value, std::int64_t& out) {
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    if (type == od::json_type::number) {
        double d = 0;
        std::int64_t i = 0;
        // Counters and epoch milliseconds fit int64; a figure written with a fraction or an exponent
        // is truncated instead of rejected.
        if (value.get_int64().get(i) == simdjson::SUCCESS) {
            out = i;
            return simdjson::SUCCESS;
        }
        if (auto e = value.get_double().get(d)) return e;
        out = static_cast<std::int64_t>(d);
        return simdjson::SUCCESS;
    }
    if (type == od::json_type::null) return simdjson::SUCCESS;  // absent figure: keep the default
    return simdjson::INCORRECT_TYPE;
}

simdjson::error_code get_text(od::value value, std::string& out) {
    od::json_type type;
    if (auto e = value.type().get(type)) return e;
    if (type == od::json_type::null) return simdjson::SUCCESS;
    std::string_view s;
    if (auto e = value.get_string().get(s)) return e;
    out.assign(s);
    return simdjson::SUCCESS;
}

std::string_view trim(std::string_view s) {
    // '\r' too: a log written or copied on Windows ends its lines in CRLF.
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

}  // namespace pipeadvise::ingest::spark_detail
