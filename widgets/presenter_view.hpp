// SPDX-License-Identifier: GPL-3.0-or-later
// The presenter view: what the speaker sees while the audience sees the slide. The slide number,
// a timer, the current and the next slide, and the speaker's notes; the slide keys work here as
// in the presentation window.
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QImage>
#include <QString>
#include <QWidget>
#include <memory>

class QLabel;
class QPushButton;
class QTextBrowser;
class QTimer;

namespace afd::ui {

class PresentationController;
class SlideRenderer;

// "0:07", "12:34", "1:02:03": elapsed time as a speaker reads it (negative counts as 0).
QString formatElapsed(qint64 milliseconds);

class PresenterView : public QWidget {
    Q_OBJECT
  public:
    explicit PresenterView(PresentationController& presentation, QWidget* parent = nullptr);
    ~PresenterView() override;

    // Shows the controller's current slide, the next one and the notes.
    void refresh();
    // The timer counts from now again.
    void resetTimer();
    qint64 elapsedMs() const { return clock_.elapsed(); }

    QString counterText() const;
    QString notesText() const;
    QString nextTitle() const;
    QString timerText() const;
    // The thumbnails as shown (null when there is none, e.g. after the last slide).
    QImage currentImage() const { return current_; }
    QImage nextImage() const { return next_; }
    // Forgets rendered thumbnails (another deck or theme).
    void clearCache();

  protected:
    void resizeEvent(class QResizeEvent* event) override;

  private:
    QImage slideImage(int index);
    void showImages();
    void tick();

    PresentationController& presentation_;
    std::unique_ptr<SlideRenderer> renderer_;
    QHash<int, QImage> cache_; // slide index -> image at the slide size's half
    QElapsedTimer clock_;
    QTimer* ticker_ = nullptr;
    QLabel* counter_ = nullptr;
    QLabel* timer_ = nullptr;
    QPushButton* reset_ = nullptr;
    QLabel* currentPicture_ = nullptr;
    QLabel* nextPicture_ = nullptr;
    QLabel* nextCaption_ = nullptr;
    QTextBrowser* notes_ = nullptr;
    QImage current_;
    QImage next_;
};

} // namespace afd::ui
