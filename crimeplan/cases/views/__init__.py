"""Case work pages: thin views (permission → form → service or selector → render)."""
