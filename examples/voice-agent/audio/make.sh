#!/usr/bin/env bash
# Regenerates the user's recorded speech for `npm start` (the WAVs are committed; this needs
# Debian's espeak-ng and sox: apt-get install espeak-ng sox).
# espeak-ng speaks at 22 050 Hz; sox resamples to what the Realtime API takes:
# 24 kHz, mono, 16-bit PCM, with a little silence before and after.
set -euo pipefail
cd "$(dirname "$0")"
say() {
  espeak-ng -v en-us -s 150 -w "$1.raw.wav" "$2"
  sox "$1.raw.wav" -r 24000 -c 1 -b 16 -e signed-integer "$1.wav" pad 0.2 0.3
  rm "$1.raw.wav"
}
say question "What's the weather like in Paris today?"
say interruption "Thanks, that's all I needed."
