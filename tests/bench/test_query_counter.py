"""The benchmark counts the same page's statements alike on SQLite and PostgreSQL."""

from bench.inprocess import QueryCounter


def test_the_count_leaves_out_the_begin_that_only_sqlite_sends_as_a_statement():
    counter = QueryCounter()
    for sql in ("BEGIN IMMEDIATE", "SELECT 1", "UPDATE django_session SET x = 1", "SAVEPOINT s"):
        counter(lambda *args: None, sql, None, False, None)
    assert counter.count == 3
