"""The benchmark (bench/README.md): `make bench` (python -m bench.run). Not part of the app."""
