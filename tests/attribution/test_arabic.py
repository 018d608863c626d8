"""Arabic reporting events: verbs, participles, according-to forms, quotation chains and the headline colon."""

import pytest

from framing.attribution.actors import Actor, Registry
from framing.attribution.arabic import _irrealis, _name_after, arabic_events
from framing.attribution.cues import cue_lexicon
from framing.attribution.document import prepare
from framing.attribution.pipeline import attribute_document

from attribution_support import AR_TEXT, attribute_text


# -- through whole documents ----------------------------------------------------------

def test_headline_colon_form(registry):
    df = attribute_text(AR_TEXT, registry)
    head = df[df.paragraph == 0].iloc[0]
    assert head.kind == "headline" and head.cue == "الوزارة:"
    assert head.content == "الأمطار ستعود قريبا"


def test_embedded_speech_is_not_a_new_event(registry):
    text = "خبر\n\nوقال العلي إن الوزير أكد له أن السد جاهز.\n"
    assert list(attribute_text(text, registry).cue) == ["وقال"]


# -- arabic_events on single sentences --------------------------------------------------

def _events(text, registry=None, sentence=-1):
    """The events of one sentence of ``text`` (the last by default), with their texts."""
    sent = prepare(text).sentences[sentence]
    out = []
    for ev in arabic_events(sent, cue_lexicon("ar"), registry):
        if ev.silent:
            continue  # no statement: it only tells later verbs who their subject is
        out.append({"ev": ev, "cue": text[ev.cue_start:ev.cue_end], "content": text[slice(*ev.content)],
                    "mention": text[slice(*ev.mention)] if ev.mention else ""})
    return out


def test_verb_first_speaker_ends_at_the_complementizer():
    (e,) = _events("وقال وزير الصحة سامي العلي إن الوضع مستقر.")
    assert e["cue"] == "وقال" and e["mention"] == "وزير الصحة سامي العلي"
    assert e["content"] == "إن الوضع مستقر" and e["ev"].kind == "indirect"
    # an addressee between speaker and clause is neither speaker nor content
    (e,) = _events("وقال الوزير لوكالة رويترز إن الخطة جاهزة.")
    assert e["mention"] == "الوزير" and "رويترز" not in e["content"]


def test_a_name_in_quotation_marks_before_the_clause_is_not_what_was_said():
    # a newspaper's name in quotation marks, then the clause: the clause was said
    (e,) = _events('وقال المتحدث باسم الشرطة سامي العلي في اتصال هاتفي مع "الوطن" إن التحقيقات مستمرة.')
    assert e["content"] == "إن التحقيقات مستمرة" and e["ev"].kind == "indirect"
    (e,) = _events("وأشار الموقع المصري «الوطن»، إلى أن الوزارة كشفت التفاصيل.")
    assert e["content"] == "أن الوزارة كشفت التفاصيل"
    (e,) = _events("وشدد الموقع المصري «الوطن»، على أن الوزارة كشفت التفاصيل.")
    assert "الوطن" not in e["content"] and e["content"].endswith("أن الوزارة كشفت التفاصيل")
    # a quotation after the speaker is still what they said, short or long
    (e,) = _events("وقال الوزير: «لن نتراجع» أمام الصحفيين.")
    assert e["content"] == "لن نتراجع" and e["ev"].kind == "direct"
    (e,) = _events("وقال الوزير لـ«عكاظ»: «سنواصل العمل حتى النهاية».")
    assert e["content"] == "سنواصل العمل حتى النهاية"


def test_verb_gender_and_subject_first_clauses(registry):
    assert _events("وقالت الوزيرة إن الخطة جاهزة.")[0]["ev"].feminine is True
    assert _events("وقال الوزير إن الخطة جاهزة.")[0]["ev"].feminine is False
    (e,) = _events("وأكد أن الخطة جاهزة.")
    assert e["ev"].mention is None and e["ev"].mention_tokens == ()   # no subject: resolved later
    # in the body, a subject before the verb counts when the registry knows it
    body = "خبر\n\nوإيران تقول إن الاتفاق ممكن.\n"
    iran = Registry([Actor("iran", "Iran", "country", names={"ar": ["إيران"]})])
    assert _events(body, iran)[0]["ev"].mention_tokens == ("إيران",)
    assert _events(body, registry)[0]["ev"].mention_tokens == ()


def test_a_headline_puts_the_subject_before_its_present_tense_verb(registry):
    # the noun phrase after a headline's imperfect verb is its object, the subject comes first
    (e,) = _events("هيئة الموانئ تعلن تشغيل رصيف جديد\n\nنص.\n", sentence=0)
    assert e["mention"] == "هيئة الموانئ" and e["content"].startswith("تشغيل")
    # a word that merely begins with و or ف keeps its letter: "فنلندا" is not "نلندا"
    (e,) = _events("فنلندا تستبعد تغييرات سريعة في سياستها\n\nنص.\n", registry, sentence=0)
    assert e["ev"].mention_tokens == ("فنلندا",)
    # after a conjunction the subject is the phrase it joins, without the conjunction
    (e,) = _events("أمطار غزيرة في المدينة والدفاع المدني يحذر من السيول\n\nنص.\n", sentence=0)
    assert e["ev"].mention_tokens == ("الدفاع", "المدني")
    # a perfect verb, or one in the body, is verb-first as usual
    (e,) = _events("أعلنت هيئة الموانئ أن الرصيف الجديد جاهز\n\nنص.\n", sentence=0)
    assert e["mention"].startswith("هيئة الموانئ")
    (e,) = _events("خبر\n\nوقال المدير إن هيئة الموانئ تعلن أن الرصيف جاهز.\n")
    assert e["mention"] == "المدير"


def test_a_verb_and_the_participle_right_after_it_report_one_statement():
    text = ("خبر\n\nوقال الوزير إن الخطة جاهزة. وتابع محذرا: «لن نسمح بذلك». وأضاف قائلا: «الأمر واضح». "
            "وأكد المدير أن الجسر مغلق، مشيرا إلى أن العمل مستمر.\n")
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    # one event each for "وتابع محذرا" and "وأضاف قائلا"; a participle after a comma is a statement of its own
    assert [r["cue"] for r in u] == ["وقال", "وتابع", "وأضاف", "وأكد", "مشيرا"]
    assert [r["content"] for r in u][1:3] == ["لن نسمح بذلك", "الأمر واضح"]


def test_according_to_a_source_in_quotation_marks():
    (e,) = _events("خبر\n\nوقع الحادث أمس في الميناء، حسب «وكالة الأنباء المحلية».\n")
    assert e["mention"].strip("«»") == "وكالة الأنباء المحلية" and e["content"].startswith("وقع الحادث")
    # a long quotation is what was said, not who said it
    assert _events("خبر\n\nوقع الحادث، حسب «مصادر تحدثت عن حادث كبير جدا في الميناء».\n") == []


def test_an_unnamed_source_right_before_its_verb_is_its_subject():
    # an indefinite noun and the verb after it: "critics who say", "officials who said"
    for text, mention in (("ولم يعلق الوزير، لكن منتقدين يقولون إن الخطة فاشلة.", "منتقدين"),
                          ("وفي الأثناء مسؤولون أجانب قالوا إن الطريق مفتوح.", "مسؤولون أجانب")):
        u = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\n" + text + "\n"})
        assert [(r["mention"], r["speaker_kind"]) for r in u] == [(mention, "anonymous")]
    # a definite noun is not such a clause's subject: "التقى الوزير المسؤولين" does not make them speak
    (e,) = _events("خبر\n\nوكان الوزير المسؤول قال إن الطريق مفتوح.\n")
    assert e["mention"] != "المسؤول"


def test_time_words_adverbials_and_objects_after_the_verb_are_not_the_speaker():
    text = ("خبر\n\nوقال أمس الوزير سالم الراشد إن الطرق مغلقة. وصرح للصحافة بعد اللقاء: «الوضع جيد». "
            "ولفت الانتباه إلى أن الجسر مغلق.\n")
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    assert [r["mention"] for r in u] == ["الوزير سالم الراشد", "", ""]
    assert len({r["speaker_id"] for r in u}) == 1  # the minister, named before
    # words spelt like those but meaning someone: "إمام" (imam, folded like "أمام"), "صباح" (a given name)
    for name in ("إمام المسجد", "صباح الراشد"):
        u = attribute_document({"doc_id": "t", "lang": "ar", "text": f"خبر\n\nوقال {name} إن الطرق مغلقة.\n"})
        assert [r["mention"] for r in u] == [name]


def test_a_speaker_phrase_never_ends_on_a_preposition():
    # the verb governs "على": the speaker is the director, whatever the span model prefers
    text = ("خبر\n\nوأكد المدير العام على أن الطرق مغلقة. وأشار المدير العام إلى أن الطرق مفتوحة. "
            "وجدد المدير العام التأكيد على أن الجسر مغلق.\n")
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    # nor on a speech act renewed as the verb's object ("جدد ... التأكيد على")
    assert [r["mention"] for r in u] == ["المدير العام", "المدير العام", "المدير العام"]


