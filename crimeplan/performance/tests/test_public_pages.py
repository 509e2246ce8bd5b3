"""The public performance pages give correct, consistent numbers in plain words (issue 11, items 1, 4 and 8)."""

import csv
import html
import re

import pytest
from django.urls import reverse

from crimeplan.analytics.significance import compare_counts
from crimeplan.analytics.tests.data import STREET_DIR, csv_rows
from crimeplan.core.downloads import read_table
from crimeplan.performance.narrative import p_value, plain_change
from crimeplan.performance.templatetags.performance import change_text, signed_percent

pytestmark = pytest.mark.django_db

PRESTON, DEEPDALE, PRESTON_CSP = "E07000123", "E05012197", "E22000158"
REFERENCE = STREET_DIR.parent.parent / "geography" / "lsoa11_ward19_lad19_lookup_lancashire.csv"


def page(client, name, *args, **query):
    response = client.get(reverse(name, args=args), query or {"period": "2022Q2"})
    assert response.status_code == 200
    return response.content.decode()


def test_a_council_lists_only_its_own_wards_each_with_its_council(client, loaded_store):
    rows = csv_rows(REFERENCE)
    prestons = {r["WD19NM"] for r in rows if r["LAD19CD"] == PRESTON}
    body = page(client, "performance:area", PRESTON)
    listed = body.split('data-testid="children"')[1].split("</ul>")[0]
    names = [html.unescape(n) for n in re.findall(r'href="/areas/E05\d+/">([^<]+)</a>', listed)]
    assert sorted(names) == sorted(f"{n} (Preston)" for n in prestons)
    assert len(names) == len(prestons) < 30  # not the force's 285


def test_a_ward_page_names_its_council_and_has_breadcrumbs_to_the_force(client, loaded_store):
    body = page(client, "performance:area", DEEPDALE)
    crumbs = body.split('data-testid="breadcrumbs"')[1].split("</nav>")[0]
    links = re.findall(r'href="([^"]+)"', crumbs)
    assert links == ["/areas/", "/areas/lancashire/", f"/areas/{PRESTON_CSP}/", f"/areas/{PRESTON}/"]
    assert "Ward in Preston (council)" in body


def test_each_area_page_starts_with_a_plain_sentence_before_any_statistics(client, loaded_store):
    body = page(client, "performance:area", DEEPDALE)
    main = body.split('id="main-content"')[1]
    plain = main.split('data-testid="plain">')[1].split("<")[0]
    assert "were recorded in Deepdale in April to June 2022" in plain
    assert "normal variation" in plain
    assert "p =" not in plain and "p <" not in plain and "φ" not in plain
    assert main.index('data-testid="plain"') < main.index("p = ") if "p = " in main else True


def test_a_change_from_zero_is_written_in_words_never_inf_or_nan():
    from_zero = compare_counts(5, 0, current_exposure=91, baseline_exposure=91)
    assert signed_percent(from_zero.change_percent) == "up from none"
    assert change_text(from_zero) == "up from none to 5"
    assert change_text(compare_counts(0, 0)) == "none before, none now"
    assert signed_percent(float("nan")) == "–"
    assert "none in the same months a year before" in plain_change(from_zero)


@pytest.mark.parametrize("code", ["lancashire", PRESTON_CSP, PRESTON, DEEPDALE, "E01025244"])
def test_no_area_page_shows_inf_or_nan(client, loaded_store, code):
    for period in ("2022Q2", "2021Q3"):
        text = re.sub(r"<[^>]+>", " ", page(client, "performance:area", code, period=period))
        assert not re.search(r"\b(inf|nan)\b", text, re.IGNORECASE), code


def test_the_harm_chart_and_the_table_show_the_same_rounding(client, loaded_store):
    body = page(client, "performance:area", DEEPDALE)
    table = read_table(body, "crime-types")
    harm_column = table.rows[0].index("Harm (CCHI days)")
    in_table = {r[0]: r[harm_column] for r in table.rows[1:] if r[harm_column] != "counted only"}
    chart = body.split("Harm by crime type</h2>")[1].split("</svg>")[0]
    labels = re.findall(r'fill="#0b0c0c">([^<]+)</text><rect[^>]*/><text[^>]*>([^<]+)</text>', chart)
    assert labels and {name: value for name, value in labels} == {k: v for k, v in in_table.items() if v != "0"}


