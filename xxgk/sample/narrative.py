"""Narrative for sections 一, 五 and 六, assembled from varied sentence parts; section 一 tells
the year's request counts in prose, as real reports do."""

from __future__ import annotations

import random

OPENINGS = [
    "{year}年，{name}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，",
    "{year}年，{name}在上级政务公开办的指导下，深入推进政务公开标准化规范化建设，",
    "{year}年，{name}紧紧围绕中心工作，将政府信息公开纳入年度重点工作，",
    "{year}年，{name}按照“公开为常态、不公开为例外”的原则，",
]
MIDDLES = [
    "健全政务公开工作机制，明确专人负责信息发布与审核，",
    "加强政府网站和政务新媒体建设，拓宽公开渠道，",
    "围绕群众关切的重点领域加大信息公开力度，",
    "完善依申请公开办理流程，规范答复文书，",
    "强化政策解读和回应关切，提升公开实效，",
]
CLOSINGS = ["各项工作取得积极成效。", "政务公开工作水平稳步提升。",
            "较好地保障了人民群众的知情权、参与权和监督权。"]
REQUEST_SENTENCES = [
    "全年共新收政府信息公开申请{new}件，上年结转{carried}件，办结{done}件，结转下年度继续办理{forward}件。",
    "本年度收到政府信息公开申请{new}件，均在法定期限内予以答复，其中予以公开{granted}件。",
    "全年受理依申请公开{new}件，办理完毕{done}件。",
]
NO_REQUESTS = ["本年度未收到政府信息公开申请。", "全年未发生依申请公开事项。"]
PROBLEMS = [
    "一是公开内容的全面性还需提高，部分领域信息更新不够及时；二是政策解读形式较为单一。",
    "政务公开工作人员多为兼职，业务能力有待加强；依申请公开答复的规范性还需提升。",
    "主动公开的深度和广度不够，与群众期盼仍有差距。",
    "信息公开平台建设相对滞后，公开形式不够丰富。",
]
IMPROVEMENTS = [
    "下一步，将加强业务培训，完善工作制度，持续提升政务公开质量。",
    "下一步，将进一步梳理公开目录，强化审核把关，及时回应社会关切。",
    "今后将加大政策解读力度，丰富解读形式，增强公开实效。",
]
OTHER = ["无。", "本年度未收取信息处理费。", "本年度无其他需要报告的事项。",
         "依据《政府信息公开信息处理费管理办法》，本年度未收取信息处理费。"]


def make_narrative(name: str, year: int, counts: dict[str, int | float], rng: random.Random
                   ) -> dict[str, str]:
    """overview / problems / other for one report."""
    overview = (rng.choice(OPENINGS).format(year=year, name=name)
                + "".join(rng.sample(MIDDLES, k=2)) + rng.choice(CLOSINGS))
    if counts["new"] or counts["carried"]:
        overview += rng.choice(REQUEST_SENTENCES).format(**counts)
    else:
        overview += rng.choice(NO_REQUESTS)
    return {"overview": overview,
            "problems": rng.choice(PROBLEMS) + rng.choice(IMPROVEMENTS),
            "other": rng.choice(OTHER)}
