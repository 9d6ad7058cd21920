#include <iostream>

#include "pipeadvise/version.hpp"

int main() {
    std::cout << "pipeadvise " << pipeadvise::k_version << '\n';
    return 0;
}
