"""ORM queries compiled to SQL once per process, then run with fresh parameter values.

Django compiles a queryset every time it runs it. For the feed's visibility rules (four joined tables and
three correlated subqueries) building and compiling the queryset cost about 5 ms, several times what
PostgreSQL spends executing it. The ORM stays the one definition of each query: `CompiledQuery` builds it
once with marker values, finds where each marker landed among the SQL parameters, and from then on puts
the real values there.

The rules that keep this exact:
- the query's shape must not depend on the values (a LIMIT is inlined into the SQL, so it is part of the
  `variant` the query is compiled for);
- a list of ids is one parameter (the `in_array` lookup below), so its length does not change the SQL;
- results go through the same converters Django's `.values()` applies, so rows are identical to it.
On PostgreSQL they run as prepared statements (see `_cursor`), so PostgreSQL plans them once per connection.
"""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import psycopg
from django.db import NotSupportedError, connections, models, transaction
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Lookup, QuerySet
from django.db.models.sql import UpdateQuery

TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid

class PreparingCursor(psycopg.Cursor):
    """psycopg's server-binding cursor, preparing every statement it runs.

    It also reads timestamptz columns with psycopg's own loader (C in psycopg[binary]) instead of the one Django
    registers: Django's subclasses psycopg's pure-Python loader to set the tzinfo, and parsing 400 timestamps
    that way took 4 of the 6 ms of a For You candidates query. psycopg's loader gives equal values, with the
    same tzinfo, when the connection's time zone is UTC (`uses_connection_time_zone`)."""

    def __init__(self, connection, *, fast_datetimes: bool = False, **kwargs):
        super().__init__(connection, **kwargs)
        if fast_datetimes:
            self.adapters.register_loader(
                TIMESTAMPTZ_OID, psycopg.adapters.get_loader(TIMESTAMPTZ_OID, psycopg.pq.Format.TEXT)
            )

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)


def prepared_statements_enabled(connection) -> bool:
    """PostgreSQL with psycopg's prepared statements switched on in OPTIONS (settings/base.py does that unless
    DATABASE_PREPARED_STATEMENTS=0, e.g. behind a transaction-mode pooler that cannot keep them)."""
    return connection.vendor == "postgresql" and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None


def uses_connection_time_zone(connection) -> bool:
    """Whether psycopg's own timestamptz loader gives exactly what Django's would: the connection is in UTC
    (Django sets its time zone on connect), which psycopg represents as `datetime.timezone.utc`, as Django does."""
    return connection.connection.info.parameter_status("TimeZone") == connection.timezone_name == "UTC"


def _cursor(connection):
    """A cursor for compiled queries: on PostgreSQL with prepared statements, one that binds parameters on the
    server and prepares every statement, so PostgreSQL plans each compiled query once per connection
    (planning the visibility query costs it about 3 ms, executing it well under 1 ms). Django's wrappers stay
    around it, so query logging and counting see these queries like any other."""
    if not prepared_statements_enabled(connection):
        return connection.cursor()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = PreparingCursor(connection.connection, fast_datetimes=uses_connection_time_zone(connection))
    return _LoggedCursor(raw, connection) if connection.queries_logged else connection.make_cursor(raw)


class _LoggedCursor(CursorDebugWrapper):
    """Django's debug cursor, logging the statement itself: it reads the SQL back from psycopg's last client-side
    query, which a prepared statement does not have."""

    def execute(self, sql, params=None):
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


class InArray(Lookup):
    """`field__in_array=[ids]`: membership in a list passed as ONE parameter (an array on PostgreSQL, JSON on
    SQLite), so the SQL is the same whatever the list's length."""

    lookup_name = "in_array"
    prepare_rhs = False

    @staticmethod
    def db_value(vendor: str, values) -> object:
        ints = [int(value) for value in values]
        return ints if vendor == "postgresql" else json.dumps(ints)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        value = self.db_value(connection.vendor, self.rhs)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, value]
        if connection.vendor == "sqlite":
            # lhs is compiled SQL of a column, never user input; the ids are a bound parameter.
            return f"{lhs} IN (SELECT value FROM json_each(%s))", [*lhs_params, value]  # noqa: S608
        raise NotSupportedError(f"in_array is not implemented for {connection.vendor}")


