"""Every write that records learning in quizzes, by job: attempts, the question bank, regrading.

Other apps import from here; the modules are the house's inside.
"""

from .attempts import (
    GRACE,
    SEQUENCE_MAX,
    AttemptRefused,
    Saved,
    Submitted,
    announce_if_graded,
    attempt_close_if_expired,
    attempt_save,
    attempt_start,
    attempt_submit,
    attempts_used,
    close_expired_attempts,
    is_answered,
    lock_attempt,
    quiz_grade,
    score_attempt,
    set_result,
)
from .bank import OptionData, RubricData, question_save
from .regrade import RegradeRow, regrade_apply, regrade_preview
from .translations import (
    TranslationError,
    course_link_translation,
    course_unlink_translation,
    quiz_rules_follow,
    translation_problems,
    unlink_problems,
)

__all__ = [
    "GRACE",
    "SEQUENCE_MAX",
    "Saved",
    "AttemptRefused",
    "OptionData",
    "RegradeRow",
    "RubricData",
    "Submitted",
    "announce_if_graded",
    "attempt_close_if_expired",
    "attempt_save",
    "attempt_start",
    "attempt_submit",
    "attempts_used",
    "close_expired_attempts",
    "is_answered",
    "lock_attempt",
    "question_save",
    "quiz_grade",
    "regrade_apply",
    "regrade_preview",
    "score_attempt",
    "set_result",
    "TranslationError",
    "course_link_translation",
    "course_unlink_translation",
    "quiz_rules_follow",
    "translation_problems",
    "unlink_problems",
]
