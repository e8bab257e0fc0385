"""NLP core: entity mentions and claim (attribution) extraction with spaCy.

Usage::

    from pipeline.extract import Extractor
    ex = Extractor()                      # cheap: the model loads on first use
    result = ex.extract_text(text, "article-1")
    for res in ex.extract(pairs):         # (article_id, text) pairs, streamed
        ...
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.common.settings import default

from .claims import ClaimTrace, Decider, Labeller, extract_claims
from .claims.decision import LearnedDecider, decide_by_rules, load_decider, say_rules_alone
from .claims.labels import LABELLERS
from .claims.labels.learned.labeller import default_labellers
from .encoder import load_article_tagger
from .entities import collect_mentions, to_records
from .lexicon import Lexicon, default_lexicon
from .nlp import (
    DEFAULT_DISABLE,
    PARSE_PIECE_CHARS,
    load_pipeline,
    model_version,
    parse_text,
    parser_pieces,
)
from .records import ArticleExtraction
from .workers import extract_in_workers

CODE_VERSION = "0.1.0"

__all__ = ["Extractor", "ArticleExtraction", "CODE_VERSION", "Lexicon", "rules_hash"]

PACKAGE_DIR = Path(__file__).resolve().parent


def rules_hash(lexicon: Lexicon | None = None, package_dir: Path = PACKAGE_DIR) -> str:
    """Short hash over every file of the rule package (code and data, read now) and the
    lexicon's tables (as loaded): any change to a rule, a table or a new rule file changes it."""
    lex = lexicon or default_lexicon()
    files = sorted(
        p for p in package_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    )
    digest = hashlib.sha1()
    for path in files:
        name = path.relative_to(package_dir).as_posix()
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    digest.update(f"{lex.fingerprint}:{lex.allow_all_frames}".encode())
    return digest.hexdigest()[:8]


def too_long(text: str, limit: int) -> str:
    """The error recorded for an article the parser cannot take."""
    return f"too_long: {len(text):,} characters; the parser takes at most {limit:,}"


def _default_decider(
    lexicon: Lexicon, choice: str, encoder: str = "", tagger: str = "", threads: int = 1
) -> Decider:
    """The learned decider `choice` names (NEWSCLAIMS_DECISION_MODEL): empty for the rule
    data's model, a model file's path, or `none` for the rules alone; with the attribution
    tagger `tagger` names (NEWSCLAIMS_TAGGER, over the encoder `encoder` names) when it loads."""
    if choice.lower() == "none":
        say_rules_alone("NEWSCLAIMS_DECISION_MODEL=none")
        return decide_by_rules
    article_tagger = load_article_tagger(encoder, tagger, threads)
    return load_decider(lexicon, Path(choice) if choice else None, article_tagger) or (
        decide_by_rules
    )


def _labellers_hash(labellers: Iterable[Labeller]) -> str:
    """Short hash of labellers' names (a learned one's `fingerprint`, which names its model): a
    version that says the labels are not the rules'."""
    names = ",".join(
        getattr(f, "fingerprint", None)
        or f"{getattr(f, '__module__', '')}.{getattr(f, '__qualname__', f)}"
        for f in labellers
    )
    return hashlib.sha1(names.encode()).hexdigest()[:8]


