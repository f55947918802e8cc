"""The public site as plain data, from the gated catalogue: the directory's listings and pages, the
home page's portal, what an entry's template shows, the head's meta tags, the navigation, the QR
codes; the build model that holds them for one build. No MkDocs here: the glue turns this into
pages and sections."""
