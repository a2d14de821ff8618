"""Draw the built-in routines' illustrations into static/illustrations/ (run: python tools/draw_illustrations.py).

One line style for all: a figure of round-capped strokes with fixed limb lengths, posed by joint angles (degrees,
0 = right, 90 = up), props in a thinner, fainter stroke. Everything is drawn in `currentColor`, so a drawing takes
the text colour of the page (light and dark) when used through <svg><use href="...#d"></svg>. Public domain (CC0):
see static/illustrations/LICENSE.
"""
from __future__ import annotations

import math
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "static" / "illustrations"
W, H, FLOOR = 200, 140, 126
TORSO, NECK, UPPER_ARM, FOREARM, THIGH, SHIN, HEAD = 40, 14, 21, 19, 26, 25, 9


def at(point, angle, length):
    x, y = point
    return (x + length * math.cos(math.radians(angle)), y - length * math.sin(math.radians(angle)))


def pts(*points):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in points)


def line(*points, faint=False, width=None):
    w = width or (3.5 if faint else 7)
    op = ' opacity=".55"' if faint else ""
    return f'<polyline points="{pts(*points)}" stroke-width="{w}"{op}/>'


def figure(hip, torso=90, head=None, arms=((260, 270), (280, 270)), legs=((265, 270), (275, 270)), bend=0):
    """A person: hip point, torso angle, neck->head angle, (upper, fore) per arm, (thigh, shin) per leg; the
    second arm and leg are drawn fainter (the far side). `bend` curves the back (positive: arched up)."""
    neck = at(hip, torso, TORSO)
    head_c = at(neck, torso if head is None else head, NECK)
    shoulder = at(hip, torso, TORSO - 4)
    parts = []
    for i, (upper, fore) in enumerate(arms):
        elbow = at(shoulder, upper, UPPER_ARM)
        parts.append((i, line(shoulder, elbow, at(elbow, fore, FOREARM))))
    for i, (thigh, shin) in enumerate(legs):
        knee = at(hip, thigh, THIGH)
        parts.append((i, line(hip, knee, at(knee, shin, SHIN))))
    far = "".join(p for i, p in parts if i == 1)
    near = "".join(p for i, p in parts if i == 0)
    mid = ((hip[0] + neck[0]) / 2, (hip[1] + neck[1]) / 2)
    normal = torso + 90
    ctrl = at(mid, normal, bend)
    back = (f'<path d="M{hip[0]:.1f},{hip[1]:.1f} Q{ctrl[0]:.1f},{ctrl[1]:.1f} {neck[0]:.1f},{neck[1]:.1f}" '
            'stroke-width="7"/>')
    head_svg = f'<circle cx="{head_c[0]:.1f}" cy="{head_c[1]:.1f}" r="{HEAD}" stroke-width="6"/>'
    return f'<g opacity=".6">{far}</g>{back}{near}{head_svg}'


def floor(x1=10, x2=190, y=FLOOR):
    return line((x1, y), (x2, y), faint=True)


def chair(x, seat=103, facing=1, back=True):
    """A plain chair whose seat front is at x (facing 1: the person faces right)."""
    x2 = x - 34 * facing
    parts = [line((x, seat), (x2, seat), faint=True), line((x, seat), (x, FLOOR), faint=True),
             line((x2, seat), (x2, FLOOR), faint=True)]
    if back:
        parts.append(line((x2, seat), (x2, seat - 40), faint=True))
    return "".join(parts)


def rect(x, y, w, h, rx=3):
    return f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="{rx}" stroke-width="3.5" opacity=".55"/>'


def circle(x, y, r):
    return f'<circle cx="{x}" cy="{y}" r="{r}" stroke-width="3.5" opacity=".55"/>'


def wave(x, y, n=3, size=8):
    d = f"M{x},{y}" + "".join(f" q{size / 2},{-size / 2} {size},0 q{size / 2},{size / 2} {size},0" for _ in range(n))
    return f'<path d="{d}" stroke-width="3.5" opacity=".55"/>'


def steam(x, y, n=3):
    return "".join(f'<path d="M{x + i * 10},{y} q-5,-7 0,-14 q5,-7 0,-14" stroke-width="3" opacity=".55"/>'
                   for i in range(n))


def arrow(x1, y1, x2, y2):
    ang = math.atan2(y2 - y1, x2 - x1)
    a = (x2 - 8 * math.cos(ang - 0.5), y2 - 8 * math.sin(ang - 0.5))
    b = (x2 - 8 * math.cos(ang + 0.5), y2 - 8 * math.sin(ang + 0.5))
    return line((x1, y1), (x2, y2), faint=True) + line(a, (x2, y2), b, faint=True)


def bed(x1=20, x2=180, y=100):
    return (line((x1, y), (x2, y), faint=True) + line((x1, y - 30), (x1, FLOOR), faint=True)
            + line((x2, y - 12), (x2, FLOOR), faint=True) + rect(x1 + 6, y - 12, 26, 10))


