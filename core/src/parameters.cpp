// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/parameters.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace afd {
namespace {

using enum Param;
constexpr auto Lin = ParamScale::Linear;
constexpr auto Log = ParamScale::Log;
constexpr auto Hw = ParamGroup::Hardware;
constexpr auto Mdl = ParamGroup::Model;
constexpr auto Dep = ParamGroup::Deployment;
constexpr auto Imb = ParamGroup::Imbalance;
constexpr auto Srv = ParamGroup::Serving;
constexpr auto Eff = ParamGroup::Efficiency;
constexpr auto Choice = ParamKind::Choice;
constexpr double kInf = std::numeric_limits<double>::infinity();

constexpr std::array<std::string_view, 3> kSystems{"none", "afd", "ep"};
constexpr std::array<std::string_view, 3> kAttentionTypes{"mla", "gqa", "mfa"};
constexpr std::array<std::string_view, 4> kOverlaps{"none", "sbo", "tbo", "auto"};
constexpr std::array<std::string_view, 2> kDispatches{"per-expert", "two-stage"};
constexpr std::array<std::string_view, 2> kSharedPlacements{"attention", "ffn"};
constexpr bool C = true; // partC
constexpr auto Real = ParamKind::Real;
constexpr auto Int = ParamKind::Integer;
constexpr auto Flag = ParamKind::Flag;

// Defaults: DeepSeek-V3 on H800 with the paper's budget settings (docs/model.md A1, Tables 4-5).
constexpr std::array<ParamSpec, kParamCount> kParameters{{
    {FlopsTflops, "flops_tflops", "Peak compute", "FLOPS", "TFLOP/s", 1979, 1, 100000, Log, Hw,
     Real, "Dense peak FLOP/s of the GEMM precision (FP8 in the paper), per GPU", "A3, Eq. 8", "",
     50, 20000},
    {HbmBwTbS, "hbm_bw_tb_s", "HBM bandwidth", "BW_mem", "TB/s", 3.35, 0.05, 100, Log, Hw, Real,
     "HBM bandwidth per GPU", "A3", "", 0.5, 30},
    {HbmCapacityGb, "hbm_capacity_gb", "HBM capacity", "", "GB", 80, 1, 10000, Log, Hw, Real,
     "HBM capacity per GPU (decimal GB)", "A5", "", 16, 1024},
    {ScaleUpBwGbS, "scale_up_bw_gb_s", "Scale-up bandwidth", "BW_up", "GB/s", 160, 1, 100000, Log,
     Hw, Real, "Sustained unidirectional scale-up (NVLink) bandwidth per GPU", "A2, Eq. 17", "", 10,
     5000},
    {ScaleOutBwGbS, "scale_out_bw_gb_s", "Scale-out bandwidth", "BW_out", "GB/s", 50, 0.1, 100000,
     Log, Hw, Real, "Unidirectional scale-out (NIC) bandwidth per GPU", "A2, Eq. 17", "", 10, 1000},
    {Superpod, "superpod", "Superpod", "", "", 0, 0, 1, Lin, Hw, Flag,
     "1 = scale-up domain spans the deployment (NVL72): scale-out is replaced by scale-up",
     "A2, B6", "", 0, 1},
    {GpusPerNode, "gpus_per_node", "GPUs per node", "g", "", 8, 1, 1024, Lin, Hw, Int,
     "GPUs per node, the deployment unit of N_A and N_F", "A3", "", 1, 72},

    {HiddenSize, "hidden_size", "Hidden size", "H", "", 7168, 64, 131072, Log, Mdl, Int,
     "Model hidden size (elements per token)", "A2, Eq. 9", "", 1024, 16384},
    {NumLayers, "num_layers", "Layers", "", "", 61, 1, 1024, Lin, Mdl, Int,
     "Transformer layers, dense plus MoE", "A1, Eq. 1", "", 8, 128},
    {NumDenseLayers, "num_dense_layers", "Dense layers", "", "", 3, 0, 1024, Lin, Mdl, Int,
     "Layers with a dense FFN instead of routed experts", "A1", "", 0, 16},
    {NumMoeLayers, "num_moe_layers", "MoE layers", "", "", 58, 1, 1024, Lin, Mdl, Int,
     "Layers with routed experts; their weights live on the FFN GPUs", "A5", "", 8, 128},
    {NumExperts, "num_experts", "Routed experts", "E", "", 256, 1, 65536, Log, Mdl, Int,
     "Routed experts per MoE layer", "A3", "", 8, 1024},
    {TopK, "top_k", "Experts per token", "TopK", "", 8, 1, 1024, Lin, Mdl, Int,
     "Routed experts activated per token", "A2, Eq. 17", "", 1, 32},
    {MoeIntermediateSize, "moe_intermediate_size", "Expert width", "M", "", 2048, 16, 1048576, Log,
     Mdl, Int, "Intermediate size of one routed expert", "A3, Eq. 19", "", 256, 32768},

    {Nf, "nf", "FFN nodes", "N_F", "nodes", 2, 1, 4096, Log, Dep, Int,
     "Nodes running the routed experts (F role)", "A2, Eq. 17", "", 1, 64},
    {Na, "na", "Attention nodes", "N_A", "nodes", 8, 1, 4096, Log, Dep, Int,
     "Nodes running attention (A role)", "B1, A6, Eq. 13", "", 1, 64},
    {SloMs, "slo_ms", "TPOT SLO", "SLO", "ms", 50, 1, 10000, Log, Dep, Real,
     "Time-per-output-token target", "A1, Eq. 1", "", 10, 500},
    {AcceptLen, "accept_len", "MTP accepted tokens", "L_accept", "", 1.7, 1, 16, Lin, Dep, Real,
     "Average tokens accepted per decode step (MTP); 1 without speculation", "A1, Eq. 1", "", 1, 4},
    {GapMs, "gap_ms", "Per-step gap", "t_g", "ms", 15, 0, 10000, Lin, Dep, Real,
     "Batch preparation plus non-overlapped layers per step", "A1, Eq. 1", "", 0, 100},
    {NBo, "n_bo", "Micro-batches in flight", "N_BO", "", 3, 1, 16, Lin, Dep, Int,
     "Micro-batches overlapped per layer (3 for three-batch overlap)", "A1, Eq. 1", "", 1, 6},
    {BudgetLayers, "budget_layers", "Budget layers", "N_layers", "", 0, 0, 1024, Lin, Dep, Int,
     "Layers forwarded within the SLO budget (Eq. 1)", "A1, Eq. 1", "the model's layer count", 0,
     128},
    {WeightBytes, "weight_bytes", "Expert weight bytes", "", "B/element", 1, 0.125, 8, Lin, Dep,
     Real, "Bytes per expert weight element (1 = FP8)", "A3, Eq. 10", "", 0.5, 2},
    {DispatchBytes, "dispatch_bytes", "Dispatch bytes", "", "B/element", 1, 0.125, 8, Lin, Dep,
     Real, "Bytes per hidden element sent A -> F (1 = FP8)", "A2, Eq. 9", "", 0.5, 2},
    {CombineBytes, "combine_bytes", "Combine bytes", "", "B/element", 2, 0.125, 8, Lin, Dep, Real,
     "Bytes per hidden element sent F -> A (2 = BF16)", "A2, Eq. 9", "", 0.5, 4},
    {HbmUsableFraction, "hbm_usable_fraction", "Usable HBM fraction", "", "", 1, 0.01, 1, Lin, Dep,
     Real, "Share of HBM capacity available to expert weights", "A5", "", 0.5, 1},
    {BatchPerAttentionGpu, "batch_per_attention_gpu", "Batch per attention GPU", "b_A", "requests",
     0, 0, 1000000, Lin, Dep, Real, "Decode requests per attention GPU per micro-batch (B1)", "B1",
     "auto: the attention side saturates the FFN, as the paper assumes", 0, 1024},
    // Default q = 2: MTP with one draft token per request per step, the paper's setting
    // (L_accept 1.7 needs at least two tokens per step).
    {TokensPerRequestStep, "tokens_per_request_step", "Tokens per request", "q", "", 2, 1, 16, Lin,
     Dep, Real, "Tokens each request feeds per step (1 + MTP drafts)", "B1", "", 1, 4},
    {EpReferenceHfu, "ep_reference_hfu", "EP reference HFU", "", "", 0.6, 0, 1, Lin, Dep, Real,
     "EP's grouped-GEMM HFU the paper compares against (~60 % on H800)", "A7", "", 0, 1},
    {EpTokensPerExpert, "ep_tokens_per_expert", "EP tokens/expert", "", "", 740, 1, 1000000, Log,
     Dep, Real, "Tokens per expert at which the EP reference was measured", "A7", "", 32, 8192},

    {Sigma, "sigma", "Balancedness", "sigma", "", 0.8, 0.01, 1, Lin, Imb, Real,
     "Balancedness after imbalance (1 = perfectly balanced)", "A6, Eq. 12", "", 0.5, 1},
    {LambdaEp, "lambda_ep", "EP time ratio t_a/t_f", "lambda_EP", "", 4, 0.01, 100, Log, Imb, Real,
     "t_a / t_f under EP", "A6, Eq. 12", "", 0.5, 10},

    // Part C. Defaults: DeepSeek-V3 on H800 as DeepSeek serves it (docs/model.md Part C).
    {FlopsBf16Tflops,
     "flops_bf16_tflops",
     "Peak BF16 compute",
     "P16",
     "TFLOP/s",
     0,
     0,
     100000,
     Lin,
     Hw,
     Real,
     "Dense BF16 peak per GPU (attention core, absorbed MLA, router, LM head)",
     "C-A",
     "half of flops_tflops",
     0,
     5000,
     {},
     C},
    {ScaleUpDomainGpus,
     "scale_up_domain_gpus",
     "Scale-up domain",
     "",
     "GPUs",
     8,
     1,
     100000,
     Log,
     Hw,
     Int,
     "GPUs in one scale-up domain (8 for HGX nodes, 72 for NVL72); a superpod replaces "
     "scale-out only while the deployment fits in it (B6)",
     "B6",
     "",
     8,
     1024,
     {},
     C},
    {GpuHourUsd,
     "gpu_hour_usd",
     "GPU price",
     "",
     "USD/h",
     0,
     0,
     1000,
     Lin,
     Hw,
     Real,
     "Rental price of one GPU for one hour, for USD per million tokens",
     "C-S1",
     "unpriced",
     0,
     10,
     {},
     C},
    {TdpW,
     "tdp_w",
     "GPU power",
     "",
     "W",
     0,
     0,
     100000,
     Lin,
     Hw,
     Real,
     "Thermal design power of one GPU, for tokens per joule",
     "C-S1",
     "unknown",
     0,
     2000,
     {},
     C},

    {NumSharedExperts,
     "num_shared_experts",
     "Shared experts",
     "",
     "",
     1,
     0,
     64,
     Lin,
     Mdl,
     Int,
     "Shared experts per MoE layer, run by every token",
     "C-F",
     "",
     0,
     4,
     {},
     C},
    {SharedIntermediateSize,
     "shared_intermediate_size",
     "Shared expert width",
     "M'",
     "",
     2048,
     0,
     1048576,
     Log,
     Mdl,
     Int,
     "Intermediate size of one shared expert",
     "C-F",
     "",
     256,
     32768,
     {},
     C},
    {DenseIntermediateSize,
     "dense_intermediate_size",
     "Dense FFN width",
     "",
     "",
     18432,
     0,
     1048576,
     Log,
     Mdl,
     Int,
     "Intermediate size of the FFN of the dense layers",
     "C-F",
     "",
     1024,
     65536,
     {},
     C},
    {VocabSize,
     "vocab_size",
     "Vocabulary",
     "",
     "tokens",
     129280,
     1,
     10000000,
     Log,
     Mdl,
     Int,
     "Vocabulary size (LM head and embedding)",
     "C-F",
     "",
     16000,
     400000,
     {},
     C},
    {AttentionType, "attention_type", "Attention type", "", "", 0, 0, 2, Lin, Mdl, Choice,
     "mla: multi-head latent attention (DeepSeek, Kimi); gqa: grouped-query; mfa: Step-3's "
     "multi-matrix factorisation",
     "C-A", "", 0, 2, kAttentionTypes, C},
    {NumQueryHeads,
     "num_query_heads",
     "Query heads",
     "n_h",
     "",
     128,
     1,
     4096,
     Log,
     Mdl,
     Int,
     "Attention query heads",
     "C-A",
     "",
     8,
     256,
     {},
     C},
    {QLoraRank,
     "q_lora_rank",
     "Query low rank",
     "",
     "",
     1536,
     0,
     65536,
     Log,
     Mdl,
     Int,
     "Rank of the low-rank query projection (MLA, MFA)",
     "C-A",
     "no low-rank query projection",
     256,
     8192,
     {},
     C},
    {KvLoraRank,
     "kv_lora_rank",
     "KV latent rank",
     "d_c",
     "",
     512,
     0,
     65536,
     Log,
     Mdl,
     Int,
     "MLA: rank of the compressed KV latent that is cached",
     "C-A",
     "",
     64,
     2048,
     {},
     C},
    {QkRopeHeadDim,
     "qk_rope_head_dim",
     "RoPE head dim",
     "d_r",
     "",
     64,
     0,
     65536,
     Log,
     Mdl,
     Int,
     "MLA: rotary part of each query/key head, cached beside the latent",
     "C-A",
     "",
     16,
     256,
     {},
     C},
    {QkNopeHeadDim,
     "qk_nope_head_dim",
     "No-RoPE head dim",
     "",
     "",
     128,
     0,
     65536,
     Log,
     Mdl,
     Int,
     "MLA: non-rotary part of each query/key head",
     "C-A",
     "",
     16,
     512,
     {},
     C},
    {VHeadDim,
     "v_head_dim",
     "Value head dim",
     "",
     "",
     128,
     0,
     65536,
     Log,
     Mdl,
     Int,
     "MLA: value dimension per head",
     "C-A",
     "",
     16,
     512,
     {},
     C},
    {NumKvHeads,
     "num_kv_heads",
     "KV heads",
     "",
     "",
     1,
     1,
     4096,
     Log,
     Mdl,
     Int,
     "GQA/MFA: key/value heads that are cached",
     "C-A",
     "",
     1,
     128,
     {},
     C},
    {HeadDim,
     "head_dim",
     "Head dim",
     "d_head",
     "",
     128,
     1,
     65536,
     Log,
     Mdl,
     Int,
     "GQA/MFA: dimension of each attention head",
     "C-A",
     "",
     32,
     512,
     {},
     C},
    {KvCacheLayers,
     "kv_cache_layers",
     "KV-cache layers",
     "",
     "",
     0,
     0,
     1024,
     Lin,
     Mdl,
     Int,
     "Layers that hold a KV cache (fewer than num_layers with cross-layer attention)",
     "C-S1",
     "num_layers",
     0,
     128,
     {},
     C},

    {System, "system", "Serving system", "", "", 0, 0, 2, Lin, Srv, Choice,
     "none: the paper's lens only; afd: attention-FFN disaggregation; ep: large-scale expert "
     "parallelism",
     "C-S1", "", 0, 2, kSystems, C},
    {ContextTokens,
     "context_tokens",
     "Context length",
     "S",
     "tokens",
     4096,
     1,
     10000000,
     Log,
     Srv,
     Real,
     "Mean KV-cache length per request",
     "C-A",
     "",
     256,
     131072,
     {},
     C},
    {BatchPerGpu,
     "batch_per_gpu",
     "Batch per GPU (EP)",
     "b",
     "requests",
     128,
     0,
     100000,
     Lin,
     Srv,
     Int,
     "EP: decode requests per GPU in one step, all micro-batches",
     "C-S1",
     "the largest batch (up to 65,536) that meets the SLO and fits in memory",
     0,
     512,
     {},
     C},
    {EpGpus,
     "ep_gpus",
     "EP size",
     "EP",
     "GPUs",
     128,
     1,
     100000,
     Log,
     Srv,
     Int,
     "EP: GPUs the experts are spread over (attention is data-parallel over the same GPUs)",
     "C-C1",
     "",
     8,
     1024,
     {},
     C},
    {EpOverlap, "ep_overlap", "EP overlap", "", "", 2, 0, 3, Lin, Srv, Choice,
     "EP: none; sbo: single-batch overlap; tbo: two-batch overlap (DeepSeek's five-stage "
     "pairing); auto: the faster of tbo and none",
     "C-O", "", 0, 3, kOverlaps, C},
    {EpDispatch, "ep_dispatch", "EP dispatch", "", "", 0, 0, 1, Lin, Srv, Choice,
     "EP: per-expert sends (DeepEP low-latency kernels) or two-stage (one scale-out copy per "
     "node, then NVLink fan-out)",
     "C-C1", "", 0, 1, kDispatches, C},
    {ExpertSlots,
     "expert_slots",
     "Expert slots",
     "",
     "",
     0,
     0,
     1000000,
     Lin,
     Srv,
     Int,
     "EP: routed experts including redundant copies",
     "C-F",
     "num_experts",
     0,
     1024,
     {},
     C},
    {MtpLayer,
     "mtp_layer",
     "MTP layer",
     "",
     "",
     1,
     0,
     1,
     Lin,
     Srv,
     Flag,
     "1 = the multi-token-prediction module runs each step (one more MoE layer and LM head)",
     "C-S1",
     "",
     0,
     1,
     {},
     C},
    {KvBytes,
     "kv_bytes",
     "KV element bytes",
     "",
     "B/element",
     2,
     0.25,
     8,
     Lin,
     Srv,
     Real,
     "Bytes per KV-cache element (2 = BF16, 1 = FP8)",
     "C-A",
     "",
     0.5,
     2,
     {},
     C},
    {KvExtraBytes,
     "kv_extra_bytes",
     "KV extra bytes",
     "",
     "B",
     0,
     0,
     1000000,
     Lin,
     Srv,
     Real,
     "Extra KV bytes per token per layer (FP8 scales, a BF16 RoPE part)",
     "C-A",
     "",
     0,
     256,
     {},
     C},
    {AttentionFp8,
     "attention_fp8",
     "FP8 attention",
     "",
     "",
     0,
     0,
     1,
     Lin,
     Srv,
     Flag,
     "1 = the attention core runs on the FP8 tensor cores (else BF16)",
     "C-A",
     "",
     0,
     1,
     {},
     C},
    {SharedExpertOn, "shared_expert_on", "Shared expert on", "", "", 1, 0, 1, Lin, Srv, Choice,
     "AFD: where the shared expert runs (attention GPUs, or tensor-parallel on the FFN nodes)",
     "C-O", "", 0, 1, kSharedPlacements, C},
    {MemoryUsableFraction,
     "memory_usable_fraction",
     "Usable memory",
     "",
     "",
     0.92,
     0.01,
     1,
     Lin,
     Srv,
     Real,
     "Share of HBM for weights and KV cache (the rest: activations, runtime)",
     "C-S1",
     "",
     0.5,
     1,
     {},
     C},
    {AfdCommKernels,
     "afd_comm_kernels",
     "AFD comm kernels",
     "",
     "",
     0,
     0,
     1,
     Lin,
     Srv,
     Flag,
     "1 = AFD's A-to-F transfers run as GPU kernels and cost comm_kernel_us of GPU time; 0 = "
     "driven by the CPU or copy engines (StepMesh, M2N)",
     "C-O",
     "",
     0,
     1,
     {},
     C},

    {EffGemm,
     "eff_gemm",
     "GEMM efficiency",
     "eta_c",
     "",
     0.70,
     0.01,
     1,
     Lin,
     Eff,
     Real,
     "Share of peak FLOP/s a large GEMM reaches",
     "C-G1",
     "",
     0.3,
     1,
     {},
     C,
     "DeepGEMM FP8 on H800 at large M: 66-69 % of peak"},
    {EffHbm,
     "eff_hbm",
     "HBM efficiency",
     "eta_m",
     "",
     0.85,
     0.01,
     1,
     Lin,
     Eff,
     Real,
     "Share of HBM bandwidth a streaming kernel reaches",
     "C-G1",
     "",
     0.3,
     1,
     {},
     C,
     "FlashMLA reaches ~3.0 of 3.35 TB/s; CloudMatrix MLA 84 %"},
    {EffAttention,
     "eff_attention",
     "Attention efficiency",
     "eta_attn",
     "",
     0.667,
     0.01,
     1,
     Lin,
     Eff,
     Real,
     "Share of peak FLOP/s the attention core reaches when compute-bound",
     "C-A",
     "",
     0.3,
     1,
     {},
     C,
     "FlashMLA compute-bound utilisation (~66.7 %); gives DeepSeek's 245 us MLA kernel as 249 us"},
    {EffScaleOut,
     "eff_scale_out",
     "Scale-out efficiency",
     "eta_net",
     "",
     0.80,
     0.01,
     1,
     Lin,
     Eff,
     Real,
     "Share of the NIC line rate that all-to-all traffic reaches",
     "C-C1, C-C2",
     "",
     0.3,
     1,
     {},
     C,
     "DeepEP low-latency kernels reach 39-40 of 50 GB/s"},
    {EffScaleUp,
     "eff_scale_up",
     "Scale-up efficiency",
     "eta_up",
     "",
     1.0,
     0.01,
     1,
     Lin,
     Eff,
     Real,
     "Share of the sustained scale-up figure reached",
     "C-C1, C-C2",
     "",
     0.3,
     1,
     {},
     C,
     "applied to the sustained figure, already 0.8 x nominal"},
    {GemmBlend,
     "gemm_blend",
     "Roofline blend",
     "p",
     "",
     2,
     1,
     kInf,
     Lin,
     Eff,
     Real,
     "Exponent p of the smooth roofline ((t_c^p + t_m^p)^(1/p)); inf = the sharp roofline",
     "C-G1",
     "",
     1,
     8,
     {},
     C,
     "fit to DeepGEMM's masked grouped-GEMM table (-5..+15 % at 256-1,024 rows)"},
    {KernelTimeUs,
     "kernel_time_us",
     "Kernel fixed time",
     "t_k",
     "us",
     4,
     0,
     10000,
     Lin,
     Eff,
     Real,
     "Fixed time of each GEMM kernel",
     "C-G1",
     "",
     0,
     20,
     {},
     C,
     "DeepGEMM small shapes: ~11 us against a ~6.5 us roofline"},
    {LinkLatencyUs,
     "link_latency_us",
     "Link latency",
     "t_lat",
     "us",
     5,
     0,
     10000,
     Lin,
     Eff,
     Real,
     "Latency of each communication phase",
     "C-C1, C-C2",
     "",
     0,
     30,
     {},
     C,
     "DeepSeek ISCA'25 Table 5: 2.8-3.7 us IB, 3.3 us NVLink"},
    {CommKernelUs,
     "comm_kernel_us",
     "Comm kernel time",
     "t_cks",
     "us",
     34,
     0,
     10000,
     Lin,
     Eff,
     Real,
     "GPU time of GPU-driven all-to-all kernels per phase",
     "C-O",
     "",
     0,
     100,
     {},
     C,
     "DeepSeek decode trace: send ~17 us + receive ~17-20 us"},
    {LayerOverheadUs,
     "layer_overhead_us",
     "Small kernels per layer",
     "t_ovh",
     "us",
     60,
     0,
     100000,
     Lin,
     Eff,
     Real,
     "Norms, RoPE, casts, activation, router top-k per layer per micro-batch",
     "C-O",
     "",
     0,
     200,
     {},
     C,
     "small kernels in DeepSeek's decode trace (~65 us); fitted"},
    {AttentionOverheadShare,
     "attention_overhead_share",
     "Overhead on attention",
     "",
     "",
     0.75,
     0,
     1,
     Lin,
     Eff,
     Real,
     "Share of the per-layer small kernels that run on the attention side (AFD)",
     "C-O",
     "",
     0,
     1,
     {},
     C,
     "DeepSeek decode trace: ~45 of ~60 us"},
    {StepOverheadMs,
     "step_overhead_ms",
     "Per-step overhead",
     "t_g0",
     "ms",
     1.75,
     0,
     10000,
     Lin,
     Eff,
     Real,
     "Fixed time per decode step: scheduling, sampling, synchronisation",
     "C-S1",
     "",
     0,
     10,
     {},
     C,
     "fitted on DeepSeek's decode profile and production"},
}};

constexpr bool registryInOrder() {
    for (std::size_t i = 0; i < kParamCount; ++i) {
        if (static_cast<std::size_t>(kParameters[i].id) != i) {
            return false;
        }
    }
    return true;
}
static_assert(registryInOrder(), "kParameters must list the specs in the order of enum Param");

constexpr bool viewRangesInsideRanges() {
    for (const ParamSpec& p : kParameters) {
        const bool inside = p.minValue <= p.viewMin && p.viewMin < p.viewMax &&
                            p.viewMax <= p.maxValue && p.defaultValue >= p.minValue &&
                            p.defaultValue <= p.maxValue;
        const bool choicesMatch =
            p.kind == ParamKind::Choice
                ? p.minValue == 0 && p.maxValue + 1 == static_cast<double>(p.choices.size())
                : p.choices.empty();
        // The paper's groups hold Part A parameters only, Part C's groups only Part C ones, so
        // a report without a system lists exactly the paper's inputs.
        const bool paperGroup = p.group == ParamGroup::Hardware || p.group == ParamGroup::Model ||
                                p.group == ParamGroup::Deployment ||
                                p.group == ParamGroup::Imbalance;
        if (!choicesMatch || (!paperGroup && !p.partC)) {
            return false;
        }
        if (!inside || p.reference.empty()) {
            return false;
        }
    }
    return true;
}
static_assert(viewRangesInsideRanges(),
              "each view range must lie inside its parameter range, choices match their range, "
              "Serving/Efficiency parameters are marked partC, and each names its reference");

constexpr std::array<ParamBounds, kParamCount> makeBounds() {
    std::array<ParamBounds, kParamCount> bounds{};
    for (std::size_t i = 0; i < kParamCount; ++i) {
        bounds[i] = {kParameters[i].minValue, kParameters[i].maxValue,
                     kParameters[i].kind != ParamKind::Real};
    }
    return bounds;
}
constexpr std::array<ParamBounds, kParamCount> kBounds = makeBounds();

} // namespace