class Extractor:
    """Entity-mention and claim extractor around one spaCy pipeline.

    Construction is cheap; the pipeline loads lazily on first use (and is cached per
    process). `model`, `n_process`, `batch_size`, `decision_model`, `analysis_model`,
    `encoder`, `encoder_threads` and `tagger` default to the defaults of NEWSCLAIMS_SPACY_MODEL,
    _N_PROCESS, _BATCH_SIZE, _DECISION_MODEL, _ANALYSIS_MODEL, _ENCODER, _ENCODER_THREADS and
    _TAGGER (the attribution tagger is off by default; `tagger="on"` uses the shipped one)
    (`Settings` holds the variables' values: callers pass them,
    `Extractor(**cfg.extractor_options())`). `n_process` > 1
    parses and runs the rules in forked worker processes (`workers.py`; used only when the
    input has more than one batch per process; results are identical, but a `decide` with side
    effects, such as one recording candidates, keeps them in the workers: use n_process=1).
    `disable` lists pipeline components to switch off (default: lemmatizer and
    attribute_ruler, which the rules do not read). `lexicon` holds
    the rule tables (default: `data/`, loaded once); `decide` chooses which claim candidates
    become claims (default: the learned decision model of the rule data, `claims/decision/`,
    which also gives each claim a confidence; without one, or with NEWSCLAIMS_DECISION_MODEL=none,
    the rules of `claims/decision/rules.py` alone). `labellers` label each decided claim, in
    order (default: `claims.labels.LABELLERS` with the learned act-and-accused labeller in the
    place of the rules' `label_act`, `claims/labels/learned/`; without its model or encoder
    files, or with `analysis_model` or `encoder` "none", the rules' `LABELLERS`).
    """

    def __init__(
        self,
        model: str | None = None,
        n_process: int | None = None,
        batch_size: int | None = None,
        disable: Iterable[str] = DEFAULT_DISABLE,
        lexicon: Lexicon | None = None,
        decide: Decider | None = None,
        labellers: Sequence[Labeller] | None = None,
        decision_model: str = "",
        analysis_model: str = "",
        encoder: str = "",
        encoder_threads: int | None = None,
        tagger: str | None = None,
    ) -> None:
        self.model = model or default("spacy_model")
        self.n_process = n_process or default("n_process")
        self.batch_size = batch_size or default("batch_size")
        self.disable = tuple(disable)
        self.lexicon = lexicon or default_lexicon()
        threads = encoder_threads or default("encoder_threads")
        tagger = tagger or default("tagger")  # off unless asked ("on", a folder)
        self.decide = decide or _default_decider(
            self.lexicon, decision_model, encoder, tagger, threads
        )
        if labellers is None:
            labellers = default_labellers(analysis_model, encoder, threads)
        self.labellers = tuple(labellers)
        model_id = f"{self.model}-{model_version(self.model)}"
        self.version = f"{CODE_VERSION}+{model_id}+{rules_hash(self.lexicon)}"
        if isinstance(self.decide, LearnedDecider):
            self.version += f"+dm-{self.decide.model.fingerprint}"
            if self.decide.tagger is not None:
                self.version += f"+tg-{getattr(self.decide.tagger, 'fingerprint', 'custom')}"
        elif self.decide is decide_by_rules:
            self.version += "+rules"
        if self.labellers != LABELLERS:
            self.version += f"+labels-{_labellers_hash(self.labellers)}"

    @property
    def nlp(self) -> Language:
        """The loaded spaCy pipeline (loads on first access)."""
        return load_pipeline(self.model, self.disable, self.lexicon.entity_fixes)

    def prepare(self, text: str) -> str:
        """The text handed to the parser (same length as `text`; see `nlp.parse_text`)."""
        return parse_text(text, self.lexicon.headline_small_words)

    def extract(
        self,
        articles: Iterable[tuple[str, str]],
        timing: Callable[[str, float], None] | None = None,
    ) -> Iterator[ArticleExtraction]:
        """Extract from (article_id, text) pairs, streaming results (in input order, except
        that an article not parsed comes back as soon as it is met).

        One bad article never stops the stream: a text over the parser's `max_length` is not
        parsed, and an error in the rules is caught; both come back as an `ArticleExtraction`
        with `error` set. `timing(article_id, seconds)`, when given, receives the time the
        rules took on each article (parsing excluded): the benchmark's hook.
        """
        limit = self.nlp.max_length
        it = iter(articles)
        head = list(islice(it, self.batch_size * self.n_process))
        # worker processes only pay off beyond one batch per process
        n_process = self.n_process if len(head) >= self.batch_size * self.n_process else 1
        pending: list[ArticleExtraction] = []  # too long: reported in input order

        def parseable() -> Iterator[tuple[str, str]]:
            for article_id, text in chain(head, it):
                if len(text) > limit:
                    pending.append(ArticleExtraction(article_id, error=too_long(text, limit)))
                    continue
                yield article_id, text

        if n_process > 1:
            results = extract_in_workers(self, parseable(), n_process)
        else:
            results = self.extract_in_process(parseable())
        for result, seconds in results:
            yield from pending
            pending.clear()
            if timing is not None:
                timing(result.article_id, seconds)
            yield result
        yield from pending

    def extract_in_process(
        self, articles: Iterable[tuple[str, str]]
    ) -> Iterator[tuple[ArticleExtraction, float]]:
        """(result, seconds of rules) per article, parsed and extracted in this process."""
        for doc, article_id, text in self._parsed(iter(articles)):
            start = time.perf_counter()
            result = self.extract_one(doc, article_id, text)
            yield result, time.perf_counter() - start

    def _parsed(self, articles: Iterator[tuple[str, str]]) -> Iterator[tuple[Doc, str, str]]:
        """(doc, article_id, text) in input order: articles up to `PARSE_PIECE_CHARS` in
        `nlp.pipe` batches, each longer one alone and in pieces (`parse`)."""
        longer: list[tuple[str, str]] = []

        def short_ones() -> Iterator[tuple[str, tuple[str, str]]]:
            for article_id, text in articles:
                if len(text) > PARSE_PIECE_CHARS:
                    longer.append((article_id, text))  # the batch so far is parsed first
                    return
                yield self.prepare(text), (article_id, text)

        while True:
            for doc, (article_id, text) in self.nlp.pipe(
                short_ones(), as_tuples=True, batch_size=self.batch_size
            ):
                yield doc, article_id, text
            if not longer:
                return
            article_id, text = longer.pop()
            yield self.parse(text), article_id, text

    def parse(self, text: str) -> Doc:
        """The parsed `prepare(text)`; a text over `PARSE_PIECE_CHARS` is parsed piece by
        piece (`nlp.parser_pieces`), which bounds the parser's memory, and joined."""
        prepared = self.prepare(text)
        if len(prepared) <= PARSE_PIECE_CHARS:
            return self.nlp(prepared)
        pieces = list(self.nlp.pipe(parser_pieces(prepared), batch_size=1))
        return Doc.from_docs(pieces, ensure_whitespace=False)

    def extract_one(self, doc: Doc, article_id: str, text: str) -> ArticleExtraction:
        """`extract_doc`, with an error in the rules recorded on the result, not raised."""
        try:
            return self.extract_doc(doc, article_id, text)
        except Exception as exc:  # a rule bug on one article must not lose the rest
            return ArticleExtraction(article_id, error=f"{type(exc).__name__}: {exc}"[:500])

    def extract_text(self, text: str, article_id: str = "doc") -> ArticleExtraction:
        """Extract from one text (single process)."""
        return self.extract_doc(self.parse(text), article_id, text)

    def extract_doc(
        self,
        doc: Doc,
        article_id: str,
        text: str | None = None,
        trace: ClaimTrace | None = None,
    ) -> ArticleExtraction:
        """Run the rules on an already parsed doc.

        `text` is the original article text when the doc was parsed from `prepare(text)`
        (same length; all records quote the original). `trace(claim, draft)` sees how each
        claim was found (see `claims.extract_claims`).
        """
        text = doc.text if text is None else text
        mentions = collect_mentions(doc, self.lexicon, text)
        claims, targets = extract_claims(
            doc,
            mentions,
            article_id,
            self.lexicon,
            text,
            trace,
            self.decide,
            self.labellers,
        )
        return ArticleExtraction(
            article_id=article_id,
            mentions=to_records(mentions, article_id),
            claims=claims,
            targets=targets,
        )
