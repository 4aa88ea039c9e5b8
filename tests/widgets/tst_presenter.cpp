// SPDX-License-Identifier: GPL-3.0-or-later
// Talks: the presenter view follows the deck (notes, next slide, counter) whichever window the
// keys go to, its timer reads like a clock, the handout PDF has one page per slide and is
// written atomically, and every slide of the shipped decks is legible from the back of a room
// (no text lower than 24 px at 1920x1080).
#include "afd/presets.hpp"
#include "main_window.hpp"
#include "presentation_controller.hpp"
#include "presenter_view.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "slide_renderer.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <csignal>
#include <memory>
#include <sys/resource.h>

using namespace afd;
using namespace afd::ui;

namespace {

const Deck& shippedDeck(const char* id) {
    static const std::vector<Deck> decks = PresetLibrary::builtin().builtinDecks();
    const auto it =
        std::find_if(decks.begin(), decks.end(), [id](const Deck& d) { return d.id == id; });
    if (it == decks.end()) {
        qFatal("no built-in deck %s", id);
    }
    return *it;
}

// Pages of a PDF: its page objects ("/Type /Page", not the "/Type /Pages" tree).
int pdfPageCount(const QByteArray& pdf) {
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![a-zA-Z])"));
    int n = 0;
    auto it = page.globalMatch(QString::fromLatin1(pdf));
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

// Every text a plot shows, with the font it is drawn in: axis and tick labels of visible axes,
// legends, text items and title elements (written here, apart from the code that draws them).
struct PlotText {
    QString what;
    QFont font;
};
QVector<PlotText> plotTexts(QCustomPlot& plot) {
    QVector<PlotText> texts;
    const auto axisTexts = [&texts](QCPAxis* axis, const QString& where) {
        if (!axis->visible()) {
            return;
        }
        if (axis->tickLabels()) {
            texts.push_back({where + QStringLiteral(" tick labels"), axis->tickLabelFont()});
        }
        if (!axis->label().isEmpty()) {
            texts.push_back(
                {where + QStringLiteral(" label \"") + axis->label() + u'"', axis->labelFont()});
        }
    };
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            axisTexts(axis, QStringLiteral("axis"));
        }
    }
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        if (auto* legend = qobject_cast<QCPLegend*>(element)) {
            if (!legend->visible()) {
                continue;
            }
            for (int i = 0; i < legend->itemCount(); ++i) {
                if (legend->item(i) == nullptr) {
                    continue;
                }
                QString name = QStringLiteral("legend item");
                if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i))) {
                    name += QStringLiteral(" \"") + item->plottable()->name() + u'"';
                }
                texts.push_back({name, legend->item(i)->font()});
            }
        } else if (auto* title = qobject_cast<QCPTextElement*>(element)) {
            if (title->visible() && !title->text().isEmpty()) {
                texts.push_back({QStringLiteral("title \"") + title->text() + u'"', title->font()});
            }
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            if (scale->visible()) {
                axisTexts(scale->axis(), QStringLiteral("colour scale"));
            }
        }
    }
    for (int i = 0; i < plot.itemCount(); ++i) {
        if (auto* text = qobject_cast<QCPItemText*>(plot.item(i))) {
            if (text->visible() && !text->text().trimmed().isEmpty()) {
                texts.push_back({QStringLiteral("label \"") + text->text() + u'"', text->font()});
            }
        }
    }
    return texts;
}

// A key pressed in w as a user does: w is the active window first (shortcuts belong to it).
void press(QWidget* w, Qt::Key key) {
    w->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(w));
    QTest::keyClick(w, key);
}

} // namespace

class TestPresenter : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void presenterFollowsTheDeck();
    void timerReadsLikeAClock();
    void handoutHasOnePagePerSlide_data();
    void handoutHasOnePagePerSlide();
    void failedHandoutLeavesNoFile();
    void textSlidesShowInsteadOfViews();
    void textWalkFindsSmallText();
    void everySlideIsLegibleFromTheBack_data();
    void everySlideIsLegibleFromTheBack();

  private:
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestPresenter::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(kSlideSize);
}

void TestPresenter::cleanup() {
    window_.reset();
    controller_.reset();
}

