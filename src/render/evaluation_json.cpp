#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/json.hpp"

namespace pipeadvise::render::detail {

// One file: the spec §4 object; several files: an array of them, in argument order.
std::string evaluation_json(const Evaluations& evaluations, const RenderOptions& options) {
    if (evaluations.size() == 1) return json::to_json(evaluations.front(), options.version).dump(2) + "\n";
    nlohmann::json all = nlohmann::json::array();
    for (const auto& e : evaluations) all.push_back(json::to_json(e, options.version));
    return all.dump(2) + "\n";
}

}  // namespace pipeadvise::render::detail
