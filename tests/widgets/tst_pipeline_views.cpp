// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline timeline and the measurements views, offscreen: their data against the core's
// numbers for a fixed scenario (the built-in default, DeepSeek-V3 on H800), bubbles exactly where
// a resource's stage is shorter than the budget another stage sets, the jitter, the message when
// no configuration qualifies, one point per predictable measurement, the highlight following the
// presets, and labels that never overlap each other or a marker.
#include "afd/measurements.hpp"
#include "afd/preset_library.hpp"
#include "afd/serving_comparison.hpp"
#include "afd/throughput_report.hpp"
#include "label_placement.hpp"
#include "measurements_view.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "timeline_view.hpp"
#include "widget_test_main.hpp"

#include <QTest>
#include <cmath>
#include <memory>

using namespace afd;
using namespace afd::ui;

namespace {

constexpr int kAttentionStage = 0;
constexpr int kDispatchStage = 1;
constexpr int kFfnStage = 2;
constexpr int kCombineStage = 3;

double duration(const PipelineSchedule& s, int stage, int mb, int layer) {
    const PipelineInterval* iv = s.find(stage, mb, layer);
    return iv != nullptr ? iv->end - iv->start : -1;
}

// Idle time of `resource` counted as bubbles inside [from, to).
double bubbleTimeIn(const PipelineSchedule& s, int resource, double from, double to) {
    double total = 0;
    for (const PipelineBubble& b : s.bubbles) {
        if (b.resource == resource) {
            total += std::max(0.0, std::min(b.end, to) - std::max(b.start, from));
        }
    }
    return total;
}

int stageIndex(const PipelineInput& in, const char* name) {
    for (std::size_t k = 0; k < in.stages.size(); ++k) {
        if (in.stages[k].name == name) {
            return int(k);
        }
    }
    return -1;
}

bool rectsOverlap(const QRectF& a, const QRectF& b) {
    return a.intersects(b) && a.intersected(b).width() > 0.01 && a.intersected(b).height() > 0.01;
}

} // namespace

class TestPipelineViews : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void timelineBarsAreTheCoreTerms();
    void timelineBubblesExactlyWhereAStageIsShorterThanTheBudget();
    void timelineJitterDelaysLaterLayers();
    void timelineCurrentConfiguration();
    void timelineSaysWhyNothingQualifies();
    void timelineHoverNamesTheStage();
    void measurementsOnePointPerPrediction();
    void measurementsListUnpredictable();
    void measurementsHighlightFollowsPresets();
    void measurementLabelsNeverOverlap();
    void labelPlacementSeparatesPiledUpMarkers();

  private:
    std::unique_ptr<ScenarioController> controller_;
};

void TestPipelineViews::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
}

void TestPipelineViews::cleanup() {
    controller_.reset();
}

