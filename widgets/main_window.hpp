// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer window: preset pickers, the parameter panel, the plot views, the inspector and
// a status bar with the current regime, HFU and feasibility.
#pragma once

#include "afd/presets.hpp"
#include "theme.hpp"

#include <QLockFile>
#include <QMainWindow>
#include <QTimer>
#include <QVector>
#include <memory>
#include <optional>

class QComboBox;
class QLabel;
class QMenu;
class QShortcut;
class QTabWidget;
class QVariantAnimation;

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

    // Opens a scenario, hardware or model preset file, or a deck (which starts the
    // presentation); errors are shown, state is kept.
    bool openFile(const QString& path);
    // Why the last openFile() failed ("" after a success).
    QString lastOpenError() const { return lastOpenError_; }
    // Writes the current scenario (every value, presets, view settings) atomically.
    bool saveScenario(const QString& path, QString* error);
    QString currentFile() const { return currentFile_; }
    ViewSettings viewSettings() const;
    void applyViewSettings(const ViewSettings& settings);
    void copyViewToClipboard();

    // Presentation mode: full screen, chrome hidden, the presentation theme, one view.
    // fullScreen = false keeps the window size (offscreen rendering of slides).
    void enterPresentation(bool fullScreen = true);
    void leavePresentation();
    bool inPresentation() const { return presenting_; }
    // Decks: load, then step; parameters animate to each slide's scenario.
    void loadDeck(const Deck& deck);
    bool goToSlide(int index, bool animate = true);
    bool nextSlide() { return goToSlide(slide_ + 1); }
    bool previousSlide() { return goToSlide(slide_ - 1); }
    int slideIndex() const { return slide_; }
    int slideCount() const { return deck_ ? int(deck_->slides.size()) : 0; }
    QString slideTitle() const;
    bool animating() const;

    // Each window autosaves its working state to a file of its own, held under a lock while
    // the window lives and removed on a clean exit; two instances never share one.
    QString autosavePath() const { return autosavePath_; }
    static QString autosaveFolder();
    // Autosaves whose window is gone (its lock is free): what a crash left behind, newest first.
    static QStringList orphanedAutosaves();
    // Loads an autosaved state into this window and, once loaded, removes that file; false
    // (with a message in the status bar) if it cannot be read.
    bool restoreAutosave(const QString& path);
    // Removes an orphaned autosave the user chose not to restore.
    static void discardAutosave(const QString& path);

  protected:
    void closeEvent(class QCloseEvent* event) override;

  private:
    void buildActions();
    void rebuildRecentMenu();
    void addRecentFile(const QString& path);
    void autosave();
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
    QString currentFile_;
    QMenu* recentMenu_ = nullptr;
    QTimer autosaveTimer_;
    QString autosavePath_;
    QString lastOpenError_;
    std::unique_ptr<QLockFile> autosaveLock_;
    // Presentation state.
    bool presenting_ = false;
    QByteArray savedState_;
    QByteArray savedGeometry_;
    QString savedTheme_;
    QLabel* slideTitle_ = nullptr;
    std::optional<Deck> deck_;
    int slide_ = -1;
    QVariantAnimation* animation_ = nullptr;
    // Slide and Esc keys: enabled only while presenting, so that arrow keys reach a focused
    // slider the rest of the time.
    QVector<QShortcut*> presentationKeys_;
};

} // namespace afd::ui
