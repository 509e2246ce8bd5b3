"""crimeplan.analytics: the pure analysis library behind crimeplan.

It reads data.police.uk files, keeps crime events in a Parquet store queried
with DuckDB, and attributes them to the ONS geography. It never imports
Django (an import-linter contract checks this), so an analyst can install the
package and use it from a notebook::

    from crimeplan.analytics.store import Store
    store = Store("var/store")
    store.query("SELECT crime_type, count(*) FROM street GROUP BY 1").rows
"""
