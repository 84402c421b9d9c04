"""Which places fit a person, from what they said of themselves ('je suis une femme',
'j'ai 16 ans', 'avec mon chien'): places not for them are left out, places for them come
first. Said nothing: every place, each showing its restriction."""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .records import PlaceRecord

FOR_THEM, FOR_ALL = 0, 1
ADULT_ONLY = {"adults", "young_18_25", "men", "women", "couples"}
YOUTH = {"minors"}


def fit(place: "PlaceRecord", category: str, profile: list[str], age: int | None) -> int | None:
    """FOR_THEM, FOR_ALL, or None when the place is not for this person."""
    audience = set(place.audience) - {"everyone"}
    minor = "minor" in profile or (age is not None and age < 18)
    if minor:
        if audience & YOUTH:
            return FOR_THEM
        # A minor is never sent to an adult shelter: the 119 and youth services are first.
        if audience & ADULT_ONLY or category == "shelter":
            return None
    elif "minors" in audience and (age is not None or profile):
        return None
    if "woman" in profile and "men" in audience and "women" not in audience:
        return None
    # Parents with their children: never a place for men alone or adults only (a women's
    # place may take a mother with hers: listed, its restriction said).
    if (
        "family" in profile
        and audience & {"men", "adults", "couples"}
        and "families" not in audience
    ):
        return None
    if "man" in profile and "women" in audience and "men" not in audience:
        return None
    # A couple ('avec ma femme') is not sent to a place for men or for women alone.
    together = {"couples", "families"}
    if "couple" in profile and audience & {"men", "women"} and not audience & together:
        return None
    if age is not None and "young_18_25" in audience and not 18 <= age <= 25:
        return None
    if "animal" in profile and place.animals is False:
        return None
    if "wheelchair" in profile and place.wheelchair is False:
        return None
    said = {
        "women": "woman" in profile,
        "men": "man" in profile,
        "families": "family" in profile,
        "couples": "couple" in profile,
        "young_18_25": age is not None and 18 <= age <= 25,
    }
    if any(said.get(a) for a in audience):
        return FOR_THEM
    if "animal" in profile and place.animals or "wheelchair" in profile and place.wheelchair:
        return FOR_THEM
    return FOR_ALL
