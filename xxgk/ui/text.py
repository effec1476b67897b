"""Report text shown inert (issue 9): agency names, narrative and finding messages come from
files anyone may have written, and Streamlit renders Markdown — an image (![x](http://…)) would
make every viewer's browser fetch that address, a link would point anywhere. Every character
Markdown (and Streamlit's :color[…] / :icon: directives and $…$ maths) gives a meaning to is
escaped, so the text shows exactly as written. (Raw HTML is already shown as text.)

Plotly draws a subset of HTML in legends, axes and hover labels (<a href>, <b>, <span style>):
text going into a chart has < > & written as entities, which Plotly shows as the characters."""

from __future__ import annotations

import re

import pandas as pd

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def inert(text: str | None) -> str:
    """``text`` with every Markdown-special character backslash-escaped (a missing value — None
    or pandas' NaN — is the empty string)."""
    return _MARKDOWN.sub(r"\\\1", text if isinstance(text, str) else "")


_PLOTLY_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def plotly_plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell safe for a Plotly chart (shown exactly as written)."""
    text = [c for c in frame.columns
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
    if not text:
        return frame
    return frame.assign(**{c: frame[c].map(lambda v: v.translate(_PLOTLY_ENTITIES)
                                           if isinstance(v, str) else v) for c in text})
