#!/usr/bin/env python3
"""Synthesises assets/sounds/sonnerie.wav: a desk phone ring, made by the project itself.

One 5-second cycle, as a French line rings (1.5 s of ringing, 3.5 s of silence): a warbling
two-tone bell (440/480 Hz alternating at 20 Hz) with soft edges, mono 16-bit 22 050 Hz.
Run: python3 tools/make_ring.py
"""
import math
import struct
import wave
from pathlib import Path

RATE = 22050
RING_SECONDS = 1.5
CYCLE_SECONDS = 5.0
VOLUME = 0.45

out = Path(__file__).resolve().parent.parent / "assets" / "sounds" / "sonnerie.wav"
frames = bytearray()
for n in range(int(CYCLE_SECONDS * RATE)):
    t = n / RATE
    sample = 0.0
    if t < RING_SECONDS:
        tone = 440.0 if int(t * 20) % 2 == 0 else 480.0
        # 20 ms fade in and out so the loop never clicks.
        envelope = min(1.0, t / 0.02, (RING_SECONDS - t) / 0.02)
        sample = VOLUME * envelope * (math.sin(2 * math.pi * tone * t) + 0.3 * math.sin(4 * math.pi * tone * t)) / 1.3
    frames += struct.pack("<h", int(max(-1.0, min(1.0, sample)) * 32767))
with wave.open(str(out), "wb") as w:
    w.setnchannels(1)
    w.setsampwidth(2)
    w.setframerate(RATE)
    w.writeframes(bytes(frames))
print(f"wrote {out} ({len(frames)} bytes of samples)")
