"""Looking places up: open or closed at chosen times, nearest first, checked by brute force."""

import datetime as dt
import random

import pytest
from conftest import run_bot

from bot.answer import plain_text
from bot.core import result_json
from bot.directory.geo import distance_m
from bot.directory.opening import opening_in
from bot.directory.ranking import serves_soon
from bot.directory.store import DirectoryStore
from bot.settings import PARIS_TZ


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS_TZ)


def opening_at(place, moment: dt.datetime, category: str):
    return opening_in(place, category, moment, moment)


@pytest.fixture(scope="module")
def store(core) -> DirectoryStore:
    return core.store


def place(store, place_id):
    return store.by_id(place_id)


def test_a_bath_before_it_opens_says_when_it_opens(store):
    amiraux = place(store, "bain-douche-les-amiraux")
    opening = opening_at(amiraux, at(2026, 11, 24, 10, 0), "shower")  # a Tuesday
    assert opening.state == "closed"
    assert opening.opens_at == at(2026, 11, 24, 12, 0)


def test_on_sunday_morning(store):
    saint_merri = place(store, "bain-douche-saint-merri")
    opening = opening_at(saint_merri, at(2026, 11, 29, 10, 0), "shower")
    assert (opening.state, opening.closes_at) == ("open", at(2026, 11, 29, 12, 30))
    amiraux = place(store, "bain-douche-les-amiraux")
    opening = opening_at(amiraux, at(2026, 11, 29, 10, 0), "shower")
    assert (opening.state, opening.opens_at) == ("closed", at(2026, 12, 1, 12, 0))


def test_on_14_july_the_baths_hours_are_unknown_not_the_weeks(store):
    # The City's data gives the week, not public holidays (PH unknown): never 'open'.
    saint_merri = place(store, "bain-douche-saint-merri")
    assert opening_at(saint_merri, at(2026, 7, 13, 10, 0), "shower").state == "open"
    assert opening_at(saint_merri, at(2026, 7, 14, 10, 0), "shower").state == "unknown"


def built(make_directory, tmp_path, name: str):
    db = tmp_path / f"{name}.db"
    result = run_bot("directory", "build", make_directory(name), "--output", db)
    assert result.returncode == 0, result.stderr
    return next(DirectoryStore.open(db).all_places())


def test_a_doubtful_place_is_never_open(make_directory, tmp_path):
    doubtful = built(make_directory, tmp_path, "doubtful_with_hours")
    assert doubtful.hours is not None
    assert opening_at(doubtful, at(2026, 11, 24, 10, 0), "shower").state == "unknown"


def test_unknown_hours_are_unknown_not_open(store):
    fountain = next(store.records(store.by_category["water"]))
    assert opening_at(fountain, at(2026, 11, 24, 10, 0), "water").state == "unknown"


def test_a_night_service_does_not_take_the_day_hours(make_directory, tmp_path):
    centre = built(make_directory, tmp_path, "night_service")
    assert opening_at(centre, at(2026, 11, 24, 10, 30), "day_centre").state == "open"
    assert opening_at(centre, at(2026, 11, 24, 10, 30), "shelter").state == "unknown"


def test_a_temporary_closure(make_directory, tmp_path):
    closed = built(make_directory, tmp_path, "temporary_closure")
    assert opening_at(closed, at(2026, 11, 30, 10, 0), "shower").state == "open"
    during = opening_at(closed, at(2026, 12, 5, 10, 0), "shower")
    assert (during.state, during.temporarily_closed, during.comment) == ("closed", True, "travaux")


def test_the_nearest_open_bath_comes_first_as_brute_force_says(store):
    saturday_half_past_noon = at(2026, 11, 28, 12, 30)
    rng = random.Random(20261121)
    baths = list(store.records(store.by_category["shower"]))
    for station in rng.sample(store.stations, 25):
        lat, lon = station["lat"], station["lon"]
        found = store.find("shower", saturday_half_past_noon, lat, lon, limit=5)
        open_baths = [
            (distance_m(lat, lon, p.lat, p.lon), p.id)
            for p in baths
            if p.lat is not None
            and opening_at(p, saturday_half_past_noon, "shower").state == "open"
        ]
        nearest_open = min(open_baths)
        assert found[0].place.id == nearest_open[1]
        assert found[0].distance_m == pytest.approx(nearest_open[0])


