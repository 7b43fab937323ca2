from django.test import override_settings


@override_settings(DEBUG=False)
def test_unknown_address_gets_our_own_404_page(client, home):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We cannot find that page" in html
    assert 'class="skip-link"' in html


def test_500_page_renders_without_a_request_context():
    from django.template import loader

    html = loader.get_template("500.html").render({})

    assert "Sorry, something went wrong on our side" in html