def moon(x, y):
    return f'<path d="M{x},{y - 10} a10,10 0 1,0 10,10 a8,8 0 1,1 -10,-10z" stroke-width="3" opacity=".55"/>'


def clock(x, y, hour_angle=90, minute_angle=90):
    return (circle(x, y, 12) + line((x, y), at((x, y), hour_angle, 6), faint=True)
            + line((x, y), at((x, y), minute_angle, 9), faint=True))


def seated(hip_x, facing=1, torso=90, head=None, arms=None, legs=None, seat=103):
    """A person sitting on a chair seat with the thighs level and shins down."""
    f = facing
    arms = arms or ((270 + 20 * -f + 0, 0 if f > 0 else 180), (270, 0 if f > 0 else 180))
    legs = legs or ((0 if f > 0 else 180, 270), (0 if f > 0 else 180, 268))
    return figure((hip_x, seat - 4), torso, head, arms, legs)


DRAWINGS = {
    "neck-side-stretch": chair(110) + seated(94, torso=90, head=48, arms=((255, 275), (285, 265))) + floor(),
    "chin-tuck": chair(110) + seated(94, torso=92, head=100, arms=((260, 330), (275, 330))) + floor()
                 + arrow(120, 34, 104, 34),
    "knee-to-chest-stretch": floor(10, 190, 126) + figure((110, 118), 180, 180, arms=((60, 10), (50, 15)),
                                                          legs=((120, 10), (0, 0))),
    "cat-cow": floor() + figure((64, 100), 20, 330, arms=((270, 270), (268, 268)), legs=((270, 180), (268, 182)),
                                bend=12),
    "glute-bridge": floor() + figure((100, 104), 203, 180, arms=((190, 180), (185, 180)),
                                     legs=((10, 285), (6, 288))),
    "bird-dog": floor() + figure((64, 100), 20, 25, arms=((355, 355), (270, 270)), legs=((183, 181), (270, 180))),
    "hamstring-stretch": chair(84, facing=1) + figure((72, 99), 65, 55, arms=((310, 320), (305, 320)),
                                                      legs=((331, 331), (0, 270))) + floor(),
    "quad-stretch": floor() + line((138, 58), (138, 126), faint=True) + line((128, 58), (148, 58), faint=True)
                    + figure((100, 74), 90, 90, arms=((330, 340), (250, 249)), legs=((272, 270), (265, 120))),
    "sit-to-stand": chair(88) + figure((84, 89), 60, 55, arms=((10, 5), (5, 0)), legs=((330, 255), (325, 258)))
                    + floor(),
    "wall-slide": line((60, 10), (60, 126), faint=True) + floor() + figure((72, 86), 92, 90,
                                                                        arms=((260, 280), (265, 275)),
                                                                        legs=((330, 265), (325, 268))),
    "gentle-walk": floor() + figure((100, 74), 88, 85, arms=((250, 280), (290, 310)), legs=((250, 265), (290, 275))),
    "movement-break": floor() + chair(60, facing=1) + figure((120, 74), 90, 90, arms=((55, 70), (125, 110)),
                                                                legs=((268, 270), (272, 270))),
    "gentle-swim": wave(10, 92, 9, 10) + figure((90, 84), 170, 175, arms=((150, 135), (210, 230)),
                                                   legs=((355, 345), (5, 15))) + wave(10, 110, 9, 10),
    "gentle-cycling": circle(60, 112, 14) + line((60, 112), (90, 70), (120, 112), faint=True)
                      + line((82, 66), (100, 66), faint=True) + line((120, 112), (132, 52), faint=True)
                      + line((126, 52), (140, 52), faint=True) + figure((90, 64), 75, 70, arms=((330, 5), (325, 10)),
                                                                        legs=((330, 240), (300, 260))),
    "posture-check": floor() + '<path d="M100,6 V126" stroke-width="2.5" stroke-dasharray="6 6" opacity=".55"/>'
                     + figure((100, 74), 90, 90, arms=((255, 265), (285, 275)), legs=((262, 268), (278, 272))),
    "workstation-setup": floor() + chair(78) + line((120, 80), (176, 80), faint=True)
                         + line((170, 80), (170, 126), faint=True) + rect(146, 44, 28, 22) + line((160, 66), (160, 80),
                                                                                                  faint=True)
                         + seated(62, torso=90, head=90, arms=((280, 0), (285, 5))),
    "wind-down-routine": floor() + chair(100) + line((66, 52), (66, 92), faint=True)
                         + seated(84, torso=100, head=80, arms=((300, 60), (305, 55))) + rect(112, 52, 8, 14, 1)
                         + moon(160, 30),
    "fixed-wake-time": bed() + figure((90, 94), 80, 85, arms=((300, 10), (290, 0)), legs=((0, 0), (2, 2)))
                       + clock(160, 40, 90, 60),
    "screens-off": floor() + line((130, 86), (180, 86), faint=True) + line((155, 86), (155, 126), faint=True)
                   + rect(140, 78, 18, 8, 2) + figure((90, 74), 88, 85, arms=((330, 10), (265, 275)),
                                                      legs=((268, 270), (272, 270))) + moon(168, 30),
    "bedroom-cool-dark-quiet": bed() + figure((110, 92), 180, 180, arms=((350, 0), (355, 0)), legs=((0, 0), (2, 0)))
                               + rect(130, 16, 40, 34, 2) + moon(150, 34),
    "caffeine-cutoff": floor() + chair(110) + seated(94, torso=92, head=90, arms=((290, 80), (280, 300)))
                       + rect(104, 42, 10, 12, 2) + clock(158, 36, 330, 90),
    "warm-bath": '<path d="M20,86 H180 V104 Q180,122 160,122 H40 Q20,122 20,104 Z" stroke-width="3.5" '
                 'opacity=".55"/>' + figure((110, 96), 150, 140, arms=((220, 0), (230, 10)),
                                              legs=((20, 330), (15, 335))) + steam(130, 70),
    "heat-pack": chair(110) + seated(94, torso=92, head=90, arms=((230, 340), (275, 300))) + rect(66, 58, 10, 20, 3)
                 + steam(36, 72, 2) + floor(),
    "cold-compress": chair(90) + seated(74, torso=92, head=80, arms=((290, 10), (300, 5))) + rect(96, 78, 20, 10, 3)
                     + '<path d="M150,30 v20 M141,35 l18,10 M141,45 l18,-10" stroke-width="3" opacity=".55"/>'
                     + floor(),
    "slow-breathing": floor() + figure((100, 116), 90, 90, arms=((240, 330), (300, 200)), legs=((190, 5), (350, 175)))
                      + wave(130, 60, 2, 9) + wave(46, 60, 2, 9),
    "body-scan": floor(10, 190, 126) + rect(24, 112, 156, 12) + figure((106, 106), 180, 180, arms=((355, 0), (5, 0)),
                                                                       legs=((0, 0), (2, 0))),
    "mindful-pause": floor() + chair(110) + seated(94, torso=90, head=86, arms=((280, 340), (275, 345))),
    "gentle-yoga": floor() + figure((100, 76), 90, 90, arms=((170, 175), (10, 5)), legs=((230, 270), (320, 305))),
    "tai-chi": floor() + figure((100, 78), 88, 88, arms=((300, 30), (320, 20)), legs=((245, 280), (295, 268))),
    "pace-your-day": floor() + figure((50, 74), 90, 90, arms=((300, 10), (265, 270)), legs=((268, 270), (272, 270)))
                     + rect(96, 44, 22, 30) + rect(124, 60, 14, 14) + rect(144, 44, 22, 30) + rect(172, 60, 14, 14),
    "read-what-is-inomyalgia": floor() + chair(110) + seated(94, torso=94, head=75, arms=((290, 55), (300, 50)))
                               + rect(112, 48, 14, 18, 1),
    "read-red-flags": floor() + figure((90, 74), 90, 85, arms=((300, 50), (265, 275)), legs=((268, 270), (272, 270)))
                      + rect(108, 28, 20, 26, 2)
                      + '<path d="M150,26 l14,24 h-28 z M150,34 v8 M150,46 v1" stroke-width="3" opacity=".55"/>',
    "plan-for-a-flare": floor() + chair(78) + line((100, 82), (176, 82), faint=True)
                        + line((170, 82), (170, 126), faint=True) + rect(110, 76, 30, 6, 1)
                        + seated(62, torso=85, head=60, arms=((320, 5), (310, 0))),
    "reach-out-for-support": floor() + figure((70, 74), 90, 80, arms=((330, 20), (265, 270)),
                                              legs=((268, 270), (272, 270)))
                             + figure((130, 74), 90, 100, arms=((240, 270), (275, 265)),
                                      legs=((268, 270), (272, 270))),
}


# Drawings of a person lying down use only the lower part of the canvas: their viewBox leaves the empty sky out
# (the page reads each file's viewBox, services/media/illustrations.py).
CROP = {"knee-to-chest-stretch": 70, "glute-bridge": 70, "body-scan": 70, "gentle-swim": 50, "cat-cow": 40,
        "bird-dog": 50, "warm-bath": 30, "bedroom-cool-dark-quiet": 5}


def svg(body: str, top: int = 0) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {top} {W} {H - top}" width="{W}" height="{H - top}">'
            f'<g id="d" fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">{body}</g>'
            "</svg>\n")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for slug, body in DRAWINGS.items():
        (OUT / f"{slug}.svg").write_text(svg(body, CROP.get(slug, 0)))
    print(f"{len(DRAWINGS)} drawings in {OUT}")


if __name__ == "__main__":
    main()
