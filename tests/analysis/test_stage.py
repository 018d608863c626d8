"""One batch through the per-document stages, and the fingerprint of a stage's settings."""

from __future__ import annotations

import pandas as pd
from analysis_support import news_corpus

from framing import measures
from framing.analysis.stage import BatchStage, _batches, run_settings
from framing.attribution.actors import Registry


def test_run_settings_see_an_edited_alias_and_the_topic_model(registry, tmp_path):
    extra = tmp_path / "actors.yml"
    extra.write_text("actors:\n  - id: kremlin\n    name: Kremlin\n    kind: institution\n"
                     "    names: {ar: [الكرملين, قصر الكرملين]}\n", encoding="utf-8")
    base = run_settings(BatchStage(registry=registry), batch_size=4)
    edited = run_settings(BatchStage(registry=Registry.load(extra)), batch_size=4)
    assert base == run_settings(BatchStage(registry=Registry.load()), batch_size=4)
    assert {k for k in base if base[k] != edited[k]} == {"registry_sha256"}
    rules = run_settings(BatchStage(registry=registry, stance_method="cues"), batch_size=4)
    side = run_settings(BatchStage(registry=registry, stance_method="cues", use_side=True), batch_size=4)
    assert {k for k in rules if rules[k] != side[k]} == {"use_side"}


def test_run_settings_see_a_stance_or_sentiment_model_and_its_retraining(registry, tmp_path):
    from framing.sentiment import SupervisedSentiment

    X = pd.DataFrame({"utterance_id": range(4), "lang": "en", "content": ["good", "fine", "bad", "awful"]})
    folder = SupervisedSentiment(min_df=1).fit(X, ["positive", "positive", "negative", "negative"]).save(tmp_path / "s")
    base = run_settings(BatchStage(registry=registry), batch_size=4)
    given = run_settings(BatchStage(registry=registry, sentiment_model=folder), batch_size=4)
    assert {k for k in given if given.get(k) != base.get(k)} == {"sentiment_model"}
    SupervisedSentiment(min_df=1).fit(X, ["positive", "negative", "negative", "negative"]).save(folder)
    assert run_settings(BatchStage(registry=registry, sentiment_model=folder), batch_size=4) != given


def test_run_settings_keys_are_those_of_earlier_runs(registry):
    """An interrupted run resumes only when its recorded settings compare equal: the keys must not drift."""
    settings = run_settings(BatchStage(registry=registry, stance_method="cues", sentiment_method="lexicon"),
                            batch_size=7, reader={"path": "x", "limit": 3})
    assert list(settings) == ["batch_size", "framing", "registry_sha256", "targets_sha256", "topic_model",
                              "use_side", "reader"]
    # the news methods, the defaults since the cue rules and the word lists were, are recorded: a run of the
    # earlier defaults does not resume as one of them
    news = run_settings(BatchStage(registry=registry), batch_size=7)
    assert news["stance_method"] == "news" and "stance_method" not in settings
    assert news["sentiment_method"] == "news" and "sentiment_method" not in settings
    assert settings["batch_size"] == 7 and settings["topic_model"] is None and settings["reader"] == {"limit": 3}


def test_a_batch_gives_documents_utterances_and_measures(registry):
    corpus = list(news_corpus(4))
    docs, utterances, measured = BatchStage(registry=registry)(corpus)
    assert list(docs["doc_id"]) == ["n000", "n001", "n002", "n003"] and "text" not in docs.columns
    assert {"outlet", "date", "url"} <= set(utterances.columns)
    assert list(measured["utterance_id"]) == list(utterances["utterance_id"])
    # the stance method reads each statement's paragraph, headline and article: the stage passes them
    context = {}
    for doc in corpus:
        rows = utterances[utterances["doc_id"] == doc["doc_id"]]
        for name, values in measures.utterance_context(doc, rows["paragraph"].tolist()).items():
            context.setdefault(name, []).extend(values)
    # a stage reads new targets with the balances of sides the run gives it (none here); score_utterances
    # estimates them from the table it is given unless told not to
    from framing.stance.news_model import NewsStance

    plain = NewsStance(side_priors=None).fit()
    pd.testing.assert_frame_equal(measured, measures.score_utterances(utterances, context=context, stance=plain))


def test_the_stage_applies_every_registered_family_in_order(registry, monkeypatch):
    class Length:
        def transform(self, X):
            return pd.DataFrame({"utterance_id": X["utterance_id"], "length": X["content"].str.len(),
                                 "length_method": "length.v1"})

    monkeypatch.setitem(measures.SCORERS, "length", lambda X, **settings: Length())
    stage = BatchStage(registry=registry)
    _, utterances, measured = stage(list(news_corpus(2)))
    assert [type(s).__name__ for s in stage.scorers()] == ["SentimentScorer", "NewsStance", "FrameScorer", "Length"]
    assert list(measured.columns[-2:]) == ["length", "length_method"]
    assert (measured["length"] == utterances["content"].str.len()).all()


def test_batches_read_lazily():
    read = []

    def docs():
        for i in range(5):
            read.append(i)
            yield i

    batches = _batches(docs(), 2)
    assert next(batches) == [0, 1] and read == [0, 1]
    assert list(batches) == [[2, 3], [4]]
