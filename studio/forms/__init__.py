"""The studio's forms, one module per feature: courses and lessons, questions and quizzes,
grading."""

from .courses import CaseImportForm, CourseForm, LessonForm
from .grading import GradeForm
from .questions import QuestionForm, QuizForm

__all__ = ["CaseImportForm", "CourseForm", "GradeForm", "LessonForm", "QuestionForm", "QuizForm"]
