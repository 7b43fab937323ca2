"""Plain helpers for the export tests of both formats."""

import csv
import io

from django.urls import reverse


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def export_urls(guidance, file_format="csv"):
    """The comments export, then the votes export, in one format."""
    return [
        reverse(f"consultation_feedback_{export}_{file_format}", args=[guidance.pk])
        for export in ("comments", "votes")
    ]
