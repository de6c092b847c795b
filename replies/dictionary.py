"""The dictionary jieba ships (no download): each word with its frequency and part of speech,
read once per process and shared by what needs it (the frequent characters that tell Chinese
from mojibake, the parts of speech that tell a figure's label from a stray word, the word
frequencies that tell 投入 from an OCR's 投人)."""

from functools import cache
from importlib import resources

import jieba


@cache
def entries() -> tuple[tuple[str, int, str], ...]:
    """(word, frequency, part of speech) for every word, in the dictionary's order."""
    text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    return tuple(
        (word, int(count), tag)
        for word, count, tag in (line.split(" ") for line in text.splitlines())
    )


@cache
def segmenter() -> jieba.Tokenizer:
    """jieba's segmenter on its own dictionary (search has one of its own, with the archive's
    names added)."""
    return jieba.Tokenizer()
