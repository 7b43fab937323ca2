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

Only values given to the builder as its keyword arguments may change between calls: the
rest of the query is fixed when it is first built.
"""

from django.db import connections, router

# Two sets of stand-in values for the arguments while the SQL is built: the SQL is built
# once with each, and the parameters that differ are the arguments' places. Small positive
# numbers, so every integer field's range holds them (Django drops a lookup on a value out
# of range).
_STAND_INS = (32_001, 32_401)


class CompiledRead:
    def __init__(self, model, build):
        self.model = model
        self._build = build
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
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = [_converted(row, converters, connection) for row in rows]
        return Rows(alias, rows)

    def instances(self, **values) -> list:
        """The rows as model instances; for a builder returning the model's rows with
        every concrete field (no values(), only() or annotations)."""
        rows = self.rows(**values)
        fields = [field.attname for field in self.model._meta.concrete_fields]
        return [self.model.from_db(rows.alias, fields, row) for row in rows]


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
