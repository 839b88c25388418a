#!/usr/bin/env python3
"""The peer benchmark's synthetic event as a rooz site.

Usage:  gen_rooz_site.py N OUTDIR [--seed S]

Uses make_entries() of the shared peer kit (gen_peer_site.py: the same N,
seed, titles, dates, terms and Persian markdown bodies that Hugo and Zola
build) and writes it in rooz's content format: content/event.yaml (7 days,
11 headquarters, 20 strata, 9 counties, 6 axes; fa locale, Gregorian dates
as in the peer site) and one content/programs/<stratum>.yaml per stratum.
About 5% of programmes are highlights (the peer site's `highlight` flag),
so rooz also renders their share cards, and it writes the day bulletins
and the report as PDFs: more work than the peers do. The peer kit is found
in $PEER_KIT, else ../../shared/bench beside this repository.
"""

import argparse
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KIT = os.environ.get("PEER_KIT", os.path.join(HERE, "..", "..", "shared", "bench"))
sys.path.insert(0, KIT)
import gen_peer_site as peer  # noqa: E402


def q(s):
    return json.dumps(s, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=1404)
    args = ap.parse_args()
    entries = peer.make_entries(args.n, args.seed)
    if os.path.exists(args.outdir):
        shutil.rmtree(args.outdir)
    os.makedirs(os.path.join(args.outdir, "content", "programs"))

    ids = lambda prefix, names: {name: "%s-%d" % (prefix, i + 1) for i, name in enumerate(names)}
    hq, strata, counties, axes = ids("hq", peer.HEADQUARTERS), ids("s", peer.STRATA), ids("c", peer.COUNTIES), ids("a", peer.AXES)
    start = peer.START_DATE
    lines = [
        "title: " + q(peer.SITE_TITLE),
        "slogan: " + q("برنامه‌های هفته"),
        "locale: fa",
        "calendar: gregorian",
        "timezone: Asia/Tehran",
        "start: %s" % start.isoformat(),
        "end: %s" % (start + peer.dt.timedelta(days=6)).isoformat(),
        "base_url: %s/" % peer.BASE_URL,
        "targets: { women_share: 0.5, central_per_stratum: 1 }",
        "days:",
    ]
    for d in range(7):
        lines += ["  - date: %s" % (start + peer.dt.timedelta(days=d)).isoformat(), "    title: " + q(peer.DAYS[d])]
    for key, names, table in (("axes", peer.AXES, axes), ("headquarters", peer.HEADQUARTERS, hq),
                              ("strata", peer.STRATA, strata), ("counties", peer.COUNTIES, counties)):
        lines.append(key + ":")
        for name in names:
            lines += ["  - id: " + table[name], "    title: " + q(name)]
    with open(os.path.join(args.outdir, "content", "event.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

    by_stratum = {}
    for e in entries:
        by_stratum.setdefault(e["stratum"], []).append(e)
    for name, items in by_stratum.items():
        out = ["stratum: " + strata[name], "programs:"]
        for i, e in enumerate(items):
            date, time = e["date"][:10], e["date"][11:16]
            out += [
                "  - id: " + e["slug"],
                "    title: " + q(e["title"]),
                "    date: " + date,
                "    start: " + q(time),
                "    headquarters: " + hq[e["headquarters"]],
                "    axes: [%s]" % ", ".join(axes[a] for a in e["axes"]),
                "    county: " + counties[e["county"]],
                "    women: %s" % ("true" if e["women"] else "false"),
            ]
            if i == 0:
                out.append("    central: true")
            if e["highlight"]:
                out += ["    highlight:", "      summary: " + q(e["title"] + " — " + e["day"])]
            out.append("    description: |")
            out += ["      " + line if line else "" for line in e["body"].splitlines()]
        with open(os.path.join(args.outdir, "content", "programs", strata[name] + ".yaml"), "w", encoding="utf-8") as f:
            f.write("\n".join(out) + "\n")
    print(json.dumps({"n": args.n, "highlights": sum(e["highlight"] for e in entries)}), file=sys.stderr)


if __name__ == "__main__":
    main()
