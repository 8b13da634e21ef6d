"""Properties of mention matching with the shipped leader list: where, what and how often."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from tasks.mentions.forms import script_of
from tasks.mentions.matcher import FOLD, Alias, MentionMatcher, fold, with_generated_forms
from tasks.mentions.registry import default_leaders

# The same examples on every run and nothing stored between runs: CI stays deterministic.
PROPERTY = settings(derandomize=True, database=None, deadline=None)

LEADERS = default_leaders()
MATCHER = MentionMatcher(LEADERS.aliases)
# Without ambiguous aliases no mention depends on another one elsewhere in the text.
UNGATED = MentionMatcher([alias for alias in LEADERS.aliases if alias.kind != "ambiguous"])
COUNTED_FORMS: dict[str, set[str]] = {}
for _alias in with_generated_forms(LEADERS.aliases):
    if _alias.kind != "exclude":
        COUNTED_FORMS.setdefault(_alias.leader, set()).add(fold(_alias.text))
NAMES = sorted(leader.name for leader in LEADERS.leaders)
ALIAS_TEXTS = sorted({alias.text for alias in LEADERS.aliases})
EXCLUDES = sorted({alias.text for alias in LEADERS.aliases if alias.kind == "exclude"})
# Aliases checked for word boundaries on both sides: those that open with a Latin letter.
LATIN_ALIASES = sorted(
    alias.text
    for alias in LEADERS.aliases
    if alias.kind != "exclude" and script_of(alias.text[0]) == "LATIN"
)
PARAGRAPH_BREAK = "\n\n"

# Text around a name: lower-case words, digits and punctuation, which no alias is made of
# (every alias has a capital or a non-Latin letter), so the text cannot extend a name.
filler = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789   .,;:-'\n"), max_size=40)
before_name = st.sampled_from([" ", ".", ",", "(", "\n", "\u00a0", "«", '"'])
after_name = st.sampled_from([" ", ".", ",", ")", "\n", "'s", "»", "?", "\u00a0"])
# Text near names: aliases, their first parts (a longer alias cut short), filler and breaks.
alias_prefixes = st.sampled_from(ALIAS_TEXTS).flatmap(
    lambda text: st.integers(1, len(text)).map(lambda cut: text[:cut])
)
name_text = st.lists(
    st.one_of(
        st.sampled_from(ALIAS_TEXTS),
        alias_prefixes,
        filler,
        st.sampled_from([" ", PARAGRAPH_BREAK, "x", "-", "'s", "\u00a0", "\u2011", "은", "و"]),
    ),
    max_size=8,
).map("".join)


@settings(PROPERTY, max_examples=400)
@given(text=name_text)
def test_mentions_are_in_the_text_in_order_and_spell_an_alias_of_their_leader(text: str):
    mentions = MATCHER.find(text)
    previous_end = 0
    for mention in mentions:
        assert previous_end <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.alias
        assert fold(mention.alias) in COUNTED_FORMS[mention.leader], mention
        previous_end = mention.end


@settings(PROPERTY, max_examples=300)
@given(before=filler, name=st.sampled_from(NAMES), after=filler, left=before_name, right=after_name)
def test_a_full_name_between_word_boundaries_is_found_where_it_stands(
    before: str, name: str, after: str, left: str, right: str
):
    start = len(before + left)
    text = before + left + name + right + after
    assert any(
        mention.leader == name and mention.start == start and mention.end == start + len(name)
        for mention in MATCHER.find(text)
    ), MATCHER.find(text)


@settings(PROPERTY, max_examples=300)
@given(
    before=filler,
    alias=st.sampled_from(LATIN_ALIASES),
    after=filler,
    glue_left=st.sampled_from("abcxyzé0_"),
    glue_right=st.sampled_from("abcxyzé0_"),
    glued=st.sampled_from(["left", "right", "both"]),
)
def test_an_alias_glued_inside_a_longer_latin_word_is_not_found(
    before: str, alias: str, after: str, glue_left: str, glue_right: str, glued: str
):
    left = glue_left if glued != "right" else " "
    right = glue_right if glued != "left" else " "
    start = len(before + left)
    text = before + left + alias + right + after
    for mention in MATCHER.find(text):
        if glued == "right" and mention.start == start and len(mention.alias) > len(alias):
            # The alias with a letter after it can be a generated case form (`Putin` + `a`).
            assert fold(mention.alias) in COUNTED_FORMS[mention.leader], (text, mention)
            continue
        assert mention.start != start and mention.end != start + len(alias), (text, mention)


@settings(PROPERTY, max_examples=300)
@given(before=name_text, exclude=st.sampled_from(EXCLUDES), after=name_text, left=before_name)
def test_an_excluded_name_never_counts(before: str, exclude: str, after: str, left: str):
    start = len(before + left)
    end = start + len(exclude)
    text = before + left + exclude + " " + after
    for mention in MATCHER.find(text):
        assert mention.end <= start or mention.start >= end, (text, mention)


@settings(PROPERTY, max_examples=300)
@given(first=name_text, second=name_text)
def test_counts_add_up_over_paragraphs(first: str, second: str):
    joined = UNGATED.count(first + PARAGRAPH_BREAK + second)
    assert Counter(joined) == Counter(UNGATED.count(first)) + Counter(UNGATED.count(second))


@settings(PROPERTY, max_examples=300)
@given(first=name_text, second=name_text)
def test_a_paragraph_can_only_add_mentions_through_ambiguous_names(first: str, second: str):
    joined = Counter(MATCHER.count(first + PARAGRAPH_BREAK + second))
    apart = Counter(MATCHER.count(first)) + Counter(MATCHER.count(second))
    assert not apart - joined, (apart, joined)


@settings(PROPERTY, max_examples=300)
@given(
    text=st.tuples(name_text, alias_prefixes).map("".join),
    ending=st.sampled_from([" ", "\n", "\t", PARAGRAPH_BREAK]),
)
def test_where_the_text_ends_does_not_change_its_mentions(text: str, ending: str):
    assert MATCHER.find(text + ending) == MATCHER.find(text)


def test_a_text_may_end_inside_a_longer_alias_of_the_whole_list():
    """Every way a text can stop part-way through an alias; a line break ends it the same way."""
    prefixes = sorted({text[:cut] for text in ALIAS_TEXTS for cut in range(1, len(text))})
    differ = [text for text in prefixes if MATCHER.find(text) != MATCHER.find(text + "\n")]
    assert differ == []


def test_a_shorter_alias_at_the_very_end_of_a_text_is_found():
    # "Bassirou Diomaye" opens the alias "Bassirou Diomaye Faye"; "Diomaye" is an alias itself.
    assert Alias("Bassirou Diomaye Faye", "Diomaye", "name") in LEADERS.aliases
    assert MATCHER.count("Talks with Bassirou Diomaye") == {"Bassirou Diomaye Faye": 1}


@PROPERTY
@given(
    st.text(
        st.sampled_from("Kim Jong-un ’s\u00a0\u202f\u2007\u2010\u2011\u2012\u2019\u02bc—“”é"),
        max_size=60,
    )
)
def test_folding_maps_each_variant_and_keeps_everything_else(text):
    folded = fold(text)
    assert len(folded) == len(text)
    for before, after in zip(text, folded, strict=True):
        assert after == before.translate(FOLD)
        assert after == before or ord(before) in FOLD
