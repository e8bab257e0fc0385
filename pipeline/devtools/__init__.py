"""Developer tools, never imported by a run: the operations and report benchmarks, headless
Chromium over DevTools and the README screenshots."""
