// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.hpp"

#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "inspector.hpp"
#include "parameter_panel.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"
#include "views.hpp"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTabWidget>
#include <QToolBar>

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
    setCentralWidget(tabs_);

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
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

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
        connect(a, &QAction::triggered, this, [this, key] { setThemeName(key); });
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
    try {
        const std::string file = path.toStdString();
        const std::string text = readInputFile(file);
        if (text.find("\"scenario\"") != std::string::npos) {
            return controller_.loadScenario(loadScenarioFile(file));
        }
        return controller_.usePreset(loadPresetFile(file));
    } catch (const InputFileError& e) {
        statusBar()->showMessage(tr("Not opened: %1").arg(QString::fromUtf8(e.what())), 15000);
        if (isVisible()) {
            QMessageBox::warning(this, tr("Cannot open file"), QString::fromUtf8(e.what()));
        }
        return false;
    }
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
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace afd::ui
