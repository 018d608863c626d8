"""Topic models: separable themes, determinism, streaming, save/load, alignment, CLI.

The fixtures are short documents drawn from word pools written for these
tests: three clearly separable themes per language, plus function words,
reporting verbs and clitic forms that preprocessing must remove or merge.
"""

from __future__ import annotations

import json
import random

import numpy as np
import pandas as pd
import pytest

from framing.errors import FramingError
from framing.topics.preprocess import Preprocessor, light_stem
from framing.topics.model import METHOD, TopicModel, align_topics, choose_k, stability, topic_similarity

EN_THEMES = {
    "economy": "oil prices market inflation bank investors exports currency budget trade".split(),
    "sport": "football match goal league coach players championship stadium referee fans".split(),
    "health": "hospital vaccine doctors patients virus clinic disease nurses surgery medicine".split(),
}
EN_FILLER = "the said that of in and he was on it told according to".split()
# nouns without the article, so bare و+noun occurs; وزير keeps its own و
AR_THEMES = {
    "economy": "نفط أسعار سوق تضخم مصرف مستثمرين صادرات عملة ميزانية تجارة".split(),
    "sport": "كرة مباراة هدف دوري مدرب لاعبين بطولة ملعب حكم جمهور".split(),
    "health": "مستشفى لقاح أطباء مرضى فيروس عيادة مرض ممرضات جراحة دواء".split(),
}
AR_FILLER = "قال في إن من على وقال وأضاف أن الذي هذا".split()
SETTINGS = dict(k=3, passes=10, no_below=2, no_above=0.9, seed=0)


def make_docs(themes, filler, n_per_theme=25, seed=7, clitic=None):
    """Documents of 10-16 words: most from one theme's pool, some filler; optional و on some nouns."""
    rng = random.Random(seed)
    docs = []
    for i in range(n_per_theme):
        for name, pool in themes.items():
            words = [rng.choice(pool) for _ in range(rng.randint(8, 12))]
            if clitic:
                words = [clitic + w if rng.random() < 0.25 else w for w in words]
            words += [rng.choice(filler) for _ in range(4)]
            rng.shuffle(words)
            docs.append({"doc_id": f"{name}-{i}", "title": None, "text": " ".join(words), "lang": None,
                         "theme": name})
    return docs


@pytest.fixture(scope="module")
def en_docs():
    return make_docs(EN_THEMES, EN_FILLER)


@pytest.fixture(scope="module")
def ar_docs():
    return make_docs(AR_THEMES, AR_FILLER + ["وزير"], clitic="و")


@pytest.fixture(scope="module")
def en_model(en_docs):
    return TopicModel(**SETTINGS).fit(en_docs)


@pytest.fixture(scope="module")
def ar_model(ar_docs):
    return TopicModel(**SETTINGS).fit(ar_docs)


def utterances(texts, lang="en"):
    return pd.DataFrame({"utterance_id": [f"u{i}" for i in range(len(texts))], "content": texts,
                         "lang": [lang] * len(texts)})


def held_out(themes, per_theme=4, seed=99):
    rng = random.Random(seed)
    rows = []
    for name, pool in themes.items():
        for _ in range(per_theme):
            rows.append((name, " ".join(rng.choice(pool) for _ in range(6))))
    return rows


# --- the themes come out --------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_theme_gets_its_own_topic(lang, en_model, ar_model):
    tm, themes = (en_model, EN_THEMES) if lang == "en" else (ar_model, AR_THEMES)
    rows = held_out(themes)
    out = tm.transform(utterances([text for _, text in rows], lang))
    by_theme = pd.Series(out["topic"].to_numpy()).groupby([name for name, _ in rows]).agg(set)
    # every held-out utterance of a theme lands in one topic, a different one per theme
    assert all(len(s) == 1 for s in by_theme), by_theme
    assert len({next(iter(s)) for s in by_theme}) == len(themes)


def test_top_words_come_from_one_pool(en_model):
    words = en_model.top_words(5)
    pools = {w: name for name, pool in EN_THEMES.items() for w in pool}
    for _, group in words.groupby("topic"):
        lemmas = [pools.get(w) for w in group["word"]]
        assert len(set(lemmas)) == 1 and lemmas[0] is not None, list(group["word"])


