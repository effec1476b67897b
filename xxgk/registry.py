"""The agency registry (data/agencies*.csv) and matching the names reports give themselves.

A report names itself (保健路街道办事处, 南岗区保健路街道办事处, 保健路街道); the registry places
it (district, city, province, kind). Matching tolerates the region before the name, the short
forms (街道 for 街道办事处, 政府 for 人民政府) and small differences (rapidfuzz), but a name that
fits several agencies and no region to tell them apart stays unmatched.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

DEFAULT_REGISTRIES = ("agencies.csv", "agencies_real.csv")
DEFAULT_FUZZY_SCORE = 92.0
_SHORTEN = [("街道办事处", "街道"), ("人民政府办公室", "政府办"), ("人民政府", "政府"), ("办事处", "")]


@dataclass
class RegistryAgency:
    agency_id: str
    name: str
    aliases: list[str]
    kind: str
    level: str
    district: str | None
    city: str | None
    province: str | None
    in_registry: bool = True
    synthetic: bool = False  # an agency of the invented sample city
    names: set[str] = field(default_factory=set)

    def as_row(self) -> dict:
        """The agency as a row of the warehouse's agencies table."""
        return {"agency_id": self.agency_id, "name": self.name, "aliases": list(self.aliases),
                "kind": self.kind, "level": self.level, "district": self.district,
                "city": self.city, "province": self.province, "in_registry": self.in_registry,
                "synthetic": self.synthetic}


def normal_name(name: str) -> str:
    """A comparable form: no spaces or punctuation, short suffixes (街道办事处 → 街道)."""
    key = re.sub(r"[\s\W_]+", "", name)
    for long, short in _SHORTEN:
        if key.endswith(long):
            return key[: -len(long)] + short
    return key


SAMPLE_MARKS = frozenset({"1", "true", "yes", "是"})


def load_registry(paths: list[Path]) -> list[RegistryAgency]:
    """Every agency of the given CSV files (missing files are skipped). An optional column
    ``sample`` marks invented agencies (the generator's): their reports are sample data."""
    agencies = []
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                aliases = [a for a in (row.get("aliases") or "").split("|") if a]
                agencies.append(with_names(RegistryAgency(
                    row["agency_id"], row["name"], aliases, row["kind"], row["level"],
                    row["district"] or None, row["city"] or None, row["province"] or None,
                    synthetic=(row.get("sample") or "").strip().lower() in SAMPLE_MARKS)))
    return agencies


def with_names(agency: RegistryAgency) -> RegistryAgency:
    """``agency`` with the comparable names a report may print for it (with its region too)."""
    region = agency.district or agency.city or ""
    agency.names = {normal_name(n) for n in [agency.name, *agency.aliases]}
    agency.names |= {normal_name(region + n) for n in [agency.name, *agency.aliases]
                     if not n.startswith(region)}
    return agency


def added_agency(name: str, district: str | None, city: str | None,
                 province: str | None) -> RegistryAgency:
    """An agency an editor added to the registry (xxgk/reviews.py keeps them); its id is made
    from its name and region, so adding it twice gives one agency."""
    name = name.strip()
    if not name:
        raise ValueError("an agency needs a name")
    district, city, province = (v.strip() if v and v.strip() else None
                                for v in (district, city, province))
    digest = hashlib.sha256(f"{name}|{district or ''}|{city or ''}|{province or ''}".encode())
    return with_names(RegistryAgency(f"x{digest.hexdigest()[:10]}", name, [], guess_kind(name),
                                 "区县" if district else "市", district, city, province))


class Matcher:
    """Finds the registry agency a report's (agency, region) stands for."""

    def __init__(self, agencies: list[RegistryAgency]) -> None:
        self.agencies = agencies
        self.by_id = {agency.agency_id: agency for agency in agencies}
        self.by_name: dict[str, list[RegistryAgency]] = {}
        for agency in agencies:
            for name in agency.names:
                self.by_name.setdefault(name, []).append(agency)
        self.choices = list(self.by_name)

    @staticmethod
    def _closest(agencies: list[RegistryAgency], region: str | None) -> RegistryAgency | None:
        """The one agency the region places best: its district, else a city-level agency of
        that city, else anything of that city or province; None when that is not one."""
        if region is None:
            return agencies[0] if len(agencies) == 1 else None
        for fits in (lambda a: a.district == region,
                     lambda a: a.district is None and a.city == region,
                     lambda a: region in (a.city, a.province)):
            chosen = [a for a in agencies if fits(a)]
            if chosen:
                return chosen[0] if len(chosen) == 1 else None
        return None

    def match(self, name: str | None, region: str | None) -> RegistryAgency | None:
        """Exactly one fitting agency, or None."""
        if not name:
            return None
        keys = [normal_name(name)] + ([normal_name(region + name)] if region else [])
        found = list({a.agency_id: a for k in keys for a in self.by_name.get(k, [])}.values())
        if found:
            return self._closest(found, region)
        best = process.extractOne(keys[-1], self.choices, scorer=fuzz.ratio,
                                  score_cutoff=DEFAULT_FUZZY_SCORE)
        return self._closest(self.by_name[best[0]], region) if best else None


def guess_kind(name: str) -> str:
    if name.endswith(("人民政府", "政府")) and not name.endswith(("镇人民政府", "乡人民政府")):
        return "政府"
    if name.endswith(("街道办事处", "街道")):
        return "街道"
    if name.endswith(("镇人民政府", "乡人民政府", "镇", "乡")):
        return "乡镇"
    return "部门"


def unknown_agency(name: str | None, region: str | None) -> RegistryAgency:
    """An agency the registry does not know, placed by the region its report names."""
    label = name or "（未识别机构）"
    digest = hashlib.sha256(f"{label}|{region or ''}".encode()).hexdigest()[:10]
    district = region if region and region.endswith(("区", "县", "旗")) else None
    city = region if region and region.endswith(("市", "州", "盟")) else None
    level = "市" if city and not district else "区县"
    return RegistryAgency(f"u{digest}", label, [], guess_kind(label), level, district, city, None,
                          in_registry=False)
