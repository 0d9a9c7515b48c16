"""Hypothesis strategies: name-like words in Ukrainian and Russian Cyrillic and in Latin.

Words are built from syllables (an optional consonant, a vowel, an optional closing
consonant) so that they look like names; no letter cluster a name never has.
"""

from hypothesis import strategies as st

COMMON_CONSONANTS = "бвгджзклмнпрстфхцчшщ"
COMMON_VOWELS = "аеоуюя"
UK_ONLY = "іїєґ"
RU_ONLY = "ыэё"
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _syllables(consonants: str, vowels: str, closing: str) -> st.SearchStrategy[str]:
    syllable = st.tuples(
        st.sampled_from(("", *consonants)),
        st.sampled_from(tuple(vowels)),
        st.sampled_from(("", *closing)),
    ).map("".join)
    return st.lists(syllable, min_size=1, max_size=4).map("".join)


def capitalised(words: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The word with its first letter in upper case."""
    return words.map(lambda word: word[:1].upper() + word[1:])


ukrainian_words = _syllables(COMMON_CONSONANTS, COMMON_VOWELS + "иіїє", "нрлвмк")
russian_words = _syllables(COMMON_CONSONANTS, COMMON_VOWELS + "иыэ", "нрлвмк")
common_cyrillic_words = _syllables(COMMON_CONSONANTS, COMMON_VOWELS + "и", "нрлвмк")
latin_words = st.text(alphabet=LATIN_LETTERS, min_size=1, max_size=12)