void TestPipelineViews::timelineBarsAreTheCoreTerms() {
    TimelineView view(*controller_);
    view.resize(1280, 720);
    view.refreshNow();
    // The core's own answer for the same scenario, computed here independently of the view.
    const ServingComparison core = compareServing(controller_->scenario(), nullptr, false);
    QVERIFY(core.afd.found && core.ep.found);
    const ThroughputResult& afd = core.afd.best;
    const TimelineView::Panel& a = view.panel(TimelineView::Afd);
    QVERIFY(a.drawn);
    QCOMPARE(a.result.tokensPerSecondPerGpu, afd.tokensPerSecondPerGpu);
    QCOMPARE(a.input.microBatches, int(afd.microBatches)); // N_BO = 3
    QCOMPARE(afd.microBatches, 3.0);
    // Every shown bar of every micro-batch lasts its stage's term.
    for (int layer = TimelineView::kFirstShownLayer;
         layer < TimelineView::kFirstShownLayer + TimelineView::kShownLayers; ++layer) {
        for (int mb = 0; mb < 3; ++mb) {
            AFD_COMPARE_NEAR(duration(a.schedule, kAttentionStage, mb, layer), afd.attentionTime,
                             1e-9, "t_a");
            AFD_COMPARE_NEAR(duration(a.schedule, kDispatchStage, mb, layer), afd.dispatchTime,
                             1e-9, "t_d");
            AFD_COMPARE_NEAR(duration(a.schedule, kFfnStage, mb, layer), afd.ffnTime, 1e-9, "t_f");
            AFD_COMPARE_NEAR(duration(a.schedule, kCombineStage, mb, layer), afd.combineTime, 1e-9,
                             "t_cb");
        }
    }
    // The budget guides: t_B = cycle / N_BO (C-O).
    AFD_COMPARE_NEAR(a.budget, afd.moeLayerTime / 3, 1e-12, "t_B = cycle / N_BO");
    // The schedule settles into the C-O cycle (here the link binds, with the attention and FFN
    // GPUs close behind).
    AFD_COMPARE_NEAR(a.period, afd.moeLayerTime, 1e-9, "steady period = C-O cycle");

    // EP under TBO: two micro-batches in DeepSeek's pairing; each bar is one C-O term, and the
    // fixed overheads are what t_slot adds beyond them:
    // t_slot = max(t_S + A0, t_D) + t_E + max(A1, t_C) + overheads.
    const ThroughputResult& ep = core.ep.best;
    const TimelineView::Panel& e = view.panel(TimelineView::Ep);
    QVERIFY(e.drawn);
    QCOMPARE(ep.overlap, EpOverlapMode::Tbo);
    QCOMPARE(e.input.microBatches, 2);
    const double a0 = ep.attentionPre;
    const double a1 = ep.attentionTime - ep.attentionPre;
    const double overheads = ep.moeLayerTime / 2 - (std::max(ep.sharedTime + a0, ep.dispatchTime) +
                                                    ep.expertTime + std::max(a1, ep.combineTime));
    // t_ovh + 2 t_cks: 60 + 2 x 34 µs with the default efficiencies (docs/model.md C-O).
    AFD_COMPARE_NEAR(overheads, 60e-6 + 2 * 34e-6, 1e-9, "C-O defaults t_ovh, t_cks");
    const PipelineInput& in = e.input;
    const struct {
        const char* stage;
        double expected;
    } terms[] = {{"attention (projections)", a0}, {"attention", a1},
                 {"dispatch", ep.dispatchTime},   {"shared expert", ep.sharedTime},
                 {"FFN", ep.expertTime},          {"combine", ep.combineTime},
                 {"overheads", overheads}};
    for (const auto& t : terms) {
        const int k = stageIndex(in, t.stage);
        QVERIFY2(k >= 0, t.stage);
        for (int mb = 0; mb < 2; ++mb) {
            AFD_COMPARE_NEAR(duration(e.schedule, k, mb, 2), t.expected, 1e-9, t.stage);
        }
    }
    AFD_COMPARE_NEAR(e.budget, ep.moeLayerTime / 2, 1e-12, "slot = t_layer / 2");
    AFD_COMPARE_NEAR(e.period, ep.moeLayerTime, 1e-9, "steady period = C-O t_layer");
}

