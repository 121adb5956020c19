#!/usr/bin/env python3
"""Writes the large hostile inputs (never committed) into a folder, one file per attack.

Usage: Scripts/hostile-generate.py OUTDIR [SAMPLE.xml]
The small attacks are committed in Tests/Fixtures/hostile/; the test suite
Tests/CustomsHostileTests generates these same large files itself.
"""
import os
import sys

CBD = "urn:customs-corridor:cbd:1"


def write(outdir, name, data):
    with open(os.path.join(outdir, name), "wb") as f:
        if isinstance(data, (bytes, bytearray)):
            f.write(data)
        else:
            for part in data:
                f.write(part)


def main():
    outdir = sys.argv[1]
    sample = sys.argv[2] if len(sys.argv) > 2 else "Samples/cn-dec-export-alashankou-rail.xml"
    os.makedirs(outdir, exist_ok=True)
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<Declarations xmlns="%s"><Declaration>' % CBD).encode()
    tail = b"</Declaration></Declarations>\n"

    # 100,000 levels of nesting.
    write(outdir, "deep-nesting-100000.xml", [head, b"<a>" * 100_000, b"</a>" * 100_000, tail])
    # One attribute of 100 MB.
    write(outdir, "attribute-100mb.xml", [head, b'<ID v="', b"x" * (100 << 20), b'"/>', tail])
    # One text node of 20 MB (twice libxml2's own limit).
    write(outdir, "text-node-20mb.xml", [head, b"<ID>", b"7" * (20 << 20), b"</ID>", tail])
    # 200,000 attributes on one element (libxml2 checks duplicates pairwise).
    write(outdir, "attributes-200000.xml", [head, b"<ID ", b"".join(b'a%d="" ' % i for i in range(200_000)), b"/>", tail])
    # An element name of 1 MB.
    write(outdir, "name-1mb.xml", [head, b"<", b"N" * (1 << 20), b"/>", tail])
    # 1,900,000 elements in one declaration (a record held in memory).
    write(outdir, "record-of-1900000-elements.xml", [head, b"<a/>" * 1_900_000, tail])
    # 200 MB of text in one element, cut into 5 MiB text nodes by empty comments.
    write(outdir, "text-split-by-comments.xml", [head, b"<ID>"] + [b"8" * (5 << 20) + b"<!---->"] * 40 + [b"</ID>", tail])
    # Quadratic blow-up: one 50 KB entity referenced 50,000 times.
    entity = b"q" * 50_000
    write(outdir, "quadratic-blowup.xml", [
        b'<?xml version="1.0"?>\n<!DOCTYPE Declarations [<!ENTITY q "', entity, b'">]>\n',
        b'<Declarations xmlns="', CBD.encode(), b'"><Declaration><ID>', b"&q;" * 50_000, b"</ID>", tail])
    # A billion-laughs DOCTYPE hidden behind 70 KB of comment (past the 64 KiB sniffing prefix).
    bomb = b'<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %s "%s">' % (bytes([0x62 + i]), b"&%s;" % bytes([0x61 + i]) * 10) for i in range(9))
    write(outdir, "doctype-after-70kb-comment.xml", [
        b'<?xml version="1.0"?>\n<!--', b"c" * 70_000, b"-->\n<!DOCTYPE Declarations [", bomb, b"]>\n",
        b'<Declarations xmlns="', CBD.encode(), b'"><Declaration><ID>&j;</ID>', tail])
    # A CSV of a million columns.
    write(outdir, "csv-million-columns.csv", [b"id," + b"x," * 999_999 + b"\n", b"1," + b"," * 999_998 + b"\n"])
    # A 64 MB line without a newline.
    write(outdir, "csv-64mb-line-no-newline.csv", [b"id,description\n", b"D1,", b"y" * (64 << 20)])
    # A 64 MB line of short fields without a newline.
    write(outdir, "csv-64mb-line-of-short-fields.csv", [b"id,description\n", b"D1,z" * (16 << 20)])

    # The sample truncated at every 7th byte up to the end of its root element.
    data = open(sample, "rb").read()
    end = data.rindex(b"</")
    tdir = os.path.join(outdir, "truncated")
    os.makedirs(tdir, exist_ok=True)
    for cut in range(0, end, 7):
        write(tdir, "truncated-at-%05d.xml" % cut, data[:cut])


if __name__ == "__main__":
    main()
