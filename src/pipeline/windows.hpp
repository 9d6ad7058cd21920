#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>

#include "pipeadvise/pipeline/replication.hpp"

// Private to src/pipeline: the window/watermark/emission semantics that streaming and
// micro-batch share (spec §7 "one semantics in every mode").
namespace pipeadvise::pipeline {

// Stateful output: tumbling event-time windows that emit when the stream has been read
// up to window end + watermark. Each window keeps k_window_bins event-time sub-bins so
// memory is bounded whatever the volume.
class Windows {
public:
    Windows(const Plan& plan, Recorder& recorder)
        : m_window(plan.window),
          m_watermark(plan.watermark),
          m_filled_gap(
              std::min<std::int64_t>(k_max_filled_gap, (plan.window + plan.watermark) / plan.window + 1)),
          m_recorder(recorder) {}

    void add(Ticks event, double weight, Ticks completion) {
        const std::int64_t k = event / m_window;
        if (!m_open.empty() && k < m_open.front().k) {
            // Its window has already fired: the update is emitted on its own.
            m_recorder.complete(to_seconds(completion - event), weight, completion);
            return;
        }
        Window* w = nullptr;
        if (!m_open.empty() && k == m_open.back().k) {
            w = &m_open.back();  // the common case: an on-time event in the newest window
        } else if (m_open.empty() || k > m_open.back().k) {
            // Gaps a late event can still reach get empty windows (they emit nothing), so that
            // open windows stay consecutive and a late event finds its window by index, not by
            // a search and an insertion in the middle; longer ones stay gaps (bounded work).
            if (!m_open.empty() && k - m_open.back().k <= m_filled_gap)
                for (std::int64_t g = m_open.back().k + 1; g < k; ++g) m_open.push_back(Window{g});
            m_open.push_back(Window{k});
            w = &m_open.back();
        } else if (const auto i = static_cast<std::size_t>(k - m_open.front().k);
                   i < m_open.size() && m_open[i].k == k) {
            w = &m_open[i];  // open windows are usually consecutive: the key is the index
        } else {
            auto it = std::lower_bound(m_open.begin(), m_open.end(), k,
                                       [](const Window& x, std::int64_t key) { return x.k < key; });
            if (it == m_open.end() || it->k != k) it = m_open.insert(it, Window{k});
            w = &*it;
        }
        const Ticks offset = event - k * m_window;
        const auto b =
            static_cast<std::size_t>(std::min<Ticks>(k_window_bins - 1, offset * k_window_bins / m_window));
        w->weight[b] += weight;
        w->offset_sum[b] += to_seconds(offset) * weight;
        w->last_completion = std::max(w->last_completion, completion);
    }

    /// The stream has been read at `at` up to arrival `arrival`: windows whose end plus the
    /// watermark has passed emit.
    void fire_until(Ticks arrival, Ticks at) {
        while (!m_open.empty() && fire_time(m_open.front()) <= arrival) {
            emit(m_open.front(), at);
            m_open.pop_front();
        }
    }

    /// End of the run: every open window fires at its time (not before `at`), or at the
    /// first trigger of the `grid` after it when runs are triggered (micro-batch).
    void fire_all(Ticks at, Ticks grid = 0, Ticks overhead = 0) {
        for (const Window& w : m_open) {
            Ticks t = std::max(at, fire_time(w));
            if (grid > 0) t = (t + grid - 1) / grid * grid + overhead;
            emit(w, t);
        }
        m_open.clear();
    }

private:
    static constexpr std::int64_t k_max_filled_gap = 1024;
    struct Window {
        std::int64_t k = 0;
        Ticks last_completion = 0;
        std::array<double, k_window_bins> weight{};
        std::array<double, k_window_bins> offset_sum{};
    };
    Ticks fire_time(const Window& w) const { return (w.k + 1) * m_window + m_watermark; }
    void emit(const Window& w, Ticks at) {
        const Ticks emitted = std::max(at, w.last_completion);
        const double start = to_seconds(w.k * m_window);
        for (int b = 0; b < k_window_bins; ++b) {
            if (!(w.weight[b] > 0.0)) continue;
            const double mean_event = start + w.offset_sum[b] / w.weight[b];
            m_recorder.complete(std::max(0.0, to_seconds(emitted) - mean_event), w.weight[b], emitted);
        }
    }

    Ticks m_window;
    Ticks m_watermark;
    std::int64_t m_filled_gap;  // windows a late event can reach: (window + watermark) / window + 1
    Recorder& m_recorder;
    std::deque<Window> m_open;
};

}  // namespace pipeadvise::pipeline
