"""Static files storage: hashed, compressed names, with JavaScript module imports rewritten."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):  # type: ignore[misc]
    """Rewrites ``import ... from "./x.js"`` to hashed names, like CSS ``url()``."""

    support_js_module_import_aggregation = True
    manifest_strict = False
