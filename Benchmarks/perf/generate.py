#!/usr/bin/env python3
"""Generates the corpora of the performance benchmark (Benchmarks/perf/run.sh), each derived from
a real sample so the files are realistic and the product and xmllint read the same thing.

usage:
  generate.py ceb  COUNT DIR   CEB621 inventories from ../shared/corpus/cn-ceb/CEB621Message.xml,
                               one inventory of 1-12 goods items per file, valid against the
                               official cn-ceb-202205 XSD
  generate.py dec  COUNT DIR   DecMessage export declarations from Samples/consignment-dostyk/cn-dec-export.xml
  generate.py cbd  SIZE_MB OUT one cbd-xml batch of export/import pairs from Samples/cbd-rail-consignment-altynkol.xml
  generate.py csv  SIZE_MB OUT a declarations CSV (Benchmarks/csv/generate.py)

Deterministic (seeded): the same arguments give the same bytes. Prints what it wrote; the
runner checks the product's counts against these numbers.
"""
import os
import random
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get("CUSTOMS_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
GOODS = [("8541401000", "小米盒子", "007"), ("6403990000", "皮鞋", "011"), ("3304990099", "护肤霜", "035"),
         ("8516500000", "微波炉", "001"), ("9403608000", "木制家具", "007"), ("4202920000", "旅行包", "011")]


def lines_of(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def ceb(count, out):
    lines = lines_of(os.path.join(SHARED, "corpus/cn-ceb/CEB621Message.xml"))
    # Lines 1-3: prologue and root; 4-53: <Inventory> and its head; 54-75: one goods item.
    prologue, head, item = "\n".join(lines[0:3]), "\n".join(lines[3:53]), "\n".join(lines[53:75])
    # After the last inventory: BaseTransfer and the signature the schema requires, kept as filed.
    last = max(i for i, line in enumerate(lines) if line.strip() == "</ceb:Inventory>")
    trailer = "\n".join(lines[last + 1:]).rstrip("\n") + "\n"
    rng = random.Random(621)
    os.makedirs(out, exist_ok=True)
    items_total = 0
    for n in range(1, count + 1):
        guid = f"4CDE1CFD-EDED-46B1-946C-{n:012X}"
        items = rng.randint(1, 12)
        items_total += items
        body, gross = [], 0
        for g in range(1, items + 1):
            code, name, unit = GOODS[rng.randrange(len(GOODS))]
            qty, price = rng.randint(1, 500), rng.randint(1, 900)
            text = item
            for tag, value in (("gnum", g), ("itemNo", f"AF{n:06d}-{g:03d}"), ("itemName", name), ("gcode", code),
                               ("gname", name), ("qty", qty), ("unit", unit), ("qty1", qty), ("price", price),
                               ("totalPrice", qty * price)):
                text = re.sub(f"<ceb:{tag}>[^<]*</ceb:{tag}>", f"<ceb:{tag}>{value}</ceb:{tag}>", text, count=1)
            body.append(text)
            gross += qty
        text = head
        for tag, value in (("guid", guid), ("orderNo", f"order{20160308000000 + n}"), ("logisticsNo", f"L{201603080000000 + n}"),
                           ("copNo", f"NBBH{20160308000 + n}"), ("packNo", items), ("grossWeight", gross + 10),
                           ("netWeight", gross)):
            text = re.sub(f"<ceb:{tag}>[^<]*</ceb:{tag}>", f"<ceb:{tag}>{value}</ceb:{tag}>", text, count=1)
        document = prologue.replace('guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94"', f'guid="{guid}"') + "\n" + text + "\n" \
            + "\n".join(body) + "\n\t</ceb:Inventory>\n" + trailer
        with open(os.path.join(out, f"ceb621-{n:06d}.xml"), "w", encoding="utf-8") as f:
            f.write(document)
    print(f"{out}: {count} files, {count} declarations, {items_total} goods items")


def dec(count, out):
    text = "\n".join(lines_of(os.path.join(ROOT, "Samples/consignment-dostyk/cn-dec-export.xml")))
    text = re.sub(r"<!--.*?-->\n", "", text, flags=re.S)
    os.makedirs(out, exist_ok=True)
    for n in range(1, count + 1):
        document = text.replace("650120250000123456", f"6501202500{n:08d}").replace("31457802", f"{31457802 + n}") \
            .replace("TS-2025-0314", f"TS-2025-{n:06d}").replace("202503140942100001", f"2025031409{n:08d}")
        with open(os.path.join(out, f"dec-{n:06d}.xml"), "w", encoding="utf-8") as f:
            f.write(document)
    print(f"{out}: {count} files, {count} declarations")


def container(owner, serial):
    """An ISO 6346 container number with its check digit."""
    values = {c: v for c, v in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [v for v in range(10, 39) if v % 11])}
    code = f"{owner}U{serial:06d}"
    total = sum((values[c] if c.isalpha() else int(c)) * 2 ** i for i, c in enumerate(code))
    return code + str(total % 11 % 10)


def cbd(size_mb, out):
    text = "\n".join(lines_of(os.path.join(ROOT, "Samples/cbd-rail-consignment-altynkol.xml")))
    start, end = text.index("  <Declaration>"), text.rindex("</Declarations>")
    head, pair, tail = re.sub(r"<!--.*?-->\n", "", text[:start], flags=re.S), text[start:end], text[end:]
    target = int(size_mb * 1_000_000)
    written, pairs = 0, 0
    with open(out, "w", encoding="utf-8") as f:
        f.write(head)
        written += len(head.encode())
        while written + len(tail) < target:
            pairs += 1
            chunk = pair.replace("650120250000234567", f"6501202500{pairs:08d}") \
                .replace("50509/040425/0000871", f"50509/040425/{pairs:07d}") \
                .replace("SMGS-31460115", f"SMGS-{pairs:08d}").replace("TS-2025-0402", f"TS-2025-{pairs:07d}") \
                .replace("TCLU7654320", container("TCL", pairs % 1_000_000))
            f.write(chunk)
            written += len(chunk.encode())
        f.write(tail)
    print(f"{out}: {written / 1e6:.0f} MB, {pairs * 2} declarations")


def csv(size_mb, out):
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks/csv/generate.py"), out, str(size_mb)], check=True)


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("ceb", "dec", "cbd", "csv"):
        sys.exit(__doc__)
    kind, amount, out = sys.argv[1], sys.argv[2], sys.argv[3]
    {"ceb": lambda: ceb(int(amount), out), "dec": lambda: dec(int(amount), out),
     "cbd": lambda: cbd(float(amount), out), "csv": lambda: csv(float(amount), out)}[kind]()
