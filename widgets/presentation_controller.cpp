// SPDX-License-Identifier: GPL-3.0-or-later
#include "presentation_controller.hpp"

#include "main_window.hpp"
#include "nf_sweep_view.hpp"
#include "plot_view.hpp"
#include "presenter_view.hpp"
#include "scenario_controller.hpp"
#include "slide_renderer.hpp"
#include "theme.hpp"
#include "view_navigator.hpp"
#include "view_table.hpp"

#include <QDockWidget>
#include <QEasingCurve>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QShortcut>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVariantAnimation>

namespace afd::ui {

namespace {

constexpr int kSlideAnimationMs = 700;

} // namespace

PresentationController::PresentationController(MainWindow& window, ScenarioController& controller)
    : QObject(&window), window_(window), controller_(controller),
      slideTheme_(*afd::ui::slideTheme(QStringLiteral("light"))) {
    titleLabel_ = new QLabel(&window);
    titleLabel_->setObjectName(QStringLiteral("slideTitle"));
    titleLabel_->setAlignment(Qt::AlignCenter);
    titleLabel_->setWordWrap(true);
    titleLabel_->setTextFormat(Qt::RichText); // the slide counter is set in a smaller grey span
    titleLabel_->setMargin(14);
    titleLabel_->setAutoFillBackground(true);
    QFont titleFont(bundledFontFamily());
    titleFont.setPointSize(kSlideTitlePointSize);
    titleFont.setBold(true);
    titleLabel_->setFont(titleFont);
    titleLabel_->hide();
    textSlide_ = new TextSlideWidget(&window);
    textSlide_->hide();
    setSlideTheme(slideTheme_);

    auto* leaveKey = new QShortcut(QKeySequence(Qt::Key_Escape), &window);
    connect(leaveKey, &QShortcut::activated, this, &PresentationController::leave);
    keys_ << leaveKey;
    for (const auto& [key, delta] :
         {std::pair{Qt::Key_PageDown, 1}, std::pair{Qt::Key_Right, 1}, std::pair{Qt::Key_Space, 1},
          std::pair{Qt::Key_PageUp, -1}, std::pair{Qt::Key_Left, -1}}) {
        auto* shortcut = new QShortcut(QKeySequence(key), &window);
        connect(shortcut, &QShortcut::activated, this, [this, delta = delta] { step(delta); });
        keys_ << shortcut;
    }
    auto* presenterKey = new QShortcut(QKeySequence(Qt::Key_P), &window);
    connect(presenterKey, &QShortcut::activated, this,
            [this] { setPresenterVisible(!presenterVisible()); });
    keys_ << presenterKey;
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

PresentationController::~PresentationController() {
    delete presenter_; // a window of its own, not a child of the main window
}

const PresetLibrary& PresentationController::library() const {
    return controller_.library();
}

void PresentationController::setSlideTheme(const PlotTheme& theme) {
    slideTheme_ = theme;
    // The slide's colours are the slide theme's, whatever the desktop's palette.
    QPalette palette = titleLabel_->palette();
    palette.setColor(QPalette::Window, theme.background);
    palette.setColor(QPalette::WindowText, theme.foreground);
    titleLabel_->setPalette(palette);
    if (presenting_) {
        for (PlotView* v : window_.views()) {
            v->setTheme(slideTheme_);
        }
        showTitle();
    }
    if (presenter_ != nullptr) {
        presenter_->clearCache();
        presenter_->refresh();
    }
}

bool PresentationController::step(int delta) {
    return deck_ && goToSlide(slide_ + delta);
}

bool PresentationController::presenterVisible() const {
    return presenter_ != nullptr && presenter_->isVisible();
}

void PresentationController::setPresenterVisible(bool visible) {
    if (!visible) {
        if (presenter_ != nullptr) {
            presenter_->hide();
        }
        return;
    }
    if (presenter_ == nullptr) {
        presenter_ = new PresenterView(*this);
        connect(this, &PresentationController::slideChanged, presenter_, &PresenterView::refresh);
    }
    presenter_->refresh();
    // With a second screen the presenter view takes the screen the slides are not on.
    const QList<QScreen*> screens = QGuiApplication::screens();
    QScreen* slides = window_.screen();
    for (QScreen* s : screens) {
        if (screens.size() > 1 && s != slides) {
            presenter_->setScreen(s);
            presenter_->setGeometry(s->availableGeometry());
            break;
        }
    }
    presenter_->show();
    presenter_->raise();
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
    if (auto* nf = qobject_cast<NfSweepView*>(window_.view(ViewId::HfuNf))) {
        savedCompareModels_ = nf->compareModels();
    }
    for (PlotView* v : window_.views()) {
        v->setTheme(slideTheme_);
        v->setOptionsVisible(false);
    }
    showTitle();
    if (fullScreen) {
        // Two screens: the slides go to the one that is not the primary (the projector, as a
        // laptop's screen is usually the primary), the presenter view to the other.
        const QList<QScreen*> screens = QGuiApplication::screens();
        if (screens.size() > 1) {
            for (QScreen* s : screens) {
                if (s != QGuiApplication::primaryScreen()) {
                    window_.setScreen(s);
                    window_.move(s->geometry().topLeft());
                    break;
                }
            }
        }
        window_.showFullScreen();
        if (screens.size() > 1) {
            setPresenterVisible(true);
        }
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
    showSlideKind(nullptr);
    if (presenter_ != nullptr) {
        presenter_->hide();
    }
    if (auto* nf = qobject_cast<NfSweepView*>(window_.view(ViewId::HfuNf))) {
        nf->setCompareModels(savedCompareModels_);
    }
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
        if (deck.slides[i].kind == SlideKind::Text) {
            continue;
        }
        const QString view = QString::fromStdString(deck.slides[i].view);
        const ViewInfo* info = findViewInfo(view);
        if (info == nullptr) {
            return QStringLiteral("slides[%1].view: expected one of %2, got \"%3\"")
                .arg(i)
                .arg(viewKeyList(), view);
        }
        if (deck.slides[i].compareModels && info->id != ViewId::HfuNf) {
            return QStringLiteral("slides[%1].compare_models: applies to the view \"%2\" only, "
                                  "not to \"%3\"")
                .arg(i)
                .arg(QLatin1String(viewInfo(ViewId::HfuNf).key), view);
        }
    }
    return {};
}

void PresentationController::loadDeck(const Deck& deck) {
    deck_ = deck;
    slide_ = -1;
    enter(window_.isVisible());
    if (presenter_ != nullptr) {
        presenter_->clearCache();
    }
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
    const bool text = deck_ && slide_ >= 0 && slide_ < int(deck_->slides.size()) &&
                      deck_->slides[std::size_t(slide_)].kind == SlideKind::Text;
    titleLabel_->setText(slideTitle());
    // A text slide draws its own title.
    titleLabel_->setVisible(presenting_ && !text && !slideTitle().isEmpty());
}

void PresentationController::showSlideKind(const Slide* slide) {
    const bool text = slide != nullptr && slide->kind == SlideKind::Text;
    if (text) {
        textSlide_->setSlide(*slide, slide_, slideCount(), slideTheme_);
    }
    textSlide_->setVisible(text);
    window_.tabs()->setVisible(!text);
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
    showSlideKind(&slide);
    if (slide.kind == SlideKind::Text) {
        // The scenario stays as it is: the next view slide animates from it.
        showTitle();
        emit slideChanged(slide_);
        return true;
    }
    if (slide.view == viewInfo(ViewId::HfuNf).key) {
        if (auto* nf = qobject_cast<NfSweepView*>(window_.view(ViewId::HfuNf))) {
            nf->setCompareModels(slide.compareModels);
        }
    }
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
    emit slideChanged(slide_);
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
