// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.hpp"

#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "export_dialog.hpp"
#include "exporter.hpp"
#include "inspector.hpp"
#include "parameter_panel.hpp"
#include "plot_helpers.hpp"
#include "presentation_controller.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "session_document.hpp"
#include "slide_renderer.hpp"
#include "view_navigator.hpp"
#include "views.hpp"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace afd::ui {

MainWindow::MainWindow(ScenarioController& controller, QWidget* parent)
    : QMainWindow(parent), controller_(controller), plotTheme_(PlotTheme::light()) {
    setObjectName(QStringLiteral("AfdExplorerMainWindow"));
    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("views"));
    tabs_->setDocumentMode(true);
    for (const ViewInfo& info : viewTable()) {
        PlotView* v = createView(info.id, controller_, this);
        views_ << v;
        tabs_->addTab(v, v->title());
    }
    // The navigator replaces the tab bar: it wraps instead of scrolling, so every view shows.
    tabs_->tabBar()->hide();
    navigator_ = new ViewNavigator(this);
    connect(navigator_, &ViewNavigator::viewChosen, tabs_, &QTabWidget::setCurrentIndex);
    connect(tabs_, &QTabWidget::currentChanged, navigator_, &ViewNavigator::setCurrentIndex);
    navigator_->setCurrentIndex(tabs_->currentIndex());
    heatmap_ = qobject_cast<HeatmapView*>(view(ViewId::Heatmap));
    document_ = new SessionDocument(
        controller_, [this] { return viewSettings(); }, this);
    connect(document_, &SessionDocument::message, this,
            [this](const QString& text, int timeout) { statusBar()->showMessage(text, timeout); });
    presentation_ = new PresentationController(*this, controller_);
    // The slide title sits above the views; it shows only in presentation mode.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(presentation_->titleLabel());
    centralLayout->addWidget(navigator_);
    centralLayout->addWidget(tabs_, 1);
    centralLayout->addWidget(presentation_->textSlide(), 1); // a deck's text slides
    setCentralWidget(central);

    panel_ = new ParameterPanel(controller_, this);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    panelDock_ = new QDockWidget(tr("Parameters"), this);
    auto* panelDock = panelDock_;
    panelDock->setObjectName(QStringLiteral("parametersDock"));
    panelDock->setWidget(scroll);
    panelDock->setMinimumWidth(panel_->minimumSizeHint().width() +
                               scroll->verticalScrollBar()->sizeHint().width() + 8);
    addDockWidget(Qt::LeftDockWidgetArea, panelDock);

    inspector_ = new Inspector(controller_, this);
    inspectorDock_ = new QDockWidget(tr("Inspector"), this);
    auto* inspectorDock = inspectorDock_;
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
        rejection_ = tr("Not applied: %1").arg(message);
        statusBar()->showMessage(rejection_, 8000);
    });
    // The refusal is about the last attempt: the next accepted change makes it stale.
    connect(&controller_, &ScenarioController::scenarioChanged, this, [this] {
        if (!rejection_.isEmpty() && statusBar()->currentMessage() == rejection_) {
            statusBar()->clearMessage();
        }
        rejection_.clear();
    });
    refreshPresetPickers();
    refreshStatus();
    // First start: 1500 x 920, or 90 % of a smaller screen's free area, centred.
    if (const QScreen* s = screen(); s != nullptr) {
        const QRect area = s->availableGeometry();
        const QSize size = QSize(1500, 920)
                               .boundedTo(area.size() * 0.9)
                               .expandedTo(minimumSizeHint())
                               .boundedTo(area.size());
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, area));
    } else {
        resize(1500, 920);
    }
    restoreLayout();
    fitToScreen(); // a saved geometry may come from a larger screen
}

