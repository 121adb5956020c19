#!/usr/bin/env python3
"""Benchmark of `customs watch` (not a test).

1. Latency: N files (default 1,000) renamed into the inbox at a steady rate; for each, the time
   from the rename to its report appearing in reports/ (inotify IN_MOVED_TO on reports/).
   Prints p50, p90, p99, max.
2. Burst: M files (default 10,000) renamed into the inbox of a running daemon as fast as
   possible; time until the last report. Compared with `customs validate` on the same files
   (and `customs validate --db` with a fresh store, which also writes the store).

Usage: bench.py [--binary PATH] [--latency-files N] [--rate PER_S] [--burst-files M] [--jobs J]
"""
import argparse, ctypes, os, shutil, struct, subprocess, sys, tempfile, threading, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TEMPLATE = open(os.path.join(ROOT, "Samples/consignment-dostyk/cn-dec-export.xml"), encoding="utf-8").read()

def container(owner, serial):
    values, v = {}, 10
    for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        if v % 11 == 0: v += 1
        values[c] = v; v += 1
    s = sum((values.get(c) if c.isalpha() else int(c)) << i for i, c in enumerate(owner + serial))
    return owner + serial + str(s % 11 % 10)

def declaration(n):
    number = "%06d" % (n % 1000000)
    t = TEMPLATE.replace("650120250000123456", "650120259900" + number)
    t = t.replace("<BillNo>31457802</BillNo>", "<BillNo>WB%s</BillNo>" % number)
    t = t.replace("TS-2025-0314", "TS-T-" + number)
    return t.replace("CSQU3054383", container("CSQU", number)).encode()

IN_MOVED_TO = 0x80
libc = ctypes.CDLL("libc.so.6", use_errno=True)

class ReportWatch:
    """Records the monotonic time each report name appears in a folder."""
    def __init__(self, folder):
        self.fd = libc.inotify_init1(0)
        libc.inotify_add_watch(self.fd, folder.encode(), IN_MOVED_TO)
        self.times, self.lock = {}, threading.Lock()
        threading.Thread(target=self.loop, daemon=True).start()
    def loop(self):
        while True:
            data = os.read(self.fd, 1 << 20)
            now = time.monotonic()
            i = 0
            while i < len(data):
                _, mask, _, length = struct.unpack_from("iIII", data, i)
                name = data[i + 16:i + 16 + length].rstrip(b"\0").decode()
                i += 16 + length
                if name.endswith(".json") and not name.startswith("."):
                    with self.lock: self.times.setdefault(name[:-5], now)
    def count(self):
        with self.lock: return len(self.times)

def start(binary, root, jobs):
    log = open(os.path.join(root, "watch.log"), "w")
    return subprocess.Popen([binary, "watch", os.path.join(root, "inbox"), "--jobs", str(jobs)],
                            stdout=log, stderr=log, cwd=ROOT)

def stage(root, names, offset):
    staging = os.path.join(root, "staging"); os.makedirs(staging, exist_ok=True)
    for i, name in enumerate(names):
        with open(os.path.join(staging, name), "wb") as f: f.write(declaration(offset + i))
    return staging

def percentile(sorted_values, p):
    k = (len(sorted_values) - 1) * p
    lo = int(k); hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (k - lo)

def wait_for(predicate, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate(): return True
        time.sleep(0.01)
    return False

def latency(args):
    root = tempfile.mkdtemp(prefix="customs-bench-latency-")
    os.makedirs(os.path.join(root, "inbox")); os.makedirs(os.path.join(root, "reports"))
    names = ["lat-%05d.xml" % i for i in range(args.latency_files)]
    staging = stage(root, names, 0)
    watch = ReportWatch(os.path.join(root, "reports"))
    daemon = start(args.binary, root, args.jobs)
    time.sleep(2)
    sent = {}
    interval = 1.0 / args.rate
    t0 = time.monotonic()
    for i, name in enumerate(names):
        target = t0 + i * interval
        while time.monotonic() < target: time.sleep(min(0.001, target - time.monotonic()) if target > time.monotonic() else 0)
        sent[name] = time.monotonic()
        os.rename(os.path.join(staging, name), os.path.join(root, "inbox", name))
    ok = wait_for(lambda: watch.count() >= len(names), 300)
    daemon.terminate(); daemon.wait(60)
    values = sorted((watch.times[n] - sent[n]) * 1000 for n in names if n in watch.times)
    print("latency: %d files at %.0f/s, jobs %d: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%s" % (
        len(values), args.rate, args.jobs, percentile(values, .5), percentile(values, .9), percentile(values, .99), values[-1],
        "" if ok else " (INCOMPLETE)"))
    shutil.rmtree(root, ignore_errors=True)

def burst(args):
    root = tempfile.mkdtemp(prefix="customs-bench-burst-")
    os.makedirs(os.path.join(root, "inbox")); os.makedirs(os.path.join(root, "reports"))
    names = ["burst-%05d.xml" % i for i in range(args.burst_files)]
    staging = stage(root, names, 100000)
    # Batch: validate on the same files (a copy), without and with a store.
    copy = os.path.join(root, "batch"); shutil.copytree(staging, copy)
    results = {}
    for label, extra in (("validate", []), ("validate --db", ["--db", os.path.join(root, "batch.sqlite")])):
        t = time.monotonic()
        subprocess.run([args.binary, "validate", "--jobs", str(args.jobs), copy] + extra, cwd=ROOT,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results[label] = len(names) / (time.monotonic() - t)
    watch = ReportWatch(os.path.join(root, "reports"))
    daemon = start(args.binary, root, args.jobs)
    time.sleep(2)
    t = time.monotonic()
    for name in names: os.rename(os.path.join(staging, name), os.path.join(root, "inbox", name))
    ok = wait_for(lambda: watch.count() >= len(names), 1800)
    elapsed = max(watch.times.values()) - t
    peak = "?"
    try:
        for line in open("/proc/%d/status" % daemon.pid):
            if line.startswith("VmHWM:"): peak = line.split(":")[1].strip()
    except OSError: pass
    daemon.terminate(); daemon.wait(60)
    rate = watch.count() / elapsed
    print("burst: daemon peak memory (VmHWM) %s" % peak)
    print("burst: %d files, jobs %d: watch %.0f files/s; validate %.0f files/s (watch = %.0f%%); validate --db %.0f files/s (watch = %.0f%%)%s" % (
        watch.count(), args.jobs, rate, results["validate"], 100 * rate / results["validate"],
        results["validate --db"], 100 * rate / results["validate --db"], "" if ok else " (INCOMPLETE)"))
    shutil.rmtree(root, ignore_errors=True)

if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/customs") if os.path.exists(os.path.join(ROOT, ".build/release/customs")) else os.path.join(ROOT, ".build/debug/customs"))
    parser.add_argument("--latency-files", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=20)
    parser.add_argument("--burst-files", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--skip", choices=["latency", "burst"])
    args = parser.parse_args()
    print("binary:", args.binary)
    if args.skip != "latency": latency(args)
    if args.skip != "burst": burst(args)
