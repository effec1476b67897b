"""Perturbations real copies show (layouts.md, 'Noise around and inside tables'), applied to a
rendered text: what the parser must see through."""

from __future__ import annotations

import random
import re
from functools import cache

import opencc

_CJK_CELL = re.compile(r"[\u4e00-\u9fff]{6,}")


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _respace(text: str, rng: random.Random) -> str:
    """A space inside some long labels (商业 企业, 其他法律行政法规禁止公 开)."""
    def one(match: re.Match) -> str:
        word = match.group()
        if rng.random() < 0.3:
            cut = rng.randrange(2, len(word) - 1)
            return word[:cut] + rng.choice([" ", "\u3000"]) + word[cut:]
        return word
    return _CJK_CELL.sub(one, text)


def perturb(text: str, rng: random.Random) -> str:
    """Widths, numbering, quotes, old labels, inner spaces and, sometimes, traditional script."""
    if rng.random() < 0.5:
        text = text.replace("（", "(").replace("）", ")")
    enumerator = rng.choice(["．", "、", ". ", None])  # None: the numbering is left out
    text = re.sub(r"(?m)(^|[\t|]\s?)([1-8])\.(?=[\u4e00-\u9fff])",
                  r"\1" if enumerator is None else rf"\1\2{enumerator}", text)
    if rng.random() < 0.5:
        text = text.replace("“", '"').replace("”", '"')
    if rng.random() < 0.3:
        text = text.replace("行政规范性文件", "规范性文件")
    text = _respace(text, rng)
    if rng.random() < 0.2:
        text = _s2t().convert(text)
    return text
