// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.hpp"

#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "exporter.hpp"
#include "inspector.hpp"
#include "parameter_panel.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"
#include "views.hpp"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QEasingCurve>
#include <QFileDialog>
#include <QLabel>
#include <QLockFile>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QVariantAnimation>
#include <cmath>
#include <qcustomplot.h>

namespace afd::ui {

MainWindow::MainWindow(ScenarioController& controller, QWidget* parent)
    : QMainWindow(parent), controller_(controller), plotTheme_(PlotTheme::light()) {
    setObjectName(QStringLiteral("AfdExplorerMainWindow"));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("views"));
    tabs_->setDocumentMode(true);
    tabs_->setUsesScrollButtons(true); // the tab bar must not set the window's minimum width
    tabs_->setElideMode(Qt::ElideNone);
    heatmap_ = new HeatmapView(controller_, this);
    views_ = {new RooflineView(controller_, this),
              new CommRooflineView(controller_, this),
              new NfSweepView(controller_, NfSweepView::Kind::Hfu, this),
              new HfuGridView(controller_, this),
              new NfSweepView(controller_, NfSweepView::Kind::Intensity, this),
              heatmap_,
              new ImbalanceView(controller_, this)};
    for (PlotView* v : views_) {
        tabs_->addTab(v, v->title());
    }
    // The slide title sits above the views; it shows only in presentation mode.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    slideTitle_ = new QLabel(central);
    slideTitle_->setObjectName(QStringLiteral("slideTitle"));
    slideTitle_->setAlignment(Qt::AlignCenter);
    slideTitle_->setWordWrap(true);
    slideTitle_->setTextFormat(Qt::RichText); // the slide counter is set in a smaller grey span
    slideTitle_->setStyleSheet(
        QStringLiteral("QLabel { background: white; color: black; padding: 14px; }"));
    QFont titleFont(bundledFontFamily());
    titleFont.setPointSize(30);
    titleFont.setBold(true);
    slideTitle_->setFont(titleFont);
    slideTitle_->hide();
    centralLayout->addWidget(slideTitle_);
    centralLayout->addWidget(tabs_, 1);
    setCentralWidget(central);

    panel_ = new ParameterPanel(controller_, this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* panelDock = new QDockWidget(tr("Parameters"), this);
    panelDock->setObjectName(QStringLiteral("parametersDock"));
    panelDock->setWidget(scroll);
    panelDock->setMinimumWidth(panel_->minimumSizeHint().width() +
                               scroll->verticalScrollBar()->sizeHint().width() + 8);
    addDockWidget(Qt::LeftDockWidgetArea, panelDock);

    inspector_ = new Inspector(controller_, this);
    auto* inspectorDock = new QDockWidget(tr("Inspector"), this);
    inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock->setWidget(inspector_);
    addDockWidget(Qt::RightDockWidgetArea, inspectorDock);
    inspectorDock->setMinimumWidth(250);
    resizeDocks({inspectorDock}, {400}, Qt::Horizontal);

    regimeLabel_ = new QLabel(this);
    hfuLabel_ = new QLabel(this);
    feasibleLabel_ = new QLabel(this);
    // Fixed minimum widths keep the status bar from re-laying out as the texts change.
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    regimeLabel_->setMinimumWidth(digit * 36);
    hfuLabel_->setMinimumWidth(digit * 11);
    feasibleLabel_->setMinimumWidth(digit * 34);
    for (QLabel* l : {regimeLabel_, hfuLabel_, feasibleLabel_}) {
        l->setContentsMargins(8, 0, 8, 0);
        statusBar()->addPermanentWidget(l);
    }
    buildActions();

    connect(&controller_, &ScenarioController::scenarioChanged, this, &MainWindow::refreshStatus);
    connect(&controller_, &ScenarioController::presetsChanged, this,
            &MainWindow::refreshPresetPickers);
    connect(&controller_, &ScenarioController::rejected, this, [this](const QString& message) {
        statusBar()->showMessage(tr("Not applied: %1").arg(message), 8000);
    });
    refreshPresetPickers();
    refreshStatus();
    resize(1500, 920);
    restoreLayout();

    // Autosave two seconds after the last change, to this window's own file under a lock; the
    // file is removed on a clean exit, so one found unlocked at start is a crashed session's.
    QDir().mkpath(autosaveFolder());
    static int windowsOpened = 0; // two windows of one process within a millisecond
    autosavePath_ = autosaveFolder() + QStringLiteral("/session-%1-%2-%3.scenario.json")
                                           .arg(QCoreApplication::applicationPid())
                                           .arg(QDateTime::currentMSecsSinceEpoch())
                                           .arg(++windowsOpened);
    autosaveLock_ = std::make_unique<QLockFile>(autosavePath_ + QStringLiteral(".lock"));
    autosaveLock_->setStaleLockTime(0); // only a dead owner makes a lock stale, never its age
    autosaveLock_->tryLock(0);
    autosaveTimer_.setSingleShot(true);
    autosaveTimer_.setInterval(2000);
    connect(&autosaveTimer_, &QTimer::timeout, this, &MainWindow::autosave);
    connect(&controller_, &ScenarioController::scenarioChanged, this,
            [this] { autosaveTimer_.start(); });
}

QString MainWindow::autosaveFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave");
}

