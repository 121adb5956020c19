#!/usr/bin/env python3
"""Generates the 10,000 declarations of the timing statistics test and computes the expected
group statistics independently of the Swift code; writes them to generated-statistics.json.

The declarations are not written out (they would be several MB): the Swift test regenerates
them with the same rules (Tests/CustomsTimingTests/GeneratedDeclarations.swift) and checks the
generator against the `digest` below before comparing the statistics.

Rules (every random draw is made, in this order, for every declaration, whether used or not):
  splitmix64 from SEED; u(n) = next() % n
  crossing   = CROSSINGS[u(3)]; mode missing when u(10) == 0, else rail/rail/road by crossing
  channel    = [green, yellow, red, blue, none][u(5)]; country = [KZ, CN][u(2)]
  base       = 2024-01-01T00:00:00Z + u(365 days)
  arrival    = base                      (missing when u(10) == 0)
  lodgement  = base - 3600 + u(6 h)      (missing when u(20) == 0; may precede arrival)
  acceptance = lodgement + u(2 h)        (missing when u(8) == 0)
  release    = acceptance + u(8 h)       (missing when u(15) == 0)
               or, when u(50) == 0, lodgement - 1 - u(3600): a release before its lodgement
  exit       = release + u(3 h)          (missing when u(3) == 0 or release is missing)

Statistics (SPEC.md "Timing output"), computed here with fractions.Fraction and
statistics.quantiles(method="inclusive") (linear interpolation between closest ranks):
  per group (borderCrossing, transportMode, riskChannel) and interval: count, mean (rounded
  half away from zero to 0.01 s), median, p90, p95 (exact), max; an interval that must not be
  negative (all but arrivalToLodgement and arrivalToRelease) and is negative is left out;
  withinTarget over KZ declarations (target 14,400 s from acceptance, else lodgement) with a
  start and a release not before it, rounded half up to 4 decimals; missing per milestone.
"""
import json
import statistics
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction
from pathlib import Path

SEED = 20240229
COUNT = 10_000
MASK = (1 << 64) - 1
CROSSINGS = ["dostyk-alashankou", "altynkol-khorgos", "nurzholy-khorgos"]
MODES = ["rail", "rail", "road"]
CHANNELS = ["green", "yellow", "red", "blue", None]
COUNTRIES = ["KZ", "CN"]
BASE = 1_704_067_200
INTERVALS = [
    ("arrivalToLodgement", "arrival", "lodgement", False),
    ("lodgementToAcceptance", "lodgement", "acceptance", True),
    ("acceptanceToRelease", "acceptance", "release", True),
    ("lodgementToRelease", "lodgement", "release", True),
    ("arrivalToRelease", "arrival", "release", False),
    ("releaseToExit", "release", "exit", True),
]
MILESTONES = ["arrival", "lodgement", "acceptance", "release", "exit"]


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def u(self, n):
        return self.next() % n


def generate():
    rng = SplitMix64(SEED)
    declarations = []
    for _ in range(COUNT):
        cross = rng.u(3)
        mode_missing = rng.u(10) == 0
        channel = CHANNELS[rng.u(5)]
        country = COUNTRIES[rng.u(2)]
        base = BASE + rng.u(365 * 86_400)
        arrival_missing = rng.u(10) == 0
        lodge = base - 3600 + rng.u(6 * 3600)
        lodge_missing = rng.u(20) == 0
        accept = lodge + rng.u(2 * 3600)
        accept_missing = rng.u(8) == 0
        release = accept + rng.u(8 * 3600)
        release_missing = rng.u(15) == 0
        fault = rng.u(50) == 0
        back = rng.u(3600)
        if fault:
            release = lodge - 1 - back
        exit_time = release + rng.u(3 * 3600)
        exit_missing = rng.u(3) == 0
        times = {}
        if not arrival_missing:
            times["arrival"] = base
        if not lodge_missing:
            times["lodgement"] = lodge
        if not accept_missing:
            times["acceptance"] = accept
        if not release_missing:
            times["release"] = release
            if not exit_missing:
                times["exit"] = exit_time
        declarations.append({
            "group": (CROSSINGS[cross], None if mode_missing else MODES[cross], channel),
            "country": country,
            "times": times,
        })
    return declarations


def decimal_text(value: Fraction) -> str:
    """An exact decimal (denominator must divide 100) with trailing zeros dropped."""
    hundredths = value * 100
    assert hundredths.denominator == 1, value
    text = format(Decimal(hundredths.numerator) / Decimal(100), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def rounded(value: Fraction, places: str) -> str:
    q = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places), rounding=ROUND_HALF_UP)
    text = format(q, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def interval_statistics(values):
    data = sorted(Fraction(v) for v in values)
    n = len(data)
    if n == 1:
        cuts = [data[0]] * 99
    else:
        cuts = statistics.quantiles(data, n=100, method="inclusive")
    mean = Fraction(sum(values), n)
    # ROUND_HALF_UP in decimal rounds half away from zero, for negatives too.
    mean_text = (Decimal(mean.numerator) / Decimal(mean.denominator))
    mean_text = format(mean_text.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f").rstrip("0").rstrip(".")
    return {
        "count": n,
        "mean": mean_text,
        "median": decimal_text(statistics.median(data)),
        "p90": decimal_text(cuts[89]),
        "p95": decimal_text(cuts[94]),
        "max": int(max(values)),
    }


def main():
    declarations = generate()
    events = sum(len(d["times"]) for d in declarations)
    epoch_sum = sum(sum(d["times"].values()) for d in declarations)
    groups = {}
    for d in declarations:
        groups.setdefault(d["group"], []).append(d)

    def order(value):
        return (1, "") if value is None else (0, value)

    result_groups = []
    for key in sorted(groups, key=lambda k: [order(v) for v in k]):
        members = groups[key]
        intervals = {}
        for name, start, end, ordered in INTERVALS:
            values = []
            for d in members:
                t = d["times"]
                if start in t and end in t:
                    v = t[end] - t[start]
                    if ordered and v < 0:
                        continue
                    values.append(v)
            if values:
                intervals[name] = interval_statistics(values)
        judged = []
        for d in members:
            if d["country"] != "KZ":
                continue
            t = d["times"]
            start = t.get("acceptance", t.get("lodgement"))
            if start is None or "release" not in t or t["release"] - start < 0:
                continue
            judged.append(t["release"] - start <= 14_400)
        group = {
            "borderCrossing": key[0],
            "transportMode": key[1],
            "riskChannel": key[2],
            "count": len(members),
            "intervals": intervals,
            "missing": {m: sum(1 for d in members if m not in d["times"]) for m in MILESTONES},
        }
        if judged:
            group["withinTarget"] = rounded(Fraction(sum(judged), len(judged)), "0.0001")
        result_groups.append(group)

    expected = {
        "seed": SEED,
        "count": COUNT,
        "digest": {"events": events, "sumEpochSeconds": epoch_sum},
        "groups": result_groups,
    }
    out = Path(__file__).with_name("generated-statistics.json")
    out.write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{out}: {len(result_groups)} groups, {events} events")


if __name__ == "__main__":
    main()
