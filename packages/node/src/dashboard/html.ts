/** The dashboard's shell: everything else is drawn by the bundled /dashboard/app.js from the API's own data. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ThermoTruth node</title>
<link rel="stylesheet" href="/dashboard/app.css">
</head>
<body>
<header><h1>ThermoTruth <span id="network"></span></h1><div id="summary">connecting…</div></header>
<main>
<section class="charts" id="charts"></section>
<section class="tables">
<div><h2>Committee</h2><table id="committee"><thead><tr><th>author</th><th>role</th><th>gossip score</th><th>in mesh</th></tr></thead><tbody></tbody></table></div>
<div><h2>Peers</h2><table id="peers"><thead><tr><th>peer</th><th>direction</th><th>state</th><th>gossip score</th></tr></thead><tbody></tbody></table></div>
<div><h2>Evictions</h2><table id="evictions"><thead><tr><th>epoch</th><th>author</th><th>until epoch</th><th>reputation</th></tr></thead><tbody></tbody></table></div>
<div><h2>Recent epochs</h2><table id="epochs"><thead><tr><th>epoch</th><th>T</th><th>H (bits)</th><th>endorsements</th><th>latency</th><th>certificate</th></tr></thead><tbody></tbody></table></div>
</section>
</main>
<script type="module" src="/dashboard/app.js"></script>
</body>
</html>
`
