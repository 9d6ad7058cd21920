#include "pipeadvise/pipeline/source.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "pipeadvise/des/portable_math.hpp"

namespace pipeadvise::pipeline {

namespace {

// Largest group whose service is summed draw by draw; above, a matched law is drawn.
constexpr double k_exact_sum_limit = 32.0;

bool later(const auto& a, const auto& b) {
    return a.entity.arrival > b.entity.arrival ||
           (a.entity.arrival == b.entity.arrival && a.sequence > b.sequence);
}

}  // namespace

double one_service(des::Rng& rng, const Plan& plan) {
    const double mean = 1.0 / plan.node_throughput;
    switch (plan.service) {
        case model::ServiceDistribution::deterministic:
            return mean;
        case model::ServiceDistribution::exponential:
            return des::exponential(rng, plan.node_throughput);
        case model::ServiceDistribution::lognormal: {
            const double s2 = des::portable_log(1.0 + plan.service_cv2);
            return des::lognormal(rng, des::portable_log(mean) - 0.5 * s2, std::sqrt(s2));
        }
    }
    return mean;
}

double aggregate_service(des::Rng& rng, const Plan& plan, double n) {
    if (!(n > 0.0)) return 0.0;
    const double mean = 1.0 / plan.node_throughput;
    if (plan.service == model::ServiceDistribution::deterministic) return n * mean;
    if (n == 1.0) return one_service(rng, plan);
    if (n <= k_exact_sum_limit && n == std::floor(n)) {
        double sum = 0.0;
        for (int i = 0; i < static_cast<int>(n); ++i) sum += one_service(rng, plan);
        return sum;
    }
    // Above, the sum's own law (Gamma(n) for exponential service) is drawn from its normal
    // limit with the same mean and variance: skewness falls as 1/sqrt(n) (below 0.36 for
    // exponential, 0.29 for lognormal at CV 0.5) and a normal costs one logarithm.
    const double m = n * mean;
    const double v = n * plan.service_cv2 * mean * mean;
    return std::max(0.0, des::normal(rng, m, std::sqrt(v)));
}

double aggregate_service_skewness(const Plan& plan, double n) {
    if (!(n > 0.0)) return 0.0;
    // Raw moments of one service time of mean 1.
    double m2 = 1.0, m3 = 1.0;
    if (plan.service == model::ServiceDistribution::exponential) {
        m2 = 2.0;
        m3 = 6.0;
    } else if (plan.service == model::ServiceDistribution::lognormal) {
        m2 = 1.0 + plan.service_cv2;
        m3 = m2 * m2 * m2;
    }
    const double var = m2 - 1.0;
    const bool poisson = plan.arrivals != model::ArrivalProcess::constant;
    // Third cumulant per event: a compound Poisson sum has n·E[S³]; a normal sum of N events
    // (variance N·var) over a Poisson N has n·(3·var + 1); a fixed count n·κ3(S) or nothing.
    double k3 = 0.0;
    if (n > k_exact_sum_limit) {
        k3 = poisson ? 3.0 * var + 1.0 : 0.0;
    } else {
        k3 = poisson ? m3 : m3 - 3.0 * m2 + 2.0;
    }
    const double k2 = poisson ? m2 : var;
    if (!(k2 > 0.0)) return 0.0;
    return k3 / (k2 * std::sqrt(k2) * std::sqrt(n));
}

Source::Source(const Plan& plan, des::Rng& arrivals, des::Rng& work, bool need_work)
    : m_plan(plan), m_rng(arrivals), m_work(work), m_need_work(need_work) {
    if (plan.rate > 0.0) m_interval_ticks = static_cast<double>(k_ticks_per_second) / plan.rate;
    m_peak_rate =
        plan.rate *
        (plan.arrivals == model::ArrivalProcess::diurnal ? plan.diurnal_base + plan.diurnal_scale : 1.0);
    if (!(plan.rate > 0.0)) m_on_time_done = true;
}

Source::Source(const Plan& plan, const ArrivalLog& log, des::Rng& work, bool need_work)
    : m_plan(plan), m_rng(work), m_work(work), m_need_work(need_work), m_log(&log) {}

Ticks Source::draw_lateness() {
    const double l = des::lognormal(m_rng, m_plan.lateness.mu, m_plan.lateness.sigma);
    return std::max<Ticks>(1, to_ticks(std::min(l, k_max_lateness_seconds)));
}

void Source::push_late(const Entity& e) {
    m_late.push_back(Pending{e, m_sequence++});
    std::push_heap(m_late.begin(), m_late.end(),
                   [](const Pending& a, const Pending& b) { return later(a, b); });
}

bool Source::refill_event() {
    for (;;) {
        Ticks t = 0;
        switch (m_plan.arrivals) {
            case model::ArrivalProcess::constant:
                t = std::llround((static_cast<double>(m_index) + 0.5) * m_interval_ticks);
                ++m_index;
                break;
            case model::ArrivalProcess::poisson:
                m_clock += to_ticks(des::exponential(m_rng, m_plan.rate));
                t = m_clock;
                break;
            case model::ArrivalProcess::diurnal:
                // Thinning of a Poisson process at the peak rate.
                for (;;) {
                    m_clock += to_ticks(des::exponential(m_rng, m_peak_rate));
                    if (m_clock >= m_plan.horizon) break;
                    if (m_rng.uniform01() * m_peak_rate < rate_at(m_plan, to_seconds(m_clock))) break;
                }
                t = m_clock;
                break;
        }
        if (t >= m_plan.horizon) {
            m_on_time_done = true;
            return false;
        }
        Entity e;
        e.arrival = e.event_time = t;
        if (m_plan.late_fraction > 0.0 && m_rng.uniform01() < m_plan.late_fraction) {
            e.late = true;
            e.arrival = t + draw_lateness();
            push_late(e);
            continue;
        }
        m_on_time = e;
        m_has_on_time = true;
        return true;
    }
}

bool Source::refill_group() {
    for (;;) {
        const Ticks t0 = m_index * m_plan.slot;
        if (t0 >= m_plan.horizon) {
            m_on_time_done = true;
            return false;
        }
        const Ticks t1 = std::min(t0 + m_plan.slot, m_plan.horizon);
        ++m_index;
        const double length = to_seconds(t1 - t0);
        double n = 0.0;
        double rate = m_plan.rate;
        if (m_plan.arrivals == model::ArrivalProcess::constant) {
            n = m_plan.rate * length;
        } else {
            const double mid = to_seconds(t0) + 0.5 * length;
            rate = rate_at(m_plan, mid);
            n = static_cast<double>(des::poisson(m_rng, rate * length));
        }
        if (!(n > 0.0)) continue;
        const double n_late = n * m_plan.late_fraction;
        const double n_on_time = n - n_late;
        if (n_late > 0.0) {
            Entity late;
            late.event_time = t0;
            late.arrival = t0 + draw_lateness();
            late.spread = t1 - t0;
            late.weight = n_late;
            late.late = true;
            late.rate = rate;
            push_late(late);
        }
        if (n_on_time > 0.0) {
            Entity e;
            e.arrival = e.event_time = t0;
            e.spread = t1 - t0;
            e.weight = n_on_time;
            e.rate = rate;
            m_on_time = e;
            m_has_on_time = true;
            return true;
        }
    }
}

bool Source::refill() {
    return m_plan.grouped ? refill_group() : refill_event();
}

bool Source::next(Entity& out) {
    if (m_log) {
        if (m_log_next >= m_log->entities.size()) return false;
        out = m_log->entities[m_log_next++];
    } else if (!next_generated(out)) {
        return false;
    }
    // Drawn at delivery, from the work stream: the same whether generated or replayed.
    if (m_need_work) out.work = aggregate_service(m_work, m_plan, out.weight);
    return true;
}

bool Source::next_generated(Entity& out) {
    if (!m_has_on_time && !m_on_time_done) refill();
    const bool late_first =
        !m_late.empty() && (!m_has_on_time || m_late.front().entity.arrival < m_on_time.arrival);
    if (late_first) {
        std::pop_heap(m_late.begin(), m_late.end(),
                      [](const Pending& a, const Pending& b) { return later(a, b); });
        out = m_late.back().entity;
        m_late.pop_back();
        return true;
    }
    if (m_has_on_time) {
        out = m_on_time;
        m_has_on_time = false;
        return true;
    }
    return false;
}

bool Source::exhausted() {
    if (m_log) return m_log_next >= m_log->entities.size();
    if (!m_has_on_time && !m_on_time_done) refill();
    return !m_has_on_time && m_late.empty();
}

ArrivalLog record_arrivals(const Plan& plan, des::Rng& arrivals) {
    ArrivalLog log;
    log.entities.reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, plan.expected_entities)) + 16);
    Source source(plan, arrivals, false);
    Entity e;
    while (source.next(e)) log.entities.push_back(e);
    return log;
}

}  // namespace pipeadvise::pipeline