void TestPipelineViews::timelineBubblesExactlyWhereAStageIsShorterThanTheBudget() {
    // With the cycle set by one resource, t_B = cycle / N_BO; every other resource runs a
    // stage shorter than t_B per micro-batch and idles N_BO (t_B - its time) per layer, the
    // binding one never. Checked over the three layers shown (steady state: the first layer
    // scheduled is not shown), for two scenarios: the default (the link binds) and one with a
    // long context (attention binds). The link interleaves dispatches and combines of
    // different layers, so a window's edges may cut its stages differently: the idle time
    // matches to within one stage.
    for (const double context : {0.0, 65536.0}) {
        if (context > 0) {
            QVERIFY(controller_->setValue(Param::ContextTokens, context));
        }
        TimelineView view(*controller_);
        view.refreshNow();
        const TimelineView::Panel& p = view.panel(TimelineView::Afd);
        QVERIFY(p.drawn);
        const ThroughputResult& r = p.result;
        const int n = p.input.microBatches;
        const double tB = r.moeLayerTime / n;
        const double own[3] = {r.attentionTime, r.dispatchTime + r.combineTime, r.ffnTime};
        const int first = TimelineView::kFirstShownLayer;
        const int layers = TimelineView::kShownLayers;
        const double from = p.schedule.find(kAttentionStage, 0, first)->start;
        const double to = p.schedule.find(kAttentionStage, 0, first + layers)->start;
        AFD_COMPARE_NEAR(to - from, layers * r.moeLayerTime, 1e-9, "one cycle per layer");
        // The resource C-O names as the bound: rows attention, link, FFN.
        const int bound = r.bound == AfdBound::Attention ? 0 : r.bound == AfdBound::Link ? 1 : 2;
        QVERIFY(r.bound != AfdBound::RoundTrip); // N_BO = 3: a resource always binds
        int binding = -1;
        for (int resource = 0; resource < 3; ++resource) {
            const double idle = bubbleTimeIn(p.schedule, resource, from, to);
            if (own[resource] < tB * (1 - 1e-9)) {
                QVERIFY2(idle > 0, qPrintable(QStringLiteral("resource %1").arg(resource)));
                QVERIFY2(std::abs(idle - layers * n * (tB - own[resource])) <= own[resource],
                         qPrintable(QStringLiteral("resource %1: idle %2 µs, expected %3 µs")
                                        .arg(resource)
                                        .arg(idle * 1e6)
                                        .arg(layers * n * (tB - own[resource]) * 1e6)));
            } else {
                QCOMPARE(binding, -1); // only one
                binding = resource;
                QVERIFY2(idle < 1e-12 * r.moeLayerTime,
                         qPrintable(QStringLiteral("binding resource %1 idles").arg(resource)));
            }
        }
        QCOMPARE(binding, bound);
    }
}

void TestPipelineViews::timelineJitterDelaysLaterLayers() {
    TimelineView view(*controller_);
    view.refreshNow();
    const TimelineView::Panel before = view.panel(TimelineView::Afd);
    const TimelineView::Panel epBefore = view.panel(TimelineView::Ep);
    view.setJitter(kFfnStage, 50);
    view.refreshNow();
    const TimelineView::Panel& after = view.panel(TimelineView::Afd);
    const int first = TimelineView::kFirstShownLayer;
    // The first micro-batch's FFN stage of the first layer shown lasts 1.5 t_f.
    AFD_COMPARE_NEAR(duration(after.schedule, kFfnStage, 0, first), 1.5 * after.result.ffnTime,
                     1e-9, "t_f + 50 %");
    QCOMPARE(after.input.jitter.microBatch, 0);
    // Two layers later every micro-batch's FFN stage is still late, by no more than the stretch
    // (slack elsewhere may absorb part of it).
    const double stretch = 0.5 * after.result.ffnTime;
    for (int mb = 0; mb < 3; ++mb) {
        const double late = after.schedule.find(kFfnStage, mb, first + 2)->start -
                            before.schedule.find(kFfnStage, mb, first + 2)->start;
        QVERIFY2(late > 0.1 * stretch && late <= stretch * (1 + 1e-9),
                 qPrintable(QString::number(late / stretch)));
    }
    // The other resources gain bubbles in the jittered layer.
    QVERIFY(after.schedule.bubbleTime(0) > before.schedule.bubbleTime(0));
    QVERIFY(after.schedule.bubbleTime(1) > before.schedule.bubbleTime(1));
    // The EP panel is stretched the same way (its FFN stage of micro-batch 0).
    const TimelineView::Panel& epAfter = view.panel(TimelineView::Ep);
    const int epFfn = stageIndex(epAfter.input, "FFN");
    AFD_COMPARE_NEAR(duration(epAfter.schedule, epFfn, 0, first),
                     1.5 * duration(epBefore.schedule, epFfn, 0, first), 1e-9, "+50 %");
    QVERIFY(epAfter.schedule.makespan > epBefore.schedule.makespan);
    // Back to none: the schedule is the unjittered one again.
    view.setJitter(-1, 50);
    view.refreshNow();
    QCOMPARE(view.panel(TimelineView::Afd).schedule.makespan, before.schedule.makespan);
}

