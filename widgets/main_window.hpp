// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer window: preset pickers, the parameter panel, the plot views, the inspector and
// a status bar with the current regime, HFU and feasibility. The document (files, autosave)
// and presentation mode live in classes of their own; the window wires them to its menus.
#pragma once

#include "afd/presets.hpp"
#include "theme.hpp"
#include "view_table.hpp"

#include <QMainWindow>
#include <QVector>
#include <optional>

class QComboBox;
class QLabel;
class QMenu;
class QTabWidget;

namespace afd::ui {

class HeatmapView;
class Inspector;
class ParameterPanel;
class PlotView;
class PresentationController;
class ScenarioController;
class SessionDocument;

class MainWindow : public QMainWindow {
    Q_OBJECT
  public:
    explicit MainWindow(ScenarioController& controller, QWidget* parent = nullptr);
    ~MainWindow() override;

    ParameterPanel* parameterPanel() const { return panel_; }
    Inspector* inspector() const { return inspector_; }
    QTabWidget* tabs() const { return tabs_; }
    class ViewNavigator* navigator() const {
        return navigator_;
    }
    const QVector<PlotView*>& views() const { return views_; }
    PlotView* view(const QString& key) const;
    PlotView* view(ViewId id) const;
    HeatmapView* heatmap() const { return heatmap_; }
    QComboBox* hardwareCombo() const { return hardwareCombo_; }
    QComboBox* modelCombo() const { return modelCombo_; }
    QComboBox* attentionHardwareCombo() const { return attentionCombo_; }
    QLabel* modifiedBadge() const { return badge_; }
    QString statusText() const;

    // Restyles the application palette and every plot; System follows the desktop, and
    // again whenever the desktop's appearance changes.
    void setThemeChoice(ThemeChoice choice);
    ThemeChoice themeChoice() const { return themeChoice_; }
    // The same by key ("system", "light", "dark"); false for any other key.
    bool setThemeName(const QString& key);
    QString themeName() const { return themeChoiceKey(themeChoice_); }
    const PlotTheme& plotTheme() const { return plotTheme_; }
    // Shows the view with this key; false if there is none.
    bool showView(const QString& key);

    // Opens a scenario, hardware or model preset file, or a deck (which starts the
    // presentation); errors are shown, state is kept.
    bool openFile(const QString& path);
    // Why the last openFile() failed ("" after a success).
    QString lastOpenError() const { return lastOpenError_; }
    // Writes the current scenario (every value, presets, view settings) atomically.
    bool saveScenario(const QString& path, QString* error);
    QString currentFile() const;
    SessionDocument& document() const { return *document_; }
    ViewSettings viewSettings() const;
    // Applies a scenario file's view block; false with *error naming the key when a view or
    // theme is not one this window has (the rest is applied).
    bool applyViewSettings(const ViewSettings& settings, QString* error = nullptr);
    void copyViewToClipboard();
    // Ask to save unsaved changes before the window closes (the interactive application turns
    // this on; windows made for rendering and tests close without asking).
    void setConfirmUnsavedOnClose(bool on) { confirmUnsaved_ = on; }

    // Presentation mode: full screen, chrome hidden, the presentation theme, one view.
    // fullScreen = false keeps the window size (offscreen rendering of slides).
    PresentationController& presentation() const { return *presentation_; }
    void enterPresentation(bool fullScreen = true);
    void leavePresentation();
    bool inPresentation() const;
    // Decks: load, then step; parameters animate to each slide's scenario.
    void loadDeck(const Deck& deck);
    bool goToSlide(int index, bool animate = true);
    bool nextSlide() { return goToSlide(slideIndex() + 1); }
    bool previousSlide() { return goToSlide(slideIndex() - 1); }
    int slideIndex() const;
    int slideCount() const;
    QString slideTitle() const;
    bool animating() const;

    // Autosave (see SessionDocument): this window's file, and what crashed sessions left.
    QString autosavePath() const;
    static QString autosaveFolder();
    static QStringList orphanedAutosaves();
    // Loads an autosaved state into this window and, once loaded, removes that file; false
    // (with a message in the status bar) if it cannot be read.
    bool restoreAutosave(const QString& path);
    static void discardAutosave(const QString& path);

  protected:
    void closeEvent(class QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(class QResizeEvent* event) override;

  private:
    void buildActions();
    void exportCurrentView();
    bool saveAs();
    bool save();
    void rebuildRecentMenu();
    void refreshStatus();
    void refreshPresetPickers();
    void saveLayout();
    void restoreLayout();
    // Keeps the window on its screen: at most the screen's available area, moved inside it.
    void fitToScreen();

    ScenarioController& controller_;
    ParameterPanel* panel_ = nullptr;
    Inspector* inspector_ = nullptr;
    QTabWidget* tabs_ = nullptr;
    QVector<PlotView*> views_;
    HeatmapView* heatmap_ = nullptr;
    QComboBox* hardwareCombo_ = nullptr;
    QComboBox* modelCombo_ = nullptr;
    QComboBox* attentionCombo_ = nullptr;
    class ViewNavigator* navigator_ = nullptr;
    class QDockWidget* panelDock_ = nullptr;
    class QDockWidget* inspectorDock_ = nullptr;
    // Windows narrower than this tabify the inspector with the parameters (resizeEvent).
    static constexpr int kNarrowWindowWidth = 1500;
    std::optional<bool> narrowLayout_; // the arrangement last made, unset before the first
    QLabel* badge_ = nullptr;
    class QAction* badgeAction_ = nullptr; // a toolbar widget is hidden through its action
    QString rejection_; // the status bar's "Not applied" message while it is current
    QLabel* regimeLabel_ = nullptr;
    QLabel* hfuLabel_ = nullptr;
    QLabel* feasibleLabel_ = nullptr;
    ThemeChoice themeChoice_ = ThemeChoice::System;
    PlotTheme plotTheme_;
    QMenu* recentMenu_ = nullptr;
    QString lastOpenError_;
    bool confirmUnsaved_ = false;
    SessionDocument* document_ = nullptr;
    PresentationController* presentation_ = nullptr;
};

} // namespace afd::ui
