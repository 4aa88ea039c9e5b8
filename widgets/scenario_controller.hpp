// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's single source of truth: the current scenario, the presets it came from, and its
// evaluated Result. Views subscribe to scenarioChanged(); nothing else changes the scenario.
#pragma once

#include "afd/model.hpp"
#include "afd/presets.hpp"
#include "afd/serving_comparison.hpp"
#include "latest_wins_job.hpp"

#include <QObject>
#include <QString>
#include <QUndoStack>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace afd::ui {

class ScenarioController : public QObject {
    Q_OBJECT
  public:
    explicit ScenarioController(const PresetLibrary& library, QObject* parent = nullptr);

    const Scenario& scenario() const noexcept { return current_; }
    const Result& result() const noexcept { return result_; }
    const PresetLibrary& library() const noexcept { return library_; }
    QString name() const { return name_; }
    // The figure block of the last scenario file loaded (what a view reproducing a paper
    // figure draws: its sigmas, N_F values, ranges); null when that file had none.
    const FigureSpec* figure() const { return figure_ ? &*figure_ : nullptr; }
    QString hardwareId() const { return QString::fromStdString(hardware_.id); }
    QString modelId() const { return QString::fromStdString(model_.id); }
    const Preset& hardwarePreset() const noexcept { return hardware_; }
    const Preset& modelPreset() const noexcept { return model_; }
    // Heterogeneous AFD: the attention GPUs' hardware preset, or null when they are the same
    // GPUs as the FFN side's (the default).
    const Preset* attentionHardwarePreset() const noexcept {
        return attentionPreset_ ? &*attentionPreset_ : nullptr;
    }
    QString attentionHardwareId() const; // "" when the same
    // The attention GPUs' values (the current scenario with that preset applied), or null.
    const Scenario* attentionHardware() const noexcept {
        return attentionPreset_ ? &attention_ : nullptr;
    }
    // EP and AFD on the current scenario (best of each with its frontier, and the scenario's
    // own deployments): computed on first use after a change, then kept until the next one.
    const ServingComparison& serving() const;
    // The same without blocking, for what is on screen all the time (the inspector): null while
    // the comparison for the current scenario is not ready; asking starts it on a worker (the
    // newest scenario wins) and servingReady() follows.
    const ServingComparison* servingIfReady();
    // Waits for the worker's comparison (tests, exports).
    void finishServing();

    // How many times the scenario changed (for views that compute asynchronously).
    quint64 generation() const noexcept { return generation_; }

    // Each setter validates the whole resulting scenario; an invalid change is refused with
    // rejected(message) and the previous valid state is kept.
    bool setValue(Param param, double value);
    bool setValues(const std::vector<std::pair<Param, double>>& values);
    bool setHardware(const QString& id);
    bool setModel(const QString& id);
    // "" (or the FFN hardware's own id) for the same GPUs on both sides.
    bool setAttentionHardware(const QString& id);
    bool usePreset(const Preset& preset); // a hardware or model preset opened from a file
    bool loadScenario(const ScenarioFile& file);

    // The value the current presets (and scenario file) give, before the user's changes.
    double baseline(Param param) const noexcept { return baseline_[param]; }
    bool isModified(Param param) const noexcept { return current_[param] != baseline_[param]; }
    bool isGroupModified(ParamGroup group) const noexcept;
    void resetParameter(Param param);
    void resetGroup(ParamGroup group);

    // Every accepted change is one undo step, except that changes between beginInteraction()
    // and endInteraction() (a slider drag, a deck animation) merge into a single step.
    QUndoStack& undoStack() noexcept { return undo_; }
    void beginInteraction();
    void endInteraction();
    // While suspended, changes are applied but not recorded (used while animating).
    void setRecording(bool on) { recording_ = on; }

    // The whole state, for undo and for restoring a saved session.
    struct State {
        Scenario current;
        Scenario baseline;
        Preset hardware;
        Preset model;
        QString name;
        std::optional<Preset> attentionHardware;
    };
    State state() const;
    void restore(const State& state);

  signals:
    void scenarioChanged();
    void presetsChanged();
    void rejected(const QString& message);
    void servingReady();

  private:
    bool commit(const Scenario& candidate, const Scenario& baseline);
    void record(const State& before);

    const PresetLibrary& library_;
    Preset hardware_;
    Preset model_;
    std::optional<Preset> attentionPreset_;
    Scenario attention_; // current_ with attentionPreset_ applied (when set)
    mutable std::optional<ServingComparison> serving_;
    mutable quint64 servingGeneration_ = 0;
    using ServingJobResult = std::pair<quint64, ServingComparison>;
    std::unique_ptr<LatestWinsJob<ServingJobResult>> servingJob_;
    quint64 servingRequested_ = 0;
    Scenario baseline_;
    Scenario current_;
    Result result_;
    QString name_;
    std::optional<FigureSpec> figure_;
    quint64 generation_ = 0;
    QUndoStack undo_;
    int interaction_ = 0; // non-zero during a drag: its changes merge into one undo step
    int interactionSerial_ = 0;
    bool recording_ = true;
    bool restoring_ = false;
    bool presetSwitch_ = false;
};

} // namespace afd::ui
