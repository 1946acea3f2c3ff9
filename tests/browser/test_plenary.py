"""The plenary of one table in real Chromium: the facilitator merges post-its (select and
"Samenvoegen", and drag one onto another), opens a dot vote, a participant on a phone
votes (by touch and by keyboard), the facilitator reveals and makes an action point from
the top cluster; the projector shows the headings with clusters, votes and actions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bots import Bots, open_as_facilitator, open_projector
from browser_steps import join, three_sizes, wait_phase
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CARDS = ["leerklimaat/veiligheid", "leerklimaat/autonomie"]
TIME_A = "Geen tijd om te leren naast het werk"
TIME_B = "Er is geen tijd om te leren, het werk gaat voor"
GREEN_A = "We doen al intervisie in het team"
GREEN_B = "<b>Collega's</b> geven elkaar feedback"


def test_clusters_votes_and_actions(
    server: Any, bots: Bots, new_context: Any, screenshots: Path
) -> None:
    host, created = bots.create_room("schaal-5", CARDS)
    code = created["code"]
    fac = open_as_facilitator(new_context(1366, 768), base=server.url, created=created)
    dialogs: list[str] = []
    phone = join(new_context(390, 844, touch=True), server.url, code, "Cas", dialogs)
    anna, bram = bots.join(code, ["Anna", "Bram"])
    projector = open_projector(new_context(1920, 1080), server.url, created)

    # The game, played by the bots: two pink needs, two green post-its, sorted.
    bots.do(host, "start")
    bots.do(host, "next_step")
    ids = {
        text: bots.do(who, "add_post_it", colour=colour, text=text)["result"]["post_it_id"]
        for who, colour, text in (
            (anna, "pink", TIME_A),
            (bram, "pink", TIME_B),
            (anna, "green", GREEN_A),
            (bram, "green", GREEN_B),
        )
    }
    while host.view["phase"] != "sort":
        bots.do(host, "next_step")
    for text in (TIME_A, TIME_B):
        bots.do(host, "resolve_post_it", post_it_id=ids[text])
    bots.do(host, "set_pile", item="card", id=CARDS[0], pile="red")
    bots.do(host, "next_step")
    wait_phase([fac, phone, projector], "summary")

    # The three headings, each item once; the suggestion names the likely duplicates.
    develop = fac.get_by_test_id("summary-red")
    present = fac.get_by_test_id("summary-green")
    expect(
        fac.get_by_role("heading", name="Elementen die nog ontwikkeld dienen te worden (3)")
    ).to_be_visible()
    expect(fac.get_by_role("heading", name="Vragen die zijn blijven liggen (0)")).to_be_visible()
    expect(fac.get_by_test_id("suggestions")).to_contain_text(TIME_A)
    expect(present).to_contain_text(GREEN_B)  # as text, never markup

    # Select and "Samenvoegen", with a name: a cluster of two.
    develop.get_by_role("checkbox", name=f"Selecteer: {TIME_A}").check()
    develop.get_by_role("checkbox", name=f"Selecteer: {TIME_B}").check()
    fac.get_by_test_id("cluster-name").fill("Tijd om te leren")
    fac.get_by_role("button", name="Samenvoegen (2)").click()
    # has_text ignores case: both post-its hold "tijd om te leren"; the cluster is the one.
    cluster = develop.locator(".plenary-item-cluster")
    expect(cluster).to_contain_text("2 post-its")
    expect(cluster).to_contain_text(TIME_B)

    # Drag one green post-it onto the other: a cluster; split it again.
    source = present.get_by_test_id("plenary-item").filter(has_text=GREEN_B)
    target = present.get_by_test_id("plenary-item").filter(has_text=GREEN_A)
    source.drag_to(target)
    green_cluster = present.get_by_test_id("plenary-item").filter(has_text="2 post-its")
    expect(green_cluster).to_have_count(1)
    green_cluster.get_by_role("button", name="Cluster opheffen").click()
    expect(present.get_by_test_id("plenary-item")).to_have_count(2)

    # Dot voting: two dots each, several on one item allowed.
    controls = fac.get_by_test_id("voting-controls")
    controls.get_by_label("Stippen per deelnemer").select_option("2")
    controls.get_by_role("button", name="Stemronde openen").click()
    expect(phone.get_by_test_id("my-dots-left")).to_contain_text("Je hebt nog 2 van 2 stippen.")
    phone.get_by_role("button", name="Stip erbij: Tijd om te leren").click()
    expect(phone.get_by_test_id("my-dots-left")).to_contain_text("nog 1 van 2")
    add = phone.get_by_role("button", name="Stip erbij: Tijd om te leren")
    add.focus()
    phone.keyboard.press("Enter")  # the keyboard works as well as a tap
    expect(phone.get_by_test_id("my-dots-left")).to_contain_text("nog 0 van 2")
    expect(add).to_be_disabled()
    bots.do(anna, "place_dot", item="card", id=CARDS[0])
    expect(controls.get_by_test_id("voting-progress")).to_have_text(
        "3 stippen geplaatst door 2 deelnemers."
    )
    expect(fac.get_by_test_id("dot-total")).to_have_count(0)  # hidden, from the facilitator too
    expect(projector.get_by_test_id("projector-voting")).to_contain_text("3 stippen")
    three_sizes(phone, screenshots, "plenary-voting-player")
    controls.get_by_role("button", name="Stemmen tonen").click()

    # Revealed: most dots first, on every screen.
    top = develop.get_by_test_id("plenary-item").first
    expect(top).to_contain_text("Tijd om te leren")
    expect(top.get_by_test_id("dot-total")).to_have_text("● 2 stippen")
    projected = projector.get_by_test_id("summary-red").locator(".plenary-item").first
    expect(projected).to_contain_text("Tijd om te leren")
    expect(projected).to_contain_text("2 stippen")

    # The top cluster becomes an action point; the participant sees it on their phone.
    top.get_by_role("button", name="Actiepunt maken").click()
    form = fac.get_by_test_id("action-points")
    expect(form.get_by_test_id("ap-what")).to_have_value("Tijd om te leren")
    form.get_by_test_id("ap-what").fill("Elke week een leeruur")
    form.get_by_test_id("ap-who").fill("Teamleider")
    form.get_by_test_id("ap-first_step").fill("Agenda's vrijmaken")
    form.get_by_test_id("ap-evaluate_when").fill("Na de zomer")
    form.get_by_test_id("ap-submit").click()
    points = phone.get_by_test_id("summary-action-points")
    expect(points).to_contain_text("Elke week een leeruur")
    expect(points).to_contain_text("Van: Tijd om te leren")
    expect(projector.get_by_test_id("summary-action-points")).to_contain_text(
        "Elke week een leeruur"
    )

    three_sizes(fac, screenshots, "plenary-actions-facilitator")
    fac.get_by_test_id("plenary").scroll_into_view_if_needed()
    fac.evaluate("document.querySelector('[data-testid=plenary]').scrollIntoView()")
    three_sizes(fac, screenshots, "plenary-facilitator")
    three_sizes(projector, screenshots, "plenary-projector")
    three_sizes(phone, screenshots, "plenary-player")
    assert dialogs == []