void TestPresenter::presenterFollowsTheDeck() {
    const Deck& deck = shippedDeck("paper-story");
    const int n = int(deck.slides.size());
    window_->show();
    window_->loadDeck(deck);
    PresentationController& presentation = window_->presentation();
    // One screen (offscreen): the presenter view waits for P.
    QVERIFY(!presentation.presenterVisible());
    press(window_.get(), Qt::Key_P);
    QVERIFY(presentation.presenterVisible());
    PresenterView* presenter = presentation.presenter();
    QVERIFY(presenter != nullptr);
    for (int i = 0; i < n; ++i) {
        const Slide& slide = deck.slides[std::size_t(i)];
        QCOMPARE(window_->slideIndex(), i);
        QVERIFY2(presenter->counterText().startsWith(
                     QStringLiteral("Slide %1 of %2: ").arg(i + 1).arg(n)),
                 qPrintable(presenter->counterText()));
        QVERIFY(presenter->counterText().endsWith(QString::fromStdString(slide.title)));
        QCOMPARE(presenter->notesText(), QString::fromStdString(slide.notes));
        QVERIFY(!presenter->currentImage().isNull());
        if (i + 1 < n) {
            QCOMPARE(presenter->nextTitle(),
                     QStringLiteral("Next: ") +
                         QString::fromStdString(deck.slides[std::size_t(i + 1)].title));
            QVERIFY(!presenter->nextImage().isNull());
            QVERIFY(presenter->nextImage() != presenter->currentImage());
        } else {
            QCOMPARE(presenter->nextTitle(), QStringLiteral("Next: end of the deck"));
            QVERIFY(presenter->nextImage().isNull());
        }
        // The keys step from either window: the presenter's on even slides, the slides' on odd.
        QWidget* keys = i % 2 == 0 ? static_cast<QWidget*>(presenter) : window_.get();
        press(keys, Qt::Key_Right);
        QTRY_VERIFY(!window_->animating());
    }
    QCOMPARE(window_->slideIndex(), n - 1); // past the last slide nothing moves
    press(presenter, Qt::Key_Left);
    QTRY_VERIFY(!window_->animating());
    QCOMPARE(window_->slideIndex(), n - 2);
    QCOMPARE(presenter->notesText(), QString::fromStdString(deck.slides[std::size_t(n - 2)].notes));
    press(window_.get(), Qt::Key_PageUp);
    QTRY_VERIFY(!window_->animating());
    QCOMPARE(window_->slideIndex(), n - 3);
    // The next slide is the deck's, not the window's: a slider moved during the talk changes
    // what the audience sees, not the preview of the next slide.
    const QImage nextBefore = presenter->nextImage();
    controller_->setValue(Param::Nf, 6);
    presenter->refresh();
    QCOMPARE(presenter->nextImage(), nextBefore);
    // P again, in the presenter view, hides it; Esc ends the talk from either window.
    press(presenter, Qt::Key_P);
    QVERIFY(!presentation.presenterVisible());
    press(window_.get(), Qt::Key_P);
    QVERIFY(presentation.presenterVisible());
    press(presenter, Qt::Key_Escape);
    QVERIFY(!window_->inPresentation());
    QVERIFY(!presentation.presenterVisible());
}

void TestPresenter::timerReadsLikeAClock() {
    QCOMPARE(formatElapsed(0), QStringLiteral("0:00"));
    QCOMPARE(formatElapsed(999), QStringLiteral("0:00")); // whole seconds, never rounded up
    QCOMPARE(formatElapsed(7000), QStringLiteral("0:07"));
    QCOMPARE(formatElapsed(59999), QStringLiteral("0:59"));
    QCOMPARE(formatElapsed(60000), QStringLiteral("1:00"));
    QCOMPARE(formatElapsed((12 * 60 + 34) * 1000), QStringLiteral("12:34"));
    QCOMPARE(formatElapsed((59 * 60 + 59) * 1000), QStringLiteral("59:59"));
    QCOMPARE(formatElapsed((3600 + 2 * 60 + 3) * 1000), QStringLiteral("1:02:03"));
    QCOMPARE(formatElapsed(-5000), QStringLiteral("0:00"));
    window_->loadDeck(shippedDeck("paper-story"));
    window_->presentation().setPresenterVisible(true);
    PresenterView* presenter = window_->presentation().presenter();
    presenter->resetTimer();
    QCOMPARE(presenter->timerText(), QStringLiteral("0:00"));
}

