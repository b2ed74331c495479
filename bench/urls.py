"""The app's URLs plus the floors, which exist only in the benchmark."""

from django.urls import path

from samenwerkingswijzer.urls import urlpatterns as app_urlpatterns

from . import floor as floors

urlpatterns = [
    path("bench/vloer/", floors.floor, name="bench_floor"),
    path("bench/vloer-50/", floors.floor_50, name="bench_floor_50"),
    path("bench/vloer/open-data.csv", floors.floor_open_data_csv, name="bench_floor_open_data_csv"),
    path(
        "bench/vloer/open-data.json", floors.floor_open_data_json, name="bench_floor_open_data_json"
    ),
    path("bench/vloer/agenda.csv", floors.floor_agenda_csv, name="bench_floor_agenda_csv"),
    path("bench/vloer/register.csv", floors.floor_register_csv, name="bench_floor_register_csv"),
    path("bench/vloer/register.xlsx", floors.floor_register_xlsx, name="bench_floor_register_xlsx"),
    *app_urlpatterns,
]
