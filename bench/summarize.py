#!/usr/bin/env python3
"""The table of a bench/run.sh results file.

Usage: summarize.py results.csv [-o results.md]

Medians over the runs that succeeded. HTML pages/s = HTML files out /
median wall. Ratios are to Hugo at the same N in the same run: "× Hugo
pages/s" (higher is faster) and "wall / Hugo". The last lines check the
targets of issue 11 that a run can show.
"""
import argparse
import csv
import statistics as st

ORDER = ["hugo", "zola", "rooz-first", "rooz-cached", "rooz-notypeset"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("csv")
    ap.add_argument("-o", "--out")
    a = ap.parse_args()
    groups = {}
    for r in csv.DictReader(open(a.csv)):
        groups.setdefault((int(r["n"]), r["tool"]), []).append(r)
    med = {}
    for key, rs in groups.items():
        ok = [r for r in rs if r["rc"] == "0"]
        if not ok:
            med[key] = None
            continue
        wall = st.median(float(r["wall_s"]) for r in ok)
        med[key] = {
            "version": ok[0]["version"],
            "runs": len(ok),
            "wall": wall,
            "min": min(float(r["wall_s"]) for r in ok),
            "max": max(float(r["wall_s"]) for r in ok),
            "user": st.median(float(r["user_s"]) for r in ok),
            "sys": st.median(float(r["sys_s"]) for r in ok),
            "rss": st.median(int(r["peak_rss_kb"]) for r in ok) / 1024,
            "files": int(ok[0]["files"]),
            "html": int(ok[0]["html"]),
            "pps": int(ok[0]["html"]) / wall,
        }
    lines = [
        "| tool | version | N | runs | median wall s | min–max s | CPU user / sys s "
        "| peak RSS MiB | files | HTML pages | HTML pages/s | × Hugo pages/s | wall / Hugo |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ns = sorted({n for n, _ in med})
    for n in ns:
        hugo = med.get((n, "hugo"))
        for tool in ORDER:
            m = med.get((n, tool), "absent")
            if m == "absent":
                continue
            if m is None:
                lines.append(f"| {tool} | | {n:,} | 0 | FAILED | | | | | | | | |")
                continue
            ratio = f"{m['pps'] / hugo['pps']:.2f}" if hugo else "–"
            wall_ratio = f"{m['wall'] / hugo['wall']:.2f}" if hugo else "–"
            lines.append(
                f"| {tool} | {m['version']} | {n:,} | {m['runs']} | {m['wall']:.2f} "
                f"| {m['min']:.2f}–{m['max']:.2f} | {m['user']:.1f} / {m['sys']:.1f} "
                f"| {m['rss']:.0f} | {m['files']:,} | {m['html']:,} | {m['pps']:,.0f} "
                f"| {ratio} | {wall_ratio} |"
            )
    lines.append("")
    lines += targets(med)
    text = "\n".join(lines) + "\n"
    if a.out:
        open(a.out, "w").write(text)
    print(text, end="")


def targets(med):
    def get(n, tool):
        m = med.get((n, tool))
        return m if isinstance(m, dict) else None

    out = ["Targets (issue 11):", ""]

    def line(name, ok, detail):
        mark = "–" if ok is None else ("met" if ok else "NOT met")
        out.append(f"- {name}: {mark} ({detail})")

    c, h = get(10000, "rooz-cached"), get(10000, "hugo")
    if c and h:
        r = c["pps"] / h["pps"]
        line("10k cached rebuild ≥ 3× Hugo's HTML pages/s", r >= 3, f"{r:.2f}×")
    c = get(100000, "rooz-cached")
    if c:
        ok = c["wall"] < 10 and c["rss"] < 2048
        line("100k cached rebuild < 10 s and < 2 GiB", ok, f"{c['wall']:.1f} s, {c['rss']:.0f} MiB")
    f = get(100000, "rooz-first")
    if f:
        line("100k first build < 2 GiB", f["rss"] < 2048, f"{f['wall']:.0f} s, {f['rss']:.0f} MiB")
    f = get(10000, "rooz-first")
    if f:
        line("10k first build ≤ 8 s", f["wall"] <= 8, f"{f['wall']:.1f} s")
    for n in sorted({n for n, _ in med}):
        c, z = get(n, "rooz-cached"), get(n, "rooz-notypeset")
        if c and z:
            r = c["wall"] / z["wall"]
            line(f"{n:,} cached ≤ 1.5× --no-typeset", r <= 1.5, f"{r:.2f}×")
    rss = [(n, get(n, "rooz-cached")) for n in sorted({n for n, _ in med})]
    rss = [(n, m["rss"]) for n, m in rss if m]
    if len(rss) > 1:
        out.append("- peak RSS of a cached rebuild: " + ", ".join(f"{n:,}: {r:.0f} MiB" for n, r in rss))
    return out


if __name__ == "__main__":
    main()
