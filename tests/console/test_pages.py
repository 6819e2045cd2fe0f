"""The map, the forum agenda (on screen, printed to PDF, downloaded) and the week, in Chromium."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.console.conftest import sign_in
from tests.console.test_triage_on_the_web import bulk, schedule_forum
from tests.harness import enrol

pytestmark = pytest.mark.browser

def screenshot(page, tmp_path: Path, name: str) -> Path:
    """A picture of the page as drawn (the README's come from the demo data: test_development_sign_in)."""
    target = tmp_path / name
    page.screenshot(path=str(target), full_page=False)
    return target


@pytest.fixture
def seeded(bot, file_request):
    """A few requests in Thoen and Mueang Lampang, some located, and Thoen's forum scheduled."""
    schedule_forum(bot, "5208")
    refs = [
        file_request(bot.line.add_user(), text="ถนนลูกรังพัง ขอลาดยาง", lat=17.6235, lon=99.2212),
        file_request(bot.line.add_user(), text="ขอทำถนนลาดยาง ถนนพังมาก", lat=17.6251, lon=99.2190),
        file_request(bot.line.add_user(), text="ขอไฟส่องสว่างหน้าโรงเรียน โทร 081-234-5678", category="electricity"),
        file_request(bot.line.add_user(), text="ขอขุดลอกคลองส่งน้ำ", district="5201", tambon="520101",
                     category="water", lat=18.2888, lon=99.4908),
    ]
    return refs


def test_the_map_draws_every_district_and_tambon_shaded_by_count_with_points(bot, browser_page, seeded,
                                                                             tmp_path):
    sign_in(browser_page, bot, enrol(bot, "แอดมิน", "admin"))
    browser_page.get_by_test_id("nav-map").click()

    svg = browser_page.get_by_test_id("map")
    assert svg.locator("[data-testid^=district-]").count() == 13
    assert svg.locator("[data-testid^=tambon-]").count() == 100
    assert browser_page.get_by_test_id("tambon-520806").get_attribute("data-count") == "3"
    assert browser_page.get_by_test_id("tambon-520101").get_attribute("data-count") == "1"
    assert "shade-5" in browser_page.get_by_test_id("tambon-520806").get_attribute("class")
    assert svg.locator("[data-testid^=point-]").count() == 3
    assert svg.bounding_box()["width"] > 600
    assert screenshot(browser_page, tmp_path, "console-map.png").stat().st_size > 20_000

    browser_page.get_by_test_id("filter-category").select_option("water")
    browser_page.get_by_test_id("apply-filters").click()
    assert browser_page.get_by_test_id("tambon-520806").get_attribute("data-count") == "0"
    assert svg.locator("[data-testid^=point-]").count() == 1


def test_the_queue_screenshot_shows_the_filters_and_rows(bot, browser_page, seeded, tmp_path):
    sign_in(browser_page, bot, enrol(bot, "สมชาย", "triager"))
    for ref in seeded:
        assert browser_page.get_by_test_id(f"row-{ref}").is_visible()
    browser_page.get_by_test_id("filter-text").fill("ลาดยาง")
    browser_page.get_by_test_id("apply-filters").click()
    assert [browser_page.get_by_test_id(f"row-{ref}").count() for ref in seeded] == [1, 1, 0, 0]
    browser_page.goto(bot.url + "/console/queue")
    assert screenshot(browser_page, tmp_path, "console-queue.png").stat().st_size > 20_000


def test_the_forum_agenda_groups_folds_duplicates_and_prints_to_a_clean_a4_pdf(bot, browser_page, seeded,
                                                                              tmp_path):
    first, second, lights, _ = seeded
    sign_in(browser_page, bot, enrol(bot, "แอดมิน", "admin"))
    bulk(browser_page, [first, lights], "accept")
    browser_page.goto(bot.url + "/console/queue")
    bulk(browser_page, [second], "dup", original=first)

    browser_page.goto(bot.url + "/console/agenda")
    browser_page.get_by_test_id("forum-5208").click()

    assert browser_page.get_by_test_id("item").count() == 2
    assert browser_page.get_by_test_id("folded").count() == 1
    assert "2" in browser_page.get_by_test_id("item").first.inner_text()  # the road: two supporters
    assert screenshot(browser_page, tmp_path, "console-agenda.png").stat().st_size > 10_000
    browser_page.emulate_media(media="print")
    assert not browser_page.get_by_test_id("nav-queue").is_visible()
    assert not browser_page.get_by_test_id("download-xlsx").is_visible()
    pdf = browser_page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    browser_page.emulate_media(media="screen")

    xlsx = browser_page.request.get(bot.url + browser_page.get_by_test_id("download-xlsx").get_attribute("href"))
    csv = browser_page.request.get(bot.url + browser_page.get_by_test_id("download-csv").get_attribute("href"))
    assert xlsx.ok and xlsx.body()[:2] == b"PK"
    assert csv.ok and first in csv.text() and second in csv.text()


def test_the_week_shows_the_summary_numbers_and_chart_for_this_and_past_weeks(bot, browser_page, seeded):
    sign_in(browser_page, bot, enrol(bot, "นายก", "official"))
    browser_page.get_by_test_id("nav-week").click()

    assert browser_page.get_by_test_id("week-new").inner_text() == "4"
    chart = browser_page.get_by_test_id("week-chart")
    chart.scroll_into_view_if_needed()
    browser_page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
    browser_page.get_by_test_id("week-previous").click()
    assert browser_page.get_by_test_id("week-new").inner_text() == "0"


def test_an_official_may_look_but_not_change(bot, browser_page, seeded):
    sign_in(browser_page, bot, enrol(bot, "นายก", "official"))
    token = browser_page.locator("input[name=csrf_token]").first.input_value()

    answer = browser_page.request.post(f"{bot.url}/console/queue/bulk",
                                       form={"csrf_token": token, "action": "accept", "pick": f"{seeded[0]}:1"})

    assert answer.status == 403
    assert browser_page.goto(f"{bot.url}/console/r/{seeded[0]}").ok
    assert browser_page.get_by_test_id("request-action").count() == 0


def test_the_console_fits_a_phone(bot, chromium, seeded):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="th-TH")
    page = context.new_page()
    sign_in(page, bot, enrol(bot, "สมชาย", "triager"))

    width = page.evaluate("document.documentElement.scrollWidth")

    assert width <= 400 and page.get_by_test_id(f"row-{seeded[0]}").is_visible()
    context.close()


