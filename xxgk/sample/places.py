"""A fictional city (or several) and its agencies: the registry every generated report belongs to.

The province 东江省 does not exist, so no real agency is ever shown with invented numbers.
Request volumes follow template.md's magnitudes: street offices and townships 0–10 a year
(mostly 0), district bureaus a few to ~300 (housing, land, police highest), city bureaus tens to
~1,000, a city government ~3,000.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

PROVINCE = "东江省"
CITY = "云泽市"
# further invented cities, for corpora larger than one city holds (issue 13: 10^5 reports)
MORE_CITIES = ["星川市", "雾岭市", "月湾市", "霁原市", "琼溪市", "岚江市", "澄阳市", "鹭汀市",
               "溪月市", "青霭市", "棠梨市", "苇川市", "柘原市", "黛峰市", "萤湖市", "杉野市"]
CITY_CAPACITY = 2000  # agencies one generated city holds (16 districts of ~125)
DISTRICT_NAMES = ["青岚区", "白鹭区", "金泉区", "云台区", "枫林区", "南湖区", "望海县", "石桥县",
                  "临溪县", "北屏县", "凤栖区", "鹤鸣县", "银杏区", "松涛区", "霞光县", "翠屏县"]
STREET_WORDS = ["翠竹", "长乐", "振兴", "和平", "建设", "文昌", "新华", "光明", "东风", "朝阳", "兴隆",
                "永安", "学府", "滨江", "春晖", "锦绣", "安定", "太平", "丰收", "红旗", "解放", "保安",
                "民主", "团结", "胜利", "先锋", "育才", "幸福", "友谊", "惠民", "北苑", "南苑", "西城",
                "东城", "湖滨", "江岸", "花园", "牡丹", "桂花", "银河", "星光", "晨曦", "青年", "工农",
                "前进", "复兴", "龙华", "凤凰", "金桥", "玉泉"]
TOWN_WORDS = ["柳河", "石门", "青松", "白沙", "双塘", "三合", "马家", "龙泉", "清水", "杨柳", "桃源",
              "黄泥", "大坪", "河口", "梨花", "高桥", "沙河", "松林", "枣园", "柏树", "栗子", "茶山",
              "竹林", "芦溪", "石鼓", "牛角", "鹿鸣", "仙桥"]
# (name, kind of work, mean new requests a year at district level, at city level)
DEPARTMENTS = [("住房和城乡建设局", "住建", 60, 300), ("自然资源局", "自然资源", 50, 0),
               ("自然资源和规划局", "自然资源", 0, 900), ("公安分局", "公安", 30, 0),
               ("公安局", "公安", 0, 450), ("人力资源和社会保障局", "人社", 10, 80),
               ("市场监督管理局", "市场监管", 15, 60), ("民政局", "民政", 5, 30), ("教育局", "教育", 8, 40),
               ("卫生健康局", "卫健", 6, 40), ("生态环境局", "生态环境", 6, 50),
               ("城市管理和行政执法局", "城管", 12, 70), ("交通运输局", "交通", 5, 60)]


@dataclass(frozen=True)
class Agency:
    """One agency of the registry, and how busy it is."""

    agency_id: str
    name: str  # as its reports name themselves, without the region
    region: str  # the district/county, or the city for city-level agencies
    kind: str  # 街道 / 乡镇 / 部门 / 政府
    level: str  # 区县 / 市
    district: str | None
    requests_mean: float
    is_government: bool = False
    city: str = CITY

    @property
    def full_name(self) -> str:
        return self.name if self.name.startswith(self.region) else f"{self.region}{self.name}"

    @property
    def aliases(self) -> list[str]:
        """Other names reports use: with the region, and the short forms (翠竹街道, 石门镇)."""
        short = self.name.replace("街道办事处", "街道").replace("人民政府", "政府")
        if self.kind == "乡镇":
            short = self.name.replace("人民政府", "")
        out = [self.full_name, short, short if short.startswith(self.region) else self.region + short]
        return [a for a in dict.fromkeys(out) if a != self.name]


def _district_agencies(district: str, n: int, rng: random.Random, start: int,
                       prefix: str = "a", city: str = CITY) -> list[Agency]:
    """A district's government, some departments, and (most of all) street offices/townships."""
    county = district.endswith("县")
    out = [Agency(f"{prefix}{start:03d}", f"{district}人民政府", district, "政府", "区县", district,
                  rng.uniform(80, 300), True, city)]
    depts = rng.sample([d for d in DEPARTMENTS if d[2]], k=min(n // 3, 6))
    for name, _, mean, _ in depts:
        out.append(Agency(f"{prefix}{start + len(out):03d}", name, district, "部门", "区县",
                          district, mean * rng.uniform(0.5, 1.6), False, city))
    pool = ([w + s for w in TOWN_WORDS for s in ("", "湾", "铺", "坪")] if county
            else [w + s for w in STREET_WORDS for s in ("", "路", "桥", "门")])
    words = rng.sample(pool, k=min(len(pool), max(0, n - len(out))))
    for word in words:
        name, kind = ((f"{word}镇人民政府", "乡镇") if county and rng.random() < 0.8
                      else (f"{word}街道办事处", "街道"))
        out.append(Agency(f"{prefix}{start + len(out):03d}", name, district, kind, "区县",
                          district, rng.choice([0.2, 0.5, 1.0, 2.0, 4.0]), False, city))
    return out


def make_registry(n_agencies: int, rng: random.Random) -> list[Agency]:
    """About ``n_agencies`` agencies: the city government, city bureaus, and the districts'; past
    ``CITY_CAPACITY`` agencies, further cities of the same province (their own district names,
    agency ids ``c01a000``…), so a corpus of any size is made of whole, plausible cities."""
    n_cities = min(1 + len(MORE_CITIES), -(-max(n_agencies, 1) // CITY_CAPACITY))
    if n_cities == 1:
        return _city(CITY, DISTRICT_NAMES, "a", n_agencies, rng)
    out: list[Agency] = []
    for i, city in enumerate([CITY, *MORE_CITIES][:n_cities]):
        share = n_agencies // n_cities + (1 if i < n_agencies % n_cities else 0)
        districts = DISTRICT_NAMES if i == 0 else _district_names(i)
        out += _city(city, districts, "a" if i == 0 else f"c{i:02d}a", share, rng)
    return out


def _district_names(city_index: int) -> list[str]:
    """Sixteen district names for the ``city_index``-th further city, none used by another."""
    first, second = "澄栖雁岫潆筠翎蘅芷荇蓼萱椿楸槿桤", "川原岭湾汀洲陂渚坪垣峪塬沚泮浔滘"
    pairs = [a + b for b in second for a in first]  # 256: sixteen cities of sixteen
    start = (city_index - 1) * len(DISTRICT_NAMES)
    names = pairs[start:start + len(DISTRICT_NAMES)]
    return [f"{name}{'县' if k % 3 == 2 else '区'}" for k, name in enumerate(names)]


def _city(city: str, district_names: list[str], prefix: str, n_agencies: int,
          rng: random.Random) -> list[Agency]:
    n_districts = min(len(district_names), max(6, n_agencies // 12 or 6))
    districts = district_names[:n_districts]
    agencies = [Agency(f"{prefix}000", f"{city}人民政府", city, "政府", "市", None, 3000, True,
                       city)]
    city_depts = [d for d in DEPARTMENTS if d[3]][:max(2, n_agencies // 12)]
    for name, _, _, mean in city_depts:
        agencies.append(Agency(f"{prefix}{len(agencies):03d}", name, city, "部门", "市", None,
                               mean * rng.uniform(0.7, 1.3), False, city))
    per_district = max(3, (n_agencies - len(agencies)) // n_districts)
    for district in districts:
        agencies += _district_agencies(district, per_district, rng, len(agencies), prefix, city)
    return agencies[:max(n_agencies, 1)]


def registry_rows(agencies: list[Agency]) -> list[dict[str, str]]:
    """Rows of agencies.csv: name, aliases, kind, level, district, city, province, and sample
    (1: an invented agency, so its reports are never summed with real ones)."""
    return [{"agency_id": a.agency_id, "name": a.name, "aliases": "|".join(a.aliases),
             "kind": a.kind, "level": a.level, "district": a.district or "", "city": a.city,
             "province": PROVINCE, "sample": "1"} for a in agencies]
