"""Run one editors' export in a fresh process and report the process's peak memory.

Called by bench/measure/compare.py (`export_memory`, part of `make bench`) from the project
root as `python -m bench.measure.export_memory <database name> <page id> <editor id>
<csv|xlsx>`, against the bench's throwaway database. Prints one JSON object: rows, bytes,
seconds, and peak resident memory of this whole process (Django included) in MB.

Peak memory is read two ways. `ru_maxrss` is what getrusage reports, but on Linux it
survives execve: a child forked from the bench runner starts with the runner's high-water
mark (the runner holds the seeded data), so it can only ever overstate. `VmHWM` in
/proc/self/status is the peak of this process's own address space, which exec replaces,
so it is the number the 150 MB target is checked against.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce_site.settings.test")


def maxrss_mb() -> float:
    # Linux reports ru_maxrss in kilobytes.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return maxrss_mb()


def main(database: str, page_id: int, editor_id: int, kind: str) -> dict:
    import django
    from django.conf import settings

    django.setup()
    settings.DATABASES["default"]["NAME"] = database
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    before = peak_mb()
    client = Client()
    client.force_login(get_user_model().objects.get(pk=editor_id))
    url = reverse(f"consultation_feedback_votes_{kind}", args=[page_id])
    start = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    response.close()
    return {
        "bytes": size,
        "csv_lines": lines if kind == "csv" else None,
        "seconds": round(time.perf_counter() - start, 2),
        "peak_before_export_mb": before,
        "peak_mb": peak_mb(),
        "ru_maxrss_mb": maxrss_mb(),
    }


if __name__ == "__main__":
    database, page_id, editor_id, kind = sys.argv[1:5]
    print(json.dumps(main(database, int(page_id), int(editor_id), kind)))
