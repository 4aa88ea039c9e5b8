// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentation_controller.hpp"

#include "main_window.hpp"
#include "plot_view.hpp"
#include "scenario_controller.hpp"
#include "theme.hpp"
#include "view_navigator.hpp"
#include "view_table.hpp"

#include <QDockWidget>
#include <QEasingCurve>
#include <QLabel>
#include <QMenuBar>
#include <QShortcut>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVariantAnimation>

namespace afd::ui {

namespace {

constexpr int kSlideAnimationMs = 700;
constexpr int kTitlePointSize = 30;

} // namespace

PresentationController::PresentationController(MainWindow& window, ScenarioController& controller)
    : QObject(&window), window_(window), controller_(controller) {
    titleLabel_ = new QLabel(&window);
    titleLabel_->setObjectName(QStringLiteral("slideTitle"));
    titleLabel_->setAlignment(Qt::AlignCenter);
    titleLabel_->setWordWrap(true);
    titleLabel_->setTextFormat(Qt::RichText); // the slide counter is set in a smaller grey span
    titleLabel_->setMargin(14);
    // The slide's colours are the presentation theme's, whatever the desktop's palette.
    const PlotTheme slide = PlotTheme::presentation();
    QPalette palette = titleLabel_->palette();
    palette.setColor(QPalette::Window, slide.background);
    palette.setColor(QPalette::WindowText, slide.foreground);
    titleLabel_->setPalette(palette);
    titleLabel_->setAutoFillBackground(true);
    QFont titleFont(bundledFontFamily());
    titleFont.setPointSize(kTitlePointSize);
    titleFont.setBold(true);
    titleLabel_->setFont(titleFont);
    titleLabel_->hide();

    auto* leaveKey = new QShortcut(QKeySequence(Qt::Key_Escape), &window);
    connect(leaveKey, &QShortcut::activated, this, &PresentationController::leave);
    keys_ << leaveKey;
    for (const auto& [key, step] : {std::pair{Qt::Key_PageDown, 1}, std::pair{Qt::Key_Right, 1},
                                    std::pair{Qt::Key_PageUp, -1}, std::pair{Qt::Key_Left, -1}}) {
        auto* shortcut = new QShortcut(QKeySequence(key), &window);
        connect(shortcut, &QShortcut::activated, this, [this, step = step] {
            if (deck_) {
                goToSlide(slide_ + step);
            }
        });
        keys_ << shortcut;
    }
    // During a talk the parameter panel can be brought up to move sliders live.
    auto* panelToggle = new QShortcut(QKeySequence(Qt::Key_F6), &window);
    connect(panelToggle, &QShortcut::activated, this, [this] {
        auto* dock = window_.findChild<QDockWidget*>(QStringLiteral("parametersDock"));
        dock->setVisible(!dock->isVisible());
    });
    keys_ << panelToggle;
    for (QShortcut* key : keys_) {
        key->setEnabled(false);
    }
}

void PresentationController::enter(bool fullScreen) {
    if (presenting_) {
        return;
    }
    presenting_ = true;
    for (QShortcut* key : keys_) {
        key->setEnabled(true);
    }
    savedState_ = window_.saveState();
    savedGeometry_ = window_.saveGeometry();
    window_.menuBar()->hide();
    window_.statusBar()->hide();
    for (QToolBar* bar : window_.findChildren<QToolBar*>()) {
        bar->hide();
    }
    for (QDockWidget* dock : window_.findChildren<QDockWidget*>()) {
        dock->hide();
    }
    window_.navigator()->hide();
    for (PlotView* v : window_.views()) {
        v->setTheme(PlotTheme::presentation());
        v->setOptionsVisible(false);
    }
    showTitle();
    if (fullScreen) {
        window_.showFullScreen();
    }
}

void PresentationController::leave() {
    if (!presenting_) {
        return;
    }
    presenting_ = false;
    for (QShortcut* key : keys_) {
        key->setEnabled(false);
    }
    if (animation_ != nullptr) {
        animation_->stop();
    }
    titleLabel_->hide();
    window_.menuBar()->show();
    window_.statusBar()->show();
    window_.navigator()->show();
    for (QToolBar* bar : window_.findChildren<QToolBar*>()) {
        bar->show();
    }
    for (PlotView* v : window_.views()) {
        v->setOptionsVisible(true);
    }
    window_.showNormal();
    window_.restoreGeometry(savedGeometry_);
    window_.restoreState(savedState_);
    window_.setThemeChoice(window_.themeChoice()); // the window's own theme again
}

QString PresentationController::checkDeck(const Deck& deck) {
    for (std::size_t i = 0; i < deck.slides.size(); ++i) {
        const QString view = QString::fromStdString(deck.slides[i].view);
        if (findViewInfo(view) == nullptr) {
            return QStringLiteral("slides[%1].view: expected one of %2, got \"%3\"")
                .arg(i)
                .arg(viewKeyList(), view);
        }
    }
    return {};
}

void PresentationController::loadDeck(const Deck& deck) {
    deck_ = deck;
    slide_ = -1;
    enter(window_.isVisible());
    goToSlide(0, false);
}

QString PresentationController::slideTitle() const {
    if (!deck_ || slide_ < 0 || slide_ >= int(deck_->slides.size())) {
        return {};
    }
    return QStringLiteral("%1  <span style='color:#888; font-size:18pt'>%2 / %3</span>")
        .arg(QString::fromStdString(deck_->slides[std::size_t(slide_)].title).toHtmlEscaped())
        .arg(slide_ + 1)
        .arg(deck_->slides.size());
}

void PresentationController::showTitle() {
    titleLabel_->setText(slideTitle());
    titleLabel_->setVisible(presenting_ && !slideTitle().isEmpty());
}

bool PresentationController::animating() const {
    return animation_ != nullptr && animation_->state() == QAbstractAnimation::Running;
}

bool PresentationController::goToSlide(int index, bool animate) {
    if (!deck_ || index < 0 || index >= int(deck_->slides.size())) {
        return false;
    }
    if (animation_ != nullptr) {
        animation_->stop();
    }
    slide_ = index;
    const Slide& slide = deck_->slides[std::size_t(index)];
    // A slide's scenario file may set the heatmap's axes and colour (its view block); the
    // slide names the view, and the presentation keeps its own theme.
    if (slide.scenario.view) {
        ViewSettings heatmapOnly;
        heatmapOnly.heatmapX = slide.scenario.view->heatmapX;
        heatmapOnly.heatmapY = slide.scenario.view->heatmapY;
        heatmapOnly.heatmapMetric = slide.scenario.view->heatmapMetric;
        window_.applyViewSettings(heatmapOnly, nullptr);
    }
    const auto finish = [this, slide] {
        controller_.setRecording(true);
        controller_.loadScenario(slide.scenario); // exact values, presets and name at the end
        window_.showView(QString::fromStdString(slide.view));
        showTitle();
    };
    window_.showView(QString::fromStdString(slide.view));
    showTitle();
    if (!animate) {
        finish();
        return true;
    }
    // Animate every parameter from here to the slide's values along its own scale; a frame
    // that is not a valid combination is skipped.
    const Scenario from = controller_.scenario();
    const Scenario to = resolve(slide.scenario, controller_.library()).values;
    if (animation_ == nullptr) {
        animation_ = new QVariantAnimation(this);
        animation_->setDuration(kSlideAnimationMs);
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
                    values.emplace_back(p.id,
                                        interpolate(p, from[p.id], to[p.id], t, naturalSpacing(p)));
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

} // namespace afd::ui
