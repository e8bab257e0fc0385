"""The extraction progress line: rate and time left, drawn only on a terminal."""

import io

from pipeline.run.progress import Progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_describe_gives_rate_and_time_left():
    progress = Progress(total=100, unit="articles", stream=io.StringIO())
    progress.started -= 10  # ten seconds ago
    progress.update(25)
    text = progress.describe()
    assert text.startswith("25/100 articles, 2.5 articles/s")
    assert "about 30 s left" in text
    progress.update(75)
    assert "done in 10 s" in progress.describe()


def test_bar_is_drawn_on_a_terminal_for_long_loops_only():
    terminal = _Terminal()
    progress = Progress(total=50, unit="articles", stream=terminal, interval_s=0)
    progress.update(10)
    assert "[#" in terminal.getvalue() and "10/50 articles" in terminal.getvalue()

    short = _Terminal()
    Progress(total=3, unit="articles", stream=short, interval_s=0).update(1)
    assert short.getvalue() == ""

    piped = io.StringIO()
    Progress(total=50, unit="articles", stream=piped, interval_s=0).update(10)
    assert piped.getvalue() == ""  # logs carry the rate instead of a bar


def test_a_step_longer_than_a_few_seconds_shows_a_ticking_line_on_a_terminal_only():
    """dbt, the checks and extraction run inside `Ticker`: on a terminal a status line with the
    time so far (and the step's own status) is redrawn; a pipe or log gets nothing."""
    import threading
    import time

    from pipeline.run.progress import Ticker

    class Terminal(io.StringIO):
        lock = threading.Lock()

        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    with Ticker("dbt build", status=lambda: "3 models", stream=terminal, after_s=0.05,
                interval_s=0.02):  # fmt: skip
        time.sleep(0.3)
    text = terminal.getvalue()
    assert text.count("dbt build: 0 s (3 models)") >= 2  # redrawn while the step ran
    assert text.endswith("\r\x1b[K")  # and cleared when it ended

    quick = Terminal()
    with Ticker("dbt build", stream=quick, after_s=5):
        pass
    assert quick.getvalue() == ""  # a short step draws nothing

    piped = io.StringIO()
    with Ticker("dbt build", stream=piped, after_s=0, interval_s=0.01):
        time.sleep(0.1)
    assert piped.getvalue() == ""