def test_dates_in_the_queue_filter_by_the_day_they_were_made(bot, browser_page, seeded):
    sign_in(browser_page, bot, enrol(bot, "สมชาย", "triager"))
    tomorrow = (bot.runtime.now().astimezone(bot.runtime.tz) + timedelta(days=1)).date().isoformat()
    browser_page.goto(f"{bot.url}/console/queue?from={tomorrow}")
    assert browser_page.get_by_test_id("queue-empty").is_visible()


def test_the_queue_filters_by_a_tambon_named_or_coded_and_by_category(bot, browser_page, seeded):
    sign_in(browser_page, bot, enrol(bot, "สมชาย", "triager"))

    browser_page.goto(f"{bot.url}/console/queue?tambon=นาโป่ง")
    by_name = [browser_page.get_by_test_id(f"row-{ref}").count() for ref in seeded]
    browser_page.goto(f"{bot.url}/console/queue?tambon=520101&status=")
    by_code = [browser_page.get_by_test_id(f"row-{ref}").count() for ref in seeded]
    browser_page.goto(f"{bot.url}/console/queue?category=electricity")
    by_category = [browser_page.get_by_test_id(f"row-{ref}").count() for ref in seeded]

    assert (by_name, by_code, by_category) == ([1, 1, 1, 0], [0, 0, 0, 1], [0, 0, 1, 0])


def test_the_request_page_shows_photos_only_to_staff_of_its_district(bot, chromium, seeded):
    from sqlalchemy import select

    from storage.models import Attachment, Request

    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
           b"\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND"
           b"\xaeB`\x82")
    folder = bot.runtime.settings.instance_path / "media"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "photo.png").write_bytes(png)
    with bot.session() as session, session.begin():
        request = session.scalar(select(Request).where(Request.ref == seeded[0]))
        session.add(Attachment(request=request, kind="image", line_message_id="m-1", state="stored",
                               content_type="image/png", size=len(png), path="media/photo.png"))
    pages, contexts = [], [chromium.new_context(), chromium.new_context()]
    for context, (name, districts) in zip(contexts, (("ในเขต", ["5208"]), ("นอกเขต", ["5201"])), strict=True):
        page = context.new_page()
        sign_in(page, bot, enrol(bot, name, "triager", districts=districts))
        pages.append((page, page.goto(f"{bot.url}/console/r/{seeded[0]}")))

    (inside, shown), (outside, refused) = pages
    assert shown.ok and inside.get_by_test_id("photo").evaluate("img => img.naturalWidth") == 1
    photo = inside.request.get(bot.url + inside.get_by_test_id("photo").get_attribute("src"))
    assert photo.headers["content-type"] == "image/png" and photo.headers["x-content-type-options"] == "nosniff"
    assert refused.status == 404
    assert outside.request.get(bot.url + inside.get_by_test_id("photo").get_attribute("src")).status == 404
    for context in contexts:
        context.close()


def test_mangled_numbers_in_a_filter_or_a_form_are_ignored_not_a_server_error(bot, browser_page, seeded):
    sign_in(browser_page, bot, enrol(bot, "สมชาย", "triager"))
    token = browser_page.locator("input[name=csrf_token]").first.input_value()

    listed = browser_page.goto(f"{bot.url}/console/queue?forum=99999999999999999999999")
    changed = browser_page.request.post(f"{bot.url}/console/queue/bulk", form={
        "csrf_token": token, "action": "accept", "pick": f"{seeded[0]}:²"})

    assert listed.status == 200 and browser_page.get_by_test_id(f"row-{seeded[0]}").count() == 1
    assert changed.status == 200 and 'data-changed="yes"' in changed.text()
