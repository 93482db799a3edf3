"""Rigid-body physics for the reference renderer: gravity, bounces, restitution, exact contact times.

The world is a 2-D side view in metres (x to the right, y up, the floor at y = 0). Between contacts a
body is in free flight under constant gravity, so its path is an exact parabola. The simulation walks
each body forward in fine sub-steps (0.5 ms) only to *find* contacts: when a sub-step ends in contact,
the contact time is solved for exactly (the quadratic of the ballistic equation for the floor, the
linear equation for a wall, and the quartic distance equation for a round rim, bracketed and bisected to
float64 precision). The response reflects the normal velocity with the body's restitution and damps the
tangential part by its friction. The path is stored as piecewise-analytic segments, so positions at frame
times are exact, not integrated.

Bodies do not collide with one another. A bounce that leaves less than ``rest_speed`` of normal speed ends
the bouncing; the body then slides or rolls along the floor with constant deceleration until it stops.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

EARTH_GRAVITY = 9.81
MOON_GRAVITY = 1.62
SUBSTEP_S = 0.0005
MAX_CONTACTS = 400


@dataclass(frozen=True)
class BodySpec:
    """A dynamic object: its shape, material and launch state."""

    name: str  # "basketball", "box", ...
    radius: float  # ball radius, or half the height of a box (m)
    restitution: float  # normal speed kept by a bounce, 0..1
    friction: float  # fraction of tangential speed lost per bounce
    rolling_decel: float  # m/s² once it stops bouncing
    position: tuple[float, float]
    velocity: tuple[float, float]
    release_s: float = 0.0  # held still at ``position`` until then
    rest_speed: float = 0.6


@dataclass(frozen=True)
class Floor:
    """The ground plane y = height."""

    height: float = 0.0
    name: str = "floor"


@dataclass(frozen=True)
class Peg:
    """A small round obstacle seen end-on, such as the front of a hoop's rim."""

    x: float
    y: float
    radius: float
    name: str = "rim"


@dataclass(frozen=True)
class Wall:
    """A vertical plate facing left (a backboard): x = x, from y0 to y1."""

    x: float
    y0: float
    y1: float
    name: str = "backboard"


Collider = Floor | Peg | Wall


@dataclass(frozen=True)
class Contact:
    """One collision: when, with what, and how hard."""

    time_s: float
    body: str
    surface: str
    normal_speed: float  # m/s into the surface just before the contact
    position: tuple[float, float]


@dataclass
class Trajectory:
    """A body's path as analytic segments: from each start time, p = p0 + v0·τ + ½·a·τ², until it stops."""

    name: str
    radius: float
    starts: list[float] = field(default_factory=list)
    p0: list[tuple[float, float]] = field(default_factory=list)
    v0: list[tuple[float, float]] = field(default_factory=list)
    acc: list[tuple[float, float]] = field(default_factory=list)
    stop: list[float] = field(default_factory=list)  # τ after which the segment is frozen (inf = never)

    def add(self, t: float, p: tuple[float, float], v: tuple[float, float], a: tuple[float, float],
            stop: float = math.inf) -> None:
        self.starts.append(t)
        self.p0.append(p)
        self.v0.append(v)
        self.acc.append(a)
        self.stop.append(stop)

    def positions(self, times: np.ndarray) -> np.ndarray:
        """(len(times), 2) positions at the given times (before the first segment: its start point)."""
        times = np.asarray(times, dtype=np.float64)
        idx = np.clip(np.searchsorted(np.asarray(self.starts), times, side="right") - 1, 0, None)
        tau = np.clip(times - np.asarray(self.starts)[idx], 0.0, np.asarray(self.stop)[idx])
        p0, v0, acc = (np.asarray(x)[idx] for x in (self.p0, self.v0, self.acc))
        return p0 + v0 * tau[:, None] + 0.5 * acc * tau[:, None] ** 2


def _state(p: tuple[float, float], v: tuple[float, float], g: float, tau: float) -> tuple[
        tuple[float, float], tuple[float, float]]:
    return (p[0] + v[0] * tau, p[1] + v[1] * tau - 0.5 * g * tau * tau), (v[0], v[1] - g * tau)


