from replies.reading import text_part


def test_parts_break_between_paragraphs_and_hold_at_most_the_size():
    text = "\n".join(f"第{n}段" + "字" * 20 for n in range(100))
    first = text_part(text, 1, size=100)
    assert first.count == len(range(0, 100, 4))  # four 23-24 character paragraphs a part
    assert first.paragraphs[0].startswith("第0段")
    assert sum(map(len, first.paragraphs)) <= 100
    joined = [p for n in range(1, first.count + 1) for p in text_part(text, n, 100).paragraphs]
    assert joined == text.splitlines()


def test_a_paragraph_longer_than_a_part_is_cut():
    part = text_part("字" * 250, 3, size=100)
    assert (part.number, part.count, part.paragraphs) == (3, 3, ["字" * 50])
    assert part.previous == 2 and part.next is None


def test_a_part_out_of_range_is_the_nearest_one():
    assert text_part("一\n二", 9, size=1).number == 2
    assert text_part("一\n二", 0, size=1).number == 1
    assert text_part("", 1).paragraphs == []
