"""The grid: binning by arithmetic, masks from boundaries and from map points, exports."""

import json

import numpy as np
import pytest

from crimeplan.analytics.grids import Grid, grid_from_points, to_bng, to_lonlat
from crimeplan.analytics.hotspots.data import force_grid, load_events


def small_grid():
    mask = np.ones((3, 4), dtype=bool)
    mask[1, 2] = False  # one cell outside the area
    return Grid(1000.0, 2000.0, 100.0, mask)


def test_points_are_binned_to_the_active_cell_they_fall_in():
    grid = small_grid()
    x = [1000.0, 1050.0, 1399.9, 1250.0, 999.9, 1400.0, 1000.0, np.nan]
    y = [2000.0, 2099.9, 2299.9, 2150.0, 2000.0, 2000.0, 2300.0, 2000.0]
    # row-major from the south-west, cell (1, 2) masked: active index of (row 2, col 3) is 10
    assert grid.locate(x, y).tolist() == [0, 0, 10, -1, -1, -1, -1, -1]
    assert grid.counts(x, y).tolist() == [2.0] + [0.0] * 9 + [1.0]
    assert grid.n_cells == 11


def test_rasters_round_trip_and_neighbours_are_queen_contiguity():
    grid = Grid(0.0, 0.0, 10.0, np.ones((3, 3), dtype=bool))
    values = np.arange(9.0)
    assert grid.from_raster(grid.to_raster(values)).tolist() == values.tolist()
    degree = np.diff(grid.neighbours().indptr)
    assert degree.reshape(3, 3).tolist() == [[3, 5, 3], [5, 8, 5], [3, 5, 3]]


def test_exports_name_cells_by_their_british_national_grid_corner():
    grid = small_grid()
    table = grid.centres_table()
    assert table.height == 11
    assert table.row(0, named=True)["cell_id"] == "100m-E1000-N2000"
    assert (table.row(0, named=True)["easting"], table.row(0, named=True)["northing"]) == (1050.0, 2050.0)
    collection = json.loads(json.dumps(grid.to_geojson({"risk": np.arange(11.0)}, index=[10])))
    feature = collection["features"][0]
    assert feature["properties"] == {"cell": 10, "cell_id": "100m-E1300-N2200", "risk": 10.0}
    assert feature["geometry"]["type"] == "Polygon"
    assert collection["properties"]["crs"] == "EPSG:27700"


def test_projection_round_trips_to_a_millimetre():
    lon, lat = np.array([-3.0553, -2.7, -1.13]), np.array([53.8159, 53.76, 52.63])
    x, y = to_bng(lon, lat)
    back_lon, back_lat = to_lonlat(x, y)
    assert np.allclose(back_lon, lon, atol=1e-8) and np.allclose(back_lat, lat, atol=1e-8)
    assert 330_000 < x[0] < 332_000 and 435_000 < y[0] < 437_000  # Blackpool Tower, SD 306 359


def test_bad_grids_are_refused():
    with pytest.raises(ValueError, match="cell_size"):
        Grid(0.0, 0.0, 0.0, np.ones((2, 2), dtype=bool))
    with pytest.raises(ValueError, match="located points"):
        grid_from_points([np.nan], [np.nan])


def test_boundary_grid_holds_the_forces_located_records(loaded_lib_store):
    grid = force_grid(loaded_lib_store, "lancashire")
    assert grid.rule == "boundaries" and grid.cell_size == 150
    assert (grid.x0 % 150, grid.y0 % 150) == (0.0, 0.0)
    rows = loaded_lib_store.query(
        "SELECT longitude, latitude FROM street WHERE attribution = 'lsoa' AND longitude IS NOT NULL",
        max_rows=1_000_000,
    ).rows
    x, y = to_bng([r[0] for r in rows], [r[1] for r in rows])
    assert (grid.locate(x, y) >= 0).mean() == 1.0
    assert 3_000 < grid.area_km2 < 3_300  # Lancashire is about 3,075 km²; edge cells add a little


def test_point_grid_keeps_cells_near_points_only(loaded_lib_store):
    events = load_events(loaded_lib_store, "lancashire", "Burglary", "2022-07", "2022-07")
    grid = grid_from_points(events.easting, events.northing, 150.0, 300.0)
    assert (grid.locate(events.easting, events.northing) >= 0).all()
    far = grid.locate(events.easting + 600.0, events.northing + 600.0)
    assert (far == -1).any()
    assert grid.rule == "events"
