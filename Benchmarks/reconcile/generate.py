#!/usr/bin/env python3
"""Writes N consignment pairs (a Chinese export and its Kazakh import) as cbd-xml files of
1,000 declarations each, for the reconcile benchmark. Deterministic: the same N gives the same
files. One pair in 50 carries a gross mass 8% apart, one in 97 an HS subheading difference."""
import os
import sys

pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
out = sys.argv[2] if len(sys.argv) > 2 else "out/reconcile"
os.makedirs(out, exist_ok=True)

LETTERS = {c: v for c, v in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                [10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38])}


def container(n):
    base = "TCLU%06d" % (n % 1_000_000)
    total = sum((LETTERS[c] if c.isalpha() else int(c)) * 2 ** i for i, c in enumerate(base))
    return base + str(total % 11 % 10)


def declaration(i, side):
    export = side == "export"
    gross = 18240.5 if not export or i % 50 else 16790
    hs2 = "840991" if not export or i % 97 else "840999"
    day = 1 + i % 28
    lodged = "2025-03-%02d" % day if export else "2025-03-%02d" % min(day + 2, 28)
    return f"""  <Declaration>
    <ID>{'CN' if export else 'KZ'}-{i:08d}</ID>
    <SourceFormat>cbd-xml</SourceFormat>
    <DeclaringCountryCode>{'CN' if export else 'KZ'}</DeclaringCountryCode>
    <Direction>{'export' if export else 'import'}</Direction>
    <LodgementDate>{lodged}</LodgementDate>
    <BorderTransportModeCode>rail</BorderTransportModeCode>
    <TransportContractDocument><TypeCode>SMGS</TypeCode><ID>{'' if export else 'SMGS '}{40000000 + i}</ID></TransportContractDocument>
    <Invoice><ID>INV-{i:08d}</ID><CurrencyCode>USD</CurrencyCode><Amount>48250</Amount></Invoice>
    <TotalGrossMassMeasure>{gross}</TotalGrossMassMeasure>
    <TotalNetMassMeasure>{16780 if gross == 16790 else 17100}</TotalNetMassMeasure>
    <TotalPackageQuantity>36</TotalPackageQuantity>
    <GoodsShipment>
      <Consignment><TransportEquipment><ID>{container(i)}</ID></TransportEquipment></Consignment>
      <GovernmentAgencyGoodsItem><SequenceNumeric>1</SequenceNumeric><HSSubheadingCode>843149</HSSubheadingCode><Quantity>24</Quantity><UnitCode>H87</UnitCode></GovernmentAgencyGoodsItem>
      <GovernmentAgencyGoodsItem><SequenceNumeric>2</SequenceNumeric><HSSubheadingCode>{hs2}</HSSubheadingCode><Quantity>5600</Quantity><UnitCode>KGM</UnitCode></GovernmentAgencyGoodsItem>
    </GoodsShipment>
  </Declaration>
"""


per_file = 1000
for start in range(0, pairs, per_file // 2):
    with open(os.path.join(out, "batch-%06d.xml" % start), "w") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<Declarations xmlns="urn:customs-corridor:cbd:1">\n')
        for i in range(start, min(start + per_file // 2, pairs)):
            f.write(declaration(i, "export"))
            f.write(declaration(i, "import"))
        f.write("</Declarations>\n")
