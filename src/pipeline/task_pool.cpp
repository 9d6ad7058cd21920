#include "pipeadvise/pipeline/task_pool.hpp"

#include <utility>

namespace pipeadvise::pipeline {

TaskPool::Batch::Batch(std::size_t count, std::function<void(std::size_t)> run)
    : m_count(count), m_run(std::move(run)), m_failed_at(count) {}

bool TaskPool::Batch::done() const {
    return m_finished == m_count;
}

std::shared_ptr<TaskPool::Batch> TaskPool::submit(std::size_t count, std::function<void(std::size_t)> run) {
    std::shared_ptr<Batch> batch(new Batch(count, std::move(run)));
    if (count == 0) return batch;
    {
        std::lock_guard lock(m_mutex);
        m_pending.push_back(batch);
    }
    m_changed.notify_all();
    return batch;
}

bool TaskPool::run_one(std::unique_lock<std::mutex>& lock) {
    if (m_pending.empty()) return false;
    std::shared_ptr<Batch> batch = m_pending.front();
    const std::size_t i = batch->m_next++;
    if (batch->m_next == batch->m_count) m_pending.pop_front();
    std::exception_ptr error;
    lock.unlock();
    try {
        batch->m_run(i);
    } catch (...) {
        error = std::current_exception();
    }
    lock.lock();
    ++batch->m_finished;
    if (error && i < batch->m_failed_at) {
        batch->m_failed_at = i;
        batch->m_error = error;
    }
    if (error && batch->m_next < batch->m_count) {
        // Tasks after a failure are not started: every task before it already has been, as
        // tasks are handed out in order, so the lowest failing index is known once they end.
        batch->m_finished += batch->m_count - batch->m_next;
        batch->m_next = batch->m_count;
        std::erase(m_pending, batch);
    }
    m_changed.notify_all();
    return true;
}

void TaskPool::wait(Batch& batch) {
    help_until([&batch] { return batch.done(); });
    std::lock_guard lock(m_mutex);
    if (batch.m_error) std::rethrow_exception(batch.m_error);
}

void TaskPool::help_until(const std::function<bool()>& ready) {
    std::unique_lock lock(m_mutex);
    while (!ready()) {
        if (!run_one(lock)) m_changed.wait(lock);
    }
}

void TaskPool::notify() {
    { std::lock_guard lock(m_mutex); }
    m_changed.notify_all();
}

}  // namespace pipeadvise::pipeline
