"""`storyline show`: one report with its extraction marked up, for checking it by eye."""
from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

# One style per kind of mark; later marks win where spans overlap (an event trigger inside a quote).
STYLES = {
    "quote": "italic green",
    "actor": "cyan",
    "speaker": "bold magenta",
    "timex": "yellow",
    "trigger": "bold white on red",
}
LEGEND = " ".join(f"[{style}]{kind}[/]" for kind, style in STYLES.items())


def marked_text(record: dict) -> Text:
    text = Text(record["text"])
    for q in record["quotes"]:
        text.stylize(STYLES["quote"], q["start"], q["end"])
    for a in record["actors"]:
        text.stylize(STYLES["actor"], a["start"], a["end"])
    for q in record["quotes"]:
        if q.get("speaker_start") is not None:
            text.stylize(STYLES["speaker"], q["speaker_start"], q["speaker_end"])
    for t in record["timexes"]:
        text.stylize(STYLES["timex"], t["start"], t["end"])
    for e in record["events"]:
        start = record["text"].find(e["event_text"], e["start"], e["end"]) if e["event_text"] else -1
        if start >= 0:
            text.stylize(STYLES["trigger"], start, start + len(e["event_text"]))
    return text


def _who(arg: dict | None) -> str:
    if not arg:
        return ""
    code = "/".join(x for x in (arg.get("code"), arg.get("sector")) if x)
    return f"{arg.get('name') or arg['text']} ({code or '?'})"


def events_table(record: dict) -> Table:
    table = Table(title="events", expand=True)
    for column in ("type", "mode", "actor", "recipient", "modality", "date", "place", "source", "trigger", "conf"):
        table.add_column(column, overflow="fold")
    for e in record["events"]:
        table.add_row(e["event"], e["mode"] or "", _who(e["actor"]), _who(e["recipient"]), e["modality"],
                      e["date"] or "", (e["location"] or {}).get("name", ""),
                      f"{e['source']['text']} [{e['source']['type']}]" if e["source"] else "",
                      e["event_text"], f"{e['confidence']:.2f}")
    return table


def quotes_table(record: dict) -> Table:
    table = Table(title="quotes", expand=True)
    for column in ("kind", "speaker", "type", "code", "quote"):
        table.add_column(column, overflow="fold")
    for q in record["quotes"]:
        code = "/".join(x for x in (q.get("speaker_code"), q.get("speaker_sector")) if x)
        table.add_row(q["kind"], q["speaker"] or "", q["speaker_type"], code,
                      q["quote"] if len(q["quote"]) < 300 else q["quote"][:300] + "…")
    return table


def show_record(record: dict, console: Console) -> None:
    title = f"{record['id']} · {record.get('outlet') or '?'} · {record.get('published') or 'no date'}"
    console.print(Panel(marked_text(record), title=title, subtitle=LEGEND))
    console.print(Group(events_table(record), quotes_table(record)))