QStringList MainWindow::orphanedAutosaves() {
    QDir folder(autosaveFolder());
    QStringList orphans;
    for (const QFileInfo& file : folder.entryInfoList({QStringLiteral("session-*.scenario.json")},
                                                      QDir::Files, QDir::Time)) {
        // A live window holds its lock; a crashed one's lock is stale and can be taken.
        QLockFile lock(file.absoluteFilePath() + QStringLiteral(".lock"));
        lock.setStaleLockTime(0);
        if (lock.tryLock(0)) {
            lock.unlock();
            orphans << file.absoluteFilePath();
        }
    }
    // Earlier versions kept a single autosave beside the folder; a crash may have left one.
    const QString single = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                           QStringLiteral("/autosave.scenario.json");
    if (QFile::exists(single)) {
        orphans << single;
    }
    return orphans;
}

void MainWindow::discardAutosave(const QString& path) {
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".lock"));
}

bool MainWindow::restoreAutosave(const QString& path) {
    try {
        const ScenarioFile file = loadScenarioFile(QFile::encodeName(path).toStdString());
        if (!controller_.loadScenario(file)) {
            return false;
        }
        if (file.view) {
            applyViewSettings(*file.view);
        }
        // This window autosaves the restored state under its own name from now on.
        autosave();
        discardAutosave(path);
        statusBar()->showMessage(tr("Restored the autosaved working state"), 8000);
        return true;
    } catch (const InputFileError& e) {
        statusBar()->showMessage(
            tr("The autosave could not be read: %1").arg(QString::fromUtf8(e.what())), 15000);
        return false;
    }
}

