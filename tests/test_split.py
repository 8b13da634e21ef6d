from tasks.evaluate.split import half_of


def test_the_half_depends_on_the_base_name_alone():
    assert half_of("html/page-001.html.gz") == half_of("/elsewhere/page-001.html.gz")


def test_names_fall_into_both_halves_about_evenly():
    halves = [half_of(f"page-{n:04d}.html") for n in range(1000)]
    assert 430 < halves.count("tune") < 570
    assert set(halves) == {"tune", "check"}
