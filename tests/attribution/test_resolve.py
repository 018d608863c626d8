"""Speaker resolution: registry names and roles by date, surnames, anonymous sources, implicit subjects, confidence."""

import pytest

from framing.attribution import attribute_document
from framing.attribution.actors import Actor, Registry
from framing.attribution.resolve import CONFIDENCE, SpeakerResolver

from attribution_support import AR_TEXT, attribute_text


# -- through whole documents ----------------------------------------------------------

def test_arabic_speakers_roles_surnames_and_implicit(registry):
    df = attribute_text(AR_TEXT, registry).set_index("cue")
    assert df.loc["أكدت", "speaker_id"] == "ministry"
    assert df.loc["وقال"].iloc[0]["speaker_id"] == "sami_ali"
    assert df.loc["موضحا", "speaker_id"] == "sami_ali"           # participle continues the speaker
    assert df.loc["وأضاف", "speaker_id"] == "sami_ali"            # surname alone
    assert df.loc["وأضاف", "mention"] == "العلي"
    assert df.loc["وأشار", "speaker_id"] == "sami_ali"            # implicit: carried over
    assert df.loc["وأشار", "mention"] == ""
    assert df.loc["وأشار", "confidence"] < df.loc["وأضاف", "confidence"]


def test_arabic_direct_quote_unknown_and_anonymous_speakers(registry):
    df = attribute_text(AR_TEXT, registry)
    direct = df[df.cue == "وقالت"].iloc[0]
    assert direct.kind == "direct"
    assert direct.content == "نحن مستعدون تماما لموسم الجفاف"
    assert "ليلى حسن" in direct.speaker and direct.speaker_id.startswith("x:")
    anon = df[df.mention.str.startswith("مسؤول")].iloc[0]
    assert anon.speaker_kind == "anonymous"
    # a surname of an unregistered speaker resolves to the full name given earlier
    noor = df[df.cue.isin(["وذكر", "وأوضح"])]
    assert noor.speaker_id.nunique() == 1 and noor.iloc[-1].mention == "نور"


def test_role_respects_term_of_office(registry):
    text = "خبر\n\nوقال وزير المياه إن السد جاهز.\n"
    assert attribute_text(text, registry, "2021-05-01").iloc[0].speaker_id == "sami_ali"
    assert attribute_text(text, registry, "2024-05-01").iloc[0].speaker_id != "sami_ali"


def test_first_person_outside_quotes_is_the_author():
    reg = Registry([Actor("water_board", "Water Board", "institution", names={"en": ["Water Board"]})])
    doc = {"doc_id": "s", "text": "Statement\n\nWe've said that the dam is safe. I don't think it will fail.",
           "outlet": "water_board", "lang": "en"}
    rows = attribute_document(doc, reg)
    assert [r["speaker_id"] for r in rows] == ["water_board", "water_board"]
    assert rows[1]["mention"] == "I"
    unknown_outlet = attribute_document({**doc, "outlet": "Daily Planet"}, reg)
    assert {r["speaker"] for r in unknown_outlet} == {"Daily Planet"}


# -- SpeakerResolver ----------------------------------------------------------------------

def test_registry_names_and_roles_by_the_article_date(registry):
    r = SpeakerResolver(registry, lang="en", day="2021-06-01")
    sp = r.resolve_mention(["Sami", "Ali"])
    assert (sp.speaker_id, sp.kind, sp.how, sp.side) == ("sami_ali", "person", "name", "Atlantis")
    assert r.resolve_mention(["the", "Ministry", "of", "Water"]).speaker_id == "ministry"
    during = SpeakerResolver(registry, lang="en", day="2021-06-01").resolve_mention(["the", "water", "minister"])
    assert (during.speaker_id, during.how) == ("sami_ali", "role")
    after = SpeakerResolver(registry, lang="en", day="2024-06-01").resolve_mention(["the", "water", "minister"])
    assert after.speaker_id != "sami_ali"


def test_a_surname_resolves_to_the_full_name_given_earlier(registry):
    r = SpeakerResolver(registry, lang="ar")
    full = r.resolve_mention(["الصحافي", "كريم", "نور"])
    assert full.kind == "person" and full.speaker_id.startswith("x:")  # unregistered, still a person
    later = r.resolve_mention(["نور"])
    assert (later.speaker_id, later.speaker, later.how) == (full.speaker_id, full.speaker, "surname")
    assert r.fullest_mention(full.speaker_id) == "الصحافي كريم نور"
    # a name nobody gave in full is a new speaker, not the last one
    assert r.resolve_mention(["حسن"]).speaker_id != full.speaker_id


def test_a_family_name_inside_a_full_name_is_that_person(registry):
    # two family names after the given name: the name starts at the given name
    r = SpeakerResolver(registry, lang="ar")
    full = r.resolve_mention(["المستشار", "سالم", "الدوسري", "الهاشمي"])
    assert r._entity(full.speaker_id).name_tokens == ["سالم", "الدوسري", "الهاشمي"]
    # the first family name alone, later, is the same person
    assert r.resolve_mention(["الدوسري"]).speaker_id == full.speaker_id
    # a title and the family name before the article gives the full name: linked once the article is read
    r = SpeakerResolver(registry, lang="ar")
    early = r.resolve_mention(["المستشار", "الدوسري"])
    full = r.resolve_mention(["المستشار", "سالم", "الدوسري", "الهاشمي"])
    assert r.final_links()[early.speaker_id].speaker_id == full.speaker_id
    # an office's adjective of place is not a family name: "الرئيس التونسي" is not "محمد التونسي"
    r = SpeakerResolver(registry, lang="ar")
    office = r.resolve_mention(["الرئيس", "التونسي"])
    r.resolve_mention(["الوزير", "محمد", "التونسي"])
    assert office.speaker_id not in r.final_links()


def test_a_qualified_role_is_the_one_person_named_with_that_role(registry):
    # "المتحدث الرسمي": the role word matches, "الرسمي" only qualifies it
    r = SpeakerResolver(registry, lang="ar")
    named = r.resolve_mention("المتحدث الرئاسي السفير كريم نور".split())
    assert r.resolve_mention("المتحدث الرسمي".split()).speaker_id == named.speaker_id
    # the same title before the name: linked once the article is read
    r = SpeakerResolver(registry, lang="ar")
    early = r.resolve_mention("المتحدث الرسمي".split())
    named = r.resolve_mention("المتحدث الرئاسي السفير كريم نور".split())
    assert r.final_links()[early.speaker_id].speaker_id == named.speaker_id
    # two spokesmen named: nobody can tell which one
    r = SpeakerResolver(registry, lang="ar")
    r.resolve_mention("المتحدث باسم الجيش أحمد سالم".split())
    r.resolve_mention("المتحدث باسم الشرطة خالد يوسف".split())
    assert r.resolve_mention("المتحدث الرسمي".split()).how == "unknown_name"


def test_a_head_noun_alone_is_the_body_the_article_named_before():
    # the ministry said nothing before, the article only named it: "الوزارة" is that ministry
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\nأصدرت وزارة المياه الوطنية تعميما جديدا. "
                            "وقالت الوزارة إن المخزون كاف.\n"})
    assert [r["speaker"] for r in u] == ["وزارة المياه الوطنية"]
    # a registered body answers to the head of one of its names, whichever name the article used
    reg = Registry([Actor("isg", "Island Guard", "institution", names={"ar": ["هيئة حراسة الجزيرة", "حماة الجزيرة"]})])
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\nانتشر حماة الجزيرة في المدينة. "
                            "وأعلنت الهيئة أن الطرق مفتوحة.\n"}, reg)
    assert [r["speaker_id"] for r in u] == ["isg"]
    # named nowhere before: the head noun stays a body of this document
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\nوقالت الوزارة إن المخزون كاف.\n"})
    assert [r["speaker"] for r in u] == ["الوزارة"]


