"""The benchmark floor view: only with TP_BENCH_FLOOR, and it never touches the database."""

import pytest
from django.test import RequestFactory
from django.urls import Resolver404, resolve

from toekomstplan.views import bench_floor


def test_the_floor_view_is_not_served_unless_the_bench_asks_for_it():
    with pytest.raises(Resolver404):
        resolve("/bench/floor/")


@pytest.mark.django_db
def test_the_floor_view_answers_without_a_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = bench_floor(RequestFactory().get("/bench/floor/"))
    assert response.status_code == 200 and response.content == b"ok"
