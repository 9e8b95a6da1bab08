#!/usr/bin/python3
"""Regenerates the IDX and image seed corpus (tests/fuzz/corpus/{idx,imagefolder}); deterministic.

The checkpoint seeds come from the app itself (see README in corpus/checkpoint)."""
import gzip
import io
import os
import struct

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))


def idx(dims, payload):
    return bytes([0, 0, 8, len(dims)]) + b"".join(struct.pack(">I", d) for d in dims) + payload


def write(folder, name, data):
    os.makedirs(os.path.join(HERE, "corpus", folder), exist_ok=True)
    with open(os.path.join(HERE, "corpus", folder, name), "wb") as f:
        f.write(data)


pixels = bytes((i * 37) % 256 for i in range(2 * 28 * 28))
write("idx", "images-2x28x28", idx([2, 28, 28], pixels))
write("idx", "images-2x28x28.gz", gzip.compress(idx([2, 28, 28], pixels), mtime=0))
write("idx", "labels-3", idx([3], bytes([0, 1, 9])))
write("idx", "images-1x4x4", idx([1, 4, 4], bytes(range(16))))
write("idx", "truncated", idx([2, 28, 28], pixels[:100]))
write("idx", "huge-claim", idx([60000, 28, 28], b""))
write("idx", "float-type", bytes([0, 0, 0x0D, 1, 0, 0, 0, 1]) + struct.pack(">f", 1.0))

# First byte = suffix index in fuzz_imagefolder.cpp: png, jpg, bmp, pgm, gif, jpeg.
img = Image.new("L", (28, 28))
img.putdata([(x * 9 + y * 3) % 256 for y in range(28) for x in range(28)])
for index, fmt, mode in [(0, "PNG", "L"), (1, "JPEG", "L"), (2, "BMP", "L"), (3, "PPM", "L"), (4, "GIF", "L"),
                         (0, "PNG", "RGBA"), (2, "BMP", "RGB")]:
    buf = io.BytesIO()
    img.convert(mode).save(buf, format=fmt)
    write("imagefolder", "%s-%s" % (fmt.lower(), mode.lower()), bytes([index]) + buf.getvalue())
small = Image.new("1", (5, 3))
buf = io.BytesIO()
small.save(buf, format="PNG")
write("imagefolder", "png-1bit-5x3", bytes([0]) + buf.getvalue())
write("imagefolder", "pgm-ascii", bytes([3]) + b"P2\n3 2\n255\n0 128 255\n255 128 0\n")