void TestPipelineViews::timelineCurrentConfiguration() {
    TimelineView view(*controller_);
    view.setUseCurrent(true);
    view.refreshNow();
    const Scenario& s = controller_->scenario();
    const TimelineView::Panel& a = view.panel(TimelineView::Afd);
    QVERIFY(a.drawn);
    // The scenario's own N_A and N_F (8 and 2 for the default DeepSeek-V3 on H800).
    QCOMPARE(a.result.na, s[Param::Na]);
    QCOMPARE(a.result.nf, s[Param::Nf]);
    QCOMPARE(a.result.na, 8.0);
    QCOMPARE(a.result.nf, 2.0);
    const ServingComparison core = compareServing(s, nullptr, false);
    AFD_COMPARE_NEAR(duration(a.schedule, kFfnStage, 1, 2), core.afdCurrent.ffnTime, 1e-9, "t_f");
    AFD_COMPARE_NEAR(a.budget, core.afdCurrent.moeLayerTime / 3, 1e-12, "t_B");
    const TimelineView::Panel& e = view.panel(TimelineView::Ep);
    QCOMPARE(e.result.epGpus, core.epCurrent.epGpus);
}

void TestPipelineViews::timelineSaysWhyNothingQualifies() {
    // A 10 ms TPOT cannot be met: the step gap alone takes 15 ms / 1.7 accepted tokens = 8.8 ms
    // per token, and 58 MoE layers need more than the 1.2 ms left. Neither system qualifies.
    QVERIFY(controller_->setValue(Param::SloMs, 10));
    TimelineView view(*controller_);
    view.refreshNow();
    // With the frontier, as the controller searches: its extra batches can find a faster
    // configuration for the message to quote.
    const ServingComparison core = compareServing(controller_->scenario(), nullptr, true);
    QVERIFY(!core.afd.found);
    for (TimelineView::PanelIndex i : {TimelineView::Afd, TimelineView::Ep}) {
        const TimelineView::Panel& p = view.panel(i);
        QVERIFY(!p.drawn);
        const DeploymentSearch& search = i == TimelineView::Afd ? core.afd : core.ep;
        QCOMPARE(p.message, QString::fromStdString(searchFailure(controller_->scenario(), search)));
        QVERIFY(p.message.contains(QLatin1String("meets slo_ms = 10 ms")));
        QVERIFY(view.describeAt(i, 10, 1).isEmpty());
    }
    // The message is on the plot, not an empty chart.
    bool shown = false;
    for (int k = 0; k < view.plot()->itemCount(); ++k) {
        if (auto* t = qobject_cast<QCPItemText*>(view.plot()->item(k))) {
            shown = shown || t->text().contains(QLatin1String("no AFD configuration"));
        }
    }
    QVERIFY(shown);
}

void TestPipelineViews::timelineHoverNamesTheStage() {
    TimelineView view(*controller_);
    view.refreshNow();
    const TimelineView::Panel& p = view.panel(TimelineView::Afd);
    const PipelineInterval* iv = p.schedule.find(kFfnStage, 1, TimelineView::kFirstShownLayer);
    const double mid = ((iv->start + iv->end) / 2 - p.origin) / p.unit;
    // The FFN row is the bottom one of three (y = 0).
    const QString text = view.describeAt(TimelineView::Afd, mid, 0.1);
    QVERIFY2(text.contains(QLatin1String("FFN")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("micro-batch 2")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("layer 1")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("µs")), qPrintable(text));
    // Between the rows there is nothing to describe.
    QVERIFY(view.describeAt(TimelineView::Afd, mid, 0.5).isEmpty());
}

