#!/usr/bin/env python3
"""Writes N shared cross-border declarations (cbd-xml) for the report scale check.

    Benchmarks/reports/generate-cbd.py OUT_DIR [DECLARATIONS] [PER_FILE]

Declarations come in export/import pairs tied by an SMGS number, spread over three border
crossings, with acceptance/lodgement and release events; one pair in ten differs in gross mass,
one in twenty in an HS subheading, and one export in fifty has no counterpart. Deterministic
(fixed seed). Fictitious data.
"""
import os
import random
import sys

out = sys.argv[1]
total = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
per_file = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
random.seed(9)
os.makedirs(out, exist_ok=True)
crossings = ["dostyk-alashankou", "altynkol-khorgos", "nurzholy-khorgos"]
hs = ["843149", "840991", "870899", "392690", "731815"]


def declaration(number, country, direction, smgs, day, mass, code, crossing, release_minutes, offset):
    start = "acceptance" if direction == "import" else "lodgement"
    hours, minutes = divmod(9 * 60 + release_minutes, 60)
    release_day = day + hours // 24
    hours %= 24
    return f"""  <Declaration>
    <ID>{number}</ID>
    <SourceFormat>cbd-xml</SourceFormat>
    <MessageType>Declaration</MessageType>
    <DeclaringCountryCode>{country}</DeclaringCountryCode>
    <Direction>{direction}</Direction>
    <LodgementDate>2025-05-{day:02d}</LodgementDate>
    <BorderTransportModeCode>rail</BorderTransportModeCode>
    <BorderCrossingID>{crossing}</BorderCrossingID>
    <TransportContractDocument><TypeCode>SMGS</TypeCode><ID>SMGS-{smgs}</ID></TransportContractDocument>
    <Exporter><Name>新疆天山机电进出口有限公司 {smgs % 97}</Name><CountryCode>CN</CountryCode></Exporter>
    <Importer><Name>ТОО «Қазақ Техника» {smgs % 89}</Name><CountryCode>KZ</CountryCode></Importer>
    <TotalGrossMassMeasure>{mass}</TotalGrossMassMeasure>
    <StatusEvent><Milestone>{start}</Milestone><DateTime>2025-05-{day:02d}T09:00:00{offset}</DateTime></StatusEvent>
    <StatusEvent><Milestone>release</Milestone><DateTime>2025-05-{release_day:02d}T{hours:02d}:{minutes:02d}:00{offset}</DateTime></StatusEvent>
    <GoodsShipment>
      <GovernmentAgencyGoodsItem>
        <SequenceNumeric>1</SequenceNumeric>
        <HSSubheadingCode>{code}</HSSubheadingCode>
        <Description>goods 货物 товары {smgs}</Description>
        <Quantity>10</Quantity>
        <UnitCode>H87</UnitCode>
      </GovernmentAgencyGoodsItem>
    </GoodsShipment>
  </Declaration>
"""


records = []
pair = 0
while len(records) < total:
    pair += 1
    smgs = 70_000_000 + pair
    crossing = crossings[pair % 3]
    day = 1 + pair % 20
    mass = 1000 + pair % 5000
    code = hs[pair % len(hs)]
    records.append(declaration(f"6501{pair:014d}", "CN", "export", smgs, day, mass, code, crossing,
                               int(random.lognormvariate(4.3, 0.6)), "+08:00"))
    if len(records) >= total or pair % 50 == 0:
        continue
    other_mass = mass * 1.08 if pair % 10 == 0 else mass
    other_code = "840999" if pair % 20 == 5 else code
    records.append(declaration(f"50509/{pair:08d}", "KZ", "import", smgs, day + 2, f"{other_mass:.1f}", other_code, crossing,
                               int(random.lognormvariate(5.2, 0.5)), "+05:00"))

for start in range(0, len(records), per_file):
    with open(os.path.join(out, f"batch-{start // per_file:04d}.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<Declarations xmlns="urn:customs-corridor:cbd:1">\n')
        f.writelines(records[start:start + per_file])
        f.write("</Declarations>\n")
print(f"{len(records)} declarations in {(len(records) + per_file - 1) // per_file} files under {out}")