void TestPresenter::handoutHasOnePagePerSlide_data() {
    QTest::addColumn<QString>("deck");
    QTest::addColumn<QString>("theme");
    QTest::newRow("paper-story, light") << QStringLiteral("paper-story") << QStringLiteral("light");
    QTest::newRow("beyond-the-paper, dark")
        << QStringLiteral("beyond-the-paper") << QStringLiteral("dark");
}

void TestPresenter::handoutHasOnePagePerSlide() {
    QFETCH(QString, deck);
    QFETCH(QString, theme);
    const Deck& d = shippedDeck(qPrintable(deck));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("handout.pdf"));
    QString error;
    QVERIFY2(writeHandoutPdf(d, *slideTheme(theme), path, &error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray pdf = f.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QCOMPARE(pdfPageCount(pdf), int(d.slides.size()));
    // Only the handout is left in the folder: no temporary file beside it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("handout.pdf")});
}

void TestPresenter::failedHandoutLeavesNoFile() {
    // Writes beyond 100 bytes fail (a full disk, a quota): the message names the file, the
    // previous handout is kept as it was, and no partial or temporary file is left.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("handout.pdf"));
    const QByteArray previous("an older handout");
    {
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write(previous);
    }
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    const auto handler = std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limited{100, old.rlim_max};
    setrlimit(RLIMIT_FSIZE, &limited);
    QString error;
    const bool ok = writeHandoutPdf(shippedDeck("paper-story"),
                                    *slideTheme(QStringLiteral("light")), path, &error);
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, handler);
    QVERIFY(!ok);
    QVERIFY2(error.startsWith(path + QLatin1Char(':')), qPrintable(error));
    QFile kept(path);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), previous);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("handout.pdf")});
}

void TestPresenter::textSlidesShowInsteadOfViews() {
    const Deck& deck = shippedDeck("paper-story");
    window_->show();
    window_->loadDeck(deck);
    // The deck opens and closes with text: its title and the takeaways.
    QCOMPARE(deck.slides.front().kind, SlideKind::Text);
    QCOMPARE(deck.slides.back().kind, SlideKind::Text);
    QVERIFY(!deck.slides.back().table.rows.empty());
    auto* text = window_->findChild<TextSlideWidget*>();
    QVERIFY(text != nullptr);
    QVERIFY(text->isVisible());
    QVERIFY(!window_->tabs()->isVisible());
    QCOMPARE(text->slide().title, deck.slides.front().title);
    QCOMPARE(deck.slides[2].kind, SlideKind::View);
    QVERIFY(window_->goToSlide(2, false));
    QVERIFY(!text->isVisible());
    QVERIFY(window_->tabs()->isVisible());
    QVERIFY(window_->goToSlide(int(deck.slides.size()) - 1, false));
    QVERIFY(text->isVisible());
    QCOMPARE(text->slide().title, deck.slides.back().title);
    window_->leavePresentation();
    QVERIFY(!text->isVisible());
    QVERIFY(window_->tabs()->isVisible());
}

void TestPresenter::textWalkFindsSmallText() {
    // The walk below sees axis labels, tick labels, legend entries and text items: a plot with
    // 10 pt text (13.3 px font size, about 16 px high at 96 DPI) is reported, and raising it
    // (the slide themes do) brings every text to 24 px.
    QCustomPlot plot;
    plot.resize(800, 600);
    QFont small(bundledFontFamily());
    small.setPointSize(10);
    plot.xAxis->setLabel(QStringLiteral("x"));
    plot.xAxis->setLabelFont(small);
    plot.xAxis->setTickLabelFont(small);
    plot.legend->setVisible(true);
    plot.addGraph()->setName(QStringLiteral("series"));
    plot.legend->item(0)->setFont(small);
    auto* label = new QCPItemText(&plot);
    label->setText(QStringLiteral("label"));
    label->setFont(small);
    int found = 0;
    for (const PlotText& t : plotTexts(plot)) {
        found += QFontMetricsF(t.font, &plot).height() < 24 ? 1 : 0;
    }
    // x label, x tick labels, the legend entry, the label, and the y tick labels (in the
    // application's 10 pt font).
    QCOMPARE(found, 5);
    raiseSmallText(plot, kMinimumSlideTextPixels);
    for (const PlotText& t : plotTexts(plot)) {
        QVERIFY2(QFontMetricsF(t.font, &plot).height() >= 24, qPrintable(t.what));
    }
}

