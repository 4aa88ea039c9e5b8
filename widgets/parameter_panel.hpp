// SPDX-License-Identifier: GPL-3.0-or-later
// The parameter panel, generated from the registry: one group box per ParamGroup, one row per
// parameter (label with the paper symbol, slider, spin box with unit, reset button).
#pragma once

#include "afd/parameters.hpp"

#include <QWidget>
#include <array>

class QAbstractSpinBox;
class QCheckBox;
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
    QToolButton* resetButton(Param p) const { return rows_[index(p)].reset; }
    QGroupBox* groupBox(ParamGroup g) const { return groups_[static_cast<std::size_t>(g)]; }
    int rowCount() const;

  private:
    struct Row {
        QLabel* label = nullptr;
        QSlider* slider = nullptr;
        QDoubleSpinBox* spin = nullptr;
        QCheckBox* check = nullptr;
        QToolButton* reset = nullptr;
    };
    void buildRow(const ParamSpec& spec, QGridLayout* grid, int row);
    void syncFromController();

    ScenarioController& controller_;
    std::array<Row, kParamCount> rows_{};
    std::array<QGroupBox*, 4> groups_{}; // the paper's groups: Hardware to Imbalance
    std::array<QToolButton*, 4> groupResets_{};
    bool syncing_ = false;
};

} // namespace afd::ui