@pytest.mark.parametrize("text, speaker, source", [
    ("يقول الناطق باسم المقاومة علي الأحمدي - حسب وكالة الصحافة الفرنسية - إن «المقاتلين نجحوا».",
     "الناطق باسم المقاومة علي الأحمدي", "وكالة الصحافة الفرنسية"),
    ("وقال نائب المفتش العام للشرطة أرون كومار وفقا لوكالة رويترز إن الهجوم وقع فجرا.",
     "نائب المفتش العام للشرطة أرون كومار", "وكالة رويترز"),
    ("وقال سكان محليون - حسب وكالة الأنباء الألمانية - إن طيران التحالف شن غارات.", "سكان محليون",
     "وكالة الأنباء الألمانية"),
])
def test_the_source_an_according_to_names_is_never_part_of_the_speaker(text, speaker, source):
    # "X - حسب وكالة Y - إن ...": X speaks, the agency is the source of the report, an event of its own; with the
    # agency in it, X's name would be a speaker of its own, apart from X's other statements
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": f"خبر\n\n{text}\n"})
    assert [r["mention_full"] for r in u] == [speaker, source]


def test_the_medium_addressed_is_never_part_of_the_speaker():
    # cut wherever the span ends: a name after "لوكالة" would make every source quoted to it one speaker
    text = "خبر\n\nوقال المصدر لوكالة «فرانس برس» إن الهجوم فشل. وقال سالم الراشد لوكالة الأنباء إن الطريق مفتوح.\n"
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    assert list(u_["mention"] for u_ in u) == ["المصدر", "سالم الراشد"]
    # a registered outlet after "ل" is addressed too, its article dropped or not ("للجزيرة نت")
    reg = Registry([Actor("tv", "Coast TV", "media", names={"ar": ["قناة الساحل", "الساحل نت"]})])
    for outlet in ("للساحل نت", "لقناة الساحل"):
        text = f"خبر\n\nوقال الخبير سالم الراشد {outlet} إن الطريق مفتوح.\n"
        assert attribute_document({"doc_id": "t", "lang": "ar", "text": text}, reg)[0]["mention"] == "الخبير سالم الراشد"
    # "للإعلام" ends many a body's name: no cut there
    text = "خبر\n\nوذكرت الهيئة الوطنية للإعلام الجبلية أن الطريق مفتوح.\n"
    assert attribute_document({"doc_id": "t", "lang": "ar", "text": text})[0]["mention"] == "الهيئة الوطنية للإعلام الجبلية"
    # nor is the talk in which something was said: "في حديثه" is how, never who
    text = "خبر\n\nوقال المهندس سالم الراشد في حديثه إن الطريق مفتوح.\n"
    assert attribute_document({"doc_id": "t", "lang": "ar", "text": text})[0]["mention"] == "المهندس سالم الراشد"


def test_quotations_direct_post_posed_and_mixed():
    (e,) = _events("وقال الوزير: «نحن مستعدون تماما».")
    assert e["ev"].kind == "direct" and e["content"] == "نحن مستعدون تماما"
    (e,) = _events("«نحن مستعدون تماما للحوار»، قال المتحدث.")
    assert (e["cue"], e["mention"], e["ev"].kind) == ("قال", "المتحدث", "direct")
    assert e["content"] == "نحن مستعدون تماما للحوار"
    (e,) = _events("وقال الوزير إن «الحكومة لن تتراجع عن هذا القرار أبدا» في كل الأحوال.")
    assert e["ev"].kind == "mixed" and e["content"].startswith("إن «الحكومة")


def test_participle_continues_the_verb_before_it():
    verb, part = _events("وقال العلي إن السد جاهز، مؤكدا أن العمل يبدأ قريبا.")
    assert part["cue"] == "مؤكدا" and part["ev"].cue_type == "participle"
    assert part["ev"].link_previous and not part["ev"].required
    assert part["content"] == "أن العمل يبدأ قريبا"
    assert verb["content"] == "إن السد جاهز"              # the first content stops where the next event starts


def test_two_speakers_in_one_sentence_split_the_content():
    first, second = _events("وقال سامي العلي إن الحكومة مستعدة، فيما أكدت الوزارة أن المخزون كاف.")
    assert first["content"] == "إن الحكومة مستعدة"        # without the connector فيما
    assert (second["mention"], second["content"]) == ("الوزارة", "أن المخزون كاف")


def test_according_to_takes_the_source_and_the_longer_side():
    for text in ("ووفقا لوزارة الصحة، تراجع عدد الإصابات كثيرا هذا الأسبوع.",
                 "تراجع عدد الإصابات كثيرا هذا الأسبوع، وفقا لوزارة الصحة."):
        (e,) = _events(text)
        assert e["ev"].kind == "according"
        assert e["ev"].mention_tokens == ("وزارة", "الصحة")       # the ل of وفقا لـ is not the source's
        assert e["content"] == "تراجع عدد الإصابات كثيرا هذا الأسبوع"
    (e,) = _events("الاتفاق قريب جدا من التوقيع بحسب مصادر مطلعة.")
    assert e["mention"] == "مصادر مطلعة" and e["content"] == "الاتفاق قريب جدا من التوقيع"
    # "بحسب ما ذكرت الوكالة": the phrase and its verb are one cue (one event, not two)
    assert [(e["cue"], e["mention"]) for e in _events("وبحسب ما ذكرت الوكالة، فإن الاتفاق قريب.")] == \
        [("وبحسب ما ذكرت", "الوكالة")]


def test_according_to_closes_the_clause_before_it_when_what_follows_the_source_starts_anew():
    # a clause of its own after the source: what the source said is before it
    for text in ("وقتل نحو عشرين شخصا في الهجوم، بحسب النائب محمد ساندو، فيما توقف السير على الطريق طويلا.",
                 "وقتل نحو عشرين شخصا في الهجوم، بحسب النائب محمد ساندو، وكان الطريق مغلقا طوال النهار كله."):
        e = next(e for e in _events(text) if e["ev"].kind == "according")
        assert e["mention"] == "النائب محمد ساندو" and e["content"] == "وقتل نحو عشرين شخصا في الهجوم"
    # a relative clause after the source is the source's own: "بحسب الصحيفة التي رأت أن ..."
    e = next(e for e in _events("وقتل نحو عشرين شخصا في الهجوم، بحسب صحيفة الوطن التي نقلت أن الهجوم وقع فجرا وأن المهاجمين فروا.")
             if e["ev"].kind == "according")
    assert e["content"] != "وقتل نحو عشرين شخصا في الهجوم"
    # a fronted source goes on with what it said, however short the sentence before it
    (e,) = _events("وحسب مصادر أمنية، قتل أربعة عشر شخصا وجرح سبعون آخرون في التفجير الذي وقع أمس.")
    assert e["content"].startswith("قتل أربعة عشر شخصا")


def test_a_fronted_source_relays_the_event_it_reports():
    # "وبحسب «رويترز» قالت الوزارة ...": the agency relays what the ministry said, as a chain of reporting does
    relay, said = _events("وبحسب «رويترز» قالت الوزارة في بيان إن الكشف الجديد سيدخل الإنتاج خلال شهرين.")
    assert relay["mention"] == "رويترز" and relay["content"] == "قالت الوزارة في بيان إن الكشف الجديد سيدخل الإنتاج خلال شهرين"
    assert said["mention"] == "الوزارة" and said["content"] == "إن الكشف الجديد سيدخل الإنتاج خلال شهرين"
    relay, _ = _events("وحسب مصادر أمنية، فقد أشارت الحصيلة إلى مقتل أربعة عشر شخصا.")
    assert relay["content"] == "فقد أشارت الحصيلة إلى مقتل أربعة عشر شخصا"
    # a source's name in quotation marks is not what it said
    (e,) = _events("وبحسب «رويترز» فإن الإنتاج ارتفع كثيرا هذا العام.")
    assert e["content"] == "فإن الإنتاج ارتفع كثيرا هذا العام"


def test_quotation_chains_give_the_relay_and_the_source():
    agency, source = _events("ونقلت وكالة رويترز عن مسؤول أمريكي قوله إن المحادثات مستمرة.")
    assert (agency["cue"], agency["mention"]) == ("ونقلت", "وكالة رويترز")
    assert (source["cue"], source["mention"]) == ("قوله", "مسؤول أمريكي")
    assert source["content"] == "إن المحادثات مستمرة"
    (e,) = _events("ونقلت السفارة قولها إن المحادثات مستمرة.")
    assert e["mention"] == "السفارة" and e["content"] == "إن المحادثات مستمرة"


