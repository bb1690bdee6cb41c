"""Varied inquiries for the benchmarks: short phone notes and long e-mails made from the seed examples.

Each variation shuffles a seed text's sentences, sometimes joins a second example of the same topic,
and wraps long ones in a greeting, a signature with phone, CVR and address, and a quoted earlier reply,
so the classifier's cleaning and both feature blocks do their real work. Only the seed training files
are read, never an evaluation set.
"""
from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from dataclasses import dataclass

from classifier.examples import seed_examples

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_GREETINGS = ("Hej", "Kære Havvig Kommune", "Goddag", "Dear Sir or Madam,", "Hello,", "Til rette vedkommende")
_SIGN_OFFS = ("Med venlig hilsen", "Venlig hilsen", "Mvh", "Kind regards", "Best regards")
_NAMES = ("Karen Holm", "Søren Bak", "Mette Lund", "Peter Vinther", "Anna Krog", "Lars Dam")
_COMPANIES = ("Vestkyst Byg ApS", "Havvig Fisk A/S", "Limfjord Smed I/S", "Thy Gartneri ApS", "Nordsø Camping")
_DISCLAIMER = ("Denne e-mail kan indeholde fortrolige oplysninger. Er du ikke den rette modtager, "
               "så slet den venligst.")
SHORT_SHARE = 0.5


@dataclass(frozen=True)
class BenchInquiry:
    """A text to route, with a company CVR number and the language it is written in."""

    text: str
    cvr: str
    language: str
    kind: str  # "short" or "long"


def valid_cvr(rng: random.Random) -> str:
    """Return a random CVR number that passes the mod-11 check."""
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(6)]
        check = (11 - sum(w * d for w, d in zip(weights, digits)) % 11) % 11
        if check < 10:
            return "".join(map(str, digits + [check]))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text.replace("\n", " ")) if s.strip()]


def _short(rng: random.Random, sentences: list[str]) -> str:
    picked = rng.sample(sentences, min(len(sentences), rng.randint(1, 2)))
    return " ".join(picked)[:rng.choice((60, 90, 140, 200))].rstrip()


def _long(rng: random.Random, sentences: list[str], cvr: str) -> str:
    body = sentences[:]
    rng.shuffle(body)
    name, company = rng.choice(_NAMES), rng.choice(_COMPANIES)
    signature = (f"{rng.choice(_SIGN_OFFS)}\n{name}\n{company}\nCVR {cvr}\n"
                 f"Tlf. +45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}\n"
                 f"{name.split()[0].lower()}@{company.split()[0].lower()}.example")
    parts = [rng.choice(_GREETINGS), " ".join(body), signature]
    if rng.random() < 0.4:
        parts.append(_DISCLAIMER)
    if rng.random() < 0.3:
        parts.append(f"Fra: {name}\nSendt: 3. marts\n> {rng.choice(sentences)}")
    return "\n\n".join(parts)


def inquiries(count: int = 2400, seed: int = 11) -> list[BenchInquiry]:
    """Return `count` varied inquiries, about half short notes and half long e-mails."""
    rng = random.Random(seed)
    examples = seed_examples()
    by_topic: dict[str, list] = defaultdict(list)
    for ex in examples:
        by_topic[ex.primary].append(ex)
    made = []
    for _ in range(count):
        ex = rng.choice(examples)
        sentences = _sentences(ex.text)
        cvr = valid_cvr(rng)
        if rng.random() < SHORT_SHARE:
            made.append(BenchInquiry(_short(rng, sentences), cvr, ex.lang or "da", "short"))
            continue
        if rng.random() < 0.6:
            sentences += _sentences(rng.choice(by_topic[ex.primary]).text)
        made.append(BenchInquiry(_long(rng, sentences, cvr), cvr, ex.lang or "da", "long"))
    return made


def request_bodies(items: list[BenchInquiry], *, submit: bool) -> list[str]:
    """Return one JSON body per inquiry for `POST /api/v1/route` or, with `submit`, `/inquiries`."""
    bodies = []
    for n, item in enumerate(items):
        body = {"text": item.text, "cvr": item.cvr}
        if submit:
            body |= {"company_name": f"Benchmark {n % 500} ApS", "contact_name": "Bench Mark",
                     "email": f"bench{n}@firma.example", "phone": "+45 70 10 20 30"}
        bodies.append(json.dumps(body, ensure_ascii=False))
    return bodies
