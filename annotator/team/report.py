"""Agreement as text tables (for the terminal) and as an HTML report with PNG plots."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any


def fmt(value: Any) -> str:
    return "—" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def _shared(pair: dict[str, Any], value: Any) -> str:
    """A pair's measure, or — when the two share no finished article (nothing was compared)."""
    return fmt(value) if pair["articles"] else "—"


def text_tables(report: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) tables: pairs, labels, events, overall, least agreed articles."""
    pairs = report["pairs"]
    tables = [
        (
            "Annotator pairs (articles both marked done)",
            ["pair", "articles", "span F1 exact", "span F1 overlap", "token kappa", "event F1"],
            [
                [
                    f"{p['a']} / {p['b']}",
                    str(p["articles"]),
                    *(
                        _shared(p, value)
                        for value in (
                            p["span_f1"]["exact"].get("*"),
                            p["span_f1"]["overlap"].get("*"),
                            p.get("token_kappa", {}).get("*"),
                            p["events"]["detection_f1"],
                        )
                    ),
                ]
                for p in pairs
            ],
        )
    ]
    labels = report["labels"]
    alpha = report["overall"].get("token_alpha", {})
    tables.append(
        (
            "Per label (pairs: exact span F1 / token kappa)",
            ["label", *[f"{p['a']}/{p['b']}" for p in pairs], "alpha"],
            [
                [
                    label,
                    *[_pair_cell(p, label) for p in pairs],
                    fmt(alpha.get(label)),
                ]
                for label in labels
            ],
        )
    )
    fields = list(pairs[0]["events"]["fields"]) if pairs else []
    tables.append(
        (
            "Matched event frames: share of pairs agreeing on each field",
            ["pair", "matched", *fields],
            [
                [
                    f"{p['a']} / {p['b']}",
                    str(p["events"]["matched"]),
                    *[fmt(p["events"]["fields"][f]) for f in fields],
                ]
                for p in pairs
            ],
        )
    )
    overall = report["overall"]
    events = overall.get("events", {})
    tables.append(
        (
            "All annotators",
            ["measure", "value"],
            [
                ["Krippendorff's alpha, token labels (nominal)", fmt(alpha.get("*"))],
                ["Fleiss' kappa, token labels (3+ annotators)", fmt(overall.get("fleiss_kappa"))],
                ["alpha, event type (nominal)", fmt(events.get("event_type"))],
                ["alpha, sub-event type (nominal)", fmt(events.get("sub_event_type"))],
                ["alpha, fatalities (interval)", fmt(events.get("fatalities"))],
                ["alpha, event date (interval, days)", fmt(events.get("event_date"))],
                ["event units aligned across annotators", fmt(events.get("units"))],
            ],
        )
    )
    tables.append(
        (
            "Articles, least agreement first",
            ["article", "title", "span F1", "token kappa", "agreement"],
            [
                [
                    r["article"],
                    (r.get("title") or "")[:40],
                    fmt(r["span_f1"]),
                    fmt(r["token_kappa"]),
                    fmt(r["agreement"]),
                ]
                for r in report["per_article"][:15]
            ],
        )
    )
    return tables


def _pair_cell(pair: dict[str, Any], label: str) -> str:
    exact, kappa = pair["span_f1"]["exact"].get(label), pair.get("token_kappa", {}).get(label)
    return f"{_shared(pair, exact)} / {_shared(pair, kappa)}"


def write_html(report: dict[str, Any], out: Path) -> Path:
    """report.html with plots/*.png beside it, and agreement.json."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    (out / "agreement.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    images = []
    pairs = report["pairs"]
    figure, axis = plt.subplots(figsize=(8, 4))
    labels = report["labels"]
    width = 0.8 / max(len(pairs), 1)
    for n, pair in enumerate(pairs):
        values = [pair.get("token_kappa", {}).get(label, 0.0) for label in labels]
        axis.bar([i + n * width for i in range(len(labels))], values, width, label=f"{pair['a']}/{pair['b']}")
    axis.set_xticks([i + width * (len(pairs) - 1) / 2 for i in range(len(labels))], labels, rotation=30)
    axis.set_ylabel("token kappa")
    axis.set_ylim(0, 1.05)
    axis.legend(fontsize=8)
    axis.set_title("Agreement per label")
    images.append(_save(figure, out / "labels.png", plt))
    for pair in pairs:
        if "confusion" not in pair:
            continue
        figure, axis = plt.subplots(figsize=(6, 5))
        matrix = pair["confusion"]["matrix"]
        names = pair["confusion"]["labels"]
        axis.imshow([[v**0.5 for v in row] for row in matrix], cmap="Blues")
        axis.set_xticks(range(len(names)), names, rotation=45)
        axis.set_yticks(range(len(names)), names)
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                axis.text(j, i, str(value), ha="center", va="center", fontsize=7)
        axis.set_xlabel(pair["b"])
        axis.set_ylabel(pair["a"])
        axis.set_title(f"Token labels: {pair['a']} vs {pair['b']}")
        images.append(_save(figure, out / f"confusion-{pair['a']}-{pair['b']}.png", plt))
    rows = report["per_article"]
    figure, axis = plt.subplots(figsize=(8, max(2.5, 0.3 * len(rows))))
    axis.barh([str(r.get("title") or r["article"])[:40] for r in rows], [r["agreement"] for r in rows])
    axis.set_xlim(0, 1)
    axis.set_xlabel("agreement (mean of span F1 and token kappa)")
    axis.set_title("Agreement per article")
    images.append(_save(figure, out / "articles.png", plt))
    page = out / "report.html"
    page.write_text(_page(report, images), encoding="utf-8")
    return page


def _save(figure: Any, path: Path, plt: Any) -> str:
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path.name


def _page(report: dict[str, Any], images: list[str]) -> str:
    parts = [
        "<html><head><meta charset='utf-8'><title>Agreement</title><style>"
        "body{font-family:sans-serif;margin:2em} td,th{padding:3px 8px;border-bottom:1px solid #ddd}"
        "</style></head><body>",
        f"<h1>Agreement: {html.escape(', '.join(report['annotators']))}</h1>",
    ]
    for title, header, rows in text_tables(report):
        parts.append(
            f"<h2>{html.escape(title)}</h2><table><tr>"
            + "".join(f"<th>{html.escape(h)}</th>" for h in header)
            + "</tr>"
        )
        parts += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows]
        parts.append("</table>")
    parts += [f"<p><img src='{html.escape(name)}' alt='{html.escape(name)}'></p>" for name in images]
    parts.append("</body></html>")
    return "\n".join(parts)