def test_negated_verbs_and_verbs_with_other_senses_are_no_events():
    assert _events("ولم يذكر التقرير أن الخطة جاهزة.") == []
    assert _events("وتابع الوزير المباراة مع الجمهور.") == []          # تابع "followed", no clause
    assert [e["cue"] for e in _events("وتابع الوزير أن المباراة كانت جيدة.")] == ["وتابع"]
    # after a preposition a cue's form is a verbal noun ("دعا إلى تبني الخطة"), never a verb of its own
    lex = cue_lexicon("ar")
    toks = prepare("ودعا الوزير إلى تبني الخطة، وتبنى المجلس القرار.").sentences[0].tokens
    noun, verb = (k for k, t in enumerate(toks) if t.norm in ("تبني", "وتبني"))
    assert _irrealis(toks, noun, lex.lookup_norm(toks[noun].norm))
    assert not _irrealis(toks, verb, lex.lookup_norm(toks[verb].norm))
    # but "من" before a verb is "who": "هناك من يقول إن" reports someone's view
    toks = prepare("وهناك من يقول إن الخطة فشلت.").sentences[0].tokens
    assert not _irrealis(toks, 2, lex.lookup_norm(toks[2].norm))


def test_the_reporters_own_formulas_and_facts_are_no_events():
    # the impersonal passive: "يذكر أن" is "it is worth noting that", "يتوقع أن" "it is expected that"
    assert _events("خبر\n\nيذكر أن اللاعب انتقل إلى الهلال قبل موسمين.") == []
    assert _events("خبر\n\nويتوقع أن يصدر القرار خلال أسبوعين.") == []
    # with a subject between, the same verbs report someone
    (e,) = _events("خبر\n\nويذكر التقرير أن الأسعار ارتفعت.")
    assert e["mention"] == "التقرير"
    (e,) = _events("خبر\n\nويتوقع الخبراء أن ترتفع الأسعار.")
    assert e["mention"] == "الخبراء"
    # "what" as the subject is a fact: "مما يشير إلى أن", "وهو ما يؤكد"; "على ما قال" still reports
    assert _events("خبر\n\nارتفعت الأسعار، مما يشير إلى أن الطلب قوي.") == []
    assert _events("خبر\n\nتراجعت الصادرات، وهو ما يؤكد أن الطلب ضعيف.") == []
    assert [e["cue"] for e in _events("خبر\n\nقصف الجيش على ما قال، إنه مقر للمسلحين.")] == ["قال"]
    # unvowelled, the present of أبلغ is بلغ "amounts to": "تبلغ قيمته"
    assert "تبلغ" not in [e["cue"] for e in _events("خبر\n\nأعلنت الشركة عن مشروع تبلغ قيمته مليون ريال.")]
    assert "تبلغ" not in cue_lexicon("ar").forms


def test_according_to_a_plan_or_rule_is_no_source():
    assert _events("خبر\n\nوتسير المشروعات حسب الخطة التي أعدتها الأمانة.") == []
    assert _events("خبر\n\nوتم التصويت وفق اللوائح المنظمة لذلك.") == []
    # ways, grades and factors: in accordance with, not according to someone
    assert _events("خبر\n\nويعمل المركز وفق أسلوب يجمع الأصالة والمعاصرة.") == []
    assert _events("خبر\n\nوتختلف الرسوم حسب فئة الترخيص.") == []
    # laws, policies and visions: "وفق الشريعة الإسلامية" is in accordance with, not according to
    assert _events("خبر\n\nوتقسم التركة وفق الشريعة الإسلامية بين الورثة.") == []
    assert _events("خبر\n\nويعمل الفريق وفق خط استراتيجي واحد منذ سنوات.") == []
    # calendars, jurisdictions, articles of a law and the best standards
    assert _events("خبر\n\nويبدأ العام الدراسي يوم الأحد حسب تقويم أم القرى.") == []
    assert _events("خبر\n\nوتحال القضايا إلى المحاكم حسب الاختصاص.") == []
    assert _events("خبر\n\nويعاقب المخالف وفق المادة الثالثة من النظام.") == []
    assert _events("خبر\n\nوتم البناء وفق أفضل المعايير الدولية.") == []
    # a number of witnesses is a source
    (e,) = _events("خبر\n\nوحسب عدد من الشهود، قتل خمسة أشخاص في الهجوم.")
    assert e["mention"] == "عدد من الشهود"
    (e,) = _events("خبر\n\nوارتفع عدد القتلى إلى عشرة، حسب وكالة رويترز.")
    assert e["mention"] == "وكالة رويترز"


def test_a_relay_and_its_source_are_in_one_clause():
    # "نقل" with عن beyond a comma is the noun "transfer", no relay of anyone's words
    assert _events("خبر\n\nكان الفريق أسرع في نقل اللعب، وحاول المهاجم التسديد عن بعد.") == []
    cues = [e["cue"] for e in _events("خبر\n\nونقلت وكالة رويترز عن مسؤول قوله إن الوضع هادئ.")]
    assert "ونقلت" in cues


def test_a_verb_of_manner_by_saying_reports_its_subject(registry):
    (e,) = _events("خبر\n\nومضت المصادر بالقول إن القوات تقدمت نحو المدينة.")
    assert e["cue"] == "ومضت المصادر بالقول" and e["mention"] == "المصادر"
    assert e["content"] == "إن القوات تقدمت نحو المدينة"
    # the verb's object is no speaker: "his talk" leaves the subject to be found before
    (e,) = _events("خبر\n\nواختتم حديثه بقوله: «الفريق جاهز».")
    assert e["mention"] == "" and e["content"] == "الفريق جاهز"
    # a sentence whose only cue is "by saying" is read at all, and its speaker carried on
    df = attribute_text("خبر\n\nوقال الوزير خالد العلي إن الوضع جيد. واكتفى بالقول: «لا تعليق».\n", registry)
    assert len(df) == 2 and df.speaker.iloc[1] == df.speaker.iloc[0] and df.content.iloc[1] == "لا تعليق"
    # without a clause or quotation after it, "by saying" reports nothing
    assert _events("خبر\n\nواكتفى المدرب بالقول المأثور عن الصبر.") == []


def test_verbs_that_are_also_other_words_count_where_a_clause_starts():
    (e,) = _events("خبر\n\nوبين الرئيس العام لرعاية الشباب أنه تم التشاور مع الأندية.")
    assert e["cue"] == "وبين" and e["mention"] == "الرئيس العام لرعاية الشباب"
    assert _events("خبر\n\nوالفرق بين الأمرين أن الأول أسرع.") == []            # "between"
    assert _events("خبر\n\nوناقش الوزير الربط بين ما هو مطلوب منها وبين ما يمكن أن تحصل عليه.") == []
    # "بين" inside is no cue; "لخص X بأنها" has its object before بـ, never its subject
    evs = _events("خبر\n\nولخص المحادثات التي دارت بينه وبين المسؤولين بأنها مفيدة.")
    assert all(e["cue"] != "وبين" and e["mention"] != "المحادثات" for e in evs)
    assert [e["cue"] for e in _events("خبر\n\nوزاد: «تمت مناقشة الآلية».")] == ["وزاد"]
    assert _events("خبر\n\nوزاد عدد القتلى إلى عشرة في المدينة.") == []       # "increased"
    # a form that is not a cue where it stands does not cut a speaker phrase short
    (e,) = _events("خبر\n\nوقالت مصادر بين المقاتلين المحليين إن القوات تقدمت.")
    assert e["mention"] == "مصادر بين المقاتلين المحليين"


def test_according_to_what_a_source_said_is_one_cue_with_its_verb():
    (e,) = _events("خبر\n\nونقل الجريح إلى المستشفى، بحسب ما قال المصدر.")
    assert e["cue"] == "بحسب ما قال" and e["mention"] == "المصدر"
    assert e["content"] == "ونقل الجريح إلى المستشفى"
    (e,) = _events("خبر\n\nوارتفع العدد إلى عشرة حسبما أعلنت وزارة الصحة.")
    assert e["cue"] == "حسبما أعلنت" and e["mention"] == "وزارة الصحة"
    (e,) = _events("خبر\n\nوهو لاعب مهم في الفريق حسب وصف الجماهير.")
    assert e["cue"] == "حسب وصف" and e["mention"] == "الجماهير"
    (e,) = _events("خبر\n\nوالاتفاق قريب، حسب ما أوردته صحيفة الصباح.")
    assert e["cue"] == "حسب ما أوردته" and e["mention"] == "صحيفة الصباح"
    # "according to what" with no reporting verb after it is no event
    assert _events("خبر\n\nووزعت المساعدات بحسب ما تحتاجه الأسر.") == []


def test_what_data_show_and_what_came_out_after_something_happened_are_events():
    (e,) = _events("خبر\n\nوأظهرت البيانات أن الأسعار ارتفعت الشهر الماضي.")
    assert e["mention"] == "البيانات"
    assert _events("خبر\n\nويظهر أن الفريق جاهز للمباراة.") == []            # "it appears that"
    # أن after "بعد" is "after", not the "that" of someone's speech
    (e,) = _events("خبر\n\nوأحيل المتهم إلى المحكمة بعد أن كشفت التحقيقات أنه استغل منصبه.")
    assert e["cue"] == "كشفت" and e["mention"] == "التحقيقات"
    # ... but inside a statement it stays part of that statement
    cues = [e["cue"] for e in _events("خبر\n\nوقال المركز إن المقاتلين انسحبوا بعد أن رفضت قيادتهم أن تواصل.")]
    assert cues == ["وقال"]


