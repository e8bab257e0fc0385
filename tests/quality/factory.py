"""Build a small, clean warehouse for the quality suites: real ingestion of the seed article plus a
few extra files, hand-written extraction rows for the seed article (the suites' corruptions
name them), and the marts built from those rows by the project's dbt models."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from datetime import datetime
from pathlib import Path

import duckdb

from pipeline.common.paths import DBT_PROJECT_DIR
from pipeline.common.settings import Settings
from pipeline.dbt_build.builds import dbt_vars
from pipeline.extract.records import ArticleExtraction, Claim, ClaimTarget, EntityMention
from pipeline.ingest import ingest_folder
from pipeline.warehouse.store import write_extractions, write_ingest_batch

ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = ROOT / "seeds" / "000_a81c1ecdc2e2b03d.txt"
SEED_NAME = "000_seed.json"
SEED_PUBLISHED = "2022-04-01T09:00:00Z"  # the day of the events it reports
EXTRACTOR_VERSION = "test-1"
NOW = datetime(2026, 1, 15, 12, 0, 0)

_EXTRA_ARTICLES = {
    "101_council_budget.txt": (
        "City council approves budget after long debate over bus routes",
        "The city council approved next year's budget on Tuesday evening after a debate that "
        "ran for more than six hours, most of it about the future of three suburban bus routes. "
        "Council leader Maria Hughes said the final plan protects every route for at least two "
        "more years while a review of passenger numbers is carried out. Opposition members "
        "argued that the review was a way of delaying cuts until after the next election, and "
        "several residents who spoke at the meeting said they depend on the buses to reach "
        "work and hospital appointments. The transport department said it would publish the "
        "review's terms of reference within a month. The budget also raises spending on road "
        "repairs and libraries, and freezes parking charges in the town centre for a year.",
    ),
    "102_harbour_storm.txt": (
        "Storm damage closes harbour as fishing fleet waits out the weather",
        "The harbour was closed to all traffic on Sunday after a storm tore loose two pontoons "
        "and left debris floating across the main channel. Harbour master Tom Reilly said divers "
        "would inspect the sea wall before any boats are allowed to leave, and that the work "
        "could take several days if the forecast stays poor. Around forty fishing boats are "
        "tied up inside the harbour, and skippers said every day in port costs them money they "
        "will not get back. The regional coastguard said no one was injured during the storm, "
        "although a yacht was found drifting without its crew, who had gone ashore the night "
        "before. Engineers from the county council are expected to report on the damage to "
        "the sea wall by the end of the week.",
    ),
}
_JSONL_ARTICLES = [
    {
        "title": "University opens new research centre for battery recycling",
        "text": (
            "A university research centre devoted to recycling the batteries of electric cars "
            "opened on Monday with funding from two carmakers and the regional government. "
            "Professor Ana Lopes, who leads the centre, said the team will look for cheaper ways "
            "to recover lithium, nickel and cobalt from worn-out battery packs, which are "
            "expected to reach recycling plants in large numbers within the next decade. The "
            "centre employs thirty researchers and has room for a small pilot plant. Officials "
            "said the project could bring new jobs to an area that lost much of its industry in "
            "the last twenty years, although they gave no figures. The carmakers said they "
            "hoped to use the results in their own factories."
        ),
        "source": "Example Gazette",
        "published_at": "2025-11-03T09:30:00Z",
        "url": "https://example.org/battery-centre",
    },
    {
        "title": "Library extends opening hours after survey of readers",
        "text": (
            "The central library will open until nine in the evening on weekdays from next "
            "month, after a survey found that most readers could not visit during working "
            "hours. The head librarian, Sam Patel, said the longer hours would be paid for by "
            "closing one branch on Mondays, when it has the fewest visitors. The survey drew "
            "more than two thousand replies, many of them from students and parents with young "
            "children who asked for more space to study and read in the evening. The library "
            "will also add a second reading room and lend laptops for use inside the building. "
            "A review of the new hours is planned after six months, the council said."
        ),
        "source": "Example Gazette",
        "published_at": "2025-10-21",
        "url": "https://example.org/library-hours",
    },
]


def make_seed_folder(folder: Path) -> Path:
    """The seed article (as a dated JSON article, so its actors have first and last dates), two
    more .txt articles, a JSONL file (two articles and one malformed line) and an empty file:
    5 files, one quarantined whole, one JSONL line quarantined."""
    folder.mkdir(parents=True, exist_ok=True)
    title, body = SEED_FILE.read_text(encoding="utf-8").strip().split("\n", 1)
    seed = {"title": title, "text": body.strip(), "published_at": SEED_PUBLISHED}
    (folder / SEED_NAME).write_text(json.dumps(seed), encoding="utf-8")
    for name, (title, body) in _EXTRA_ARTICLES.items():
        (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    lines = [json.dumps(a) for a in _JSONL_ARTICLES]
    lines.insert(1, '{"title": "Broken line", "text": ')
    (folder / "200_gazette.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "300_empty.txt").write_text("", encoding="utf-8")
    return folder


def _hash(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def _span(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    pos = text.index(needle, start)
    return pos, pos + len(needle)


_MENTIONS = [
    ("Kremlin", "ORG", "Kremlin"),
    ("Ukraine", "GPE", "Ukraine"),
    ("Russia", "GPE", "Russia"),
    ("Vyacheslav Gladkov", "PERSON", "Vyacheslav Gladkov"),
    ("Belgorod", "GPE", "Belgorod"),
    ("Dmitry Peskov", "PERSON", "Dmitry Peskov"),
    ("Dmytro Kuleba", "PERSON", "Dmytro Kuleba"),
    ("Gladkov,", "PERSON", "Vyacheslav Gladkov"),
    ("Vladimir Putin", "PERSON", "Vladimir Putin"),
    ("Daily Mail", "ORG", "Daily Mail"),
]


def seed_extraction(article_id: str, text: str) -> ArticleExtraction:
    """Hand-made but realistic extraction rows for the seed article (offsets from its text)."""
    sentences = [0]
    for i, ch in enumerate(text):
        if ch == "\n" and i + 1 < len(text) and text[i + 1] != "\n":
            sentences.append(i + 1)

    def sentence_of(pos: int) -> int:
        return max(i for i, s in enumerate(sentences) if s <= pos)

    mentions = []
    for needle, label, resolved in _MENTIONS:
        start, end = _span(text, needle)
        if needle.endswith(","):
            end -= 1
        surface = text[start:end]
        mentions.append(
            EntityMention(
                mention_id=_hash(article_id, start, end),
                article_id=article_id,
                sentence_index=sentence_of(start),
                start_char=start,
                end_char=end,
                text=surface,
                label=label,
                normalized_name=surface,
                resolved_name=resolved,
            )
        )

    claims: list[Claim] = []
    targets: list[ClaimTarget] = []

    # form and act as the analysis annotates the seed's claims: Gladkov's account accuses
    # Ukraine, Kuleba is noncommittal, the rest assert
    def add_claim(form, act, cue_at, cue, spans, speaker=None, name=None, role=None, stype=None):
        cue_start, cue_end = _span(text, cue, cue_at)
        content = " … ".join(text[s:e] for s, e in spans)
        spk = _span(text, speaker, max(0, cue_start - 200)) if speaker else (None, None)
        claim = Claim(
            claim_id=_hash(article_id, spans[0][0], spans[-1][1], cue_start),
            article_id=article_id,
            sentence_index=sentence_of(cue_start),
            cue=text[cue_start:cue_end],
            cue_start=cue_start,
            cue_end=cue_end,
            content=content,
            content_start=spans[0][0],
            content_end=spans[-1][1],
            content_spans=list(spans),
            speaker_text=speaker,
            speaker_start=spk[0],
            speaker_end=spk[1],
            speaker_name=name,
            speaker_role=role,
            speaker_type=stype,
            form=form,
            act=act,
        )
        claims.append(claim)
        return claim

    # direct quote: Kremlin spokesman Dmitry Peskov said: “Of course, ...”
    q1 = text.index("“", text.index("Dmitry Peskov"))
    add_claim(
        "direct",
        "assert",
        q1 - 10,
        "said",
        [(q1 + 1, text.index("”", q1))],
        "Kremlin spokesman Dmitry Peskov",
        "Dmitry Peskov",
        "Kremlin spokesman",
        "PERSON",
    )
    # direct quote, noncommittal: Kuleba "can neither confirm nor reject"
    q2 = text.index("“", text.index("Dmytro Kuleba"))
    add_claim(
        "direct",
        "noncommittal",
        q2 - 10,
        "said",
        [(q2 + 1, text.index("”", q2))],
        "Ukraine Foreign Minister Dmytro Kuleba",
        "Dmytro Kuleba",
        "Foreign Minister",
        "PERSON",
    )
    # indirect, two content spans: Gladkov said two of Ukraine's helicopters ... fired rockets
    g = text.index("Vyacheslav Gladkov said")
    s1 = _span(text, "two of Ukraine", g)
    e1 = text.index(" at low altitude", s1[0])
    s2 = _span(text, "they fired S-8 rockets at a Roseneft depot", g)
    gladkov = add_claim(
        "indirect",
        "accuse",
        g,
        "said",
        [(s1[0], e1), s2],
        "Regional Governor Vyacheslav Gladkov",
        "Vyacheslav Gladkov",
        "Regional Governor",
        "PERSON",
    )
    ukr = _span(text, "Ukraine", s1[0])
    targets.append(ClaimTarget(gladkov.claim_id, article_id, "Ukraine", "GPE", *ukr, "accused"))
    # indirect, unnamed speaker: analysts have noted Russia uses the same helicopters
    a = text.index("analysts have noted")
    n_start = a + len("analysts have noted ")
    analysts = add_claim(
        "indirect",
        "assert",
        a,
        "noted",
        [(n_start, text.index(".", n_start))],
        "analysts",
        None,
        None,
        "UNNAMED",
    )
    rus = _span(text, "Russia", n_start)
    targets.append(ClaimTarget(analysts.claim_id, article_id, "Russia", "GPE", *rus))
    # every target sits on an entity mention, as the extractor makes them
    spans = {(m.start_char, m.end_char) for m in mentions}
    for t in targets:
        if (t.start_char, t.end_char) not in spans:
            surface = text[t.start_char : t.end_char]
            mentions.append(
                EntityMention(
                    _hash(article_id, t.start_char, t.end_char),
                    article_id,
                    sentence_of(t.start_char),
                    t.start_char,
                    t.end_char,
                    surface,
                    t.target_label,
                    surface,
                    t.target_name,
                )
            )
    return ArticleExtraction(
        article_id=article_id, mentions=mentions, claims=claims, targets=targets
    )


def build_marts(work_db: Path, target: Path) -> None:
    """The marts built from the raw rows by the project's own dbt models: `dbt build` of the
    seeds and models on `work_db` (their dbt tests run in the pipeline tests), in a target
    folder of its own so the project's manifest and parse cache stay the pipeline's. A failed
    build fails the fixture with dbt's output."""
    done = subprocess.run(
        [Settings.from_env().dbt_executable, "build", *dbt_vars(work_db)]
        + ["--resource-type", "seed", "--resource-type", "model"]
        + ["--profiles-dir", str(DBT_PROJECT_DIR)],
        cwd=DBT_PROJECT_DIR,
        env={
            **os.environ,
            "DBT_TARGET_PATH": str(target),
            "DBT_LOG_PATH": str(target),
        },
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"dbt build of the clean warehouse failed:\n{done.stdout[-3000:]}")


def build_clean_warehouse(path: Path, seeds: Path) -> Path:
    """A complete, clean warehouse file at `path` (raw tables + marts)."""
    make_seed_folder(seeds)
    batch = ingest_folder(seeds)
    path.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(path)) as con:
        write_ingest_batch(con, batch, now=NOW)
        article_id, text = con.execute(
            "SELECT article_id, text FROM raw.articles WHERE source_path = ?", [SEED_NAME]
        ).fetchone()
        write_extractions(con, [seed_extraction(article_id, text)], EXTRACTOR_VERSION, now=NOW)
    build_marts(path, path.parent / "dbt_target")
    return path
