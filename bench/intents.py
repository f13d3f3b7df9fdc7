"""Intent benchmark: messages per second through the classifier on one core.

Reports model load time (cold, in this fresh process), messages per second and the p50/p99
latency of `IntentClassifier.predict` and of the whole `NLU.understand` (with entities), and the
resident memory. Goals: >= 2,000 messages/s, p99 < 2 ms, load < 1 s, < 300 MB.
The messages are the Thai and Malay test sets (Rumi and Jawi) and a few long ones; `--thai-only`
keeps to the Thai mix the benchmark used before Malay was understood.
Run by hand after `make model`: `python bench/intents.py [--model-dir D] [--messages 5000]`.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This file is itself named intents.py: the package must come first on the path.
sys.path.insert(0, str(ROOT))

FALLBACK_MESSAGES = [
    "สวัสดีครับ",
    "ค่าแรงขั้นต่ำปัตตานีวันละเท่าไหร่คะ",
    "นายจ้างไม่จ่ายเงินเดือนสองเดือนแล้วทำยังไงดี",
    "ประกันสังคม ม.40 จ่ายเดือนละเท่าไร",
    "อยากไปทำงานมาเลเซียต้องทำยังไง",
    "ขอตรวจสอบสถานะเลขที่ AS-2568-000123",
    "เเม่บ้านโดนไล่ออกไม่ได้ค่าชดเชยค่าาาา ๕๕๕",
    "ขอบคุณมากค่ะ",
    "saya nak cari kerja di Pattani",
    "ผมเป็นอาสาอยู่ อ.จะนะ มีชาวบ้านเล่าว่า" + "ทำงานก่อสร้างมานานหลายปี" * 20 + " ต้องทำยังไงครับ",
]
MALAY_MESSAGES = [
    "ambo nok tanyo, majikan tok bayar gaji doh tigo bule",
    "ساي ماهو چاري کرجا د ڤطاني",
]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _messages(limit: int, thai_only: bool = False) -> list[str]:
    names = ("test.jsonl",) if thai_only else ("test.jsonl", "test_ms.jsonl")
    texts = FALLBACK_MESSAGES + ([] if thai_only else MALAY_MESSAGES)
    for name in names:
        test_file = ROOT / "intents" / "data" / "test" / name
        if test_file.is_file():
            with test_file.open(encoding="utf-8") as lines:
                texts += [json.loads(line)["text"] for line in lines if line.strip()]
    return [texts[i % len(texts)] for i in range(limit)]


def _rss_mb() -> tuple[float, float]:
    current = 0.0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return current, peak


def _run(name: str, fn, messages: list[str]) -> dict:  # type: ignore[no-untyped-def]
    for text in messages[:200]:  # warm caches
        fn(text)
    latencies = []
    started = time.perf_counter()
    for text in messages:
        t0 = time.perf_counter()
        fn(text)
        latencies.append(time.perf_counter() - t0)
    total = time.perf_counter() - started
    return {
        "name": name,
        "messages": len(messages),
        "per_second": round(len(messages) / total),
        "p50_ms": round(_percentile(latencies, 0.50) * 1000, 3),
        "p99_ms": round(_percentile(latencies, 0.99) * 1000, 3),
        "max_ms": round(max(latencies) * 1000, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--model-dir",
        default=os.environ.get("INTENTS_MODEL_DIR") or str(ROOT / "var" / "models" / "intents"),
    )
    parser.add_argument("--messages", type=int, default=5000)
    parser.add_argument("--thai-only", action="store_true", help="the Thai test set only")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    t0 = time.perf_counter()
    from intents.classifier import IntentClassifier
    from intents.pipeline import NLU

    imported = time.perf_counter() - t0
    t1 = time.perf_counter()
    try:
        classifier = IntentClassifier.load(args.model_dir)
    except FileNotFoundError:
        raise SystemExit(f"no model in {args.model_dir}: run `make model` first") from None
    loaded = time.perf_counter() - t1
    t2 = time.perf_counter()
    nlu = NLU.load(args.model_dir)  # the files again, plus the dictionary and place index
    ready = time.perf_counter() - t2
    classifier = nlu.classifier

    messages = _messages(args.messages, args.thai_only)
    results = [
        _run("classifier.predict", classifier.predict, messages),
        _run("nlu.understand", nlu.understand, messages),
    ]
    current, peak = _rss_mb()
    print(f"model           {args.model_dir} ({classifier.meta.get('features')} features)")
    print(f"import          {imported * 1000:.0f} ms")
    print(
        f"load            {loaded * 1000:.0f} ms model files; {ready * 1000:.0f} ms NLU.load ready"
    )
    for r in results:
        print(
            f"{r['name']:<18} {r['per_second']:>6} msg/s  p50 {r['p50_ms']:.3f} ms"
            f"  p99 {r['p99_ms']:.3f} ms  max {r['max_ms']:.1f} ms  ({r['messages']} messages)"
        )
    print(f"memory          {current:.0f} MB resident, {peak:.0f} MB peak")


if __name__ == "__main__":
    main()
