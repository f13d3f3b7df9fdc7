"""Role boundaries: what each role may open, by URL as well as in the menu."""

from __future__ import annotations

import pytest

from tests.admin.conftest import add_complaint

AREAS = {
    "/admin/": {"admin", "pattani", "ombudsman"},
    "/admin/complaints/": {"admin", "pattani", "ombudsman"},
    "/admin/agent-requests/": {"admin", "pattani"},
    "/admin/broadcasts/": {"admin", "pattani"},
    "/admin/broadcasts/new": {"admin", "pattani"},
    "/admin/volunteers/": {"admin", "pattani"},
    "/admin/volunteers/export": {"admin", "pattani"},
    "/admin/unsure/": {"admin", "pattani"},
    "/admin/content/": {"admin"},
    "/admin/audit": {"admin"},
}
MENU = {
    "/admin/agent-requests/": "คำขอคุยกับเจ้าหน้าที่",
    "/admin/broadcasts/": "ประกาศข่าว",
    "/admin/volunteers/": "อาสาสมัคร",
    "/admin/unsure/": "ข้อความที่บอทไม่แน่ใจ",
    "/admin/content/": "เนื้อหา",
    "/admin/audit": "บันทึกการใช้งาน",
}


@pytest.mark.parametrize("user", ["admin", "pattani", "ombudsman"])
def test_each_role_opens_exactly_its_areas_and_its_menu_shows_exactly_those(
    app, clients, user
) -> None:
    client = clients[user]
    for url, allowed in AREAS.items():
        expected = 200 if user in allowed else 403
        assert client.get(url).status_code == expected, (user, url)
    page = client.get("/admin/").get_data(as_text=True)
    menu = page[page.index('<nav id="mainnav"') : page.index("</nav>")]
    for url, label in MENU.items():
        assert (f'href="{url}"' in menu) == (user in AREAS[url]), (user, url)
        if user not in AREAS[url]:
            assert label not in menu


def test_a_forbidden_page_says_so_in_thai(app, clients) -> None:
    response = clients["ombudsman"].get("/admin/broadcasts/")
    assert response.status_code == 403
    assert "ไม่มีสิทธิ์" in response.get_data(as_text=True)


def test_officers_see_only_complaints_of_their_own_provinces(app, clients) -> None:
    pattani = add_complaint(app, province="94", details="เรื่องที่ปัตตานี")
    yala = add_complaint(app, province="95", details="เรื่องที่ยะลา")

    listing = clients["pattani"].get("/admin/complaints/").get_data(as_text=True)
    assert pattani in listing and yala not in listing
    assert clients["pattani"].get(f"/admin/complaints/{pattani}").status_code == 200
    assert clients["pattani"].get(f"/admin/complaints/{yala}").status_code == 403
    assert clients["yala"].get(f"/admin/complaints/{yala}").status_code == 200
    both = clients["admin"].get("/admin/complaints/").get_data(as_text=True)
    assert pattani in both and yala in both


def test_the_ombudsman_sees_its_categories_in_every_province_and_nothing_else(app, clients) -> None:
    agency_yala = add_complaint(app, category="state_agency", province="95")
    agency_pattani = add_complaint(app, category="state_agency", province="94")
    wages = add_complaint(app, category="wages_dismissal", province="94")

    listing = clients["ombudsman"].get("/admin/complaints/").get_data(as_text=True)
    assert agency_yala in listing and agency_pattani in listing and wages not in listing
    assert clients["ombudsman"].get(f"/admin/complaints/{wages}").status_code == 403
    assert clients["ombudsman"].get(f"/admin/complaints/{agency_yala}").status_code == 200


def test_out_of_scope_status_changes_and_exports_are_refused(app, clients, line) -> None:
    yala = add_complaint(app, province="95")
    from tests.admin.conftest import post

    response = post(clients["pattani"], f"/admin/complaints/{yala}/status", {"status": "resolved"})
    assert response.status_code == 403
    assert line.pushes == []
    exported = clients["pattani"].get("/admin/complaints/export").get_data(as_text=True)
    assert yala not in exported


def test_an_officer_cannot_address_everyone_or_another_province(app, clients) -> None:
    from tests.admin.conftest import post

    client = clients["pattani"]
    assert post(client, "/admin/broadcasts/", {"text": "ข่าว", "action": "draft"}).status_code == 403
    assert (
        post(
            client, "/admin/broadcasts/", {"text": "ข่าว", "provinces": "95", "action": "draft"}
        ).status_code
        == 403
    )
    assert client.get("/admin/broadcasts/count").get_json()["count"] is None
    ok = post(client, "/admin/broadcasts/", {"text": "ข่าว", "provinces": "94", "action": "draft"})
    assert ok.status_code == 302
