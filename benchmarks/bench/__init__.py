"""`manage.py bench`: the site's pages under load at several sizes of organisation (run.py)."""
