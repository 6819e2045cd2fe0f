"""The gazetteer's lookups and point-in-polygon location."""

import shapely

import nlp


def test_the_gazetteer_lists_thirteen_districts_in_code_order_with_one_hundred_tambons():
    districts = nlp.gazetteer().districts
    assert [d.code for d in districts] == [f"52{n:02d}" for n in range(1, 14)]
    assert sum(len(d.tambons) for d in districts) == 100


def test_find_district_accepts_a_code_a_name_an_abbreviation_and_a_slip():
    gazetteer = nlp.gazetteer()
    assert gazetteer.find_district("5203").name_th == "เกาะคา"
    assert gazetteer.find_district("เกาะคา").code == "5203"
    assert gazetteer.find_district("อ.เมือง").code == "5201"
    assert gazetteer.find_district("เสริมงาน").code == "5204"
    assert gazetteer.find_district("Mae Moh").code == "5202"
    assert gazetteer.find_district("ไม่มีที่นี่") is None


def test_find_tambon_can_be_limited_to_one_district():
    gazetteer = nlp.gazetteer()
    assert gazetteer.find_tambon("นาแก้ว").code == "520302"
    assert gazetteer.find_tambon("แม่ทะ", district_code="5210").code == "521001"
    assert gazetteer.find_tambon("นาแก้ว", district_code="5205") is None


def test_a_point_inside_a_tambon_is_located_there():
    tambon = nlp.gazetteer().tambon("520301")
    located = nlp.locate(tambon.lat, tambon.lon)
    assert (located.district_code, located.tambon_code, located.distance_km) == ("5203", "520301", 0.0)


def test_every_tambon_reference_point_falls_in_its_own_tambon():
    for tambon in nlp.gazetteer().tambons:
        assert nlp.locate(tambon.lat, tambon.lon).tambon_code == tambon.code


def test_a_point_just_outside_the_border_goes_to_the_nearest_tambon():
    from nlp import loader

    locator = loader.locator()
    west_edge = min(range(len(locator.polygons)), key=lambda i: locator.polygons[i].bounds[0])
    lon, lat = min(shapely.get_coordinates(locator.polygons[west_edge]).tolist())
    located = nlp.locate(lat, lon - 0.005)  # about half a kilometre west of Lampang's westernmost vertex
    assert located is not None
    assert 0 < located.distance_km <= 2.0


def test_a_point_far_outside_lampang_is_not_located():
    assert nlp.locate(13.7563, 100.5018) is None  # Bangkok
    assert nlp.locate(18.79, 98.98) is None  # Chiang Mai city


def test_impossible_coordinates_are_not_located():
    assert nlp.locate(float("nan"), 99.5) is None
    assert nlp.locate(123.0, 99.5) is None
