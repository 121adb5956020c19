#!/usr/bin/env python3
"""Times `customs validate --format json` (release build) against the reference tool on the same
files in the same run: alternating, ROUNDS rounds, medians. Both outputs are checked (exit
status and counts), so a failing run never counts as fast. Called by run.sh; see README.md.

usage: bench.py SCALE DATA_DIR BENCH...   (BENCH: ceb dec cbd csv cold)
"""
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("CUSTOMS_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
CUSTOMS = os.environ.get("CUSTOMS_BINARY", os.path.join(ROOT, ".build/release/customs"))
CEB_SCHEMAS = os.path.join(SHARED, "corpus/schemas/cn-ceb-202205")
CEB_XSD = os.path.join(CEB_SCHEMAS, "海关跨境进口业务节点报文定义202205.xsd")
CBD_XSD = os.path.join(ROOT, "Schemas/cbd.xsd")
ROUNDS = int(os.environ.get("ROUNDS", "3"))
PYTHON_CSV = """import csv, sys
n = 0
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    for row in csv.reader(f):
        n += 1
print(n)"""


class Failed(Exception):
    pass


def timed_capture(command, stdout_path):
    with open(stdout_path, "wb") as out, tempfile.NamedTemporaryFile("r", suffix=".time") as log:
        start = time.monotonic()
        process = subprocess.run(["/usr/bin/time", "-v", "-o", log.name] + command, stdout=out, stderr=subprocess.PIPE)
        wall = time.monotonic() - start
        text = log.read()
    fields = dict(re.findall(r"^\s*(.+?): (.+)$", text, re.M))
    cpu = float(fields["User time (seconds)"]) + float(fields["System time (seconds)"])
    rss = int(fields["Maximum resident set size (kbytes)"]) / 1024
    return process.returncode, wall, cpu, rss, process.stderr.decode("utf-8", "replace")


def summary_of(path):
    """The `summary` object at the end of validate's JSON (read from the tail: the file may be GBs)."""
    with open(path, "rb") as f:
        f.seek(0, 2)
        f.seek(max(0, f.tell() - 4096))
        tail = f.read().decode("utf-8", "replace")
    found = re.search(r'"summary": \{([^}]*)\}', tail)
    if not found:
        raise Failed(f"no summary in {path}")
    return {k: int(v) for k, v in re.findall(r'"(\w+)": (\d+)', found.group(1))}


def check_customs(expect_files, expect_declarations):
    def check(status, out, _err):
        if status not in (0, 1):
            raise Failed(f"customs exit {status}: {_err[-500:]}")
        summary = summary_of(out)
        if summary.get("files") != expect_files or summary.get("declarations") != expect_declarations:
            raise Failed(f"customs summary {summary}, expected {expect_files} files, {expect_declarations} declarations")
        return summary
    return check


def check_xmllint(expect_valid):
    def check(status, _out, err):
        valid = err.count(" validates\n")
        if status != 0 or valid != expect_valid:
            raise Failed(f"xmllint exit {status}, {valid} of {expect_valid} validate: {err[-500:]}")
        return {"valid": valid}
    return check


def check_floor(expect_files):
    def check(status, _out, err):
        if status != 0 or f"{expect_files} files, 0 invalid" not in err:
            raise Failed(f"libxml2-floor exit {status}: {err[-500:]}")
        return {"valid": expect_files}
    return check


def libxml2_floor():
    """Builds Benchmarks/perf/libxml2-floor.c (libxml2-dev's headers) once; returns the program."""
    source = os.path.join(ROOT, "Benchmarks/perf/libxml2-floor.c")
    program = os.path.join(tempfile.gettempdir(), "customs-libxml2-floor")
    if not os.path.exists(program) or os.path.getmtime(program) < os.path.getmtime(source):
        flags = subprocess.run(["xml2-config", "--cflags"], capture_output=True, text=True, check=True).stdout.split()
        libraries = subprocess.run(["xml2-config", "--libs"], capture_output=True, text=True, check=True).stdout.split()
        subprocess.run(["cc", "-O2"] + flags + [source, "-o", program] + libraries + ["-lpthread"], check=True)
    return program


def check_wellformed(status, _out, err):
    if status != 0 or err.strip():
        raise Failed(f"xmllint exit {status}: {err[-500:]}")
    return {}


def check_rows(expect_rows):
    def check(status, out, err):
        rows = int(open(out).read().strip() or 0)
        if status != 0 or rows != expect_rows:
            raise Failed(f"python csv exit {status}, {rows} rows, expected {expect_rows}: {err[-300:]}")
        return {"rows": rows}
    return check


def load():
    return os.getloadavg()[0]


def compare(title, files, size, contenders):
    """contenders: [(label, command, check)]; the first is the product. Alternates, ROUNDS rounds."""
    runs = {label: [] for label, _, _ in contenders}
    notes = {}
    out = tempfile.mktemp(prefix="customs-perf-", suffix=".out")
    for _ in range(ROUNDS):
        for label, command, check in contenders:
            before = load()
            status, wall, cpu, rss, err = timed_capture(command, out)
            notes[label] = check(status, out, err)
            runs[label].append((wall, cpu, rss, before))
    os.remove(out)
    print(f"\n== {title}: {files} files, {size / 1e6:.1f} MB ({ROUNDS} rounds, alternating; medians)")
    medians = {}
    for label, _, _ in contenders:
        wall = statistics.median(r[0] for r in runs[label])
        cpu = statistics.median(r[1] for r in runs[label])
        rss = max(r[2] for r in runs[label])
        loads = ", ".join(f"{r[3]:.1f}" for r in runs[label])
        medians[label] = (wall, cpu)
        print(f"{label:34s} {files / wall:9.1f} files/s {size / 1e6 / wall:7.1f} MB/s wall ({wall:6.2f} s)"
              f"  CPU {cpu:6.2f} s  peak RSS {rss:6.1f} MB  load {loads}  {notes[label]}")
    product = contenders[0][0]
    for label, _, _ in contenders[1:]:
        print(f"ratio {product} / {label}: {medians[label][0] / medians[product][0]:.2f}x by wall clock, "
              f"{medians[label][1] / medians[product][1]:.2f}x by CPU time")


def listing(directory):
    return sorted(os.path.join(directory, name) for name in os.listdir(directory) if name.endswith(".xml"))


def generate(*args):
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/perf/generate.py")] + list(args), check=True)


def warm(paths):
    for path in paths:
        with open(path, "rb") as f:
            while f.read(1 << 20):
                pass


def bench_ceb(scale, data):
    count = max(1, round(10000 * scale))
    directory = os.path.join(data, f"ceb-{count}")
    if not os.path.isdir(directory):
        generate("ceb", str(count), directory)
    files = listing(directory)
    size = sum(os.path.getsize(f) for f in files)
    warm(files)
    compare("CEB621 inventories, --schemas the official cn-ceb-202205 XSDs", len(files), size, [
        ("customs validate --format json", [CUSTOMS, "validate", "--format", "json", "--schemas", CEB_SCHEMAS, directory],
         check_customs(len(files), len(files))),
        ("xmllint --noout --schema", ["xmllint", "--noout", "--schema", CEB_XSD] + files, check_xmllint(len(files))),
        # Not a contender: the libxml2 work the product cannot avoid, on both cores (what limits it).
        ("libxml2 parse + XSD only (floor)", [libxml2_floor(), "2", CEB_XSD] + files, check_floor(len(files))),
    ])


def bench_dec(scale, data):
    count = max(1, round(10000 * scale))
    directory = os.path.join(data, f"dec-{count}")
    if not os.path.isdir(directory):
        generate("dec", str(count), directory)
    files = listing(directory)
    size = sum(os.path.getsize(f) for f in files)
    warm(files)
    # No official XSD for DecMessage is on this machine: the reference only parses.
    compare("DecMessage export declarations (no XSD: xmllint checks well-formedness)", len(files), size, [
        ("customs validate --format json", [CUSTOMS, "validate", "--format", "json", directory],
         check_customs(len(files), len(files))),
        ("xmllint --noout", ["xmllint", "--noout"] + files, check_wellformed),
    ])


def bench_cbd(scale, data):
    megabytes = max(1, round(1000 * scale))
    path = os.path.join(data, f"cbd-{megabytes}.xml")
    if not os.path.exists(path):
        generate("cbd", str(megabytes), path)
    declarations = open(path, "rb").read().count(b"<Declaration>") if megabytes <= 50 else count_in(path, b"<Declaration>")
    warm([path])
    compare("one cbd-xml batch, --schemas Schemas", 1, os.path.getsize(path), [
        ("customs validate --format json", [CUSTOMS, "validate", "--format", "json", "--schemas", os.path.join(ROOT, "Schemas"), path],
         check_customs(1, declarations)),
        ("xmllint --stream --noout --schema", ["xmllint", "--stream", "--noout", "--schema", CBD_XSD, path], check_xmllint(1)),
    ])


def count_in(path, needle):
    count, carry = 0, b""
    with open(path, "rb") as f:
        while chunk := f.read(1 << 24):
            block = carry + chunk
            count += block.count(needle)
            # Keep the last len(needle) - 1 bytes, which cannot hold a whole needle, for the next block.
            carry = block[len(block) - (len(needle) - 1):]
    return count


def bench_csv(scale, data):
    megabytes = max(1, round(1000 * scale))
    path = os.path.join(data, f"declarations-realistic-{megabytes}.csv")
    if not os.path.exists(path):
        generate("csv", str(megabytes), path)
    rows = count_in(path, b"\n")
    declarations = len(set(line.split(b",", 1)[0] for line in open(path, "rb"))) - 1 if megabytes <= 50 \
        else distinct_ids(path)
    warm([path])
    compare("declarations CSV", 1, os.path.getsize(path), [
        ("customs validate --format json", [CUSTOMS, "validate", "--format", "json", path], check_customs(1, declarations)),
        ("python3 csv.reader (reading only)", [sys.executable, "-c", PYTHON_CSV, path], check_rows(rows)),
    ])


def distinct_ids(path):
    count, previous = 0, None
    with open(path, "rb") as f:
        next(f)
        for line in f:
            key = line[:line.index(b",")]
            if key != previous:
                count, previous = count + 1, key
    return count


def bench_cold(_scale, _data):
    sample = os.path.join(ROOT, "Samples/consignment-dostyk/cn-dec-export.xml")
    walls = []
    out = tempfile.mktemp(prefix="customs-perf-", suffix=".out")
    for _ in range(7):
        status, wall, cpu, rss, err = timed_capture([CUSTOMS, "validate", "--format", "json", sample], out)
        check_customs(1, 1)(status, out, err)
        walls.append((wall, cpu, rss))
    os.remove(out)
    first = walls[0]
    print(f"\n== one small file ({os.path.getsize(sample)} bytes), a fresh process each time, load {load():.1f}")
    print(f"customs validate --format json: first {first[0] * 1000:.0f} ms, median of 7 "
          f"{statistics.median(w[0] for w in walls) * 1000:.0f} ms wall, "
          f"{statistics.median(w[1] for w in walls) * 1000:.0f} ms CPU, peak RSS {max(w[2] for w in walls):.1f} MB")


if __name__ == "__main__":
    scale, data, benches = float(sys.argv[1]), sys.argv[2], sys.argv[3:]
    os.makedirs(data, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, {subprocess.run(['uname', '-srm'], capture_output=True, text=True).stdout.strip()}; "
          f"scale {scale}; load {os.getloadavg()}")
    failed = False
    for bench in benches:
        try:
            globals()[f"bench_{bench}"](scale, data)
        except Failed as error:
            failed = True
            print(f"\n== {bench}: FAILED, not timed: {error}")
    sys.exit(1 if failed else 0)