def test_a_pronoun_object_or_a_manner_word_after_the_verb_is_no_speaker():
    (e,) = _events("خبر\n\nوقال له الوزير سالم الراشد إن الطرق مغلقة.")
    assert e["mention"] == "الوزير سالم الراشد"
    (e,) = _events("خبر\n\nوقال فيه متحدث رسمي إن الطرق مغلقة.")
    assert e["mention"] == "متحدث رسمي"
    (e,) = _events("خبر\n\nوأعلن بالأمس أن الطرق مغلقة.")
    assert e["mention"] == ""
    (row,) = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\nوقال نصا: «الطرق مغلقة»."})
    assert row["mention"] == "" and row["content"] == "الطرق مغلقة"


def test_to_us_and_to_me_after_the_verb_are_no_speaker_but_a_name_that_opens_with_li_is():
    (e,) = _events("خبر\n\nوقالت لنا مصادر دبلوماسية إن الطرق مغلقة.")
    assert e["mention"] == "مصادر دبلوماسية"
    (e,) = _events("خبر\n\nوقال لي العامل إن المبيد لا يكفي.")
    assert e["mention"] == "العامل"
    (e,) = _events("خبر\n\nوروى لي يوسف شاهين أن الفيلم تأخر.")
    assert e["mention"] == "يوسف شاهين"
    # "لي" before a word that is neither a given name nor has the article opens a name (Li, Lee): the
    # speaker's words start on it; "قال لنا ضاحكا": a manner word, no subject to start on
    from framing.attribution.arabic import _skip_addressee

    lex = cue_lexicon("ar")
    for text, skipped in (("وقال لي كيشيانغ إن الاقتصاد بخير.", False), ("وقال لنا ضاحكا إن الأمر انتهى.", False),
                          ("وقال لي العامل إن المبيد لا يكفي.", True), ("وقالت لنا مصادر إن الطرق مغلقة.", True)):
        assert _skip_addressee(prepare(text).sentences[0], 1, lex) == (2 if skipped else 1), text


def test_saying_after_a_verb_and_its_subject_is_one_statement_and_a_verbal_noun_none():
    (e,) = _events("خبر\n\nوأضاف الخضيري قائلاً: إن النصر أول ناد يتعاون معنا.")
    assert e["cue"] == "وأضاف" and e["mention"] == "الخضيري"
    # a participle that goes on after the statement's content is a statement of its own
    cues = [e["cue"] for e in _events("خبر\n\nوقال الوزير إن الطرق مغلقة، قائلا إن الأمطار ستستمر.")]
    assert cues == ["وقال", "قائلا"]
    assert "رفض" not in [e["cue"] for e in _events("خبر\n\nوحذر الوزير من مغبة رفض الاتفاق لأنه سيشعل حربا.")]
    assert _events("خبر\n\nولا يجب رفض المبادرة بالمجمل.") == []


def test_the_formula_of_an_unnamed_source_is_no_statement():
    cues = [e["cue"] for e in _events("خبر\n\nوقال المسؤول الذي رفض ذكر اسمه إن الاجتماع انتهى.")]
    assert cues == ["وقال"]
    # "رفض" with no clause reports nothing, but its subject is who "وقالت" means
    text = "خبر\n\nوقال الوزير إن الوضع مستقر. ورفضت الوزارة الكشف عن تفاصيل الصفقة، وقالت إنها سرية."
    assert [e["cue"] for e in _events(text)] == ["وقالت"]
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    assert [(r["cue"], r["speaker"]) for r in rows] == [("وقال", "الوزير"), ("وقالت", "الوزارة")]


def test_a_name_described_between_commas_before_a_present_tense_verb_is_its_subject():
    text = "خبر\n\nإيد رويس، رئيس لجنة الشؤون الخارجية في مجلس النواب، يقول «إن الصفقة تسمح بالكثير»."
    (e,) = _events(text)
    assert e["cue"] == "يقول" and e["mention"] == "إيد رويس"
    # what a verb says of its object: "يصف الصفقة بأنها ..."
    (e,) = _events("خبر\n\nتوم داشل، زعيم الأغلبية السابق، يصف الصفقة بأنها «انتصار شخصي».")
    assert e["mention"] == "توم داشل" and e["content"] == "بأنها «انتصار شخصي»"
    # no role word opening the description: the words before the comma are not taken for a name
    (e,) = _events("خبر\n\nفي المقابل، وبعد أسابيع من المفاوضات، يقول المسؤولون إن الاتفاق قريب.")
    assert e["mention"] == "المسؤولون"


def test_a_given_name_described_before_a_verb_with_no_subject_of_its_own_is_its_subject():
    # any description, when the reported words follow the verb at once
    (e,) = _events("خبر\n\nفرانك جانوزي، موظف آخر سابق، يتذكر أن الاجتماع كان حاسما.")
    assert e["mention"] == "فرانك جانوزي"
    # a past-tense verb too, and "as for" is no part of the name
    (e,) = _events("خبر\n\nأما فريد سالم، مدير الفندق، فذكر أن نسبة الإشغال ارتفعت.")
    assert e["mention"] == "فريد سالم"
    # a past-tense verb with a subject after it keeps that subject
    (e,) = _events("خبر\n\nفريد سالم، مدير الفندق، قال الوزير إنه سيزوره.")
    assert e["mention"] == "الوزير"


def test_an_indefinite_word_after_a_bodys_definite_name_is_the_object(registry):
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text":
                               "خبر\n\nأعلنت وزارة الخدمة المدنية أسماء (4878) متقدمة على الوظائف التعليمية."})
    assert [r["mention"] for r in rows] == ["وزارة الخدمة المدنية"]
    # right before the reported clause the word is the body's own name
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text":
                               "خبر\n\nوقال الاتحاد الدولي لكرة القدم فيفا إن البطولة ستقام في موعدها."})
    assert [r["mention"] for r in rows] == ["الاتحاد الدولي لكرة القدم فيفا"]


def test_colon_labels_and_colons_inside_a_sentence_are_no_quotes():
    assert _events("عاجل: انفجار في العاصمة") == []
    assert _events("خبر\n\nبدأ الاجتماع في الساعة العاشرة وقرأ النائب: التعليم أولا") == []
    (e,) = _events("خبر\n\nالوزارة: لا تغيير في الخطة")    # a body paragraph that opens with "Name:"
    assert e["ev"].kind == "headline" and e["content"] == "لا تغيير في الخطة"


def test_a_body_or_source_keeps_its_complement_a_statement_of_manner_does_not():
    mention = {text: _events(text)[0]["mention"] for text in (
        "وقالت السفارة الروسية في نيروبي إن الوضع هادئ.",
        "وقالت مصادر في الشرطة إن الوضع هادئ.",
        "وقالت الشرطة في بيان إن الوضع هادئ.",
        "وقال البنك الأوروبي في بيانه إن الوضع هادئ.",
        "وقال الرئيس في كلمة إن الوضع هادئ.",
        "وكشفت الوحدة الهندسية التابعة للشرطة أن العبوة انفجرت.")}
    assert list(mention.values()) == ["السفارة الروسية في نيروبي", "مصادر في الشرطة", "الشرطة", "البنك الأوروبي",
                                      "الرئيس", "الوحدة الهندسية التابعة للشرطة"]


def test_time_adverbials_and_objects_stay_out_of_the_speaker():
    assert _events("وقال الأسبوع الماضي وزير الصحة سامي العلي إن الوضع مستقر.")[0]["mention"] == \
        "وزير الصحة سامي العلي"
    assert _events("وأكد وزير الخارجية ضرورة الحل.")[0]["mention"] == "وزير الخارجية"


def test_a_plural_verb_is_marked():
    assert _events("وأضافوا أن الحل قريب.")[0]["ev"].plural
    assert not _events("وأضاف أن الحل قريب.")[0]["ev"].plural


def test_a_paper_named_in_quotation_marks_is_the_speaker():
    ev = _events("وأوضحت مجلة «آفاق الغد» أن الاقتصاد تراجع.")[0]
    assert ev["ev"].mention_tokens == ("مجلة", "آفاق", "الغد") and ev["content"] == "أن الاقتصاد تراجع"


def test_subjects_before_the_verb_after_kana_and_relative_pronouns():
    assert _events("وكان الرئيس قد أعلن أن الخطة جاهزة.")[0]["mention"] == "الرئيس"
    ev = _events("بعد زيارة وزير الدفاع سامي العلي، الذي أكد خلال زيارته أن بلاده مستعدة.")[0]
    assert ev["mention"].endswith("وزير الدفاع سامي العلي")  # at most five words back from the pronoun


