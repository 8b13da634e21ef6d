"""Pages in legacy encodings are decoded, not turned into mojibake, however they declare it.

Each story is written in its language and encoded with Python's codecs; the page declares its
charset in the HTTP header, in a <meta> tag, or not at all, or declares a wrong one. The
article's phrases and headline must come out as written, with no mojibake.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

import pytest

from tasks.extract.record import extract_record
from tasks.read.decoding import as_utf8, codec_for, declared_charsets, decode_page
from tasks.read.discover import describe
from tasks.read.readers import read_records
from tasks.records import Article, RawRecord
from tests.dumps import news_page, warc_bytes

# What UTF-8 read as latin-1 or windows-1252 leaves, and what a failed decode leaves.
MOJIBAKE = ("Ð", "Ñ", "Ã", "Â", "â€", "\ufffd")


@dataclass(frozen=True)
class Story:
    language: str
    encoding: str
    title: str
    paragraphs: tuple[str, ...]


STORIES = [
    Story(
        "ru",
        "windows-1251",
        "Мост через реку откроют весной",
        (
            "Городские власти сообщили во вторник, что новый мост через реку откроют в апреле, "
            "на два месяца позже, чем планировалось.",
            "По словам инженеров, задержка связана с сильными морозами, из-за которых бетонные "
            "работы пришлось остановить в январе.",
            "Жители северного района ждут открытия моста с нетерпением: сейчас дорога до центра "
            "занимает больше часа.",
            "Мэрия обещает, что автобусы пойдут по мосту уже в первую неделю после открытия, "
            "а ещё через месяц там появится трамвай.",
        ),
    ),
    Story(
        "zh",
        "gbk",
        "城市图书馆延长开放时间",
        (
            "市文化局星期二宣布，从下个月起，中央图书馆将在工作日晚上延长开放至十点。",
            "负责人表示，这一决定是根据读者调查作出的，超过七成受访者希望在下班后能够借书和自习。",
            "图书馆还计划在三楼增设一个儿童阅读区，并为老年读者提供免费的电脑培训课程。",
            "部分市民担心晚间的安全问题，馆方回应说将增加保安人员并改善周边道路的照明。",
        ),
    ),
    Story(
        "ja",
        "shift_jis",
        "市営バスの新路線、来月から運行開始",
        (
            "市交通局は火曜日、港と駅を結ぶ新しいバス路線の運行を来月一日から始めると発表した。",
            "新路線は一時間に四本運行され、通勤客や観光客の移動時間が大幅に短くなると期待されている。",
            "一方で、沿線の住民からは騒音や渋滞を心配する声も上がっており、交通局は説明会を開く予定だ。",
            "運賃は現在の市内路線と同じで、高齢者向けの割引も引き続き適用されるという。",
        ),
    ),
    Story(
        "fr",
        "iso-8859-1",
        "La piscine municipale rouvrira après deux ans de travaux",
        (
            "La mairie a annoncé mardi que la piscine municipale rouvrira ses portes le premier "
            "juillet, après deux années de rénovation complète.",
            "Le bassin extérieur a été agrandi et un nouveau système de chauffage à énergie "
            "solaire réduira la facture d'électricité de près de moitié.",
            "Les élèves des écoles primaires pourront y suivre des cours de natation gratuits dès "
            "la rentrée de septembre.",
            "Certains habitants regrettent toutefois la hausse du prix de l'entrée, qui passera de "
            "trois à quatre euros.",
        ),
    ),
    Story(
        "es",
        "iso-8859-1",
        "El mercado central celebra su centenario con una feria",
        (
            "El ayuntamiento inauguró el sábado una feria gastronómica para celebrar los cien años "
            "del mercado central de la ciudad.",
            "Más de cuarenta puestos ofrecen degustaciones de productos locales, desde quesos "
            "artesanos hasta pescado recién llegado del puerto.",
            "Según los organizadores, la feria atraerá a unos veinte mil visitantes durante el fin "
            "de semana, una cifra récord para el barrio.",
            "¿Volverán los jóvenes a comprar aquí? Los comerciantes esperan que la celebración los "
            "anime a preferir el mercado a los supermercados.",
        ),
    ),
    Story(
        "de",
        "iso-8859-1",
        "Neue Straßenbahnlinie verbindet Altstadt und Flughafen",
        (
            "Die Stadtwerke haben am Montag die neue Straßenbahnlinie zwischen der Altstadt und dem "
            "Flughafen in Betrieb genommen.",
            "Die Fahrt dauert künftig nur noch achtzehn Minuten, fast eine Viertelstunde weniger "
            "als mit dem bisherigen Bus.",
            "Anwohner im Süden der Stadt hatten sich jahrelang über Lärm und Staus beklagt, die der "
            "Flughafenverkehr verursachte.",
            "Die Bürgermeisterin sprach bei der Eröffnung von einem großen Schritt für den "
            "öffentlichen Nahverkehr der Region.",
        ),
    ),
    Story(
        "ar",
        "windows-1256",
        "افتتاح مستشفى جديد في شمال المدينة",
        (
            "أعلنت وزارة الصحة يوم الثلاثاء افتتاح مستشفى جديد في شمال المدينة يضم مئتي سرير وقسما "
            "كاملا للطوارئ.",
            "وقال مدير المستشفى إن المبنى الجديد سيخفف الضغط عن المستشفيات القديمة في وسط العاصمة "
            "خلال فصل الشتاء.",
            "ويأمل السكان أن يقلل المستشفى من وقت الانتظار الطويل الذي كانوا يعانون منه عند زيارة "
            "الأطباء.",
            "وأكدت الوزارة أن العلاج في قسم الأطفال سيكون مجانيا خلال السنة الأولى من افتتاح "
            "المستشفى.",
        ),
    ),
    Story(
        "ko",
        "euc-kr",
        "시립 미술관, 여름 특별 전시회 개막",
        (
            "시립 미술관은 화요일부터 지역 젊은 작가들의 작품을 소개하는 여름 특별 전시회를 연다고 "
            "밝혔다.",
            "이번 전시에는 회화와 사진, 설치 미술 등 모두 백이십 점의 작품이 공개되며 입장료는 "
            "무료이다.",
            "미술관 측은 주말마다 어린이를 위한 그리기 수업도 함께 운영할 계획이라고 덧붙였다.",
            "관계자는 지난해보다 관람객이 두 배 이상 늘어날 것으로 기대한다고 말했다.",
        ),
    ),
    Story(
        "th",
        "tis-620",
        "เทศบาลเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำ",
        (
            "เทศบาลเมืองประกาศเมื่อวันอังคารว่าจะเปิดสวนสาธารณะแห่งใหม่ริมแม่น้ำในช่วงต้นเดือนหน้า "
            "หลังจากการก่อสร้างล่าช้าไปหลายเดือน",
            "สวนแห่งนี้มีทางเดินยาวสองกิโลเมตร ลานกีฬา และพื้นที่สำหรับเด็กเล่นที่ปลอดภัย รวมทั้งห้องน้ำสาธารณะที่สะอาด",
            "ชาวบ้านในชุมชนใกล้เคียงกล่าวว่าพวกเขารอคอยพื้นที่สีเขียวแบบนี้มานานหลายปีแล้ว "
            "และหวังว่าจะได้มาออกกำลังกายทุกเช้า",
            "เจ้าหน้าที่เทศบาลยืนยันว่าสวนจะเปิดให้บริการทุกวันตั้งแต่หกโมงเช้าจนถึงสี่ทุ่ม",
        ),
    ),
]
DECLARATIONS = {
    "header": lambda encoding: "",
    "meta": lambda encoding: f'<meta charset="{encoding}">',
    "http-equiv": lambda encoding: (
        f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'
    ),
    "none": lambda encoding: "",
}
UTF8_META = '<meta charset="utf-8">'


def html_page(story: Story, declaration: str = "", lang: str | None = None) -> str:
    """The story on a news page whose only charset declaration is `declaration`."""
    page = news_page(story.title, list(story.paragraphs), lang=lang or story.language)
    return page.replace(UTF8_META, declaration)


def text_page(story: Story) -> str:
    """The story as a browser's text scrape of its page: navigation, article, footer."""
    return "\n".join(
        ["Home", "World", "Business", story.title, "By Staff Reporter", *story.paragraphs,
         "Related stories", "Copyright 2026 Daily Ledger. All rights reserved."]
    )  # fmt: skip


