"""The press index describes itself to search engines and link previews: its intro is the
meta description unless an editor wrote a search description."""

PRESS_INDEX_INTRO = (
    "Pressmeddelanden från SKL och våra samarbetspartner om användardriven innovation i "
    "kommuner, landsting och regioner."
)


def test_press_index_intro_is_its_meta_description(client, press_index):
    press_index.intro = PRESS_INDEX_INTRO
    press_index.save_revision().publish()
    html = client.get(press_index.url).content.decode()
    assert f'<meta name="description" content="{PRESS_INDEX_INTRO}">' in html

    press_index.search_description = "Nyheter från SKL."
    press_index.save_revision().publish()
    html = client.get(press_index.url).content.decode()
    assert '<meta name="description" content="Nyheter från SKL.">' in html