def test_the_subject_of_kana_may_be_long_but_stays_in_its_clause():
    ev = _events("وكانت قوات الدفاع الشعبي الجناح العسكري لحزب العمال الكردستاني دانت في بيان القصف، معتبرة أنه عدوان.")[0]
    assert ev["mention"] == "قوات الدفاع الشعبي الجناح العسكري لحزب العمال الكردستاني"
    # far from كان and after أن, the verb is in another clause: "كان" has no subject for it
    evs = _events("وكان من المقرر في الأسبوع الماضي أن الوزراء قالوا إن الاجتماع تأجل.")
    assert all(not e["mention"].startswith("من المقرر") for e in evs)


def test_one_phrase_before_the_bi_complement_of_accuse_is_the_object():
    # "واتهم X بأنه": X is accused, the subject is the speaker before
    assert _events("واتهم الرئيس السابق، بأنه سبب الأزمة.")[0]["mention"] == ""
    assert _events("واتهمت الحكومة بأنها قصرت في حماية المدنيين، وقالت إن الوضع خطير.")[0]["mention"] == ""
    # with the object attached to the verb, the phrase is its subject; a phrase of time after it is no complement
    assert _events("ووصفه المخرج بأنه مهم جدا.")[0]["mention"] == "المخرج"
    assert _events("واتهم الوزير بعد الاجتماع إيران بدعم الانقلاب، وقال إن الحل سياسي.")[0]["mention"] == "الوزير"
    # another verb keeps its phrase before بـ: "أشاد الوزير بأن ..." is the minister's praise
    assert _events("وأشاد الوزير بأن الانتخابات جرت في موعدها.")[0]["mention"] == "الوزير"


def test_a_blessing_after_the_verb_is_no_speaker():
    (e,) = _events("خبر\n\nوكان مؤرخا، يقول رحمه الله «جئت من تبوك».")
    assert e["cue"] == "يقول" and e["mention"] == ""
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\nوقال الشيخ علي الطنطاوي إن الطريق طويل. "
                                                                    "وكان مؤرخا، يقول رحمه الله «جئت من تبوك»."})
    assert [r["speaker"] for r in rows] == ["علي الطنطاوي"] * 2  # listed by the name, the title in mention_full
    assert rows[0]["mention_full"] == "الشيخ علي الطنطاوي"


def test_a_mostly_passive_present_tense_reports_only_with_a_clause_or_a_named_subject():
    assert _events("خبر\n\nوتعتبر مباراة الأربعاء من أقوى المواجهات.") == []  # "is considered"
    assert _events("خبر\n\nويعتبر الحدث الأكبر ضمن مهرجان الصيف.") == []
    (e,) = _events("خبر\n\nويعتبر الخبير الاقتصادي محمد العلي أن الأسعار مرتفعة.")
    assert e["mention"] == "الخبير الاقتصادي محمد العلي"
    (e,) = _events("خبر\n\nوتعتبر وزارة العمل هذا الإجراء ضمن حزمة إجراءات.")
    assert e["mention"] == "وزارة العمل"


def test_again_is_no_participle_of_speech():
    assert _events("خبر\n\nوعاد الفنان مجددا إلى الغناء بعد غياب.") == []


def test_however_and_since_open_a_clause_of_their_own():
    (e,) = _events("خبر\n\nبيد أنه استدرك قائلا إن الاقتصاد سيتحسن.")
    assert e["cue"] == "استدرك"
    (e,) = _events("خبر\n\nويبدو أن الوزير متشائم إذ اعتبر أن التغيير ليس قريبا.")
    assert e["cue"] == "اعتبر"
    assert _events("خبر\n\nوقال إن بوتين أبلغ بايدن أن الحل قريب.")[1:] == []  # still inside his speech


def test_how_a_statement_was_made_stands_between_speaker_and_words():
    (e,) = _events("خبر\n\nوعلق الدكتور خالد المصلح في تغريدته: «استهداف رجال الأمن استهداف لنا».")
    assert e["mention"] == "الدكتور خالد المصلح" and e["content"] == "استهداف رجال الأمن استهداف لنا"


def test_as_and_a_source_closing_the_sentence_say_what_it_claims():
    (e,) = _events("خبر\n\nوتدير المحكمة الحسبة ودورياتها التي تجوب المدينة كما يدعي التنظيم.")
    assert e["cue"] == "يدعي" and e["mention"] == "التنظيم"
    assert e["content"].startswith("وتدير المحكمة")


def test_ascribed_to_someone_is_a_chain_like_relayed_from():
    rows = _events("خبر\n\nونسبت المجلة إلى محللين قولهم إن الدعم تزايد.")
    assert [(e["cue"], e["mention"]) for e in rows] == [("ونسبت", "المجلة"), ("قولهم", "محللين")]
    assert _events("خبر\n\nوارتفعت نسب البطالة إلى عشرة في المئة.") == []  # the noun "rates"


def test_a_relay_says_what_its_source_says():
    rows = _events("خبر\n\nونقلت وكالة الأنباء عن مصدر أمني قوله إن الطريق مغلق.")
    assert [(e["mention"], e["content"]) for e in rows] == [("وكالة الأنباء", "إن الطريق مغلق"),
                                                            ("مصدر أمني", "إن الطريق مغلق")]
    (first, _) = _events("خبر\n\nونسبت المجلة إلى محللين قولهم إن الدعم تزايد.")
    assert first["content"] == "إن الدعم تزايد"


@pytest.mark.parametrize("text, content", [
    ("وقال مصدر أمني للصحفيين إن الطريق مغلق.", "إن الطريق مغلق"),
    ("وقال المحلل لوكالة أنباء الشرق الأوسط، إن النتائج جيدة.", "إن النتائج جيدة"),
    ("وأوضح المدير لـ«الوطن» أن الحملة مستمرة.", "أن الحملة مستمرة"),
    ("وقال المدير لـ«الوطن»: «الحملة مستمرة».", "الحملة مستمرة"),
    ("وقال المدير للصحفيين في مؤتمر صحفي: «الحملة مستمرة».", "الحملة مستمرة"),
])
def test_whom_it_was_said_to_is_not_what_was_said(text, content):
    (e,) = _events("خبر\n\n" + text)
    assert e["content"] == content


@pytest.mark.parametrize("text, mention", [
    ("وقال لافروف إن الحوار مستمر.", "لافروف"),          # a name that opens with the letter of "to"
    ("وقال رمطان لعمامرة إن الحوار مستمر.", "رمطان لعمامرة"),
    ("وقال لوكالة رويترز مصدر مسؤول إن الحوار مستمر.", "مصدر مسؤول"),
])
def test_a_name_is_not_taken_for_whom_it_was_said_to(text, mention):
    (e,) = _events("خبر\n\n" + text)
    assert e["mention"] == mention and e["content"] == "إن الحوار مستمر"


def test_a_relative_clause_of_speaking_closed_by_a_comma_describes_the_speaker():
    (e,) = _events("خبر\n\nوقال الوزير، الذي كان يتحدث في مؤتمر صحفي، إن الوضع جيد.")
    assert (e["mention"], e["content"]) == ("الوزير", "إن الوضع جيد")
    # without the comma the clause says something itself
    rows = _events("خبر\n\nوقال الوزير الذي أكد أن الاقتصاد قوي إن النمو مستمر.")
    assert len(rows) == 2


def test_the_rest_of_whom_it_was_said_to_is_no_subject():
    rows = _events("خبر\n\nوأضاف البيان أن الهجوم وقع، بحسب النائب خالد، الذي قال لوكالة الصحافة الفرنسية إن الوضع خطير.")
    assert "الفرنسية" not in [e["mention"] for e in rows]
    (e,) = _events("خبر\n\nوأوضح لـ«الوطن» المواطن سامي الظفيري أنه امتنع من الذهاب.")
    assert e["mention"] == "المواطن سامي الظفيري"


def test_only_to_an_outlet_or_audience_opens_whom_it_was_said_to():
    from framing.attribution.arabic import _past_addressee
    sent = prepare("خبر\n\nذكرت الشبكة ووسائل إعلام أخرى لوسائل الإعلام أن الاتفاق قريب.").sentences[-1]
    norms = [t.norm for t in sent.tokens]
    lex = cue_lexicon("ar")
    assert _past_addressee(sent, norms.index("ووسائل"), lex) is None   # "and the media": a second source
    assert _past_addressee(sent, norms.index("لوسائل"), lex) == norms.index("ان")


def test_an_unclosed_quotation_mark_after_to_does_not_stop_the_reading():
    (e,) = _events("خبر\n\nوقال المدير لـ« إن الحملة مستمرة.")
    assert e["content"].endswith("الحملة مستمرة")


def test_whom_something_is_ascribed_to_is_no_speaker():
    # a passive ("attacks ascribed to the party") or an adverb for a subject: the party is accused, not quoted
    assert _events("خبر\n\nوقتل جنود في هجمات نسبت إلى الحزب منذ بداية الأزمة.") == []
    assert _events("خبر\n\nوفي حادثة منفصلة نسبت أيضا إلى الحزب، قتل جندي.") == []
    # who ascribes it makes a claim: the subject is the speaker
    (e,) = _events("خبر\n\nوفي بيان نسبت هيئة الأركان الهجوم إلى المنظمة الانفصالية.")
    assert e["mention"].startswith("هيئة الأركان") and e["content"].startswith("إلى المنظمة")


