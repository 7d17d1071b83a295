"""The pipeline machinery: paragraph parsing that keeps offsets, and parsing ahead in a thread."""
import threading
import time

import pytest

from storyline.models import Report
from storyline.nlp.parse import MAX_CHUNK_CHARS, split_chunks
from storyline.pipeline import read_ahead


@pytest.mark.parametrize("text", ["", "   ", "One line.", "Title\n\nFirst para.\nSecond para.\n\n\n  Third.  \n",
                                  "word " * (MAX_CHUNK_CHARS // 2)])
def test_chunks_reassemble_the_text(text):
    chunks = split_chunks(text)
    assert "".join(chunks) == text
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


def test_read_ahead_stops_its_thread_when_the_consumer_stops():
    before = threading.active_count()
    items = read_ahead(iter(range(10_000)), depth=2)
    assert next(items) == 0
    items.close()
    deadline = time.time() + 2
    while threading.active_count() > before and time.time() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == before
