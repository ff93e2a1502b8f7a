"""The lixcheck review web app (Flask). Installed as the package ``lixcheck.web``."""
