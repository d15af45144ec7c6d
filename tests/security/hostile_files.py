"""Hostile files, built in memory with Pillow or raw bytes, for the upload tests."""

import io
import random
import struct
import zlib

from PIL import Image as PILImage

SERIAL = "SN-C39XK2Q7"
GPS = {1: "N", 2: (48.0, 51.0, 29.0), 3: "E", 4: (2.0, 17.0, 40.0)}
PAYLOAD = b"<script>alert(document.domain)</script>"


def pillow_file(fmt, size=(60, 40), mode="RGB", **options):
    out = io.BytesIO()
    PILImage.new(mode, size, "green").save(out, fmt, **options)
    return out.getvalue()


def psd():
    # Photoshop header: signature, version 1, 6 reserved bytes, 3 channels, 40 × 60,
    # 8 bits, RGB; then empty colour-mode, resources and layer sections, raw pixels.
    header = b"8BPS" + struct.pack(">H6xHIIHH", 1, 3, 40, 60, 8, 3)
    return header + struct.pack(">III", 0, 0, 0) + struct.pack(">H", 0) + bytes(3 * 40 * 60)


def fits():
    cards = ["SIMPLE  =                    T", "BITPIX  =                    8",
             "NAXIS   =                    2", "NAXIS1  =                   60",
             "NAXIS2  =                   40", "END"]  # fmt: skip
    header = "".join(card.ljust(80) for card in cards).ljust(2880).encode("ascii")
    return header + bytes(60 * 40).ljust(2880, b"\0")


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb():
    """A 200-byte PNG that claims 50 000 × 50 000 pixels (2.5 gigapixels)."""
    ihdr = struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1000, 9)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat)
            + png_chunk(b"IEND", b""))  # fmt: skip


def gif_bomb():
    """About 40 kB for 60 frames of 400 × 400: 9.6 megapixels in all, each frame
    small; the test lowers the cap to 5 megapixels, which every frame counts towards."""
    frames = [PILImage.new("RGB", (400, 400), ("red", "blue")[i % 2]) for i in range(60)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def noisy_jpeg():
    """Random pixels do not compress: a 1000 × 1000 JPEG of over 1 MB."""
    noise = PILImage.frombytes("RGB", (1000, 1000), random.Random(8).randbytes(1000 * 1000 * 3))
    out = io.BytesIO()
    noise.save(out, "JPEG", quality=95)
    return out.getvalue()


def phone_photo():
    """A portrait-held phone picture: 300 × 200 pixels, EXIF orientation 6 (turn it
    a quarter), maker, model, serial number and the GPS position of the newsroom."""
    exif = PILImage.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Apple", "iPhone 15 Pro", 6
    exif[0x8825] = GPS
    exif[0x8769] = {0xA431: SERIAL}
    out = io.BytesIO()
    PILImage.new("RGB", (300, 200), "orange").save(out, "JPEG", exif=exif)
    data = out.getvalue()
    assert SERIAL.encode() in data and PILImage.open(io.BytesIO(data)).getexif().get_ifd(0x8825)
    return data
