from datetime import timedelta

import pytest

from webinars.captions import WebVTTError, parse_webvtt


def test_a_valid_file_with_identifiers_notes_and_hourless_timestamps_is_read():
    cues = parse_webvtt(
        "\ufeffWEBVTT - Demotextning\n\nNOTE en kommentar\n\n"
        "intro\n00:00.000 --> 00:04.500 align:start\nHej och välkommen.\n\n"
        "00:01:05.000 --> 01:00:00.000\nRad ett\nRad två\n"
    )
    assert [cue.start for cue in cues] == [timedelta(0), timedelta(minutes=1, seconds=5)]
    assert cues[0].end == timedelta(seconds=4, milliseconds=500)
    assert cues[1].text == "Rad ett\nRad två"


def test_windows_line_endings_are_accepted():
    assert len(parse_webvtt("WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nHej\r\n")) == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1\n00:00:01.000 --> 00:00:02.000\nHej\n", "måste börja med raden “WEBVTT”"),
        ("WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nHej\n", "WEBVTT"),
        (
            "WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHej\n",
            "Rad 3: “00:00:01,000 --> 00:00:02,000”",
        ),
        ("WEBVTT\n\nintro\nHej utan tid\n", "Rad 3: tidsangivelse saknas"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nBaklänges\n", "sluttiden måste ligga efter"),
        ("WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nFel sekunder\n", "ingen giltig tidsangivelse"),
        ("WEBVTT\n\nNOTE bara en kommentar\n", "ingen textning"),
    ],
)
def test_a_broken_file_is_refused_with_a_message_naming_the_problem(text, message):
    with pytest.raises(WebVTTError) as error:
        parse_webvtt(text)
    assert message in str(error.value)
