"""Multilingual phrases and line patterns of page boilerplate, for classifying scrape lines.

The lists cover English, Indonesian, Russian, Chinese, Korean, Japanese, Arabic, French, Spanish
and German where a phrase exists in them; all patterns match case-insensitively.
"""

from __future__ import annotations

import re

import ahocorasick


def alternation(*phrases: str) -> str:
    """Join regex fragments into one non-capturing alternation."""
    return "(?:" + "|".join(phrases) + ")"


END_MARKERS = alternation(
    "baca juga", "berita terkait", "artikel terkait", "lanjut baca.*", "rekomendasi",
    "berita terkini", "terpopuler", "populer",
    "related(?: articles| stories| posts| coverage| news| topics| content| reading)?",
    "read more", "more from .{1,30}", "more stories", "recommended(?: for you| stories)?",
    "you (?:may|might) also like", "most (?:popular|read|viewed)", "trending(?: now)?",
    "tags?", "topics", "share this(?: article)?", "comments?", "leave a (?:comment|reply)",
    "читайте также", "похожие (?:статьи|новости)", "смотрите также", "материалы по теме",
    "相关(?:新闻|阅读|文章|推荐|报道)", "推荐阅读", "热门推荐", "延伸阅读",
    r"관련\s?기사", "많이 본 뉴스", "関連記事", "関連ニュース",
    "مواضيع ذات صلة", "اقرأ أيضاً?", "الأكثر (?:قراءة|تصفحاً?)",
    "à lire aussi", "lire aussi", "sur le même sujet", "noticias relacionadas",
    "te puede interesar", "lee también", "mehr zum thema", "das könnte sie auch interessieren",
    "weitere artikel", "read next", "up next", "more galleries",
)  # fmt: skip
INLINE_LINKS = alternation(
    "baca juga", "simak juga", "lihat juga", "read also", "also read", "read more", "see also",
    "related", "читайте также", "lire aussi", "lee también", "lea también", "mehr zum thema",
    "延伸阅读", "相关阅读", "관련 기사", "[اإ]قرأ أيض(?:اً|ًا|ا)", "lesen sie auch", "lesen sie mehr",
    "auch interessant", "lire également", "à lire également", "voir aussi", "leia também",
    "leggi anche",
)  # fmt: skip
COMMENT_WORDS = alternation(
    "comments?", "responses?", "replies", "komentar", r"комментари\w*", "commentaires?",
    "comentarios?", "kommentare", "评论", "댓글", "コメント",
)  # fmt: skip
CAPTION_WORD_FORMS = (
    "foto", "photo", "photograph", "image", "picture", "gambar", "ilustrasi", "illustration",
    "credits?", "sumber foto", "фото", "фотография", "иллюстрация", "写真", "사진", "图片", "图",
    "صورة", "الصورة", "bild", "imagen",
)  # fmt: skip
CAPTION_WORDS = alternation(*CAPTION_WORD_FORMS)
PHOTO_AGENCY_NAMES = (
    "getty images", "reuters", "ap photo", "afp", "epa", "shutterstock", "istock",
    "associated press", "ria novosti", "antara",
)  # fmt: skip
PHOTO_AGENCIES = alternation(*PHOTO_AGENCY_NAMES)
BOILERPLATE_LINES = alternation(
    r"loading\.*", "share(?: on)? .{0,30}",
    "follow us.*", "subscribe.*", "sign up.*", "log ?in", "sign in", "print", "email",
    "skip to .*", "back to top", "next", "previous", "a a a", "a+ a-", r"\W*",
    r"\d{1,3}\s*(?:/|of|dari|из|de|von)\s*\d{1,3}\b.*",  # a gallery counter such as "2/50"
)  # fmt: skip
# Ad slot labels: they sit between an article's paragraphs, so they must not split it.
AD_LABELS = alternation(
    "advertisement", "advertising", "sponsored", "iklan", "реклама", "广告", "광고", "anzeige",
    "publicité", "publicidad", "scroll to continue.*", "story continues below",
)  # fmt: skip
PROMO_PHRASES = alternation(
    "klik disini", "click here", "download (?:the )?app", "subscribe to", "sign up for",
    "newsletter", "follow us on", "dapatkan berita", "join our", "подпишитесь", "подписывайтесь",
    "abonnez-vous", "suscríbete", "abonnieren sie", "关注我们", "구독",
)  # fmt: skip
# Credits that close a wire story: "Reporting by A; Editing by B", "(Reportage X, édité par Y)".
SIGNOFF_WORDS = alternation(
    "(?:additional |further )?reporting", "writing", "written", "editing", "edited", "compiled",
    "fact-checking", "graphics", "production", "research", "reportage", "rédaction", "édité",
    "version française", "reporte", "redacción", "edición", "bearbeitet", "redigiert",
)  # fmt: skip
SIGNOFF_LINKS = alternation("by", "par", "de", "por", "von", "für")
# Lines that vouch for the publisher rather than report: "Our Standards: The Trust Principles."
TRUST_PHRASES = alternation(
    "our standards", "trust principles",
    "(?:our |read our )?editorial (?:standards|guidelines|policy)",
    "(?:our |read our )?corrections policy", "why you can trust", "how we (?:report|fact-check)",
    "nos engagements", "charte (?:éditoriale|de déontologie)", "unsere grundsätze",
    "redaktionelle (?:richtlinien|standards)", "principios editoriales",
)  # fmt: skip
# Donation and membership appeals, which news sites append to or insert in their articles.
APPEAL_PHRASES = alternation(
    "become a (?:monthly |paying |founding |sustaining )?"
    "(?:supporter|member|subscriber|patron|donor)",
    "support (?:our|independent|local|quality|nonprofit|non-profit|public[- ]interest|this) "
    "(?:journalism|news|newsroom|reporting|work)",
    "(?:make|give) a (?:one-time |one-off |monthly |recurring |tax-deductible |small )?"
    "(?:donation|contribution|gift) (?:to|today|now)",
    "donate (?:now|today)", "we (?:rely|depend) on (?:readers|reader support|donations)",
    "soutenez (?:notre|la|le|l'information)", "faites un don",
    "unterstützen sie (?:uns|unseren|unabhängigen|guten)", "jetzt spenden",
    "apoya (?:el|nuestro) periodismo",
    "hazte (?:socio|miembro|suscriptor)", r"поддержите (?:нас|редакцию|издание|проект)",
    "dukung (?:kami|jurnalisme)",
)  # fmt: skip
# Paywall notices that cut a teaser short: the visible article ends there.
PAYWALL_PHRASES = alternation(
    "(?:this|the) (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) "
    "(?:to|for) (?:subscribers|members|premium)", "subscribe (?:now )?to (?:continue|keep) reading",
    "to continue reading", "continue reading with", "already a (?:subscriber|member)",
    "you have reached your (?:free )?(?:article )?limit", "for subscribers only",
    "subscribers only", r"\d+\s?% of (?:this|the) article", "réservé aux abonnés",
    r"il vous reste \d+\s?%", "déjà abonné", "la suite est réservée",
    "(?:dieser |der )?(?:artikel|beitrag) ist (?:nur )?für (?:abonnenten|abonnentinnen|plus)",
    "weiterlesen mit", "bereits abonnent", "exklusiv für abonnenten",
    "contenido (?:exclusivo|reservado) para (?:suscriptores|socios)", "ya eres suscriptor",
    "riservato agli abbonati", r"доступ\w* только (?:для )?подписчик",
    "(?:artikel|konten) (?:ini )?khusus (?:untuk )?(?:pelanggan|member)",
)  # fmt: skip
# Subscription offers: a price for the first month, or the usual small print.
OFFER_RE_TEXT = (
    r"(?:\d\s?[€$£]|[€$£]\s?\d)[^.]{0,40}?(?:the first|le premier|den ersten|el primer|im ersten)"
    r"\s?(?:month|mois|monat|mes)\b|sans engagement|cancel any ?time|jederzeit kündbar"
    r"|cancela cuando quieras"
)
SOCIAL_NETWORKS = alternation(
    "telegram", "whatsapp", "facebook", "twitter", "instagram", "youtube", "tiktok", "вконтакте",
    "google news", "wechat",
)  # fmt: skip
TAG_LABELS = alternation(
    "tags?", "topik", "теги", "тэги", "etiquetas", "schlagwörter", "mots-clés", "標籤", "标签",
    "태그", "タグ", "الوسوم",
)  # fmt: skip
BYLINE_LABELS = alternation(
    "by", "oleh", "penulis", "reporter", "editor", "par", "por", "von", "автор", "文", "记者",
    "기자", "作者",
)  # fmt: skip
RELATIVE_UNITS = alternation(
    "sec", "second", "min", "minute", "menit", "detik", "jam", "hari", "hour", "hr", "day", "week",
    "minggu", "bulan", "month", "year", "мин", "час", "дн", "день", "сек", "heure", "jour",
    "minuto", "hora", "día", "stunde", "tag",
)  # fmt: skip

