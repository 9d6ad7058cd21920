#include "pipeadvise/render/formats.hpp"
#include "pipeadvise/render/json.hpp"

namespace pipeadvise::render::detail {

// One file: the spec §4 object; several files: an array of them, in argument order.
std::string evaluation_json(const Evaluations& evaluations, const RenderOptions& options) {
    if (evaluations.size() == 1)
        return json::to_json(evaluations.front(), options.version)
                   .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
               "\n";
    nlohmann::json all = nlohmann::json::array();
    for (const auto& e : evaluations) all.push_back(json::to_json(e, options.version));
    // A file name need not be UTF-8: replaced (U+FFFD), never a type_error escaping as exit 3.
    return all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace pipeadvise::render::detail
