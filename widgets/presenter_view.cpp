// SPDX-License-Identifier: GPL-3.0-or-later
#include "presenter_view.hpp"

#include "presentation_controller.hpp"
#include "slide_renderer.hpp"
#include "theme.hpp"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace afd::ui {

QString formatElapsed(qint64 milliseconds) {
    const qint64 seconds = std::max<qint64>(0, milliseconds) / 1000;
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0) {
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

namespace {

QFont presenterFont(double pointSize, bool bold = false) {
    QFont f(bundledFontFamily());
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    return f;
}

QLabel* picture(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setAlignment(Qt::AlignCenter);
    label->setMinimumSize(320, 180);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    label->setFrameShape(QFrame::Box);
    return label;
}

} // namespace

PresenterView::PresenterView(PresentationController& presentation, QWidget* parent)
    : QWidget(parent, Qt::Window), presentation_(presentation) {
    setObjectName(QStringLiteral("presenterView"));
    setWindowTitle(tr("AFD Explorer: presenter view"));
    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setHorizontalSpacing(16);

    counter_ = new QLabel(this);
    counter_->setObjectName(QStringLiteral("presenterCounter"));
    counter_->setFont(presenterFont(18, true));
    counter_->setWordWrap(true);
    timer_ = new QLabel(this);
    timer_->setObjectName(QStringLiteral("presenterTimer"));
    timer_->setFont(presenterFont(32, true));
    timer_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    reset_ = new QPushButton(tr("Reset timer"), this);
    reset_->setObjectName(QStringLiteral("presenterResetTimer"));
    reset_->setFocusPolicy(Qt::NoFocus); // the slide keys stay with the window
    connect(reset_, &QPushButton::clicked, this, &PresenterView::resetTimer);
    auto* top = new QHBoxLayout;
    top->addWidget(counter_, 1);
    top->addWidget(timer_);
    top->addWidget(reset_);
    layout->addLayout(top, 0, 0, 1, 2);

    auto* nowCaption = new QLabel(tr("Now"), this);
    nowCaption->setFont(presenterFont(13, true));
    nextCaption_ = new QLabel(this);
    nextCaption_->setObjectName(QStringLiteral("presenterNextTitle"));
    nextCaption_->setFont(presenterFont(13, true));
    nextCaption_->setWordWrap(true);
    currentPicture_ = picture(this, QStringLiteral("presenterCurrent"));
    nextPicture_ = picture(this, QStringLiteral("presenterNext"));
    layout->addWidget(nowCaption, 1, 0);
    layout->addWidget(nextCaption_, 1, 1);
    layout->addWidget(currentPicture_, 2, 0);
    layout->addWidget(nextPicture_, 2, 1);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(1, 2);
    layout->setRowStretch(2, 3);

    notes_ = new QTextBrowser(this);
    notes_->setObjectName(QStringLiteral("presenterNotes"));
    notes_->setFont(presenterFont(18));
    notes_->setFocusPolicy(Qt::NoFocus);
    layout->addWidget(notes_, 3, 0, 1, 2);
    layout->setRowStretch(3, 2);
    auto* hint = new QLabel(tr("Next: Right, Page Down, Space   Previous: Left, Page Up   "
                               "Presenter view: P   End: Esc"),
                            this);
    hint->setEnabled(false);
    layout->addWidget(hint, 4, 0, 1, 2);

    // The same keys as the presentation window, so a clicker works whichever window has focus.
    const auto bind = [this](QKeySequence key, auto slot) {
        auto* shortcut = new QShortcut(key, this);
        connect(shortcut, &QShortcut::activated, this, slot);
    };
    for (Qt::Key key : {Qt::Key_Right, Qt::Key_PageDown, Qt::Key_Space}) {
        bind(QKeySequence(key), [this] { presentation_.step(1); });
    }
    for (Qt::Key key : {Qt::Key_Left, Qt::Key_PageUp}) {
        bind(QKeySequence(key), [this] { presentation_.step(-1); });
    }
    bind(QKeySequence(Qt::Key_P), [this] { presentation_.setPresenterVisible(false); });
    bind(QKeySequence(Qt::Key_Escape), [this] { presentation_.leave(); });

    ticker_ = new QTimer(this);
    ticker_->setInterval(250);
    connect(ticker_, &QTimer::timeout, this, &PresenterView::tick);
    ticker_->start();
    clock_.start();
    resize(1280, 800);
    refresh();
}

PresenterView::~PresenterView() = default;

void PresenterView::resetTimer() {
    clock_.restart();
    tick();
}

QString PresenterView::timerText() const {
    return timer_->text();
}

void PresenterView::tick() {
    timer_->setText(formatElapsed(clock_.elapsed()));
}

void PresenterView::clearCache() {
    cache_.clear();
    renderer_.reset();
}

QString PresenterView::counterText() const {
    return counter_->text();
}
QString PresenterView::notesText() const {
    return notes_->toPlainText();
}
QString PresenterView::nextTitle() const {
    return nextCaption_->text();
}

QImage PresenterView::slideImage(int index) {
    const Deck* deck = presentation_.deck();
    if (deck == nullptr || index < 0 || index >= int(deck->slides.size())) {
        return {};
    }
    if (const auto it = cache_.constFind(index); it != cache_.constEnd()) {
        return *it;
    }
    if (!renderer_ || renderer_->theme().background != presentation_.slideTheme().background) {
        renderer_ =
            std::make_unique<SlideRenderer>(presentation_.library(), presentation_.slideTheme());
        cache_.clear();
    }
    // Half the slide size: sharp on a laptop's screen, and four times cheaper to keep.
    const QImage image = renderer_->image(*deck, index, kSlideSize / 2);
    cache_.insert(index, image);
    return image;
}

void PresenterView::refresh() {
    const Deck* deck = presentation_.deck();
    const int index = presentation_.slideIndex();
    tick();
    if (deck == nullptr || index < 0) {
        counter_->setText(tr("Presentation of the current view (no deck)"));
        notes_->setPlainText(tr("Open a deck (File > Open) to see its notes and next slide here."));
        nextCaption_->setText(tr("Next: -"));
        current_ = {};
        next_ = {};
        showImages();
        return;
    }
    const int count = int(deck->slides.size());
    const Slide& slide = deck->slides[std::size_t(index)];
    counter_->setText(tr("Slide %1 of %2: %3")
                          .arg(index + 1)
                          .arg(count)
                          .arg(QString::fromStdString(slide.title)));
    notes_->setPlainText(slide.notes.empty() ? tr("(no notes for this slide)")
                                             : QString::fromStdString(slide.notes));
    current_ = slideImage(index);
    if (index + 1 < count) {
        nextCaption_->setText(
            tr("Next: %1").arg(QString::fromStdString(deck->slides[std::size_t(index + 1)].title)));
        next_ = slideImage(index + 1);
    } else {
        nextCaption_->setText(tr("Next: end of the deck"));
        next_ = {};
    }
    showImages();
}

void PresenterView::showImages() {
    const auto show = [](QLabel* label, const QImage& image, const QString& empty) {
        if (image.isNull()) {
            label->setPixmap({});
            label->setText(empty);
            return;
        }
        label->setPixmap(QPixmap::fromImage(image.scaled(
            label->contentsRect().size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    };
    show(currentPicture_, current_, QString());
    show(nextPicture_, next_, tr("End of the deck"));
}

void PresenterView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    showImages();
}

} // namespace afd::ui
