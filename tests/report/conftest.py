"""Small hand-made warehouses in the marts' shape (form, act, accused and about bridges)."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest


def _id(*parts: str) -> str:
    return hashlib.md5("|".join(parts).encode()).hexdigest()[:16]


@dataclass
class MiniWarehouse:
    """Articles and claims written with offsets found in the text, as the extractor stores them."""

    actors: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (name, type)
    articles: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    accused: list[tuple[str, str]] = field(default_factory=list)
    about: list[tuple[str, str]] = field(default_factory=list)
    quarantine: list[tuple] = field(default_factory=list)

    def actor(self, name: str, kind: str = "person") -> str:
        actor_id = _id("actor", name)
        self.actors[actor_id] = (name, kind)
        return actor_id

    def article(self, title: str, body: str, day: dt.date) -> str:
        article_id = _id("article", title)
        text = f"{title}\n\n{body}"
        self.articles.append({"article_id": article_id, "title": title, "text": text, "day": day})
        return article_id

    def claim(
        self,
        article_id: str,
        speaker: str | None,
        speaker_text: str | None,
        cue: str,
        content: str,
        act: str = "assert",
        form: str = "indirect",
        accused: tuple[str, ...] = (),
        about: tuple[str, ...] = (),
        confidence: float | None = None,
    ) -> str:
        article = next(a for a in self.articles if a["article_id"] == article_id)
        text = article["text"]
        c_start = text.index(content)
        cue_start = text.rindex(cue, 0, c_start) if cue in text[:c_start] else text.index(cue)
        s_start = text.index(speaker_text) if speaker_text else None
        claim_id = _id("claim", article_id, content)
        self.claims.append(
            {
                "claim_id": claim_id,
                "article_id": article_id,
                "article_date": article["day"],
                "speaker_actor_id": self.actor(speaker) if speaker else None,
                "speaker_canonical_name": speaker,
                "speaker_mention": speaker_text,
                "cue": cue,
                "act": act,
                "form": form,
                "content": content,
                "content_start": c_start,
                "content_end": c_start + len(content),
                "speaker_start": s_start,
                "speaker_end": None if s_start is None else s_start + len(speaker_text),
                "cue_start": cue_start,
                "cue_end": cue_start + len(cue),
                "confidence": confidence,
            }
        )
        for name in accused:
            self.accused.append((claim_id, self.actor(name, "place")))
        for name in about:
            self.about.append((claim_id, self.actor(name, "place")))
        return claim_id

    def write(self, path: Path) -> Path:
        """The warehouse file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        con = duckdb.connect(str(path))
        con.execute("CREATE SCHEMA marts; CREATE SCHEMA raw")
        con.execute("""CREATE TABLE raw.articles (article_id VARCHAR, text VARCHAR);
            CREATE TABLE raw.quarantine (path VARCHAR, line_number INTEGER, reason VARCHAR,
                detail VARCHAR, seen_at TIMESTAMP);
            CREATE TABLE marts.dim_articles (article_id VARCHAR, title VARCHAR, outlet VARCHAR,
                url VARCHAR, published_at TIMESTAMP, article_date DATE, source_path VARCHAR,
                word_count INTEGER, n_claims INTEGER);
            CREATE TABLE marts.dim_actors (actor_id VARCHAR, canonical_name VARCHAR,
                actor_type VARCHAR, aliases VARCHAR[], roles VARCHAR[], affiliations VARCHAR[],
                n_articles BIGINT, n_claims_made BIGINT, n_claims_about BIGINT,
                first_seen DATE, last_seen DATE)""")
        con.execute("""CREATE TABLE marts.fct_claims (claim_id VARCHAR, article_id VARCHAR,
            published_at TIMESTAMP, article_date DATE, speaker_actor_id VARCHAR,
            speaker_canonical_name VARCHAR, speaker_mention VARCHAR, speaker_role VARCHAR,
            cue VARCHAR, form VARCHAR, act VARCHAR, confidence DOUBLE, content VARCHAR,
            content_start INTEGER, content_end INTEGER, content_spans INTEGER[][],
            speaker_start INTEGER, speaker_end INTEGER, cue_start INTEGER, cue_end INTEGER,
            reported_by VARCHAR, reported_by_actor_id VARCHAR)""")
        for a in self.articles:
            n = sum(c["article_id"] == a["article_id"] for c in self.claims)
            con.execute("INSERT INTO raw.articles VALUES (?, ?)", [a["article_id"], a["text"]])
            con.execute(
                "INSERT INTO marts.dim_articles VALUES (?, ?, NULL, NULL, NULL, ?, ?, 0, ?)",
                [a["article_id"], a["title"], a["day"], f"{a['title']}.txt", n],
            )
        for c in self.claims:
            con.execute(
                f"INSERT INTO marts.fct_claims VALUES ({', '.join(['?'] * 22)})",
                [
                    c["claim_id"],
                    c["article_id"],
                    None,
                    c["article_date"],
                    c["speaker_actor_id"],
                    c["speaker_canonical_name"],
                    c["speaker_mention"],
                    None,
                    c["cue"],
                    c["form"],
                    c["act"],
                    c["confidence"],
                    c["content"],
                    c["content_start"],
                    c["content_end"],
                    None,
                    c["speaker_start"],
                    c["speaker_end"],
                    c["cue_start"],
                    c["cue_end"],
                    None,
                    None,
                ],
            )
        bridges = {"bridge_claim_accused": self.accused, "bridge_claim_about": self.about}
        for table, rows in bridges.items():
            con.execute(f"CREATE TABLE marts.{table} (claim_id VARCHAR, actor_id VARCHAR)")
            for row in rows:
                con.execute(f"INSERT INTO marts.{table} VALUES (?, ?)", list(row))
        for actor_id, (name, kind) in self.actors.items():
            made = sum(c["speaker_actor_id"] == actor_id for c in self.claims)
            about = len({c for c, a in set(self.about) | set(self.accused) if a == actor_id})
            con.execute(
                "INSERT INTO marts.dim_actors VALUES (?, ?, ?, [?], [], [], 1, ?, ?, NULL, NULL)",
                [actor_id, name, kind, name, made, about],
            )
        for row in self.quarantine:
            con.execute("INSERT INTO raw.quarantine VALUES (?, ?, ?, ?, ?)", list(row))
        con.close()
        return path


