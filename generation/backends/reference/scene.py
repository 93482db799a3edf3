"""Prompt → scene: deterministic keyword rules that turn a prompt into shots, a setting and a cast.

The rules, in the order they are applied (all matching is case-insensitive, on whole words):

Shots
    ``shot 1: ... shot 2: ...`` (also ``shot 2.`` / ``shot 2 -``) splits the prompt into shots. Text before
    the first marker is the *preamble* and applies to every shot. A marker may carry a length,
    ``shot 1 (3s):``; shots without one share the remaining time equally. Each shot starts on a whole frame,
    and every boundary is a cut (a ``shot_cut`` event). Without markers the whole prompt is one shot.

Setting (per shot: the shot's own words, else the preamble, else the previous shot, else inferred)
    street (street, city, road, sidewalk, downtown, avenue), beach (beach, ocean, sea, sand, shore, surf),
    gym (gym, court, gymnasium, arena), space (space, moon, spaceship, galaxy, mars, orbit, planet),
    park (park, garden, forest, field, meadow, grass), kitchen (kitchen, restaurant, cafe, diner),
    stage (stage, concert, theater, theatre, show). A hoop with no setting word gives gym; otherwise the
    default is studio (a plain backdrop). Time of day: night/midnight, sunset/dusk/dawn/sunrise, else day.

Framing and camera (per shot, falling back to the preamble)
    close-up/closeup/close up → close; wide/establishing/long shot/full body → wide; medium → medium.
    Without a framing word, shot 1 is medium and later shots alternate close, medium, close, ... so that
    consecutive shots always differ. Camera: "pan left" → pan_left; pan/panning/tracking → pan_right;
    "zoom in"/"push in"/"dolly in"/zooms → zoom_in; "zoom out"/"pull back"/"pull out" → zoom_out;
    otherwise static.

Objects (per shot; the preamble's objects apply to shots that name none)
    basketball, tennis ball, soccer ball/football, beach ball, any other ball → ball; box/crate/package/
    parcel/cube → box. hoop/basket/backboard/rim/dunk/layup/free throw → a hoop; a hoop without a ball
    adds a basketball. throw/throws/tosses/shoots/kicks/passes → the ball is thrown by a character;
    with a hoop the throw always aims at the hoop.

Cast
    Every cameo in the spec is cast. A shot that names no cast member shows all of them; a shot that names
    some shows those, plus any cameo that no shot names. Each cameo keeps its screen slot (its index in the
    spec) in every shot.

Dialogue
    ``@alice says "hi there"`` (also said/shouts/yells/screams/whispers/sings/asks/replies/exclaims, or
    ``@alice: "..."``), with straight or curly quotes. A quoted line with no handle before it is spoken by
    the last @mentioned cameo in the shot, else by the shot's first cameo; with no cameo it is dropped.

Outfit (from the cameo's preference text, clause by clause; a clause with no/never/not/without is skipped)
    A colour word followed by an item: hat/cap/beanie/beret/fedora → hat; shirt/t-shirt/tee/hoodie/
    jacket/sweater/top/jersey/coat/blouse/dress → shirt; pants/trousers/jeans/shorts/skirt → pants;
    glasses/spectacles/eyeglasses → glasses; sunglasses/shades → sunglasses; hair → hair. "glasses" with no
    colour gives black frames. Unspecified colours come from a hash of the handle, so a cameo looks the
    same in every video, whatever the seed.

Style
    The spec's style wins; when it is the default "realistic", the words anime/cartoon or
    cinematic/film/movie in the prompt select that style.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

from generation.backends.base import MAX_DURATION_S, RenderSpec

RGB = tuple[float, float, float]

SETTING_WORDS: dict[str, tuple[str, ...]] = {
    "street": ("street", "streets", "city", "road", "sidewalk", "downtown", "avenue"),
    "beach": ("beach", "ocean", "sea", "sand", "shore", "surf", "seaside"),
    "gym": ("gym", "court", "gymnasium", "arena"),
    "space": ("space", "moon", "spaceship", "galaxy", "mars", "orbit", "planet", "outer space"),
    "park": ("park", "garden", "forest", "field", "meadow", "grass"),
    "kitchen": ("kitchen", "restaurant", "cafe", "diner"),
    "stage": ("stage", "concert", "theater", "theatre", "show"),
}
SETTINGS = (*SETTING_WORDS, "studio")

COLOURS: dict[str, RGB] = {
    "red": (0.85, 0.12, 0.12),
    "blue": (0.15, 0.32, 0.85),
    "green": (0.15, 0.62, 0.25),
    "yellow": (0.96, 0.84, 0.15),
    "orange": (0.96, 0.5, 0.1),
    "purple": (0.5, 0.2, 0.72),
    "pink": (0.96, 0.48, 0.72),
    "black": (0.07, 0.07, 0.08),
    "white": (0.95, 0.95, 0.95),
    "grey": (0.5, 0.5, 0.52),
    "gray": (0.5, 0.5, 0.52),
    "brown": (0.45, 0.28, 0.12),
    "teal": (0.0, 0.55, 0.55),
    "navy": (0.08, 0.12, 0.42),
    "gold": (0.86, 0.68, 0.15),
    "silver": (0.76, 0.76, 0.8),
    "beige": (0.86, 0.78, 0.62),
    "maroon": (0.5, 0.06, 0.12),
    "cyan": (0.1, 0.8, 0.9),
    "magenta": (0.85, 0.1, 0.7),
    "lime": (0.6, 0.9, 0.15),
    "blonde": (0.9, 0.78, 0.45),
    "blond": (0.9, 0.78, 0.45),
}
ITEM_WORDS: dict[str, tuple[str, ...]] = {
    "hat": ("hat", "cap", "beanie", "beret", "fedora"),
    "shirt": ("shirt", "t-shirt", "tshirt", "tee", "hoodie", "jacket", "sweater", "top", "jersey", "coat",
              "blouse", "dress"),
    "pants": ("pants", "trousers", "jeans", "shorts", "skirt"),
    "sunglasses": ("sunglasses", "shades"),
    "glasses": ("glasses", "spectacles", "eyeglasses"),
    "hair": ("hair",),
}
NEGATIONS = ("no", "never", "not", "without", "don't", "doesn't", "dont", "doesnt")

BALL_KINDS = ("basketball", "tennis_ball", "soccer_ball", "beach_ball", "ball")
OBJECT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("basketball", r"\bbasketballs?\b"),
    ("tennis_ball", r"\btennis\s+balls?\b"),
    ("soccer_ball", r"\b(?:soccer\s*balls?|footballs?)\b"),
    ("beach_ball", r"\bbeach\s*balls?\b"),
    ("ball", r"\bballs?\b"),
    ("box", r"\b(?:box|boxes|crate|crates|package|packages|parcel|parcels|cube|cubes)\b"),
)
HOOP_PATTERN = r"\b(?:hoops?|basket|baskets|backboard|rim|dunks?|dunking|layups?|free\s+throws?)\b"
THROW_PATTERN = r"\b(?:throw|throws|threw|toss|tosses|tossed|shoot|shoots|shot\s+at|kick|kicks|kicked|pass|passes)\b"
SHOT_MARKER = re.compile(r"\bshot\s*(\d+)\s*(?:\(\s*(\d+(?:\.\d+)?)\s*s(?:ec(?:onds?)?)?\s*\))?\s*[:.\-)]", re.I)
SPEECH_VERBS = ("says", "said", "shouts", "yells", "screams", "whispers", "sings", "asks", "replies", "exclaims")
DIALOGUE = re.compile(
    r"(?:@(?P<handle>[a-z0-9_]+)\s*(?:(?P<verb>" + "|".join(SPEECH_VERBS) + r")\b)?\s*[:,]?\s*)?"
    r"[\"“](?P<text>[^\"”]+)[\"”]",
    re.I,
)
MENTION = re.compile(r"@([a-z0-9_]+)", re.I)
MANNERS = {"shouts": "shout", "yells": "shout", "screams": "shout", "exclaims": "shout", "whispers": "whisper",
           "sings": "sing", "asks": "ask"}


@dataclass(frozen=True)
class Outfit:
    """How a cameo's character is dressed; None means the item is not worn."""

    shirt: RGB
    pants: RGB
    hair: RGB
    hat: RGB | None = None
    glasses: RGB | None = None
    sunglasses: bool = False