void TestPresenter::everySlideIsLegibleFromTheBack_data() {
    QTest::addColumn<QString>("deck");
    QTest::addColumn<int>("slide");
    for (const char* id : {"paper-story", "beyond-the-paper"}) {
        const Deck& deck = shippedDeck(id);
        for (int i = 0; i < int(deck.slides.size()); ++i) {
            QTest::addRow("%s slide %d", id, i + 1) << QString::fromLatin1(id) << i;
        }
    }
}

void TestPresenter::everySlideIsLegibleFromTheBack() {
    // At 1920x1080 (a projector) every text on the slide is at least 24 px high: the view's
    // axis and tick labels, legend, labels and titles, the slide title and its counter, and
    // the text of text slides.
    QFETCH(QString, deck);
    QFETCH(int, slide);
    constexpr double kMinPixels = 24;
    const Deck& d = shippedDeck(qPrintable(deck));
    // Presenting in a window of the projector's size (the offscreen screen is smaller than
    // 1920x1080, so full screen would be smaller too).
    window_->enterPresentation(false);
    window_->loadDeck(d);
    window_->show();
    window_->resize(kSlideSize);
    QCOMPARE(window_->size(), kSlideSize);
    QVERIFY(window_->goToSlide(slide, false));
    window_->heatmap()->finishPending();
    QCoreApplication::processEvents();
    const Slide& s = d.slides[std::size_t(slide)];
    if (s.kind == SlideKind::Text) {
        auto* text = window_->findChild<TextSlideWidget*>();
        QVERIFY(text->isVisible());
        // The text slide is laid out at 1920x1080 and scaled to the widget.
        const double scale = std::min(text->width() / double(kSlideSize.width()),
                                      text->height() / double(kSlideSize.height()));
        const TextSlideFonts f = textSlideFonts();
        for (const QFont& font : {f.title, f.subtitle, f.body, f.tableHeader, f.table, f.counter}) {
            const double px = QFontMetricsF(font, text).height() * scale;
            QVERIFY2(px >= kMinPixels,
                     qPrintable(QStringLiteral("%1 pt: %2 px").arg(font.pointSizeF()).arg(px)));
        }
        return;
    }
    auto* title = window_->findChild<QLabel*>(QStringLiteral("slideTitle"));
    QVERIFY(title->isVisible());
    QVERIFY(QFontMetricsF(title->font(), title).height() >= kMinPixels);
    // The counter's span is 18 pt: 24 px of font size, more in height.
    QFont counter = title->font();
    counter.setPointSizeF(18);
    QVERIFY(QFontMetricsF(counter, title).height() >= kMinPixels);
    auto* view = qobject_cast<PlotView*>(window_->tabs()->currentWidget());
    QVERIFY(view != nullptr);
    QCOMPARE(view->key().toStdString(), s.view);
    view->plot()->replot(); // the replot the projector would show
    QVERIFY(view->plot()->width() >= 1600);
    const QVector<PlotText> texts = plotTexts(*view->plot());
    QVERIFY(!texts.isEmpty());
    QStringList small;
    for (const PlotText& t : texts) {
        const double px = QFontMetricsF(t.font, view->plot()).height();
        if (px < kMinPixels) {
            small << QStringLiteral("%1: %2 px").arg(t.what).arg(px, 0, 'f', 1);
        }
    }
    QVERIFY2(small.isEmpty(), qPrintable(small.join(QStringLiteral("; "))));
}

AFD_WIDGET_TEST_MAIN(TestPresenter)
#include "tst_presenter.moc"
