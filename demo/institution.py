"""The demo's issuing institution: the county party school, with a drawn seal, so the demo's
completions get certificates. Get-or-create: an institution an administrator set up stays the
one that issues."""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

from certificates.models import Institution, Seal

NAME_ZH = "中共青山县委党校"
NAME_EN = "Party School of the CPC Qingshan County Committee"
RED = (200, 16, 16, 255)


def seal_image(size: int = 240) -> bytes:
    """A red ring with a five-pointed star, on a transparent ground: a stand-in for a real
    seal, drawn rather than shipped as a file."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), outline=RED, width=14)
    centre, outer, inner = size / 2, size * 0.22, size * 0.09
    points = [
        (
            centre + (outer if i % 2 == 0 else inner) * math.sin(i * math.pi / 5),
            centre - (outer if i % 2 == 0 else inner) * math.cos(i * math.pi / 5),
        )
        for i in range(10)
    ]
    draw.polygon(points, fill=RED)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def load_institution() -> Institution:
    data = seal_image()
    seal, _created = Seal.objects.get_or_create(
        sha256=Seal.digest(data),
        defaults={"image": data, "content_type": "image/png", "width": 240, "height": 240},
    )
    institution, _created = Institution.objects.get_or_create(
        name_zh=NAME_ZH,
        defaults={
            "name_en": NAME_EN,
            "seal": seal,
            "is_active": not Institution.objects.filter(is_active=True).exists(),
        },
    )
    return institution