@dataclass(frozen=True)
class DialogueLine:
    """One quoted line, who says it, how, and in which shot."""

    handle: str
    text: str
    manner: str  # "say", "shout", "whisper", "sing", "ask"
    shot: int


@dataclass(frozen=True)
class Shot:
    """A continuous stretch of frames with one camera set-up."""

    index: int
    text: str
    start_frame: int
    end_frame: int  # exclusive
    setting: str
    time_of_day: str  # "day", "sunset", "night"
    framing: str  # "wide", "medium", "close"
    camera: str  # "static", "pan_right", "pan_left", "zoom_in", "zoom_out"
    objects: tuple[str, ...]
    hoop: bool
    throw: bool
    cast: tuple[str, ...]  # cameo handles present, in spec order


@dataclass(frozen=True)
class Scene:
    """The whole parsed prompt."""

    style: str
    shots: tuple[Shot, ...]
    dialogue: tuple[DialogueLine, ...]
    outfits: dict[str, Outfit] = field(default_factory=dict)


def _has_word(text: str, word: str) -> bool:
    return re.search(r"(?<![\w@])" + re.escape(word) + r"(?!\w)", text) is not None


def parse_setting(text: str) -> str | None:
    """The first setting whose keyword appears in the text, by position, or None."""
    best: tuple[int, str] | None = None
    for setting, words in SETTING_WORDS.items():
        for word in words:
            match = re.search(r"(?<![\w@])" + re.escape(word) + r"(?!\w)", text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), setting)
    return best[1] if best else None


