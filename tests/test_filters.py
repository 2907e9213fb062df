"""One filter check for the command line (strict) and the URL (lenient): same verdicts, same words.
The store's refusal of an unknown region is in tests/test_ingest.py."""

from datetime import date

import pytest

from dashboard.filters import QUERY_KEYS, FilterError, ParsedFilters, checked, from_query_params
from tests.conftest import run_cli

BAD = [
    ({"regions": ["Atlantis"]}, {"region": "Atlantis"}, "unknown region 'Atlantis'"),
    ({"themes": ["weather"]}, {"theme": "weather"}, "unknown theme 'weather'"),
    ({"event_types": ["picnic"]}, {"type": "picnic"}, "unknown event type 'picnic'"),
    ({"statuses": ["done"]}, {"status": "done"}, "unknown status 'done'"),
    ({"date_from": "2024-13-01"}, {"from": "2024-13-01"}, "malformed from date '2024-13-01'"),
    (
        {"date_from": "2024-05-01", "date_to": "2024-04-01"},
        {"from": "2024-05-01", "to": "2024-04-01"},
        "'from' 2024-05-01 is after 'to' 2024-04-01",
    ),
]


@pytest.mark.parametrize(("values", "url", "message"), BAD)
def test_a_bad_value_is_an_error_on_the_command_line_and_a_notice_in_the_url(values, url, message):
    with pytest.raises(FilterError, match=message):
        checked(**values, strict=True)
    parsed = from_query_params(url)
    assert len(parsed.dropped) == 1 and parsed.dropped[0].startswith(message)
    assert parsed.filters == checked(strict=False).filters  # the bad value is left out


def test_the_command_line_error_lists_what_is_known():
    with pytest.raises(FilterError, match=r"unknown status 'done'; known: no_response, under_review, "):
        checked(statuses=["done"], strict=True)


def test_both_modes_accept_the_same_spellings_and_keep_the_good_values():
    strict = checked(regions=["osh", "KG-B", "Batken"], themes=[" Health"], statuses=["declined"], strict=True)
    assert strict.filters.regions == ("Osh", "Batken")
    assert strict.filters.themes == ("health",)
    lenient = from_query_params({"region": ["osh", "KG-B", "Atlantis"], "theme": " Health", "status": "declined"})
    assert lenient.filters == strict.filters
    assert lenient.dropped == ["unknown region 'Atlantis'"]


def test_reversed_dates_exit_2_on_the_command_line(tmp_path):
    result = run_cli("stats", "--json", "--from", "2024-05-01", "--to", "2024-04-01", db=tmp_path / "cli.duckdb")
    assert result.returncode == 2
    assert "'from' 2024-05-01 is after 'to' 2024-04-01" in result.stderr
    assert "Traceback" not in result.stderr
    assert checked(date_from=date(2024, 4, 1), date_to=date(2024, 5, 1), strict=True).filters.date_to.month == 5


def test_every_filter_goes_to_the_url_and_back():
    every = checked(
        regions=["Osh"],
        themes=["health"],
        event_types=["forum"],
        statuses=["declined"],
        date_from="2021-01-01",
        date_to="2021-12-31",
        include_demo=False,
        strict=True,
    ).filters
    url = every.to_query_params()
    assert tuple(url) == QUERY_KEYS
    assert from_query_params(url) == ParsedFilters(every)
