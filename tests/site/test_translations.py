"""Every interface string speaks Ukrainian and Russian, and the ledger's sentences too.

The catalogues are read as text (a few lines of parsing; no dependency): a message left
untranslated or marked fuzzy fails, and so does a translation whose placeholders differ
from the English ones (it would show "…" or raise where it is used).
"""

from __future__ import annotations

import gettext
import re
import string
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

import homecoming
from homecoming.apps.audit.catalogue import declared_actions

LOCALE = Path(homecoming.__file__).parent / "locale"
LANGUAGES = ("uk", "ru")


@dataclass
class Message:
    msgid: str = ""
    msgctxt: str | None = None
    plural: str | None = None
    strings: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text: str) -> str:
    return (
        bytes(text[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode()
    )


def read_catalogue(path: Path) -> list[Message]:
    messages: list[Message] = []
    current = Message()
    target: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            if target is not None:
                messages.append(current)
            current, target = Message(), None
            continue
        if line.startswith("#,"):
            current.flags.update(f.strip() for f in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = _unquote(line)
        else:
            value = _unquote(rest)
            target = keyword
            current.line = current.line or number
            if keyword.startswith("msgstr"):
                current.strings.append("")
        if target == "msgid":
            current.msgid += value
        elif target == "msgctxt":
            current.msgctxt = (current.msgctxt or "") + value
        elif target == "msgid_plural":
            current.plural = (current.plural or "") + value
        elif target is not None and target.startswith("msgstr"):
            current.strings[-1] += value
    if target is not None:
        messages.append(current)
    return [m for m in messages if m.msgid]  # the header has an empty msgid


def _placeholders(text: str) -> set[str]:
    percent = set(re.findall(r"%\((\w+)\)[sd]", text))
    braces = {
        name
        for _, name, _, _ in string.Formatter().parse(text)
        if name is not None and name != ""
    }
    return percent | braces


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    problems = [
        f"{path.name}:{m.line}: {m.msgid!r} is "
        + ("fuzzy" if "fuzzy" in m.flags else "untranslated")
        for m in read_catalogue(path)
        if "fuzzy" in m.flags or not all(m.strings)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_the_placeholders_of_the_english(language: str) -> None:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    problems = []
    for message in read_catalogue(path):
        expected = _placeholders(message.msgid) | _placeholders(message.plural or "")
        for text in message.strings:
            # a plural form may leave out the count ("one problem") but nothing else
            missing = expected - _placeholders(text) - {"counter", "count"}
            extra = _placeholders(text) - expected
            if missing or extra:
                problems.append(f"{message.msgid!r}: {missing=} {extra=} in {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_says_what_the_source_says(language: str) -> None:
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for message in read_catalogue(folder / "django.po"):
        if message.plural is not None:
            continue
        key = (
            f"{message.msgctxt}\x04{message.msgid}"
            if message.msgctxt
            else message.msgid
        )
        if compiled.gettext(key) != message.strings[0]:
            stale.append(message.msgid)
    assert not stale, f"run compilemessages ({len(stale)} differ, first {stale[0]!r})"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_ledger_sentence_reads_in_the_language(language: str) -> None:
    def sentences(code: str) -> dict[str, str]:
        with translation.override(code):
            return {a.code: str(a.sentence) for a in declared_actions()}

    english, translated = sentences("en"), sentences(language)
    untranslated = [
        code
        for code, text in translated.items()
        if not code.startswith("test.")
        and text == english[code]
        and re.search(r"[a-z]{3,}", re.sub(r"\{\w+\}", "", text))
    ]
    assert not untranslated
