"""The accessibility statement, the privacy notices and the cookies page pass axe-core, at 320 pixels too."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/accessibility/",
    "/privacy/",
    "/privacy/grants/",
    "/privacy/case-work/",
    "/privacy/hate-crime-reporting/",
    "/privacy/alerts/",
    "/cookies/",
    "/grants/new-link/",
]


def test_the_compliance_pages_pass_axe_at_desktop_and_phone_widths(tab):
    for width in (1280, 320):
        tab.page.set_viewport_size({"width": width, "height": 900})
        for path in PAGES:
            tab.open(path)
            assert tab.accessibility_violations() == [], (path, width)
            overflow = tab.page.evaluate("() => document.documentElement.scrollWidth")
            assert overflow <= width, (path, width, overflow)
    footer = tab.page.locator("footer").inner_text()
    assert "Accessibility statement" in footer and "Privacy" in footer and "Cookies" in footer
    assert tab.errors == []
