"""Sub-page routes of a GuidancePage, one mixin per feature (history, results, ...).

Each mixin holds `@path`/`@re_path` views from wagtail.contrib.routable_page and is added
to GuidancePage's bases in consultation/models/pages.py.
"""