RELATIVE_TIME_RE = re.compile(
    rf"^(?:\d+|an?|one|se)\s*{RELATIVE_UNITS}\w*\.?\s*(?:ago|yang lalu|lalu|назад)?\s*$"
    r"|^(?:vor|il y a|hace)\s+\d+\s+\w+$"
    r"|^\d+\s*(?:分钟|小时|天|分|時間|日|분|시간|일)\s*前$|^\d+\s*(?:분|시간|일)\s*전$",
    re.I,
)
CAPTION_RE = re.compile(
    rf"(?:^|[\s.(|]){CAPTION_WORDS}\s*(?:[:/|©=]|by\b|credit\b).{{0,80}}$"
    r"|^(?:image|media|photo|video)\s+(?:caption|copyright|credit)|^©\s*\D|^图为|\s摄$"
    r"|\s\|\s*(?:archives?|archiv|archivo|dr|photo|foto)\b[^|]{0,60}$"
    rf"|[(\[]?{PHOTO_AGENCIES}(?:/[\w ]+)?[)\]]?\s*$",
    re.I,
)
# Text one of which every caption CAPTION_RE finds holds, case folded: a caption word (or its
# stem), a photo agency, a word of `image caption` and the like, `©`, `摄` and `|`. A line
# without any is settled by one scan of an automaton instead of the pattern's search, which
# tries its alternatives at every character of every line (four times as long).
CAPTION_CLUES = (
    "foto", "photo", "image", "picture", "gambar", "ilustrasi", "illustration", "credit", "фото",
    "иллюстрация", "写真", "사진", "图", "صورة", "bild", *PHOTO_AGENCY_NAMES, "caption",
    "copyright", "©", "摄", "|",
)  # fmt: skip
_CAPTION_CLUES = ahocorasick.Automaton()
for _clue in CAPTION_CLUES:
    _CAPTION_CLUES.add_word(_clue, _clue)
