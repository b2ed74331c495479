"""The `frozen_today` fixture stops the clock for the test and for the code it calls."""

from datetime import date

import pytest
from django.utils import timezone

from tests.conftest import FROZEN_TODAY


def test_today_is_the_frozen_day_for_the_test_and_for_django(frozen_today):
    assert frozen_today == FROZEN_TODAY
    assert date.today() == FROZEN_TODAY
    assert timezone.localdate() == FROZEN_TODAY


@pytest.mark.parametrize("frozen_today", [date(2027, 12, 31)], indirect=True)
def test_a_test_may_choose_its_own_day(frozen_today):
    assert timezone.localdate() == date(2027, 12, 31) == frozen_today
