"""Per-city progress reports: parameterised notebooks run by papermill, offline HTML.

`stkit.reports.batch` makes reports end to end (`report_one`, `plan_all`,
`report_all`); `runner` executes notebooks (retries, workers, atomic writes);
`html` renders an executed notebook to one offline page; `city` and `overview`
hold the sections the notebooks display. Layout: `<out>/<unit>/<year>/<lang>/` with
`report.html`, `report.ipynb`, `headline.json`; `<out>/manifest.json` per run.
"""
