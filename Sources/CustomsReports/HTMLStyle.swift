/// The report page's inline style sheet: no web fonts, no external resource. Font stacks fall
/// back through common Chinese (CJK) and Cyrillic-capable system fonts.
enum HTMLStyle {
    static let fontStack = """
        system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC", \
        "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", \
        "DejaVu Sans", Arial, sans-serif
        """
    static let monoStack = """
        ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, "Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono", monospace
        """

    static let css = """
        :root { --error: #b42318; --warning: #b54708; --info: #175cd3; --ok: #067647; --line: #d0d5dd; --muted: #475467; --bg: #f9fafb; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: \(fontStack); font-size: 14px; line-height: 1.45; color: #101828; background: #fff; }
        header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid var(--line); padding: 10px 24px; display: flex; flex-wrap: wrap; align-items: baseline; gap: 8px 24px; }
        h1 { font-size: 20px; margin: 0; }
        h2 { font-size: 17px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #101828; }
        h3 { font-size: 15px; margin: 0 0 6px; }
        main { padding: 0 24px 40px; max-width: 1280px; }
        nav.toc a { margin-right: 12px; }
        a { color: #1849a9; }
        code, .mono { font-family: \(monoStack); font-size: 13px; }
        .toggle { position: absolute; opacity: 0; pointer-events: none; }
        .filters label { display: inline-block; padding: 2px 10px; margin-left: 4px; border-radius: 12px; border: 1px solid var(--line); cursor: pointer; user-select: none; color: var(--muted); text-decoration: line-through; }
        #show-error:checked ~ header label[for=show-error] { background: var(--error); border-color: var(--error); color: #fff; text-decoration: none; }
        #show-warning:checked ~ header label[for=show-warning] { background: var(--warning); border-color: var(--warning); color: #fff; text-decoration: none; }
        #show-info:checked ~ header label[for=show-info] { background: var(--info); border-color: var(--info); color: #fff; text-decoration: none; }
        .toggle:focus-visible ~ header .filters { outline: 2px solid #1849a9; }
        #show-error:not(:checked) ~ main .sev-error { display: none; }
        #show-warning:not(:checked) ~ main .sev-warning { display: none; }
        #show-info:not(:checked) ~ main .sev-info { display: none; }
        .cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 120px; background: var(--bg); }
        .card b { display: block; font-size: 22px; }
        .card span { color: var(--muted); font-size: 12px; }
        .card.error b { color: var(--error); } .card.warning b { color: var(--warning); } .card.info b { color: var(--info); }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
        th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: baseline; }
        th { background: var(--bg); font-weight: 600; font-size: 12px; color: var(--muted); }
        td { overflow-wrap: anywhere; }
        td code, td.code { overflow-wrap: normal; white-space: nowrap; }
        td.num, th.num { text-align: right; overflow-wrap: normal; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.layers { width: auto; min-width: 420px; }
        .badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.error { background: var(--error); } .badge.warning { background: var(--warning); } .badge.info { background: var(--info); } .badge.ok { background: var(--ok); }
        .pair { border: 1px solid var(--line); border-left: 4px solid var(--warning); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
        .pair.agrees { border-left-color: var(--ok); }
        .pair p { margin: 0 0 6px; color: var(--muted); }
        table.compare { table-layout: fixed; }
        table.compare col.measure { width: 32%; } table.compare col.side { width: 14%; } table.compare col.gap { width: 10%; }
        tr.beyond td { background: #fffaeb; }
        tr.beyond td.num.diff { color: var(--warning); font-weight: 700; }
        details.rule { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; padding: 6px 12px; }
        details.rule > summary { cursor: pointer; font-weight: 600; }
        details.rule > summary .desc { font-weight: 400; color: var(--muted); }
        .more { color: var(--muted); font-style: italic; }
        .chart { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; margin: 10px 0; }
        .chart svg { display: block; width: 100%; max-width: 760px; height: auto; }
        .chart svg text { font-family: \(fontStack); font-size: 11px; fill: #344054; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
        .legend span { margin-right: 16px; white-space: nowrap; }
        .swatch { display: inline-block; width: 14px; height: 3px; vertical-align: middle; margin-right: 4px; }
        .muted { color: var(--muted); }
        @media print { header { position: static; } .filters { display: none; } details.rule { break-inside: avoid; } }
        """
}
