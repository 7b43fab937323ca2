import os
import subprocess
import sys

import pytest

REQUIRED = {
    "SECRET_KEY": "x" * 60,
    "DATABASE_URL": "sqlite:///:memory:",
    "ALLOWED_HOSTS": "coproduce.example.org",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def load_production_settings(env):
    clean_env = {k: v for k, v in os.environ.items() if k not in REQUIRED}
    clean_env.update(env, DJANGO_SETTINGS_MODULE="coproduce_site.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", sorted(REQUIRED))
def test_production_settings_refuse_to_start_without(missing):
    env = {k: v for k, v in REQUIRED.items() if k != missing}

    result = load_production_settings(env)

    assert result.returncode != 0
    assert f"The {missing} environment variable is required" in result.stderr


def test_production_settings_start_with_every_variable_set():
    result = load_production_settings(REQUIRED)

    assert result.returncode == 0, result.stderr


def test_empty_database_url_means_the_default(monkeypatch):
    from coproduce_site.settings.base import env

    monkeypatch.setenv("DATABASE_URL", "  ")

    assert env("DATABASE_URL", "default") == "default"
