"""Read-only SQL on the published warehouse (`newsclaims query`, `newsclaims sql`): the locked
connection and statements (`access.py`), their limits, output, terminal-safe text, Harlequin."""
