"""What every stage shares: settings, the value sets, the word pattern, process helpers."""