std::span<const ParamSpec, kParamCount> parameters() noexcept {
    return kParameters;
}

const std::array<ParamBounds, kParamCount>& parameterBounds() noexcept {
    return kBounds;
}

const ParamSpec& spec(Param p) noexcept {
    return kParameters[index(p)];
}

std::optional<Param> findParam(std::string_view key) noexcept {
    for (const auto& s : kParameters) {
        if (s.key == key) {
            return s.id;
        }
    }
    return std::nullopt;
}

Spacing naturalSpacing(const ParamSpec& p) noexcept {
    return p.scale == ParamScale::Log ? Spacing::Geometric : Spacing::Linear;
}

double interpolate(const ParamSpec& p, double from, double to, double t, Spacing spacing) noexcept {
    if (t >= 1) {
        return to; // the exact end point, whatever pow() would round to
    }
    if (std::isinf(from) || std::isinf(to)) {
        return from;
    }
    const double v = spacing == Spacing::Geometric && from > 0 && to > 0
                         ? from * std::pow(to / from, t)
                         : from + (to - from) * t;
    return p.kind == ParamKind::Real ? v : std::round(v);
}

std::string_view groupName(ParamGroup g) noexcept {
    switch (g) {
    case ParamGroup::Hardware:
        return "Hardware";
    case ParamGroup::Model:
        return "Model";
    case ParamGroup::Deployment:
        return "Deployment";
    case ParamGroup::Imbalance:
        return "Imbalance";
    case ParamGroup::Serving:
        return "Serving";
    case ParamGroup::Efficiency:
        return "Efficiency";
    }
    return "?";
}

