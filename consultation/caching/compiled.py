"""Reads made on every signed-in request, with their SQL built once per process.

Django builds and compiles a queryset's SQL each time it is evaluated. For the few small
reads of every signed-in page (the user behind the session, the person, their answers on
the page) that building costs several times the database's own answer: it was most of a
signed-in page's CPU (bench/profiling.md). A `CompiledRead` builds its queryset once, with
placeholder values standing for the request's, and from then on only sends the SQL with
this request's values, to the database the router names for this read (so the read
replica and read-your-writes still apply).

    votes_on_page = CompiledRead(
        Vote, lambda participant, page: Vote.objects.filter(...).values_list(...)
    )
    rows = votes_on_page.rows(participant=7, page=3)   # a list of tuples

Only values given to the builder as its keyword arguments may change between calls, and
they are integers (keys, numbers): the rest of the query is fixed when it is first built.

On PostgreSQL with persistent connections (CONN_MAX_AGE other than 0), each read is also
prepared once per connection (PREPARE, then EXECUTE): planning these small queries cost
the server more than running them. Inside a transaction the SQL is sent plainly, so a
failed PREPARE can never abort someone's transaction; a statement the server has lost (a
connection reset behind Django's back) is prepared again.
"""

import itertools
import re

from django.db import DatabaseError, connections, router

# Two sets of stand-in values for the arguments while the SQL is built: the SQL is built
# once with each, and the parameters that differ are the arguments' places. Small positive
# numbers, so every integer field's range holds them (Django drops a lookup on a value out
# of range).
_STAND_INS = (32_001, 32_401)
_NAMES = itertools.count(1)
_PLACEHOLDER = re.compile(r"%[s%]")


class CompiledRead:
    def __init__(self, model, build):
        self.model = model
        self._build = build
        self._statement = f"coproduce_read_{next(_NAMES)}"
        # {database vendor: (sql, params, {position: argument}, converters)}
        self._compiled = {}

    def _compile(self, alias, names):
        builds = []
        for first in _STAND_INS:
            stand_ins = {name: first + n for n, name in enumerate(names)}
            compiler = self._build(**stand_ins).query.get_compiler(using=alias)
            sql, params = compiler.as_sql()
            builds.append((stand_ins, sql, list(params)))
        (one, sql, params), (other, other_sql, other_params) = builds
        named = {value: name for name, value in one.items()}
        slots = {
            position: named.get(value)
            for position, (value, other_value) in enumerate(zip(params, other_params, strict=True))
            if value != other_value
        }
        if (
            sql != other_sql
            or any(name is None or other_params[n] != other[name] for n, name in slots.items())
            or set(slots.values()) != set(names)
        ):
            raise ValueError(f"The arguments {names} do not reach the SQL as plain parameters")
        # What Django's compiler would do to each column (SQLite's dates, say).
        columns = [column for column, _, _ in compiler.select[: compiler.col_count]]
        converters = [
            (position, functions, expression)
            for position, (functions, expression) in compiler.get_converters(columns).items()
        ]
        return sql, list(params), slots, converters

    def rows(self, **values) -> "Rows":
        """The rows, as tuples of the selected columns (with `.alias`, the database)."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        compiled = self._compiled.get(connection.vendor)
        if compiled is None:
            compiled = self._compiled[connection.vendor] = self._compile(alias, sorted(values))
        sql, params, slots, converters = compiled
        params = [values[slots[n]] if n in slots else value for n, value in enumerate(params)]
        with connection.cursor() as cursor:
            if _prepares(connection):
                rows = self._execute_prepared(connection, cursor, sql, params)
            else:
                cursor.execute(sql, params)
                rows = cursor.fetchall()
        if converters:
            rows = [_converted(row, converters, connection) for row in rows]
        return Rows(alias, rows)

    def _execute_prepared(self, connection, cursor, sql, params):
        prepared = _prepared_on(connection)
        arguments = ", ".join(["%s"] * len(params))
        execute = (
            f"EXECUTE {self._statement} ({arguments})" if params else f"EXECUTE {self._statement}"
        )
        if self._statement in prepared:
            try:
                cursor.execute(execute, params)
                return cursor.fetchall()
            except DatabaseError:
                # Not in a transaction (see _prepares): nothing else was affected.
                prepared.clear()
                cursor.execute("DEALLOCATE ALL")
        numbers = itertools.count(1)
        statement = _PLACEHOLDER.sub(
            lambda match: f"${next(numbers)}" if match.group() == "%s" else "%", sql
        )
        cursor.execute(f"PREPARE {self._statement} AS {statement}")
        prepared.add(self._statement)
        cursor.execute(execute, params)
        return cursor.fetchall()

    def instances(self, **values) -> list:
        """The rows as model instances; for a builder returning the model's rows with
        every concrete field (no values(), only() or annotations)."""
        rows = self.rows(**values)
        fields = [field.attname for field in self.model._meta.concrete_fields]
        return [self.model.from_db(rows.alias, fields, row) for row in rows]


def _prepares(connection) -> bool:
    return (
        connection.vendor == "postgresql"
        and connection.settings_dict.get("CONN_MAX_AGE") != 0
        and not connection.in_atomic_block
        and connection.get_autocommit()
    )


def _prepared_on(connection) -> set:
    """The statements prepared on the connection's current session: a new session (Django
    reconnected) starts with none."""
    raw = connection.connection
    kept = getattr(connection, "_coproduce_prepared", None)
    if kept is None or kept[0] is not raw:
        kept = (raw, set())
        connection._coproduce_prepared = kept
    return kept[1]


def _converted(row, converters, connection) -> tuple:
    row = list(row)
    for position, functions, expression in converters:
        value = row[position]
        for function in functions:
            value = function(value, expression, connection)
        row[position] = value
    return tuple(row)


class Rows(list):
    def __init__(self, alias, rows):
        super().__init__(rows)
        self.alias = alias
