"""Plain text: decode the bytes (UTF-8, UTF-16, GB18030/GBK or whatever charset-normalizer finds)."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

DEFAULT_STRICT_ENCODINGS = ("utf-8", "gb18030")
# A share of control characters above this means the bytes are not text at all.
MAX_CONTROL_SHARE = 0.05


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    return "\x00" in text or controls / len(text) > MAX_CONTROL_SHARE


def bytes_to_text(data: bytes) -> tuple[str, str | None, list[str]]:
    """Decode a text file; returns (text, encoding, problems).

    BOMs decide first, then strict UTF-8, then strict GB18030 (a superset of GBK and GB2312),
    then charset-normalizer's best guess. Bytes that are no text give ("", None, [why]).
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(enc, errors="replace"), enc)
    if b"\x00" not in data:
        for enc in DEFAULT_STRICT_ENCODINGS:
            try:
                return _checked(data.decode(enc), enc)
            except UnicodeDecodeError:
                continue
    best = from_bytes(data).best()
    if best is None:
        return "", None, ["文件不是可识别的文本（无法判断编码）"]
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> tuple[str, str | None, list[str]]:
    if _looks_binary(text):
        return "", None, ["文件内容是二进制数据，不是文本"]
    return text, encoding, []
