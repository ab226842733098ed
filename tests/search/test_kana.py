"""Kana typed for a name written in Latin letters (apps/search/analysis.romaji)."""

import pytest

from apps.search.analysis import query_terms, romaji


@pytest.mark.parametrize(
    ("kana", "expected"),
    [
        ("ナカノ", "nakano"),
        ("なかの", "nakano"),
        ("パリ", "pari"),
        ("トーキョー", "tokyo"),  # the long-vowel mark
        ("とうきょう", "tokyo"),  # a long vowel spelt out
        ("キョウト", "kyoto"),  # a small yo
        ("シャンハイ", "shanhai"),
        ("ジャカルタ", "jakaruta"),
        ("マッチャ", "matcha"),  # a small tsu before ch
        ("ニッポン", "nippon"),
        ("ファックス", "fakkusu"),
        ("中野", ""),  # kanji have many readings: none is guessed
        ("ナカノ区", ""),
    ],
)
def test_kana_are_read_in_hepburn_romaji(kana, expected):
    assert romaji(kana) == expected


def test_every_pair_of_a_kana_query_also_matches_its_romaji():
    terms = query_terms("ナカノ")
    assert [(t.text, t.alternative) for t in terms] == [("ナカ", "nakano"), ("カノ", "nakano")]
    assert all(not t.alternative for t in query_terms("中野 Nakano"))