void TestPipelineViews::measurementsOnePointPerPrediction() {
    MeasurementsView view(*controller_);
    view.resize(1280, 720);
    view.refreshNow();
    const PresetLibrary& library = PresetLibrary::builtin();
    std::size_t predictable = 0;
    for (const Measurement& m : library.measurements()) {
        const MeasurementCheck c = checkMeasurement(m, library);
        if (!c.problem.empty()) {
            continue;
        }
        ++predictable;
        bool found = false;
        for (const MeasurementsView::Point& p : view.points()) {
            if (p.id == QString::fromStdString(m.id)) {
                found = true;
                QCOMPARE(p.measured, m.measuredTokensPerSecondPerGpu);
                QCOMPARE(p.predicted, c.predicted.tokensPerSecondPerGpu);
                QCOMPARE(p.calibration, m.calibration);
                QCOMPARE(p.system, m.system);
            }
        }
        QVERIFY2(found, m.id.c_str());
    }
    QCOMPARE(view.points().size(), predictable);
    QCOMPARE(predictable, std::size_t(6)); // the six files of presets/measurements/
    // Published figure of step3-2a2f-fp8-4k.json: 4,039 tokens/s per GPU, a calibration case.
    bool step3 = false;
    for (const MeasurementsView::Point& p : view.points()) {
        if (p.id == QLatin1String("step3-2a2f-fp8-4k")) {
            step3 = true;
            QCOMPARE(p.measured, 4039.0);
            QVERIFY(p.calibration);
            QVERIFY(p.hover.contains(QLatin1String("arXiv 2507.19427")));
        }
    }
    QVERIFY(step3);
    // Drawn: as many markers as points, over the EP and AFD series.
    int markers = 0;
    for (int k = 0; k < view.plot()->graphCount(); ++k) {
        QCPGraph* g = view.plot()->graph(k);
        if (g->lineStyle() == QCPGraph::lsNone && g->name() != QLatin1String("this scenario's "
                                                                             "measurement")) {
            markers += g->dataCount();
        }
    }
    QCOMPARE(markers, 6);
    QVERIFY(view.unplotted().isEmpty());
    // Computed once: the scenario does not enter them.
    QVERIFY(controller_->setValue(Param::Nf, 4));
    view.refreshNow();
    QCOMPARE(view.predictionRuns(), 1);
}

void TestPipelineViews::measurementsListUnpredictable() {
    // A library with the built-in presets and measurements plus one naming hardware that does
    // not exist: it is listed in the note, not plotted (checkMeasurement throws for it).
    PresetLibrary library;
    for (const Preset& p : PresetLibrary::builtin().hardwarePresets()) {
        library.add(p);
    }
    for (const Preset& p : PresetLibrary::builtin().modelPresets()) {
        library.add(p);
    }
    for (const Measurement& m : PresetLibrary::builtin().measurements()) {
        library.add(m);
    }
    Measurement bad = PresetLibrary::builtin().measurements().front();
    bad.id = "no-such-gpu-case";
    bad.hardwareId = "no-such-gpu";
    library.add(bad);
    ScenarioController controller(library);
    MeasurementsView view(controller);
    view.refreshNow();
    QCOMPARE(view.points().size(), std::size_t(6));
    QCOMPARE(view.unplotted().size(), 1);
    QVERIFY(view.unplotted().front().startsWith(QLatin1String("no-such-gpu-case: ")));
    for (const MeasurementsView::Point& p : view.points()) {
        QVERIFY(p.id != QLatin1String("no-such-gpu-case"));
        QVERIFY(p.predicted > 0);
    }
}

void TestPipelineViews::measurementsHighlightFollowsPresets() {
    MeasurementsView view(*controller_);
    view.refreshNow();
    const auto highlighted = [&] {
        QStringList ids;
        for (const MeasurementsView::Point& p : view.points()) {
            if (p.highlighted) {
                ids << p.id;
            }
        }
        ids.sort();
        return ids;
    };
    // DeepSeek-V3 on H800 with no serving system chosen: nothing matches.
    QVERIFY(highlighted().isEmpty());
    // EP: both DeepSeek-V3 measurements (H800, deepseek-v3, system ep in their files).
    QVERIFY(controller_->setValue(Param::System, double(ServingSystem::Ep)));
    view.refreshNow();
    QCOMPARE(highlighted(), QStringList({QStringLiteral("deepseek-v3-decode-profile"),
                                         QStringLiteral("deepseek-v3-production")}));
    // AFD on the same presets: none (the AFD measurements are Step-3's).
    QVERIFY(controller_->setValue(Param::System, double(ServingSystem::Afd)));
    view.refreshNow();
    QVERIFY(highlighted().isEmpty());
    // Step-3 on H800 under AFD: the four Step-3 files.
    QVERIFY(controller_->setModel(QStringLiteral("step3")));
    view.refreshNow();
    QCOMPARE(highlighted().size(), 4);
    QVERIFY(highlighted().contains(QStringLiteral("step3-2a2f-fp8-4k")));
    // Other hardware: none.
    QVERIFY(controller_->setHardware(QStringLiteral("h100")));
    view.refreshNow();
    QVERIFY(highlighted().isEmpty());
}

