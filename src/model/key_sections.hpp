#pragma once

// The sections of the key table (private to src/model/): each keys_*.cpp file holds the keys
// of one part of a workload file, bound to the members they fill, with their bounds and
// examples. keys.cpp puts them together (workload_fields) and documents them (workload_keys).

#include <vector>

#include "fields.hpp"

namespace pipeadvise::model::loading {

// A use case may override the shared batch schedule and micro-batch trigger (spec §9); both
// places read the same entry. Lower bounds where a tiny value would drive a simulation loop
// once per interval: a 1 ns schedule is an input error instead of a hang.
inline constexpr Bounds k_batch_schedule_bounds{1 * k_s, 10 * k_year, "12h"};
inline constexpr Bounds k_micro_batch_trigger_bounds{10 * k_ms, 10 * k_year, "2m"};

/// keys_use_case.cpp: latency, computation and data of one use case (at the top level, or in
/// a `use_cases` entry when `required`).
std::vector<Field> use_case_body_fields(Reader& r, UseCase& u, bool required);
/// keys_use_case.cpp: one entry of `use_cases`.
std::vector<Field> use_case_fields(Reader& r, UseCase& u);
/// keys_infrastructure.cpp
std::vector<Field> team_fields(Reader& r, Team& t);
std::vector<Field> infrastructure_fields(Reader& r, Infrastructure& i);
/// keys_proposal.cpp
std::vector<Field> proposal_fields(Reader& r, Proposal& p);
/// keys_simulation.cpp
std::vector<Field> simulation_fields(Reader& r, Simulation& s);

}  // namespace pipeadvise::model::loading