def test_results_are_open_first_then_by_opening_time_then_unknown(store):
    found = store.find("shower", at(2026, 11, 24, 14, 0), 48.8839, 2.3494, limit=60)

    def group(f):
        if f.opening.state == "open":
            return 0
        if f.opening.opens_at and not f.opening.unknown_from and not f.opens_late:
            return 1
        # those opening in more than a day stand among the unknown
        late = f.opening.opens_at and f.opens_late
        return 2 if f.opening.state == "unknown" or f.opening.unknown_from or late else 3

    groups = [group(f) for f in found]
    assert groups == sorted(groups) and {0, 1, 2} <= set(groups)
    opened = [f.distance_m for f in found if group(f) == 0]
    assert opened == sorted(opened)
    opening_times = [f.opening.opens_at for f in found if group(f) == 1]
    assert opening_times == sorted(opening_times)


@pytest.mark.parametrize("category", ["day_centre", "food", "luggage", "rights", "shelter"])
def test_a_place_that_may_be_gone_comes_after_those_known_to_be_there(store, category):
    """Among places whose hours are unknown, the doubtful ones (maybe closed or moved) come
    last: nobody should cross Paris to one while a confirmed place is as near."""
    for point in [(48.8839, 2.3494), (48.8809, 2.3553), (48.8674, 2.3636), (48.8323, 2.2877)]:
        found = store.find(category, at(2026, 11, 23, 10, 0), *point, limit=8)
        unknown = [f.doubtful for f in found if f.opening.state == "unknown"]
        assert unknown == sorted(unknown), (category, point, [f.place.id for f in found])


@pytest.mark.parametrize("moment", [(2026, 11, 24, 8, 0), (2026, 11, 24, 10, 0)])
def test_an_arrondissement_lists_its_own_places_first(store, moment):
    """Its own places first, unless one across its edge is open within walking distance
    and the arrondissement's is not open, of unknown hours, nor opening within 3 hours."""
    found = store.find("shower", at(*moment), arrondissement=18, limit=5)
    assert found[0].inside_area
    for before, after in zip(found, found[1:], strict=False):
        if not before.inside_area and after.inside_area:
            assert before.opening.state == "open" and before.distance_m <= 3000
            assert not serves_soon(after), [f.place.id for f in found]


def test_open_places_across_the_edge_before_those_inside_that_open_tomorrow(store):
    """'douche 19e' on a Wednesday at 09:00 said nothing was open until the Meaux baths
    opened the next day, while the Oberkampf baths (11e, 2.4 km) were open."""
    found = store.find("shower", at(2026, 12, 2, 9, 0), arrondissement=19, limit=3)
    assert found[0].place.id == "bain-douche-oberkampf" and found[0].opening.state == "open"
    assert any(f.inside_area for f in found)  # the 19e's own still listed


def test_an_open_place_without_a_point_is_not_dropped_once_a_place_is_named(store):
    """A bagagerie without coordinates (Cœur du Cinq, 5e) vanished as soon as the person
    said where they were: 'bagagerie vers Châtelet' at 19:30 said none was open."""
    chatelet = (48.8584, 2.3474)
    found = store.find("luggage", at(2026, 11, 29, 19, 30), *chatelet, limit=3)
    assert found[0].opening.state == "open", [f.place.id for f in found]
    assert "la-bagagerie-coeur-du-cinq" in [f.place.id for f in found]


def test_a_place_that_says_neither_where_nor_when_comes_after_those_next_door(store):
    """'Bagagerie 20' (a 2019 council debate: may have closed, no address, no hours) came
    first for an outreach worker's 'bagagerie 20e demain matin', before the bagageries
    next door that open then."""
    found = store.find("luggage", at(2026, 11, 24, 8, 0), arrondissement=20, limit=10)
    ids = [f.place.id for f in found]
    assert found[ids.index("bagagerie-20")].vague
    vague = [f.vague for f in found]
    assert vague == sorted(vague), ids  # every place that says where or when first
    assert ids.index("bagagerie-20") > 0 and not found[0].inside_area


@pytest.mark.parametrize("category", ["food", "shower", "toilets"])
def test_an_arrondissement_is_searched_reading_the_records_of_its_own_places_only(
    directory_db, category
):
    """Its places are known by number before any record is read: the 11e's are read
    without those of the 3e, 10e, 12e or 20e that lie as near its centre (the places
    beyond it are searched afterwards, when it has too few)."""
    store = DirectoryStore.open(directory_db)
    read = []
    store._record = lambda row: read.append(row) or store._read_record(row)
    centre = store.centres[11]
    inside = store._nearest(
        category, (centre["lat"], centre["lon"]), 5, at(2026, 11, 24, 8, 0), None, None, None,
        area=11,
    )  # fmt: skip
    assert inside and {f.place.arrondissement for f in inside} == {11}
    assert {store._read_record(row).arrondissement for row in read} == {11}


