"""Name variants of one unregistered person, merged across a corpus.

An unregistered person's id is made from the name as the article writes it
(:func:`framing.attribution.actors.unknown_speaker_id`), so one person
written two ways is two speakers: "وزير التعليم عزام الدخيل" and "وزير التعليم
عزام بن محمد الدخيل", "جديع القحطاني" and "جديع بن نهار القحطاني".
:func:`find_merges` reads the attributed utterances of a whole corpus and
decides which ids name one person; :func:`apply_merges` gives their
utterances the id and name of the fullest form.  It runs after every
document is attributed, so it is the same on every engine and for any
number of workers.

Two rules, both conservative (a wrong merge adds one person's statements to
another's; a missed one leaves two rows to join by hand), and both ask for
evidence beyond the name: two title words in common in their mentions
("وزير التعليم"; a nationality or place alone does not count), or, for a
name with a patronymic (بن) or a known given name, an article naming both:

- **spelling**: names that are the same once hamza seats (ئ/ي, ؤ/و, ء) and a
  complement the title left before the name ("بالأمانة محمد الصفيان") are
  folded are one person ("عايض القرني" = "عائض القرني");
- **short form**: a name merges into a longer form with the same first and
  last word whose other words contain its own ("جديع القحطاني", "جديع نهار
  القحطاني" -> "جديع بن نهار القحطاني") only when every longer form of it
  in the corpus is a form of that one name: with both "محمد بن علي
  القحطاني" and "محمد بن سعد القحطاني" in the corpus, "محمد القحطاني" stays
  alone.  A man and his father's name with no family name ("فهد بن
  عبدالعزيز") is never a short form: many men bear it.

The merged speaker takes the id of the longest form (its most quoted
spelling) and the phrase that form is most often named by.  The article is
not folded ("محمد حسين", Hussein's son, and "محمد الحسين" are two people).
Only ids of persons named across articles (``x:`` and one part) are merged:
an id with a document part (a title or a common word alone) never is, though
its name counts among the long forms of a short one.

Examples
--------
>>> import pandas as pd
>>> from framing.attribution.actors import unknown_speaker_id as uid
>>> rows = [("d1", "وزير التعليم عزام الدخيل", "عزام الدخيل"),
...         ("d2", "وزير التعليم الدكتور عزام بن محمد الدخيل", "عزام بن محمد الدخيل")]
>>> u = pd.DataFrame({"utterance_id": ["u1", "u2"], "doc_id": [r[0] for r in rows],
...                   "speaker": [r[1] for r in rows], "speaker_id": [uid(r[2]) for r in rows],
...                   "speaker_kind": ["person", "person"]})
>>> m = find_merges(u)
>>> m[["rule", "evidence"]].values.tolist()
[['short form', 'title: تعليم وزير']]
>>> apply_merges(u, m)["speaker"].tolist()[0]
'وزير التعليم الدكتور عزام بن محمد الدخيل'
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from framing.attribution.actors import unknown_speaker_id
from framing.attribution.cues import cue_lexicon
from framing.attribution.kinds import given_names, place_adjectives, speaker_kinds
from framing.attribution.resolve import _COMPLEMENT_PREFIXES, TITLE_LINKS, _light_stem, _name_key
from framing.lang import read_wordlist
from framing.text import fold

#: Columns of the speaker merges table (one row per id merged into another).
MERGE_COLUMNS = ("speaker_id", "speaker", "merged_into", "merged_speaker", "rule", "evidence", "n_utterances",
                 "n_documents", "utterance_ids")
#: Columns of the utterances table :func:`find_merges` reads (``mention_full`` when there is one).
NEEDED_COLUMNS = ("utterance_id", "doc_id", "speaker_id", "speaker", "speaker_kind", "mention_full")

#: Words inside an Arabic name that carry no name of their own: "عزام بن محمد" = "عزام محمد".
_PARTICLES = frozenset(fold(w) for w in ["بن", "ابن"])
#: Hamza seats written or left out: "عائض" = "عايض", "مؤمن" = "مومن".
_HAMZA = str.maketrans({"ئ": "ي", "ؤ": "و", "ء": None})
#: Longest name (words without particles) taken for one: longer "names" are clauses the attribution cut wrong.
_MAX_NAME_WORDS = 6


@dataclass
class _Form:
    """The ids of one name, spelling variants together."""

    key: tuple[str, ...]  # the name folded, particles included
    core: tuple[str, ...]  # without particles: what is compared between forms
    ids: Counter = field(default_factory=Counter)  # id -> utterances
    names: dict = field(default_factory=dict)  # id -> Counter of the names it is listed by (``speaker``)
    stems: set = field(default_factory=set)  # title words of its mentions
    docs: set = field(default_factory=set)
    id_stems: dict = field(default_factory=dict)  # id -> its own title words
    id_docs: dict = field(default_factory=dict)  # id -> its own documents
    local: set = field(default_factory=set)  # per-document ids with this name: never merged

    @property
    def n(self) -> int:
        return sum(self.ids.values())

    @property
    def main_id(self) -> str:
        # the most quoted spelling's id (ties: the smallest id), so the choice does not depend on row order
        return min(self.ids, key=lambda i: (-self.ids[i], i))


def _word(token: str) -> str:
    """A name word as names are compared: folded, hamza seats dropped.

    The article stays: "محمد حسين" (Hussein's son) and "محمد الحسين" (of the
    Hussein family), "محمد عمران" and "محمد العمران" are different people.
    """
    return fold(token).lower().translate(_HAMZA)


def split_name(speaker: str, speaker_id: str) -> tuple[list[str], list[str]] | None:
    """``(title, name)``: the words of ``speaker`` the id ``speaker_id`` was made from, and the others.

    The resolver names an unregistered person by the name part of the
    phrase; the part is found again as the words (at the end, or at the
    start: "كريم منصور المتحدث الرسمي") whose id is ``speaker_id``.  None
    when no part gives it (the phrase is not where the id came from).

    >>> from framing.attribution.actors import unknown_speaker_id as uid
    >>> split_name("وزير التعليم عزام الدخيل", uid("عزام الدخيل"))
    (['وزير', 'التعليم'], ['عزام', 'الدخيل'])
    """
    words = speaker.split()
    for k in range(len(words)):
        for title, name in ((words[:k], words[k:]), (words[len(words) - k:], words[:len(words) - k])):
            if name and _name_id(tuple(name)) == speaker_id:
                return title, name
    return None


@lru_cache(maxsize=1 << 16)
def _name_id(name: tuple[str, ...]) -> str:
    """The id of an unregistered person named by these words (cached: phrases with different titles end
    in the same names)."""
    return unknown_speaker_id(" ".join(_name_key(list(name))))


def _name_words(name: list[str]) -> tuple[list[str], list[str]]:
    """``(complement, name)``: a definite complement the title left before the name, and the name itself."""
    k = 0
    while k < len(name) - 2 and name[k].startswith(_COMPLEMENT_PREFIXES):
        k += 1
    return name[:k], name[k:]


def _name_like(core: tuple[str, ...]) -> bool:
    """Whether folded name words can be a person's name, not a clause the attribution cut wrong.

    A name opens with a given name, not a definite word, a role ("نائب", "وزير")
    or a stop word; only its last word (the family name) takes the article;
    none is a definite complement; it has at most :data:`_MAX_NAME_WORDS` words.

    It is a coarse filter: a clause such as "حالة الطوارئ" passes it, and is
    kept out by the evidence :func:`find_merges` asks of every merge.

    >>> _name_like(("عزام", "محمد", "الدخيل")), _name_like(("بشكل", "خاص")), _name_like(("المدير", "العام"))
    (True, False, False)
    """
    roles, names, stop = _wordsets()
    if not 2 <= len(core) <= _MAX_NAME_WORDS or any(w in stop or w.startswith(_COMPLEMENT_PREFIXES) for w in core):
        return False
    if core[0] in roles and core[0] not in names:
        return False
    return not any(w.startswith("ال") for w in core[:-1])


@lru_cache(maxsize=1)
def _wordsets() -> tuple[frozenset, frozenset, frozenset]:
    """Role words, given names and stop words, folded as name words are (:func:`_word`)."""
    def folded(words):
        return frozenset(_word(w) for w in words)

    names = folded(given_names("ar"))
    # "على" folds to "علي": a stop word that is also a given name is a name here
    return folded(cue_lexicon("ar").role_words), names, folded(read_wordlist("ar", "stopwords.txt")) - names


@lru_cache(maxsize=1)
def _ignored_stems() -> frozenset[str]:
    """Title words that say nothing of which office: courtesy titles, links, "الرسمي"."""
    kinds = speaker_kinds("ar")
    words = set(kinds.courtesy_titles) | set(kinds.role_qualifiers) | set(TITLE_LINKS)
    words |= set(read_wordlist("ar", "stopwords.txt"))
    words |= {"معالي", "سعادة", "فضيلة", "سمو", "عام", "العام", "الأول", "رئيس", "مدير", "نائب", "عضو"}
    return frozenset(_light_stem(w) for w in words)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Stems of nationality and place adjectives: "اليمني" alone says which country, not which office."""
    return frozenset(_light_stem(w) for w in place_adjectives("ar"))


