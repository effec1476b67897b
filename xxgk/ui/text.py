"""Report text shown inert (issue 9): agency names, narrative and finding messages come from
files anyone may have written, and Streamlit renders Markdown — an image (![x](http://…)) would
make every viewer's browser fetch that address, a link would point anywhere. Every character
Markdown (and Streamlit's :color[…] / :icon: directives and $…$ maths) gives a meaning to is
escaped, so the text shows exactly as written. (Raw HTML is already shown as text.)"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&])")


def inert(text: str | None) -> str:
    """``text`` with every Markdown-special character backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", text or "")
