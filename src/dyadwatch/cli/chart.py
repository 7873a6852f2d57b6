"""The dyad chart: cooperation above the axis, conflict below, Goldstein mean as a line."""
from __future__ import annotations

import base64
import html
import io


def dyad_chart(columns: list[str], rows: list[tuple], title: str, out: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = [dict(zip(columns, r)) for r in rows]
    periods = [d["period"] for d in data]
    fig, ax = plt.subplots(figsize=(10, 4.5), dpi=110)
    width = 20 if len(periods) < 2 else max(1, 0.8 * min(
        (b - a).days for a, b in zip(periods, periods[1:])))
    vc = [d["verbal_coop"] for d in data]
    mc = [d["material_coop"] for d in data]
    vx = [-d["verbal_conflict"] for d in data]
    mx = [-d["material_conflict"] for d in data]
    ax.bar(periods, vc, width, color="#6baed6", label="verbal cooperation")
    ax.bar(periods, mc, width, bottom=vc, color="#2171b5", label="material cooperation")
    ax.bar(periods, vx, width, color="#fc9272", label="verbal conflict")
    ax.bar(periods, mx, width, bottom=vx, color="#cb181d", label="material conflict")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_ylabel("events (conflict below the axis)")
    ax2 = ax.twinx()
    ax2.plot(periods, [d["goldstein_mean"] for d in data], color="black", marker="o",
             linewidth=1.2, label="Goldstein mean")
    ax2.set_ylim(-10, 10)
    ax2.set_ylabel("Goldstein mean (-10 .. +10)")
    lines = ax.get_legend_handles_labels()
    lines2 = ax2.get_legend_handles_labels()
    ax.legend(lines[0] + lines2[0], lines[1] + lines2[1], loc="upper left", fontsize=8)
    ax.set_title(title)
    fig.autofmt_xdate()
    fig.tight_layout()
    if out.lower().endswith((".html", ".htm")):
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        img = base64.b64encode(buf.getvalue()).decode()
        table = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r) + "</tr>"
                        for r in rows)
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(f"<!doctype html><meta charset=utf-8><title>{html.escape(title)}</title>"
                     f"<h1>{html.escape(title)}</h1><img alt='dyad chart' "
                     f"src='data:image/png;base64,{img}'><table border=1><tr>{head}</tr>{table}</table>")
    else:
        fig.savefig(out)
    plt.close(fig)