models.IntegerField.register_lookup(InArray)
models.ForeignKey.register_lookup(InArray)


class Param:
    """The kinds of value a compiled query takes, each with a marker no real value collides with."""

    INT = "int"
    STR = "str"
    DATE = "date"
    DATETIME = "datetime"
    INT_LIST = "int_list"


def _marker(kind: str, index: int):
    if kind == Param.INT:
        return -7_391_000_000_001 - index
    if kind == Param.STR:
        return f"\x1fmarker-{index}\x1f"
    if kind == Param.DATE:
        return datetime.date(1903, 3, 5) + datetime.timedelta(days=index)
    if kind == Param.DATETIME:
        return datetime.datetime(1903, 3, 5, 7, 11, 13, 100_001 + index, tzinfo=datetime.UTC)
    if kind == Param.INT_LIST:
        return [-7_392_000_000_001 - index]
    raise ValueError(f"unknown parameter kind {kind!r}")


def _db_value(connection, kind: str, value):
    """A value as Django hands it to the database driver for a lookup of that kind."""
    if kind == Param.DATETIME:
        return connection.ops.adapt_datetimefield_value(value)
    if kind == Param.DATE:
        return connection.ops.adapt_datefield_value(value)
    if kind == Param.INT_LIST:
        return InArray.db_value(connection.vendor, value)
    if kind == Param.STR:
        return str(value)
    return int(value)


@dataclass(frozen=True)
class _Compiled:
    sql: str
    params: tuple
    # Where each parameter goes: (position, the type it had there). Django passes some values typed (on
    # PostgreSQL an integer in an expression is psycopg's Int4), and a fresh value keeps that type.
    slots: dict[str, tuple[tuple[int, type], ...]]
    names: tuple[str, ...]
    converters: dict[int, tuple[list, object]]


class CompiledQuery:
    """A `.values()` queryset, built by `build(**params)` and compiled once per database and variant.

    `params` names each parameter's kind (Param.*). `rows(variant, **values)` runs it: `build` receives the
    markers plus `variant` and must use every parameter in a lookup, never in Python logic.
    """

    def __init__(self, build: Callable[..., QuerySet], **params: str) -> None:
        self._build = build
        self._params = params
        self._cache: dict[tuple[str, Hashable], _Compiled] = {}
        self._lock = threading.Lock()

    def _statement(self, alias: str, built) -> tuple[str, list, tuple[str, ...], dict]:
        """The SQL and parameters of what `build` returned, the names of the columns and their converters."""
        query = built.query
        if not query.values_select and not query.annotation_select:
            raise TypeError("CompiledQuery needs a .values() queryset")
        compiler = query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        fields = [column[0] for column in compiler.select[0 : compiler.col_count]]
        names = (*query.extra_select, *query.values_select, *query.annotation_select)
        return sql, params, names, compiler.get_converters(fields)

    def _compile(self, alias: str, variant: Hashable) -> _Compiled:
        connection = connections[alias]
        markers = {name: _marker(kind, index) for index, (name, kind) in enumerate(self._params.items())}
        sql, params, names, converters = self._statement(alias, self._build(variant=variant, **markers))
        expected = {name: _db_value(connection, self._params[name], marker) for name, marker in markers.items()}
        slots: dict[str, list[tuple[int, type]]] = {name: [] for name in markers}
        for position, param in enumerate(params):
            for name, value in expected.items():
                if isinstance(param, type(value)) and param == value:
                    slots[name].append((position, type(param)))
        unused = [name for name, positions in slots.items() if not positions]
        if unused:
            raise ValueError(f"the query does not use the parameter(s) {unused} as SQL parameters")
        return _Compiled(
            sql=sql,
            params=tuple(params),
            slots={name: tuple(positions) for name, positions in slots.items()},
            names=names,
            converters=converters,
        )

    def compiled(self, variant: Hashable = None, using: str = "default") -> _Compiled:
        key = (using, variant)
        compiled = self._cache.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._cache.get(key) or self._compile(using, variant)
                self._cache[key] = compiled
        return compiled

    def _bind(self, variant: Hashable, using: str, values: dict):
        if set(values) != set(self._params):
            raise TypeError(f"expected values for {sorted(self._params)}, got {sorted(values)}")
        connection = connections[using]
        compiled = self.compiled(variant, using)
        params = list(compiled.params)
        for name, positions in compiled.slots.items():
            value = _db_value(connection, self._params[name], values[name])
            for position, kind in positions:
                params[position] = value if type(value) is kind else kind(value)
        return connection, compiled, params

    def rows(self, variant: Hashable = None, *, using: str = "default", **values) -> list[dict]:
        return self.bind(variant, using=using, **values).rows()

    def bind(self, variant: Hashable = None, *, using: str = "default", **values) -> BoundQuery:
        """The query with these values, ready to run (alone, or with others in `rows_together`)."""
        connection, compiled, params = self._bind(variant, using, values)
        return BoundQuery(self, connection, compiled, params)

    @staticmethod
    def _result(compiled: _Compiled, fetched: list, connection) -> list[dict]:
        if compiled.converters:
            fetched = [CompiledQuery._convert(row, compiled.converters, connection) for row in fetched]
        return [dict(zip(compiled.names, row, strict=True)) for row in fetched]

    @staticmethod
    def _convert(row, converters, connection) -> list:
        row = list(row)
        for position, (functions, expression) in converters.items():
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
        return row


