"""Registry entries to propose for the most-quoted speakers the actor registry does not know.

``framing analyze`` gives a speaker the registry does not know an id of its
own (``x:...``), made from the name as written; the same person then
appears under several ids ("Secretary Greyson", "Secretary of Commerce
Martha L Greyson") and never across languages.  :func:`suggest_actors` groups
those variants and proposes one registry entry per group, most quoted
first; :func:`actors_yaml` writes them as a registry file for a researcher
to edit and pass back with ``framing analyze ... --actors FILE``.

Grouping is deliberately conservative, because a wrong merge silently adds
one person's statements to another's while a missed merge is one more entry
to join by hand:

- variants whose names are the same once leading titles are dropped
  ("الخبير الاقتصادي سامي العلي" and "سامي العلي") are one group;
- a shorter name joins a longer one that ends with it ("الجبير" and "عادل
  الجبير", "Greyson" and "Martha L Greyson") only when exactly one group has
  a longer name ending with it ("Smith" with both "John Smith" and "Ann
  Smith" in the corpus stays alone).

Examples
--------
>>> import pandas as pd
>>> from framing.attribution.actors import Registry
>>> u = pd.DataFrame({
...     "utterance_id": ["1", "2", "3", "4"], "doc_id": ["a", "a", "b", "c"],
...     "speaker_id": ["x:martha_l_greyson", "x:martha_l_greyson", "x:greyson", "x:greyson"],
...     "speaker": ["Secretary of Commerce Martha L Greyson"] * 2 + ["Secretary Greyson"] * 2,
...     "mention": ["Secretary of Commerce Martha L Greyson", "she", "Secretary Greyson", "Greyson"],
...     "speaker_kind": ["person"] * 4})
>>> [g] = suggest_actors(u, Registry.load())
>>> g["id"], g["name"], g["kind"], g["n_utterances"], g["n_documents"]
('martha_l_greyson', 'Martha L Greyson', 'person', 4, 3)
>>> g["names"]["en"]
['Secretary of Commerce Martha L Greyson', 'Martha L Greyson', 'Secretary Greyson', 'Greyson']
>>> print(actors_yaml([g]).splitlines()[0])
# framing actors suggest: 1 proposed actor(s) for the speakers the registry does not know
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import Counter

import pandas as pd

from framing.attribution.actors import KINDS as REGISTRY_KINDS
from framing.attribution.actors import Registry
from framing.attribution.cues import cue_lexicon
from framing.attribution.kinds import given_names, phrase_kind
from framing.attribution.resolve import TITLE_LINKS
from framing.errors import InputError
from framing.lang import read_wordlist
from framing.text import ARABIC_LETTER, fold, tokenize

#: The first line of every file :func:`actors_yaml` writes; the command line recognises its own files by it.
MARKER = "# framing actors suggest:"
#: Columns of the utterances table the suggestions need.
REQUIRED_COLUMNS = ("utterance_id", "doc_id", "speaker_id", "speaker")

_ARABIC_RE = re.compile(f"[{ARABIC_LETTER}]")
_DETERMINERS = frozenset(["the", "a", "an"])
# words inside an English title before its complement ("Secretary of Commerce", "Ambassador to the UN")
_EN_TITLE_LINKS = frozenset(["of", "to", "for", "at", "on", "in", "and", "the"])


# --- name cores ------------------------------------------------------------------------------------

def _lang_of(text: str) -> str:
    return "ar" if _ARABIC_RE.search(text) else "en"


def _norm(token: str, lang: str) -> str:
    """A token as names are compared: folded, lower-case, and in Arabic without the article
    (a surname is written "الحداد" and "حداد")."""
    w = fold(token).lower()
    if lang == "ar" and w.startswith("ال") and len(w) > 4:
        w = w[2:]
    return w


def _name_start(tokens: list[str], norms: list[str], begin: int, lang: str, titled: bool = False) -> int | None:
    """Where a name begins at or after ``begin``, past the title words before it; None for a title alone.

    Arabic: a title is role words with their definite complements ("وزير الطاقة الروسي");
    the name begins at a given name or at the first word that is neither.  English: role
    words, link words and one capitalised complement after a link ("Secretary of the
    Treasury"); a complement is skipped only when two words follow it, so "Secretary of
    State Antony Blinken" keeps "Antony Blinken".
    """
    role_words = cue_lexicon(lang).role_words
    after_link = False
    for k in range(begin, len(norms)):
        n = norms[k]
        if lang == "ar":
            if n in given_names("ar"):
                return k
            if n in role_words:
                titled = True
                continue
            if titled and (n.startswith(("ال", "ل")) or _is_linked(n) or n in TITLE_LINKS
                           or _is_body_head(tokens[k], lang)):
                continue  # "المتحدث باسم وزارة الدفاع": the ministry completes the title
            return k
        if n in _EN_TITLE_LINKS and (titled or n in role_words):
            titled = after_link = True
            continue
        if n in role_words:  # a department among the role words fills the place after "of" itself
            titled, after_link = True, False
            continue
        if titled and after_link and tokens[k][:1].isupper() and (len(norms) - k > 2 or _is_body_head(tokens[k], lang)):
            after_link = False
            continue
        return k
    return None


def _is_linked(norm: str) -> bool:
    """ "للإغاثة", "والأعمال", "بالدور": a preposition or "and" with the article is never inside a name."""
    return norm.startswith(("لل", "وال", "بال", "فال")) and len(norm) > 4


def _is_body_head(word: str, lang: str) -> bool:
    """Whether a word heads the name of a body ("وزارة", "Department"), so it cannot begin a person's name."""
    return phrase_kind([word], lang) != "person"


def name_core(name: str, kind: str = "person") -> tuple[list[str], bool]:
    """The words of ``name`` that name the speaker, and whether there are any besides a title.

    Parameters
    ----------
    name : str
        A speaker as the tables give it ("Secretary of Commerce Martha L Greyson").
    kind : str
        ``person``, or any other kind for a body, whose name is kept whole.

    Returns
    -------
    (list of str, bool)
        The words of the name, and False when they are only a title.

    Notes
    -----
    A person's titles are dropped from the front ("the", role words and their
    complements) and a title after the name is cut off ("جون سميث المتحدث باسم
    وزارة الدفاع"); a body's name is kept whole, less a leading "the".  A title
    with no name ("الرئيس الأميركي", "the Secretary") is returned whole, with False.

    >>> name_core("Secretary of Commerce Martha L Greyson")
    (['Martha', 'L', 'Greyson'], True)
    >>> name_core("الرئيس اليمني السابق علي عبدالله صالح")[0]
    ['علي', 'عبدالله', 'صالح']
    >>> name_core("جون سميث المتحدث باسم وزارة الدفاع الاميركية")[0]
    ['جون', 'سميث']
    >>> name_core("سفير خادم الحرمين الشريفين في مصر سامر حداد")[0]
    ['سامر', 'حداد']
    >>> name_core("الرئيس الأميركي")
    (['الرئيس', 'الأميركي'], False)
    >>> name_core("the Foreign Ministry", "institution")
    (['Foreign', 'Ministry'], True)
    >>> name_core("Mr Sullivan")[0], name_core("reiterating something Kate")[0]
    (['Sullivan'], ['Kate'])
    """
    tokens = tokenize(name)
    lang = _lang_of(name)
    while len(tokens) > 1 and fold(tokens[0]).lower() in _DETERMINERS:
        tokens = tokens[1:]
    if lang == "en" and any(t[:1].isupper() for t in tokens):
        # an English name begins with a capital: "reiterating something Kate", "members of the Group of
        # Creditors" slipped in other words; but a body's name may not ("the government of Ukraine")
        first = next(i for i, t in enumerate(tokens) if t[:1].isupper())
        if kind == "person" or (first and fold(tokens[first - 1]).lower() in _DETERMINERS):
            tokens = tokens[first:]
    if kind != "person" or not tokens:
        return tokens, bool(tokens)
    # "Mr Sullivan": the speaker's name is written without the full stop the role word has
    norms = [fold(t).lower() + ("." if lang == "en" and fold(t).lower() + "." in cue_lexicon(lang).role_words
                                else "") for t in tokens]
    role_words = cue_lexicon(lang).role_words
    start = _name_start(tokens, norms, 0, lang)
    if start is None:
        return tokens, False
    if lang == "ar":
        # a given name after a title with a link in it: "سفير خادم الحرمين الشريفين في مصر سامر حداد"
        # (the first given name of a run: "علي عبدالله صالح" stays whole)
        names = given_names("ar")
        for g in range(start + 1, len(norms)):
            if norms[g] in names and norms[g - 1] not in names and any(
                    n in role_words or n in TITLE_LINKS or _is_linked(n) for n in norms[start:g]):
                start = g
                break
    end = len(tokens)
    j = start + 1
    while j < end:
        title = norms[j] in role_words and not (lang == "en" and norms[j] in _EN_TITLE_LINKS)
        if not (title or (lang == "ar" and _is_linked(norms[j]))):
            j += 1
            continue
        # a title inside the name: a longer title with the name after it ("... لجهاز مكافحة الإرهاب
        # العميد عبد الكريم السالم", "Pentagon Press Secretary John Kirby", "مركز الأمير خالد للإغاثة
        # والأعمال الإنسانية نبيل الحداد"), or a title after the name ("جون سميث المتحدث باسم ...")
        again = _name_start(tokens, norms, j, lang, titled=True)
        if again is not None:
            start, j = again, again + 1
        else:
            if j - start >= 2:  # "Commerce Secretary" is a title, not a one-word name and a title
                end = j
            break
    return tokens[start:end], True


# --- grouping ----------------------------------------------------------------------------------------

class _Union:
    """Disjoint sets of speaker ids: joins are transitive ("Greyson" to "Secretary Greyson" to "Martha L Greyson")."""

    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _is_name_like(words: list[str], common: frozenset = frozenset()) -> bool:
    """Whether a core can be a name: English words with no capital ("faced fundamental"), of stop words
    only ("Let me", "Not for"), beginning with a pronoun ("I hereby"), or one word that the corpus also
    gives as a speaker in lower case (``common``: "Please" and "please") are extraction slips.

    >>> _is_name_like(["Let", "me"]), _is_name_like(["I", "hereby"]), _is_name_like(["May"]), _is_name_like(["law"])
    (False, False, True, False)
    >>> _is_name_like(["Please"], common=frozenset(["please"]))
    False
    """
    text = " ".join(words)
    if not words or _ARABIC_RE.search(text):
        return bool(words)
    if not any(ch.isupper() for ch in text):
        return False
    low = [fold(w).lower() for w in words]
    stop = read_wordlist("en", "stopwords.txt")
    if len(low) == 1 and low[0] in common:
        return False
    return low[0] not in cue_lexicon("en").pronouns and not (len(low) > 1 and all(w in stop for w in low))


def _registry_kind(kinds: pd.Series) -> tuple[str, str]:
    """The registry kind of a group from its utterances' ``speaker_kind``, and the kind as tagged.

    A kind the registry file does not accept becomes one it does (``media`` and
    ``document``, where the registry lacks them, ``institution``; anything else
    ``person``); no kind at all is ``person``.

    >>> _registry_kind(pd.Series(["institution", "person", "institution", None]))
    ('institution', 'institution')
    >>> _registry_kind(pd.Series(["crowd", "crowd"])), _registry_kind(pd.Series([None]))
    (('person', 'crowd'), ('person', ''))
    """
    counts = Counter(k for k in kinds.dropna().astype(str) if k and k != "unknown")
    if not counts:
        return "person", ""
    tagged = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    if tagged in REGISTRY_KINDS:
        return tagged, tagged
    return ("institution" if tagged in ("media", "document") else "person"), tagged


def _known_alias(registry: Registry, alias: str) -> bool:
    """Whether the registry already has ``alias`` whole as a name or role (the new entry would take it over)."""
    tokens = tokenize(alias)
    match = registry.longest_match(tokens, 0) if tokens else None
    return match is not None and match.length == len(tokens)


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def _propose_id(name: str, taken: set[str]) -> str:
    """An ascii slug of a latin name, else ``x_`` and a short hash; never an id in ``taken``
    (an id the registry has would replace that actor)."""
    slug = _slug(name) if not _ARABIC_RE.search(name) else ""
    base = slug or "x_" + hashlib.sha1(fold(name).lower().encode("utf-8")).hexdigest()[:8]
    ident, n = base, 1
    while ident in taken:
        n += 1
        ident = f"{base}_{n}"
    taken.add(ident)
    return ident


def suggest_actors(utterances: pd.DataFrame, registry: Registry, *, top: int = 100,
                   min_utterances: int = 2) -> list[dict]:
    """Proposed registry entries for the most-quoted unregistered named speakers (ids ``x:...``).

    Parameters
    ----------
    utterances : pandas.DataFrame
        The ``utterances`` table of ``framing analyze`` (``utterance_id``,
        ``doc_id``, ``speaker_id``, ``speaker``; ``mention`` and
        ``speaker_kind`` when present).
    registry : Registry
        The registry the analysis used: proposed ids avoid its ids, and names
        it already has (as a name or a role) are not proposed again.
    top : int
        Keep at most this many groups, most quoted first.
    min_utterances : int
        Leave out groups with fewer utterances.

    Returns
    -------
    list of dict
        One per group, most utterances first: ``id``, ``name``, ``kind``,
        ``names`` (``{"ar": [...], "en": [...]}``, fullest first), and for the
        comments ``n_utterances``, ``n_documents``, ``examples`` (up to two
        ``(mention, doc_id)``), ``speaker_ids``, ``kind_tagged``, ``title_only``.

    Raises
    ------
    InputError
        When the table lacks a column it needs.

    Examples
    --------
    >>> u = pd.DataFrame({"utterance_id": ["1", "2", "3"], "doc_id": ["a", "b", "b"],
    ...                   "speaker_id": ["x:ar_1", "x:ar_2", "x:ar_2"],
    ...                   "speaker": ["عادل الجبير", "وزير الخارجية عادل الجبير", "وزير الخارجية عادل الجبير"]})
    >>> [(g["names"]["ar"], g["n_utterances"]) for g in suggest_actors(u, Registry([]))]
    [(['وزير الخارجية عادل الجبير', 'عادل الجبير'], 3)]
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in utterances.columns]
    if missing:
        raise InputError(f"the utterances table has no column {', '.join(missing)} (rerun `framing analyze`)")
    u = utterances[utterances["speaker_id"].astype(str).str.startswith("x:")
                   & utterances["speaker"].notna()].copy()
    if u.empty:
        return []
    u["speaker"] = u["speaker"].astype(str)
    kinds = u["speaker_kind"] if "speaker_kind" in u.columns else pd.Series("person", index=u.index)
    u["_person"] = (kinds == "person") | kinds.isna()

    # one entry per way a speaker was written: its core key, and whether it names anyone
    variants = (u.groupby(["speaker_id", "speaker"], sort=True)
                .agg(n=("utterance_id", "size"), persons=("_person", "sum")).reset_index())
    variants["kind"] = (2 * variants["persons"] >= variants["n"]).map({True: "person", False: "body"})
    # a sentence-initial capital makes a common word look like a name ("Please", "All"); the same word
    # given elsewhere in lower case shows it is not one
    common = frozenset(fold(sp).lower() for sp in variants["speaker"]
                       if " " not in sp.strip() and sp.islower() and not _ARABIC_RE.search(sp))
    info = {}
    for row in variants.itertuples(index=False):
        core, named = name_core(row.speaker, "person" if row.kind == "person" else "institution")
        if not _is_name_like(core, common):
            continue
        lang = _lang_of(row.speaker)
        key = tuple(_norm(t, lang) for t in core)
        info[(row.speaker_id, row.speaker)] = (core, named, key, row.kind, row.n)
    if not info:
        return []

    groups = _Union(sorted({sid for sid, _ in info}))
    # the same core under several ids is one speaker
    by_key: dict[tuple, str] = {}
    for (sid, _), (_, named, key, kind, _) in sorted(info.items()):
        k = (named, kind, key)
        if k in by_key:
            groups.union(by_key[k], sid)
        else:
            by_key[k] = sid
    # a shorter name joins the one group whose longer names end with it; the longest first, so a
    # surname meets its full names already joined ("عبدالله صالح" into "علي عبدالله صالح", then "صالح")
    named_keys = sorted({(key, kind) for (_, named, key, kind, _) in info.values() if named and key},
                        key=lambda kk: (-len(kk[0]), kk))
    # a name the registry has ("Ukraine" of "the government of Ukraine") ends other names by chance
    known = {key for (core, named, key, _, _) in info.values() if named and _known_alias(registry, " ".join(core))}
    # the longer names ending with each shorter one, found through their proper suffixes (not by
    # comparing every pair: a large corpus has a hundred thousand names)
    ending: dict[tuple, list[tuple]] = {}
    for key, kind in named_keys:
        for k in range(1, len(key)):
            ending.setdefault((kind, key[-k:]), []).append(key)
    for key, kind in named_keys:
        if key in known:
            continue
        own = groups.find(by_key[(True, kind, key)])
        fits = {groups.find(by_key[(True, kind, longer)]) for longer in ending.get((kind, key), ())}
        fits.discard(own)
        if len(fits) == 1:
            groups.union(own, fits.pop())

    members: dict[str, list[tuple[str, str]]] = {}
    for sid, speaker in info:
        members.setdefault(groups.find(sid), []).append((sid, speaker))
    root_of = {sid: groups.find(sid) for sid, _ in info}
    u = u[u["speaker_id"].isin(root_of)].assign(_group=lambda d: d["speaker_id"].map(root_of))
    # counts of every group at once; the details only for the groups that are kept
    counts = u.groupby("_group").agg(n=("utterance_id", "size"), docs=("doc_id", "nunique"))
    counts = counts[counts["n"] >= min_utterances]
    order = sorted(counts.itertuples(), key=lambda r: (-r.n, -r.docs, r.Index))
    positions = u.groupby("_group").indices  # row positions per group, cheap to build; rows taken when needed

    proposals = []
    for r in order:
        if len(proposals) >= top:
            break
        variants_of, rows = members[r.Index], u.iloc[positions[r.Index]]
        kind, tagged = _registry_kind(rows["speaker_kind"]) if "speaker_kind" in rows else ("person", "")
        title_only = kind == "person" and not any(info[v][1] and info[v][3] == "person" for v in variants_of)
        # the names: each core ("Martha L Greyson") and each way it was written ("Secretary of Commerce
        # Martha L Greyson"), the latter so that the re-run matches the whole mention, whatever its titles;
        # a title alone is left out of a named group (it would take every holder of the title)
        rescued = _bare_surnames(variants_of, info, rows) if title_only else {}
        title_only = title_only and not rescued
        cores: dict[str, Counter] = {}
        spellings: dict[str, Counter] = {}
        for v in variants_of:
            core, named, _, _, n = info[v]
            if v in rescued:
                core, named = rescued[v], True
            if not named and not title_only:
                continue
            written = tokenize(v[1])
            while len(written) > 1 and fold(written[0]).lower() in _DETERMINERS:
                written = written[1:]
            for words, into in ((core, cores), (core, spellings), (written, spellings)):
                into.setdefault(" ".join(fold(t).lower() for t in words), Counter())[" ".join(words)] += n
        names = [a for a in _fullest_first(spellings) if not _known_alias(registry, a)]
        if not names:  # the registry has every name already (the analysis did not match it in context)
            continue
        name = next((a for a in _fullest_first(cores) if a in names), names[0])
        proposals.append({
            "name": name, "kind": kind, "kind_tagged": tagged,
            "names": {"ar": [n for n in names if _lang_of(n) == "ar"], "en": [n for n in names if _lang_of(n) == "en"]},
            "n_utterances": int(r.n), "n_documents": int(r.docs),
            "examples": _examples(rows), "speaker_ids": sorted({sid for sid, _ in variants_of}),
            "title_only": title_only,
        })
    proposals.sort(key=lambda g: (-g["n_utterances"], -g["n_documents"], g["name"]))
    taken = {a.id for a in registry}
    for g in proposals:
        g["id"] = _propose_id(g["name"], taken)
    # ids first, for reading the dict as the registry entry it proposes
    return [{"id": g.pop("id"), **g} for g in proposals]


def _bare_surnames(variants_of, info, rows: pd.DataFrame) -> dict:
    """Title-only variants whose last word the text also uses alone as the speaker ("المرجع الصرخي" and
    "الصرخي"): that word is a surname, not the adjective of a title ("الرئيس الأميركي"); variant -> [surname]."""
    if "mention" not in rows.columns:
        return {}
    bare = {fold(m).lower() for m in rows["mention"].dropna().astype(str) if len(tokenize(m)) == 1}
    found = {}
    for v in variants_of:
        core, named = info[v][0], info[v][1]
        if named or len(core) < 2:
            continue
        last = fold(core[-1]).lower()
        if last in bare and last not in cue_lexicon(_lang_of(v[1])).role_words:
            found[v] = core[-1:]
    return found


def _fullest_first(spellings: dict[str, Counter]) -> list[str]:
    """One alias per folded spelling, as it is most often written; the most words first, then the most quoted."""
    ranked = [(c.most_common(1)[0][0], sum(c.values())) for c in spellings.values()]
    return [a for a, _ in sorted(ranked, key=lambda an: (-len(tokenize(an[0])), -an[1], an[0]))]


def _examples(rows: pd.DataFrame, n: int = 2) -> list[tuple[str, str]]:
    """Up to ``n`` mentions as written, each from another wording when there are several (the most common first)."""
    col = rows["mention"] if "mention" in rows.columns else rows["speaker"]
    col = col.where(col.notna() & (col.astype(str).str.strip() != ""), rows["speaker"]).astype(str)
    # a name says more than the "he" of a carried-over subject
    named = col.index if "resolved_by" not in rows.columns else \
        rows.index[~rows["resolved_by"].isin(["implicit", "implicit_mismatch", "pronoun"])]
    counts = Counter(col[named] if len(named) else col)
    out = []
    for text, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]:
        out.append((text, str(rows.loc[col == text, "doc_id"].iloc[0])))
    return out


# --- YAML -----------------------------------------------------------------------------------------------

def _quote(text: str) -> str:
    # a JSON string is a YAML double-quoted scalar: safe for any name (colons, quotes, Arabic)
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    return " ".join(str(text).split())  # a line break in a mention would end the comment


def actors_yaml(groups: list[dict], *, source: str | None = None, settings: str = "") -> str:
    """The registry file of the proposed actors, with comments for the researcher who edits it.

    Each entry has the fields of ``framing/data/actors.yml`` (``id``, ``name``,
    ``kind``, ``names``) and comments with its counts, example mentions and the
    speaker ids it joins.  A title with no name (``title_only``) is written
    commented out: as a name it would take every holder of the title.  The
    first line starts with :data:`MARKER`.

    Parameters
    ----------
    groups : list of dict
        From :func:`suggest_actors`.
    source : str, optional
        The folder the tables came from, named in the header.
    settings : str
        The settings, named in the header ("top 100, at least 2 utterances").

    Examples
    --------
    >>> text = actors_yaml([{"id": "sami", "name": "Sami Ali", "kind": "person",
    ...                      "names": {"ar": ["سامي العلي"], "en": ["Sami Ali"]}, "n_utterances": 3,
    ...                      "n_documents": 2, "examples": [("Sami Ali", "d1")], "speaker_ids": ["x:sami_ali"]}])
    >>> import yaml
    >>> yaml.safe_load(text)["actors"][0]["names"]["ar"]
    ['سامي العلي']
    """
    where = f" in {source}" if source else ""
    active = [g for g in groups if not g.get("title_only")]
    lines = [f"{MARKER} {len(active)} proposed actor(s) for the speakers the registry does not know{where}"
             + (f" ({settings})" if settings else ""),
             "#",
             "# Check each entry: delete the ones that are not speakers, join entries that are one person, fix",
             f"# `kind` ({' | '.join(REGISTRY_KINDS)}), add `side`, `affiliation` and the other",
             "# language's names.  Entries commented out are titles with no name: as a name, a title would",
             "# take every holder of it; list it under `roles:` (with `in_office: {from:, until:}`) of the",
             "# actor who held it, or uncomment it if one person holds it throughout the corpus.",
             "# Then pass this file back: framing analyze CORPUS --out OUT --actors THIS_FILE",
             "actors:" if active else "actors: []"]
    for g in groups:
        off = "# " if g.get("title_only") else ""
        lines.append(f"  # {g['n_utterances']} utterances in {g['n_documents']} document(s); "
                     f"from {', '.join(g['speaker_ids'][:4])}{' ...' if len(g['speaker_ids']) > 4 else ''}")
        if g.get("examples"):
            lines.append("  # e.g. " + "; ".join(f"{_quote(_comment(m))} (document {_comment(d)})"
                                                 for m, d in g["examples"]))
        if g.get("kind_tagged") and g["kind_tagged"] != g["kind"]:
            lines.append(f"  # tagged {g['kind_tagged']} in the tables; the registry has no such kind")
        if off:
            lines.append("  # a title with no name (commented out):")
        lines.append(f"  {off}- id: {g['id']}")
        lines.append(f"  {off}  name: {_quote(g['name'])}")
        lines.append(f"  {off}  kind: {g['kind']}")
        lines.append(f"  {off}  names:")
        for lang in ("ar", "en"):
            names = g["names"].get(lang) or []
            if names:
                lines.append(f"  {off}    {lang}: [{', '.join(_quote(n) for n in names)}]")
    return "\n".join(lines) + "\n"


__all__ = ["MARKER", "actors_yaml", "name_core", "suggest_actors"]