def test_a_large_category_without_a_place_asks_where(store):
    assert store.find("toilets", at(2026, 11, 24, 8, 0)) == []
    assert len(store.find("toilets", at(2026, 11, 24, 8, 0), 48.8839, 2.3494)) == 5


def brute_force_find(store, category, moment, lat=None, lon=None, arrondissement=None,
                     limit=5, until=None, profile=None, age=None):  # fmt: skip
    """The look-up as it was before the grid: every place of the need measured and its
    hours evaluated, then sorted (the reference the fast path must equal)."""
    from dataclasses import replace

    from bot.directory.audience import fit
    from bot.directory.ranking import may_serve, rank, serves_soon
    from bot.directory.store import FURTHEST_READ, NEAR_AREA_M, NEARBY_M

    def assumed(places, point):
        """Each at its arrondissement's centre, no nearer than walking distance."""
        out = []
        for f in places:
            c = store.centres.get(f.place.arrondissement or 0)
            d = max(NEARBY_M, distance_m(*point, c["lat"], c["lon"])) if c else None
            out.append(replace(f, assumed_distance_m=d))
        return out

    def found(places, point):
        return [store.found(p, category, moment, *point, until, profile, age) for p in places]

    def nearby(places, point):
        """Nearest first: all within walking distance, then on until `limit` of those
        within it, or 2 × limit in all, may serve the question, or FURTHEST_READ × limit
        are read."""
        located = sorted(
            (distance_m(*point, p.lat, p.lon), i, p)
            for i, p in enumerate(places)
            if p.lat is not None
        )
        chosen, within, usable = [], 0, 0
        for distance, _, p in located:
            if distance > NEARBY_M and (
                within >= limit or usable >= 2 * limit or len(chosen) >= FURTHEST_READ * limit
            ):
                break
            chosen.append(p)
            useful = may_serve(store.found(p, category, moment, *point, until, profile, age))
            within += useful and distance <= NEARBY_M
            usable += useful
        return chosen

    candidates = [
        p
        for p in store.records(store.by_category.get(category, []))
        if fit(p, category, profile or [], age) is not None
    ]
    unlocated = [p for p in candidates if p.lat is None]
    if lat is None:
        centre = store.centres[arrondissement]
        point = (centre["lat"], centre["lon"])
        inside = [p for p in candidates if p.arrondissement == arrondissement]
        others = [p for p in candidates if p.arrondissement != arrondissement]
        here = sorted([replace(f, inside_area=True) for f in found(inside, point)], key=rank)
        if sum(serves_soon(f) and not f.vague for f in here) >= limit:
            return here[:limit]
        # too few that may serve soon: those outside, each unlocated one at its
        # arrondissement's centre; those inside that serve soon first, then those outside
        # open within walking distance, then the others (inside first), the vague ones last
        away = [p for p in unlocated if p in others]

        def tier(f):
            if f.inside_area and serves_soon(f):
                return (0, False)
            d = f.distance_m if f.distance_m is not None else f.assumed_distance_m
            if not f.inside_area and f.opening.state == "open" and d is not None and d <= NEARBY_M:
                return (1, False)
            return (2, not f.inside_area)

        return sorted(
            here
            + [replace(f, inside_area=False) for f in found(nearby(others, point), point)]
            + [replace(f, inside_area=False) for f in assumed(found(away, point), point)],
            key=lambda f: (f.vague, tier(f), rank(f)),
        )[:limit]
    point = (lat, lon)
    # a place without a point in the person's arrondissement, or one whose centre is
    # near, ranks as if at the edge of walking distance; the others come last
    centre = {n: distance_m(*point, c["lat"], c["lon"]) for n, c in store.centres.items()}
    own = store.arrondissement_of(*point)
    near = [
        p
        for p in unlocated
        if (own is not None and p.arrondissement == own)
        or centre.get(p.arrondissement, NEAR_AREA_M + 1) <= NEAR_AREA_M
    ]
    far = [p for p in unlocated if p not in near]
    return sorted(
        found(nearby(candidates, point), point)
        + [replace(f, assumed_distance_m=NEARBY_M) for f in found(near, point)]
        + assumed(found(far, point), point),
        key=rank,
    )[:limit]