def _title_stems(words: list[str], ignored: frozenset[str]) -> set[str]:
    stems = set()
    for w in words:
        w = fold(w).lower()
        if w.startswith(("و", "ب", "ل")) and len(w) > 4 and w[1:].startswith("ال"):
            w = w[1:]  # "والمتحدث", "بأمانة" after folding: the preposition or conjunction is not the word
        s = _light_stem(w)
        if len(s) >= 3 and s not in ignored:
            stems.add(s)
    return stems


def _forms(utterances: pd.DataFrame) -> dict[tuple, _Form]:
    """The named persons of the utterances, one :class:`_Form` per spelling-folded name."""
    ids = utterances["speaker_id"].astype("string")
    # an id with a document part (x:…:doc) names someone in one article only: never merged, but its
    # name still shows that the corpus has that long form ("محمد بن علي القحطاني" in one article)
    keep = ids.str.startswith("x:").fillna(False) & ids.str.count(":").isin([1, 2]).fillna(False)
    if "speaker_kind" in utterances:
        keep &= utterances["speaker_kind"].eq("person").fillna(False)
    rows = utterances.loc[keep, ["speaker_id", "speaker", "doc_id"]].astype(str)
    # the phrase a person was named by, title and all ("وزير التعليم عزام الدخيل"): the fullest mention where
    # the table has it (a person is listed by the name alone), else the name column
    full = (utterances.loc[keep, "mention_full"].astype("string").fillna("") if "mention_full" in utterances
            else pd.Series("", index=rows.index, dtype="string"))
    rows["phrase"] = full.where(full.str.strip().ne(""), rows["speaker"]).astype(str)
    ignored = _ignored_stems()
    forms: dict[tuple, _Form] = {}
    seen: dict[str, tuple | None] = {}
    # one look-up per distinct (id, phrase, name), not per utterance
    counts = rows.groupby(["speaker_id", "phrase", "speaker"], sort=True).size()
    # each id's documents, gathered in one pass (a groupby aggregating to sets calls Python per group)
    docs: dict[str, set] = {}
    for sid, doc in zip(rows["speaker_id"].tolist(), rows["doc_id"].tolist()):
        docs.setdefault(sid, set()).add(doc)
    for (sid, speaker, listed), n in counts.items():
        local = sid.count(":") == 2
        own = sid.rsplit(":", 1)[0] if local else sid
        parts = split_name(speaker, own)
        if parts is None:
            # a fullest mention that does not hold the id's name (another form of it named in the article)
            speaker, parts = listed, split_name(listed, own)
        if parts is None:
            continue
        title, name = parts
        complement, name = _name_words(name)
        key = tuple(_word(w) for w in _name_key(name))
        core = tuple(w for w in key if w not in _PARTICLES)
        if not _name_like(core):
            continue  # one word is too common a name to carry across articles; a clause is no name
        if seen.setdefault(sid, key) != key:
            continue  # one id is one name; a phrase that splits otherwise is left out
        form = forms.setdefault(key, _Form(key, core))
        if local:
            form.local.add(sid)
            continue
        form.ids[sid] += int(n)
        form.names.setdefault(sid, Counter())[listed] += int(n)
        stems = _title_stems(title + complement, ignored)
        form.stems |= stems
        form.id_stems.setdefault(sid, set()).update(stems)
        form.docs |= docs[sid]
        form.id_docs[sid] = docs[sid]
    return forms


