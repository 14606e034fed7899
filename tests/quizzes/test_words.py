"""What the quiz pages say: an attempt is being answered (作答中), not studied; a question left
blank says so on the results page."""

from django.urls import reverse

from quizzes.models import Attempt

from .conftest import shown

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}


def test_an_open_attempt_reads_being_answered_in_chinese(quiz, alice, login):
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    html = client.get(reverse("quizzes:quiz", args=[quiz.pk]), **ZH).content.decode()
    table = html[html.index('id="attempts-heading"') :]
    assert "作答中" in table and "继续作答" in table
    assert "学习中" not in table and "继续学习" not in table


def test_a_course_in_progress_still_reads_studying(quiz, alice, login):
    """The context keeps the two apart: a course being studied stays 学习中."""
    from django.utils import translation

    from records.rules import Status

    with translation.override("zh-hans"):
        assert str(Status.IN_PROGRESS.label) == "学习中"
        assert str(Attempt.Status.IN_PROGRESS.label) == "作答中"


def _submit(client, attempt, data):
    return client.post(reverse("quizzes:submit", args=[attempt.pk]), data, follow=True, **ZH)


def test_results_say_which_questions_were_not_answered(quiz, alice, login):
    quiz.review_answers_after_attempt = True
    quiz.save()
    client = login(alice)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get()
    single, multiple, decision = attempt.questions.order_by("order")
    # The single choice answered, the multiple left blank, the decision without its reason.
    response = _submit(
        client,
        attempt,
        {
            f"q{single.pk}": "a",
            f"q{decision.pk}_decision": "keep",
            **shown(single, multiple, decision),
        },
    )
    review = response.context["review"]
    assert [q.answered for q in review.questions] == ["complete", "none", "part"]
    html = response.content.decode()
    assert html.count('data-testid="not-answered"') == 2
    assert "未作答" in html and "部分作答" in html
