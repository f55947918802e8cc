"""The national website inspection (《政府网站与政务新媒体检查指标》, 国办秘函〔2019〕19号) run on the
catalogue before anything is published: `gongkai inspect` and the build's report.

Inspectors and vendors' robots find stale and empty columns, wording errors, missing 解读 and expired
documents on the live site; the generator holds the whole catalogue and finds them first. Only the
gated catalogue is read (what the site publishes, redactions already cut), so nothing withheld can
reach a finding.

- `subject.py`: what is inspected (the published catalogue, the plain pages, the date, addresses);
- `findings.py`: verdicts, findings, the outcome of each rule, the whole inspection;
- `texts.py`: every public text with its file and line; `wording.py`: the dictionary of wrong
  expressions and its scan; `links.py`: the links written in content;
- `rules.py`: the rules, each naming its indicator;
- `statistics.py`: the annual report's table 二 derived from the catalogue and compared, items per
  publisher and month, the 政府网站工作年度报表's figures;
- `score.py`: the score out of 100 and the vetoes; `chart.py`: the bar chart's geometry;
- `writers.py` (with `templates/report.html`): the HTML page, the JSON, the annotations;
- `inspector.py`: all of it run in order.
"""