def extract(content: bytes, kind: str = "html", charset: str | None = None) -> Article:
    record = RawRecord(
        "enc", 0, kind, content, url="https://ledger.example/2026/story", charset=charset
    )  # type: ignore[arg-type]
    outcome = extract_record(record)
    assert isinstance(outcome, Article), outcome
    return outcome


def assert_clean(article: Article, story: Story, title: bool = True) -> None:
    for paragraph in story.paragraphs:
        assert paragraph in article.body
    if title:
        assert article.title == story.title
    for marker in MOJIBAKE:
        assert marker not in article.body and marker not in (article.title or "")
    assert article.language == story.language


# --- decoding rules -------------------------------------------------------------------------


def test_labels_are_read_as_browsers_read_them():
    assert codec_for("ISO-8859-1") == "cp1252"
    assert codec_for(" 'GB2312' ") == "gb18030"
    assert codec_for("Shift_JIS") == "cp932"
    assert codec_for("x-sjis") == "cp932"
    assert codec_for("ks_c_5601-1987") == "cp949"
    assert codec_for("windows-1256") == "cp1256"
    # not web encodings: ignored, never used to decode
    for label in ("unicode_escape", "rot13", "utf-7", "utf-16", "hex", "no-such-charset", ""):
        assert codec_for(label) is None