PROFILES = [
    ([], None),
    (["woman"], None),
    (["family"], None),
    (["minor"], 16),
    (["animal"], None),
    ([], 22),
]


@pytest.fixture(scope="module")
def restricted_store(directory_db, tmp_path_factory) -> DirectoryStore:
    """The real directory with a third of its places turned into places for women, for
    families or taking animals, not saying what food they give (as data·inclusion's do not),
    and its hours given to all: places 'for them' further away than open places for all,
    so that the search cannot stop too early."""
    import shutil
    import sqlite3

    path = tmp_path_factory.mktemp("restricted") / "directory.db"
    shutil.copy(directory_db, path)
    db = sqlite3.connect(path)
    rng = random.Random(7)
    ids = [row[0] for row in db.execute("select id from places")]
    for place_id in rng.sample(ids, len(ids) // 3):
        audience = rng.choice(['["women"]', '["families"]', '["everyone"]'])
        db.execute(
            "update places set audience = ?, animals = ?, forms = '[]', opening_hours = "
            "coalesce(opening_hours, 'Mo-Su 08:00-20:00') where id = ?",
            (audience, rng.choice([0, 1, None]), place_id),
        )
    db.commit()
    db.close()
    return DirectoryStore.open(path)


@pytest.mark.parametrize("which", ["store", "restricted_store"])
def test_the_grid_finds_what_measuring_every_place_finds(request, which):
    """Random points in and around Paris, every need, moments across the week and the
    clock changes, windows, profiles and arrondissements: the same places, in the same
    order, with the same states, as the brute force."""
    store = request.getfixturevalue(which)
    rng = random.Random(20261123)
    categories = sorted(store.by_category)
    moments = [at(2026, 11, 23, h, m) for h in (0, 3, 7, 9, 12, 18, 21, 23) for m in (0, 30)]
    moments += [at(2026, 3, 29, 3, 30), at(2026, 10, 25, 2, 30), at(2026, 7, 14, 10, 0)]
    for _ in range(600):
        category = rng.choice(categories)
        moment = rng.choice(moments)
        until = moment + dt.timedelta(hours=rng.choice([0, 0, 4, 10])) or None
        profile, age = rng.choice(PROFILES)
        limit = rng.choice([1, 3, 5, 8])
        if rng.random() < 0.25:
            where = dict(arrondissement=rng.randint(1, 20))
        else:
            where = dict(lat=rng.uniform(48.80, 48.93), lon=rng.uniform(2.20, 2.48))
        asked = dict(limit=limit, until=until, profile=profile, age=age, **where)
        fast = store.find(category, moment, **asked)
        slow = brute_force_find(store, category, moment, **asked)
        assert fast == slow, (category, moment, asked)


def test_food_that_does_not_say_what_it_gives_may_be_the_kind_asked(store):
    """A food place without forms (an imported one) is not set apart behind the meals:
    set apart, a food question read every food place of an arrondissement (p99 100 ms at
    100,000 synthetic places)."""
    from dataclasses import replace

    from bot.directory.ranking import other_form

    chorba = place(store, "la-chorba-diners-chauds-porte-de-la-villette")
    grocery = next(p for p in store.all_places() if tuple(p.forms) == ("grocery",))
    assert other_form(grocery, "food", ()) and not other_form(chorba, "food", ())
    assert not other_form(replace(grocery, forms=()), "food", ())
    assert not other_form(replace(grocery, forms=()), "food", ("parcel",))


def test_an_opening_whose_end_the_source_does_not_give(core, store):
    """The Soupe de Nuit: the room opens at 17:45, the end is not published. Open then,
    with no closing time said; unknown later that evening; closed, opening at 17:45, in
    the morning."""
    soupe = place(store, "soupe-de-nuit-armee-du-salut-rue-des-poissonniers")
    evening = opening_at(soupe, at(2026, 11, 23, 18, 5), "food")
    assert (evening.state, evening.closes_at, evening.closing_unknown) == ("open", None, True)
    assert not evening.always_open
    assert opening_at(soupe, at(2026, 11, 23, 19, 0), "food").state == "unknown"
    # 17:45-18:00 then the women's slot 18:00-18:15: one opening, not 'ferme à 18:00'
    before_the_slot = opening_at(soupe, at(2026, 11, 23, 17, 50), "food")
    assert (before_the_slot.closes_at, before_the_slot.closing_unknown) == (None, True)
    morning = opening_at(soupe, at(2026, 11, 23, 10, 0), "food")
    assert (morning.state, morning.opens_at) == ("closed", at(2026, 11, 23, 17, 45))
    tonight = opening_in(soupe, "food", at(2026, 11, 23, 18, 0), at(2026, 11, 23, 23, 0))
    assert (tonight.state, tonight.closing_unknown) == ("open", True)

    asked = core.ask(
        "manger", categories=["food"], near=(48.8939, 2.3529), at=at(2026, 11, 23, 18, 5)
    )
    listed = next(p for p in result_json("manger", asked)["places"] if p["id"] == soupe.id)
    assert (listed["open"], listed["closes_at"], listed["closing_unknown"]) == (True, None, True)
    text = plain_text(core.ask("manger ce soir barbès", at=at(2026, 11, 23, 12, 0)).reply)
    assert "Soupe de Nuit" in text and "heure de fermeture inconnue" in text
    assert "18:00–18:15 : Pour les femmes" in text  # the editor's comment on that opening
    later = plain_text(core.ask("manger barbès", at=at(2026, 11, 23, 20, 0)).reply)
    assert "Aujourd'hui : ouvert dès 17:45, heure de fermeture inconnue" in later


def test_the_grid_orders_points_across_france_as_sorting_them_does():
    """West of Greenwich (negative columns), dense and empty cells, far points: the grid
    gives every point, nearest first, ties by index, as measuring and sorting them all."""
    from array import array

    from bot.directory.spatial import Grid

    rng = random.Random(2026)
    lats = array("d", (rng.uniform(42.3, 51.1) for _ in range(3000)))
    lons = array("d", (rng.uniform(-4.8, 8.2) for _ in range(3000)))
    lats[10:20] = array("d", [48.85] * 10)  # ten points on one spot: ties
    lons[10:20] = array("d", [-1.5] * 10)
    grid = Grid(lats, lons)
    for lat, lon in [(48.85, -1.5), (43.3, 5.4), (50.6, 3.06), (47.0, -4.9), (48.8566, 2.3522)]:
        expected = sorted(
            (distance_m(lat, lon, a, b), i) for i, (a, b) in enumerate(zip(lats, lons, strict=True))
        )
        assert list(grid.nearest(lat, lon)) == expected


def test_a_database_from_an_older_version_asks_to_be_rebuilt(directory_db, tmp_path):
    import shutil
    import sqlite3

    from bot.directory.store import MissingDatabase

    old = tmp_path / "old.db"
    shutil.copy(directory_db, old)
    db = sqlite3.connect(old)
    db.execute("update meta set value = '3' where key = 'schema_version'")
    db.commit()
    db.close()
    with pytest.raises(MissingDatabase, match="another version .* rebuild it"):
        DirectoryStore.open(old)


def test_past_walking_distance_a_search_goes_on_to_places_that_may_serve(store):
    """Sunday 21:00 at Barbès: the meals within 3 km are closed that evening (two weekday
    lunches); the Porte de la Villette's, 3.2 km away and hours unknown, may serve. They
    were left out, the search stopping at walking distance whatever it had found."""
    from bot.directory.ranking import may_serve
    from bot.directory.store import NEARBY_M

    found = store.find("food", at(2026, 11, 29, 21, 0), 48.8839, 2.3494, limit=3)
    assert all(may_serve(f) for f in found), [f.place.id for f in found]
    assert any(f.distance_m > NEARBY_M for f in found)


def test_a_place_without_a_point_near_the_person_is_not_left_out(store):
    """At Châtelet on a Tuesday at 8:00, the bagagerie Mains Libres (quartier du Châtelet,
    no street number published) is open; it was left out of every search by position
    while five located bagageries were found, the nearest open one 4 km away."""
    found = store.find("luggage", at(2026, 12, 1, 8, 0), 48.8584, 2.3470, limit=3)
    assert "bagagerie-mains-libres" in [f.place.id for f in found]
    assert found[0].opening.state == "open"


def test_a_place_opening_in_more_than_a_day_comes_after_those_that_may_serve(store):
    """Sunday 29 November at 21:00 near Châtelet: the Soupe Saint-Eustache opens on
    Tuesday 1 December (winter only); places whose hours are unknown, which may serve
    tonight, come before it."""
    found = store.find("food", at(2026, 11, 29, 21, 0), 48.8584, 2.3470, limit=60)
    ids = [f.place.id for f in found]
    soupe = ids.index("soupe-saint-eustache")
    assert found[soupe].opens_late
    assert any(f.opening.state == "unknown" and not f.doubtful for f in found[:soupe])
    assert not any(f.doubtful for f in found[:soupe])
