// libFuzzer harness: the unit parsers (durations, sizes, rates, money, numbers). Invariants:
// a value or an error, never both or neither; accepted values are within the documented
// bounds (never negative, never past the caps); durations round-trip through their human form.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "pipeadvise/util/unit_limits.hpp"
#include "pipeadvise/util/units.hpp"

namespace {

template <class T>
void require_one(const pipeadvise::util::ParseResult<T>& r) {
    if (r.value.has_value() == !r.error.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace pipeadvise::util;
    if (size > 4096) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    const auto duration = parse_duration(text);
    require_one(duration);
    if (duration) {
        if (duration.value->ns < 0 || duration.value->ns > k_max_duration_ns) __builtin_trap();
        const auto again = parse_duration(format_duration(*duration.value));
        if (!again || again.value->ns != duration.value->ns) __builtin_trap();
    }
    const auto size_bytes = parse_size(text);
    require_one(size_bytes);
    if (size_bytes && (*size_bytes.value < 0 || *size_bytes.value > k_max_size_bytes)) __builtin_trap();

    const auto rate = parse_rate(text);
    require_one(rate);
    if (rate && (!std::isfinite(*rate.value) || *rate.value < 0.0)) __builtin_trap();

    const auto money = parse_money(text);
    require_one(money);
    if (money && (!std::isfinite(*money.value) || *money.value < 0.0)) __builtin_trap();

    const auto number = parse_number(text);
    require_one(number);
    if (number && !std::isfinite(*number.value)) __builtin_trap();
    return 0;
}
