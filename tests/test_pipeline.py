"""The pipeline machinery: paragraph parsing that keeps offsets, and parsing ahead in a thread."""
import threading

import pytest

from storyline.models import Report
from storyline.nlp.parse import MAX_CHUNK_CHARS, split_chunks
from storyline.pipeline import read_ahead


@pytest.mark.parametrize("text", ["", "   ", "One line.", "Title\n\nFirst para.\nSecond para.\n\n\n  Third.  \n",
                                  "word " * (MAX_CHUNK_CHARS // 2)])
def test_chunks_reassemble_the_text(text):
    chunks = split_chunks(text)
    assert "".join(chunks) == text
    assert bool(chunks) == bool(text)
    assert all(len(c) <= MAX_CHUNK_CHARS for c in chunks)


def test_parsed_report_offsets_are_report_offsets(pipeline):
    text = "Talks resume\n\nQatar hosted the envoys on Monday.\n\n\nHamas said it would reply."
    rdoc = pipeline.annotate(Report(id="p", text=text, published="2024-11-20"))
    assert rdoc.doc.text == text
    assert [s.text.strip() for s in rdoc.doc.sents][:2] == ["Talks resume", "Qatar hosted the envoys on Monday."]


def test_read_ahead_keeps_order_and_raises_producer_errors():
    assert list(read_ahead(iter(range(100)), depth=3)) == list(range(100))

    def failing():
        yield 1
        raise ValueError("broken report")

    got = []
    with pytest.raises(ValueError, match="broken report"):
        for item in read_ahead(failing()):
            got.append(item)
    assert got == [1]


def test_read_ahead_stops_its_producer_when_the_consumer_stops():
    pulled = []

    def source():
        for n in range(10_000):
            pulled.append(n)
            yield n

    running = set(threading.enumerate())
    items = read_ahead(source(), depth=2)
    assert next(items) == 0
    (producer,) = [t for t in threading.enumerate() if t.name == "storyline-parse" and t not in running]
    items.close()
    producer.join(timeout=10)
    assert not producer.is_alive()
    assert len(pulled) <= 2 + 2  # the buffer, the item handed over and the one in hand: no more was read
