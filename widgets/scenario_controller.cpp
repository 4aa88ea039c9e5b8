// SPDX-License-Identifier: GPL-3.0-or-later
#include "scenario_controller.hpp"

namespace afd::ui {

namespace {

// One step of history: the state before and after a change. Steps of one interaction (the
// same non-zero serial) merge, so a slider drag undoes in one go.
class StateCommand : public QUndoCommand {
  public:
    StateCommand(ScenarioController& controller, ScenarioController::State before,
                 ScenarioController::State after, int serial, const QString& text)
        : QUndoCommand(text), controller_(controller), before_(std::move(before)),
          after_(std::move(after)), serial_(serial) {}
    void undo() override { controller_.restore(before_); }
    void redo() override {
        if (first_) {
            first_ = false; // the change is already applied when the step is recorded
            return;
        }
        controller_.restore(after_);
    }
    int id() const override { return serial_ != 0 ? 1 : -1; }
    bool mergeWith(const QUndoCommand* other) override {
        const auto* o = static_cast<const StateCommand*>(other);
        if (o->serial_ != serial_) {
            return false;
        }
        after_ = o->after_;
        return true;
    }

  private:
    ScenarioController& controller_;
    ScenarioController::State before_;
    ScenarioController::State after_;
    int serial_;
    bool first_ = true;
};

} // namespace

ScenarioController::ScenarioController(const PresetLibrary& library, QObject* parent)
    : QObject(parent), library_(library) {
    const ScenarioFile* def = library.scenario("default");
    if (def == nullptr || !loadScenario(*def)) {
        // The built-in default is validated by the test suite; registry defaults are the same
        // point (DeepSeek-V3 on H800), so the program still starts sensibly.
        result_ = evaluate(current_);
    }
    undo_.clear(); // opening the start scenario is not a step the user can undo
}

ScenarioController::State ScenarioController::state() const {
    return {current_, baseline_, hardware_, model_, name_, attentionPreset_};
}

QString ScenarioController::attentionHardwareId() const {
    return attentionPreset_ ? QString::fromStdString(attentionPreset_->id) : QString();
}

const ServingComparison& ScenarioController::serving() const {
    if ((!serving_ || servingGeneration_ != generation_) && servingJob_ &&
        servingRequested_ == generation_) {
        servingJob_->finish(); // the worker is on this very scenario: wait rather than redo it
    }
    if (!serving_ || servingGeneration_ != generation_) {
        serving_ = compareServing(current_, attentionHardware(), true);
        servingGeneration_ = generation_;
    }
    return *serving_;
}

const ServingComparison* ScenarioController::servingIfReady() {
    if (serving_ && servingGeneration_ == generation_) {
        return &*serving_;
    }
    if (servingRequested_ != generation_) {
        servingRequested_ = generation_;
        if (!servingJob_) {
            servingJob_ = std::make_unique<LatestWinsJob<ServingJobResult>>(
                this, [this](ServingJobResult&& done) {
                    if (done.first != generation_) {
                        return; // the scenario moved on while it ran
                    }
                    serving_ = std::move(done.second);
                    servingGeneration_ = done.first;
                    emit servingReady();
                });
        }
        // The worker gets copies: the scenario may change while it runs.
        servingJob_->submit([generation = generation_, scenario = current_,
                             attention = attentionPreset_
                                             ? std::optional<Scenario>(attention_)
                                             : std::nullopt](const std::atomic<bool>&) {
            return ServingJobResult{
                generation, compareServing(scenario, attention ? &*attention : nullptr, true)};
        });
    }
    return nullptr;
}

void ScenarioController::finishServing() {
    if (servingJob_) {
        servingJob_->finish();
    }
}

bool ScenarioController::setAttentionHardware(const QString& id) {
    std::optional<Preset> preset;
    if (!id.isEmpty() && id.toStdString() != hardware_.id) {
        const Preset* p = library_.hardware(id.toStdString());
        if (p == nullptr) {
            emit rejected(tr("Unknown hardware preset '%1' for the attention GPUs").arg(id));
            return false;
        }
        preset = *p;
    }
    if ((preset ? preset->id : std::string()) ==
        (attentionPreset_ ? attentionPreset_->id : std::string())) {
        return true;
    }
    const State before = state();
    attentionPreset_ = std::move(preset);
    presetSwitch_ = true;
    const bool ok = commit(current_, baseline_);
    presetSwitch_ = false;
    if (!ok) {
        attentionPreset_ = before.attentionHardware;
        return false;
    }
    emit presetsChanged();
    record(before);
    return true;
}

void ScenarioController::restore(const State& s) {
    const auto idOf = [](const std::optional<Preset>& p) { return p ? p->id : std::string(); };
    const bool presetsDiffer = s.hardware.id != hardware_.id || s.model.id != model_.id ||
                               idOf(s.attentionHardware) != idOf(attentionPreset_);
    restoring_ = true;
    hardware_ = s.hardware;
    model_ = s.model;
    name_ = s.name;
    attentionPreset_ = s.attentionHardware;
    commit(s.current, s.baseline);
    restoring_ = false;
    if (presetsDiffer) {
        emit presetsChanged();
    }
}

void ScenarioController::beginInteraction() {
    if (interaction_ == 0) {
        interaction_ = ++interactionSerial_;
    }
}

void ScenarioController::endInteraction() {
    interaction_ = 0;
}

void ScenarioController::record(const State& before) {
    if (restoring_ || !recording_) {
        return;
    }
    undo_.push(new StateCommand(*this, before, state(), interaction_, tr("Change")));
}

bool ScenarioController::commit(const Scenario& candidate, const Scenario& baseline) {
    const Result r = evaluate(candidate);
    if (r.error) {
        emit rejected(QString::fromStdString(describe(r.error, candidate)));
        return false;
    }
    const State before = state();
    baseline_ = baseline;
    current_ = candidate;
    result_ = r;
    if (attentionPreset_) {
        attention_ = attentionScenario(current_, *attentionPreset_);
    }
    ++generation_;
    emit scenarioChanged();
    // Preset switches record after the presets are in place (see usePreset/loadScenario).
    if (!presetSwitch_) {
        record(before);
    }
    return true;
}

bool ScenarioController::setValue(Param param, double value) {
    return setValues({{param, value}});
}

bool ScenarioController::setValues(const std::vector<std::pair<Param, double>>& values) {
    Scenario candidate = current_;
    bool changed = false;
    for (const auto& [param, value] : values) {
        changed = changed || candidate[param] != value;
        candidate[param] = value;
    }
    if (!changed) {
        return true;
    }
    return commit(candidate, baseline_);
}

bool ScenarioController::usePreset(const Preset& preset) {
    const State before = state();
    Scenario candidate = current_;
    Scenario baseline = baseline_;
    preset.applyTo(candidate);
    preset.applyTo(baseline);
    const Preset previous = preset.kind == PresetKind::Hardware ? hardware_ : model_;
    (preset.kind == PresetKind::Hardware ? hardware_ : model_) = preset;
    presetSwitch_ = true;
    const bool ok = commit(candidate, baseline);
    presetSwitch_ = false;
    if (!ok) {
        (preset.kind == PresetKind::Hardware ? hardware_ : model_) = previous;
        return false;
    }
    name_ = QString::fromStdString(model_.name + " on " + hardware_.name);
    emit presetsChanged();
    record(before);
    return true;
}

bool ScenarioController::setHardware(const QString& id) {
    const Preset* p = library_.hardware(id.toStdString());
    if (p == nullptr) {
        emit rejected(tr("Unknown hardware preset '%1'").arg(id));
        return false;
    }
    return usePreset(*p);
}

bool ScenarioController::setModel(const QString& id) {
    const Preset* p = library_.model(id.toStdString());
    if (p == nullptr) {
        emit rejected(tr("Unknown model preset '%1'").arg(id));
        return false;
    }
    return usePreset(*p);
}

bool ScenarioController::loadScenario(const ScenarioFile& file) {
    try {
        const ResolvedScenario resolved = resolve(file, library_);
        const State before = state();
        hardware_ = *library_.hardware(resolved.hardwareId);
        model_ = *library_.model(resolved.modelId);
        attentionPreset_.reset();
        if (!resolved.attentionHardwareId.empty()) {
            attentionPreset_ = *library_.hardware(resolved.attentionHardwareId);
        }
        // Set before the commit, whose change signal redraws the views that read it.
        std::optional<FigureSpec> previousFigure = std::exchange(figure_, file.figure);
        presetSwitch_ = true;
        const bool ok = commit(resolved.values, resolved.values);
        presetSwitch_ = false;
        if (!ok) {
            hardware_ = before.hardware;
            model_ = before.model;
            attentionPreset_ = before.attentionHardware;
            figure_ = std::move(previousFigure);
            return false;
        }
        name_ = QString::fromStdString(resolved.name);
        emit presetsChanged();
        record(before);
        return true;
    } catch (const InputFileError& e) {
        emit rejected(QString::fromUtf8(e.what()));
        return false;
    }
}

bool ScenarioController::isGroupModified(ParamGroup group) const noexcept {
    for (const ParamSpec& p : parameters()) {
        if (p.group == group && isModified(p.id)) {
            return true;
        }
    }
    return false;
}

void ScenarioController::resetParameter(Param param) {
    setValue(param, baseline_[param]);
}

void ScenarioController::resetGroup(ParamGroup group) {
    std::vector<std::pair<Param, double>> values;
    for (const ParamSpec& p : parameters()) {
        if (p.group == group) {
            values.emplace_back(p.id, baseline_[p.id]);
        }
    }
    setValues(values);
}

} // namespace afd::ui