def floor_contact_time(y: float, vy: float, *, radius: float, height: float, g: float) -> float | None:
    """Exact τ > 0 at which a body at height y, vertical speed vy, touches the floor (quadratic root)."""
    gap = y - radius - height
    # y(τ) = gap + vy·τ − ½gτ² = 0, taking the descending root.
    disc = vy * vy + 2.0 * g * gap
    if disc < 0:
        return None
    tau = (vy + math.sqrt(disc)) / g
    return tau if tau > 1e-12 else None


def _peg_gap(p: tuple[float, float], v: tuple[float, float], g: float, tau: float, peg: Peg, reach: float) -> float:
    (x, y), _ = _state(p, v, g, tau)
    return (x - peg.x) ** 2 + (y - peg.y) ** 2 - reach * reach


def peg_contact_time(p: tuple[float, float], v: tuple[float, float], *, radius: float, peg: Peg, g: float,
                     dt: float) -> float | None:
    """τ in (0, dt] where the distance to the peg first equals the sum of radii, bisected to float64 precision."""
    reach = radius + peg.radius
    travel = math.hypot(v[0], v[1]) * dt + g * dt * dt
    if math.hypot(p[0] - peg.x, p[1] - peg.y) > reach + travel:
        return None  # cannot reach the peg within this sub-step
    if _peg_gap(p, v, g, 0.0, peg, reach) <= 0 or _peg_gap(p, v, g, dt, peg, reach) > 0:
        return None
    lo, hi = 0.0, dt  # gap(lo) > 0 >= gap(hi)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        if _peg_gap(p, v, g, mid, peg, reach) > 0:
            lo = mid
        else:
            hi = mid
    return lo if lo > 0 else hi


def wall_contact_time(p: tuple[float, float], v: tuple[float, float], *, radius: float, wall: Wall,
                      g: float) -> float | None:
    """Exact τ > 0 at which the body's right side reaches the wall (linear in x), if it hits the plate."""
    if v[0] <= 0 or p[0] + radius > wall.x:
        return None
    tau = (wall.x - radius - p[0]) / v[0]
    (_, y), _ = _state(p, v, g, tau)
    return tau if wall.y0 <= y <= wall.y1 else None


def _respond(v: tuple[float, float], normal: tuple[float, float], body: BodySpec) -> tuple[tuple[float, float], float]:
    vn = v[0] * normal[0] + v[1] * normal[1]
    tangential = (v[0] - vn * normal[0], v[1] - vn * normal[1])
    keep = 1.0 - body.friction
    new_v = (tangential[0] * keep - body.restitution * vn * normal[0],
             tangential[1] * keep - body.restitution * vn * normal[1])
    return new_v, -vn


