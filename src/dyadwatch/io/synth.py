"""Synthetic news for volume and de-duplication tests: many outlets reporting the same events
in different words, over real countries, their office holders and real CAMEO codes.

This is test data. It says nothing about accuracy on real news: the templates are written so
the coder can read them.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import asdict, dataclass

from dyadwatch.isodates import parse_day

COUNTRIES = {  # ISO3: (name, adjective, a city where leaders meet)
    "USA": ("the United States", "American", "Washington"), "RUS": ("Russia", "Russian", "Moscow"),
    "CHN": ("China", "Chinese", "Beijing"), "GBR": ("Britain", "British", "London"),
    "FRA": ("France", "French", "Paris"), "DEU": ("Germany", "German", "Berlin"),
    "JPN": ("Japan", "Japanese", "Tokyo"), "IND": ("India", "Indian", "New Delhi"),
    "PAK": ("Pakistan", "Pakistani", "Islamabad"), "IRN": ("Iran", "Iranian", "Tehran"),
    "ISR": ("Israel", "Israeli", "Jerusalem"), "TUR": ("Turkey", "Turkish", "Ankara"),
    "UKR": ("Ukraine", "Ukrainian", "Kyiv"), "POL": ("Poland", "Polish", "Warsaw"),
    "BRA": ("Brazil", "Brazilian", "Brasilia"), "MEX": ("Mexico", "Mexican", "Mexico City"),
    "CAN": ("Canada", "Canadian", "Ottawa"), "AUS": ("Australia", "Australian", "Canberra"),
    "KOR": ("South Korea", "South Korean", "Seoul"), "PRK": ("North Korea", "North Korean", "Pyongyang"),
    "EGY": ("Egypt", "Egyptian", "Cairo"), "SAU": ("Saudi Arabia", "Saudi", "Riyadh"),
    "NGA": ("Nigeria", "Nigerian", "Abuja"), "ZAF": ("South Africa", "South African", "Pretoria"),
    "ITA": ("Italy", "Italian", "Rome"), "ESP": ("Spain", "Spanish", "Madrid"),
    "VEN": ("Venezuela", "Venezuelan", "Caracas"), "ARM": ("Armenia", "Armenian", "Yerevan"),
    "AZE": ("Azerbaijan", "Azerbaijani", "Baku"), "BLR": ("Belarus", "Belarusian", "Minsk"),
}
OUTLETS = ["globalwire.example", "dailyledger.example", "capitalpost.example",
           "worldreport.example", "eveningherald.example", "newsdesk.example",
           "frontline.example", "meridian.example", "observer.example", "dispatch.example"]
CRIMES = ["spying", "interfering in its elections", "cyberattacks on its banks",
          "violating the ceasefire", "smuggling weapons"]
# root -> paraphrases; {S}/{T}: country names, {Sa}/{Ta}: adjectives, {C}: a city of T
TEMPLATES = {
    "11": ["{S} accused {T} of {crime} {when}.", "{Sa} officials {when} accused {T} of {crime}.",
           "{S} {when} blamed {T} for {crime}.", "The {Sa} government accused {T} of {crime} {when}."],
    "16": ["{S} imposed sanctions on {T} {when}.", "{S} {when} imposed new sanctions on {T}.",
           "The {Sa} government imposed fresh sanctions on {T} {when}.",
           "{S} recalled its ambassador from {T} {when}.", "{S} expelled two {Ta} diplomats {when}."],
    "04": ["{Sa} and {Ta} officials met in {C} {when}.", "{Sa} officials met {Ta} officials in {C} {when}.",
           "{S} held talks with {T} in {C} {when}.", "{Sa} diplomats met their {Ta} counterparts {when}."],
    "19": ["{Sa} forces attacked {Ta} positions {when}.", "{Sa} troops attacked {Ta} positions {when}.",
           "{Sa} forces shelled {Ta} positions {when}.", "{S} attacked {Ta} troops {when}."],
    "05": ["{S} praised {T} {when}.", "The {Sa} government {when} praised {T}.",
           "{Sa} officials praised {T} {when}.", "{S} {when} praised {T} for its support."],
    "17": ["{S} arrested two {Ta} citizens {when}.", "{Sa} police arrested {Ta} nationals {when}.",
           "{Sa} authorities {when} detained two {Ta} journalists.", "{S} jailed a {Ta} activist {when}."],
    "07": ["{S} sent humanitarian aid to {T} {when}.", "{S} {when} provided aid to {T}.",
           "The {Sa} government sent aid to {T} {when}.", "{S} provided humanitarian aid to {T} {when}."],
}
SYMMETRIC = {"04"}
FILLER = ["Relations between the two countries have been strained for years.",
          "Analysts expect further steps in the coming weeks.",
          "Markets were calm after the news.",
          "The move drew attention from regional observers.",
          "Officials gave few details.", "The statement did not name any individuals."]


@dataclass
class TrueEvent:
    event_key: str
    source: str
    target: str
    root: str
    day: str


def _when(day: dt.date, published: dt.date, rng: random.Random) -> str:
    if 0 <= (published - day).days <= 5 and rng.random() < 0.7:
        return "on " + day.strftime("%A")
    return "on " + day.strftime("%B ") + str(day.day)


def article(event: TrueEvent, outlet: str, n: int, rng: random.Random) -> dict:
    day = parse_day(event.day)
    published = day + dt.timedelta(days=rng.randrange(0, 3))
    s_name, s_adj, _ = COUNTRIES[event.source]
    t_name, t_adj, t_city = COUNTRIES[event.target]
    template = rng.choice(TEMPLATES[event.root])
    first = template.format(S=s_name, T=t_name, Sa=s_adj, Ta=t_adj, C=t_city,
                            crime=rng.choice(CRIMES), when=_when(day, published, rng))
    first = first[0].upper() + first[1:]
    body = [first] + rng.sample(FILLER, 2) + [f"Reporting by the {outlet.split('.')[0].title()} desk."]
    return {"id": f"{outlet.split('.')[0]}-{event.event_key}-{n}", "text": " ".join(body),
            "published": published.isoformat(),
            "url": f"https://{outlet}/{published:%Y/%m/%d}/{event.event_key}-{n}",
            "title": first[:60], "truth": asdict(event)}


def events(n: int, rng: random.Random, start: dt.date = dt.date(2021, 1, 1),
           days: int = 730) -> list[TrueEvent]:
    out = []
    codes = list(TEMPLATES)
    for i in range(n):
        s, t = rng.sample(sorted(COUNTRIES), 2)
        out.append(TrueEvent(f"e{i}", s, t, rng.choice(codes),
                             (start + dt.timedelta(days=rng.randrange(days))).isoformat()))
    return out


def corpus(n_articles: int, reports_per_event: int = 4, seed: int = 7) -> list[dict]:
    """n_articles articles; each event reported by `reports_per_event` outlets in other words."""
    rng = random.Random(seed)
    out = []
    for ev in events(max(1, n_articles // reports_per_event), rng):
        for n, outlet in enumerate(rng.sample(OUTLETS, reports_per_event)):
            out.append(article(ev, outlet, n, rng))
    return out[:n_articles]


def write_jsonl(docs: list[dict], path: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
