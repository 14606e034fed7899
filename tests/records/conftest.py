"""Fixtures the records tests share with the quiz tests: the same quiz, written once."""

from tests.quizzes.conftest import competencies, quiz  # noqa: F401  fixtures, by name
