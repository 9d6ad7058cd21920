#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>

#include "pipeadvise/advisor/advisor.hpp"
#include "pipeadvise/advisor/wording.hpp"
#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/physics/capacity.hpp"
#include "pipeadvise/physics/incidents.hpp"
#include "pipeadvise/physics/recovery.hpp"
#include "pipeadvise/pipeline/plan.hpp"
#include "workload_file.hpp"

// The advisor's prose and the simulator's plan read one analytic model (physics/): on every
// bundled scenario the worst case the advisor quotes is built from the same detection,
// repair, restart, restore and rebuild figures the simulator applies per failure.

using namespace pipeadvise;

namespace {

std::vector<std::filesystem::path> scenario_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(PIPEADVISE_SOURCE_DIR) / "scenarios")) {
        if (e.path().extension() == ".yaml") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

const advisor::Question& failure_question(const advisor::UseCaseAdvice& advice) {
    for (const auto& q : advice.questions) {
        if (q.id == "failure") return q;
    }
    FAIL("no failure question");
    return advice.questions.front();
}

}  // namespace

TEST_CASE("on every scenario the advisor's worst case and the simulator's plan agree",
          "[physics][scenarios]") {
    const auto files = scenario_files();
    REQUIRE(files.size() >= 14);
    for (const auto& file : files) {
        INFO(file.filename().string());
        const model::Workload w = test::load_workload_file(file);
        const advisor::Advice advice = advisor::advise(w, {});
        REQUIRE(advice.use_cases.size() == w.use_cases.size());
        for (std::size_t i = 0; i < w.use_cases.size(); ++i) {
            const model::UseCase& uc = w.use_cases[i];
            INFO(uc.name);
            const model::Architecture arch = advice.use_cases[i].recommendation.architecture;
            const physics::RecoveryEstimate rec =
                physics::worst_case_recovery(arch, uc, w.team, w.infrastructure);

            // The advisor quotes exactly this estimate.
            const std::string& reason = failure_question(advice.use_cases[i]).reason;
            CHECK(reason.find(advisor::describe_recovery(rec)) != std::string::npos);

            const pipeline::Plan plan = pipeline::make_plan(w, uc, {});
            CHECK(plan.capacity == physics::capacity_per_second(w.infrastructure, uc.data));

            // Detection: the plan's worst detection (a failure as the night starts) is the
            // advisor's detection figure.
            const pipeline::Ticks night_start =
                physics::k_night_start_hour * 3600 * pipeline::k_ticks_per_second;
            CHECK(pipeline::to_seconds(pipeline::detection_delay(plan, night_start)) ==
                  Approx(rec.detection_seconds).margin(1e-9));
            CHECK(plan.response.repair_seconds == physics::incident_response(w.team.maturity).repair_seconds);

            if (arch == model::Architecture::micro_batch || model::Architecture::full_streaming == arch ||
                arch == model::Architecture::simple_streaming) {
                CHECK(rec.restart_seconds == pipeline::to_seconds(plan.job_startup));
            }
            if (arch != model::Architecture::full_streaming || !uc.computation.stateful) continue;

            // Stateful streaming: restore, corrupted-checkpoint repair and rebuild.
            const double replay =
                physics::checkpoint_replay_seconds(w.infrastructure.checkpoint_interval.seconds(),
                                                   physics::peak_rate_per_second(uc.data), plan.capacity);
            CHECK(pipeline::to_ticks(rec.restore_seconds - replay) == plan.restore);
            CHECK(rec.repair_seconds == plan.response.repair_seconds +
                                            physics::checkpoint_repair_seconds(plan.response, plan.runbook));
            CHECK(plan.state_horizon == physics::state_horizon(uc, w.infrastructure).ns);
            const double rebuild = physics::rebuild_seconds(
                plan.rate, pipeline::to_seconds(std::min(plan.retention, plan.state_horizon)), plan.capacity);
            CHECK(rec.rebuild_seconds == Approx(rebuild).epsilon(1e-12));
        }
    }
}
