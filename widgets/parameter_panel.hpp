// SPDX-License-Identifier: GPL-3.0-or-later
// The parameter panel, generated from the registry: one group box per ParamGroup, one row per
// parameter (label with the paper symbol, slider and spin box with unit, a check box for flags
// or a list for choices, reset button). The throughput model's parameters in the paper's groups
// and the Efficiency group fold away.
#pragma once

#include "afd/parameters.hpp"

#include <QWidget>
#include <array>

class QAbstractSpinBox;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QGroupBox;
class QLabel;
class QSlider;
class QToolButton;

namespace afd::ui {

class ScenarioController;

inline constexpr int kSliderSteps = 1000;
// Slider position <-> value over the parameter's view range (log or linear, whole numbers
// rounded).
double sliderToValue(const ParamSpec& spec, int position);
int valueToSlider(const ParamSpec& spec, double value);

class ParameterPanel : public QWidget {
    Q_OBJECT
  public:
    explicit ParameterPanel(ScenarioController& controller, QWidget* parent = nullptr);

    QSlider* slider(Param p) const { return rows_[index(p)].slider; }
    QDoubleSpinBox* spinBox(Param p) const { return rows_[index(p)].spin; }
    QCheckBox* checkBox(Param p) const { return rows_[index(p)].check; }
    QComboBox* comboBox(Param p) const { return rows_[index(p)].choice; } // Choice parameters
    QToolButton* resetButton(Param p) const { return rows_[index(p)].reset; }
    QGroupBox* groupBox(ParamGroup g) const { return groups_[static_cast<std::size_t>(g)]; }
    int rowCount() const;
    // The fold-out header of a group's rows (Efficiency only; null for the others) and of the
    // throughput model's parameters in the paper's groups (null where there are none).
    QToolButton* sectionToggle(ParamGroup g) const {
        return sections_[static_cast<std::size_t>(g)];
    }
    QToolButton* detailsToggle(ParamGroup g) const {
        return detailSections_[static_cast<std::size_t>(g)];
    }

  private:
    struct Row {
        QLabel* label = nullptr;
        QSlider* slider = nullptr;
        QDoubleSpinBox* spin = nullptr;
        QCheckBox* check = nullptr;
        QComboBox* choice = nullptr;
        QToolButton* reset = nullptr;
    };
    void buildRow(const ParamSpec& spec, QGridLayout* grid, int row);
    void syncFromController();

    ScenarioController& controller_;
    std::array<Row, kParamCount> rows_{};
    std::array<QGroupBox*, kParamGroupCount> groups_{};
    std::array<QToolButton*, kParamGroupCount> groupResets_{};
    std::array<QToolButton*, kParamGroupCount> sections_{};
    std::array<QToolButton*, kParamGroupCount> detailSections_{};
    bool syncing_ = false;
};

} // namespace afd::ui
