// SPDX-License-Identifier: GPL-3.0-or-later
// Presentation mode of a window: full screen, chrome hidden, the presentation theme, one view,
// and decks whose slides animate every parameter to the next slide's scenario.
#pragma once

#include "afd/presets.hpp"

#include <QByteArray>
#include <QObject>
#include <QVector>
#include <optional>

class QLabel;
class QShortcut;
class QVariantAnimation;

namespace afd::ui {

class MainWindow;
class ScenarioController;

class PresentationController : public QObject {
    Q_OBJECT
  public:
    PresentationController(MainWindow& window, ScenarioController& controller);

    // The slide title shown above the views while presenting; the window places it.
    QLabel* titleLabel() const { return titleLabel_; }

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
    int slideIndex() const { return slide_; }
    int slideCount() const { return deck_ ? int(deck_->slides.size()) : 0; }
    // The current slide's title with its "n / N" counter (rich text); empty without a deck.
    QString slideTitle() const;
    bool animating() const;

  private:
    void showTitle();

    MainWindow& window_;
    ScenarioController& controller_;
    QLabel* titleLabel_ = nullptr;
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
