from crimeplan.analytics.significance import compare_counts
from crimeplan.performance.narrative import change


def test_change_reads_as_english_whatever_the_size_of_the_change():
    """The rate ratio, in words that fit "Against the same period a year before, N records: ..."."""
    assert change(compare_counts(120, 100)) == "a 20% higher rate"
    assert change(compare_counts(97, 100)) == "a 3% lower rate"
    assert change(compare_counts(1002, 1000)) == "about the same rate"
    assert change(compare_counts(100, 100, current_exposure=2.0)) == "a 50% lower rate"
