"""The benchmark of issue 8: `make bench` (python -m bench.run). Not part of the app."""
