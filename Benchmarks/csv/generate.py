#!/usr/bin/env python3
"""Writes a declarations CSV of about SIZE megabytes, as a forwarder's Excel export would be: the
plain layout of SPEC.md, one row per goods item, 1-12 goods items per declaration, every
declaration column repeated on every row.

The declarations are consistent, as filed ones mostly are: value = quantity x unit price to the
cent, net mass <= gross mass, header totals (masses, packages, goods item count, invoice amount)
the sums of the items, ISO 6346 containers with their check digits, exporters' USCCs with their
check characters, HS 2022 subheadings from Schemas/codelists, UN/ECE Rec 20 units, ISO codes.

DEFECT_SHARE (1%) of the declarations carry one defect each, in turn: a line value off by one
currency unit per unit (value.line-total), net mass above gross (mass.net-exceeds-gross), a header gross mass
10% off (totals.mismatch), a wrong container check digit (container.check-digit), an HS code
that is no subheading (code.hs), an unknown currency (code.currency), an unknown country
(code.country), a non-number mass (field.invalid). The generator prints how many of each.

Deterministic (seeded): the same arguments give the same bytes.

usage: generate.py OUT.csv SIZE_MB
"""
import csv
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFECT_SHARE = 0.01
DEFECTS = ["value.line-total", "mass.net-exceeds-gross", "totals.mismatch", "container.check-digit", "code.hs",
           "code.currency", "code.country", "field.invalid"]

COLUMNS = ["id", "declaring_country", "direction", "procedure", "customs_office", "lodged_at", "transport_mode",
           "border_crossing", "transport_document_type", "transport_document_number", "containers", "exporter_name",
           "exporter_id", "exporter_country", "importer_name", "importer_id", "importer_country", "invoice_number",
           "invoice_currency", "invoice_amount", "incoterm", "total_gross_mass_kg", "total_net_mass_kg",
           "total_packages", "goods_item_count", "risk_channel",
           "sequence", "hs_code", "national_code", "description", "origin_country", "quantity", "unit",
           "gross_mass_kg", "net_mass_kg", "packages", "unit_price", "value", "currency"]
EXPORTERS = ["Urumqi Trading Co. Ltd", "Xinjiang Tianshan Machinery Import & Export Co., Ltd.",
             "Yiwu Small Commodities Export Co. Ltd", "Khorgos Silk Road Logistics Co., Ltd",
             "Shenzhen \"Bright Star\" Electronics Co. Ltd", "Alashankou Border Trade Co., Ltd"]
IMPORTERS = ["Almaty Import, LLP", "TOO \"Kazakh Trade House\"", "Astana Machinery Supply LLP",
             "Shymkent Retail Group, JSC", "Karaganda Industrial Partners LLP"]
CROSSINGS = [("dostyk-alashankou", "rail", "CIM-SMGS"), ("altynkol-khorgos", "rail", "SMGS"),
             ("nurzholy-khorgos", "road", "CMR"), ("bakhty-tacheng", "road", "TIR")]
ORIGINS = ["CN"] * 8 + ["KZ", "DE", "JP", "KR", "VN"]
UNITS = [("H87", 0), ("KGM", 3), ("PR", 0), ("MTR", 2), ("SET", 0)]
CURRENCIES = ["USD"] * 6 + ["CNY"] * 3 + ["EUR"]
RISK = ["green"] * 7 + ["yellow", "red", ""]
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
ISO6346_VALUES = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", [v for v in range(10, 39) if v % 11]))


def hs_subheadings():
    """HS 2022 subheadings (level 6) with their descriptions, from the product's code list."""
    with open(os.path.join(ROOT, "Schemas/codelists/harmonized-system-2022.csv"), encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["level"] == "6" and r["hscode"].isdigit() and r["section"] != "TOTAL"]
    return [(r["hscode"], r["description"][:60]) for r in rows]


def container(owner, serial, wrong=False):
    """An ISO 6346 container number with its check digit (or a wrong one)."""
    code = f"{owner}U{serial:06d}"
    total = sum((ISO6346_VALUES[c] if c.isalpha() else int(c)) * 2 ** i for i, c in enumerate(code))
    digit = total % 11 % 10
    return code + str((digit + 3) % 10 if wrong else digit)