void MainWindow::fitToScreen() {
    const QScreen* s = screen();
    if (s == nullptr || isMaximized() || isFullScreen()) {
        return;
    }
    const QRect area = s->availableGeometry();
    // The frame (title bar, borders) is known once the window is shown; before that, the
    // window's own geometry stands for it.
    const QRect frame = frameGeometry();
    const QSize decoration = frame.size() - geometry().size();
    if (area.contains(frame)) {
        return;
    }
    if (frame.width() > area.width() || frame.height() > area.height()) {
        const QSize size = (area.size() * 0.9 - decoration)
                               .boundedTo(geometry().size())
                               .expandedTo(minimumSizeHint())
                               .boundedTo(area.size() - decoration);
        setGeometry(QStyle::alignedRect(Qt::LeftToRight, Qt::AlignCenter, size, area));
        return;
    }
    // Fits, but lies partly off the screen: move it inside.
    QRect moved = frame;
    moved.moveLeft(std::clamp(frame.left(), area.left(), area.right() - frame.width() + 1));
    moved.moveTop(std::clamp(frame.top(), area.top(), area.bottom() - frame.height() + 1));
    move(moved.topLeft());
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open scenario, preset or deck..."), this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open scenario, preset or deck"), QString(),
                                         tr("AFD Explorer files (*.json)"));
        if (!path.isEmpty()) {
            openFile(path);
        }
    });
    open->setShortcut(QKeySequence::Open);
    open->setIconText(tr("Open...")); // the toolbar's short label
    recentMenu_ = file->addMenu(tr("Open &recent"));
    connect(recentMenu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addAction(tr("&Save scenario"), this, &MainWindow::save)->setShortcut(QKeySequence::Save);
    file->addAction(tr("Save scenario &as..."), this, &MainWindow::saveAs)
        ->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    file->addAction(tr("&Export view..."), this, &MainWindow::exportCurrentView)
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
    for (const auto& [choice, label] :
         {std::pair{ThemeChoice::System, tr("Theme: follow the system")},
          std::pair{ThemeChoice::Light, tr("Theme: light")},
          std::pair{ThemeChoice::Dark, tr("Theme: dark")}}) {
        QAction* a = view->addAction(label);
        a->setCheckable(true);
        a->setObjectName(QStringLiteral("theme_") + themeChoiceKey(choice));
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, c = choice] { setThemeChoice(c); });
    }
    view->addSeparator();
    QAction* present = view->addAction(tr("&Presentation mode"), this, [this] {
        inPresentation() ? leavePresentation() : enterPresentation();
    });
    present->setShortcut(QKeySequence(Qt::Key_F5));
    present->setShortcutContext(Qt::ApplicationShortcut);
    addAction(present); // keeps working while the menu bar is hidden
    // Notes, timer and the next slide; while presenting, P toggles it too.
    QAction* presenter = view->addAction(tr("P&resenter view (P while presenting)"), this, [this] {
        presentation_->setPresenterVisible(!presentation_->presenterVisible());
    });
    presenter->setObjectName(QStringLiteral("presenterViewAction"));
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        view->addAction(dock->toggleViewAction());
    }
    for (int i = 0; i < views_.size(); ++i) {
        QAction* a = view->addAction(tr("Show %1").arg(views_[i]->title()), this,
                                     [this, i] { tabs_->setCurrentIndex(i); });
        if (i < 9) { // Ctrl+1 .. Ctrl+9
            a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        }
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
    // Heterogeneous AFD: the attention GPUs may be another type than the FFN GPUs.
    auto* attentionLabel = new QLabel(tr("  Attention on "), this);
    attentionLabel->setToolTip(
        tr("GPUs of the attention side under AFD (heterogeneous AFD); EP and the FFN side "
           "use the hardware on the left"));
    bar->addWidget(attentionLabel);
    attentionCombo_ = new QComboBox(this);
    attentionCombo_->setObjectName(QStringLiteral("attentionHardwareCombo"));
    attentionCombo_->setToolTip(attentionLabel->toolTip());
    attentionCombo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    attentionCombo_->setMinimumContentsLength(14);
    attentionCombo_->addItem(tr("same GPUs"), QString());
    for (const Preset& p : controller_.library().hardwarePresets()) {
        attentionCombo_->addItem(qtext(p.name), qtext(p.id));
    }
    bar->addWidget(attentionCombo_);
    bar->addSeparator();
    bar->addAction(open);
    badge_ = new QLabel(this);
    badge_->setObjectName(QStringLiteral("modifiedBadge"));
    badge_->setMargin(2);
    badge_->setAutoFillBackground(true); // coloured from the theme in setThemeChoice()
    badgeAction_ = bar->addWidget(badge_);
    connect(hardwareCombo_, &QComboBox::activated, this,
            [this](int i) { controller_.setHardware(hardwareCombo_->itemData(i).toString()); });
    connect(modelCombo_, &QComboBox::activated, this,
            [this](int i) { controller_.setModel(modelCombo_->itemData(i).toString()); });
    connect(attentionCombo_, &QComboBox::activated, this, [this](int i) {
        controller_.setAttentionHardware(attentionCombo_->itemData(i).toString());
    });
}