def test_stop_words_and_reporting_verbs_are_not_in_the_vocabulary(en_model, ar_model):
    assert not {"said", "say", "the", "told", "tell", "according"} & set(en_model.dictionary_.token2id)
    ar_vocab = set(ar_model.dictionary_.token2id)
    assert not {"قال", "وقال", "اضاف", "في", "ان"} & ar_vocab


def test_bare_clitic_forms_merge_into_the_word_the_corpus_uses(ar_model):
    vocab = ar_model.dictionary_.token2id
    stem = light_stem("صادرات")
    assert stem in vocab and "و" + stem not in vocab
    # an unseen clitic form still finds its word
    assert ar_model.index_.id("و" + light_stem("تضخم")) == vocab[light_stem("تضخم")]
    # وزير is a word of its own (زير never occurs): its و is kept
    assert "وزير" in vocab
    assert ar_model.metadata_["training"]["merged_clitic_forms"] >= len(AR_THEMES["economy"])


def test_labels_show_written_forms_not_stems(ar_model):
    words = set(ar_model.top_words(10)["word"])
    terms = set(ar_model.top_words(10)["term"])
    assert "مستشفى" in words or "أسعار" in words or "صادرات" in words
    assert terms != words  # stems differ from the written forms shown
    labels = ar_model.topic_labels(3)
    assert len(labels) == 3 and all(label.count(" · ") == 2 for label in labels)


# --- transform contract ------------------------------------------------------------

def test_transform_contract(en_model):
    texts = ["the vaccine and the hospital", "", "   ", "the said of", "unknownword zzz", "goal league fans"]
    out = en_model.transform(utterances(texts))
    k = en_model.k
    assert list(out.columns) == (["utterance_id"] + [f"topic_{i}" for i in range(k)]
                                 + ["topic", "topic_model", "topic_method"])
    assert out["utterance_id"].tolist() == [f"u{i}" for i in range(len(texts))]
    shares = out[[f"topic_{i}" for i in range(k)]].to_numpy()
    known = [0, 5]
    np.testing.assert_allclose(shares[known].sum(axis=1), 1.0, rtol=1e-5)
    assert (shares[known] > 0).all()
    # empty, blank, stop-words-only and unknown words: no topic, no invented shares
    for i in (1, 2, 3, 4):
        assert out["topic"].iloc[i] == -1 and np.isnan(shares[i]).all()
    assert out["topic"].dtype == np.int64
    assert (out["topic_method"] == METHOD).all() and (out["topic_model"] == en_model.fingerprint).all()


def test_transform_handles_missing_content(en_model):
    X = utterances(["goal league", None])
    out = en_model.transform(X)
    assert out["topic"].iloc[1] == -1


def test_transform_rejects_a_table_without_content(en_model):
    with pytest.raises(ValueError, match="content"):
        en_model.transform(pd.DataFrame({"utterance_id": ["u1"], "lang": ["en"]}))


def test_unfitted_model_says_so():
    with pytest.raises(FramingError, match="not fitted"):
        TopicModel().transform(utterances(["x"]))


def test_shares_do_not_depend_on_the_batch(en_model):
    texts = [text for _, text in held_out(EN_THEMES, per_theme=10)]
    together = en_model.topic_shares(texts)
    alone = np.vstack([en_model.topic_shares([t]) for t in texts])
    np.testing.assert_allclose(together, alone, rtol=1e-5, atol=1e-7)
    np.testing.assert_array_equal(en_model.topic_shares(texts), together)  # and not on earlier calls


def test_batched_inference_agrees_with_gensim(en_model):
    texts = [text for _, text in held_out(EN_THEMES, per_theme=5)]
    ours = en_model.topic_shares(texts)
    pre = Preprocessor()
    for text, row in zip(texts, ours):
        bow = en_model.index_.bow(pre(text))
        ref = np.array([p for _, p in en_model.model_.get_document_topics(bow, minimum_probability=0)])
        assert int(np.argmax(ref)) == int(np.argmax(row))
        assert np.abs(ref - row).max() < 0.02


