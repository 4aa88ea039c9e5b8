// SPDX-License-Identifier: GPL-3.0-or-later
// GUI responsiveness benchmark (not a test): drives parameter changes through the real window's
// sliders on the offscreen platform and prints, per view, the median and 95th-percentile time
// from the change to the view's finished replot (heatmap: grid computed and replotted), as JSON.
#include "afd/presets.hpp"
#include "afd/throughput_grid.hpp"
#include "main_window.hpp"
#include "parameter_panel.hpp"
#include "scenario_controller.hpp"
#include "theme.hpp"
#include "views.hpp"

#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QApplication::setFont(QFont(afd::ui::bundledFontFamily(), 10));
    afd::ui::ScenarioController controller(afd::PresetLibrary::builtin());
    afd::ui::MainWindow window(controller);
    window.setThemeName(QStringLiteral("light"));
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();

    // Sliders a user drags most: scale-out bandwidth, N_F, FLOPS, M; positions sweep back and
    // forth across each slider so every regime is visited.
    const afd::Param params[] = {afd::Param::ScaleOutBwGbS, afd::Param::Nf, afd::Param::FlopsTflops,
                                 afd::Param::MoeIntermediateSize};
    constexpr int kChanges = 120;
    std::printf("{\n  \"changes_per_view\": %d,\n  \"views\": {\n", kChanges);
    const auto& views = window.views();
    for (int vi = 0; vi < views.size(); ++vi) {
        afd::ui::PlotView* view = views[vi];
        window.showView(view->key());
        window.heatmap()->finishPending();
        QApplication::processEvents();
        std::vector<double> ms;
        ms.reserve(kChanges);
        double syncMs = 0;
        for (int i = 0; i < kChanges; ++i) {
            QSlider* slider = window.parameterPanel()->slider(params[i % 4]);
            const int position = (i * 37) % afd::ui::kSliderSteps;
            const int replots = view->replotCount();
            QElapsedTimer timer;
            timer.start();
            slider->setValue(position == slider->value() ? position + 1 : position);
            syncMs += double(timer.nsecsElapsed()) / 1e6;
            while (view->replotCount() == replots && timer.elapsed() < 2000) {
                QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            }
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        // The synchronous part: controller, panel, inspector and the view's rebuild.
        std::fprintf(stderr, "%s: synchronous part %.2f ms on average\n", qPrintable(view->key()),
                     syncMs / kChanges);
        const double median = ms[ms.size() / 2];
        const double p95 = ms[std::min(ms.size() - 1, std::size_t(double(ms.size()) * 0.95))];
        std::printf("    \"%s\": {\"median_ms\": %.2f, \"p95_ms\": %.2f, \"max_ms\": %.2f}%s\n",
                    qPrintable(view->key()), median, p95, ms.back(),
                    vi + 1 < views.size() ? "," : "");
    }
    std::printf("  },\n");

    // The heatmap's throughput-model colours (docs/model.md C-H), scale-out bandwidth against
    // N_F with an AFD scenario: each change recomputes the grid on the worker (the search colour
    // on its coarser grid), so these are "change to finished map" times, not frame times.
    controller.setValue(afd::Param::System, 1);
    window.showView(QStringLiteral("heatmap"));
    afd::ui::HeatmapView* heat = window.heatmap();
    heat->setAxes(afd::Param::ScaleOutBwGbS, afd::Param::Nf);
    std::printf("  \"heatmap_throughput_metrics\": {\n");
    const auto metrics = afd::throughputHeatmapMetrics();
    for (std::size_t mi = 0; mi < metrics.size(); ++mi) {
        heat->setMetric(
            QString::fromUtf8(metrics[mi].key.data(), qsizetype(metrics[mi].key.size())));
        heat->finishPending();
        QApplication::processEvents();
        const int changes = metrics[mi].search ? 6 : 30;
        std::vector<double> ms;
        for (int i = 0; i < changes; ++i) {
            QSlider* slider = window.parameterPanel()->slider(afd::Param::FlopsTflops);
            const int position = (i * 37) % afd::ui::kSliderSteps;
            const int replots = heat->replotCount();
            QElapsedTimer timer;
            timer.start();
            slider->setValue(position == slider->value() ? position + 1 : position);
            while (heat->replotCount() == replots && timer.elapsed() < 20000) {
                QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            }
            ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(ms.begin(), ms.end());
        const afd::ThroughputGrid& g = *heat->lastData()->throughput;
        std::printf("    \"%s\": {\"cells\": %zu, \"median_ms\": %.1f, \"max_ms\": %.1f}%s\n",
                    metrics[mi].key.data(), g.nx() * g.ny(), ms[ms.size() / 2], ms.back(),
                    mi + 1 < metrics.size() ? "," : "");
    }
    std::printf("  }\n}\n");
    return 0;
}
