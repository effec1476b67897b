"""Property tests: random valid tables in every layout parse back; blank cells are only ever
left out where the arithmetic cannot place them; no input makes the parser raise."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import parse_text
from xxgk.parse import parse_bytes
from xxgk.sample.document import ReportSpec, render_text
from xxgk.sample.layouts import LAYOUTS
from xxgk.sample.noise import perturb
from xxgk.sample.truth import hidden_keys
from xxgk.sample.values import random_values

pytestmark = pytest.mark.slow  # processes, sessions or a generated corpus: minutes, not seconds

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])
FULL_LAYOUTS = sorted(set(LAYOUTS) - {"T10"})


def _spec(template: str, seed: int) -> ReportSpec:
    year = 2020 if template == "2019" else 2024
    return ReportSpec("新华镇人民政府", "平江县", year, template,
                      random_values(template, random.Random(seed)), f"{year + 1}-01-15")


@SETTINGS
@given(template=st.sampled_from(["2019", "2021"]), layout=st.sampled_from(FULL_LAYOUTS),
       seed=st.integers(0, 10**6), noisy=st.booleans())
def test_random_valid_tables_parse_back_exactly(template, layout, seed, noisy):
    spec = _spec(template, seed)
    text = render_text(spec, layout, random.Random(seed))
    if noisy:
        text = perturb(text, random.Random(seed))
    assert parse_text(text)["values"] == spec.values


@SETTINGS
@given(template=st.sampled_from(["2019", "2021"]), layout=st.sampled_from(FULL_LAYOUTS),
       seed=st.integers(0, 10**6), blank_share=st.floats(0.05, 0.9))
def test_blank_cells_are_never_guessed(template, layout, seed, blank_share):
    spec = _spec(template, seed)
    rng = random.Random(seed)
    blanks = {k for k, v in spec.values.items() if v == 0 and rng.random() < blank_share}
    spec.values = {k: v for k, v in spec.values.items() if k not in blanks}
    values = parse_text(render_text(spec, layout, rng))["values"]
    # A blank cell reads as 0; any other value must be exactly the printed one.
    assert {k: v for k, v in values.items() if spec.values.get(k, 0) != v} == {}
    assert set(spec.values) - hidden_keys(template, spec.values) <= set(values)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(st.text(alphabet=st.sampled_from(list("一二三四五六、。，（）()|\t \n0123456789+-—/.无"
                                             "总计自然人规章行政许可处罚本年新收上年结转予以公开申请复议诉讼"
                                             "结果维持纠正其他尚未审结第二十条项情况年月日街道办事处")),
               max_size=600))
def test_arbitrary_text_never_raises(text):
    record = parse_text(text)
    assert set(record) == {"source", "agency", "region", "year", "template", "published_on",
                           "values", "narrative", "findings"}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data):
    record = parse_bytes(data, "x.bin")
    assert isinstance(record["findings"], list)


@settings(SETTINGS, max_examples=80)
@given(template=st.sampled_from(["2019", "2021"]), seed=st.integers(0, 10**6),
       blank_share=st.floats(0.0, 0.9))
def test_run_together_digits_are_never_cut_wrong(template, seed, blank_share):
    spec = _spec(template, seed)
    rng = random.Random(seed)
    blanks = {k for k, v in spec.values.items() if v == 0 and rng.random() < blank_share}
    spec.values = {k: v for k, v in spec.values.items() if k not in blanks}
    values = parse_text(render_text(spec, "T10", rng))["values"]
    assert {k: v for k, v in values.items() if spec.values.get(k, 0) != v} == {}
