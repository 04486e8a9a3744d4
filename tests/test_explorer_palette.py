"""The relations' colours stay apart for colour-blind readers, and no relation is told by colour alone.

Each pair of colours is compared as seen with normal vision and as simulated for protanopia, deuteranopia
and tritanopia (Machado, Oliveira and Fernandes 2009, at full severity, as colorspacious implements it),
by distance in CAM02-UCS. Okabe and Ito's palette, which the explorer uses, keeps every pair at least 10
apart (a just noticeable difference is about 1); relations that share a colour differ in arrowhead.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert

from kzgraph.network import RELATIONS
from kzgraph.viz import OKABE_ITO, RELATION_COLOURS, RELATION_STYLE

VISION = [None, "protanomaly", "deuteranomaly", "tritanomaly"]
MIN_DISTANCE = 10.0


def rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])


def seen(colour: str, vision: str | None) -> np.ndarray:
    """The colour in CAM02-UCS as seen with ``vision`` (None: normal)."""
    c = rgb(colour)
    if vision is not None:
        c = np.clip(
            cspace_convert(c, {"name": "sRGB1+CVD", "cvd_type": vision, "severity": 100}, "sRGB1"), 0, 1
        )
    return np.asarray(cspace_convert(c, "sRGB1", "CAM02-UCS"))


def test_machado_simulation_is_the_one_expected() -> None:
    # pure red, seen by a protanope, is a dark olive (Machado 2009's matrix, first column)
    red = np.clip(
        cspace_convert(
            rgb("#ff0000"), {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100}, "sRGB1"
        ),
        0,
        1,
    )
    assert red[0] < 0.6 and abs(red[0] - red[1]) < 0.15 and red[2] < 0.1


@pytest.mark.parametrize("vision", VISION)
def test_every_pair_of_relation_colours_stays_apart(vision: str | None) -> None:
    colours = sorted(set(RELATION_COLOURS.values()))
    close = [
        (a, b, round(float(np.linalg.norm(seen(a, vision) - seen(b, vision))), 1))
        for a, b in itertools.combinations(colours, 2)
        if np.linalg.norm(seen(a, vision) - seen(b, vision)) < MIN_DISTANCE
    ]
    assert close == []


def test_the_colours_are_okabe_and_itos() -> None:
    assert set(RELATION_COLOURS.values()) <= set(OKABE_ITO.values())


def test_no_relation_is_told_by_colour_alone() -> None:
    assert set(RELATION_STYLE) == set(RELATIONS)
    # a colour and an arrowhead name one relation only; relations of one colour differ in arrowhead
    assert len(set(RELATION_STYLE.values())) == len(RELATION_STYLE)
    for colour in set(RELATION_COLOURS.values()):
        heads = [arrow for c, arrow in RELATION_STYLE.values() if c == colour]
        assert len(heads) == len(set(heads)), colour