def parse_time_of_day(text: str) -> str | None:
    """night, sunset or None (day) from keywords."""
    if any(_has_word(text, w) for w in ("night", "midnight", "nighttime")):
        return "night"
    if any(_has_word(text, w) for w in ("sunset", "dusk", "dawn", "sunrise", "golden hour")):
        return "sunset"
    return None


def parse_framing(text: str) -> str | None:
    """close, wide, medium or None."""
    if re.search(r"\bclose[\s-]?ups?\b", text):
        return "close"
    if re.search(r"\b(?:wide|establishing|long shot|full[\s-]body)\b", text):
        return "wide"
    if _has_word(text, "medium"):
        return "medium"
    return None


def parse_camera(text: str) -> str | None:
    """A camera move from keywords, or None."""
    if re.search(r"\bpan(?:s|ning)?\s+(?:to\s+the\s+)?left\b", text):
        return "pan_left"
    if re.search(r"\bzoom(?:s|ing)?\s+out\b|\bpull(?:s|ing)?\s+(?:back|out)\b", text):
        return "zoom_out"
    if re.search(r"\bzoom(?:s|ing)?(?:\s+in)?\b|\b(?:push|dolly)(?:es|s|ing)?\s+in\b", text):
        return "zoom_in"
    if re.search(r"\bpan(?:s|ning|ned)?\b|\btracking\b", text):
        return "pan_right"
    if re.search(r"\b(?:static|locked[\s-]off|tripod|still camera)\b", text):
        return "static"
    return None


def parse_objects(text: str) -> tuple[tuple[str, ...], bool, bool]:
    """(object kinds, hoop present, thrown) from keywords; one object per kind."""
    kinds: list[str] = []
    for kind, pattern in OBJECT_PATTERNS:
        if kind == "ball" and any(k in BALL_KINDS for k in kinds):
            continue  # "basketball" already covers the generic "ball"
        if re.search(pattern, text):
            kinds.append(kind)
    hoop = re.search(HOOP_PATTERN, text) is not None
    if hoop and not any(k in BALL_KINDS for k in kinds):
        kinds.insert(0, "basketball")
    thrown = hoop or re.search(THROW_PATTERN, text) is not None
    return tuple(kinds), hoop, thrown


def _stable_colour(handle: str, salt: str, palette: tuple[str, ...]) -> RGB:
    # crc32 rather than hash(): Python's str hash changes per process.
    return COLOURS[palette[zlib.crc32(f"{salt}:{handle}".encode()) % len(palette)]]


def parse_outfit(handle: str, preferences: str) -> Outfit:
    """The outfit a cameo's preference text asks for, with stable per-handle defaults."""
    shirt = _stable_colour(handle, "shirt", ("blue", "green", "purple", "teal", "orange", "maroon", "navy"))
    pants = _stable_colour(handle, "pants", ("navy", "black", "grey", "brown"))
    hair = (0.12, 0.09, 0.07)
    hat: RGB | None = None
    glasses: RGB | None = None
    sunglasses = False
    for clause in re.split(r"[.;,]|\bbut\b|\bexcept\b", preferences.lower()):
        words = re.findall(r"[a-z'\-]+", clause)
        if any(w in NEGATIONS for w in words):
            continue
        colour: RGB | None = None
        for word in words:
            if word in COLOURS:
                colour = COLOURS[word]
                continue
            item = next((name for name, names in ITEM_WORDS.items() if word in names), None)
            if item == "hat":
                hat = colour or COLOURS["black"]
            elif item == "shirt" and colour:
                shirt = colour
            elif item == "pants" and colour:
                pants = colour
            elif item == "hair" and colour:
                hair = colour
            elif item == "glasses":
                glasses = colour or COLOURS["black"]
            elif item == "sunglasses":
                glasses, sunglasses = colour or COLOURS["black"], True
            if item:
                colour = None
    return Outfit(shirt=shirt, pants=pants, hair=hair, hat=hat, glasses=glasses, sunglasses=sunglasses)


def split_shots(prompt: str) -> tuple[str, list[tuple[str, float | None]]]:
    """(preamble, [(shot text, length in seconds or None)]) from "shot N:" markers."""
    markers = list(SHOT_MARKER.finditer(prompt))
    if not markers:
        return "", [(prompt, None)]
    preamble = prompt[: markers[0].start()]
    shots = []
    for i, marker in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(prompt)
        # No shot is longer than a whole video: a length of 400 nines overflowed to inf and the render crashed on it
        # (tests/generation/test_quota_and_lifecycle_attacks.py).
        # Nor shorter than a millisecond but above nothing: 5e-324 s was a division by almost nothing, an overflow.
        length = round(min(float(marker.group(2)), float(MAX_DURATION_S)), 3) if marker.group(2) else None
        shots.append((prompt[marker.end():end], length))
    return preamble, shots


