"""The Dask engine: a LocalCluster of two workers gives the same records, in the same order,
as a run in this process, with bad input reported in place."""
from __future__ import annotations

import pytest

from storyline.cluster import check_cluster
from storyline.ingest.readers import read_inputs
from storyline.models import InputError
from storyline.runner import run


def test_local_cluster_gives_the_same_records_as_one_process(examples_dir, tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "ok-1", "text": "Envoys met in Geneva on Monday, officials said."}\n'
                      '{"id": "cut", "text": "no end\n', encoding="utf-8")
    inputs = [str(examples_dir), str(broken)]

    def outcomes(**how) -> list:
        return [o.to_dict() if not isinstance(o, InputError) else f"error: {o}"
                for o in run(read_inputs(inputs, published="2024-11-19"), **how)]

    here = outcomes()
    errors = [o for o in here if isinstance(o, str)]
    assert len(errors) == 1 and "broken.jsonl:2" in errors[0] and len(here) == 6   # 4 examples, ok-1, the error
    assert outcomes(cluster="local:2") == here


@pytest.mark.parametrize("spec", ["local:0", "local:two", "", "tcp://host with space:8786"])
def test_a_bad_cluster_is_refused(spec):
    with pytest.raises(ValueError):
        check_cluster(spec)
