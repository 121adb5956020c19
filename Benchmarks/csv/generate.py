#!/usr/bin/env python3
"""Writes a declarations CSV of about SIZE megabytes (plain layout of SPEC.md, one row per
goods item, 1-8 items per declaration, declaration columns on every row) for the benchmark.

usage: generate.py OUT.csv SIZE_MB
"""
import random
import sys

HEADER = ("id,declaring_country,direction,procedure,customs_office,lodged_at,transport_mode,border_crossing,"
          "transport_document_type,transport_document_number,containers,exporter_name,exporter_id,exporter_country,"
          "importer_name,importer_id,importer_country,invoice_number,invoice_currency,invoice_amount,incoterm,"
          "sequence,hs_code,national_code,description,origin_country,quantity,unit,gross_mass_kg,net_mass_kg,"
          "packages,unit_price,value,currency\n")
CODES = ["0901210000", "8471300000", "6403990000", "8516500000", "8418102001", "3926909709", "9403608000", "8708299009"]
GOODS = ["Roasted coffee, in beans", "Laptops \"\"X14\"\"", "Leather footwear", "Microwave ovens, household",
         "Refrigerators, two-door", "Plastic fittings; assorted", "Wooden furniture", "Car body parts"]


def main():
    out, size = sys.argv[1], int(float(sys.argv[2]) * 1_000_000)
    rng = random.Random(42)
    written = 0
    number = 0
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write(HEADER)
        written += len(HEADER)
        while written < size:
            number += 1
            decl = f"68012024{number:010d}"
            head = (f"{decl},CN,export,0110,6801,2024-03-{1 + number % 28:02d}T10:{number % 60:02d}:00+08:00,rail,"
                    f"dostyk-alashankou,CIM-SMGS,SMGS{number:08d},CSQU3054383,Urumqi Trading Co. Ltd,"
                    f"91650100MA77{number % 1000000:06d},CN,\"Almaty Import, LLP\",0403400{number % 100000:05d},KZ,"
                    f"INV-{number},USD,{rng.randint(1000, 999999)}.{rng.randint(0, 99):02d},FCA")
            rows = []
            for item in range(1, rng.randint(1, 8) + 1):
                k = rng.randrange(len(CODES))
                qty = rng.randint(1, 5000)
                price = f"{rng.randint(1, 900)}.{rng.randint(0, 99):02d}"
                gross = f"{rng.randint(10, 20000)}.{rng.randint(0, 9)}"
                net = f"{rng.randint(5, 9999)}.{rng.randint(0, 9)}"
                rows.append(f"{head},{item},{CODES[k][:6]},{CODES[k]},\"{GOODS[k]}\",CN,{qty},H87,{gross},{net},"
                            f"{rng.randint(1, 300)},{price},{qty * 3}.50,USD\n")
            chunk = "".join(rows)
            f.write(chunk)
            written += len(chunk.encode())
    print(f"{out}: {written / 1e6:.0f} MB, {number} declarations")


if __name__ == "__main__":
    main()