def _frame_bounds(lengths: list[float | None], fps: int, frame_count: int) -> list[tuple[int, int]]:
    """Whole-frame [start, end) ranges; unspecified lengths share what is left equally."""
    n = min(len(lengths), frame_count)
    lengths = lengths[:n]
    fixed = sum(length for length in lengths if length is not None)
    free = [i for i, length in enumerate(lengths) if length is None]
    total_s = frame_count / fps
    rest = max(total_s - fixed, 0.0)
    seconds = [length if length is not None else rest / max(len(free), 1) for length in lengths]
    scale = total_s / sum(seconds) if sum(seconds) > 0 else 1.0
    bounds, start, acc = [], 0, 0.0
    for i, s in enumerate(seconds):
        acc += s * scale
        end = frame_count if i == n - 1 else min(max(round(acc * fps), start + 1), frame_count - (n - 1 - i))
        bounds.append((start, end))
        start = end
    return bounds


def _style(spec_style: str, prompt: str) -> str:
    if spec_style != "realistic":
        return spec_style
    if re.search(r"\b(?:anime|cartoon|manga|cel[\s-]shaded)\b", prompt):
        return "anime"
    if re.search(r"\b(?:cinematic|film|movie|filmic)\b", prompt):
        return "cinematic"
    return "realistic"


def _dialogue(text: str, shot: int, cast: tuple[str, ...]) -> list[DialogueLine]:
    lines = []
    for match in DIALOGUE.finditer(text):
        handle = (match.group("handle") or "").lower()
        if not handle:
            mentioned = [m.lower() for m in MENTION.findall(text[: match.start()]) if m.lower() in cast]
            handle = mentioned[-1] if mentioned else (cast[0] if cast else "")
        if handle not in cast:
            continue
        verb = (match.group("verb") or "").lower()
        manner = MANNERS.get(verb, "ask" if match.group("text").strip().endswith("?") else "say")
        lines.append(DialogueLine(handle=handle, text=match.group("text").strip(), manner=manner, shot=shot))
    return lines


def parse_scene(spec: RenderSpec) -> Scene:
    """The scene a spec's prompt describes, by the rules in this module's docstring."""
    original = spec.prompt.replace("’", "'")
    prompt = original.lower()  # keywords match in lower case; quoted dialogue keeps its case
    preamble_text, raw_shots = split_shots(original)
    preamble = preamble_text.lower()
    handles = tuple(c.handle.lower() for c in spec.cameos)
    mentioned_anywhere = {m.lower() for m in MENTION.findall(prompt)}
    bounds = _frame_bounds([length for _, length in raw_shots], spec.fps, max(spec.frame_count, 1))
    pre_objects, pre_hoop, pre_throw = parse_objects(preamble)
    shots: list[Shot] = []
    dialogue: list[DialogueLine] = []
    previous_setting: str | None = None
    for index, ((shot_text, _), (start, end)) in enumerate(zip(raw_shots, bounds, strict=False)):
        text = shot_text.lower()
        objects, hoop, thrown = parse_objects(text)
        if not objects and not hoop:
            objects, hoop, thrown = pre_objects, pre_hoop, pre_throw
        setting = parse_setting(text) or parse_setting(preamble) or previous_setting
        if setting is None:
            setting = "gym" if hoop else "studio"
        previous_setting = setting
        framing = parse_framing(text) or parse_framing(preamble) or ("medium" if index % 2 == 0 else "close")
        in_shot = {m.lower() for m in MENTION.findall(text)}
        named = in_shot & set(handles)
        cast = tuple(h for h in handles if not named or h in named or h not in mentioned_anywhere)
        shots.append(
            Shot(
                index=index,
                text=text,
                start_frame=start,
                end_frame=end,
                setting=setting,
                time_of_day=parse_time_of_day(text) or parse_time_of_day(preamble) or "day",
                framing=framing,
                camera=parse_camera(text) or parse_camera(preamble) or "static",
                objects=objects,
                hoop=hoop,
                throw=thrown,
                cast=cast,
            )
        )
        dialogue.extend(_dialogue(shot_text if len(raw_shots) > 1 else original, index, cast))
    outfits = {c.handle.lower(): parse_outfit(c.handle.lower(), c.preferences) for c in spec.cameos}
    return Scene(style=_style(spec.style, prompt), shots=tuple(shots), dialogue=tuple(dialogue), outfits=outfits)