PlotView* MainWindow::view(const QString& key) const {
    for (PlotView* v : views_) {
        if (v->key() == key) {
            return v;
        }
    }
    return nullptr;
}

PlotView* MainWindow::view(ViewId id) const {
    for (PlotView* v : views_) {
        if (v->id() == id) {
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
    QPalette feasiblePalette = palette();
    if (!r.feasible()) {
        feasiblePalette.setColor(QPalette::WindowText, plotTheme_.infeasible);
    }
    feasibleLabel_->setPalette(feasiblePalette);
    QFont feasibleFont = font();
    feasibleFont.setBold(!r.feasible());
    feasibleLabel_->setFont(feasibleFont);
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
    select(attentionCombo_, controller_.attentionHardwareId());
    refreshStatus();
}

void MainWindow::setThemeChoice(ThemeChoice choice) {
    themeChoice_ = choice;
    const bool dark =
        choice == ThemeChoice::Dark || (choice == ThemeChoice::System && systemPrefersDark());
    plotTheme_ = dark ? PlotTheme::dark() : PlotTheme::light();
    QApplication::setPalette(paletteFor(plotTheme_));
    if (!inPresentation()) {
        for (PlotView* v : views_) {
            v->setTheme(plotTheme_);
        }
    }
    // The modified badge uses the theme's highlight, with text that reads on it.
    QPalette badgePalette = badge_->palette();
    badgePalette.setColor(QPalette::Window, plotTheme_.highlight);
    badgePalette.setColor(QPalette::WindowText, QColor::fromRgb(0x000000u));
    badge_->setPalette(badgePalette);
    for (QAction* a : findChildren<QAction*>()) {
        if (a->isCheckable() && a->objectName() == QStringLiteral("theme_") + themeName()) {
            a->setChecked(true);
        }
    }
    refreshStatus();
}

bool MainWindow::setThemeName(const QString& key) {
    const auto choice = parseThemeChoice(key);
    if (choice) {
        setThemeChoice(*choice);
    }
    return choice.has_value();
}

void MainWindow::resizeEvent(QResizeEvent* event) {
    QMainWindow::resizeEvent(event);
    // Below ~1500 px the parameters, the plot and the inspector side by side leave the plot too
    // narrow to read: the inspector then shares the left dock with the parameters (a tab each),
    // and it returns to the right when the window is wide again. Only crossing the width
    // rearranges, so a layout the user makes at one width stays.
    const bool narrow = width() < kNarrowWindowWidth;
    if (narrowLayout_ == std::optional<bool>(narrow) || inPresentation()) {
        return;
    }
    narrowLayout_ = narrow;
    if (narrow) {
        if (inspectorDock_->isFloating() ||
            dockWidgetArea(inspectorDock_) != Qt::LeftDockWidgetArea) {
            tabifyDockWidget(panelDock_, inspectorDock_);
            panelDock_->raise();
        }
    } else if (dockWidgetArea(inspectorDock_) == Qt::LeftDockWidgetArea) {
        addDockWidget(Qt::RightDockWidgetArea, inspectorDock_);
        resizeDocks({inspectorDock_}, {400}, Qt::Horizontal);
    }
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    // The desktop switched between light and dark: a window that follows it follows again.
    if (event->type() == QEvent::ThemeChange && themeChoice_ == ThemeChoice::System) {
        desktopAppearanceChanged();
        setThemeChoice(ThemeChoice::System);
    }
}

bool MainWindow::openFile(const QString& path) {
    lastOpenError_.clear();
    QString error;
    const auto opened = document_->open(path, &error);
    if (opened) {
        if (opened->deck) {
            loadDeck(*opened->deck);
        }
        if (opened->view && !applyViewSettings(*opened->view, &error)) {
            statusBar()->showMessage(tr("%1: %2").arg(path, error), 15000);
        }
        return true;
    }
    lastOpenError_ = error;
    statusBar()->showMessage(tr("Not opened: %1").arg(error), 15000);
    if (isVisible()) {
        QMessageBox::warning(this, tr("Cannot open file"), error);
    }
    return false;
}

bool MainWindow::saveScenario(const QString& path, QString* error) {
    return document_->save(path, error);
}

QString MainWindow::currentFile() const {
    return document_->currentFile();
}

bool MainWindow::save() {
    if (document_->currentFile().isEmpty()) {
        return saveAs();
    }
    QString error;
    if (!saveScenario(document_->currentFile(), &error)) {
        QMessageBox::warning(this, tr("Cannot save"), error);
        return false;
    }
    return true;
}

bool MainWindow::saveAs() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save scenario as"), document_->currentFile(), tr("Scenario files (*.json)"));
    if (path.isEmpty()) {
        return false;
    }
    QString error;
    if (!saveScenario(path, &error)) {
        QMessageBox::warning(this, tr("Cannot save"), error);
        return false;
    }
    return true;
}

void MainWindow::exportCurrentView() {
    auto* v = qobject_cast<PlotView*>(tabs_->currentWidget());
    if (v == nullptr) {
        return;
    }
    ExportDialog dialog(v->title(), scenarioCaption(controller_), plotTheme_.style, this);
    QSettings settings;
    dialog.loadSettings(settings);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    dialog.saveSettings(settings);
    const ExportOptions options = dialog.options();
    const QString suffix = exportFormatSuffix(options.format);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export %1").arg(v->title()), v->key() + QLatin1Char('.') + suffix,
        tr("%1 file (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty()) {
        return;
    }
    QString error;
    if (!exportView(*v, controller_, path, options, &error)) {
        QMessageBox::warning(this, tr("Cannot export"), error);
    } else {
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
    }
}

ViewSettings MainWindow::viewSettings() const {
    ViewSettings v;
    if (auto* pv = qobject_cast<PlotView*>(tabs_->currentWidget())) {
        v.current = pv->key().toStdString();
    }
    v.theme = themeName().toStdString();
    v.heatmapX = std::string(spec(heatmap_->xParam()).key);
    v.heatmapY = std::string(spec(heatmap_->yParam()).key);
    v.heatmapMetric = heatmap_->metricKey().toStdString();
    return v;
}

bool MainWindow::applyViewSettings(const ViewSettings& v, QString* error) {
    // The core checked the heatmap keys against its registry; the view and theme names are
    // this window's vocabulary, so they are checked here.
    QStringList problems;
    if (!v.heatmapX.empty() && !v.heatmapY.empty()) {
        heatmap_->setAxes(*findParam(v.heatmapX), *findParam(v.heatmapY));
    }
    if (!v.heatmapMetric.empty()) {
        heatmap_->setMetric(QString::fromStdString(v.heatmapMetric));
    }
    if (!v.theme.empty()) {
        const auto choice = parseThemeChoice(QString::fromStdString(v.theme));
        if (!choice) {
            problems << tr("view.theme: expected one of %1, got \"%2\"")
                            .arg(themeChoiceKeys().join(QStringLiteral(", ")),
                                 QString::fromStdString(v.theme));
        } else if (!inPresentation()) {
            setThemeChoice(*choice);
        } else {
            themeChoice_ = *choice; // applied when the presentation ends
        }
    }
    if (!v.current.empty() && !showView(QString::fromStdString(v.current))) {
        problems << tr("view.current: expected one of %1, got \"%2\"")
                        .arg(viewKeyList(), QString::fromStdString(v.current));
    }
    if (error != nullptr) {
        *error = problems.join(QStringLiteral("; "));
    }
    return problems.isEmpty();
}

void MainWindow::copyViewToClipboard() {
    auto* v = qobject_cast<PlotView*>(tabs_->currentWidget());
    QApplication::clipboard()->setImage(v->plot()->toPixmap().toImage());
    statusBar()->showMessage(tr("Copied %1 to the clipboard").arg(v->title()), 4000);
}

void MainWindow::rebuildRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = document_->recentFiles();
    for (const QString& path : recent) {
        recentMenu_->addAction(path, this, [this, path] { openFile(path); });
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::enterPresentation(bool fullScreen) {
    presentation_->enter(fullScreen);
}
void MainWindow::leavePresentation() {
    presentation_->leave();
}
bool MainWindow::inPresentation() const {
    return presentation_ != nullptr && presentation_->active();
}
void MainWindow::loadDeck(const Deck& deck) {
    presentation_->loadDeck(deck);
}
bool MainWindow::goToSlide(int index, bool animate) {
    return presentation_->goToSlide(index, animate);
}
int MainWindow::slideIndex() const {
    return presentation_->slideIndex();
}
int MainWindow::slideCount() const {
    return presentation_->slideCount();
}
QString MainWindow::slideTitle() const {
    return presentation_->slideTitle();
}
bool MainWindow::animating() const {
    return presentation_->animating();
}

QString MainWindow::autosavePath() const {
    return document_->autosavePath();
}
QString MainWindow::autosaveFolder() {
    return SessionDocument::autosaveFolder();
}
QStringList MainWindow::orphanedAutosaves() {
    return SessionDocument::orphanedAutosaves();
}
void MainWindow::discardAutosave(const QString& path) {
    SessionDocument::discardAutosave(path);
}

bool MainWindow::restoreAutosave(const QString& path) {
    QString error;
    const auto restored = document_->restoreAutosave(path, &error);
    if (!restored) {
        statusBar()->showMessage(tr("The autosave could not be read: %1").arg(error), 15000);
        return false;
    }
    if (restored->view) {
        applyViewSettings(*restored->view);
    }
    statusBar()->showMessage(tr("Restored the autosaved working state"), 8000);
    return true;
}

void MainWindow::saveLayout() {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    // By key: the index of a view changes when views are added.
    settings.setValue(QStringLiteral("window/view_key"),
                      QString::fromStdString(viewSettings().current));
    settings.setValue(QStringLiteral("window/theme"), themeName());
}

void MainWindow::restoreLayout() {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    const QString key = settings.value(QStringLiteral("window/view_key")).toString();
    showView(findViewInfo(key) != nullptr ? key : QString::fromLatin1(viewInfo(ViewId::HfuNf).key));
    const auto choice = parseThemeChoice(settings.value(QStringLiteral("window/theme")).toString());
    setThemeChoice(choice.value_or(ThemeChoice::System));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (confirmUnsaved_ && document_->hasUnsavedChanges()) {
        const QString name = document_->currentFile().isEmpty()
                                 ? tr("the current scenario")
                                 : QFileInfo(document_->currentFile()).fileName();
        const auto answer = QMessageBox::question(
            this, tr("Unsaved changes"), tr("Save the changes to %1 before closing?").arg(name),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        if (answer == QMessageBox::Cancel || (answer == QMessageBox::Save && !save())) {
            event->ignore(); // nothing is lost: the window stays, autosave included
            return;
        }
    }
    if (inPresentation()) {
        leavePresentation();
    }
    saveLayout();
    document_->closeCleanly();
    QMainWindow::closeEvent(event);
}

} // namespace afd::ui
