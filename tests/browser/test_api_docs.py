from playwright.sync_api import expect


def test_the_api_docs_work_under_the_strict_content_security_policy(page, demo):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto("/api/v1/docs")
    expect(page.get_by_role("heading", name="Coproduce open data")).to_be_visible()
    operation = page.get_by_text("/api/v1/guidance/", exact=True)
    operation.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    expect(page.get_by_text("employing-peer-support-workers").first).to_be_visible()

    assert violations == []
