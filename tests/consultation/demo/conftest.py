import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_for_the_module(django_db_setup, django_db_blocker):
    """The demo, loaded once for a module whose every test only reads it (load_demo takes
    seconds). It lives in a transaction rolled back when the module ends; each test still
    runs in its own savepoint. Only for modules where every test requests it: a module
    fixture stays in place until the module's last test."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo")
        yield
        transaction.set_rollback(True)
