#pragma once

#include <string>
#include <vector>

#include "pipeadvise/render/render.hpp"

namespace pipeadvise::render {

/// `check --format gitlab`: a GitLab Code Quality report (JSON array, one entry per unwaived
/// finding; see check_gitlab.cpp).
std::string check_gitlab(const std::vector<evaluation::Evaluation>& evaluations, const RenderOptions& options);

}  // namespace pipeadvise::render