def test_the_dashboard_the_force_page_and_the_api_give_the_same_p_value_and_count(client, loaded_store, plan):
    api = client.get("/api/performance/priorities", {"period": "2022Q2"}).json()
    measure = next(
        m for p in api["priorities"] for m in p["measures"] if m["title"] == "Anti-social behaviour incidents"
    )
    year_before = measure["comparisons"][0]
    words = p_value(year_before["p_value"])
    dashboard = page(client, "performance:dashboard")
    card = next(c for c in dashboard.split('data-testid="priority-card"') if "Anti-social behaviour incidents" in c)
    assert words in card and f"{year_before['current']:,.0f}" in card
    force = read_table(page(client, "performance:area", "lancashire"), "crime-types")
    row = next(r for r in force.rows if r[0] == "Anti-social behaviour")
    assert row[1] == f"{year_before['current']:,.0f}" and words in row[-1]


def test_partnership_rows_and_no_place_add_up_to_the_force_total(client, loaded_store):
    table = read_table(page(client, "performance:crime_type", "burglary"), "by-partnership")
    body = [r for r in table.rows[1:] if not r[0].startswith("Total")]
    total = next(r for r in table.rows if r[0].startswith("Total"))
    assert body[-1][0] == "No place recorded" and int(body[-1][1].replace(",", "")) > 0
    assert sum(int(r[1].replace(",", "")) for r in body) == int(total[1].replace(",", ""))


def test_the_map_legend_comes_from_the_data_and_names_its_unit(client, loaded_store):
    data = client.get(reverse("performance:area_geojson", args=[DEEPDALE]), {"period": "2022Q2"}).json()
    counts = sorted(f["properties"]["count"] for f in data["features"])
    legend = data["properties"]["legend"]
    assert legend["title"] and "crimes" in legend["unit"]
    bands = legend["bands"]
    assert all(b["low"] <= b["high"] for b in bands)
    assert all(any(b["low"] <= c <= b["high"] for c in counts) for b in bands)  # no empty band
    assert len(bands) <= len(set(counts))
    body = page(client, "performance:area", DEEPDALE)
    assert f"Unit: {legend['unit']}" in body
    assert all(f">{b['label']}</li>" in body for b in bands)


def test_the_map_has_a_table_of_the_same_figures_with_lsoa_ward_and_council(client, loaded_store):
    data = client.get(reverse("performance:area_geojson", args=[DEEPDALE]), {"period": "2022Q2"}).json()
    table = read_table(page(client, "performance:area", DEEPDALE), "map-figures")
    assert table.rows[0] == ["LSOA", "Ward", "Council", "Records", "Per 1,000 residents"]
    expected = [
        [p["name"], "Deepdale", "Preston", str(p["count"]), f"{p['rate_per_1000']:.1f}"]
        for p in (f["properties"] for f in data["features"])
    ]
    body = [r for r in table.rows[1:] if r[0] not in ("No place recorded", "Total")]
    assert sorted(body) == sorted(expected)


@pytest.mark.parametrize("code", ["lancashire", PRESTON])
def test_the_map_table_adds_up_to_the_total_shown_with_no_place_as_a_row(client, loaded_store, code):
    body_html = page(client, "performance:area", code)
    shown = re.search(r'data-testid="total">([\d,]+)<', body_html)
    table = read_table(body_html, "map-figures")
    body = [r for r in table.rows[1:] if r[0] != "Total"]
    (total,) = [r for r in table.rows[1:] if r[0] == "Total"]
    assert body[-1][0] == "No place recorded"
    figures = [int(r[3].replace(",", "")) for r in body]
    assert sum(figures) == int(total[3].replace(",", "")) == int(shown.group(1).replace(",", ""))


def test_the_ward_outlines_around_a_ward_carry_their_names(client, loaded_store):
    data = client.get(reverse("performance:area_outlines", args=[DEEPDALE])).json()
    names = {f["properties"]["name"] for f in data["features"]}
    prestons = {r["WD19NM"] for r in csv_rows(REFERENCE) if r["LAD19CD"] == PRESTON}
    assert names == prestons
    assert all(len(f["properties"]["label_at"]) == 2 for f in data["features"])


