"""A reply's text as a reader's page shows it: paragraphs, in parts of bounded size, so that a
text of millions of characters is read a part at a time (the whole text is a download)."""

from dataclasses import dataclass

PART_CHARS = 50_000  # characters a page shows at once, about twenty-five printed pages


@dataclass(frozen=True)
class TextPart:
    paragraphs: list[str]
    number: int  # from 1
    count: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None


def pieces(text: str, size: int):
    """The text's non-empty paragraphs, a paragraph longer than `size` cut into pieces."""
    for line in text.splitlines():
        if not line.strip():
            continue
        for start in range(0, len(line), size):
            yield line[start : start + size]


def text_part(text: str, number: int, size: int = PART_CHARS) -> TextPart:
    """Part `number` (clamped to the parts there are) of the text's paragraphs; parts break
    between paragraphs and hold up to `size` characters. One pass over the text."""
    parts: list[list[str]] = [[]]
    filled = 0
    for paragraph in pieces(text, size):
        if filled and filled + len(paragraph) > size:
            parts.append([])
            filled = 0
        parts[-1].append(paragraph)
        filled += len(paragraph)
    number = min(max(number, 1), len(parts))
    return TextPart(paragraphs=parts[number - 1], number=number, count=len(parts))
