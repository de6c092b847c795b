"""The dictionary jieba ships (no download): each word with its frequency and part of speech,
read once per process and shared by what needs it (the frequent characters that tell Chinese
from mojibake, the parts of speech that tell a figure's label from a stray word)."""

from functools import cache
from importlib import resources


@cache
def entries() -> tuple[tuple[str, int, str], ...]:
    """(word, frequency, part of speech) for every word, in the dictionary's order."""
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    return tuple(
        (word, int(count), tag)
        for word, count, tag in (line.split(" ") for line in text.splitlines())
    )
