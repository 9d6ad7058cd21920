#include "pipeadvise/version.hpp"

namespace pipeadvise {
/// Version string of the core library (links the layers into one archive).
const char* core_version() {
    return k_version;
}
}  // namespace pipeadvise