def test_god_asked_in_a_prayer_is_no_speaker():
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\nوقال الأمير مشعل بن ماجد إن الأمن مستتب. "
                                                                  "وسأل الله سبحانه وتعالى أن يحفظ البلاد."})
    # a person is listed by the name, the title kept in the fullest mention
    assert [(r["speaker"], r["mention_full"]) for r in rows] == [("مشعل بن ماجد", "الأمير مشعل بن ماجد")] * 2
    (e,) = _events("خبر\n\nوقال الله تعالى: «إن الله مع الصابرين».")
    assert e["mention"] == "الله تعالى"  # scripture is still quoted


def test_a_body_then_as_then_its_verb():
    text = "خبر\n\nوقال الأمير إن الأمن مستتب. ووزارة الداخلية إذ تعلن عن ذلك لتؤكد حرص الحكومة على الأمن."
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    assert [r["speaker"] for r in rows] == ["الأمير", "وزارة الداخلية"]


def test_an_affiliation_belongs_to_the_speaker_phrase():
    # "تابع" inside a phrase is "affiliated", not the verb "continued"
    evs = _events("وقال مصدر تابع لها إن المعارك مستمرة.")
    assert [(e["cue"], e["mention"]) for e in evs] == [("وقال", "مصدر تابع لها")]
    assert _events("وكشفت الوحدة الفنية التابعة للجيش أن الصاروخ أطلق من الخارج.")[0]["mention"] \
        == "الوحدة الفنية التابعة للجيش"


def test_an_according_to_phrase_between_speaker_and_clause():
    # the clause after the according-to phrase is the subject's; the phrase is an event of its own
    evs = _events("ورأت الفصائل بحسب مصدر تابع لها أن المعركة طويلة.")
    assert [(e["cue"], e["mention"]) for e in evs] == [("ورأت", "الفصائل"), ("بحسب", "مصدر تابع لها")]
    assert evs[0]["content"] == "أن المعركة طويلة"


def test_the_topic_of_amma_is_the_subject_of_its_verb_with_fa():
    assert _events("أما عبيد العتيبي فأشار إلى أن الشركات تقوم بعمل مؤقت.")[0]["mention"] == "عبيد العتيبي"
    assert _events("أما وزارة الصحة، فقالت إن الوضع مستقر.")[0]["mention"] == "وزارة الصحة"
    # a circumstance is no topic, and the verb's own subject after it wins
    assert _events("أما على صعيد الاقتصاد فقال الوزير إن النمو قوي.")[0]["mention"] == "الوزير"
    assert _events("أما الآن فيقول الخبراء إن الوضع تغير.")[0]["mention"] == "الخبراء"


def test_a_person_named_first_is_the_subject_of_the_verb_after_the_name():
    assert _events("عبدالرحمن المطيري يقول ولدت في هذا الحي.")[0]["mention"] == "عبدالرحمن المطيري"


def test_a_relative_clause_describes_the_speaker_before_what_was_said():
    ev = _events("وقالت الممثلة اللبنانية مادلين طبر التي شاركته بطولة مسلسل (حنان وحنين) في 2007 قبل تشييع "
                 "الجثمان «فرصة وقوفي أمامه كانت فرصة من ذهب».")[0]
    assert ev["mention"] == "الممثلة اللبنانية مادلين طبر" and ev["content"].startswith("فرصة وقوفي")
    assert _events("وقال الوزير الذي زار المدينة أمس إن الوضع مستقر.")[0]["mention"] == "الوزير"
    # a name after the relative clause may close the speaker phrase: the relative pronoun does not cut it
    sent = prepare("وقال كبير الباحثين الذين قاموا بالدراسة محمد علي إن النتائج مهمة.").sentences[0]
    assert _name_after(sent, 3, cue_lexicon("ar"))
    sent = prepare("وقالت الممثلة التي شاركته البطولة إن الفيلم نجح.").sentences[0]
    assert not _name_after(sent, 2, cue_lexicon("ar"))


def test_a_title_with_a_complement_extends_to_the_name_that_runs_to_what_was_said():
    reg = Registry([Actor("hc", "Hillary Clinton", "person", names={"ar": ["هيلاري كلينتون"]})])
    text = "خبر\n\nوصرحت المرشحة الديموقراطية إلى البيت الأبيض هيلاري كلينتون أن هذه الإجراءات خطوة كبرى.\n"
    assert [r["speaker"] for r in attribute_document({"doc_id": "t", "lang": "ar", "text": text}, reg)] \
        == ["Hillary Clinton"]


def test_the_subject_of_considered_it_stops_before_what_it_was_considered():
    text = ("خبر\n\nوقالت منظمة حقوق الإنسان إن الجنود قتلوا مدنيين. واعتبرتها المنظمة جرائم حرب.\n")
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    assert [(r["cue"], r["mention"]) for r in rows][-1] == ("واعتبرتها", "المنظمة")
    assert rows[-1]["speaker"] == "منظمة حقوق الإنسان"
    # a title is followed by a name, not by what was considered
    (ev,) = _events("ووصفه رئيس الشركة المنظمة زكي حسنين بأنه مهم.")
    assert ev["mention"] == "رئيس الشركة المنظمة زكي حسنين"


def test_a_known_actor_first_is_the_subject_of_describe_and_the_bi_clause_is_what_was_said():
    reg = Registry([Actor("bo", "Barack Obama", "person", names={"ar": ["باراك اوباما", "اوباما"]})])
    text = ("خبر\n\nووصف اوباما القيود التي فرضت على محطات توليد الكهرباء بأنها «أهم مرحلة» في مكافحة "
            "تبدل المناخ.\n")
    (row,) = attribute_document({"doc_id": "t", "lang": "ar", "text": text}, reg)
    assert (row["speaker"], row["mention"]) == ("Barack Obama", "اوباما")
    assert text[row["content_start"]:].startswith("بأنها")


def test_the_topic_of_amma_before_faqad():
    assert _events("أما وزير خارجيته فقد أعرب عن أمله بأن تتحسن العلاقات.")[0]["mention"] == "وزير خارجيته"


def test_an_adverbial_of_manner_after_the_verb_is_not_its_subject(registry):
    rows = attribute_text("خبر\n\nأبرم صفقة مع النظام الإيراني الذي يصرخ بشكل روتيني \"الموت لأمريكا\".\n\n"
                          "وأكد بشكل صريح الوزير أن البنك خسر.\n", registry)
    said = dict(zip(rows["cue"], rows["mention"]))
    assert said["يصرخ"] == "النظام الإيراني"  # the relative's antecedent, past the adverbial
    assert said["وأكد"] == "الوزير"  # the subject after the adverbial


def test_the_antecedent_of_a_relative_pronoun_stops_at_a_reporting_verb(registry):
    rows = attribute_text("خبر\n\nوانتقد الوزير الذي قال إن الاتفاق سيء، هذه الخطوة.\n", registry)
    assert dict(zip(rows["cue"], rows["mention"]))["قال"] == "الوزير"


def _columns(text: str, *fields: str) -> list:
    """Per statement the toolkit finds in an Arabic ``text``, its ``fields`` (the value itself for one field)."""
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    return [r[fields[0]] if len(fields) == 1 else tuple(r[f] for f in fields) for r in rows]


#: A headline and a statement by a named man, so that a verb without its own subject has someone to continue.
_NAMED_BEFORE = "عنوان الخبر\n\nوقال المدير محمد العلي إن العمل مستمر. "


def _after_named(sentence: str, *fields: str, before: str = _NAMED_BEFORE) -> list:
    """:func:`_columns` of the statements of ``sentence``, said after a named speaker's statement."""
    return _columns(before + sentence + "\n", *fields)[1:]


def test_only_is_no_according_to_and_a_genre_or_list_label_is_no_speaker():
    # "ليس ... فحسب بل": "only"; "فحسب البيان" is "so according to the statement"
    assert _columns("عنوان\n\nلم يكن الاتفاق مهما للسعودية فحسب بل للمنطقة كلها.\n", "cue", "mention") == []
    assert _columns("عنوان\n\nفحسب البيان الذي تلاه المتحدث، فإن القرار نهائي.\n", "cue", "mention") \
        == [("فحسب", "البيان")]
    assert _columns("قصة مصورة: عيد الفطر في السعودية\n\nنص الخبر هنا.\n", "cue", "mention") == []
    assert _columns("عنوان\n\nأولاً: أن تلتزم الأطراف بوقف إطلاق النار.\n", "cue", "mention") == []


