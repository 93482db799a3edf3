"""Prompt → scene: the keyword rules of generation.backends.reference.scene."""

from __future__ import annotations

import numpy as np
import pytest

from generation.backends.base import CameoRef, RenderSpec
from generation.backends.reference.scene import COLOURS, parse_outfit, parse_scene


def _scene(prompt: str, *, handles: tuple[str, ...] = (), **kwargs: object):
    face = np.zeros((8, 8, 3), dtype=np.uint8)
    cameos = tuple(CameoRef(handle=h, reference_face=face) for h in handles)
    options: dict[str, object] = {"duration_s": 1.0, **kwargs}
    return parse_scene(RenderSpec(prompt=prompt, cameos=cameos, **options))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("prompt", "setting"),
    [
        ("two friends on the beach", "beach"),
        ("a walk downtown", "street"),
        ("a duel on the moon", "space"),
        ("cooking in the kitchen", "kitchen"),
        ("a concert crowd", "stage"),
        ("picnic in the park", "park"),
        ("@alice shoots hoops", "gym"),  # a hoop with no setting word
        ("@alice smiles", "studio"),
    ],
)
def test_setting_comes_from_keywords(prompt, setting):
    assert _scene(prompt).shots[0].setting == setting


def test_shots_split_the_frames_and_inherit_the_preamble():
    scene = _scene("At night on the street. shot 1: @alice waves. shot 2 (0.5s): close-up of @alice. shot 3: pan left",
                   handles=("alice",), duration_s=2.0, fps=24)
    shots = scene.shots
    assert [(s.start_frame, s.end_frame) for s in shots] == [(0, 18), (18, 30), (30, 48)]
    assert all(s.setting == "street" and s.time_of_day == "night" for s in shots)
    assert [s.framing for s in shots] == ["medium", "close", "medium"]
    assert [s.camera for s in shots] == ["static", "static", "pan_left"]
    assert all(s.cast == ("alice",) for s in shots)


def test_consecutive_shots_without_framing_words_alternate():
    shots = _scene("shot 1: a park. shot 2: a park. shot 3: a park. shot 4: wide view of a park", duration_s=2).shots
    assert [s.framing for s in shots] == ["medium", "close", "medium", "wide"]


def test_a_cameo_appears_in_the_shots_that_name_it_and_unnamed_cameos_everywhere():
    shots = _scene("shot 1: @alice. shot 2: @bob", handles=("alice", "bob", "carol"), duration_s=1).shots
    assert shots[0].cast == ("alice", "carol")
    assert shots[1].cast == ("bob", "carol")


@pytest.mark.parametrize(
    ("prompt", "objects", "hoop", "thrown"),
    [
        ("a basketball bounces", ("basketball",), False, False),
        ("@alice shoots at the hoop", ("basketball",), True, True),
        ("a box and a tennis ball", ("tennis_ball", "box"), False, False),
        ("@bob kicks a football", ("soccer_ball",), False, True),
        ("a beach ball", ("beach_ball",), False, False),
        ("a ball", ("ball",), False, False),
    ],
)
def test_objects_hoops_and_throws(prompt, objects, hoop, thrown):
    shot = _scene(prompt).shots[0]
    assert (shot.objects, shot.hoop, shot.throw) == (objects, hoop, thrown)


@pytest.mark.parametrize(
    ("prompt", "camera"),
    [("zoom in on her", "zoom_in"), ("the camera pulls back", "zoom_out"), ("pan across", "pan_right"),
     ("pan left slowly", "pan_left"), ("a static shot", "static"), ("nothing", "static")],
)
def test_camera_moves(prompt, camera):
    assert _scene(prompt).shots[0].camera == camera


def test_dialogue_is_attributed_to_the_speaker():
    scene = _scene('@alice says "hi there" then @bob whispers “psst”. "Who said that?" @carol: "me"',
                   handles=("alice", "bob"))
    lines = [(line.handle, line.text, line.manner) for line in scene.dialogue]
    # carol is not a cameo in the spec, so her line is dropped; an unattributed line goes to the last speaker.
    assert lines == [("alice", "hi there", "say"), ("bob", "psst", "whisper"), ("bob", "Who said that?", "ask")]


def test_preferences_choose_colours_and_items():
    outfit = parse_outfit("alice", "Always wears a red hat and blue glasses; likes a yellow hoodie")
    assert outfit.hat == COLOURS["red"]
    assert outfit.glasses == COLOURS["blue"] and not outfit.sunglasses
    assert outfit.shirt == COLOURS["yellow"]
    plain = parse_outfit("alice", "never wears a hat, no glasses")
    assert plain.hat is None and plain.glasses is None
    assert parse_outfit("alice", "sunglasses").sunglasses


def test_default_clothes_depend_on_the_handle_not_the_seed():
    a = _scene("@alice", handles=("alice",), seed=1).outfits["alice"]
    b = _scene("@alice", handles=("alice",), seed=2).outfits["alice"]
    assert a == b


def test_style_words_apply_only_when_the_spec_keeps_the_default():
    assert _scene("an anime duel").style == "anime"
    assert _scene("a cinematic chase").style == "cinematic"
    assert _scene("an anime duel", style="cinematic").style == "cinematic"
