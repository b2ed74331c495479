"""The app's URLs plus the floor, which exists only in the benchmark."""

from django.urls import path

from samenwerkingswijzer.urls import urlpatterns as app_urlpatterns

from .floor import floor

urlpatterns = [path("bench/vloer/", floor, name="bench_floor"), *app_urlpatterns]