def test_declarations_are_found_in_meta_tags_and_the_xml_declaration():
    head = (
        b'<?xml version="1.0" encoding="windows-1251"?><html><head>'
        b"<META HTTP-EQUIV='content-type' CONTENT='text/html; CHARSET=koi8-r'><meta charset=utf-8>"
    )
    assert declared_charsets(head) == ["windows-1251", "koi8-r", "utf-8"]


def test_a_byte_order_mark_decides():
    text = "Мост через реку"
    assert decode_page(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "iso-8859-1").text == text
    decoded = decode_page(codecs.BOM_UTF8 + text.encode("utf-8"), "windows-1251", html=True)
    assert (decoded.text, decoded.source) == (text, "bom")


def test_utf8_with_a_few_invalid_bytes_is_still_utf8():
    text = STORIES[0].paragraphs[0].encode("utf-8")
    damaged = text.replace(b" ", b" \xff\xfe", 1).replace(b", ", b", \xc0 ", 1)
    decoded = as_utf8(damaged)
    assert decoded is not None and decoded.count("\ufffd") == 3
    # windows-1251 bytes read as UTF-8 are almost all invalid: not UTF-8
    assert as_utf8(STORIES[0].paragraphs[0].encode("windows-1251")) is None


def test_decoding_never_raises_on_junk():
    for junk in (b"", b"\x00" * 10, bytes(range(256)) * 40, b"\xff\xfe\x00", b"\x81" * 999):
        assert isinstance(decode_page(junk, "no-such-charset", html=True).text, str)


# --- pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("story", STORIES, ids=lambda s: f"{s.language}-{s.encoding}")
@pytest.mark.parametrize("declared", list(DECLARATIONS))
def test_legacy_encoded_page_is_decoded(story: Story, declared: str):
    content = html_page(story, DECLARATIONS[declared](story.encoding)).encode(story.encoding)
    charset = story.encoding if declared == "header" else None
    assert_clean(extract(content, charset=charset), story)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: f"{s.language}-{s.encoding}")
def test_xhtml_page_declaring_its_encoding_in_the_xml_declaration_is_decoded(story: Story):
    prolog = f'<?xml version="1.0" encoding="{story.encoding}"?>\n'
    assert_clean(extract((prolog + html_page(story)).encode(story.encoding)), story)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: f"{s.language}-{s.encoding}")
def test_page_declaring_utf8_in_legacy_bytes_is_decoded(story: Story):
    content = html_page(story, UTF8_META).encode(story.encoding)
    assert_clean(extract(content, charset="utf-8"), story)


@pytest.mark.parametrize("story", STORIES, ids=lambda s: f"{s.language}-{s.encoding}")
def test_utf8_page_under_a_latin1_header_is_utf8(story: Story):
    content = html_page(story, '<meta charset="iso-8859-1">').encode("utf-8")
    assert_clean(extract(content, charset="iso-8859-1"), story)


def test_header_charset_of_a_warc_response_is_used(tmp_path: Path):
    story = STORIES[0]
    body = html_page(story).encode(story.encoding)
    dump = tmp_path / "crawl.warc.gz"
    dump.write_bytes(
        warc_bytes(
            [{"url": "https://ledger.example/a", "body": body,
              "content_type": f"text/html; charset={story.encoding}"}]
        )
    )  # fmt: skip
    [record] = read_records(describe(dump))
    assert isinstance(record, RawRecord) and record.charset == story.encoding
    outcome = extract_record(record)
    assert isinstance(outcome, Article)
    assert_clean(outcome, story)


def test_invalid_bytes_in_a_utf8_page_are_replaced_and_the_article_kept():
    story = STORIES[0]
    content = html_page(story, UTF8_META).encode("utf-8")
    cut = content.index("Жители".encode())
    damaged = content[:cut] + b"\xff\xfe\xfd " + content[cut:]
    article = extract(damaged, charset="utf-8")
    assert story.paragraphs[0] in article.body and story.paragraphs[3] in article.body
    assert article.body.count("\ufffd") <= 3


@pytest.mark.parametrize("story", STORIES, ids=lambda s: f"{s.language}-{s.encoding}")
def test_undeclared_legacy_text_scrape_is_decoded(story: Story):
    # the same extraction as from UTF-8: what the text extractor keeps is not in question here
    scrape = text_page(story)
    article = extract(scrape.encode(story.encoding), kind="text")
    assert article.body == extract(scrape.encode("utf-8"), kind="text").body
    assert story.paragraphs[0] in article.body
    assert not any(marker in article.body for marker in MOJIBAKE)