void TestPipelineViews::measurementLabelsNeverOverlap() {
    QVERIFY(controller_->setValue(Param::System, double(ServingSystem::Ep))); // a highlight too
    for (const QSize size : {QSize(1280, 720), QSize(900, 600), QSize(560, 420)}) {
        MeasurementsView view(*controller_);
        view.resize(size);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        view.refreshNow();
        view.plot()->replot(QCustomPlot::rpImmediateRefresh);
        const std::vector<QRectF>& labels = view.labelRects();
        const std::vector<QPointF>& markers = view.markerCentres();
        QCOMPARE(labels.size(), view.points().size());
        const double r = view.markerRadius();
        QVERIFY(r > 0);
        const QRectF area = view.plot()->axisRect()->rect();
        for (std::size_t i = 0; i < labels.size(); ++i) {
            QVERIFY2(area.adjusted(-0.5, -0.5, 0.5, 0.5).contains(labels[i]),
                     qPrintable(QStringLiteral("%1 at %2x%3: %4,%5 %6x%7 in %8,%9 %10x%11")
                                    .arg(view.points()[i].id)
                                    .arg(size.width())
                                    .arg(size.height())
                                    .arg(labels[i].x())
                                    .arg(labels[i].y())
                                    .arg(labels[i].width())
                                    .arg(labels[i].height())
                                    .arg(area.x())
                                    .arg(area.y())
                                    .arg(area.width())
                                    .arg(area.height())));
            for (std::size_t j = i + 1; j < labels.size(); ++j) {
                QVERIFY2(
                    !rectsOverlap(labels[i], labels[j]),
                    qPrintable(view.points()[i].id + QStringLiteral(" / ") + view.points()[j].id));
            }
            for (const QPointF& m : markers) {
                QVERIFY(!rectsOverlap(labels[i], QRectF(m.x() - r, m.y() - r, 2 * r, 2 * r)));
            }
        }
    }
}

void TestPipelineViews::labelPlacementSeparatesPiledUpMarkers() {
    // Five markers within 12 px of each other, labels 80 x 14 px, 5 px markers, 400 x 300 px:
    // every label finds a free place, none on a marker, none on another label.
    const std::vector<QPointF> markers{{200, 150}, {204, 152}, {208, 149}, {200, 160}, {212, 158}};
    const std::vector<QSizeF> sizes(markers.size(), QSizeF(80, 14));
    const QRectF bounds(0, 0, 400, 300);
    const std::vector<QRectF> legend{QRectF(0, 0, 120, 60)};
    const std::vector<QRectF> labels = placeLabels(markers, sizes, 5, bounds, legend);
    QCOMPARE(labels.size(), markers.size());
    for (std::size_t i = 0; i < labels.size(); ++i) {
        QCOMPARE(labels[i].size(), sizes[i]);
        QVERIFY(bounds.contains(labels[i]));
        QVERIFY(!rectsOverlap(labels[i], legend[0]));
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
            QVERIFY(!rectsOverlap(labels[i], labels[j]));
        }
        for (const QPointF& m : markers) {
            QVERIFY(!rectsOverlap(labels[i], QRectF(m.x() - 5, m.y() - 5, 10, 10)));
        }
    }
    // A lone marker with room: its label goes to the right, 3 px beyond the marker's edge.
    const std::vector<QRectF> lone = placeLabels({{100, 100}}, {QSizeF(50, 10)}, 5, bounds);
    QCOMPARE(lone.front(), QRectF(108, 95, 50, 10));
}

AFD_WIDGET_TEST_MAIN(TestPipelineViews)
#include "tst_pipeline_views.moc"