_CAPTION_CLUES.make_automaton()


def find_caption(line: str) -> re.Match[str] | None:
    """`CAPTION_RE.search(line)`, sooner on the many lines that hold no clue of a caption."""
    if next(_CAPTION_CLUES.iter(line.casefold()), None) is None:
        return None
    return CAPTION_RE.search(line)


EDITOR_INITIALS_RE = re.compile(r"^[(\[][a-z]{2,5}(?:[/,.-]\s?[a-z]{2,5})*[)\]]$")
COPYRIGHT_RE = re.compile(
    r"^(?:copyright|hak cipta)\b|all rights reserved|(?:©|\(c\)|copyright)\s*(?:19|20)\d\d"
    r"|版权所有|저작권|著作権",
    re.I,
)
COMMENTS_RE = re.compile(
    rf"^(?:there (?:are|is) )?(?:\d+|no) {COMMENT_WORDS}|^{COMMENT_WORDS}\s*[(:\d]"
    r"|^(?:leave a (?:comment|reply)|add a comment|post a comment|join the discussion"
    r"|tulis komentar)"
    r"|^(?:view|show|read|see|load|lihat|tampilkan)\s+(?:all\s+)?(?:\d+\s+)?(?:comments?|komentar)\b",
    re.I,
)
CLOSING_RE = re.compile(f"{COMMENTS_RE.pattern}|{COPYRIGHT_RE.pattern}", re.I)
END_MARKER_RE = re.compile(rf"^{END_MARKERS}\s*:?$", re.I)
INLINE_LINK_RE = re.compile(rf"^{INLINE_LINKS}\s*[:：-]\s*\S", re.I)
TAGS_RE = re.compile(rf"^{TAG_LABELS}\s*[:：]", re.I)
BOILERPLATE_RE = re.compile(rf"^{BOILERPLATE_LINES}$", re.I)
AD_RE = re.compile(rf"^{AD_LABELS}$", re.I)
PROMO_RE = re.compile(rf"\b{PROMO_PHRASES}\b", re.I)
SOCIAL_RE = re.compile(rf"\b{SOCIAL_NETWORKS}\b|微信|微博|카카오", re.I)
BYLINE_RE = re.compile(rf"^{BYLINE_LABELS}\b[\s:]+\S.{{0,80}}$|\s기자$", re.I)
SIGNOFF_RE = re.compile(
    rf"^[(\[]?{SIGNOFF_WORDS}\s+(?:{SIGNOFF_LINKS}\s+)?\w[^.]{{0,160}}"
    rf"[;,]\s*(?:and\s+|et\s+|y\s+)?{SIGNOFF_WORDS}\b"
    rf"|^[(\[]{SIGNOFF_WORDS}\s+{SIGNOFF_LINKS}\s+[^.]{{2,160}}[)\]]\.?$"
    r"|^(?:(?:additional )?reporting|writing|editing) by\b[^.]{2,160}$",
    re.I,
)
TRUST_RE = re.compile(rf"^{TRUST_PHRASES}\b|\b{TRUST_PHRASES}\.?$", re.I)
APPEAL_RE = re.compile(rf"\b{APPEAL_PHRASES}", re.I)
PAYWALL_RE = re.compile(rf"\b{PAYWALL_PHRASES}", re.I)
OFFER_RE = re.compile(OFFER_RE_TEXT, re.I)
# A post's time in a live blog or timeline: "11.05 GMT", "10:20am", "9h30".
STAMP_RE = re.compile(
    r"^\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,4}(?:[+-]\d{1,2})?)?$", re.I
)
# A headline after a time, as timelines and "key events" lists show them: "13:54 Rail line closed".
TIMELINE_ENTRY_RE = re.compile(
    r"^\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?\s+[^\W\d]\w*(?:\W+\w+){3}", re.I
)
# A gallery slide number before its caption: "3 / 12 Workers fix ...".
SLIDE_COUNTER_RE = re.compile(r"^\d{1,3}\s*(?:/|of|dari|из|de|von)\s*\d{1,3}\s+(?=\S)", re.I)
# A photo credit after a caption's last sentence: "... opens. Photograph: Jane Doe/Agency".
CREDIT_TAIL_RE = re.compile(
    rf"(?<=[.!?])\s+(?:{CAPTION_WORDS}|photographer|credit)\s*[:/|©]\s*[^.!?]{{2,60}}$", re.I
)
