"""What a place file may contain: the typed record every other part reads."""

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    computed_field,
    field_validator,
    model_validator,
)

Audience = Literal[
    "everyone",
    "adults",
    "women",
    "men",
    "families",
    "young_18_25",
    "minors",
    "couples",
    "drug_users",
]
Access = Literal[
    "free",
    "unconditional",
    "referral",
    "appointment",
    "documents",
    "membership_fee",
    "registration",
    "paying",
]
Status = Literal["active", "doubtful", "closed"]
# What a food place gives: a meal eaten there (breakfast, a soup, a restaurant solidaire),
# a parcel to take away (on registration), or a social grocery (low prices, on referral).
# What kind of a need a place gives, per need: someone hungry is shown the meals first, a
# toothache the dental care first ('forms' in a place's file; the words in the vocabularies).
FORMS: dict[str, tuple[str, ...]] = {
    "food": ("meal", "parcel", "grocery"),
    "health": ("general", "dental", "eyes", "addiction", "mental", "women"),
}
Form = Literal[tuple(form for forms in FORMS.values() for form in forms)]  # every need's kinds

# The first date a source's date says: 2025-12-04, 2019-11, or a year (c. 2011, spring 2024).
INFORMATION_DATE = re.compile(r"\b((?:19|20)\d\d)(?:-(\d\d))?(?:-(\d\d))?\b")
PHONE = re.compile(r"^(0\d( ?\d\d){4}|\d{3,4})$")
ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _french_phone(value: str) -> str:
    if not PHONE.match(value):
        raise ValueError(f"{value!r} is not a French number like '01 43 54 47 40'")
    return value


Phone = Annotated[str, AfterValidator(_french_phone)]


def _not_in_the_future(value: dt.date) -> dt.date:
    if value > dt.date.today():
        raise ValueError(f"{value} is in the future")
    return value


def _slug(value: str) -> str:
    if not ID.match(value):
        raise ValueError("use lowercase letters, digits and hyphens only (e.g. esi-agora)")
    return value


PastDate = Annotated[dt.date, AfterValidator(_not_in_the_future)]
Slug = Annotated[str, AfterValidator(_slug)]  # an id, also the file's name


class Closure(BaseModel):
    """A temporary closure: the place is closed from `from_` to `to` (inclusive)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    from_: dt.date = Field(alias="from")
    to: dt.date | None = None
    reason: str | None = None

    @model_validator(mode="after")
    def ends_after_start(self) -> "Closure":
        if self.to is not None and self.to < self.from_:
            raise ValueError("'to' is before 'from'")
        return self


Fact = Literal["hours", "address", "phone", "audience", "access"]
FACTS: tuple[str, ...] = Fact.__args__


class Check(BaseModel):
    """Someone confirmed some facts of a place: which, how, by whom (a team or a role,
    e.g. 'Maraude 18e'), and when."""

    model_config = ConfigDict(extra="forbid")
    facts: list[Fact] = Field(min_length=1)
    how: Literal["page", "phone", "visit", "email"]
    by: str = Field(min_length=2)
    date: PastDate  # not 'on': YAML reads that word as true
    note: str | None = None


class Place(BaseModel):
    """One place people can go to. `source` and `verified_on` are required."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    id: Slug
    name: str = Field(min_length=2)
    categories: list[str] = Field(min_length=1)
    address: str | None = None
    postcode: str | None = None
    arrondissement: int | None = Field(default=None, ge=1, le=20)
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    coordinates_source: str | None = None
    # Why the national address base (BAN) lacks this address although the source gives it
    # ('the BAN has 10 and 14, not 12; both partners publish 12'): the check then says
    # nothing of it (bot/directory/check.py).
    address_not_in_ban: str | None = None
    outside_paris: bool = False
    phones: list[Phone] = []
    opening_hours: str | None = None
    # Hours of one service when they differ from the place's (null: not known), e.g. the
    # night shelter of a day centre: {shelter: null}.
    service_hours: dict[str, str | None] = {}
    hours_note: str | None = None
    audience: list[Audience] = ["everyone"]
    access: list[Access] = []
    animals: bool | None = None
    wheelchair: bool | None = None
    languages: list[str] = []
    services: list[str] = []
    forms: list[Form] = []  # what kind of its needs it gives (a meal, a parcel, dental care…)
    services_source: str | None = None
    description: str | None = None
    closure: Closure | None = None
    status: Status = "active"
    pact_actions: list[int] = []
    operator: str | None = None
    open_data_id: str | None = None
    source: str = Field(min_length=3)
    source_date: str | None = None
    verified_on: PastDate
    checks: list[Check] = []  # who confirmed which facts, how and when (newest wins)
    notes: str | None = None

    def confirmed(self, fact: str) -> Check | None:
        """The latest check of a fact, if any."""
        return max((c for c in self.checks if fact in c.facts), key=lambda c: c.date, default=None)

    @computed_field
    @property
    def information_date(self) -> str | None:
        """The date the information carries, as precise as the source says it ('2025-12-04',
        '2019-11', '2011'): the first date of `source_date`; none for an undated source;
        `verified_on` when `source_date` is not given (an open dataset's copy date)."""
        if self.source_date is None:
            return self.verified_on.isoformat()
        found = INFORMATION_DATE.search(self.source_date)
        return "-".join(part for part in found.groups() if part) if found else None

    @field_validator("postcode")
    @classmethod
    def postcode_is_five_digits(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"\d{5}", value):
            raise ValueError(f"{value!r} is not a 5-digit postcode")
        return value

    @field_validator("forms")
    @classmethod
    def forms_of_its_needs(cls, value: list[str], info: ValidationInfo) -> list[str]:
        categories = info.data.get("categories", [])
        for form in value:
            if not any(form in FORMS.get(c, ()) for c in categories):
                needs = [c for c, forms in FORMS.items() if form in forms]
                raise ValueError(f"'{form}' is a kind of {needs[0]}: not one of this place's needs")
        return value

    @model_validator(mode="after")
    def coordinates_come_in_pairs(self) -> "Place":
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


