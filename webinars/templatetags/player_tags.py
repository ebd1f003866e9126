"""The episode template's player and transcript (webinars.player)."""

from django import template

from ..player import episode_player as build_player

register = template.Library()


@register.simple_tag(takes_context=True)
def episode_player(context, page):
    """`{% episode_player page as player %}`: sources with the ?t= start applied, and cues."""
    return build_player(page, context.get("request"))
