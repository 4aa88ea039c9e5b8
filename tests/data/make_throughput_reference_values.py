#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes throughput_reference_values.json: docs/model.md Part C's calibration cases and branch cases
evaluated by the plain-Python reference of Part C (throughput_reference.py, kept with the model
specification), at full precision, with each case's inputs as registry values.

Usage: make_throughput_reference_values.py PATH/TO/throughput_reference.py > throughput_reference_values.json
The C++ core is checked against these numbers (tests/core/tst_throughput.cpp); they come from the
reference implementation, never from the code under test.
"""
import importlib.util
import json
import sys
from dataclasses import replace

spec = importlib.util.spec_from_file_location("ref", sys.argv[1])
ref = importlib.util.module_from_spec(spec)
sys.modules["ref"] = ref  # dataclasses look their module up
spec.loader.exec_module(ref)

E = ref.Eff()
H800 = ref.REAL_HW['h800']
DS = ref.MODELS['deepseek-v3']
KIMI = ref.MODELS['kimi-k2']
S3 = ref.MODELS['step3']
# The paper's GB200 with a real NIC beyond its NVL72 domain (the preset's 400 Gb/s per GPU).
GB200 = replace(ref.PAPER_HW['gb200'], bw_out=50e9)


def ep_case(name, md, hw, pr, dep, values, model_id, hardware_id):
    r = ref.ep_step(md, hw, E, pr, dep, detail=True)
    mem = ref.ep_memory(md, hw, pr, dep)
    return {"name": name, "system": "ep", "hardware": hardware_id, "model": model_id,
            "values": values,
            "expect": {"A0": r['A0'], "core": r['core'], "A1post": r['A1post'], "S": r['S'],
                       "E": r['E'], "D": r['D'], "C": r['C'], "t_moe": r['t_moe'],
                       "t_dense": r['t_dense'], "t_g": r['t_g'], "T_step": r['T_step'],
                       "tpot": r['tpot'], "tps_gpu": r['tps_gpu'], "memory": mem,
                       "hfu_ffn_step": r['hfu_ffn_step']}}


def afd_case(name, md, hw, pr, dep, values, model_id, hardware_id):
    r = ref.afd_step(md, hw, E, pr, dep, detail=True)
    return {"name": name, "system": "afd", "hardware": hardware_id, "model": model_id,
            "values": values,
            "expect": {"t_a": r['t_a'], "t_f": r['t_f'], "d": r['d'], "c": r['c'],
                       "cyc_moe": r['cyc_moe'], "cyc_dense": r['cyc_dense'], "t_g": r['t_g'],
                       "T_step": r['T_step'], "tpot": r['tpot'], "tps_gpu": r['tps_gpu'],
                       "bound": {"A": "attention", "F": "ffn", "link": "link",
                                 "chain": "round-trip"}[r['bound']],
                       "hfu_F": r['hfu_F'], "memory_ok": ref.afd_memory_ok(md, hw, pr, dep)}}


PROFILE = dict(ep=128, b=128, ctx=4096, q=2, L_acc=1.8, slots=288, overlap='tbo', sigma=1.0,
               mtp_layer=True)
PROFILE_VALUES = {"ep_gpus": 128, "batch_per_gpu": 128, "context_tokens": 4096,
                  "tokens_per_request_step": 2, "accept_len": 1.8, "expert_slots": 288,
                  "ep_overlap": "tbo", "sigma": 1, "mtp_layer": 1, "kv_bytes": 2,
                  "ep_dispatch": "per-expert"}
cases = []
cases.append(ep_case("DeepSeek-V3 decode profile (calibration)", DS, H800, ref.Prec(),
                     ref.EPDep(**PROFILE), PROFILE_VALUES, "deepseek-v3", "h800"))
cases.append(ep_case("DeepSeek-V3 production at b = 88 (calibration)", DS, H800, ref.Prec(),
                     ref.EPDep(**dict(PROFILE, ep=144, b=88, ctx=4989, sigma=0.8)),
                     dict(PROFILE_VALUES, ep_gpus=144, batch_per_gpu=88, context_tokens=4989,
                          sigma=0.8), "deepseek-v3", "h800"))
for overlap in ('sbo', 'none'):
    cases.append(ep_case("DeepSeek-V3 profile, overlap " + overlap, DS, H800, ref.Prec(),
                         ref.EPDep(**dict(PROFILE, overlap=overlap)),
                         dict(PROFILE_VALUES, ep_overlap=overlap), "deepseek-v3", "h800"))
cases.append(ep_case("DeepSeek-V3 profile, two-stage dispatch", DS, H800, ref.Prec(),
                     ref.EPDep(**dict(PROFILE, nic_dedup=True)),
                     dict(PROFILE_VALUES, ep_dispatch="two-stage"), "deepseek-v3", "h800"))
cases.append(ep_case("DeepSeek-V3 profile without the MTP layer", DS, H800, ref.Prec(),
                     ref.EPDep(**dict(PROFILE, mtp_layer=False, q=1, L_acc=1.0)),
                     dict(PROFILE_VALUES, mtp_layer=0, tokens_per_request_step=1, accept_len=1),
                     "deepseek-v3", "h800"))
cases.append(ep_case("Kimi-K2 on GB200 NVL72, EP 72 inside the domain", KIMI, GB200, ref.Prec(),
                     ref.EPDep(**dict(PROFILE, ep=72, b=64, slots=432)),
                     dict(PROFILE_VALUES, ep_gpus=72, batch_per_gpu=64, expert_slots=432),
                     "kimi-k2", "gb200"))

STEP3 = {"shared_expert_on": "ffn", "tokens_per_request_step": 1, "accept_len": 1,
         "mtp_layer": 0, "n_bo": 3, "sigma": 0.8}
for na, ba, fp8, ctx in ((2, 128, True, 4096), (3, 84, False, 4096), (4, 64, True, 8192)):
    pr = ref.Prec(kv_bytes=1 if fp8 else 2, attn_fp8=fp8)
    cases.append(afd_case("Step-3 %dA2F %s attention, %dK (calibration)"
                          % (na, "FP8" if fp8 else "BF16", ctx // 1024), S3, H800, pr,
                          ref.AFDDep(NA=na, NF=2, bA=ba, ctx=ctx, sigma=0.8),
                          dict(STEP3, na=na, nf=2, batch_per_attention_gpu=ba,
                               attention_fp8=1 if fp8 else 0, kv_bytes=1 if fp8 else 2,
                               context_tokens=ctx), "step3", "h800"))
cases.append(afd_case("Step-3 2A2F, shared expert on the attention side", S3, H800,
                      ref.Prec(kv_bytes=1, attn_fp8=True),
                      ref.AFDDep(NA=2, NF=2, bA=128, ctx=4096, sigma=0.8, shared_on_F=False),
                      dict(STEP3, na=2, nf=2, batch_per_attention_gpu=128, attention_fp8=1,
                           kv_bytes=1, context_tokens=4096, shared_expert_on="attention"),
                      "step3", "h800"))
cases.append(afd_case("Step-3 2A2F, GPU-driven A-F kernels", S3, H800,
                      ref.Prec(kv_bytes=1, attn_fp8=True),
                      ref.AFDDep(NA=2, NF=2, bA=128, ctx=4096, sigma=0.8, comm_on_sm=True),
                      dict(STEP3, na=2, nf=2, batch_per_attention_gpu=128, attention_fp8=1,
                           kv_bytes=1, context_tokens=4096, afd_comm_kernels=1),
                      "step3", "h800"))
cases.append(afd_case("DeepSeek-V3 AFD 6A2F on H800 with MTP", DS, H800, ref.Prec(),
                      ref.AFDDep(NA=6, NF=2, bA=48, ctx=4096, q=2, L_acc=1.7, sigma=0.8,
                                 mtp_layer=True),
                      {"na": 6, "nf": 2, "batch_per_attention_gpu": 48, "context_tokens": 4096,
                       "tokens_per_request_step": 2, "accept_len": 1.7, "mtp_layer": 1,
                       "sigma": 0.8, "shared_expert_on": "ffn", "kv_bytes": 2, "n_bo": 3},
                      "deepseek-v3", "h800"))
cases.append(afd_case("Kimi-K2 AFD 6A3F on GB200, inside the NVL72 domain", KIMI, GB200,
                      ref.Prec(),
                      ref.AFDDep(NA=6, NF=3, bA=64, ctx=4096, q=2, L_acc=1.7, sigma=0.8,
                                 mtp_layer=True),
                      {"na": 6, "nf": 3, "batch_per_attention_gpu": 64, "context_tokens": 4096,
                       "tokens_per_request_step": 2, "accept_len": 1.7, "mtp_layer": 1,
                       "sigma": 0.8, "shared_expert_on": "ffn", "kv_bytes": 2, "n_bo": 3},
                      "kimi-k2", "gb200"))

components = {
    "gemm_128x16384x7168_h800": ref.gemm_time(2 * 128 * 16384 * 7168,
                                              16384 * 7168 + 128 * 16384 + 128 * 7168 * 2,
                                              H800.flops8, H800, E),
    "ofu_m740_G2": ref.grouped_gemm_ofu(DS, H800, E, ref.Prec(), 740, 2),
    "ofu_m740_G3": ref.grouped_gemm_ofu(DS, H800, E, ref.Prec(), 740, 3),
    "per_token_8K_fp8kv": {
        "deepseek-v3": list(ref.per_token_counts(DS, 8192, 1.0)),
        "kimi-k2": list(ref.per_token_counts(KIMI, 8192, 1.0)),
        "step3": list(ref.per_token_counts(S3, 8192, 1.0)),
    },
}
json.dump({"generated_by": "tests/data/make_throughput_reference_values.py",
           "cases": cases, "components": components}, sys.stdout, indent=1)
sys.stdout.write("\n")
