"""What changed between two readings of the same records: used by every import, so that
an editor reviews one kind of report (added, changed, removed) whatever the source."""

from dataclasses import dataclass, field

import yaml

from .reader import Problem
from .schema import Place

# What a re-import compares: the facts, not the day of the copy nor the notes that carry it.
COMPARED = (
    "name",
    "categories",
    "address",
    "postcode",
    "lat",
    "lon",
    "phones",
    "opening_hours",
    "service_hours",
    "audience",
    "access",
    "description",
    "source_date",
    "status",
)


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)  # file names
    changed: list[str] = field(default_factory=list)  # "file: field, field"
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    live: list[str] = field(default_factory=list)  # "places/…/x.yaml: field, field"
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report as an editor reads it: each file, then the counts."""
        out = [str(problem) for problem in self.problems]
        out += [f"added    {name}" for name in self.added]
        out += [f"changed  {name}" for name in self.changed]
        out += [f"removed  {name}" for name in self.removed]
        out += [f"to apply by hand  {name}" for name in self.live]
        out.append(
            f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed, "
            f"{self.unchanged} unchanged"
            + (f", {len(self.live)} live file(s) to update by hand" if self.live else "")
        )
        return out


def place_yaml(place: Place) -> str:
    data = place.model_dump(exclude={"information_date"}, by_alias=True)  # dates stay dates
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def differences(old: Place, new: Place) -> list[str]:
    return [name for name in COMPARED if getattr(old, name) != getattr(new, name)]