def uscc(rng):
    """A Unified Social Credit Code (GB 32100-2015) with its check character."""
    body = "91" + f"{rng.randint(650000, 659999)}" + "".join(rng.choice(USCC_ALPHABET) for _ in range(9))
    total = sum(USCC_ALPHABET.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


def quote(text):
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


def cents(value):
    return f"{value // 100}.{value % 100:02d}"


def decimal(value, places):
    """An integer count of 10^-places as a plain decimal."""
    if places == 0:
        return str(value)
    return f"{value // 10 ** places}.{value % 10 ** places:0{places}d}"


def declaration(number, rng, codes, parties, defect):
    decl = f"68012024{number:010d}"
    crossing, mode, document = CROSSINGS[rng.randrange(len(CROSSINGS))]
    if defect == "container.check-digit":
        crossing, mode, document = CROSSINGS[0]
    currency = CURRENCIES[rng.randrange(len(CURRENCIES))]
    containers = " ".join(container(rng.choice(["CSQ", "TGH", "MSK", "TCL", "CAI"]), rng.randrange(1_000_000),
                                    wrong=defect == "container.check-digit" and i == 0)
                          for i in range(rng.choice([1, 1, 1, 2]))) if mode == "rail" else ""
    exporter_id, exporter = parties[0][rng.randrange(len(parties[0]))]
    importer_id, importer = parties[1][rng.randrange(len(parties[1]))]
    items = []
    for _ in range(rng.randint(1, 12)):
        code, text = codes[rng.randrange(len(codes))]
        unit, places = UNITS[rng.randrange(len(UNITS))]
        quantity = rng.randint(1, 2000) if places == 0 else rng.randint(1, 2000 * 10 ** places)
        price = rng.randint(5, 50_000)  # cents per unit
        value = quantity * price // 10 ** places if places == 0 else None
        if value is None:
            # A fractional quantity: a price whose product with it is whole cents (price per unit in cents,
            # quantity in 10^-places: the product is exact when the price is a multiple of 10^places).
            price = rng.randint(1, 500) * 10 ** places
            value = quantity * price // 10 ** places
        net = rng.randint(5, 200_000)  # 0.1 kg
        gross = net + rng.randint(0, net // 5 + 1)
        items.append(dict(code=code, national=code + rng.choice(["0000", "1000", "9000", "9009"]), text=text,
                          origin=ORIGINS[rng.randrange(len(ORIGINS))], quantity=quantity, places=places, unit=unit,
                          gross=gross, net=net, packages=rng.randint(1, 300), price=price, value=value))
    total_gross = sum(i["gross"] for i in items)
    if defect:
        victim = items[rng.randrange(len(items))]
        if defect == "value.line-total":
            victim["value"] += (victim["quantity"] // 10 ** victim["places"] + 1) * 100  # a unit more per unit
        elif defect == "mass.net-exceeds-gross":
            victim["net"], victim["gross"] = victim["gross"] + 7, victim["net"]
        elif defect == "totals.mismatch":
            total_gross = total_gross * 11 // 10 + 1
        elif defect == "code.hs":
            victim["code"] = "999998"
            victim["national"] = "9999980000"
        elif defect == "code.currency":
            currency = "XYZ" if currency != "XYZ" else currency
        elif defect == "code.country":
            victim["origin"] = "QQ"
    total_net = sum(i["net"] for i in items)
    if defect == "mass.net-exceeds-gross":
        total_gross = sum(i["gross"] for i in items)
    amount = sum(i["value"] for i in items)
    head = ",".join([
        decl, "CN", "export", "0110", "6801",
        f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}T{8 + number % 10:02d}:{number % 60:02d}:00+08:00",
        mode, crossing, document, f"{document.replace('-', '')}{number:08d}", containers,
        quote(exporter), exporter_id, "CN", quote(importer), importer_id, "KZ",
        f"INV-2024-{number:07d}", currency, cents(amount), rng.choice(["FCA", "DAP", "CPT", "EXW"]),
        decimal(total_gross, 1), decimal(total_net, 1), str(sum(i["packages"] for i in items)), str(len(items)),
        RISK[number % len(RISK)]])
    rows = []
    for sequence, item in enumerate(items, 1):
        gross = decimal(item["gross"], 1)
        if defect == "field.invalid" and sequence == 1:
            gross = gross + " kg"
        rows.append(",".join([
            head, str(sequence), item["code"], item["national"], quote(item["text"]), item["origin"],
            decimal(item["quantity"], item["places"]), item["unit"], gross, decimal(item["net"], 1),
            str(item["packages"]), cents(item["price"]), cents(item["value"]), currency]) + "\n")
    return "".join(rows)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out, size = sys.argv[1], int(float(sys.argv[2]) * 1_000_000)
    rng = random.Random(42)
    codes = hs_subheadings()
    parties = ([(uscc(rng), name) for name in EXPORTERS for _ in range(50)],
               [(f"{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}40{rng.randint(0, 999999):06d}", name)
                for name in IMPORTERS for _ in range(50)])
    defects = {name: 0 for name in DEFECTS}
    header = ",".join(COLUMNS) + "\n"
    written = len(header)
    number = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(header)
        while written < size:
            number += 1
            defect = None
            if rng.random() < DEFECT_SHARE:
                defect = DEFECTS[sum(defects.values()) % len(DEFECTS)]
                defects[defect] += 1
            chunk = declaration(number, rng, codes, parties, defect)
            f.write(chunk)
            written += len(chunk.encode())
    print(f"{out}: {written / 1e6:.0f} MB, {number} declarations, {sum(defects.values())} with a defect "
          f"({', '.join(f'{k} {v}' for k, v in defects.items())})")


if __name__ == "__main__":
    main()
