"""zeef: keeps Dutch social-domain case dossiers as small as the law requires."""

__version__ = "0.1.0"