def kremlin_week() -> MiniWarehouse:
    """Two articles a week apart: accusations, a denial and an about-only claim."""
    wh = MiniWarehouse()
    first = wh.article(
        "Kremlin accuses Ukraine of attack",
        "The Kremlin accused Ukraine of attacking an oil depot inside Russia. "
        "Kyiv denied any role in the strike. "
        "Analysts said the depot in Belgorod supplies the army.",
        dt.date(2024, 3, 4),
    )
    wh.claim(
        first,
        "Kremlin",
        "The Kremlin",
        "accused",
        "Ukraine of attacking an oil depot inside Russia",
        act="accuse",
        accused=("Ukraine",),
        about=("Ukraine",),
    )
    wh.claim(
        first,
        "Ukraine",
        "Kyiv",
        "denied",
        "any role in the strike",
        act="deny",
        accused=("Ukraine",),
        about=("Ukraine",),
    )
    wh.claim(
        first,
        None,
        "Analysts",
        "said",
        "the depot in Belgorod supplies the army",
        about=("Belgorod",),
    )
    second = wh.article(
        "Kremlin repeats charge",
        "Kremlin spokesman Dmitry Peskov said Ukraine had planned the attack for weeks. "
        "Peskov also accused Kyiv of lying about the strike.",
        dt.date(2024, 3, 13),
    )
    wh.claim(
        second,
        "Dmitry Peskov",
        "Kremlin spokesman Dmitry Peskov",
        "said",
        "Ukraine had planned the attack for weeks",
        about=("Ukraine",),
        confidence=0.91,
    )
    wh.claim(
        second,
        "Dmitry Peskov",
        "Peskov",
        "accused",
        "Kyiv of lying about the strike",
        act="accuse",
        accused=("Ukraine",),
        about=("Ukraine",),
        confidence=0.74,
    )
    wh.quarantine.append(
        ("seeds/bad.json", 3, "malformed_json", "Expecting value", dt.datetime(2024, 3, 5, 10, 0))
    )
    return wh


@pytest.fixture
def mini_warehouse(tmp_path: Path) -> Path:
    """kremlin_week() in the marts' shape: form, act, confidence, accused and about bridges."""
    return kremlin_week().write(tmp_path / "wh" / "newsclaims.duckdb")
