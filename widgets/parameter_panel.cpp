// SPDX-License-Identifier: GPL-3.0-or-later
#include "parameter_panel.hpp"

#include "rich_text.hpp"
#include "scenario_controller.hpp"
#include "wheel_guard.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QToolButton>
#include <QVBoxLayout>
#include <cmath>

namespace afd::ui {

namespace {

QString text(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

int decimalsFor(const ParamSpec& spec) {
    if (spec.kind != ParamKind::Real) {
        return 0;
    }
    return spec.viewMax <= 10 ? 3 : 2;
}

QString tooltipFor(const ParamSpec& spec) {
    QString tip = QStringLiteral("<b>%1</b>").arg(text(spec.label).toHtmlEscaped());
    if (!spec.symbol.empty()) {
        tip += QStringLiteral(" (<i>%1</i>)").arg(text(spec.symbol).toHtmlEscaped());
    }
    tip += QStringLiteral("<br>%1<br><small>key <code>%2</code>; %3</small>")
               .arg(text(spec.help).toHtmlEscaped(), text(spec.key),
                    QString::fromStdString(expectation(spec.id)).toHtmlEscaped());
    if (!spec.source.empty()) {
        tip += QStringLiteral("<br><small>Default from: %1</small>")
                   .arg(text(spec.source).toHtmlEscaped());
    }
    if (!spec.reference.empty()) {
        tip += QStringLiteral("<br><small>docs/model.md %1</small>")
                   .arg(text(spec.reference).toHtmlEscaped());
    }
    return tip;
}

} // namespace

double sliderToValue(const ParamSpec& spec, int position) {
    const double t = std::clamp(position, 0, kSliderSteps) / double(kSliderSteps);
    const double v = interpolate(spec, spec.viewMin, spec.viewMax, t, naturalSpacing(spec));
    return std::clamp(v, spec.viewMin, spec.viewMax);
}

int valueToSlider(const ParamSpec& spec, double value) {
    const double v = std::clamp(value, spec.viewMin, spec.viewMax);
    double t = 0;
    if (spec.scale == ParamScale::Log && spec.viewMin > 0) {
        t = std::log(v / spec.viewMin) / std::log(spec.viewMax / spec.viewMin);
    } else {
        t = (v - spec.viewMin) / (spec.viewMax - spec.viewMin);
    }
    return static_cast<int>(std::lround(t * kSliderSteps));
}

namespace {

// A grid of rows that folds away behind a header button (the throughput model's details and its
// efficiencies are many rows most users leave at their sources' values).
struct Section {
    QWidget* body = nullptr;
    QGridLayout* grid = nullptr;
    QToolButton* toggle = nullptr;
};

QGridLayout* makeGrid(QWidget* parent) {
    auto* grid = new QGridLayout(parent);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(2);
    return grid;
}

Section makeSection(QWidget* parent, QVBoxLayout* into, const QString& title, const QString& key,
                    bool expanded) {
    Section section;
    if (!title.isEmpty()) {
        section.toggle = new QToolButton(parent);
        section.toggle->setObjectName(QStringLiteral("expand_") + key);
        section.toggle->setText(title);
        section.toggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        section.toggle->setAutoRaise(true);
        section.toggle->setCheckable(true);
        section.toggle->setChecked(expanded);
        section.toggle->setArrowType(expanded ? Qt::DownArrow : Qt::RightArrow);
        into->addWidget(section.toggle);
    }
    section.body = new QWidget(parent);
    section.grid = makeGrid(section.body);
    into->addWidget(section.body);
    section.body->setVisible(expanded);
    if (section.toggle != nullptr) {
        QObject::connect(section.toggle, &QToolButton::toggled, section.body,
                         [body = section.body, toggle = section.toggle](bool on) {
                             body->setVisible(on);
                             toggle->setArrowType(on ? Qt::DownArrow : Qt::RightArrow);
                         });
    }
    return section;
}

} // namespace

ParameterPanel::ParameterPanel(ScenarioController& controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    // Per group: the rows shown open, and a folded section for the throughput model's
    // parameters in the paper's groups (hardware price and power, attention geometry, ...).
    std::array<Section, kParamGroupCount> open{};
    std::array<Section, kParamGroupCount> details{};
    std::array<int, kParamGroupCount> openRows{};
    std::array<int, kParamGroupCount> detailRows{};
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        const auto group = static_cast<ParamGroup>(g);
        const QString name = text(groupName(group));
        auto* box = new QGroupBox(name, this);
        box->setObjectName(QStringLiteral("group_") + name);
        auto* boxLayout = new QVBoxLayout(box);
        auto* header = new QHBoxLayout;
        header->addStretch();
        auto* reset = new QToolButton(box);
        reset->setText(tr("Reset %1").arg(name));
        reset->setToolTip(tr("Reset every %1 parameter to the preset's value").arg(name.toLower()));
        reset->setAutoRaise(true);
        connect(reset, &QToolButton::clicked, this,
                [this, group] { controller_.resetGroup(group); });
        header->addWidget(reset);
        boxLayout->addLayout(header);
        // Efficiencies are calibrated constants: folded until asked for.
        const bool efficiency = group == ParamGroup::Efficiency;
        open[g] =
            makeSection(box, boxLayout, efficiency ? tr("Efficiencies and fixed times") : QString(),
                        name.toLower(), !efficiency);
        groups_[g] = box;
        groupResets_[g] = reset;
        sections_[g] = open[g].toggle;
        outer->addWidget(box);
    }
    outer->addStretch();
    for (const ParamSpec& spec : parameters()) {
        const auto g = static_cast<std::size_t>(spec.group);
        // The paper's groups show the paper's parameters first; the throughput model's own
        // ones in the same group fold below them.
        const bool paperGroup = spec.group < ParamGroup::Serving;
        if (spec.partC && paperGroup) {
            if (details[g].grid == nullptr) {
                auto* boxLayout = static_cast<QVBoxLayout*>(groups_[g]->layout());
                details[g] = makeSection(
                    groups_[g], boxLayout, tr("Throughput model"),
                    text(groupName(spec.group)).toLower() + QStringLiteral("_details"), false);
                detailSections_[g] = details[g].toggle;
            }
            buildRow(spec, details[g].grid, detailRows[g]++);
        } else {
            buildRow(spec, open[g].grid, openRows[g]++);
        }
    }
    // One label width for all groups, so sliders line up from group to group.
    int labelWidth = 0;
    for (const Row& r : rows_) {
        if (r.label != nullptr) {
            labelWidth = std::max(labelWidth, r.label->sizeHint().width());
        }
    }
    for (const Row& r : rows_) {
        if (r.label != nullptr) {
            r.label->setMinimumWidth(labelWidth);
        }
    }
    connect(&controller_, &ScenarioController::scenarioChanged, this,
            &ParameterPanel::syncFromController);
    syncFromController();
}

int ParameterPanel::rowCount() const {
    int count = 0;
    for (const Row& r : rows_) {
        count += r.label != nullptr ? 1 : 0;
    }
    return count;
}

void ParameterPanel::buildRow(const ParamSpec& spec, QGridLayout* grid, int row) {
    Row& r = rows_[index(spec.id)];
    const QString tip = tooltipFor(spec);
    QString labelText = text(spec.label);
    if (!spec.symbol.empty()) {
        labelText +=
            QStringLiteral(" <span style='color:gray'>%1</span>").arg(parameterSymbolHtml(spec));
    }
    r.label = new QLabel(labelText, this);
    r.label->setToolTip(tip);
    r.label->setObjectName(QStringLiteral("label_") + text(spec.key));
    grid->addWidget(r.label, row, 0);
    const Param id = spec.id;

    if (spec.kind == ParamKind::Flag) {
        r.check = new QCheckBox(tr("on"), this);
        r.check->setObjectName(QStringLiteral("check_") + text(spec.key));
        r.check->setToolTip(tip);
        connect(r.check, &QCheckBox::toggled, this, [this, id](bool on) {
            if (!syncing_) {
                controller_.setValue(id, on ? 1.0 : 0.0);
            }
        });
        grid->addWidget(r.check, row, 1, 1, 2);
    } else if (spec.kind == ParamKind::Choice) {
        r.choice = new QComboBox(this);
        r.choice->setObjectName(QStringLiteral("combo_") + text(spec.key));
        r.choice->setToolTip(tip);
        for (std::string_view name : spec.choices) {
            r.choice->addItem(text(name));
        }
        connect(r.choice, &QComboBox::activated, this, [this, id](int i) {
            if (!syncing_ && !controller_.setValue(id, double(i))) {
                syncFromController();
            }
        });
        takeWheelOnlyWhenFocused(r.choice);
        grid->addWidget(r.choice, row, 1, 1, 2);
    } else {
        r.slider = new QSlider(Qt::Horizontal, this);
        r.slider->setObjectName(QStringLiteral("slider_") + text(spec.key));
        r.slider->setRange(0, kSliderSteps);
        r.slider->setPageStep(kSliderSteps / 20);
        r.slider->setToolTip(tip);
        r.slider->setMinimumWidth(70);
        r.spin = new QDoubleSpinBox(this);
        r.spin->setObjectName(QStringLiteral("spin_") + text(spec.key));
        r.spin->setRange(spec.minValue, spec.maxValue);
        r.spin->setDecimals(decimalsFor(spec));
        r.spin->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
        r.spin->setKeyboardTracking(false); // typing "1979" must not apply 1, 19, 197 first
        r.spin->setAccelerated(true);
        r.spin->setToolTip(tip);
        // Wide enough for the largest view-range value with its unit ("20000.00 TFLOP/s").
        r.spin->setMinimumWidth(
            r.spin->fontMetrics().horizontalAdvance(QStringLiteral("00000.00 ") + text(spec.unit)) +
            24);
        if (!spec.unit.empty()) {
            r.spin->setSuffix(QLatin1Char(' ') + text(spec.unit));
        }
        if (!spec.zeroMeans.empty()) {
            r.spin->setSpecialValueText(tr("auto"));
        }
        const ParamSpec* specPtr = &spec;
        connect(r.slider, &QSlider::valueChanged, this, [this, id, specPtr](int position) {
            if (!syncing_ && !controller_.setValue(id, sliderToValue(*specPtr, position))) {
                syncFromController(); // refused: the slider snaps back to the valid value
            }
        });
        // A drag is one undo step.
        connect(r.slider, &QSlider::sliderPressed, &controller_,
                &ScenarioController::beginInteraction);
        connect(r.slider, &QSlider::sliderReleased, &controller_,
                &ScenarioController::endInteraction);
        connect(r.spin, &QDoubleSpinBox::valueChanged, this, [this, id](double value) {
            if (!syncing_ && !controller_.setValue(id, value)) {
                syncFromController();
            }
        });
        // The wheel scrolls the panel unless the slider or spin box has been clicked into.
        takeWheelOnlyWhenFocused(r.slider);
        takeWheelOnlyWhenFocused(r.spin);
        grid->addWidget(r.slider, row, 1);
        grid->addWidget(r.spin, row, 2);
    }
    r.reset = new QToolButton(this);
    r.reset->setObjectName(QStringLiteral("reset_") + text(spec.key));
    r.reset->setText(QStringLiteral("\u21BA"));
    r.reset->setAutoRaise(true);
    r.reset->setToolTip(tr("Reset %1 to the preset's value").arg(text(spec.label)));
    connect(r.reset, &QToolButton::clicked, this, [this, id] { controller_.resetParameter(id); });
    grid->addWidget(r.reset, row, 3);
}

void ParameterPanel::syncFromController() {
    syncing_ = true;
    const Scenario& s = controller_.scenario();
    for (const ParamSpec& spec : parameters()) {
        Row& r = rows_[index(spec.id)];
        const double v = s[spec.id];
        if (r.check != nullptr) {
            const QSignalBlocker block(r.check);
            r.check->setChecked(v != 0);
        }
        if (r.choice != nullptr && r.choice->currentIndex() != static_cast<int>(v)) {
            const QSignalBlocker block(r.choice);
            r.choice->setCurrentIndex(static_cast<int>(v));
        }
        // Only rows whose value changed are touched: setting a spin box re-renders its text even
        // when the value is the same, and 31 rows of that cost a few ms per slider step.
        if (r.slider != nullptr && !r.slider->isSliderDown() &&
            r.slider->value() != valueToSlider(spec, v)) {
            const QSignalBlocker block(r.slider);
            r.slider->setValue(valueToSlider(spec, v));
        }
        if (r.spin != nullptr &&
            r.spin->value() != r.spin->valueFromText(r.spin->textFromValue(v))) {
            const QSignalBlocker block(r.spin);
            r.spin->setValue(v);
        }
        // Touch fonts only when the state flips: a font change re-runs the panel's layout.
        const bool modified = controller_.isModified(spec.id);
        if (r.label->font().bold() != modified) {
            QFont f = r.label->font();
            f.setBold(modified);
            r.label->setFont(f);
        }
        r.reset->setEnabled(modified);
    }
    for (std::size_t g = 0; g < groups_.size(); ++g) {
        const auto group = static_cast<ParamGroup>(g);
        const bool modified = controller_.isGroupModified(group);
        const QString title =
            text(groupName(group)) + (modified ? tr("  \u2022 modified") : QString());
        if (groups_[g]->title() != title) {
            groups_[g]->setTitle(title);
        }
        groupResets_[g]->setEnabled(modified);
    }
    syncing_ = false;
}

} // namespace afd::ui
