// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "afd/throughput.hpp"
#include "plot_view.hpp"

#include <QString>
#include <array>
#include <vector>

class QComboBox;
class QCPTextElement;

namespace afd::ui {

// The parts a bar of the breakdown is made of, in stacking order.
enum class BreakdownPart {
    AttentionPre,  // A0
    AttentionCore, // t_core
    AttentionPost, // A1 - t_core
    Shared,        // t_S
    Experts,       // t_E
    Dispatch,      // t_D / t_d (EP: the part not hidden under compute)
    Combine,       // t_C / t_cb (EP: the part not hidden under compute)
    Overheads,     // t_ovh and communication-kernel time
    Idle,          // the resource waits: the row ends at the layer time
    Count
};
inline constexpr std::size_t kBreakdownParts = static_cast<std::size_t>(BreakdownPart::Count);
QString breakdownPartName(BreakdownPart part);

// One bar: a resource of one system over one MoE layer, in seconds per part. Every row of a
// system adds up to its layer time (EP t_layer, AFD the 3BO cycle; docs/model.md C-O).
struct BreakdownRow {
    ServingSystem system = ServingSystem::None;
    QString label;
    std::array<double, kBreakdownParts> seconds{};
    double total() const;
    double part(BreakdownPart p) const { return seconds[static_cast<std::size_t>(p)]; }
};

// The rows of one deployment as C-O composes its MoE layer. EP: the GPU (every term of both
// micro-batches, dispatch and combine only where not hidden under compute) and its link (the
// whole dispatch and combine). AFD: the attention GPU, the FFN GPU and the link, each over the
// N_BO micro-batches of a cycle, and one micro-batch's round trip (Eqs. 3-4). `e` supplies
// t_ovh, t_cks and s_A; afdCommKernels is the afd_comm_kernels flag.
std::vector<BreakdownRow> breakdownRows(const ThroughputResult& r, const Efficiency& e,
                                        bool afdCommKernels);

// AFD against EP (docs/model.md Part C): per-MoE-layer time of the best deployment of each
// under the SLO (or the scenario's own) as stacked bars, what binds the AFD cycle, and
// tokens/s per GPU, TPOT, GPUs, memory and the AFD/EP ratio beside them.
class BreakdownView : public PlotView {
    Q_OBJECT
  public:
    explicit BreakdownView(ScenarioController& controller, QWidget* parent = nullptr);

    // false: the best deployment of each under the SLO (default); true: as configured.
    void setShowCurrent(bool on);
    bool showCurrent() const;
    // What the bars show (empty rows when a system has nothing to show).
    const std::vector<BreakdownRow>& rows() const { return rows_; }
    // The ratio in the headline (AFD tokens/s per GPU over EP's), 0 when not both exist.
    double ratio() const { return ratio_; }
    QString headline() const;

  protected:
    void rebuild() override;
    // Rebuilds when a resize crosses from one layout to another (compact, medium, wide).
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void buildLayout(int fit);

    QComboBox* which_ = nullptr;
    QCPAxisRect* bars_ = nullptr;
    QCPTextElement* headline_ = nullptr;
    QCPTextElement* subtitle_ = nullptr;
    QCPTextElement* epStats_ = nullptr;
    QCPTextElement* afdStats_ = nullptr;
    QCPTextElement* notes_ = nullptr;
    int fit_ = -1;
    std::vector<BreakdownRow> rows_;
    double ratio_ = 0;
};

} // namespace afd::ui
