#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

/// A pool of simulation tasks shared by the calls of pipeline::simulate that run side by side
/// (the points of a what-if grid). The pool has no threads of its own: each call submits its
/// (mode, replication) tasks, and a thread that would otherwise wait — for its own tasks, for
/// a simulation another call is running, or for the last points of a grid — runs pending
/// tasks of any call instead. So a grid with few distinct simulations still keeps every
/// thread busy. Which thread runs a task never changes its output: each task writes only its
/// own slot, and its random streams are keyed by the task, not by the thread.
namespace pipeadvise::pipeline {

class TaskPool {
public:
    /// `count` tasks, `run(i)` for i in [0, count), run by whichever threads help.
    class Batch {
    public:
        /// Whether every task has finished or been skipped after a failure.
        bool done() const;

    private:
        friend class TaskPool;
        Batch(std::size_t count, std::function<void(std::size_t)> run);
        std::size_t m_count;
        std::function<void(std::size_t)> m_run;
        std::size_t m_next = 0;      // next task to hand out (guarded by the pool's mutex)
        std::size_t m_finished = 0;  // tasks finished or skipped
        std::size_t m_failed_at;     // index of the lowest failing task, m_count if none
        std::exception_ptr m_error;
    };

    /// Queues a batch; its tasks are handed out in index order, oldest batch first.
    std::shared_ptr<Batch> submit(std::size_t count, std::function<void(std::size_t)> run);
    /// Runs pending tasks (of any batch) until `batch` is done, then rethrows the error of its
    /// lowest failing task, if any. After a failure the batch's tasks not yet started are
    /// skipped; those started run to the end, so the error is the same whatever the timing.
    void wait(Batch& batch);
    /// Runs pending tasks until `ready()` holds. `ready` is checked under the pool's lock:
    /// whoever makes it true without finishing a task must call notify() afterwards.
    void help_until(const std::function<bool()>& ready);
    /// Wakes the threads in help_until to check their condition again.
    void notify();

private:
    // Takes the next task under `lock` and runs it without; false when none is pending.
    bool run_one(std::unique_lock<std::mutex>& lock);

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::shared_ptr<Batch>> m_pending;  // batches with tasks not yet handed out
};

}  // namespace pipeadvise::pipeline