def _single(form: _Form, sid: str) -> _Form:
    """The part of ``form`` one id holds: its title words and documents."""
    part = _Form(form.key, form.core, Counter({sid: form.ids[sid]}))
    part.stems, part.docs = form.id_stems[sid], form.id_docs[sid]
    return part


def _contains(short: tuple, long: tuple) -> bool:
    """Whether ``long`` is ``short`` with words added inside: same first and last word, the rest in order."""
    if len(short) > len(long) or short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(w in it for w in short)


def _evidence(a: _Form, b: _Form) -> str:
    """What says ``a`` and ``b`` are one person beyond the name: shared title words, or an article naming both.

    Title evidence is two shared title words at least: one ("نادي" in "رئيس
    نادي الهلال" and "رئيس نادي النصر") names a kind of office, not the
    office; nationalities and places alone ("اليمني", "السعودي") say where a
    person is from.
    """
    shared = sorted(a.stems & b.stems)
    if len(shared) >= 2 and len(set(shared) - _places()) >= 1:
        return "title: " + " ".join(shared)
    # an article naming both is evidence for names that are surely names: a patronymic chain ("بندر بن
    # فهم العتيبي") or a known given name; "إمارة عسير" and "إمارة منطقة عسير" are no forms of a person
    if not (_PARTICLES & set(a.key + b.key) or a.core[0] in _wordsets()[1]):
        return ""
    both = sorted(a.docs & b.docs)
    return f"same article: {both[0]}" if both else ""