def instance_from_row(model: type[models.Model], row: dict, *, using: str = "default") -> models.Model:
    """A model instance from a compiled query's row of its concrete fields (`attname`s), as the ORM loads one."""
    return model.from_db(using, list(row), list(row.values()))


@dataclass(frozen=True)
class BoundQuery:
    """A compiled query and its parameter values (`CompiledQuery.bind`)."""

    query: CompiledQuery
    connection: object
    compiled: _Compiled
    params: list

    def rows(self) -> list[dict]:
        with _cursor(self.connection) as cursor:
            cursor.execute(self.compiled.sql, self.params)
            fetched = cursor.fetchall()
        return CompiledQuery._result(self.compiled, fetched, self.connection)


def rows_together(*queries: BoundQuery) -> list[list[dict]]:
    """The rows of each query, read in one round trip where the database allows: on PostgreSQL with prepared
    statements, psycopg's pipeline mode sends them all before reading any answer; elsewhere they run one after
    another. Under load each round trip waits its turn for a core, so independent reads of one request go
    together. The queries run in order, in the connection's current transaction; if one fails, the error is
    raised as Django raises database errors and the transaction is then broken as after any failed query."""
    connection = queries[0].connection if queries else None
    if (
        len(queries) < 2
        or not prepared_statements_enabled(connection)
        or any(query.connection is not connection for query in queries)
    ):
        return [query.rows() for query in queries]
    connection.ensure_connection()
    cursors = []
    try:
        with connection.wrap_database_errors, connection.connection.pipeline():
            for query in queries:
                cursor = _cursor(connection)
                cursors.append(cursor)
                cursor.execute(query.compiled.sql, query.params)
        with connection.wrap_database_errors:
            fetched = [cursor.fetchall() for cursor in cursors]
    finally:
        for cursor in cursors:
            cursor.close()
    return [CompiledQuery._result(query.compiled, rows, connection) for query, rows in zip(queries, fetched, strict=True)]


class CompiledUpdate(CompiledQuery):
    """`queryset.update(**changes)`, compiled once per database and variant like CompiledQuery: `build` returns
    the queryset and the changes (values or expressions such as F() and Case()). It must select rows of one
    table by its own columns (no joins), so the UPDATE is one statement, as Django would run it."""

    def _statement(self, alias: str, built) -> tuple[str, list, tuple[str, ...], dict]:
        queryset, changes = built
        query = queryset.query.chain(UpdateQuery)
        query.add_update_values(changes)
        if query.related_updates or len(query.alias_map) > 1:
            raise TypeError("CompiledUpdate needs an update of one table, without joins")
        sql, params = query.get_compiler(using=alias).as_sql()
        return sql, list(params), (), {}

    def rows(self, *args, **kwargs):
        raise TypeError("a CompiledUpdate changes rows: call update()")

    def update(self, variant: Hashable = None, *, using: str = "default", **values) -> int:
        """Run it; returns the number of rows changed."""
        connection, compiled, params = self._bind(variant, using, values)
        with transaction.mark_for_rollback_on_error(using), _cursor(connection) as cursor:
            cursor.execute(compiled.sql, params)
            return cursor.rowcount