def test_the_priority_status_and_its_headline_never_disagree_without_saying_why(client, loaded_store, plan):
    from crimeplan.analytics.periods import quarter
    from crimeplan.performance.selectors import ROLL_UP_RULE, evaluate

    board = evaluate("lancashire", quarter("2022Q2"))
    dashboard = page(client, "performance:dashboard")
    assert ROLL_UP_RULE.split(":")[0] in dashboard.replace("&#x27;", "'")
    for card in board.cards:
        if card.headline is not None and card.headline.rag != card.rag:
            assert card.roll_up and card.headline.measure.title not in card.roll_up.split(":")[-1]
            assert card.roll_up.replace("'", "&#x27;") in dashboard or card.roll_up in dashboard
    priority = page(client, "performance:priority", 8)
    assert 'data-testid="roll-up-rule"' in priority and "Not rated" in priority
    assert priority.index('data-testid="plain"') < priority.index("p = ")


def test_each_priority_card_starts_with_a_plain_sentence(client, loaded_store, plan):
    dashboard = page(client, "performance:dashboard")
    cards = dashboard.split('data-testid="priority-card"')[1:]
    assert len(cards) == 9
    for card in cards:
        plain = card.split('data-testid="plain">')[1].split("</p>")[0]
        assert "p =" not in plain and "p <" not in plain
        assert card.index('data-testid="plain"') < card.index("Priority status")


PUBLIC_PAGES = [
    ("performance:dashboard", ()),
    ("performance:areas", ()),
    ("performance:area", ("lancashire",)),
    ("performance:area", (PRESTON,)),
    ("performance:area", (DEEPDALE,)),
    ("performance:crime_types", ()),
    ("performance:crime_type", ("burglary",)),
    ("performance:priority", (8,)),
]


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
def test_every_table_on_a_public_page_downloads_as_the_same_csv(client, loaded_store, plan, name, args):
    body = page(client, name, *args)
    ids = re.findall(r"<table [^>]*\bid=\"([a-z0-9-]+)\"", body)
    assert body.count("<table ") == len(ids), "every table has an id"
    for table_id in ids:
        assert f"csv={table_id}" in body, f"{table_id} has no CSV link"
        response = client.get(reverse(name, args=args), {"period": "2022Q2", "csv": table_id})
        assert response["Content-Type"].startswith("text/csv")
        lines = response.content.decode().splitlines()
        assert lines[0].startswith('"# ') and "data.police.uk" in lines[0] and "downloaded" in lines[0]
        shown = read_table(body, table_id)
        assert list(csv.reader(lines[1:])) == shown.rows
    boxed = re.findall(r'<div class="app-table-scroll" role="region" aria-label="[^"]+" tabindex="0">\s*<table', body)
    assert len(boxed) == len(ids), "each table scrolls in its own labelled box"


def test_an_unknown_table_is_not_found(client, loaded_store):
    assert client.get("/areas/lancashire/", {"csv": "no-such-table"}).status_code == 404
    assert client.get("/areas/lancashire/", {"csv": "<script>"}).status_code == 404


def test_crime_types_have_an_index_linked_from_the_navigation(client, loaded_store):
    body = page(client, "performance:crime_types")
    assert body.count('href="/crime-types/') >= 14
    home = client.get("/areas/").content.decode()
    nav = home.split('id="navigation"')[1].split("</ul>")[0]
    assert 'href="/crime-types/"' in nav and 'href="/refer-someone/"' in nav and 'href="/report-hate-crime/' in nav


def test_every_public_page_has_the_place_search(client, loaded_store, plan):
    for name, args in PUBLIC_PAGES:
        body = page(client, name, *args)
        assert 'role="search"' in body and 'action="/search/"' in body


def test_a_staff_only_page_says_so_on_the_way_to_sign_in(client):
    response = client.get("/map/", follow=True)
    body = response.content.decode()
    assert response.redirect_chain and "for staff only" in body and "Sign in" in body


def test_the_map_takes_its_base_map_from_the_setting_with_its_attribution(client, loaded_store, settings):
    settings.MAP_TILES = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILES_ATTRIBUTION = "Base map © Example contributors"
    body = page(client, "performance:area", DEEPDALE)
    assert 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in body
    assert 'data-tiles-attribution="Base map © Example contributors"' in body
