// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode of a window: full screen, chrome hidden, the presentation theme, one view,
// and decks whose slides animate every parameter to the next slide's scenario.
#pragma once

#include "afd/presets.hpp"
#include "theme.hpp"

#include <QByteArray>
#include <QObject>
#include <QVector>
#include <optional>

class QLabel;
class QShortcut;
class QVariantAnimation;

namespace afd::ui {

class MainWindow;
class PresenterView;
class ScenarioController;
class TextSlideWidget;

class PresentationController : public QObject {
    Q_OBJECT
  public:
    PresentationController(MainWindow& window, ScenarioController& controller);
    ~PresentationController() override;

    // The slide title shown above the views while presenting, and the text slides shown
    // instead of the views; the window places both.
    QLabel* titleLabel() const { return titleLabel_; }
    TextSlideWidget* textSlide() const { return textSlide_; }

    // The look of the slides (see slideTheme() in slide_renderer.hpp); light by default.
    void setSlideTheme(const PlotTheme& theme);
    const PlotTheme& slideTheme() const { return slideTheme_; }
    const PresetLibrary& library() const;

    // fullScreen = false keeps the window size (offscreen rendering of slides).
    void enter(bool fullScreen = true);
    void leave();
    bool active() const { return presenting_; }

    // "" when every slide names one of the window's views; otherwise which slide does not
    // (the core keeps view keys as text; the views are the explorer's).
    static QString checkDeck(const Deck& deck);
    // Decks: load (which enters presentation mode), then step.
    void loadDeck(const Deck& deck);
    bool goToSlide(int index, bool animate = true);
    // The next (+1) or previous (-1) slide; false past either end or without a deck.
    bool step(int delta);
    const Deck* deck() const { return deck_ ? &*deck_ : nullptr; }
    int slideIndex() const { return slide_; }
    int slideCount() const { return deck_ ? int(deck_->slides.size()) : 0; }
    // The current slide's title with its "n / N" counter (rich text); empty without a deck.
    QString slideTitle() const;
    bool animating() const;

    // The presenter view (notes, timer, next slide): on the other screen when there are two,
    // else in a window of its own that P (or View > Presenter view) shows and hides.
    void setPresenterVisible(bool visible);
    bool presenterVisible() const;
    PresenterView* presenter() const { return presenter_; }

  signals:
    void slideChanged(int index);

  private:
    void showTitle();
    // Text slides replace the views; view slides show them again.
    void showSlideKind(const Slide* slide);

    MainWindow& window_;
    ScenarioController& controller_;
    QLabel* titleLabel_ = nullptr;
    TextSlideWidget* textSlide_ = nullptr;
    PresenterView* presenter_ = nullptr; // a top-level window, deleted with the controller
    PlotTheme slideTheme_;
    bool savedCompareModels_ = false; // hfu-nf's own setting, restored when the talk ends
    bool presenting_ = false;
    QByteArray savedState_;
    QByteArray savedGeometry_;
    std::optional<Deck> deck_;
    int slide_ = -1;
    QVariantAnimation* animation_ = nullptr;
    // Slide and Esc keys: enabled only while presenting, so that arrow keys reach a focused
    // slider the rest of the time.
    QVector<QShortcut*> keys_;
};

} // namespace afd::ui