ALERT_LANGUAGES = ("en", "es", "pt", "ro", "uk", "ru", "ar", "fa", "ps", "ka", "ti", "falc")


class Alert(BaseModel):
    """A dated notice an editor publishes for an area and needs (the winter plan opens
    gymnasiums at night, a heat wave, a cold-weather alert), shown with the answers it
    concerns from `from` to `to` (inclusive). `text` is French; `texts` its translations
    (a language without one gets the French)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    id: Slug
    text: str = Field(min_length=10, max_length=400)
    texts: dict[Literal[ALERT_LANGUAGES], str] = {}
    from_: dt.date = Field(alias="from")
    to: dt.date
    categories: list[str] = []  # the needs it is shown with; none: every answer
    arrondissements: list[Annotated[int, Field(ge=1, le=20)]] = []  # none: all Paris
    source: str = Field(min_length=3)
    source_date: str | None = None
    verified_on: PastDate

    @field_validator("source_date", mode="before")
    @classmethod
    def date_as_written(cls, value: object) -> object:
        return value.isoformat() if isinstance(value, dt.date) else value

    @model_validator(mode="after")
    def ends_after_start(self) -> "Alert":
        if self.to < self.from_:
            raise ValueError("'to' is before 'from'")
        return self


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    label: str
    pictogram: str
    actions: list[int] = []


class EmergencyNumber(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    number: str
    label: str
    for_: list[str] = Field(alias="for")
    first_for: list[str] = []
    hours: str
    free: bool
    sms: bool = False
    note: str | None = None
    source: str
    verified_on: dt.date


class Quartier(BaseModel):
    """One of the 80 quartiers administratifs: a name people use for a part of Paris."""

    model_config = ConfigDict(extra="forbid")
    number: int = Field(ge=1, le=80)
    name: str
    arrondissement: int = Field(ge=1, le=20)
    generic: bool = False
    also: list[str] = []


class Landmark(BaseModel):
    """A name people give as where they are (Tour Eiffel, Sacré-Cœur, an hospital): it
    stands for the point of a station next to it, in the station data."""

    model_config = ConfigDict(extra="forbid")
    name: str
    arrondissement: int = Field(ge=1, le=20)
    station: str
    also: list[str] = []
    source: str
