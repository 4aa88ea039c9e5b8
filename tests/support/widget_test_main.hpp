// SPDX-License-Identifier: GPL-3.0-or-later
// The environment every widget test runs in, set up by one main():
//   AFD_WIDGET_TEST_MAIN(TestClass)
// - the offscreen platform (unless QT_QPA_PLATFORM is already set, e.g. to xcb to watch a test);
// - 96 DPI and a scale factor of 1, whatever the machine's screen or environment says;
// - the C locale for C (setlocale), C++ (std::locale::global) and Qt (QLocale::setDefault);
//   QApplication's constructor applies the environment's locale, so this is done after it. A
//   test that wants another locale sets it in its own initTestCase();
// - the bundled DejaVu Sans at 10 pt as the application font (what afd-explorer uses), and the
//   Fusion style the application uses;
// - HOME, the XDG folders, QStandardPaths (test mode) and QSettings in a temporary folder, so
//   that settings, recent files and autosaves never touch the user's, and neither do the
//   afd-explorer processes a test starts (they inherit the environment).
// A test class may define `static void initMain()`, run before QApplication exists (as with
// QTEST_MAIN).
#pragma once

#include "test_home.hpp"
#include "theme.hpp"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTest>
#include <clocale>
#include <cstdio>
#include <locale>

namespace afd::test {

// C for printf/strtod, iostreams and QLocale.
inline void useCLocale() {
    std::setlocale(LC_ALL, "C");
    std::locale::global(std::locale::classic());
    QLocale::setDefault(QLocale::c());
}

class WidgetTestEnvironment {
  public:
    // Before QApplication: what the platform plugin reads when it starts.
    WidgetTestEnvironment() {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        qputenv("QT_FONT_DPI", "96");
        qputenv("QT_SCALE_FACTOR", "1");
        qunsetenv("QT_SCREEN_SCALE_FACTORS");
        qunsetenv("QT_AUTO_SCREEN_SCALE_FACTOR");
        qunsetenv("QT_SCALE_FACTOR_ROUNDING_POLICY");
        QGuiApplication::setHighDpiScaleFactorRoundingPolicy(
            Qt::HighDpiScaleFactorRoundingPolicy::PassThrough);
    }

    // After QApplication; false (with a message) if the environment cannot be had.
    bool applicationCreated(QApplication& app) {
        app.setAttribute(Qt::AA_Use96Dpi, true);
        useCLocale();
        QStandardPaths::setTestModeEnabled(true);
        for (QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat}) {
            QSettings::setPath(format, QSettings::UserScope,
                               home_.path() + QStringLiteral("/settings"));
        }
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        const QString family = afd::ui::bundledFontFamily();
        if (!family.contains(QLatin1String("DejaVu"))) {
            std::fprintf(stderr, "the bundled font did not load (got '%s')\n", qPrintable(family));
            return false;
        }
        QApplication::setFont(QFont(family, 10));
        return true;
    }

    QString home() const { return home_.path(); }

  private:
    TestHome home_;
};

template <class TestObject>
void callInitMain() {
    if constexpr (requires { TestObject::initMain(); }) {
        TestObject::initMain();
    }
}

} // namespace afd::test

#define AFD_WIDGET_TEST_MAIN(TestObject)                                                           \
    int main(int argc, char** argv) {                                                              \
        afd::test::WidgetTestEnvironment afdEnvironment_;                                          \
        afd::test::callInitMain<TestObject>();                                                     \
        QApplication app(argc, argv);                                                              \
        if (!afdEnvironment_.applicationCreated(app)) {                                            \
            return 1;                                                                              \
        }                                                                                          \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
