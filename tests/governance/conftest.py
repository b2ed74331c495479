import pytest

from governance.models import Framework


@pytest.fixture
def framework_v1(db):
    """Version 1 of the afwegingskader, as the migration seeds it."""
    return Framework.objects.get(version=1)


def answers_post(k=(1, 1, 1, 1), q=(True, False), action="preview", **extra):
    """The POST data of the afweging form."""
    data = {f"K{n}": str(points) for n, points in enumerate(k, start=1)}
    data.update({f"Q{n}": "ja" if yes else "nee" for n, yes in enumerate(q, start=1)})
    data["action"] = action
    data.update(extra)
    return data
