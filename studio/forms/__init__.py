"""The studio's forms, one module per feature: courses and lessons, questions and quizzes,
grading."""

from .courses import CaseConfirmForm, CaseImportForm, CourseForm, LessonForm, MindMapLabelsForm
from .grading import GradeForm
from .questions import QuestionForm, QuizForm

__all__ = [
    "CaseConfirmForm",
    "CaseImportForm",
    "CourseForm",
    "GradeForm",
    "LessonForm",
    "MindMapLabelsForm",
    "QuestionForm",
    "QuizForm",
]
