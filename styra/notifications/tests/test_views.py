"""Aviseringar: one's own notices, marking them read, the header's count, preferences."""

import pytest
from django.urls import reverse

from styra.audit.models import AuditEntry

from ..models import Delivery, Kind, Notice, NoticeSetting
from ..services import notice_send

HTMX = {"HTTP_HX_REQUEST": "true"}


def notify(user, key="k", title="Enhet A har lämnat in verksamhetsplanen 2026"):
    (notice,) = notice_send(
        recipients=[user],
        kind=Kind.SUBMITTED,
        title=title,
        text="editor_a lämnade in verksamhetsplanen.\nMotivering: <b>fet</b>",
        link="/planer/1/",
        dedupe_key=key,
    )
    return notice


def test_the_list_shows_only_ones_own_notices(client, approver, editor_a):
    notify(approver, title="Till beslutsfattaren")
    notify(editor_a, title="Till redaktören")
    client.force_login(approver)
    response = client.get(reverse("notifications:list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Till beslutsfattaren" in page and "Till redaktören" not in page
    assert "Motivering: &lt;b&gt;fet&lt;/b&gt;" in page  # escaped, with its line break
    assert "<br>" in page


def test_the_header_counts_unread_notices_in_one_query(
    client, approver, plan_a, django_assert_max_num_queries
):
    notify(approver, key="1")
    notify(approver, key="2")
    client.force_login(approver)
    with django_assert_max_num_queries(20) as captured:
        page = client.get(reverse("accessibility")).content.decode()
    assert '<span class="nav-count">2<span class="visually-hidden"> olästa</span>' in page
    asked = [q["sql"] for q in captured.captured_queries if "notifications_notice" in q["sql"]]
    assert len(asked) == 1 and "COUNT" in asked[0]


def test_no_count_without_unread_notices(client, approver):
    client.force_login(approver)
    page = client.get(reverse("accessibility")).content.decode()
    assert "nav-count" not in page and reverse("notifications:list") in page


def test_the_list_stays_bounded_in_queries(client, approver, django_assert_max_num_queries):
    for i in range(60):
        notify(approver, key=str(i))
    client.force_login(approver)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("notifications:list"))
    assert response.content.decode().count('class="notice ') == 50
    assert "Sida 1 av 2" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "method", "goes_to"),
    [("read", "post", "/aviseringar/#notice-{pk}"), ("open", "get", "/planer/1/")],
)
def test_marking_read_takes_the_notice_off_the_count(client, approver, name, method, goes_to):
    """By its button, or by following its link from the list, which then opens its page."""
    notice = notify(approver)
    client.force_login(approver)
    response = getattr(client, method)(reverse(f"notifications:{name}", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == goes_to.format(pk=notice.pk)
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "nav-count" not in client.get(reverse("notifications:list")).content.decode()


def test_marking_read_by_htmx_returns_the_notice(client, approver):
    notice = notify(approver)
    client.force_login(approver)
    response = client.post(reverse("notifications:read", args=[notice.pk]), **HTMX)
    body = response.content.decode()
    assert (
        body.lstrip().startswith(f'<li id="notice-{notice.pk}"') and "Markera som läst" not in body
    )


@pytest.mark.parametrize("who", ["editor_a", "city_admin"])
@pytest.mark.parametrize(("name", "method"), [("read", "post"), ("open", "get")])
def test_another_persons_notice_is_not_found(client, approver, who, request, name, method):
    """Neither marking it read nor opening it from the list: another's id says nothing."""
    notice = notify(approver)
    client.force_login(request.getfixturevalue(who))
    send = getattr(client, method)
    assert send(reverse(f"notifications:{name}", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_read_is_a_post(client, approver):
    notice = notify(approver)
    client.force_login(approver)
    assert client.get(reverse("notifications:read", args=[notice.pk])).status_code == 405


def test_mark_all_read_marks_only_ones_own(client, approver, editor_a):
    notify(approver, key="1")
    notify(approver, key="2")
    other = notify(editor_a, key="3")
    client.force_login(approver)
    client.post(reverse("notifications:read_all"))
    assert not Notice.objects.filter(recipient=approver, read_at__isnull=True).exists()
    other.refresh_from_db()
    assert other.read_at is None


def test_the_settings_page_shows_each_kind_with_the_current_choice(client, editor_a):
    NoticeSetting.objects.create(user=editor_a, kind=Kind.REMINDER, delivery=Delivery.OFF)
    client.force_login(editor_a)
    page = client.get(reverse("notifications:settings")).content.decode()
    assert page.count("<fieldset") == len(Kind)
    assert "<legend>Påminnelser om sista dag</legend>" in page
    assert 'value="off" id="id_reminder_2" required checked' in page
    assert "ingen e-postadress" in page


def choices(**changed):
    return {kind.value: Delivery.EMAIL for kind in Kind} | changed


def test_turning_reminders_off_is_saved_and_audited(
    client, editor_a, django_capture_on_commit_callbacks
):
    client.force_login(editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("notifications:settings"), choices(reminder="off"))
    assert response.status_code == 302
    setting = NoticeSetting.objects.get(user=editor_a)
    assert (setting.kind, setting.delivery) == (Kind.REMINDER, Delivery.OFF)
    entry = AuditEntry.objects.get(object_type="notifications.noticesetting")
    assert (entry.actor_id, entry.action) == (editor_a.pk, "create")


def test_back_to_the_default_keeps_no_row(client, editor_a):
    NoticeSetting.objects.create(user=editor_a, kind=Kind.REMINDER, delivery=Delivery.OFF)
    client.force_login(editor_a)
    client.post(reverse("notifications:settings"), choices(decided="in_app"))
    assert list(NoticeSetting.objects.values_list("kind", "delivery")) == [("decided", "in_app")]


def test_a_bad_choice_is_refused_with_a_message_and_nothing_saved(client, editor_a):
    client.force_login(editor_a)
    response = client.post(reverse("notifications:settings"), choices(reminder="sms"))
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not NoticeSetting.objects.exists()


def test_a_missing_choice_is_refused(client, editor_a):
    client.force_login(editor_a)
    data = choices()
    del data["decided"]
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 400
    assert "Välj hur du vill få den här aviseringen." in response.content.decode()
    assert not NoticeSetting.objects.exists()


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for name in ("notifications:list", "notifications:settings"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


def test_the_list_links_a_notice_through_opening_it(client, approver):
    notice = notify(approver)
    client.force_login(approver)
    page = client.get(reverse("notifications:list")).content.decode()
    opening = reverse("notifications:open", args=[notice.pk])
    assert f'<a href="{opening}">' in page and 'href="/planer/1/"' not in page


def test_following_a_read_notices_link_keeps_when_it_was_read(client, approver):
    notice = notify(approver)
    client.force_login(approver)
    client.post(reverse("notifications:read", args=[notice.pk]))
    notice.refresh_from_db()
    read_at = notice.read_at
    assert client.get(reverse("notifications:open", args=[notice.pk]))["Location"] == "/planer/1/"
    notice.refresh_from_db()
    assert notice.read_at == read_at


def test_opening_a_notice_signed_out_asks_to_sign_in_and_marks_nothing(client, approver):
    notice = notify(approver)
    response = client.get(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]
    notice.refresh_from_db()
    assert notice.read_at is None


@pytest.mark.parametrize(
    "link",
    [
        "https://evil.example/",
        "//evil.example/planer/1/",
        "/\\evil.example/",
        "///evil.example/",
        "javascript:alert(1)",
        "planer/1/",
    ],
)
def test_a_link_that_leaves_styra_is_never_followed(client, approver, link):
    notice = notify(approver)
    Notice.objects.filter(pk=notice.pk).update(link=link)
    client.force_login(approver)
    response = client.get(reverse("notifications:open", args=[notice.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:list") + f"#notice-{notice.pk}"


def test_a_notice_without_a_link_has_none_in_the_list(client, approver):
    notice = notify(approver)
    Notice.objects.filter(pk=notice.pk).update(link="")
    client.force_login(approver)
    page = client.get(reverse("notifications:list")).content.decode()
    assert reverse("notifications:open", args=[notice.pk]) not in page
