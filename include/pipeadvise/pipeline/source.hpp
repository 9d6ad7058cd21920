#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pipeadvise/des/random.hpp"
#include "pipeadvise/pipeline/plan.hpp"

/// The source of the reference pipeline: events with an event time, arriving in the log
/// (late ones after their event time), delivered in arrival order one entity at a time.
namespace pipeadvise::pipeline {

/// One simulated entity: a single event, or a group of events that share arrival and fate
/// and are spread uniformly over [arrival, arrival + spread).
struct Entity {
    Ticks arrival = 0;     ///< arrival in the log (start of the spread), ticks
    Ticks event_time = 0;  ///< event time (start of the spread), ticks
    Ticks spread = 0;      ///< 0 for a single event
    double weight = 1.0;   ///< events represented
    double work = 0.0;     ///< single-server service time of all its events, seconds
    double rate = 0.0;     ///< groups: arrival rate of the source around them, events/s
    bool late = false;     ///< arrived after its event time (data.late_arrivals)
};

/// Service time of `n` events on one node, seconds: one draw for a single event, the sum of
/// n draws for small integer n, a mean/variance-matched law (normal for exponential,
/// Fenton-Wilkinson lognormal for lognormal) above; n / mu for deterministic service.
double aggregate_service(des::Rng& rng, const Plan& plan, double n);
/// One event's service time on one node, seconds (simulation.service, mean 1/mu).
double one_service(des::Rng& rng, const Plan& plan);
/// Skewness of the work of a slot that brings `n` events on average, as aggregate_service
/// draws it: a Poisson count of events (a fixed count with constant arrivals), each group's sum
/// exact up to 32 events and normal with matched mean and variance above.
double aggregate_service_skewness(const Plan& plan, double n);

/// The entities of one replication's source in delivery order, without their work: what the
/// modes and plans that read the same source (equal arrival_key, same stream) share.
struct ArrivalLog {
    std::vector<Entity> entities;
};

/// Lazy arrival-ordered generator of entities over [0, horizon) of event time. Late events
/// wait in a heap until their arrival. No allocation per event beyond that heap. The arrivals
/// (times, late share, lateness) come from one random stream and the service times from
/// another, drawn as each entity is delivered: a source replaying an ArrivalLog of the same
/// arrivals delivers the same entities with the same work.
class Source {
public:
    /// Arrivals and (if `need_work`, streaming only) service times from `arrivals` and `work`.
    Source(const Plan& plan, des::Rng& arrivals, des::Rng& work, bool need_work);
    /// Both from one stream.
    Source(const Plan& plan, des::Rng& rng, bool need_work) : Source(plan, rng, rng, need_work) {}
    /// Replays `log` (recorded from a plan with the same arrival_key), drawing work from `work`.
    Source(const Plan& plan, const ArrivalLog& log, des::Rng& work, bool need_work);
    /// Next entity in arrival order; false when every event has been delivered.
    bool next(Entity& out);
    /// True when next() would return false.
    bool exhausted();

private:
    struct Pending {
        Entity entity;
        std::uint64_t sequence;
    };
    bool next_generated(Entity& out);
    bool refill();
    bool refill_event();
    bool refill_group();
    void push_late(const Entity& e);
    Ticks draw_lateness();

    const Plan& m_plan;
    des::Rng& m_rng;
    des::Rng& m_work;
    bool m_need_work;
    const ArrivalLog* m_log = nullptr;  // replaying when set
    std::size_t m_log_next = 0;
    bool m_has_on_time = false;
    bool m_on_time_done = false;
    Entity m_on_time;
    std::vector<Pending> m_late;  // min-heap on (arrival, sequence)
    std::uint64_t m_sequence = 0;
    Ticks m_clock = 0;            // per-event generation time
    std::int64_t m_index = 0;     // constant arrivals: event index; grouped: slot index
    double m_interval_ticks = 0;  // constant arrivals: ticks between events
    double m_peak_rate = 0;       // thinning bound for diurnal arrivals, events/s
};

/// Every arrival of `plan`'s source from `arrivals`, in delivery order (a Source without work).
ArrivalLog record_arrivals(const Plan& plan, des::Rng& arrivals);
/// The bytes of every Plan field the source reads: two plans with the same key give the same
/// arrivals from the same stream.
std::string arrival_key(const Plan& plan);

}  // namespace pipeadvise::pipeline
