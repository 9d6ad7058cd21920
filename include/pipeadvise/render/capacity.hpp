#pragma once

#include <string>
#include <vector>

#include "pipeadvise/evaluation/platform.hpp"
#include "pipeadvise/model/sizing.hpp"
#include "pipeadvise/pipeline/result.hpp"

/// One-line explanations of a mode's cluster and log (spec §8), shared by the text, Markdown
/// and HTML renderers: "7 nodes: 23.1k/s peak at 70 % of 5k/s per node".
namespace pipeadvise::render {

/// Why the mode holds its nodes.
std::string nodes_explanation(const model::NodeSizing& sizing);
/// Why the log has its brokers.
std::string brokers_explanation(const model::BrokerSizing& sizing);
/// "10 nodes, 3 brokers" (brokers only for the modes that read the log).
std::string cluster_summary(const pipeline::ModeResult& result);
/// The shared platform of a file with use cases, one plain sentence per line: its layers, its
/// log, its cost by part and its multiplier over an all-batch platform.
std::vector<std::string> platform_lines(const evaluation::PlatformCost& platform);

}  // namespace pipeadvise::render