def simulate_body(body: BodySpec, colliders: tuple[Collider, ...], *, gravity: float, duration_s: float,
                  substep_s: float = SUBSTEP_S) -> tuple[Trajectory, list[Contact]]:
    """The body's exact path and its contacts over [0, duration_s]."""
    traj = Trajectory(name=body.name, radius=body.radius)
    contacts: list[Contact] = []
    p, v = body.position, body.velocity
    if body.release_s > 0:
        traj.add(0.0, p, (0.0, 0.0), (0.0, 0.0))
    t = body.release_s
    seg_t, seg_p, seg_v = t, p, v
    traj.add(t, p, v, (0.0, -gravity))
    floors = [c for c in colliders if isinstance(c, Floor)]
    floor_h = max((f.height for f in floors), default=-math.inf)
    while t < duration_s and len(contacts) < MAX_CONTACTS:
        dt = min(substep_s, duration_s - t)
        # The state at the sub-step start is evaluated from the segment start, so no error accumulates.
        p, v = _state(seg_p, seg_v, gravity, t - seg_t)
        hits: list[tuple[float, Collider]] = []
        for c in colliders:
            if isinstance(c, Floor):
                tau = floor_contact_time(p[1], v[1], radius=body.radius, height=c.height, g=gravity)
                # Solve from the segment start (fewer roundings), then convert to this sub-step.
                if tau is not None and tau <= dt:
                    seg_tau = floor_contact_time(seg_p[1], seg_v[1], radius=body.radius, height=c.height,
                                                 g=gravity)
                    if seg_tau is not None and 0 < seg_t + seg_tau - t <= dt:
                        tau = seg_t + seg_tau - t
            elif isinstance(c, Peg):
                tau = peg_contact_time(p, v, radius=body.radius, peg=c, g=gravity, dt=dt)
            else:
                tau = wall_contact_time(p, v, radius=body.radius, wall=c, g=gravity)
            if tau is not None and 0 < tau <= dt:
                hits.append((tau, c))
        if not hits:
            t += dt
            continue
        tau, collider = min(hits, key=lambda h: h[0])
        t_hit = t + tau
        p_hit, v_hit = _state(seg_p, seg_v, gravity, t_hit - seg_t)
        if isinstance(collider, Floor):
            normal = (0.0, 1.0)
            p_hit = (p_hit[0], collider.height + body.radius)  # exact by construction; remove rounding
        elif isinstance(collider, Peg):
            dx, dy = p_hit[0] - collider.x, p_hit[1] - collider.y
            norm = math.hypot(dx, dy)
            normal = (dx / norm, dy / norm)
        else:
            normal = (-1.0, 0.0)
        new_v, speed = _respond(v_hit, normal, body)
        contacts.append(Contact(time_s=t_hit, body=body.name, surface=collider.name, normal_speed=speed,
                                position=p_hit))
        t = t_hit
        if isinstance(collider, Floor) and abs(new_v[1]) < body.rest_speed:
            # Too slow to bounce again: slide or roll on the floor to a stop.
            vx = new_v[0]
            decel = body.rolling_decel
            stop = abs(vx) / decel if decel > 0 and vx != 0 else 0.0
            traj.add(t, (p_hit[0], floor_h + body.radius), (vx, 0.0), (-math.copysign(decel, vx) if vx else 0.0, 0.0),
                     stop=stop)
            break
        seg_t, seg_p, seg_v = t, p_hit, new_v
        traj.add(t, p_hit, new_v, (0.0, -gravity))
    return traj, contacts


def throw_velocity(start: tuple[float, float], target: tuple[float, float], *, flight_s: float,
                   gravity: float) -> tuple[float, float]:
    """The launch velocity that carries a body from start to target in flight_s seconds."""
    return ((target[0] - start[0]) / flight_s,
            (target[1] - start[1]) / flight_s + 0.5 * gravity * flight_s)


@dataclass(frozen=True)
class Hoop:
    """A basketball hoop in side view: rim front and back pegs and a backboard."""

    rim_front_x: float
    rim_height: float = 3.05
    rim_diameter: float = 0.46
    rim_tube: float = 0.01
    board_gap: float = 0.15
    board_height: float = 1.07

    @property
    def board_x(self) -> float:
        return self.rim_front_x + self.rim_diameter + self.board_gap

    def colliders(self) -> tuple[Collider, ...]:
        return (
            Peg(self.rim_front_x, self.rim_height, self.rim_tube, name="rim"),
            Peg(self.rim_front_x + self.rim_diameter, self.rim_height, self.rim_tube, name="rim"),
            Wall(self.board_x, self.rim_height - 0.15, self.rim_height - 0.15 + self.board_height),
        )

    def miss_target(self, ball_radius: float, *, offset: float) -> tuple[float, float]:
        """Where to aim the ball's centre so that it strikes the front of the rim and bounces back out.

        The point is on the contact circle around the rim's front, up and to the left of it (113° ± 5°
        from +x, set by ``offset`` in [-1, 1]), nudged 2 mm inside so the path crosses it. A steep ball
        arriving there meets the rim with a normal pointing up and back towards the shooter.
        """
        reach = ball_radius + self.rim_tube - 0.002
        angle = math.radians(113.0 + 5.0 * offset)
        return (self.rim_front_x + reach * math.cos(angle), self.rim_height + reach * math.sin(angle))
