"""The few English words Streamlit's own widgets write ("Select all", "No results", "You can
only select up to 6 options") in Chinese. Streamlit 1.67 has no locale setting and the words
are in its compiled front end, so a tiny script (in an empty same-origin st.iframe) rewrites
them as they appear in the page. Only these exact phrases are touched: report text is never
rewritten, and nothing is evaluated from it."""

from __future__ import annotations

import streamlit as st

PHRASES = [  # (JavaScript regular expression of the whole text, its Chinese)
    (r"^Select all$", "全选"),
    (r"^Select (\d+) matches$", "选择 $1 个匹配项"),
    (r"^No results$", "无匹配项"),
    (r"^You can only select up to (\d+) options?\.?$", "最多只能选择 $1 项"),
    (r"^Add: (.*)$", "添加：$1"),
]
_SCRIPT = """<script>
(() => {
  const page = window.parent, doc = page.document;
  if (page.__xxgkChinese) return;
  page.__xxgkChinese = true;
  const phrases = %s.map(([re, zh]) => [new RegExp(re), zh]);
  const fix = (node) => {
    if (!node) return;
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = node.nodeType === 3 ? node : walker.nextNode(); text; text = walker.nextNode()) {
      const value = text.nodeValue.trim();
      for (const [re, zh] of phrases) {
        if (re.test(value)) { text.nodeValue = value.replace(re, zh); break; }
      }
    }
  };
  new MutationObserver((changes) => changes.forEach((change) => {
    if (change.type === "characterData") fix(change.target);
    change.addedNodes.forEach(fix);
  })).observe(doc.body, {childList: true, subtree: true, characterData: true});
  fix(doc.body);
})();
</script>"""


def chinese_widgets() -> None:
    """Install the rewriting once per browser page (a later call is a no-op in the page)."""
    import json

    st.iframe(_SCRIPT % json.dumps(PHRASES), height="content")  # our constant, never user text