# --- determinism, streaming, sampling ----------------------------------------------

def test_same_seed_same_model_other_seed_other_model(en_docs, en_model):
    again = TopicModel(**SETTINGS).fit(en_docs)
    np.testing.assert_array_equal(again.model_.get_topics(), en_model.model_.get_topics())
    assert again.fingerprint == en_model.fingerprint
    other = TopicModel(**{**SETTINGS, "seed": 1}).fit(en_docs)
    assert not np.array_equal(other.model_.get_topics(), en_model.model_.get_topics())
    assert other.fingerprint != en_model.fingerprint


class CountingCorpus:
    """A re-iterable corpus that counts how often it is read to the end."""

    def __init__(self, docs):
        self.docs, self.reads = docs, 0

    def __iter__(self):
        yield from self.docs
        self.reads += 1


def test_fit_streams_the_corpus_once_per_pass(en_docs):
    corpus = CountingCorpus(en_docs)
    TopicModel(**{**SETTINGS, "passes": 3}).fit(corpus)
    # vocabulary, three training passes, coherence (gensim also peeks at the first document)
    assert corpus.reads == 1 + 3 + 1


def test_fit_refuses_a_one_shot_generator(en_docs):
    with pytest.raises(FramingError, match="re-iterable"):
        TopicModel(**SETTINGS).fit(d for d in en_docs)


def test_sample_is_recorded_and_reproducible(en_docs):
    a = TopicModel(**{**SETTINGS, "sample": 30}).fit(en_docs)
    b = TopicModel(**{**SETTINGS, "sample": 30}).fit(en_docs)
    sample = a.metadata_["training"]["sample"]
    assert sample["size"] == 30 and sample["population"] == len(en_docs) and sample["seed"] == 0
    assert a.metadata_["training"]["n_documents"] == 30
    assert sample["indices_sha256"] == b.metadata_["training"]["sample"]["indices_sha256"]
    assert a.fingerprint == b.fingerprint
    c = TopicModel(**{**SETTINGS, "sample": 30, "seed": 5}).fit(en_docs)
    assert c.metadata_["training"]["sample"]["indices_sha256"] != sample["indices_sha256"]


def test_language_filter_and_duplicates_are_counted(en_docs, ar_docs):
    mixed = [dict(d, lang="en") for d in en_docs] + [dict(d, lang="ar") for d in ar_docs]
    mixed.append(dict(en_docs[0], doc_id="copy", lang="en", duplicate_of=en_docs[0]["doc_id"]))
    tm = TopicModel(**{**SETTINGS, "lang": "en"}).fit(mixed)
    training = tm.metadata_["training"]
    assert training["n_documents"] == len(en_docs)
    assert training["n_skipped_lang"] == len(ar_docs) and training["n_skipped_duplicates"] == 1
    assert not any("\u0600" <= ch <= "\u06ff" for term in tm.dictionary_.token2id for ch in term)


def test_fit_accepts_strings_dataframes_and_corpora(en_docs, en_model):
    from framing.corpus.documents import Corpus

    texts = [d["text"] for d in en_docs]
    from_strings = TopicModel(**SETTINGS).fit(texts)
    from_frame = TopicModel(**SETTINGS).fit(pd.DataFrame({"text": texts}))
    from_corpus = TopicModel(**SETTINGS).fit(Corpus.from_frame(pd.DataFrame({"text": texts}), lang="en"))
    for tm in (from_strings, from_frame, from_corpus):
        np.testing.assert_array_equal(tm.model_.get_topics(), en_model.model_.get_topics())


def test_texts_hash_is_recorded(en_docs, en_model):
    other = TopicModel(**SETTINGS).fit(en_docs[:-1])
    assert len(en_model.metadata_["training"]["texts_sha256"]) == 64
    assert other.metadata_["training"]["texts_sha256"] != en_model.metadata_["training"]["texts_sha256"]