def find_merges(utterances: pd.DataFrame) -> pd.DataFrame:
    """Which unregistered persons' ids name one person, with the rule and evidence for each.

    Parameters
    ----------
    utterances : DataFrame
        The utterances of a whole corpus: ``utterance_id, doc_id, speaker_id,
        speaker`` and ``speaker_kind`` (only persons are merged).

    Returns
    -------
    DataFrame
        One row per id merged into another (:data:`MERGE_COLUMNS`):
        ``speaker_id`` and ``speaker`` (the name it is most often listed by) merge into
        ``merged_into`` / ``merged_speaker`` (the fullest form, the most
        quoted spelling of it); ``rule`` ("spelling" or "short form"),
        ``evidence``, its ``n_utterances`` and ``n_documents``, and its
        ``utterance_ids`` (space-separated) to undo the merge.
    """
    forms = _forms(utterances)
    target: dict[tuple, tuple[tuple, str, str]] = {}  # form key -> (form key it joins, rule, evidence)
    by_ends: dict[tuple, list[_Form]] = defaultdict(list)
    for f in forms.values():
        by_ends[(f.core[0], f.core[-1])].append(f)
    for group in by_ends.values():
        if len(group) < 2:
            continue
        for f in group:
            if not f.ids or len(f.core) == 2 and _PARTICLES & set(f.key):
                continue  # "فهد بن عبدالعزيز" is a man and his father, no family name: many men bear it
            longer = [g for g in group if g is not f and (g.core != f.core or len(g.key) > len(f.key))
                      and _contains(f.core, g.core)]
            if not longer:
                continue
            # every longer form must be a form of one name: each contains the others or is contained
            if any(not (_contains(a.core, b.core) or _contains(b.core, a.core)) for a in longer for b in longer):
                continue
            top = max(longer, key=lambda g: (len(g.core), len(g.key), g.n, min(g.ids or g.local)))
            if not top.ids:
                continue  # the long form is named in one article only: no id to merge into
            why = _evidence(f, top)
            if why:
                target[f.key] = (top.key, "short form", why)
    # an id's name is the one it is most often listed by (ties: the longest, then the first)
    phrase = {sid: min(c, key=lambda p: (-c[p], -len(p), p)) for f in forms.values() for sid, c in f.names.items()}
    rows = []
    for f in forms.values():
        if not f.ids:
            continue
        into, rule, why = target.get(f.key, (f.key, "spelling", ""))
        main = forms[into].main_id
        for sid in sorted(f.ids):
            if sid == main:
                continue
            if rule == "spelling":
                # one name written two ways is held to the same evidence: a clause the attribution cut
                # wrong ("حالة الطوارئ") is written two ways too
                why = _evidence(_single(f, sid), _single(f, main))
                if not why:
                    continue
            rows.append({"speaker_id": sid, "merged_into": main, "rule": rule, "evidence": why})
    merges = pd.DataFrame(rows, columns=["speaker_id", "merged_into", "rule", "evidence"])
    return _describe(merges, utterances, phrase)