def test_a_role_alone_resolves_to_the_person_named_with_it_earlier(registry):
    r = SpeakerResolver(registry, lang="en")
    named = r.resolve_mention(["Foreign", "Minister", "Ana", "Costa"])
    later = r.resolve_mention(["the", "foreign", "minister"])
    assert later.speaker_id == named.speaker_id and later.how == "role"
    # the title leaves the id: the same person named without it is the same speaker
    assert SpeakerResolver(registry, lang="en").resolve_mention(["Ana", "Costa"]).speaker_id == named.speaker_id


def test_a_head_noun_alone_finds_a_body_named_by_a_proper_name_or_adjectives():
    def speakers(text):
        return [r["speaker"] for r in attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\n" + text})]

    # in construct with a proper name, or with its article and the adjectives of a place
    assert speakers("افتتحت جامعة تبوك مركزا جديدا. وقالت الجامعة إن المركز يخدم الطلاب.") == ["جامعة تبوك"]
    assert speakers("وفاز الاتحاد الجزائري لكرة القدم بالجائزة. وقال الاتحاد إن الفوز مستحق.") \
        == ["الاتحاد الجزائري لكرة القدم"]
    # an adjective, a participle or a verb after the head names no body; nor an adjective that does not
    # agree with the head ("موقع الرابطة الرسمي": the league's official site)
    assert speakers("قالت إن شركة صينية فازت بالعقد. وقالت الشركة إن العمل يبدأ غدا.")[-1] == "الشركة"
    assert speakers("وأعلنت شركة تراجعت أرباحها خطة. وقالت الشركة إن العمل يبدأ غدا.")[-1] == "الشركة"
    assert speakers("ونشر موقع الرابطة الرسمي الجدول. وقالت الرابطة إن المباريات تبدأ غدا.")[-1] == "الرابطة"


def test_anonymous_sources_are_tied_to_their_body(registry):
    r = SpeakerResolver(registry, lang="ar")
    anon = r.resolve_mention(["مسؤول", "في", "وزارة", "المياه"])
    assert (anon.speaker_id, anon.kind, anon.side) == ("anon:ministry", "anonymous", "Atlantis")
    # the speakers table tells a document's unnamed sources apart: the body, then the description as written
    assert anon.speaker == "anonymous (Ministry of Water): مسؤول في وزارة المياه"
    # a source set against the body is not its source; scripture is nobody's body
    against = r.resolve_mention(["مصادر", "في", "القوات", "المناهضة", "لوزارة", "المياه"])
    assert against.side == "" and against.speaker == "anonymous: مصادر في القوات المناهضة لوزارة المياه"
    god = Registry([Actor("god", "God (scripture)", "document", names={"ar": ["الله"]})])
    assert SpeakerResolver(god, lang="ar").resolve_mention(["أحد", "قياديي", "حزب", "الله"]).side == ""
    en = SpeakerResolver(registry, lang="en").resolve_mention(["a", "senior", "official"])
    assert en.kind == "anonymous" and en.speaker_id.startswith("anon:")
    assert en.speaker_id != "anon:ministry"


def test_implicit_subjects_continue_the_last_speaker_of_their_gender(registry):
    r = SpeakerResolver(registry, lang="ar")
    nothing = r.resolve_implicit()
    assert nothing.speaker_id == "unknown" and nothing.confidence == min(CONFIDENCE.values())
    he = r.resolve_mention(["سامي", "العلي"])
    r.record(he, feminine=False)
    she = r.resolve_mention(["ليلى", "حسن"])
    r.record(she, feminine=True)
    assert r.resolve_implicit(feminine=True).speaker_id == she.speaker_id
    back = r.resolve_implicit(feminine=False)        # skips the later speaker of the other gender
    assert (back.speaker_id, back.how) == ("sami_ali", "implicit")
    assert r.resolve_implicit().speaker_id == she.speaker_id
    assert r.resolve_mention(["هو"]).speaker_id == she.speaker_id      # no gender given: the last one
    assert r.resolve_mention(["هو"], feminine=False).how == "pronoun"


def test_an_implicit_subject_without_a_speaker_of_its_gender_is_less_certain(registry):
    r = SpeakerResolver(registry, lang="ar")
    she = r.resolve_mention(["ليلى", "حسن"])
    r.record(she, feminine=True)
    sp = r.resolve_implicit(feminine=False)
    assert sp.speaker_id == she.speaker_id and sp.how == "implicit_mismatch"
    assert sp.confidence < r.resolve_implicit(feminine=True).confidence


def test_a_feminine_verb_does_not_continue_a_group_of_people(registry):
    # "وأضافت" goes on from the magazine that quoted the analysts, not from the analysts ("وأضافوا")
    rows = attribute_text("خبر\n\nونسبت المجلة إلى محللين قولهم إن الدعم تزايد. وأضافت أن سببا آخر هو الاستنزاف.", registry)
    assert rows["speaker"].tolist() == ["media: المجلة", "محللين", "media: المجلة"]
    # a place whose name ends like a plural is no group
    rows = attribute_text("خبر\n\nوقالت الصين إن الحوار مفيد. وأضافت أن الحل قريب.", registry)
    assert rows["speaker_id"].nunique() == 1 and len(rows) == 2


def test_confidence_falls_from_names_to_roles_to_carried_over_speakers():
    c = CONFIDENCE
    assert c["name"] > c["surname"] > c["role"] > c["pronoun"] > c["implicit"] > c["implicit_mismatch"] > c["none"]
    assert all(0 < v <= 1 for v in c.values())


def test_first_person_is_the_author_when_the_outlet_is_known(registry):
    r = SpeakerResolver(registry, lang="en", author="Ministry of Water")
    assert r.resolve_mention(["We"]).speaker_id == "ministry"
    assert r.resolve_mention(["we've"]).speaker_id == "ministry"
    # with no author, "we" is a pronoun like any other
    assert SpeakerResolver(registry, lang="en").resolve_mention(["We"]).speaker_id == "unknown"


def test_unnamed_sources_are_one_speaker_per_document(registry):
    one = SpeakerResolver(registry, lang="ar", doc_id="d1").resolve_mention(["مصدر", "مسؤول"])
    same = SpeakerResolver(registry, lang="ar", doc_id="d1").resolve_mention(["مصدر", "مسؤول"])
    other = SpeakerResolver(registry, lang="ar", doc_id="d2").resolve_mention(["مصدر", "مسؤول"])
    assert one.kind == "anonymous" and one.speaker_id == same.speaker_id != other.speaker_id


def test_a_family_name_alone_is_one_speaker_per_document(registry):
    def sid(doc, words):
        return SpeakerResolver(registry, lang="ar", doc_id=doc).resolve_mention(words).speaker_id

    # "القحطاني" in two articles is two of the many people who carry the name
    assert sid("d1", ["القحطاني"]) == sid("d1", ["القحطاني"]) != sid("d2", ["القحطاني"])
    # a full name is one speaker across articles, and the surname after it in an article is that person
    assert sid("d1", ["جديع", "القحطاني"]) == sid("d2", ["جديع", "القحطاني"])
    r = SpeakerResolver(registry, lang="ar", doc_id="d3")
    full = r.resolve_mention(["المهندس", "جديع", "القحطاني"])
    assert r.resolve_mention(["القحطاني"]).speaker_id == full.speaker_id
    # a name that is not a nisba keeps one identity across articles
    assert sid("d1", ["شتاينماير"]) == sid("d2", ["شتاينماير"])


def test_a_given_name_of_two_words_is_a_name_across_articles_and_alone_one_per_document(registry):
    def speaker(doc, text):
        return SpeakerResolver(registry, lang="ar", doc_id=doc).resolve_mention(text.split())

    # "عبد الله" written in two words: the name ends the phrase, listed without the title, one person
    # across articles whatever the title and however the given name is written
    one, other = speaker("d1", "العميد عبد الله الصبيحي"), speaker("d2", "اللواء عبد الله الصبيحي")
    assert one.speaker == other.speaker == "عبد الله الصبيحي"
    assert one.speaker_id == other.speaker_id == speaker("d3", "العميد عبدالله الصبيحي").speaker_id
    # alone, it names a different man in each article, as "محمد" does
    assert speaker("d1", "العميد عبد الله").speaker_id != speaker("d2", "العميد عبد الله").speaker_id


def test_a_person_is_listed_and_known_by_the_same_name_whatever_the_titles_around_it(registry):
    def speaker(doc, text):
        return SpeakerResolver(registry, lang="ar", doc_id=doc).resolve_mention(text.split())

    # a courtesy title the name reading takes for the name's first word or not: one person, one name
    one = speaker("d1", "العقيد دكتور فهد بن خالد الحربي")
    other = speaker("d2", "المتحدث الإعلامي للشرطة العقيد الدكتور فهد بن خالد الحربي")
    assert one.speaker == other.speaker == "فهد بن خالد الحربي" and one.speaker_id == other.speaker_id
    # the name first, the office after it, with a courtesy title before the name
    lead = speaker("d3", "الدكتور فهد أحمد السالم وزير الدولة للشؤون الخارجية")
    assert lead.speaker == "فهد أحمد السالم" and lead.speaker_id == speaker("d4", "فهد أحمد السالم").speaker_id
    # "علي" written with ya is a given name, not the preposition "على" it folds like
    ali = speaker("d6", "مدير عام تقنية المعلومات علي فهد الحربي")
    assert ali.speaker == "علي فهد الحربي" and ali.speaker_id == speaker("d7", "علي فهد الحربي").speaker_id
    # the definite word after a body's name is no surname ("في وزارة الداخلية"); after a given name it is
    resolver = SpeakerResolver(registry, lang="ar", doc_id="d5")
    assert not resolver._surname("الداخليه", "وزاره") and not resolver._surname("الداخليه", "بوزاره")
    assert resolver._surname("الحداد", "رافت")


def test_kinds_of_unregistered_speakers(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    assert r.resolve_mention(["وزارة", "الزراعة", "الكينية"]).kind == "institution"
    assert r.resolve_mention(["صحيفة", "الحياة"]).kind == "media"
    assert r.resolve_mention(["عدد", "من", "السكان"]).kind == "anonymous"
    assert r.resolve_mention(["الصحيفة"]).speaker.endswith("صحيفة الحياة")  # the paper named before


def test_a_document_speaks_for_its_issuer(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    issued = r.resolve_mention(["بيان", "للجالية", "المغربية"])
    assert issued.speaker == "الجالية المغربية" and issued.kind == "institution"
    assert r.resolve_mention(["البيان"]).speaker_id == issued.speaker_id
    bare = SpeakerResolver(registry, lang="ar", doc_id="d").resolve_mention(["البيان"])
    assert bare.kind == "document" and bare.speaker_id.startswith("anon:")


def test_honorific_pronouns_and_words_of_reverence(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    prince = r.resolve_mention(["الأمير", "خالد", "الفيصل"])
    r.record(prince, False)
    r.record(r.resolve_mention(["وزارة", "الزراعة"]), True)
    assert r.resolve_mention(["سموه"]).speaker_id == prince.speaker_id  # the last person, not the ministry
    # a span that ran past the pronoun into the verb's complement still names the person
    assert r.resolve_mention(["سموه", "عن", "عزائه", "ومواساته"]).speaker_id == prince.speaker_id
    assert r.resolve_mention(["العالم", "تعالى"]).speaker == "العالم"


def test_an_honorific_pronoun_after_the_verb_is_its_subject_not_what_was_said():
    text = ("خبر\n\nوقال أمير المنطقة الأمير سعود بن نايف إن الأمن مستتب. "
            "وأضاف سموه قائلا: «لن نسمح بالعبث بأمن الوطن». وأكد سموه أن الوطن آمن.\n")
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    assert [r["content"] for r in rows] == ["إن الأمن مستتب", "قائلا: «لن نسمح بالعبث بأمن الوطن»", "أن الوطن آمن"]
    assert len({r["speaker_id"] for r in rows}) == 1


def test_a_surname_written_with_the_article(registry):
    r = SpeakerResolver(registry, lang="ar")
    full = r.resolve_mention(["السفير", "سامر", "حداد"])
    assert r.resolve_mention(["الحداد"]).speaker_id == full.speaker_id


def test_a_title_before_the_name_links_to_the_person_named_later(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    title = r.resolve_mention(["الرئيس", "التونسي"])
    named = r.resolve_mention(["الرئيس", "التونسي", "الحبيب", "عمر", "الصافي"])
    links = r.final_links()
    assert links[title.speaker_id].speaker_id == named.speaker_id


def test_a_name_completing_a_noun_is_not_the_speaker():
    reg = Registry([Actor("king", "King K", names={"ar": ["الملك كريم"]})])
    r = SpeakerResolver(reg, lang="ar", doc_id="d")
    assert r.resolve_mention(["مركز", "الملك", "كريم", "للإغاثة"]).speaker_id != "king"
    assert r.resolve_mention(["العاهل", "الأردني", "الملك", "كريم"]).speaker_id == "king"


def test_a_named_person_is_one_speaker_across_articles_a_bare_title_is_not(registry):
    one = SpeakerResolver(registry, lang="ar", doc_id="d1")
    two = SpeakerResolver(registry, lang="ar", doc_id="d2")
    assert one.resolve_mention(["المتحدث", "الرسمي", "للمركز", "نبيل", "الحداد"]).speaker_id == \
        two.resolve_mention(["المتحدث", "الرسمي", "باسم", "مركز", "الإغاثة", "نبيل", "الحداد"]).speaker_id
    for words in (["وزير", "الخارجية"], ["الرئيس", "التونسي"], ["الشركة"]):
        assert SpeakerResolver(registry, lang="ar", doc_id="d1").resolve_mention(words).speaker_id != \
            SpeakerResolver(registry, lang="ar", doc_id="d2").resolve_mention(words).speaker_id
    # a surname after a courtesy title is a name: the same person when the article repeats it; a family
    # name alone, though, is one speaker per article (many people carry it)
    r = SpeakerResolver(registry, lang="ar", doc_id="d1")
    doctor = r.resolve_mention(["الدكتور", "التركي"])
    assert r.resolve_mention(["التركي"]).speaker_id == doctor.speaker_id
    assert doctor.speaker_id != SpeakerResolver(registry, lang="ar", doc_id="d2").resolve_mention(["التركي"]).speaker_id


def test_scripture_and_compound_names(registry):
    r = SpeakerResolver(Registry.load(), lang="ar", doc_id="d")
    assert r.resolve_mention(["الله", "تعالى"]).speaker_id == "god"
    assert r.resolve_mention(["تعالى"]).speaker_id == "god"
    assert r.resolve_mention(["العميد", "عبد", "الله", "الصبيحي"]).speaker_id != "god"


def test_english_names_key_without_initials(registry):
    r = SpeakerResolver(registry, lang="en", doc_id="d1")
    a = r.resolve_mention(["Secretary", "of", "the", "Treasury", "Janet", "L.", "Yellen"])
    b = SpeakerResolver(registry, lang="en", doc_id="d2").resolve_mention(["Treasury", "Secretary", "Janet", "Yellen"])
    assert a.speaker_id == b.speaker_id


@pytest.mark.parametrize("words, named", [
    (["وزير", "الخارجية"], False), (["وزير", "الخارجية", "المصري"], False), (["رئيس", "الجالية", "اليمنية"], False),
    (["المشرف"], False), (["محمد"], False), (["الدكتور", "التركي"], False), (["القحطاني"], False),
    (["الدكتور", "سعد", "التركي"], True),
    (["نبيل", "الحداد"], True), (["الأمير", "عبدالله", "بن", "مساعد"], True),
])
def test_which_phrases_hold_a_name(registry, words, named):
    one = SpeakerResolver(registry, lang="ar", doc_id="d1").resolve_mention(list(words))
    two = SpeakerResolver(registry, lang="ar", doc_id="d2").resolve_mention(list(words))
    assert (one.speaker_id == two.speaker_id) is named


def test_the_latter_points_back(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    named = r.resolve_mention(["سامي", "العلي"])
    r.record(named, False)
    assert r.resolve_mention(["الأخير"]).speaker_id == named.speaker_id


def test_the_same_source_is_the_one_named_before(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    source = r.resolve_mention(["مصدر", "أمني"])
    assert r.resolve_mention(["المصدر", "نفسه"]).speaker_id == source.speaker_id


def test_a_report_with_no_issuer_named_is_the_last_quoted_bodys(registry):
    text = ("خبر\n\nوتوقعت الهيئة العامة للأرصاد في تقريرها اليومي أن تكون السماء غائمة. "
            "وأورد التقرير أن الرياح نشطة. وأشارت المعلومات إلى أن الحرارة مرتفعة.\n")
    rows = {r["cue"]: r for r in attribute_document({"doc_id": "t", "lang": "ar", "text": text}, registry)}
    assert rows["وأورد"]["speaker_id"] == rows["وتوقعت"]["speaker_id"]
    assert rows["وأورد"]["mention"] == "التقرير"
    # information is no document a body issues: it stays a source of this document
    assert rows["وأشارت"]["speaker_kind"] == "document"


def test_a_documents_adjectives_come_before_its_issuer(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    stats = r.resolve_mention(["الإحصائيات", "الرسمية", "لمجموعة", "العمل"])
    assert stats.speaker == "مجموعة العمل" and stats.kind == "institution"
    monthly = r.resolve_mention(["التقرير", "الشهري", "للهيئة", "العامة", "للإحصاء"])
    assert monthly.speaker == "الهيئة العامة للإحصاء"
    issued = r.resolve_mention(["البيانات", "الإحصائية", "الصادرة", "عن", "هيئة", "الطيران", "المدني"])
    assert issued.speaker == "هيئة الطيران المدني" and issued.kind == "institution"


def test_the_genitive_of_a_document_is_its_issuer(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    ministry = r.resolve_mention(["وزارة", "الزراعة"])
    assert r.resolve_mention(["بيان", "وزارة", "الزراعة"]).speaker_id == ministry.speaker_id
    assert r.resolve_mention(["تقرير", "الوزارة"]).kind != "document"
    assert SpeakerResolver(registry, lang="ar", doc_id="d").resolve_mention(["البيان", "الختامي"]).kind == "document"


def test_a_plural_verb_continues_a_group_never_one_person(registry):
    text = ("خبر\nوقال مسؤولون في الوزارة إن العمل جار.\nوقال الوزير سامي العلي إن الوضع مستقر. "
            "وأضافوا أن الحل قريب.")
    last = attribute_text(text, registry).iloc[-1]
    assert last["cue"] == "وأضافوا" and last["speaker"].startswith("anonymous: مسؤولون")


def test_a_name_before_its_title_links_the_title_later(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    named = r.resolve_mention(["كريم", "منصور", "المتحدث", "الرسمي", "باسم", "الرئاسة"])
    assert r.resolve_mention(["المتحدث", "الرسمي"]).speaker_id == named.speaker_id
    other = SpeakerResolver(registry, lang="ar", doc_id="e").resolve_mention(["كريم", "منصور"])
    assert other.speaker_id == named.speaker_id  # one person across articles


def test_a_name_before_a_title_ending_in_a_body_is_the_speaker(registry):
    # read from the end, the title's last words would be taken for the name ("... لاتحاد كرة القدم")
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    sp = r.resolve_mention("أحمد الفارس مدير عام المؤسسة العامة للحبوب".split())
    assert sp.speaker == "أحمد الفارس" and sp.kind == "person"
    sp = r.resolve_mention("سامر النعيمي المتحدث الرسمي لاتحاد كرة القدم".split())
    assert sp.speaker == "سامر النعيمي"
    assert r.resolve_mention(["المتحدث", "الرسمي"]).speaker_id == sp.speaker_id
    # a given name that is also a title ("الأمين") opens the title, not the name
    sp = r.resolve_mention("أمين الطائف رئيس المجلس البلدي المهندس محمد بن سالم الحربي".split())
    assert sp.speaker == "محمد بن سالم الحربي"


def test_a_preposition_spelt_like_a_given_name_opens_no_name(registry):
    sp = SpeakerResolver(registry, lang="ar", doc_id="d").resolve_mention("على لسان المتحدث باسم الشرطة".split())
    assert sp.speaker != "على لسان"


def test_a_bare_head_noun_finds_a_registered_body_by_any_of_its_names():
    reg = Registry([Actor("is", "Islamic State", "institution", names={"ar": ["تنظيم داعش", "داعش"]})])
    r = SpeakerResolver(reg, lang="ar", doc_id="d")
    r.resolve_mention(["داعش"])
    assert r.resolve_mention(["التنظيم"]).speaker_id == "is"


def test_compound_names_written_with_or_without_a_space_are_one_speaker(registry):
    a = SpeakerResolver(registry, lang="ar", doc_id="d1").resolve_mention(["مدير", "المرصد", "رامي", "عبد", "الرحمن"])
    b = SpeakerResolver(registry, lang="ar", doc_id="d2").resolve_mention(["رامي", "عبدالرحمن"])
    assert a.speaker_id == b.speaker_id


def test_his_words_are_the_speaker_named_before(registry):
    r = SpeakerResolver(registry, lang="ar", doc_id="d")
    named = r.resolve_mention(["سامي", "العلي"])
    r.record(named, False)
    assert r.resolve_mention(["تعبيره"]).speaker_id == named.speaker_id  # "حسب تعبيره"


def test_an_implicit_subject_nobody_spoke_before_is_the_person_just_named(registry):
    # "قدم قائد الفريق ... سلطان مسرحي شكره ... وقال:": the narration names him, no statement did
    text = ("خبر\n\nمن جانبه، قدم قائد الفريق الأول لكرة القدم سلطان مسرحي شكره للاعبين والجهاز الفني.\n\n"
            "وقال: «أحب أن أطمئن الجميع على أمور المعسكر».\n")
    (row,) = attribute_text(text, registry).itertuples()
    assert row.speaker.endswith("سلطان مسرحي") and row.speaker_kind == "person"
    # a registered actor named in the narration is that speaker ("وتفقد سامي العلي المواقع ... وقال:")
    text = "خبر\n\nوتفقد سامي العلي مواقع الفرق الميدانية.\n\nوقال: «العمل مستمر».\n"
    assert list(attribute_text(text, registry).speaker_id) == ["sami_ali"]
    # with no one named before, the speaker stays unknown
    text = "خبر\n\nوهطلت أمطار غزيرة على المدينة.\n\nوقال: «العمل مستمر».\n"
    assert list(attribute_text(text, registry).speaker_id) == ["unknown"]


def test_a_name_read_from_the_narration_ends_at_punctuation_and_before_the_clause_going_on(registry):
    # "أمر ... الأمير فهد السالم، بسرعة القبض": the comma ends the name, not the words after it
    text = ("خبر\n\nأمر أمير المنطقة الأمير فهد السالم، بسرعة القبض على المتهمين.\n\n"
            "وأكد سموه على الشرطة بتكثيف الحضور الأمني في الحدائق.\n")
    assert list(attribute_text(text, registry).speaker) == ["فهد السالم"]
    # a definite word after a family name with the article is the verb's object, not more of the name
    text = ("خبر\n\nافتتح المعرض أمس.\n\n"
            "واستعرض الأمير فهد السالم البرنامج الذي أعده الفريق، مشيرا إلى أنه يضم أنشطة فكرية متنوعة.\n")
    assert list(attribute_text(text, registry).speaker) == ["فهد السالم"]


def test_a_family_name_alone_is_the_person_the_narration_names_in_full_with_a_title(registry):
    # "دافع وزير ... كريم حمدان النوري أمام ...": the narration names him (no statement does), then "وقال النوري"
    text = ("خبر\n\nدافع وزير المياه كريم حمدان النوري أمام النواب أمس عن الخطة الجديدة.\n\n"
            "وقال النوري إن الخطة تضمن المياه لكل المدن.\n")
    (row,) = attribute_text(text, registry).itertuples()
    assert row.speaker == "كريم حمدان النوري" and row.mention == "النوري"
    # the name read from the narration stops at the preposition: "أمام النواب" is not more of it
    assert "أمام" not in row.speaker
    # two people of that family name in the narration: no link
    text = ("خبر\n\nدافع وزير المياه كريم حمدان النوري أمام النواب عن الخطة، واستقبل السفير سامر علي النوري الوفد.\n\n"
            "وقال النوري إن الخطة تضمن المياه لكل المدن.\n")
    (row,) = attribute_text(text, registry).itertuples()
    assert row.speaker == "النوري"
    # a registered person named in full in the narration is that actor
    text = ("خبر\n\nدافع الوزير سامي العلي أمام النواب أمس عن الخطة الجديدة.\n\n"
            "وقال العلي إن الخطة تضمن المياه لكل المدن.\n")
    assert list(attribute_text(text, registry).speaker_id) == ["sami_ali"]


def test_narration_that_makes_a_new_subject_after_a_statement_gives_the_next_implicit_one(registry):
    text = ("خبر\n\nوقال سامي العلي إن العمل مستمر في جميع المواقع.\n\n"
            "وفي سياق متصل، افتتح الأمير فيصل بن خالد المعرض الدولي للكتاب في المدينة بحضور عدد من المسؤولين.\n\n"
            "وأضاف: «المعرض فرصة للجميع».\n")
    df = attribute_text(text, registry)
    assert df.speaker_id.iloc[0] == "sami_ali" and df.speaker.iloc[1].endswith("فيصل بن خالد")
    # a name that is the object of the narration's verb is no new subject
    text = ("خبر\n\nوقال سامي العلي إن العمل مستمر في جميع المواقع.\n\n"
            "واستقبل في مكتبه اليوم السفير الأمريكي جون سميث وبحث معه سبل التعاون بين البلدين.\n\n"
            "وأضاف: «العلاقات قوية».\n")
    assert list(attribute_text(text, registry).speaker_id) == ["sami_ali", "sami_ali"]


def test_a_subject_inside_what_was_said_is_no_new_subject_of_the_narration(registry):
    # the quote's "طلب الأمير فيصل بن خالد" opens a clause, but inside the statement: the next verb goes on
    # from its speaker ("وأضاف: «حاول الحوثيون ...». وأشار إلى أن" is not said by the Houthis)
    text = ("خبر\n\nوقال سامي العلي إن العمل مستمر.\n\n"
            "وأضاف: «طلب الأمير فيصل بن خالد من الفرق الميدانية الاستعداد للموسم منذ أسابيع طويلة».\n\n"
            "وأشار إلى أن المواقع باتت بأيدي المقاومة.\n")
    assert list(attribute_text(text, registry).speaker_id) == ["sami_ali"] * 3
    # the same name in narration after the statement is a new subject
    text = ("خبر\n\nوقال سامي العلي إن العمل مستمر في جميع المواقع.\n\n"
            "وفي سياق متصل، افتتح الأمير فيصل بن خالد المعرض الدولي للكتاب في المدينة بحضور عدد من المسؤولين.\n\n"
            "وأشار إلى أن المعرض فرصة للجميع.\n")
    assert attribute_text(text, registry).speaker.iloc[1].endswith("فيصل بن خالد")


def test_an_office_alone_is_the_person_the_narration_names_with_it(registry):
    text = ("خبر\n\nوحضر المراسم رئيس الوزراء الأردني عبدالله النسور إلى جانب ممثلي مائة بلد.\n\n"
            "وقال رئيس الوزراء إن العالم يجب أن يتذكر.\n")
    (row,) = attribute_text(text, registry).itertuples()
    assert row.speaker == "عبدالله النسور"
    # two people named with that office: no link
    text = ("خبر\n\nوحضر رئيس الوزراء الأردني عبدالله النسور ورئيس الوزراء اللبناني سعد الحريري المراسم.\n\n"
            "وقال رئيس الوزراء إن العالم يجب أن يتذكر.\n")
    (row,) = attribute_text(text, registry).itertuples()
    assert row.speaker == "رئيس الوزراء"


def test_a_name_given_in_part_is_the_person_the_article_names_in_full(registry):
    text = ("فيصل بن خالد: المشروع يخدم المنطقة\n\n"
            "وقال الأمير فيصل بن خالد بن عبدالعزيز إن المشروع يخدم المنطقة كلها.\n")
    df = attribute_text(text, registry)
    assert df.speaker_id.nunique() == 1 and df.speaker.iloc[0].endswith("فيصل بن خالد بن عبدالعزيز")


def test_an_occupation_alone_is_the_one_person_the_narration_names_with_it(registry):
    text = ("خبر\n\nتسبب اللاعب السوري عمر السومه المنتقل حديثا للنادي الأهلي في جدل كبير. "
            "وذكر عمر السومه أن المفاوضات طويلة. وقال اللاعب إن المفاوضات انتهت.\n")
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text}, registry)
    assert [r["speaker"] for r in rows] == ["عمر السومه", "عمر السومه"]  # the person who spoke, not a longer reading


def test_a_preposition_that_folds_to_a_given_name_starts_no_name(registry):
    text = ("خبر\n\nشدد المدرب الروماني سامي ريجي مدرب نادي الهلال على أهمية المباراة. "
            "وقال المدرب إن الفريق جاهز.\n")
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text}, registry)
    assert all("أهمية" not in r["speaker"] for r in rows)


def test_an_office_with_a_pronoun_is_held_for_the_country_of_the_speaker_before():
    reg = Registry([
        Actor("atl", "Atlantis", "country", names={"ar": ["إيران"]}),
        Actor("pres", "President A", "person", side="Atlantis", names={"ar": ["الرئيس روحاني"]}),
        Actor("fm", "Minister B", "person", side="Atlantis", names={"ar": ["محمد جواد ظريف"]},
              roles={"ar": ["وزير الخارجية الإيراني"]}, in_office=("2013-08-15", "2021-08-25")),
    ])
    text = "خبر\n\nقال الرئيس روحاني إن بلاده مستعدة. أما وزير خارجيته فقد أعرب عن أمله بأن تتحسن العلاقات.\n"
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text, "date": "2015-07-20"}, reg)
    assert [r["speaker"] for r in rows] == ["President A", "Minister B"]
    # out of office on the article's date: the phrase stays as written
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text, "date": "2022-01-01"}, reg)
    assert rows[-1]["speaker"] == "وزير خارجيته"


def test_the_president_of_the_republic_is_the_head_of_state_the_article_named():
    def speakers(text):
        return [r["speaker"] for r in attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\n" + text})]

    named = "نفى الرئيس التونسي الباجي قائد السبسي وجود أي خلاف مع الجزائر."
    assert speakers(named + " وأوضح رئيس الجمهورية أن العلاقات ممتازة.")[-1] == "الرئيس التونسي الباجي قائد السبسي"
    # a prime minister is not the head of state
    pm = "قال رئيس الوزراء التونسي الحبيب الصيد إن الحكومة مستعدة."
    assert speakers(pm + " وأوضح رئيس الجمهورية أن العلاقات ممتازة.")[-1] == "رئيس الجمهورية"


def test_a_title_and_a_surname_name_the_one_registered_person_of_that_surname():
    reg = Registry([Actor("js", "Jake Sullivan", "person", names={"en": ["Jake Sullivan"]}),
                    Actor("la", "Lloyd Austin", "person", names={"en": ["Lloyd J. Austin III"]}),
                    Actor("p1", "Ann Price", "person", names={"en": ["Ann Price"]}),
                    Actor("p2", "Ned Price", "person", names={"en": ["Ned Price"]})])
    r = SpeakerResolver(reg, lang="en")
    assert r.resolve_mention(["Mr.", "Sullivan"]).speaker_id == "js"
    assert r.resolve_mention(["Mr", "Sullivan"]).speaker_id == "js"       # with or without the dot
    assert r.resolve_mention(["Secretary", "Austin"]).speaker_id == "la"  # "III" is no surname
    assert r.resolve_mention(["Mr.", "Price"]).speaker_id.startswith("x:")  # two registered: no link
    assert r.resolve_mention(["Austin"]).speaker_id.startswith("x:")        # no title: may be the city
    # the unregistered keep one id with or without the honorific's dot
    assert r.resolve_mention(["Ms", "Kvien"]).speaker_id == r.resolve_mention(["Ms.", "Kvien"]).speaker_id


def test_a_named_spokesperson_of_a_body_is_that_person_not_the_body_or_an_unnamed_source():
    reg = Registry([Actor("pentagon", "Pentagon", "institution", side="United States",
                          names={"en": ["Pentagon"]})])
    r = SpeakerResolver(reg, lang="en")
    sp = r.resolve_mention(["Pentagon", "Press", "Secretary", "Brig.", "Gen.", "Pat", "Ryder"])
    assert (sp.speaker_id, sp.speaker, sp.kind, sp.side) == ("x:pat_ryder", "Pat Ryder", "person", "United States")
    assert r.resolve_mention(["Pentagon"]).speaker_id == "pentagon"
    assert r.resolve_mention(["NSC", "Spokesperson", "Adrienne", "Watson"]).speaker == "Adrienne Watson"
    assert r.resolve_mention(["officials", "in", "Kyiv"]).kind == "anonymous"
    assert r.resolve_mention(["a", "spokesman"]).kind == "anonymous"


def test_an_english_phrase_without_a_capitalized_name_is_someone_of_its_own_document():
    r = SpeakerResolver(Registry([]), lang="en", doc_id="d1")
    other = SpeakerResolver(Registry([]), lang="en", doc_id="d2")
    # "the leaders" of one readout are not those of another
    assert r.resolve_mention(["The", "leaders"]).speaker_id != other.resolve_mention(["The", "leaders"]).speaker_id
    assert r.resolve_mention(["Jane", "Roe"]).speaker_id == other.resolve_mention(["Jane", "Roe"]).speaker_id


def test_an_unregistered_arabic_person_is_listed_by_the_name_and_an_unsure_phrase_stays_whole():
    def listed(sentence):
        rows = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\n" + sentence + "\n"})
        return [(r["speaker"], r["mention_full"]) for r in rows]
    assert listed("وقال المتحدث الرسمي لوزارة العمل تيسير المفرج إن القرار نهائي.") \
        == [("تيسير المفرج", "المتحدث الرسمي لوزارة العمل تيسير المفرج")]
    # a courtesy title and a rank are no part of the name
    assert listed("وقال قائد المنطقة العسكرية اللواء أحمد سيف اليافعي إن القوات تقدمت.")[0][0] \
        == "أحمد سيف اليافعي"
    # a title cut to its letter and a period ("م." engineer, "د." doctor) is one too
    assert listed("وقال رئيس البلدية م. نايف الدويش إن العمل مستمر.") \
        == [("نايف الدويش", "رئيس البلدية م نايف الدويش")]
    assert listed("وقال م. صادق العلي إن المشروع جاهز.")[0][0] == "صادق العلي"
    # a body, a place or a conjunction where the name would be: the phrase is kept as it names the speaker
    for phrase in ("سماحة مفتي عام المملكة رئيس هيئة كبار العلماء", "أمير منطقة عسير"):
        ((speaker, _),) = listed(f"وقال {phrase} إن الأمن مستتب.")
        assert speaker == phrase


def test_a_source_word_with_the_name_of_the_one_it_describes_is_that_person():
    def speakers(text):
        rows = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\n" + text + "\n"})
        return [(r["speaker"], r["speaker_kind"]) for r in rows]
    named = speakers("وقال عضو مجلس الإدارة المدير التنفيذي لنادي الطيران عبدالله بن منصور الجعويني إن الموسم "
                     "ناجح. وأضاف الجعويني أن الدعم مستمر.")
    assert named == [("عبدالله بن منصور الجعويني", "person")] * 2
    # a source close to someone, or a source alone, is still an unnamed source
    for text in ("وقال مصدر مقرب من رئيس الحكومة تمام سلام إن الحوار مستمر.", "وقال مصدر أمني إن الهجوم فشل."):
        assert speakers(text)[0][1] == "anonymous"


def test_offices_of_one_state_are_their_holders_not_one_speaker_named_by_the_state():
    def speaker(phrase, doc):
        rows = attribute_document({"doc_id": doc, "lang": "ar", "text": f"خبر\n\nوقال {phrase} إن الأمن مستتب.\n"},
                                  Registry([]))
        return rows[0]["speaker_id"], rows[0]["speaker"]
    minister = speaker("معالي الفريق الركن الشيخ راشد بن عبدالله آل خليفة وزير الداخلية بمملكة البحرين", "a")
    premier = speaker("صاحب السمو الملكي الأمير خليفة بن سلمان آل خليفة رئيس الوزراء بمملكة البحرين", "b")
    assert minister[1] == "راشد بن عبدالله آل خليفة" and premier[1] == "خليفة بن سلمان آل خليفة"
    assert minister[0] != premier[0]
    # the same man with fewer honorifics in another article is the same speaker
    assert speaker("الفريق الركن الشيخ راشد بن عبدالله آل خليفة وزير الداخلية بمملكة البحرين", "c") == minister
    # an office of a place with no name is someone of its own article, and not every office of that place
    police = speaker("مدير شرطة منطقة عسير", "a")
    assert police[0] != speaker("مدير شرطة منطقة عسير", "b")[0]
    assert police[0] != speaker("مدير تعليم منطقة عسير", "a")[0]
    assert speaker("وزير الداخلية بمملكة البحرين", "a")[0] != speaker("رئيس الوزراء بمملكة البحرين", "a")[0]
    # the office of a place after a name is no part of it, nor are the titles before that office
    assert speaker("الأمير فيصل بن خالد بن عبدالعزيز أمير منطقة عسير", "a")[1] == "فيصل بن خالد بن عبدالعزيز"
    assert speaker("صاحب السمو الملكي الأمير عبدالعزيز بن سعد نائب أمير منطقة حائل", "a")[1] == "عبدالعزيز بن سعد"
    assert speaker("حمد بن عيسى آل خليفة ملك مملكة البحرين", "a")[1] == "حمد بن عيسى آل خليفة"
    # with no name before it, an office stays as written
    assert speaker("سماحة مفتي عام المملكة", "a")[1] == "سماحة مفتي عام المملكة"
    # a preposition's object closing the phrase is where, not who: no id shared by what ends in it
    assert speaker("وزير الداخلية بالبحرين", "a")[0] != speaker("وزير الإعلام بالبحرين", "a")[0]
    assert speaker("الشيخ راشد بن عبدالله آل خليفة وزير الداخلية بالبحرين", "d") == minister
    # the office of a body with no name is no speaker shared by everyone that body's offices name
    assert speaker("سماحة مفتي عام المملكة رئيس هيئة كبار العلماء", "a")[0] \
        != speaker("المستشار بالديوان الملكي عضو هيئة كبار العلماء", "a")[0]
    # a given name after the body opens the name; one inside the body's name does not
    assert speaker("رئيس مجلس إدارة جمعية كفى عبدالعزيز السيف", "a")[1] == "عبدالعزيز السيف"
    assert "نايف العربية" != speaker("الخبير الأمني أستاذ علم الإجرام بجامعة نايف العربية", "a")[1]
    # a name after the place opens the name
    assert speaker("مدير هيئة السياحة في محافظة ينبع سامر بن علي العنيني", "a")[1] == "سامر بن علي العنيني"


def test_a_courtesy_title_and_a_given_name_repeat_the_full_name_given_before():
    r = SpeakerResolver(Registry([]), lang="ar", doc_id="d1")
    full = r.resolve_mention("الشيخ راشد بن عبدالله آل خليفة وزير الداخلية".split())
    other = r.resolve_mention("الشيخ محمد بن زايد آل نهيان ولي عهد أبوظبي".split())
    assert r.resolve_mention(["الشيخ", "راشد"]).speaker_id == full.speaker_id != other.speaker_id
    assert r.resolve_mention(["الشيخ", "محمد"]).speaker_id == other.speaker_id
    # without the title a given name alone is nobody named before
    assert r.resolve_mention(["راشد"]).speaker_id != full.speaker_id


def test_a_transcript_label_with_a_surname_is_the_person_the_text_names_in_full():
    r = SpeakerResolver(Registry([]), lang="en", doc_id="d1")
    r.text = ("MS. WATSON: Good morning. This is Adrienne Watson with the NSC.\n"
              "THE PRESIDENT: Thank you. Sanctioning President Putin was right.\n")
    sp = r.resolve_turn(["MS.", "WATSON"])
    assert (sp.speaker, sp.mention_full) == ("Adrienne Watson", "MS. WATSON")
    # an office is no surname, and a surname the text gives two people stays as it is
    assert r.resolve_turn(["THE", "PRESIDENT"]).speaker != "Sanctioning President"
    ambassador = SpeakerResolver(Registry([]), lang="en", doc_id="d3")
    ambassador.text = "Remarks by Linda Thomas-Greenfield. AMBASSADOR THOMAS-GREENFIELD: Thank you."
    assert ambassador.resolve_turn(["MS.", "THOMAS-GREENFIELD"]).speaker == "Linda Thomas-Greenfield"
    two = SpeakerResolver(Registry([]), lang="en", doc_id="d2")
    two.text = "Jon Finer and Ann Finer spoke. MR. FINER: Thanks."
    assert two.resolve_turn(["MR.", "FINER"]).speaker == "FINER"


def test_a_family_name_with_a_title_word_and_a_name_inside_another_name():
    r = SpeakerResolver(Registry([Actor(id="mufti", name="The Mufti", kind="person",
                                        names={"ar": ["عبدالعزيز آل الشيخ"]})]), lang="ar", doc_id="d1")
    # "صالح بن عبدالعزيز آل الشيخ" is the son, not the registered "عبدالعزيز آل الشيخ" his name holds
    son = r.resolve_mention("الشيخ صالح بن عبدالعزيز آل الشيخ وزير الشؤون الإسلامية".split())
    assert son.speaker_id != "mufti" and son.speaker == "صالح بن عبدالعزيز آل الشيخ"
    # "آل الشيخ" is a family name, not a sheikh: it repeats the name given before
    assert r.resolve_mention(["آل", "الشيخ"]).speaker_id == son.speaker_id
    assert r.resolve_mention("الشيخ عبدالعزيز آل الشيخ".split()).speaker_id == "mufti"


def test_an_english_pronoun_with_its_verb_is_the_pronoun_and_both_parties_are_a_group(registry):
    r = SpeakerResolver(registry, lang="en", doc_id="d1", day="2022-03-01")
    biden = r.resolve_mention(["President", "Biden"])
    r.record(biden, None)
    # "He stressed" read with its verb is the pronoun: the man named before, not a speaker "He stressed"
    assert r.resolve_mention(["He", "stressed"]).speaker_id == biden.speaker_id
    both = r.resolve_mention(["Both", "leaders"])
    assert both.kind == "anonymous" and both.speaker_id != biden.speaker_id


def test_an_office_put_in_the_past_is_not_its_holder_on_the_articles_date(registry):
    # the water minister in office is Sami Ali; "the former water minister" is someone else
    now = SpeakerResolver(registry, lang="ar", day="2021-06-01")
    assert now.resolve_mention(["وزير", "المياه"]).speaker_id == "sami_ali"
    for words in (["وزير", "المياه", "السابق"], ["وزير", "المياه", "الأسبق", "كريم", "نور"]):
        assert SpeakerResolver(registry, lang="ar", day="2021-06-01").resolve_mention(words).speaker_id != "sami_ali"
    named = SpeakerResolver(registry, lang="ar", day="2021-06-01").resolve_mention(
        ["وزير", "المياه", "الأسبق", "كريم", "نور"])
    assert named.speaker == "كريم نور"
    english = SpeakerResolver(registry, lang="en", day="2021-06-01")
    assert english.resolve_mention(["water", "minister"]).speaker_id == "sami_ali"
    assert SpeakerResolver(registry, lang="en", day="2021-06-01").resolve_mention(
        ["former", "water", "minister"]).speaker_id != "sami_ali"


def test_words_of_time_and_particles_alone_name_no_one_but_a_surname_given_before_does(registry):
    # "وأضاف الآن أن", "وأوضح حاليا أن": the subject is the one named before
    text = ("خبر\n\nوقال وزير المياه سامي العلي إن السد جاهز.\n\nوأضاف الآن أن التمويل متوفر.\n\n"
            "وأوضح حاليا أن المقاول تأخر في التسليم.\n")
    rows = attribute_text(text, registry)
    assert rows["speaker_id"].tolist() == ["sami_ali"] * 3
    # a family name that is also a word of time is that person once the article named them in full
    r = SpeakerResolver(registry, lang="ar", doc_id="e", day="2021-06-01")
    full = r.resolve_mention(["المهندس", "عبدالرحمن", "المقبل"])
    assert r.resolve_mention(["المقبل"]).speaker_id == full.speaker_id
    # "آلان" (a given name) folds as "الآن" but is written apart
    assert SpeakerResolver(registry, lang="ar", doc_id="f").resolve_mention(["آلان"]).speaker == "آلان"


def _countries() -> Registry:
    return Registry([
        Actor("us", "United States", "country", side="United States",
              names={"ar": ["الولايات المتحدة", "أمريكا"], "en": ["United States", "America"]}),
        Actor("eg", "Egypt", "country", side="Egypt", names={"ar": ["مصر", "القاهرة"], "en": ["Egypt", "Cairo"]}),
        Actor("ru", "Russia", "country", side="Russia", names={"ar": ["روسيا", "موسكو"], "en": ["Russia", "Moscow"]}),
    ])


def test_an_unregistered_speaker_is_of_the_country_of_their_adjective_not_of_where_they_are_posted():
    r = SpeakerResolver(_countries(), lang="ar")

    def side(phrase):
        return r.resolve_mention(phrase.split()).side

    assert side("السفير الروسي في القاهرة") == "Russia"
    assert side("السفارة الأمريكية بالقاهرة") == "United States"
    assert side("مسؤول أمريكي لدى مصر") == "United States"
    assert side("مصادر روسية مطلعة") == "Russia"
    # a country named in construct is theirs; a place with no adjective of origin is the one thing to go by
    assert side("سفير روسيا في القاهرة") == "Russia"
    assert side("مسؤول في القاهرة") == "Egypt"
    # an origin that is no one country: nobody's side, not the place's
    assert side("دبلوماسي غربي في موسكو") == ""
    # an adjective that does not agree with the word before it, or follows a name's particle, is a family name
    assert side("الكاتب محمد المصري") == ""
    assert side("الأستاذ عبد المحسن الروسي") == ""
    # "international", "Arab" describe the speaker only beside the head: here they describe an institute
    assert side("مدير معهد العلاقات الدولية في موسكو") == "Russia"
    assert side("مصدر دبلوماسي عربي في موسكو") == ""
    # people who speak for no state are from there, not on its side (no self-stance is read away from them)
    assert side("اللاعب المصري محمد صلاح") == "" and side("مواطن في القاهرة") == ""
    assert SpeakerResolver(_countries(), lang="en").resolve_mention("Russian refugees in Cairo".split()).side == ""


def test_an_unnamed_source_known_by_its_origin_is_one_per_description():
    r = SpeakerResolver(_countries(), lang="ar")
    first = r.resolve_mention("مصادر روسية مطلعة".split())
    other = r.resolve_mention("باحث روسي".split())
    assert first.speaker == "anonymous (Russia): مصادر روسية مطلعة" and first.side == "Russia"
    assert first.speaker_id != other.speaker_id


def test_an_english_source_posted_somewhere_is_not_that_place():
    reg = _countries()

    def speakers(sentence):
        rows = attribute_document({"doc_id": "t", "lang": "en", "text": "Title\n\n" + sentence}, reg)
        return [(row["speaker"], row["side"]) for row in rows]

    assert speakers("A senior Russian diplomat in Cairo said the talks had failed.") \
        == [("anonymous (Russia): senior Russian diplomat in Cairo", "Russia")]
    assert speakers("Western diplomats in Moscow said the talks had failed.")[0][1] == ""
    # a role posted to a country names no one: the phrase is the speaker, not the country
    assert speakers("The Russian ambassador to Egypt said the talks had failed.") \
        == [("Russian ambassador to Egypt", "Russia")]


def test_an_adjective_finds_its_place_under_any_name_the_registry_knows_it_by():
    reg = Registry([
        Actor("houthis", "Houthis", "institution", side="Houthis", names={"ar": ["الحوثيين"]}),
        Actor("sa", "Saudi Arabia", "country", side="Saudi Arabia", names={"en": ["Saudi Arabia"]}),
        Actor("ye", "Yemen", "country", side="Yemen", names={"ar": ["اليمن", "صنعاء"]}),
        Actor("eg", "Egypt", "country", side="Egypt", names={"en": ["Egypt", "Cairo"]}),
    ])
    # "حوثي" is listed beside "الحوثي" and its plural; the registry names only the plural
    assert SpeakerResolver(reg, lang="ar").resolve_mention("قيادي حوثي في صنعاء".split()).side == "Houthis"
    # a place of two words
    assert SpeakerResolver(reg, lang="en").resolve_mention("a Saudi official in Cairo".split()).side == "Saudi Arabia"


def test_a_ruler_a_place_is_named_after_is_not_the_speaker(registry):
    # "بجامعة الملك سعود مشعل الوعيل": the king's name is the university's; the speaker is the man after it
    text = "خبر\n\nوقال عضو هيئة التدريس بجامعة الملك سعود مشعل الوعيل إن الدراسة مهمة.\n"
    assert list(attribute_text(text, registry).speaker) == ["مشعل الوعيل"]
    # with no one named after it, the phrase names no person: not "عبدالله الرياضية"
    text = "خبر\n\nوقال مدير مدينة الملك عبدالله الرياضية إن الملعب جاهز.\n"
    (row,) = attribute_text(text, registry).itertuples()
    assert row.speaker == "مدير مدينة الملك عبدالله الرياضية"
    # a prince's title after a body not named after anyone is the speaker's own
    text = "خبر\n\nوقال مدير المكتب الأمير فيصل بن خالد إن العمل مستمر.\n"
    assert attribute_text(text, registry).speaker.iloc[0].endswith("فيصل بن خالد")


def test_a_registered_name_closing_a_sources_title_is_that_actor(registry):
    def resolve(phrase):
        return SpeakerResolver(registry, lang="ar", doc_id="d").resolve_mention(phrase.split())
    # the spokesman named is the registered person, as his name alone is
    assert resolve("المتحدث الرسمي للمركز سامي العلي").speaker_id == "sami_ali"
    assert resolve("المتحدث باسم قوات التحالف العميد سامي العلي").speaker_id == "sami_ali"
    # a source tied to the one named is not them, nor is another man of the family name
    assert resolve("مصدر مقرب من الوزير سامي العلي").kind == "anonymous"
    assert resolve("المتحدث الرسمي للمركز أحمد العلي").speaker_id != "sami_ali"
