"""Unit tests of the emitter's pure parts: `python3 -m unittest discover -s examples/python`.

What crosses the network is tested against the real host by tests/python-emitter.test.ts.
"""

import logging
import math
import unittest

from athanor_emitter import _json_safe, _level, collapse_redraws, protocol_level


def screen(text: str) -> list:
    """What a terminal shows: per line, each `\\r` piece drawn over the line from column 0."""
    lines = []
    for line in text.split("\n"):
        shown = ""
        for piece in line.split("\r"):
            shown = piece + shown[len(piece) :]
        lines.append(shown)
    return lines


class CollapseRedraws(unittest.TestCase):
    def test_keeps_only_the_last_of_equal_redraws(self):
        text = "\r 1/3 [#  ]\r 2/3 [## ]\r 3/3 [###]"
        self.assertEqual(collapse_redraws(text), "3/3 [###]".rjust(10))
        self.assertEqual(collapse_redraws(text, at_col0=False), "\r 3/3 [###]")

    def test_a_shorter_redraw_does_not_hide_the_longer_one_before_it(self):
        text = "loading data...\rdone"
        self.assertEqual(collapse_redraws(text), text)
        self.assertEqual(screen(collapse_redraws(text)), ["doneing data..."])

    def test_lines_ended_by_newline_are_separate(self):
        text = "a\rb\nccc\rddd\n\reee"
        self.assertEqual(collapse_redraws(text), "b\nddd\neee")
        self.assertEqual(screen(collapse_redraws(text)), screen(text))

    def test_the_first_piece_is_kept_when_the_text_starts_mid_line(self):
        self.assertEqual(collapse_redraws("xy\rab", at_col0=False), "xy\rab")
        self.assertEqual(collapse_redraws("xy\rab", at_col0=True), "ab")

    def test_escape_sequences_keep_everything_before_them(self):
        # The escape may move the cursor to another line: what follows it covers nothing before.
        text = "\rbar 1\rbar 2\x1b[A\rbar 3\rbar 4"
        self.assertEqual(collapse_redraws(text, at_col0=False), "\rbar 1\rbar 2\x1b[A\rbar 4")

    def test_columns_are_utf16_units(self):
        # An astral character takes two units: "😀a" covers three columns, "abc" too.
        self.assertEqual(collapse_redraws("😀a\rabc"), "abc")
        self.assertEqual(collapse_redraws("😀ab\rabc"), "😀ab\rabc")

    def test_is_what_a_terminal_shows(self):
        samples = ["", "plain\n", "\r", "a\r", "\r\r\n", "ab\rc\rdef\rg\n\rxyz\r12", "x\r\ry"]
        for text in samples:
            for at_col0 in (True, False):
                prefix = "" if at_col0 else "PROMPT>"
                with self.subTest(text=text, at_col0=at_col0):
                    collapsed = prefix + collapse_redraws(text, at_col0)
                    self.assertEqual(screen(collapsed), screen(prefix + text))


class Levels(unittest.TestCase):
    def test_python_levels_map_to_protocol_levels(self):
        cases = {0: "debug", 5: "trace", 9: "trace", logging.DEBUG: "debug", 15: "debug"}
        cases.update({logging.INFO: "info", logging.WARNING: "warn", logging.ERROR: "error"})
        cases.update({logging.CRITICAL: "fatal", 60: "fatal"})
        for levelno, level in cases.items():
            self.assertEqual(protocol_level(levelno), level, levelno)

    def test_names_are_accepted_and_unknown_ones_refused(self):
        self.assertEqual(_level("warning"), "warn")
        self.assertEqual(_level("CRITICAL"), "fatal")
        self.assertEqual(_level(logging.ERROR), "error")
        with self.assertRaises(ValueError):
            _level("verbose")


class JsonSafe(unittest.TestCase):
    def test_non_finite_numbers_become_strings(self):
        value = {"nan": math.nan, "up": math.inf, "down": -math.inf, "ok": 1.5}
        self.assertEqual(
            _json_safe(value), {"nan": "NaN", "up": "Infinity", "down": "-Infinity", "ok": 1.5}
        )

    def test_containers_keys_and_objects(self):
        class Scalar:
            def item(self):
                return 3

        value = {1: (1, 2), "s": {4}, "obj": object, "np": Scalar()}
        safe = _json_safe(value)
        self.assertEqual(safe["1"], [1, 2])
        self.assertEqual(safe["s"], [4])
        self.assertEqual(safe["obj"], str(object))
        self.assertEqual(safe["np"], 3)


if __name__ == "__main__":
    unittest.main()