void MainWindow::autosave() {
    QDir().mkpath(autosaveFolder());
    QString error;
    if (!saveScenario(autosavePath(), &error)) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(error), 8000);
    }
}

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open scenario or preset..."), this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open scenario or preset"), QString(), tr("AFD Explorer files (*.json)"));
        if (!path.isEmpty()) {
            openFile(path);
        }
    });
    open->setShortcut(QKeySequence::Open);
    recentMenu_ = file->addMenu(tr("Open &recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    QAction* save = file->addAction(tr("&Save scenario"), this, [this] {
        if (currentFile_.isEmpty()) {
            const QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), QString(),
                                                              tr("Scenario files (*.json)"));
            if (path.isEmpty()) {
                return;
            }
            currentFile_ = path;
        }
        QString error;
        if (!saveScenario(currentFile_, &error)) {
            QMessageBox::warning(this, tr("Cannot save"), error);
        }
    });
    save->setShortcut(QKeySequence::Save);
    QAction* saveAs = file->addAction(tr("Save scenario &as..."), this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Save scenario as"), currentFile_, tr("Scenario files (*.json)"));
        QString error;
        if (!path.isEmpty() && !saveScenario(path, &error)) {
            QMessageBox::warning(this, tr("Cannot save"), error);
        }
    });
    saveAs->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(
            tr("&Export view..."), this,
            [this] {
                auto* v = qobject_cast<PlotView*>(tabs_->currentWidget());
                const QString path = QFileDialog::getSaveFileName(
                    this, tr("Export %1").arg(v->title()), v->key() + QStringLiteral(".png"),
                    tr("PNG image (*.png);;SVG image (*.svg);;PDF document (*.pdf);;CSV data "
                       "(*.csv);;JSON data (*.json)"));
                if (path.isEmpty()) {
                    return;
                }
                ExportOptions options;
                if (!parseExportFormat(QFileInfo(path).suffix(), &options.format)) {
                    QMessageBox::warning(
                        this, tr("Cannot export"),
                        tr("%1: expected a .png, .svg, .pdf, .csv or .json file").arg(path));
                    return;
                }
                options.theme = plotTheme_.name == QLatin1String("dark") ? QStringLiteral("dark")
                                                                         : QStringLiteral("light");
                QString error;
                if (!exportView(*v, controller_, path, options, &error)) {
                    QMessageBox::warning(this, tr("Cannot export"), error);
                } else {
                    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
                }
            })
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = controller_.undoStack().createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = controller_.undoStack().createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Copy view as image"), this, &MainWindow::copyViewToClipboard)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* themes = new QActionGroup(this);
    for (const auto& [key, label] :
         {std::pair{QStringLiteral("system"), tr("Theme: follow the system")},
          std::pair{QStringLiteral("light"), tr("Theme: light")},
          std::pair{QStringLiteral("dark"), tr("Theme: dark")}}) {
        QAction* a = view->addAction(label);
        a->setCheckable(true);
        a->setData(key);
        a->setObjectName(QStringLiteral("theme_") + key);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, name = key] { setThemeName(name); });
    }
    view->addSeparator();
    QAction* present = view->addAction(tr("&Presentation mode"), this, [this] {
        presenting_ ? leavePresentation() : enterPresentation();
    });
    present->setShortcut(QKeySequence(Qt::Key_F5));
    present->setShortcutContext(Qt::ApplicationShortcut);
    addAction(present); // keeps working while the menu bar is hidden
    auto* leave = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(leave, &QShortcut::activated, this, [this] {
        if (presenting_) {
            leavePresentation();
        }
    });
    presentationKeys_ << leave;
    for (const auto& [key, step] : {std::pair{Qt::Key_PageDown, 1}, std::pair{Qt::Key_Right, 1},
                                    std::pair{Qt::Key_PageUp, -1}, std::pair{Qt::Key_Left, -1}}) {
        auto* shortcut = new QShortcut(QKeySequence(key), this);
        connect(shortcut, &QShortcut::activated, this, [this, step = step] {
            if (presenting_ && deck_) {
                goToSlide(slide_ + step);
            }
        });
        presentationKeys_ << shortcut;
    }
    // During a talk the parameter panel can be brought up to move sliders live.
    auto* panelToggle = new QShortcut(QKeySequence(Qt::Key_F6), this);
    connect(panelToggle, &QShortcut::activated, this, [this] {
        auto* dock = findChild<QDockWidget*>(QStringLiteral("parametersDock"));
        dock->setVisible(!dock->isVisible());
    });
    presentationKeys_ << panelToggle;
    for (QShortcut* key : presentationKeys_) {
        key->setEnabled(false);
    }
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        view->addAction(dock->toggleViewAction());
    }
    for (int i = 0; i < views_.size(); ++i) {
        QAction* a = view->addAction(tr("Show %1").arg(views_[i]->title()), this,
                                     [this, i] { tabs_->setCurrentIndex(i); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
    }

    QToolBar* bar = addToolBar(tr("Presets"));
    bar->setObjectName(QStringLiteral("presetsToolbar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr(" Hardware "), this));
    hardwareCombo_ = new QComboBox(this);
    hardwareCombo_->setObjectName(QStringLiteral("hardwareCombo"));
    hardwareCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    hardwareCombo_->setMinimumContentsLength(22);
    for (const Preset& p : controller_.library().hardwarePresets()) {
        hardwareCombo_->addItem(qtext(p.name), qtext(p.id));
    }
    bar->addWidget(hardwareCombo_);
    bar->addWidget(new QLabel(tr("  Model "), this));
    modelCombo_ = new QComboBox(this);
    modelCombo_->setObjectName(QStringLiteral("modelCombo"));
    modelCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    modelCombo_->setMinimumContentsLength(20);
    for (const Preset& p : controller_.library().modelPresets()) {
        modelCombo_->addItem(qtext(p.name), qtext(p.id));
    }
    bar->addWidget(modelCombo_);
    bar->addSeparator();
    bar->addAction(open);
    badge_ = new QLabel(this);
    badge_->setObjectName(QStringLiteral("modifiedBadge"));
    badge_->setStyleSheet(QStringLiteral(
        "QLabel { background: #E69F00; color: black; border-radius: 4px; padding: 1px 6px; }"));
    badgeAction_ = bar->addWidget(badge_);
    connect(hardwareCombo_, &QComboBox::activated, this,
            [this](int i) { controller_.setHardware(hardwareCombo_->itemData(i).toString()); });
    connect(modelCombo_, &QComboBox::activated, this,
            [this](int i) { controller_.setModel(modelCombo_->itemData(i).toString()); });
}

PlotView* MainWindow::view(const QString& key) const {
    for (PlotView* v : views_) {
        if (v->key() == key) {
            return v;
        }
    }
    return nullptr;
}

bool MainWindow::showView(const QString& key) {
    PlotView* v = view(key);
    if (v == nullptr) {
        return false;
    }
    tabs_->setCurrentWidget(v);
    return true;
}

QString MainWindow::statusText() const {
    return regimeLabel_->text() + QLatin1Char('|') + hfuLabel_->text() + QLatin1Char('|') +
           feasibleLabel_->text();
}

void MainWindow::refreshStatus() {
    const Result& r = controller_.result();
    regimeLabel_->setText(
        tr("Regime: %1%2")
            .arg(qtext(regimeLabel(r.regime)), r.deadZone ? tr(" (dead zone)") : QString()));
    hfuLabel_->setText(tr("HFU %1").arg(percentText(r.hfu)));
    feasibleLabel_->setText(
        r.feasible() ? tr("Deployable")
                     : tr("Not deployable (%1)")
                           .arg(QString::fromStdString(infeasibleReasonsText(r.infeasible))));
    feasibleLabel_->setStyleSheet(
        r.feasible() ? QString() : QStringLiteral("color: #d0342c; font-weight: bold;"));
    int modified = 0;
    for (const ParamSpec& p : parameters()) {
        modified += controller_.isModified(p.id) ? 1 : 0;
    }
    badge_->setText(tr("%n value(s) differ from the presets", nullptr, modified));
    badge_->setToolTip(
        tr("Bold parameters differ from the preset; use their reset buttons to go back."));
    if (badgeAction_ != nullptr) {
        badgeAction_->setVisible(modified > 0);
    }
    const QString title = tr("AFD Explorer \u2014 %1").arg(controller_.name());
    if (windowTitle() != title) {
        setWindowTitle(title);
    }
}

void MainWindow::refreshPresetPickers() {
    const auto select = [](QComboBox* combo, const QString& id) {
        const int i = combo->findData(id);
        if (i < 0) {
            combo->addItem(id + QObject::tr(" (file)"), id);
        }
        combo->setCurrentIndex(combo->findData(id));
    };
    select(hardwareCombo_, controller_.hardwareId());
    select(modelCombo_, controller_.modelId());
    refreshStatus();
}

void MainWindow::setThemeName(const QString& name) {
    themeName_ = name;
    const bool dark =
        name == QLatin1String("dark") || (name == QLatin1String("system") && systemPrefersDark());
    plotTheme_ = dark ? PlotTheme::dark() : PlotTheme::light();
    QApplication::setPalette(paletteFor(plotTheme_));
    for (PlotView* v : views_) {
        v->setTheme(plotTheme_);
    }
    for (QAction* a : findChildren<QAction*>()) {
        if (a->isCheckable() && a->objectName() == QStringLiteral("theme_") + name) {
            a->setChecked(true);
        }
    }
}

bool MainWindow::openFile(const QString& path) {
    lastOpenError_.clear();
    try {
        const std::string file = path.toStdString();
        const std::string text = readInputFile(file);
        // The file's "kind" key decides the parser; each parser reports its own errors by key.
        const std::string kind = inputFileKind(text, file);
        bool ok = false;
        if (kind == "deck") {
            loadDeck(parseDeck(text, file, controller_.library()));
            ok = true;
        } else if (kind == "scenario") {
            const ScenarioFile scenario = parseScenario(text, file);
            ok = controller_.loadScenario(scenario);
            if (ok) {
                currentFile_ = path;
                if (scenario.view) {
                    applyViewSettings(*scenario.view);
                }
            }
        } else {
            ok = controller_.usePreset(parsePreset(text, file));
        }
        if (ok) {
            addRecentFile(path);
        }
        return ok;
    } catch (const InputFileError& e) {
        lastOpenError_ = QString::fromUtf8(e.what());
        statusBar()->showMessage(tr("Not opened: %1").arg(QString::fromUtf8(e.what())), 15000);
        if (isVisible()) {
            QMessageBox::warning(this, tr("Cannot open file"), QString::fromUtf8(e.what()));
        }
        return false;
    }
}

bool MainWindow::saveScenario(const QString& path, QString* error) {
    ScenarioFile file = snapshotScenario(
        controller_.name().toStdString(), controller_.hardwareId().toStdString(),
        controller_.modelId().toStdString(), controller_.scenario(), viewSettings());
    if (!writeFileAtomically(path, QByteArray::fromStdString(writeScenario(file)), error)) {
        return false;
    }
    if (path != autosavePath()) {
        currentFile_ = path;
        addRecentFile(path);
        statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    }
    return true;
}

ViewSettings MainWindow::viewSettings() const {
    ViewSettings v;
    if (auto* pv = qobject_cast<PlotView*>(tabs_->currentWidget())) {
        v.current = pv->key().toStdString();
    }
    v.theme = themeName_.toStdString();
    v.heatmapX = std::string(spec(heatmap_->xParam()).key);
    v.heatmapY = std::string(spec(heatmap_->yParam()).key);
    v.heatmapMetric = heatmap_->metricKey().toStdString();
    return v;
}

void MainWindow::applyViewSettings(const ViewSettings& v) {
    if (!v.heatmapX.empty() && !v.heatmapY.empty()) {
        heatmap_->setAxes(*findParam(v.heatmapX), *findParam(v.heatmapY));
    }
    if (!v.heatmapMetric.empty()) {
        heatmap_->setMetric(QString::fromStdString(v.heatmapMetric));
    }
    if (!v.theme.empty() && !presenting_) {
        setThemeName(QString::fromStdString(v.theme));
    }
    if (!v.current.empty()) {
        showView(QString::fromStdString(v.current));
    }
}

void MainWindow::copyViewToClipboard() {
    auto* v = qobject_cast<PlotView*>(tabs_->currentWidget());
    QApplication::clipboard()->setImage(v->plot()->toPixmap().toImage());
    statusBar()->showMessage(tr("Copied %1 to the clipboard").arg(v->title()), 4000);
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    settings.setValue(QStringLiteral("recentFiles"), recent.mid(0, 8));
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (const QString& path : recent) {
        recentMenu_->addAction(path, this, [this, path] { openFile(path); });
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::enterPresentation(bool fullScreen) {
    if (presenting_) {
        return;
    }
    presenting_ = true;
    for (QShortcut* key : presentationKeys_) {
        key->setEnabled(true);
    }
    savedState_ = saveState();
    savedGeometry_ = saveGeometry();
    savedTheme_ = themeName_;
    menuBar()->hide();
    statusBar()->hide();
    for (QToolBar* bar : findChildren<QToolBar*>()) {
        bar->hide();
    }
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        dock->hide();
    }
    tabs_->tabBar()->hide();
    for (PlotView* v : views_) {
        v->setTheme(PlotTheme::presentation());
        v->setOptionsVisible(false);
    }
    slideTitle_->setVisible(!slideTitle().isEmpty());
    slideTitle_->setText(slideTitle());
    if (fullScreen) {
        showFullScreen();
    }
}

void MainWindow::leavePresentation() {
    if (!presenting_) {
        return;
    }
    presenting_ = false;
    for (QShortcut* key : presentationKeys_) {
        key->setEnabled(false);
    }
    if (animation_ != nullptr) {
        animation_->stop();
    }
    slideTitle_->hide();
    menuBar()->show();
    statusBar()->show();
    tabs_->tabBar()->show();
    for (QToolBar* bar : findChildren<QToolBar*>()) {
        bar->show();
    }
    for (PlotView* v : views_) {
        v->setOptionsVisible(true);
    }
    showNormal();
    restoreGeometry(savedGeometry_);
    restoreState(savedState_);
    setThemeName(savedTheme_);
}

void MainWindow::loadDeck(const Deck& deck) {
    deck_ = deck;
    slide_ = -1;
    enterPresentation(isVisible());
    goToSlide(0, false);
}

QString MainWindow::slideTitle() const {
    if (!deck_ || slide_ < 0 || slide_ >= int(deck_->slides.size())) {
        return {};
    }
    return QStringLiteral("%1  <span style='color:#888; font-size:18pt'>%2 / %3</span>")
        .arg(QString::fromStdString(deck_->slides[std::size_t(slide_)].title).toHtmlEscaped())
        .arg(slide_ + 1)
        .arg(deck_->slides.size());
}

bool MainWindow::animating() const {
    return animation_ != nullptr && animation_->state() == QAbstractAnimation::Running;
}

bool MainWindow::goToSlide(int index, bool animate) {
    if (!deck_ || index < 0 || index >= int(deck_->slides.size())) {
        return false;
    }
    if (animation_ != nullptr) {
        animation_->stop();
    }
    slide_ = index;
    const Slide& slide = deck_->slides[std::size_t(index)];
    const auto finish = [this, slide] {
        controller_.setRecording(true);
        controller_.loadScenario(slide.scenario); // exact values, presets and name at the end
        showView(QString::fromStdString(slide.view));
        slideTitle_->setText(slideTitle());
        slideTitle_->setVisible(presenting_);
    };
    showView(QString::fromStdString(slide.view));
    slideTitle_->setText(slideTitle());
    if (!animate) {
        finish();
        return true;
    }
    // Animate every parameter from here to the slide's values (log-scaled ones geometrically,
    // whole numbers rounded); a frame that is not a valid combination is skipped.
    const Scenario from = controller_.scenario();
    const Scenario to = resolve(slide.scenario, controller_.library()).values;
    if (animation_ == nullptr) {
        animation_ = new QVariantAnimation(this);
        animation_->setDuration(700);
        animation_->setEasingCurve(QEasingCurve::InOutCubic);
        animation_->setStartValue(0.0);
        animation_->setEndValue(1.0);
    }
    animation_->disconnect(this);
    connect(animation_, &QVariantAnimation::valueChanged, this,
            [this, from, to](const QVariant& value) {
                const double t = value.toDouble();
                std::vector<std::pair<Param, double>> values;
                for (const ParamSpec& p : parameters()) {
                    const double a = from[p.id];
                    const double b = to[p.id];
                    double v = p.scale == ParamScale::Log && a > 0 && b > 0 ? a * std::pow(b / a, t)
                                                                            : a + (b - a) * t;
                    if (p.kind != ParamKind::Real) {
                        v = std::round(v);
                    }
                    if (p.kind == ParamKind::Choice || std::isinf(a) || std::isinf(b)) {
                        v = t < 1 ? a : b; // names and infinity have nothing in between
                    }
                    values.emplace_back(p.id, v);
                }
                // Check first, so skipped frames raise no "not applied" messages.
                Scenario frame = controller_.scenario();
                for (const auto& [param, v] : values) {
                    frame[param] = v;
                }
                if (!validate(frame)) {
                    controller_.setValues(values);
                }
            });
    connect(animation_, &QVariantAnimation::finished, this, finish);
    controller_.setRecording(false);
    animation_->start();
    return true;
}

void MainWindow::saveLayout() {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/view"), tabs_->currentIndex());
    settings.setValue(QStringLiteral("window/theme"), themeName_);
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    tabs_->setCurrentIndex(std::clamp(settings.value(QStringLiteral("window/view"), 2).toInt(), 0,
                                      int(views_.size()) - 1));
    setThemeName(
        settings.value(QStringLiteral("window/theme"), QStringLiteral("system")).toString());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (presenting_) {
        leavePresentation();
    }
    saveLayout();
    autosaveTimer_.stop();
    QFile::remove(autosavePath()); // a clean exit: nothing to restore next time
    autosaveLock_->unlock();
    QMainWindow::closeEvent(event);
}

} // namespace afd::ui
