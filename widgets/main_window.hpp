// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer window: preset pickers, the parameter panel, the plot views, the inspector and
// a status bar with the current regime, HFU and feasibility.
#pragma once

#include "theme.hpp"

#include <QMainWindow>
#include <QVector>

class QComboBox;
class QLabel;
class QTabWidget;

namespace afd::ui {

class HeatmapView;
class Inspector;
class ParameterPanel;
class PlotView;
class ScenarioController;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(ScenarioController& controller, QWidget* parent = nullptr);

    ParameterPanel* parameterPanel() const { return panel_; }
    Inspector* inspector() const { return inspector_; }
    QTabWidget* tabs() const { return tabs_; }
    const QVector<PlotView*>& views() const { return views_; }
    PlotView* view(const QString& key) const;
    HeatmapView* heatmap() const { return heatmap_; }
    QComboBox* hardwareCombo() const { return hardwareCombo_; }
    QComboBox* modelCombo() const { return modelCombo_; }
    QLabel* modifiedBadge() const { return badge_; }
    QString statusText() const;

    // "system", "light" or "dark"; restyles the application palette and every plot.
    void setThemeName(const QString& name);
    QString themeName() const { return themeName_; }
    const PlotTheme& plotTheme() const { return plotTheme_; }
    // Shows the view with this key; false if there is none.
    bool showView(const QString& key);

    // Opens a scenario, hardware or model preset file; errors are shown, state is kept.
    bool openFile(const QString& path);

  protected:
    void closeEvent(class QCloseEvent* event) override;

  private:
    void buildActions();
    void refreshStatus();
    void refreshPresetPickers();
    void saveLayout();
    void restoreLayout();

    ScenarioController& controller_;
    ParameterPanel* panel_ = nullptr;
    Inspector* inspector_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QVector<PlotView*> views_;
    HeatmapView* heatmap_ = nullptr;
    QComboBox* hardwareCombo_ = nullptr;
    QComboBox* modelCombo_ = nullptr;
    QLabel* badge_ = nullptr;
    class QAction* badgeAction_ = nullptr; // a toolbar widget is hidden through its action
    QLabel* regimeLabel_ = nullptr;
    QLabel* hfuLabel_ = nullptr;
    QLabel* feasibleLabel_ = nullptr;
    QString themeName_ = QStringLiteral("system");
    PlotTheme plotTheme_;
};

} // namespace afd::ui
