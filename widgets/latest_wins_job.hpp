// SPDX-License-Identifier: GPL-3.0-or-later
// One background computation at a time whose newest request wins: what the heatmap (and any
// view whose numbers take longer than a frame) needs while a slider moves.
//
// submit() while a run is in flight does not queue a second run: it replaces the waiting work,
// flags the running one as cancelled (work that polls the flag may stop early) and drops its
// result. When the running work ends, the newest waiting work starts. Results are handed back
// on the context object's thread (the GUI thread), never from the worker.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

namespace afd::ui {

template <typename Result>
class LatestWinsJob {
  public:
    // Work runs on a worker thread; it may poll `cancelled` and return early (its result is
    // then dropped).
    using Work = std::function<Result(const std::atomic<bool>& cancelled)>;

    LatestWinsJob(QObject* context, std::function<void(Result&&)> deliver)
        : deliver_(std::move(deliver)) {
        QObject::connect(&watcher_, &QFutureWatcher<Result>::finished, context,
                         [this] { onFinished(); });
    }
    ~LatestWinsJob() {
        waiting_.reset();
        if (cancelled_) {
            *cancelled_ = true;
        }
        watcher_.waitForFinished();
    }
    LatestWinsJob(const LatestWinsJob&) = delete;
    LatestWinsJob& operator=(const LatestWinsJob&) = delete;

    void submit(Work work) {
        if (running_) {
            *cancelled_ = true; // the running result is stale already
            waiting_ = std::move(work);
            return;
        }
        start(std::move(work));
    }

    // Running, or work waiting to run.
    bool busy() const { return running_ || waiting_.has_value(); }
    // Runs until nothing is left and delivers the last result here (exports, tests).
    void finish() {
        while (running_) {
            watcher_.waitForFinished();
            onFinished();
        }
    }
    // How many runs started (for tests and benchmarks: a burst of submissions costs few runs).
    int runs() const { return runs_; }

  private:
    void start(Work work) {
        running_ = true;
        ++runs_;
        cancelled_ = std::make_shared<std::atomic<bool>>(false);
        watcher_.setFuture(
            QtConcurrent::run([work = std::move(work), flag = cancelled_] { return work(*flag); }));
    }

    void onFinished() {
        if (!running_) {
            return; // already handled by finish()
        }
        running_ = false;
        if (waiting_) {
            // Newer work was submitted, which cancelled this run: its result is never shown.
            Work next = std::move(*waiting_);
            waiting_.reset();
            start(std::move(next));
            return;
        }
        if (!*cancelled_) {
            deliver_(watcher_.result());
        }
    }

    std::function<void(Result&&)> deliver_;
    QFutureWatcher<Result> watcher_;
    std::optional<Work> waiting_;
    std::shared_ptr<std::atomic<bool>> cancelled_;
    bool running_ = false;
    int runs_ = 0;
};

} // namespace afd::ui