def test_an_adverb_after_the_verb_is_no_subject_and_one_of_them_is_unnamed():
    fields = ("mention", "speaker", "speaker_kind")
    assert _after_named("ويقول دائماً إن الفريق سيفوز.", *fields) == [("", "محمد العلي", "person")]
    assert _after_named("وأكد رسمياً أن المشروع اكتمل.", *fields) == [("", "محمد العلي", "person")]
    assert _after_named("وقال أحدهم إن الوضع صعب.", *fields)[0][2] == "anonymous"


def test_saying_in_the_feminine_blessings_the_day_before_yesterday_and_a_dash_name_no_one():
    before = "عنوان الخبر\n\nوقالت المديرة سارة العلي إن العمل مستمر. "
    for sentence in ("وأضافت قائلة إن الاستجابة بطيئة.", "وأشادت حفظها الله بتميز العلاقات.",
                     "وأعلنت أول من أمس أن العملية بدأت.", "وأكدت ـ في بيان أصدرته أمس ـ أن العمل مستمر."):
        assert _after_named(sentence, "speaker", before=before) == ["سارة العلي"], sentence
    # after the time phrase the subject is read: "أعلن أول من أمس الوزير"
    assert _after_named("وأعلن أول من أمس الوزير خالد السالم أن العملية بدأت.", "speaker", before=before) \
        == ["خالد السالم"]


def test_a_spokesperson_relays_the_named_subject_of_their_clause_anyone_else_speaks_for_themselves():
    assert _columns("عنوان الخبر\n\nولفت المتحدث الرسمي إلى أن الرئيس السيسي أكد موقف مصر الثابت.\n",
                    "cue", "mention") == [("ولفت", "المتحدث الرسمي"), ("أكد", "الرئيس السيسي")]
    # not relayed: the Kremlin's own account of what Putin told Biden
    assert _columns("عنوان الخبر\n\nوقال الكرملين إن بوتين أبلغ بايدن أن الحلف يقوم بتحركات خطيرة.\n",
                    "cue") == ["وقال"]


def test_more_adverbs_are_no_subject_these_points_back_and_glory_be_to_him_is_god():
    assert _after_named("وأكد مرارا أن المشروع مستمر.", "speaker") == ["محمد العلي"]
    assert _after_named("وقال رغم ذلك إن الوضع صعب.", "speaker") == ["محمد العلي"]
    assert _after_named("وقال هؤلاء إن الأسعار مرتفعة.", "speaker") == ["محمد العلي"]
    assert _after_named("وقال سبحانه إن الله غفور رحيم.", "speaker") == ["God (scripture)"]


def test_the_source_of_a_report_follows_issued_by_or_a_bare_lam_and_a_time_phrase_after_as_announced():
    def mentions(sentence):
        return _columns("عنوان الخبر\n\n" + sentence + "\n", "mention")

    assert mentions("وارتفعت الأسعار بنسبة كبيرة، حسب تقرير لـ«الشرق الأوسط» نشر أمس.") == ["الشرق الأوسط"]
    assert mentions("وارتفعت الحرارة في يونيو، بحسب بيان صادر عن وكالة الفضاء الأمريكية.") == ["وكالة الفضاء الأمريكية"]
    assert mentions("ومن المقرر أن يتوجه المبعوث إلى نيويورك، بحسب ما أعلن أول من أمس المتحدث باسم المنظمة.") \
        == ["المتحدث باسم المنظمة"]


def test_the_talk_a_verb_ends_is_its_object_not_its_speaker():
    rows = _after_named("واختتم حديثه بأن المجلس يحرص على ذلك.", "mention", "speaker", "content")
    assert [r[:2] for r in rows] == [("", "محمد العلي")]
    assert rows[0][2].startswith("بأن المجلس")


def test_the_one_asked_earlier_in_the_sentence_answers_a_verb_with_no_subject():
    text = ("وقال ظريف إن الاتفاق جيد.\n\nعندما سئل فابيوس، أمس، عما إذا كان الاتفاق سيغير سياسة إيران، أجاب "
            "بصراحة قائلاً: «يقول البعض إن هذا سيحدث».\n\nوسئل نائب رئيس اللجنة سعد الأحمري عما ينقص الحكم "
            "فأجاب بأن الخبرة تنقصه.\n\nوعندما سئل في المؤتمر الصحفي قال إن الأمر انتهى.")
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    mentions = {(r["paragraph"], r["cue"]): r["mention"] for r in rows}
    assert mentions[(1, "قائلاً")] == "فابيوس" and mentions[(2, "فأجاب")] == "نائب رئيس اللجنة سعد الأحمري"
    # no one named as asked: the verb keeps the previous speaker, as any verb without a subject does
    said = {r["paragraph"]: r["speaker_id"] for r in rows}
    assert mentions[(3, "قال")] == "" and said[3] == said[2]
    # a name right after the passive with no question between is not read so ("وسئل المتحدث فقال")
    (row,) = attribute_document({"doc_id": "t", "lang": "ar", "text": "خبر\n\nوسئل المتحدث فقال إن الأمر انتهى."})
    assert row["mention"] == ""


def test_a_speakers_description_set_off_by_a_comma_is_not_what_they_said():
    text = ("خبر\n\nقال ستيف وارن المتحدث باسم وزارة الدفاع الذي يرافق الوزير في الزيارة، إن الجهود تركز على المدينة.\n\n"
            "ويرى سعود الشمري رئيس اللجنة العقارية، أن النسبة عالية جدا.")
    rows = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    said = {r["paragraph"]: r["content"] for r in rows}
    assert said[1] == "إن الجهود تركز على المدينة"
    assert said[2] == "أن النسبة عالية جدا"  # "يرى" reports only a clause: found once the description is passed
    # a comma before anything but "that" is no description's end: nothing is skipped
    from framing.attribution.arabic import _skip_apposition

    lex = cue_lexicon("ar")
    sent = prepare("وقال الوزير رئيس اللجنة، والمتحدث باسمها، إن الطرق مغلقة.").sentences[0]
    assert _skip_apposition(sent, 2, lex) == 2


def test_what_was_said_may_open_with_a_noun_of_speech():
    # "إن تصريح ... بأن" is all said: the noun is no manner phrase ("في تصريحه") to pass over
    (e,) = _events("خبر\n\nوقال المحلل إن تصريح الوزير بأن الأسعار سترتفع غير دقيق.\n")
    assert e["mention"] == "المحلل" and e["content"].startswith("إن تصريح الوزير بأن")
    (e,) = _events("خبر\n\nوقال المتحدث خلال مؤتمر صحفي إن الخطة جاهزة.\n")
    assert e["content"] == "إن الخطة جاهزة"  # a manner phrase still is


def test_a_subject_then_when_and_its_verb():
    (e,) = _events("خبر\n\nووزير الخارجية الأميركي عندما قال في شهادته أمام الكونجرس إن الشباب فرحون.\n")
    assert e["mention"] == "ووزير الخارجية الأميركي"
    # only the clause's first words: the end of a longer phrase names no one
    (e,) = _events("خبر\n\nوبدا ذلك من خلال مؤتمره الصحفي مع وزير خارجية الأردن عندما تحدث عن إيران.\n")
    assert e["mention"] == ""
    # "كان ... عندما قال": the verb is in a clause of its own, its subject not the one of كان
    (e,) = _events("خبر\n\nوكان الشباب يحتفلون عندما قال إن الاتفاق جيد.\n")
    assert e["mention"] == ""


def test_both_and_a_dual_noun_are_the_whole_subject():
    (e,) = _events("خبر\n\nورحب كلا الجانبين بتسلم العراق طائرات جديدة.\n")
    assert e["mention"] == "كلا الجانبين" and e["content"].startswith("بتسلم العراق")


def test_a_participle_after_a_verb_that_reports_no_clause_is_the_statement(registry):
    # "وتابع وزير الخارجية قائلا:": the verb names the speaker, the participle carries what was said
    text = "خبر\n\nوقال الحوثيون إن الهدنة انتهت.\n\nوتابع وزير الخارجية قائلا: «نحن مستعدون لدعم عملية سياسية».\n"
    df = attribute_text(text, registry)
    last = df[df.paragraph == 2]
    assert list(last.cue) == ["قائلا"]
    assert last.iloc[0].speaker == "وزير الخارجية" and last.iloc[0].content == "نحن مستعدون لدعم عملية سياسية"


def test_what_a_speaker_expresses_is_no_part_of_the_speaker():
    (e,) = _events("خبر\n\nوأبدى الجانب البرازيلي رغبته في تبادل الخبرات.\n")
    assert e["mention"] == "الجانب البرازيلي" and e["content"].startswith("رغبته")
    (e,) = _events("خبر\n\nوأعلنت المملكة رفضها العضوية في المجلس.\n")
    assert e["mention"] == "المملكة"
    # a pronoun inside a title is the title's: "رئيس وزرائها"
    (e,) = _events("خبر\n\nوقال رئيس وزرائها إن الحكومة ستستقيل.\n")
    assert e["mention"] == "رئيس وزرائها"


