"""Numbers from requests: ASCII digits within the database's range, nothing else."""

import pytest
from django.urls import reverse

from consultation.numbers import MAXIMUM, whole_number


@pytest.mark.parametrize(
    "value", ["²", "①", "٣", "1.5", "-1", "0", "", " 1", "1 ", "\x00", str(MAXIMUM + 1), "9" * 30]
)
def test_anything_but_plain_digits_in_range_is_no_number(value):
    assert whole_number(value) is None


@pytest.mark.parametrize("value, number", [("1", 1), ("007", 7), (str(MAXIMUM), MAXIMUM)])
def test_plain_digits_in_range_are_read(value, number):
    assert whole_number(value) == number


def test_bounds_are_the_callers_to_choose():
    assert whole_number("0", minimum=0) == 0
    assert whole_number("6", maximum=5) is None


@pytest.mark.parametrize("value", ["99999999999999999999999999", str(MAXIMUM + 1)])
def test_an_id_past_the_databases_range_is_not_found(client, admin_user, guidance, value):
    client.force_login(admin_user)
    assert client.post(f"/accounts/follow/{value}/").status_code == 404
    assert client.get(f"/admin/feedback/{value}/").status_code == 404
    assert client.get(f"{guidance.url}comments/{value}/reply/").status_code == 404


def test_the_id_converter_writes_ids_back_into_urls(guidance):
    assert reverse("consultation_feedback_workspace", args=[guidance.pk]).endswith(
        f"/{guidance.pk}/"
    )
