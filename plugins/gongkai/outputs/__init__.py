"""Files the build writes beside the pages, all from the gated catalogue: Atom feeds, catalogue.json
and catalogue.csv and the tables' CSV files, the nginx include (CSP, 301, 410), precompressed
files, the 繁體 table; and the checks over what was written: links, and the build report."""