def _describe(merges: pd.DataFrame, utterances: pd.DataFrame, phrase: dict) -> pd.DataFrame:
    """The merges with names, counts and utterance ids, in a stable order (most quoted target first)."""
    if merges.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c.startswith("n_") else "string") for c in MERGE_COLUMNS})
    ids = set(merges["speaker_id"]) | set(merges["merged_into"])
    rows = utterances[utterances["speaker_id"].isin(list(ids))]
    merges = merges.assign(speaker=merges["speaker_id"].map(phrase), merged_speaker=merges["merged_into"].map(phrase))
    stats = rows.groupby("speaker_id").agg(n_utterances=("utterance_id", "size"), n_documents=("doc_id", "nunique"),
                                           utterance_ids=("utterance_id", lambda s: " ".join(map(str, s))))
    merges = merges.join(stats, on="speaker_id")
    total = merges.groupby("merged_into")["n_utterances"].transform("sum")
    merges = merges.assign(_total=total).sort_values(["_total", "merged_into", "n_utterances", "speaker_id"],
                                                     ascending=[False, True, False, True], kind="mergesort")
    return merges[list(MERGE_COLUMNS)].reset_index(drop=True)


def merges_from_parts(paths) -> pd.DataFrame:
    """:func:`find_merges` over utterance tables stored as Parquet files (a run's batch parts).

    Only the columns it needs are read (:data:`NEEDED_COLUMNS`).
    """
    import pyarrow.parquet as pq

    frames = []
    for path in paths:
        names = set(pq.read_schema(path).names)
        frames.append(pd.read_parquet(path, columns=[c for c in NEEDED_COLUMNS if c in names]))
    if not frames:
        return find_merges(pd.DataFrame(columns=list(NEEDED_COLUMNS)))
    return find_merges(pd.concat(frames, ignore_index=True))


def merge_arrow(table, merges: pd.DataFrame):
    """:func:`apply_merges` on an Arrow table (a part of the utterances table as it is joined)."""
    import pyarrow as pa

    import pyarrow.compute as pc

    if merges is None or merges.empty or "speaker_id" not in table.column_names:
        return table
    # most parts hold none of the merged ids: leave those as they are
    if not pc.any(pc.is_in(table.column("speaker_id"), value_set=pa.array(merges["speaker_id"].tolist()))).as_py():
        return table
    cols = table.select(["speaker_id", "speaker"]).to_pandas()
    merged = apply_merges(cols, merges)
    for name in ("speaker_id", "speaker"):
        i = table.column_names.index(name)
        table = table.set_column(i, table.schema.field(i), pa.array(merged[name], type=table.schema.field(i).type))
    return table


def apply_merges(utterances: pd.DataFrame, merges: pd.DataFrame) -> pd.DataFrame:
    """The utterances with each merged id's rows given the id and name of the form it joins.

    >>> u = pd.DataFrame({"speaker_id": ["x:a", "x:b"], "speaker": ["A", "B A"]})
    >>> m = pd.DataFrame({"speaker_id": ["x:a"], "merged_into": ["x:b"], "merged_speaker": ["B A"]})
    >>> apply_merges(u, m)[["speaker_id", "speaker"]].values.tolist()
    [['x:b', 'B A'], ['x:b', 'B A']]
    """
    if merges is None or merges.empty:
        return utterances
    to_id = dict(zip(merges["speaker_id"], merges["merged_into"]))
    to_name = dict(zip(merges["merged_into"], merges["merged_speaker"]))
    hit = utterances["speaker_id"].isin(list(to_id))
    out = utterances.copy()
    out.loc[hit, "speaker_id"] = out.loc[hit, "speaker_id"].map(to_id)
    # the merged rows take the phrase the fullest form is most often named by, which is then the
    # speaker's most frequent phrase (its name in the speakers table); the form's own rows keep theirs
    out.loc[hit, "speaker"] = out.loc[hit, "speaker_id"].map(to_name)
    return out