@pytest.mark.parametrize("bad, message", [({"k": 0}, "k must"), ({"no_above": 0}, "no_above"),
                                          ({"sample": 0}, "sample")])
def test_bad_settings_are_named(en_docs, bad, message):
    with pytest.raises(FramingError, match=message):
        TopicModel(**{**SETTINGS, **bad}).fit(en_docs)


def test_pruning_everything_is_an_error(en_docs):
    with pytest.raises(FramingError, match="no term is left"):
        TopicModel(**{**SETTINGS, "no_below": 10_000}).fit(en_docs)


# --- persistence ----------------------------------------------------------------

def test_save_load_round_trip(tmp_path, ar_model):
    ar_model.save(tmp_path / "m")
    loaded = TopicModel.load(tmp_path / "m")
    X = utterances([text for _, text in held_out(AR_THEMES)] + ["", "وقال إن"], "ar")
    pd.testing.assert_frame_equal(loaded.transform(X), ar_model.transform(X))
    pd.testing.assert_frame_equal(loaded.top_words(8), ar_model.top_words(8))
    assert loaded.get_params() == {**ar_model.get_params(), "verbose": False}
    meta = json.loads((tmp_path / "m" / "metadata.json").read_text(encoding="utf-8"))
    assert meta["settings"]["k"] == 3 and meta["settings"]["seed"] == 0
    assert meta["preprocess"]["stemmer_version"] and meta["preprocess"]["stopwords"]["ar"]["sha256"]
    assert meta["training"]["n_documents"] == 75 and meta["fingerprint"] == ar_model.fingerprint


def test_load_detects_edited_files(tmp_path, en_model):
    en_model.save(tmp_path / "m")
    path = tmp_path / "m" / "dictionary.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    first, second = lines[1].split("\t"), lines[2].split("\t")
    first[1], second[1] = second[1], first[1]  # swap two words' ids
    lines[1], lines[2] = "\t".join(first), "\t".join(second)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FramingError, match="fingerprint"):
        TopicModel.load(tmp_path / "m")


def test_load_names_a_folder_that_is_not_a_model(tmp_path):
    with pytest.raises(FramingError, match="not a saved topic model"):
        TopicModel.load(tmp_path)


# --- coherence, choosing K, stability -----------------------------------------------

def test_topic_coherence_is_stored_and_recomputable(en_docs, en_model):
    stored = en_model.topic_coherence()
    assert list(stored.columns) == ["topic", "coherence", "label"] and len(stored) == 3
    assert np.isfinite(stored["coherence"]).all() and (stored["coherence"] <= 0).all()
    again = en_model.topic_coherence([d["text"] for d in en_docs])
    np.testing.assert_allclose(again["coherence"], stored["coherence"])


def test_choose_k_prefers_the_true_number_of_themes(en_docs):
    table = choose_k(en_docs, ks=(3, 8), passes=10, no_below=2, no_above=0.9)
    assert table["k"].tolist() == [3, 8]
    assert table.set_index("k")["coherence"].idxmax() == 3
    assert (table["measure"] == "u_mass@10").all()


def test_align_topics_recovers_a_permutation():
    rng = np.random.default_rng(0)
    topics = rng.dirichlet(np.full(200, 0.05), size=6)
    perm = rng.permutation(6)
    for metric in ("jsd", "cosine"):
        match, sim = align_topics(topics, topics[perm], metric)
        np.testing.assert_array_equal(perm[match], np.arange(6))
        np.testing.assert_allclose(sim, 1.0, atol=1e-6)
    noisy = topics[perm] + rng.dirichlet(np.ones(200), size=6) * 0.05
    match, sim = align_topics(topics, noisy)
    np.testing.assert_array_equal(perm[match], np.arange(6))
    assert (sim < 1).all() and (sim > 0.5).all()


def test_topic_similarity_bounds():
    a = np.array([[1.0, 0.0, 0.0], [0.0, 0.5, 0.5]])
    sim = topic_similarity(a, a)
    np.testing.assert_allclose(np.diag(sim), 1.0)
    np.testing.assert_allclose(sim[0, 1], 0.0, atol=1e-12)  # disjoint supports
    with pytest.raises(FramingError, match="unknown topic similarity"):
        topic_similarity(a, a, "euclid")