std::string expectation(Param p) {
    const ParamSpec& s = spec(p);
    if (s.kind == ParamKind::Flag) {
        return "0 or 1";
    }
    if (s.kind == ParamKind::Choice) {
        std::string text = "one of ";
        for (std::size_t i = 0; i < s.choices.size(); ++i) {
            text += (i == 0 ? "" : ", ") + std::string(s.choices[i]);
        }
        return text;
    }
    std::string text = s.kind == ParamKind::Integer ? "a whole number in [" : "a number in [";
    text += formatNumber(s.minValue) + ", " + formatNumber(s.maxValue) + "]";
    if (!s.unit.empty()) {
        text += " ";
        text += s.unit;
    }
    if (!s.zeroMeans.empty()) {
        text += " (0 = ";
        text += s.zeroMeans;
        text += ")";
    }
    return text;
}

std::string checkValue(Param p, double value) {
    const ParamSpec& s = spec(p);
    // NaN fails both comparisons; infinity passes only where the range is unbounded (gemm_blend).
    const bool inRange = value >= s.minValue && value <= s.maxValue;
    const bool whole = s.kind == ParamKind::Real || value == std::floor(value);
    if (inRange && whole) {
        return {};
    }
    return expectation(p);
}

std::string formatValue(Param p, double value) {
    const ParamSpec& s = spec(p);
    if (s.kind == ParamKind::Choice && value >= 0 &&
        value < static_cast<double>(s.choices.size()) && value == std::floor(value)) {
        return std::string(s.choices[static_cast<std::size_t>(value)]);
    }
    return formatNumber(value);
}

std::optional<double> choiceIndex(Param p, std::string_view name) noexcept {
    const ParamSpec& s = spec(p);
    for (std::size_t i = 0; i < s.choices.size(); ++i) {
        if (s.choices[i] == name) {
            return static_cast<double>(i);
        }
    }
    return std::nullopt;
}

std::optional<double> parseValueText(Param p, std::string_view text) {
    const ParamSpec& s = spec(p);
    if (s.kind == ParamKind::Choice) {
        return choiceIndex(p, text);
    }
    double value = 0;
    if (text == "inf" && s.maxValue == std::numeric_limits<double>::infinity()) {
        value = s.maxValue;
    } else {
        // from_chars would accept "inf" and "nan" for every parameter; checkValue refuses them.
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
            return std::nullopt;
        }
    }
    if (!checkValue(p, value).empty()) {
        return std::nullopt;
    }
    return value;
}

} // namespace afd