def test_a_relative_clause_about_its_antecedent_is_no_statement():
    # "التي أعلن عنها": the antecedent is what was announced, and no one's words follow
    assert _events("خبر\n\nوبحثوا مجالات التعاون بين الجانبين التي أعلن عنها في القمة.\n") == []
    assert _events("خبر\n\nوتشمل المطالب التعويضات التي يطالب بها الأميركيون منذ عقود.\n") == []
    # with a clause it is one, and the antecedent ("الكلمة") is not its speaker
    (e,) = _events("خبر\n\nوفي الكلمة التي قال فيها إن الاتفاق جيد، شكر الرئيس الحضور.\n")
    assert e["mention"] == "" and e["content"].startswith("إن الاتفاق جيد")
    (e,) = _events("خبر\n\nوفي الكلمة التي قال فيها الوزير إن الاتفاق جيد، شكر الرئيس الحضور.\n")
    assert e["mention"] == "الوزير"  # the subject after the antecedent's pronoun
    (e,) = _events("خبر\n\nوالوزير الذي قال إن الاتفاق جيد غادر القاعة.\n")
    assert e["mention"] == "والوزير"


def test_according_to_what_a_source_reported_of_it():
    (e,) = _events("خبر\n\nوقتل عشرة أشخاص في الانفجار، حسب ما أفادت به وكالة مهر للأنباء.\n")
    assert e["cue"] == "حسب ما أفادت به" and e["mention"] == "وكالة مهر للأنباء"
    assert e["content"] == "وقتل عشرة أشخاص في الانفجار"


def test_a_manner_phrase_a_passive_noun_and_so_that_end_no_speaker_phrase(registry):
    def speakers(sentence):
        return [(r["cue"], r["mention"]) for r in attribute_document(
            {"doc_id": "t", "lang": "ar", "text": f"خبر\n\n{sentence}\n"})]

    # "في أحدث تقاريرها" says where it was said, even with "latest" before the noun
    assert speakers("وأكدت وكالة الطاقة الدولية في أحدث تقاريرها أن النفط سيبقى.") == [("وأكدت", "وكالة الطاقة الدولية")]
    assert speakers("وقال مدير الشؤون الصحية في منطقة جازان إن المستشفى جاهز.") == [
        ("وقال", "مدير الشؤون الصحية في منطقة جازان")]  # a place is part of the title
    # after "تم"/"جرى" the form is a verbal noun, not a reporting verb
    assert speakers("وعلى الفور جرى نقل وحدات الإنقاذ اللازمة للموقع.") == []
    # "فإن" opens what a source says: "according to X, so ..."
    (row,) = speakers("ووفقا لتقديرات الهيئة العامة للإحصاء فإن النمو بلغ ثلاثة في المئة.")
    assert "فإن" not in row[1]
    # a noun spelt like a preposition when folded ("إمام" like "أمام") opens a speaker phrase
    assert speakers("وقال إمام المسجد إن الصلاة أقيمت.") == [("وقال", "إمام المسجد")]
    assert speakers("وقال أمام الحضور إن الصلاة أقيمت.") == [("وقال", "")]


def test_what_came_in_a_document_is_its_issuer_s_statement(registry):
    def rows(sentence):
        return [(r["cue"], r["mention"], r["content"]) for r in attribute_document(
            {"doc_id": "t", "lang": "ar", "text": f"خبر\n\n{sentence}\n"})]

    assert rows("وجاء في بيان للوزارة أن الحكومة ستواصل الدعم.") == [
        ("وجاء في", "بيان للوزارة", "أن الحكومة ستواصل الدعم")]
    assert rows("وجاء في بيان صادر عن وزارة الداخلية أن الحدود مغلقة.")[0][1] == "بيان صادر عن وزارة الداخلية"
    assert rows("وورد في التقرير أن النمو تباطأ.") == [("وورد في", "التقرير", "أن النمو تباطأ")]
    (cue, mention, content), = rows("وجاء في كلمته: «سنواصل الدعم».")
    assert mention == "" and content == "سنواصل الدعم"  # a pronoun on the noun: the one spoken of before
    # no document, or nothing said after it: no statement
    assert rows("وجاء في المرتبة الثانية فريق الهلال.") == []
    assert rows("وجاء في بيان الوزارة تفاصيل كثيرة عن الخطة.") == []


def test_a_word_marked_accusative_is_no_part_of_the_speaker():
    (e,) = _events("خبر\n\nوذكر الناصر تفصيلاً لتوزيع التمويل أن المبلغ كبير.\n")
    assert e["mention"] == "الناصر"
    (e,) = _events("خبر\n\nوناشد ذوو المريضة سرعة نقلها إلى المستشفى.\n")
    assert e["mention"] == "ذوو المريضة"


def test_how_the_speaker_spoke_is_passed_over_before_what_was_said():
    (e,) = _events("خبر\n\nوأجاب مورينيو ضاحكًا: «لا أعرف».\n")
    assert e["mention"] == "مورينيو" and e["content"] == "لا أعرف"
    (e,) = _events("خبر\n\nفعلّق مداعباً: «لكن الإسبان نقلوا تراثنا».\n")
    assert e["mention"] == "" and e["content"] == "لكن الإسبان نقلوا تراثنا"
    (e,) = _events("خبر\n\nوأوضح شيئاً مهماً للحضور.\n")
    assert e["mention"] == ""  # an object, not the subject


def test_a_bi_complement_after_the_verb_is_no_speaker(registry):
    # "ونوه بالدور ...": what was praised, not who praised it; the subject is the one named before
    text = ("خبر\n\nوقال وزير المياه سامي العلي إن السد جاهز.\n\n"
            "ونوه بالدور الكبير الذي تؤديه الفرق الهندسية في المشروع.\n")
    rows = attribute_text(text, registry)
    praised = rows[rows["cue"] == "ونوه"]
    assert praised["speaker_id"].tolist() == ["sami_ali"]
    assert praised["content"].iloc[0].startswith("بالدور الكبير")


@pytest.mark.parametrize("text, mention", [
    ("وانتقد عدد من أعضاء مجلس الشورى حادثة تفجير المسجد.", "عدد من أعضاء مجلس الشورى"),
    ("وتوقع عدد من الخبراء عودة إيران الكاملة إلى سوق النفط.", "عدد من الخبراء"),
    ("وأبدى عدد كبير من المواطنين السعوديين سعادتهم بالقرار.", "عدد كبير من المواطنين السعوديين"),
    ("وبحسب الكثير من المصادر فإن المركب كان يقل أكثر من 600 شخص.", "الكثير من المصادر"),
])
def test_a_partitive_source_names_its_group(text, mention):
    # "عدد" alone says nothing of who spoke, and would make every "عدد من ..." of a corpus one speaker
    # ("anonymous: عدد"): the group after من is part of the source, up to the verb's object
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": f"خبر\n\n{text}\n"})
    assert [r["mention"] for r in u] == [mention]
    assert u[0]["speaker"].startswith("anonymous") and u[0]["speaker"].endswith(f": {mention}")


def test_each_of_names_the_bodies_that_spoke(registry):
    # "كل من X و Y": X and Y spoke, the first named is the speaker (as with any two subjects joined by و)
    text = "خبر\n\nوأعلنت كل من وزارة المياه ووزارة الزراعة أنهما ستخففان القيود.\n"
    (r,) = attribute_document({"doc_id": "t", "lang": "ar", "text": text})
    assert r["mention"] == "وزارة المياه ووزارة الزراعة" and r["content"] == "أنهما ستخففان القيود"
    # "كل من حضر" is "everyone who attended": no name follows, the phrase stays the source
    text = "خبر\n\nوقال كل من حضر إن اللقاء كان مثمرا.\n"
    assert [r["mention"] for r in attribute_document({"doc_id": "t", "lang": "ar", "text": text})] == ["كل من حضر"]
    # where the names run into the verb's object and leave no clause, the verb is read as without them
    text = "خبر\n\nوأكد كل من البيت الأبيض والاستخبارات الأفغانية وفاة زعيم الحركة.\n"
    assert len(attribute_document({"doc_id": "t", "lang": "ar", "text": text})) == 1


@pytest.mark.parametrize("text, mention", [
    ("واعتبرتهم أهدافا لمسلحيهم من خلال اعتقالهم.", ""),
    ("واعتبرها غير مستغربة من بلد شقيق.", ""),
    ("واعتبرته قرارًا قابلًا للاستئناف.", ""),
    ("واعتبره النقاد من الأحداث الفنية الكبرى.", "النقاد"),
    ("واعتبرتها المنظمة جرائم حرب.", "المنظمة"),
    ("ووصفها آخر بأنها وظيفة محفوفة بالمخاطر.", "آخر"),
])
def test_the_predicate_of_considering_it_is_never_its_subject(text, mention):
    # "اعتبرها Y": with the object on the verb, a phrase after it is its subject only when it does not open the
    # predicate (an accusative, "غير", a superlative); otherwise the subject is implicit
    u = attribute_document({"doc_id": "t", "lang": "ar", "text": f"خبر\n\n{text}\n"})
    assert [r["mention"] for r in u] == [mention]