def test_stability_is_high_for_separable_themes(en_docs):
    result = stability(en_docs, k=3, seeds=(0, 1, 2), passes=10, no_below=2, no_above=0.9)
    assert len(result.pairs) == 3 and set(result.pairs["seed_a"]) == {0, 1}
    assert result.score > 0.8
    assert len(result.topics) == 3 and (result.topics["similarity"] > 0.8).all()
    with pytest.raises(FramingError, match="two seeds"):
        stability(en_docs, k=3, seeds=(0,))


# --- command line ---------------------------------------------------------------------

def test_cli_fit_and_show(tmp_path, en_docs, capsys):
    from framing.cli import main

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": d["doc_id"], "text": d["text"]}) for d in en_docs) + "\n",
                      encoding="utf-8")
    out = tmp_path / "model"
    status = main(["topics", "fit", str(corpus), "--lang", "en", "--k", "3", "--out", str(out),
                   "--passes", "10", "--no-below", "2", "--no-above", "0.9"])
    assert status == 0
    printed = capsys.readouterr()
    assert "fingerprint" in printed.out and "vocabulary" in printed.err
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    assert meta["training"]["corpus_sha256"] and meta["training"]["n_documents"] == len(en_docs)

    assert main(["topics", "show", str(out), "--n", "4", "--csv", str(tmp_path / "words.csv")]) == 0
    shown = capsys.readouterr().out
    assert "coherence" in shown and meta["fingerprint"] in shown
    words = pd.read_csv(tmp_path / "words.csv")
    assert len(words) == 12 and set(words.columns) == {"topic", "rank", "word", "term", "weight"}


def test_cli_choose_k_and_stability(tmp_path, en_docs, capsys):
    from framing.cli import main

    corpus = tmp_path / "news.jsonl"
    corpus.write_text("\n".join(json.dumps({"text": d["text"]}) for d in en_docs) + "\n", encoding="utf-8")
    common = ["--lang", "en", "--passes", "5", "--no-below", "2", "--no-above", "0.9"]
    assert main(["topics", "choose-k", str(corpus), "--ks", "2,3", *common]) == 0
    assert "coherence" in capsys.readouterr().out
    assert main(["topics", "stability", str(corpus), "--k", "3", "--seeds", "0,1", *common]) == 0
    assert "stability (jsd" in capsys.readouterr().out
    assert main(["topics", "choose-k", str(corpus), "--ks", "two"]) == 2
    assert "--ks takes" in capsys.readouterr().err


def test_estimator_contract(en_docs):
    from sklearn.base import clone

    tm = TopicModel(**SETTINGS)
    assert clone(tm).get_params() == tm.get_params()
    assert not [a for a in vars(tm) if a.endswith("_")]  # nothing learned before fit
    X = utterances([d["text"] for d in en_docs])  # an utterances table can be the corpus too
    assert tm.fit(X) is tm
    assert tm.transform(X)["topic"].between(0, tm.k - 1).all()


def test_same_model_in_a_fresh_process_with_another_hash_seed(en_model, tmp_path):
    """String hashing differs between processes; the model must not."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from test_model import make_docs, EN_THEMES, EN_FILLER, SETTINGS\n"
        "from framing.topics.model import TopicModel\n"
        "print(TopicModel(**SETTINGS).fit(make_docs(EN_THEMES, EN_FILLER)).fingerprint)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-c", script, str(Path(__file__).resolve().parent)], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == en_model.fingerprint


def test_the_clitic_cache_stays_bounded(ar_model, monkeypatch):
    from framing.topics import model as topics_module

    index = topics_module._TermIndex(ar_model.dictionary_.token2id)
    monkeypatch.setattr(topics_module, "_TERM_CACHE_LIMIT", 8)
    target = ar_model.dictionary_.token2id[light_stem("تضخم")]
    for i in range(50):
        assert index.id(f"غريب{i}") == -1
        assert len(index._cache) <= 8
    assert index.id("و" + light_stem("تضخم")) == target
