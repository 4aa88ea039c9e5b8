// SPDX-License-Identifier: GPL-3.0-or-later
// The one vocabulary of tunable quantities. Presets, scenario files, `afd-model --set`, sweep axes,
// the GUI's sliders and exported metadata all describe a parameter through this registry, so a new
// parameter is one entry here and nowhere else.
#pragma once

#include "afd/number_format.hpp" // formatNumber, used with the registry everywhere

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace afd {

// Order matters only in that kParameters below lists the specs in the same order.
enum class Param : std::uint8_t {
    // Hardware
    FlopsTflops,
    HbmBwTbS,
    HbmCapacityGb,
    ScaleUpBwGbS,
    ScaleOutBwGbS,
    Superpod,
    GpusPerNode,
    // Model
    HiddenSize,
    NumLayers,
    NumDenseLayers,
    NumMoeLayers,
    NumExperts,
    TopK,
    MoeIntermediateSize,
    // Deployment
    Nf,
    Na,
    SloMs,
    AcceptLen,
    GapMs,
    NBo,
    BudgetLayers,
    WeightBytes,
    DispatchBytes,
    CombineBytes,
    HbmUsableFraction,
    BatchPerAttentionGpu,
    TokensPerRequestStep,
    EpReferenceHfu,
    EpTokensPerExpert,
    // Imbalance
    Sigma,
    LambdaEp,
    // Hardware beyond the paper (Part C and B6)
    FlopsBf16Tflops,
    ScaleUpDomainGpus,
    GpuHourUsd,
    TdpW,
    // Model beyond the paper: shared/dense FFN, head and attention geometry (Part C)
    NumSharedExperts,
    SharedIntermediateSize,
    DenseIntermediateSize,
    VocabSize,
    AttentionType,
    NumQueryHeads,
    QLoraRank,
    KvLoraRank,
    QkRopeHeadDim,
    QkNopeHeadDim,
    VHeadDim,
    NumKvHeads,
    HeadDim,
    KvCacheLayers,
    // Serving (Part C)
    System,
    ContextTokens,
    BatchPerGpu,
    EpGpus,
    EpOverlap,
    EpDispatch,
    ExpertSlots,
    MtpLayer,
    KvBytes,
    KvExtraBytes,
    AttentionFp8,
    SharedExpertOn,
    MemoryUsableFraction,
    AfdCommKernels,
    // Efficiencies (Part C)
    EffGemm,
    EffHbm,
    EffAttention,
    EffScaleOut,
    EffScaleUp,
    GemmBlend,
    KernelTimeUs,
    LinkLatencyUs,
    CommKernelUs,
    LayerOverheadUs,
    AttentionOverheadShare,
    StepOverheadMs,
    Count
};

inline constexpr std::size_t kParamCount = static_cast<std::size_t>(Param::Count);

// The first four groups hold the paper's parameters (Part A); Serving and Efficiency belong to
// the end-to-end throughput model (Part C).
enum class ParamGroup : std::uint8_t {
    Hardware,
    Model,
    Deployment,
    Imbalance,
    Serving,
    Efficiency
};
inline constexpr std::size_t kParamGroupCount = 6;
enum class ParamScale : std::uint8_t { Linear, Log };
// Integer: the value must be a whole number. Flag: 0 or 1. Choice: one of a list of names,
// stored as the name's index (files and the command line use the names).
enum class ParamKind : std::uint8_t { Real, Integer, Flag, Choice };

struct ParamSpec {
    Param id;
    std::string_view key;    // stable machine name used in files and on the command line
    std::string_view label;  // human label for tables and the GUI
    std::string_view symbol; // the paper's symbol (see docs/model.md section 2), empty if none
    std::string_view unit;   // unit string as written in preset files; empty if dimensionless
    double defaultValue;
    double minValue; // inclusive
    double maxValue; // inclusive
    ParamScale scale;
    ParamGroup group;
    ParamKind kind;
    std::string_view help; // one line: what it means
    // Where it enters the model, in docs/model.md: a section id ("A2", "C-F") first, then the
    // paper's equations it appears in ("A2, Eq. 17"). One hop from a number to its equation.
    std::string_view reference;
    // Some parameters use 0 as "automatic" (derived from others); the text says what 0 means.
    std::string_view zeroMeans = {};
    // The practical range for sliders and default plot axes (within min/max); the spin boxes
    // and files accept the whole range.
    double viewMin = 0;
    double viewMax = 0;
    // Choice parameters: the allowed names, in index order.
    std::span<const std::string_view> choices = {};
    // True for the parameters only the throughput model (Part C) reads. Part A ignores them, and
    // its reports (afd-model eval without a system) list only the others.
    bool partC = false;
    // Where the default comes from (efficiencies: the measurement it was read off).
    std::string_view source = {};
};

std::span<const ParamSpec, kParamCount> parameters() noexcept;

// The validation bounds alone, packed for the hot path (evaluate() checks every parameter of
// every point, and the full specs are five times larger).
struct ParamBounds {
    double minValue;
    double maxValue;
    bool whole; // Integer or Flag
};
const std::array<ParamBounds, kParamCount>& parameterBounds() noexcept;
const ParamSpec& spec(Param p) noexcept;
std::optional<Param> findParam(std::string_view key) noexcept;

// How values between two ends are spaced: evenly, or by a constant factor (log scale).
enum class Spacing : std::uint8_t { Linear, Geometric };
// The spacing of a parameter's slider and default sweep: geometric for log-scaled ones.
Spacing naturalSpacing(const ParamSpec& p) noexcept;
// The value a fraction t in [0, 1] of the way from `from` to `to` (sliders, sweeps and slide
// animations all use it). Geometric spacing needs both ends positive and falls back to linear
// otherwise; whole-number and choice parameters are rounded; an infinite end has nothing in
// between, so the value stays at `from` until t reaches 1. t = 1 gives `to` exactly.
double interpolate(const ParamSpec& p, double from, double to, double t, Spacing spacing) noexcept;
std::string_view groupName(ParamGroup g) noexcept;
constexpr std::size_t index(Param p) noexcept {
    return static_cast<std::size_t>(p);
}

// Checks one value against its spec (finite, within range, whole where integral, 0/1 for flags).
// Returns an empty string when valid, otherwise what was expected, e.g.
// "a whole number in [1, 4096]".
std::string checkValue(Param p, double value);
// "a number in [1, 100000] TFLOP/s" etc.: the expectation, for error messages and help text.
std::string expectation(Param p);

// A value as files and tables show it: a Choice parameter's name, otherwise formatNumber.
std::string formatValue(Param p, double value);

// Reads a value typed on the command line or found as a string in a file: a Choice name
// ("tbo"), "inf" where the range allows it, or a number. Returns nullopt when the text is none of
// these or the value is out of range; expectation(p) then says what was expected.
std::optional<double> parseValueText(Param p, std::string_view text);

// The index of a Choice parameter's name, or nullopt.
std::optional<double> choiceIndex(Param p, std::string_view name) noexcept;

} // namespace afd
