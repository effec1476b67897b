"""Plain text: decode the bytes (UTF-8, UTF-16, GB18030/GBK or whatever charset-normalizer finds)."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

DEFAULT_CJK_ENCODINGS = ("gb18030", "big5")  # both accept much of the other's bytes
# Characters every report prints many times, in both scripts: the decoding that shows more of
# them is the right one (strict GB18030 accepts Big5 bytes as other characters, issue 9).
_REPORT_CHARS = frozenset("政府信息公开開年度报報告申请請情况況行政复複议議诉訴讼訟结結转轉办辦理")
DEFAULT_MAX_STRAY_NULS = 16
# A share of control characters above this means the bytes are not text at all.
MAX_CONTROL_SHARE = 0.05


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")  # control characters but \t \n \v \f \r


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = len(_CONTROL.findall(text))
    return "\x00" in text or controls / len(text) > MAX_CONTROL_SHARE


def bytes_to_text(data: bytes) -> tuple[str, str | None, list[str]]:
    """Decode a text file; returns (text, encoding, problems).

    BOMs decide first, then strict UTF-8, then whichever of strict GB18030 (a superset of GBK
    and GB2312) and Big5 shows more of a report's own characters, then charset-normalizer's best
    guess. A few stray NUL bytes in otherwise plain text are dropped. Bytes that are no text
    give ("", None, [why]).
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _checked(data.decode(enc, errors="replace"), enc)
    nuls = data.count(b"\x00")
    if 0 < nuls <= DEFAULT_MAX_STRAY_NULS and nuls * 1000 < len(data):
        data = data.replace(b"\x00", b"")  # stray NULs, not UTF-16 (which has NULs throughout)
    if b"\x00" not in data:
        try:
            return _checked(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
        decoded = {}
        for enc in DEFAULT_CJK_ENCODINGS:
            try:
                decoded[enc] = data.decode(enc)
            except UnicodeDecodeError:
                continue
        if decoded:
            enc = max(decoded, key=lambda e: sum(ch in _REPORT_CHARS for ch in decoded[e]))
            return _checked(decoded[enc], enc)
    best = from_bytes(data).best()
    if best is None:
        return "", None, ["文件不是可识别的文本（无法判断编码）"]
    return _checked(str(best), best.encoding)


def _checked(text: str, encoding: str) -> tuple[str, str | None, list[str]]:
    if _looks_binary(text):
        return "", None, ["文件内容是二进制数据，不是文本"]
    return text, encoding, []
