#include "pipeadvise/advisor/estimates.hpp"

namespace pipeadvise::advisor {

bool is_streaming(model::Architecture architecture) {
    return architecture == model::Architecture::simple_streaming ||
           architecture == model::Architecture::full_streaming;
}

std::string_view simulated_mode(model::Architecture architecture) {
    switch (architecture) {
        case model::Architecture::batch:
            return "batch";
        case model::Architecture::micro_batch:
            return "micro_batch";
        case model::Architecture::simple_streaming:
        case model::Architecture::full_streaming:
            return "streaming";
        case model::Architecture::hybrid:
            return "";
    }
    return "";
}

}  // namespace pipeadvise::advisor
