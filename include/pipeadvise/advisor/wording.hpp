#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/advisor/estimates.hpp"
#include "pipeadvise/model/workload.hpp"

/// Small text helpers shared by the questions and the findings, so numbers read the same
/// everywhere the advisor cites them.
namespace pipeadvise::advisor {

/// Dotted path of `key` inside a use case: "latency.sla" or "use_cases[1].latency.sla".
std::string path_in(const model::UseCase& use_case, std::string_view key);
/// A share 0..1 as a percentage with enough digits to be non-zero when the share is: "1.6%",
/// "0.20%", "0.0031%".
std::string percent(double fraction);
/// A share of events meeting the SLA, rounded down to 0.1 % so a miss never prints as 100 %:
/// "99.6%", "100%", "7.0%".
std::string attainment_text(double fraction);
/// An event count: "1234", "12.3k", "350.9M", "3.6G".
std::string count_text(double count);
/// A cost multiplier: "4.1×".
std::string times(double multiplier);
/// "a", "a and b", "a, b and c".
std::string join_words(const std::vector<std::string>& words);
/// Seconds for a sentence: whole minutes as a duration ("15m", "2h"), anything else as a
/// statistic ("5.8s", "1h02m").
std::string human_seconds(double seconds);
/// The non-zero parts of a recovery estimate: "15m detection + 45m repair + 3m restart".
std::string describe_recovery(const RecoveryEstimate& recovery);
/// Capitalises the first letter (ASCII).
std::string capitalised(std::string text);

}  // namespace pipeadvise::advisor
